"""Contacts of a client: the first is primary, exactly one is primary, the last stays."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.core.client_rows import refresh_search_text
from kiaro_cli.core.clients import contacts_of, load_client
from kiaro_cli.core.fields import CONTACT_FIELDS, CleanContext, clean_values
from kiaro_cli.core.reach import ReachChanges, change_reach, clean_reach, reach_of_contact, replace_first
from kiaro_cli.core.records import ContactRecord
from kiaro_cli.core.references import resolve_client
from kiaro_cli.core.workspace import Outcome, Workspace
from kiaro_cli.declarations.reach import KINDS
from kiaro_cli.errors import Conflict, InvalidValue, NotFound
from kiaro_cli.search import fold, name_key
from kiaro_cli.storage import queries, reach_queries
from kiaro_cli.storage.reader import Reader, by_id

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client, Contact
    from kiaro_cli.storage.unit import Target, Writer


@dataclass(frozen=True)
class RemoveResult:
    removed: ContactRecord
    promoted: ContactRecord | None


def list_contacts(reader: Reader, reference: str) -> list[ContactRecord]:
    """The contacts of the client ``reference`` names, primary first."""
    return contacts_of(reader, resolve_client(reader, reference))


EMAIL_KEYS = ("email", "name", "client")


@dataclass(frozen=True)
class EmailAddress:
    """An address to write to, whose it is, and at which client."""

    email: str
    name: str
    client: str

    def to_dict(self) -> dict[str, Any]:
        return {"email": self.email, "name": self.name, "client": self.client}


def find_email_addresses(reader: Reader, query: str) -> list[EmailAddress]:
    """Contacts' and clients' addresses whose address, person or client contains ``query``
    (any case or accent), each address once, by client."""
    wanted = fold(query.strip())
    if not wanted:
        raise InvalidValue("give part of a name, client or address to look for")
    params = {"false_flag": False, "primary_flag": True}
    found: dict[str, EmailAddress] = {}
    for row in reader.rows(reach_queries.EMAIL_ADDRESSES, params):
        if any(wanted in fold(row[key]) for key in EMAIL_KEYS):
            found.setdefault(row["email"].lower(), EmailAddress(row["email"], row["name"], row["client"]))
    if not found:
        raise NotFound(f"no contact or client with an email matches '{query.strip()}'")
    return list(found.values())


def namesake_warning(reader: Reader, contact: ContactRecord) -> str | None:
    """ "Acme already has a contact named Pieter Botha (#3)" when another contact of the
    client has this one's name (any case, accents or spacing); None otherwise."""
    key = name_key(contact.name)
    for other in contacts_of(reader, contact.client_id):
        if other.id != contact.id and name_key(other.name) == key:
            client = load_client(reader, contact.client_id)
            return f"{client.name} already has a contact named {other.name} (#{other.id})"
    return None


def get_contact(reader: Reader, contact_id: int) -> ContactRecord:
    row = by_id(reader, queries.CONTACT_BY_ID, contact_id)
    if row is None:
        raise NotFound(f"no contact with id {contact_id}")
    return ContactRecord.from_row(row, reach_of_contact(reader, contact_id))


def clean_contact_values(values: Mapping[str, str | None], country: str | None) -> dict[str, Any]:
    """The contact fields given (None: not given), cleaned; "" clears email, phone, title or role."""
    given = {key: value for key, value in values.items() if value is not None}
    return clean_values(CONTACT_FIELDS, given, CleanContext(clock.today(), country))


def check_new_contact(
    reader: Reader, reference: str, values: Mapping[str, str | None], more: ReachChanges = ReachChanges()
) -> None:
    """Refuse a new contact's values given so far (the client, an email, a phone…) as
    :func:`add_contact` would, so that a missing name is never asked for in vain."""
    client = load_client(reader, resolve_client(reader, reference))
    clean_contact_values(values, client.country)
    for kind in KINDS:
        for typed in more.of(kind)[0]:
            clean_reach(kind, typed, client.country)


def add_contact(
    target: Target,
    reference: str,
    values: Mapping[str, str | None],
    *,
    primary: bool = False,
    more: ReachChanges = ReachChanges(),
) -> ContactRecord:
    """Add a contact; the client's first contact, or one added with ``primary``, is primary.
    ``more`` adds emails and phones after its own."""
    if not (values.get("name") or "").strip():
        raise InvalidValue("a contact needs a name (--name)")
    from kiaro_cli.storage.rows import Contact
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client = w.clients.get(resolve_client(w.reader, reference))
        assert client.id is not None
        cleaned = clean_contact_values(values, client.country)
        contact = Contact(client_id=client.id, created_at=w.at, **cleaned)
        contact.role = contact.role or "other"
        contact.is_primary = primary or not w.contacts.of_client(client.id)
        if contact.is_primary:
            _demote_others(w, client.id)
        w.add(contact)
        w.flush()
        marker = " (primary)" if contact.is_primary else ""
        w.journal.log(client, "contact added", f"Contact {contact.name} added{marker}", contact_id=contact.id)
        if more:
            change_reach(w, client, contact, more)
        refresh_search_text(w, client)
        assert contact.id is not None
        return get_contact(w.reader, contact.id)


