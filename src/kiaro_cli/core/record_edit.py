"""A whole client record saved at once (the editor form): its fields, tags, custom values
and contacts, checked and written in one transaction through the same use cases as the
commands, so an error anywhere changes nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kiaro_cli.core.client_rows import ADDED_STATUS, refresh_search_text
from kiaro_cli.core.clients import add_client, edit_client, get_client
from kiaro_cli.core.contacts import add_contact, edit_contact, remove_contact
from kiaro_cli.core.reach import Reach, clean_reach, entries_of, read_labelled, write_reach
from kiaro_cli.core.records import ClientRecord, ContactRecord
from kiaro_cli.core.tags import add_tags, remove_tags
from kiaro_cli.declarations.client import CLIENT
from kiaro_cli.errors import InvalidValue, MissingFields
from kiaro_cli.search import fold

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target, Writer


@dataclass(frozen=True)
class ContactEntry:
    """A contact as the form has it: its id (None for a new one), fields, and primary."""

    id: int | None
    values: Mapping[str, str | None]
    primary: bool = False
    more_emails: tuple[str, ...] = ()  # the emails after the first, each "label:address"
    more_phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordChanges:
    """What differs between the form as written and as saved. ``tags`` and ``contacts``
    are the whole new lists, or None when they did not change."""

    fields: Mapping[str, str] = field(default_factory=dict)
    clear: Sequence[str] = ()
    custom: Mapping[str, str] = field(default_factory=dict)
    unset: Sequence[str] = ()
    tags: Sequence[str] | None = None
    contacts: Sequence[ContactEntry] | None = None

    @property
    def empty(self) -> bool:
        return not (self.fields or self.clear or self.custom or self.unset) and (
            self.tags is None and self.contacts is None
        )


def save_record(
    target: Target, reference: str | None, changes: RecordChanges, *, today: date
) -> ClientRecord:
    """Add a client (``reference`` None) or change one, with everything the form says, in
    one transaction."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        if reference is None:
            if not changes.fields.get("name"):
                raise InvalidValue("a client needs a name")
            record = add_client(
                w,
                {"status": ADDED_STATUS, **changes.fields},  # as `client add` does: active unless said
                tags=changes.tags or (),
                custom=changes.custom,
                full_form=False,
                today=today,
            )
            client_id = str(record.id)
        else:
            client_id = str(get_client(w.reader, reference).id)
            if changes.fields or changes.clear or changes.custom or changes.unset:
                edit_client(
                    w, client_id, changes.fields, clear=changes.clear, custom=changes.custom,
                    unset=changes.unset, today=today,
                )  # fmt: skip
            if changes.tags is not None:
                _set_tags(w, client_id, changes.tags)
        if changes.contacts is not None:
            _set_contacts(w, client_id, changes.contacts)
        saved = get_client(w.reader, client_id)
        if reference is None:
            _refuse_unless_invoice_ready(saved)
        return saved


def _refuse_unless_invoice_ready(added: ClientRecord) -> None:
    """A client added from the form is refused, as ``client add`` refuses one, while an
    invoice-ready field is empty (the contact person is the primary contact's name)."""
    if added.missing_fields:
        names = ", ".join(
            "contact person (a [[contacts]] table)" if key == "contact_person" else CLIENT.by_key[key].label
            for key in added.missing_fields
        )
        raise MissingFields(
            f"a new client needs every invoice-ready field, as client add does: {names}", added.missing_fields
        )


def _set_tags(w: Writer, client_id: str, tags: Sequence[str]) -> None:
    current = get_client(w.reader, client_id).tags
    gone = [tag for tag in current if fold(tag) not in {fold(t) for t in tags}]
    if gone:
        remove_tags(w, client_id, gone)
    if [tag for tag in tags if fold(tag) not in {fold(t) for t in current}]:
        add_tags(w, client_id, tags)


def _set_contacts(w: Writer, client_id: str, wanted: Sequence[ContactEntry]) -> None:
    from kiaro_cli.core.contacts import list_contacts

    current = {contact.id: contact for contact in list_contacts(w.reader, client_id)}
    unknown = [entry.id for entry in wanted if entry.id is not None and entry.id not in current]
    if unknown:
        raise InvalidValue(f"the client has no contact with id {unknown[0]} (leave id out for a new one)")
    kept = {entry.id for entry in wanted}
    for entry in wanted:
        contact_id = entry.id
        if contact_id is None:
            contact_id = add_contact(w, client_id, entry.values, primary=entry.primary).id
        elif changed := _changed(current[contact_id], entry):
            edit_contact(w, contact_id, changed, primary=entry.primary and not current[contact_id].primary)
        elif entry.primary and not current[contact_id].primary:
            edit_contact(w, contact_id, {}, primary=True)
        _set_more(w, contact_id, entry)
    for contact_id in current:
        if contact_id not in kept:
            remove_contact(w, contact_id)


def _set_more(w: Writer, contact_id: int, entry: ContactEntry) -> None:
    """The contact's emails and phones after the first, as the form lists them."""
    contact = w.contacts.get(contact_id)
    client = w.clients.get(contact.client_id)
    changed = False
    for kind, more in (("email", entry.more_emails), ("phone", entry.more_phones)):
        mine = entries_of(w, contact, kind)
        listed = read_labelled(";".join(more))
        wanted = [*mine[:1], *(Reach(clean_reach(kind, e.value, client.country), e.label) for e in listed)]
        if mine and wanted != mine:
            write_reach(w, contact, kind, wanted)
            shown = ", ".join(f"{e.value} ({e.label})" for e in wanted)
            said = f"Contact {contact.name}: {kind}s {shown}"
            w.journal.log(client, "contact changed", said, contact_id=contact_id)
            changed = True
        elif not mine and listed:
            raise InvalidValue(f"{contact.name} has no {kind} to come first: give {kind} before more_{kind}s")
    if changed:
        refresh_search_text(w, client)


def _changed(contact: ContactRecord, entry: ContactEntry) -> dict[str, str | None]:
    """The fields of a contact the form changed (an emptied one as ``""``, which clears it)."""
    before = contact.to_dict()
    return {
        key: value or "" for key, value in entry.values.items() if (before.get(key) or "") != (value or "")
    }
