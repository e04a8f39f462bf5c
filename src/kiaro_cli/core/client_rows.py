"""A client's rows inside a write: how they are made and how each change is recorded.

One function builds a new client row (:func:`new_client_row`) and one a contact
(:func:`contact_row`), for ``client add``, the CSV and vCard imports alike. A
changed field is written with its history line by :func:`apply_changes`, whichever
command changed it (edit, import update, merge). All of them run inside a
:class:`~kiaro_cli.storage.unit.Writer`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kiaro_cli.core.fields import CLIENT_FIELDS
from kiaro_cli.core.reach import Reach, add_missing_reach, write_reach
from kiaro_cli.core.records import MONEY_COLUMNS, ClientRecord, to_hundredths
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold, name_key, search_text_of
from kiaro_cli.words import first_upper

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client, Contact
    from kiaro_cli.storage.unit import Writer

# The client's email and phone also go to its primary contact when that contact has none.
PRIMARY_FILLED = ("email", "phone")
# Columns a new client row starts with when nothing else is said.
NEW_CLIENT_DEFAULTS: dict[str, Any] = {"status": "lead", "archived": False, "internal": False}
# What a client's draft invoices take from it until they are issued.
FOLLOWED_BY_DRAFTS = ("currency", "vat_rate")
ADDED_STATUS = "active"  # a client added with `client add` (its options or the editor), unless --status


@dataclass(frozen=True)
class Change:
    """One field of a client changed by a command."""

    field: str
    old: object
    new: object


def stored_columns(cleaned: Mapping[str, object]) -> dict[str, object]:
    """The client table's columns for cleaned field values (keys of the contract)."""
    columns: dict[str, object] = {}
    for key, value in cleaned.items():
        if key == "name":
            columns["name"], columns["name_key"] = str(value), name_key(str(value))
        elif key == "legal_name":
            columns["legal_name"] = value
            columns["legal_key"] = None if value is None else name_key(str(value))
        elif key == "vat_rate":
            columns["vat_rate_bp"] = None if value is None else to_hundredths(Decimal(str(value)))
        elif key in MONEY_COLUMNS:
            columns[MONEY_COLUMNS[key]] = None if value is None else to_hundredths(Decimal(str(value)))
        elif key == "internal":
            columns["internal"] = bool(value)
        else:
            columns[key] = value
    return columns


def check_dates(start: object, end: object) -> None:
    """A contract cannot end before it starts."""
    if start and end and str(end) < str(start):
        raise InvalidValue(f"end date {end} is before start date {start}")


def new_client_row(
    values: Mapping[str, object],
    at: str,
    *,
    stamps: Mapping[str, Any] | None = None,
    people: Sequence[tuple[str, str | None, str | None]] = (),
) -> dict[str, Any]:
    """The columns of a new client's row (the others are empty), from cleaned field values
    (the contact person aside: that is a contact) and the stamps an import keeps
    (``created_at``…, ``archived``).

    The search text already knows the primary contact the values name, and the further
    ``people`` (name, email, phone) an import adds with it (the first is that contact).
    """
    fields = {key: value for key, value in values.items() if key != "contact_person"}
    columns = stored_columns(fields)
    check_dates(columns.get("start_date"), columns.get("end_date"))
    contact = values.get("contact_person")
    email, phone = values.get("email"), values.get("phone")
    contacts = [(str(contact), _text(email), _text(phone))] if contact else []
    contacts += list(people)[len(contacts) :]
    return {
        **NEW_CLIENT_DEFAULTS,
        "created_at": at,
        "updated_at": at,
        "last_activity_at": at,
        **columns,
        **(stamps or {}),
        "search_text": search_text_of(values, contacts),
    }


@dataclass(frozen=True)
class Person:
    """Someone at a client, as a command or an import names them: a contact to be."""

    name: str
    email: str | None = None
    phone: str | None = None
    job_title: str | None = None
    role: str | None = None
    given_name: str | None = None  # as a vCard's N gives them
    family_name: str | None = None
    # every email and phone with its label, the first being ``email`` and ``phone`` (a vCard's)
    emails: tuple[Reach, ...] = ()
    phones: tuple[Reach, ...] = ()
    birthday: str | None = None  # as kept (a vCard's BDAY, cleaned)