def edit_contact(
    target: Target,
    contact_id: int,
    values: Mapping[str, str | None],
    *,
    primary: bool = False,
    reach: ReachChanges = ReachChanges(),
) -> ContactRecord:
    """Change the given fields of a contact, then add and remove its emails and phones
    (``reach``); ``primary`` makes it the primary contact."""
    if reach.label is not None and not (reach.add_emails or reach.add_phones):
        raise InvalidValue("--label labels an email or phone added: give --add-email or --add-phone with it")
    if not any(v is not None for v in values.values()) and not primary and not reach:
        options = "--name, --given, --family, --email, --phone, --add-email, --add-phone, --title, --role"
        options += ", --birthday or --primary"
        raise InvalidValue(f"nothing to change: give {options}")
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        contact = w.contacts.get(contact_id)
        client = w.clients.get(contact.client_id)
        cleaned = clean_contact_values(values, client.country)
        if "name" in cleaned and cleaned["name"] != contact.name:
            # a new name's parts are split from it again unless they are given with it
            cleaned = {"given_name": None, "family_name": None} | cleaned
        for key, cleaned_value in cleaned.items():
            set_contact_field(w, client, contact, key, cleaned_value)
        if reach:
            change_reach(w, client, contact, reach)
        if primary:
            make_primary(w, client, contact)
        w.add(contact)
        refresh_search_text(w, client)
        return get_contact(w.reader, contact_id)


def check_removable(reader: Reader, contact: ContactRecord) -> None:
    """Refuse to remove a client's only contact (before anyone is asked to confirm it)."""
    if not any(other.id != contact.id for other in contacts_of(reader, contact.client_id)):
        raise _only_contact(contact.name, load_client(reader, contact.client_id).name)


def _only_contact(name: str, client_name: str) -> Conflict:
    return Conflict(f"{name} is the only contact of {client_name} and cannot be removed")


def remove_contact(target: Target, contact_id: int) -> RemoveResult:
    """Remove a contact. The only contact stays; a removed primary hands over to the next.

    Its interactions stay, no longer linked to it (undo links them again).
    """
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        contact = w.contacts.get(contact_id)
        client = w.clients.get(contact.client_id)
        reach = w.reach.of_contact(contact_id)
        removed = ContactRecord.from_row(
            {**contact.values(), "is_primary": contact.is_primary}, [row.values() for row in reach]
        )
        others = [c for c in contacts_of(w.reader, contact.client_id) if c.id != contact_id]
        if not others:
            raise _only_contact(contact.name, client.name)
        for interaction in w.interactions.with_contact(contact_id):
            interaction.contact_id = None
            w.add(interaction)
        for row in reach:
            w.delete(row)
        w.delete(contact)
        w.flush()
        w.journal.log(client, "contact removed", f"Contact {removed.name} removed", contact_id=contact_id)
        promoted = None
        if removed.primary:
            successor = w.contacts.get(others[0].id)
            successor.is_primary = True
            w.add(successor)
            _log_primary(w, client, successor)
            w.flush()
            promoted = get_contact(w.reader, others[0].id)
        refresh_search_text(w, client)
        return RemoveResult(removed, promoted)


def set_contact_field(w: Writer, client: Client, contact: Contact, key: str, value: object) -> bool:
    """Change one field of a contact with its history line; False when it already held it."""
    value = "other" if key == "role" and value is None else value
    old = getattr(contact, key)
    if old == value:
        return False
    if key in ("email", "phone"):  # the first of the contact's list
        replace_first(w, contact, key, None if value is None else str(value))
    else:
        setattr(contact, key, value)
    w.add(contact)
    w.journal.log(
        client,
        "contact changed",
        f"Contact {contact.name}: {key} {old or '(empty)'} → {value or '(empty)'}",
        contact_id=contact.id,
        field=key,
        old=old,
        new=value,
    )
    return True


def make_primary(w: Writer, client: Client, contact: Contact) -> None:
    """Make a contact the client's primary one (the others stop being it)."""
    if contact.is_primary:
        return
    _demote_others(w, contact.client_id)
    contact.is_primary = True
    w.add(contact)
    _log_primary(w, client, contact)


def _log_primary(w: Writer, client: Client, contact: Contact) -> None:
    w.journal.log(
        client,
        "contact changed",
        f"{contact.name} is now the primary contact",
        contact_id=contact.id,
        field="primary",
        old=False,
        new=True,
    )


def _demote_others(w: Writer, client_id: int) -> None:
    for contact in w.contacts.of_client(client_id):
        if contact.is_primary:
            contact.is_primary = False
            w.add(contact)


def removable_contact(reader: Reader, contact_id: int) -> ContactRecord:
    """The contact ``contact_id``, refused if it is its client's only one (before anyone is
    asked to confirm removing it)."""
    contact = get_contact(reader, contact_id)
    check_removable(reader, contact)
    return contact


def add_contact_noting_namesakes(
    ws: Workspace,
    reference: str,
    values: Mapping[str, str | None],
    *,
    primary: bool = False,
    more: ReachChanges = ReachChanges(),
) -> Outcome[ContactRecord]:
    """A contact added, with a note when the client has another contact of that name."""
    from kiaro_cli.storage.unit import write

    with write(ws.location) as w:
        contact = add_contact(w, reference, values, primary=primary, more=more)
        warning = namesake_warning(w.reader, contact)
    return Outcome(contact, (), (warning,) if warning else ())