def contact_row(client_id: int, person: Person, at: str, *, primary: bool) -> dict[str, Any]:
    """The row of a new contact."""
    return {
        "client_id": client_id,
        "name": person.name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "email": person.email,
        "phone": person.phone,
        "job_title": person.job_title,
        "role": person.role or "other",
        "birthday": person.birthday,
        "is_primary": primary,
        "created_at": at,
    }


def _text(value: object) -> str | None:
    return str(value) if value else None


def join_notes(kept: str | None, more: str | None) -> str | None:
    """Notes joined, never replaced (a merge, an import's update): ``more`` under ``kept``
    after a blank line, unless ``kept`` already holds it as a paragraph of its own."""
    if not kept or not more:
        return kept or more
    if f"\n\n{more}\n\n" in f"\n\n{kept}\n\n":
        return kept
    return f"{kept}\n\n{more}"


# ---------------------------------------------------------------- inside a write


def create_primary_contact(w: Writer, client: Client, name: str) -> None:
    """The client's first contact, named, with the client's email and phone."""
    from kiaro_cli.storage.rows import Contact

    assert client.id is not None
    person = Person(name, _text(client.email), _text(client.phone))
    contact = Contact(**contact_row(client.id, person, w.at, primary=True))
    w.add(contact)
    w.flush()
    w.journal.log(client, "contact added", f"Contact {name} added (primary)", contact_id=contact.id)


def add_person(w: Writer, client: Client, person: Person, fresh: set[int], *, how: str) -> bool:
    """Add the person as a contact unless the client already has them: the same name, or
    an email a contact had before this command (``fresh`` holds the ids it added: two
    people of one file may share an address); one already there is given the emails and
    phones (and the birthday) it lacks. The client's first contact is primary."""
    from kiaro_cli.storage.rows import Contact

    assert client.id is not None
    existing = w.contacts.of_client(client.id)
    same = next((c for c in existing if _is_them(c, person, fresh)), None)
    if same is not None:
        filled = [f"{kind}s" for kind, entries in (("email", person.emails), ("phone", person.phones))
                  if add_missing_reach(w, same, kind, entries)]  # fmt: skip
        if person.birthday and not same.birthday:
            same.birthday = person.birthday
            w.add(same)
            filled.append("birthday")
        if filled:
            detail = f"Contact {same.name}: {' and '.join(filled)} added ({how})"
            w.journal.log(client, "contact changed", detail, contact_id=same.id)
            refresh_search_text(w, client)
        return False
    contact = Contact(**contact_row(client.id, person, w.at, primary=not existing))
    w.add(contact)
    w.flush()
    for kind, entries in (("email", person.emails), ("phone", person.phones)):
        if entries:
            write_reach(w, contact, kind, entries)
    w.journal.log(client, "contact added", f"Contact {person.name} added ({how})", contact_id=contact.id)
    assert contact.id is not None
    fresh.add(contact.id)
    return True


def _is_them(contact: Contact, person: Person, fresh: set[int]) -> bool:
    """Whether a contact is the person: the same name, or an email it had before this command."""
    if fold(contact.name) == fold(person.name):
        return True
    return bool(
        person.email
        and contact.email
        and contact.id not in fresh
        and fold(contact.email) == fold(person.email)
    )


def apply_changes(
    w: Writer, client: Client, before: ClientRecord, cleaned: Mapping[str, object]
) -> tuple[Change, ...]:
    """Write the cleaned values that differ from ``before``, each with its activity row.

    The contact person comes last, so that a primary contact it creates takes the
    email and phone given with it, whatever the order they were typed in.
    """
    changes = tuple(
        sorted(
            (
                Change(key, before[key], value)
                for key, value in cleaned.items()
                if _differs(before[key], value)
            ),
            key=lambda change: change.field == "contact_person",
        )
    )
    for change in changes:
        _record_change(w, client, change)
    check_dates(client.start_date, client.end_date)  # as they end up: a start cleared bounds no end
    if changes:
        refresh_search_text(w, client)
    if any(change.field in FOLLOWED_BY_DRAFTS for change in changes):
        from kiaro_cli.core.draft_terms import follow_clients
        from kiaro_cli.core.settings import load_settings

        assert client.id is not None
        follow_clients(w, load_settings(w.reader), {client.id})
    return changes


def _differs(old: object, new: object) -> bool:
    return (old if old != "" else None) != (new if new != "" else None)


def _apply(client: Client, cleaned: Mapping[str, object]) -> None:
    for column, value in stored_columns(cleaned).items():
        setattr(client, column, value)


# The client's address fields, and the fields of its default address row that mirror them.
DEFAULT_ADDRESS_FIELDS = {
    "address_line1": "line1",
    "address_line2": "line2",
    "city": "city",
    "region": "region",
    "postal_code": "postal_code",
    "country": "country",
}


def _follow_on_default_address(w: Writer, client: Client, change: Change) -> None:
    """A client with address rows keeps its default row equal to its own address fields."""
    assert client.id is not None
    row = next((address for address in w.addresses.of_client(client.id) if address.is_default), None)
    key = DEFAULT_ADDRESS_FIELDS[change.field]
    if row is not None and getattr(row, key) != change.new:
        setattr(row, key, change.new)
        w.add(row)


def _record_change(w: Writer, client: Client, change: Change) -> None:
    from kiaro_cli.core.activity import show_value

    if change.field == "contact_person":
        _set_primary_name(w, client, str(change.new))
        return
    _apply(client, {change.field: change.new})
    if change.field in DEFAULT_ADDRESS_FIELDS:
        _follow_on_default_address(w, client, change)
    shown = f"{show_value(change.old)} → {show_value(change.new)}"
    facts = {"field": change.field, "old": change.old, "new": change.new}
    if change.field == "status":
        w.journal.log(client, "status changed", f"Status {change.old} → {change.new}", **facts)
    elif change.field == "follow_up_on":
        kind = "follow-up cleared" if change.new is None else "follow-up set"
        w.journal.log(client, kind, f"Follow-up {shown}", **facts)
    elif change.field == "cadence":
        from kiaro_cli.core.cadence import describe_cadence

        said = describe_cadence(str(change.new)) if change.new else "none"
        w.journal.log(client, "cadence set", f"Follow-up cadence: {said}", **facts)
    else:
        label = CLIENT_FIELDS[change.field].label
        w.journal.log(client, "field changed", f"{first_upper(label)}: {shown}", **facts)
        if change.field in PRIMARY_FILLED and change.new:
            _fill_primary(w, client, change.field, str(change.new))


def _fill_primary(w: Writer, client: Client, field: str, value: str) -> None:
    """Give the primary contact the client's new email or phone when it has none."""
    assert client.id is not None
    primary = w.contacts.primary_of(client.id)
    if primary is None or getattr(primary, field):
        return
    setattr(primary, field, value)
    w.add(primary)
    w.journal.log(
        client,
        "contact changed",
        f"Contact {primary.name}: {field} (empty) → {value}",
        contact_id=primary.id,
        field=field,
        old=None,
        new=value,
    )


def _set_primary_name(w: Writer, client: Client, name: str) -> None:
    assert client.id is not None
    primary = w.contacts.primary_of(client.id)
    if primary is None:
        create_primary_contact(w, client, name)
        return
    old, primary.name = primary.name, name
    w.add(primary)
    w.journal.log(
        client,
        "contact changed",
        f"Contact {old} renamed to {name}",
        contact_id=primary.id,
        field="name",
        old=old,
        new=name,
    )


def add_tag(w: Writer, client: Client, tag: str) -> None:
    from kiaro_cli.storage.rows import Tag

    assert client.id is not None
    w.add(Tag(client_id=client.id, name=tag, key=fold(tag)))
    w.journal.log(client, "tag added", f"Tag '{tag}' added", tag=tag)


def add_missing_tags(w: Writer, client: Client, tags: Sequence[str]) -> list[str]:
    """Add the tags a client does not have yet; return those added."""
    assert client.id is not None
    current = w.tags.of_client(client.id)
    added = [tag for tag in tags if fold(tag) not in current]
    for tag in added:
        add_tag(w, client, tag)
    return added


def refresh_search_text(w: Writer, client: Client) -> None:
    """Compute the client's search text again (after its fields or contacts changed)."""
    assert client.id is not None
    w.flush()
    people: list[tuple[str, str | None, str | None]] = []
    for contact in w.contacts.of_client(client.id):
        people.append((contact.name, contact.email, contact.phone))
        for row in w.reach.of_contact(contact.id):  # every email and phone beside the first
            people.append((contact.name, *((row.value, None) if row.kind == "email" else (None, row.value))))
    texts = [event.text for event in w.events.of_client(client.id)]
    texts += [document.name for document in w.documents.of_client(client.id)]
    client.search_text = search_text_of(client.values(), people, texts)
    w.add(client)
