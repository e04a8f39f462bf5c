"""Contacts of a client: the first is primary, exactly one is primary, the last stays."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiaro_cli.core.clients import contacts_of, load_client, refresh_search_text
from kiaro_cli.core.fields import clean_email, clean_line, clean_name, clean_phone, clean_role
from kiaro_cli.core.records import ContactRecord
from kiaro_cli.core.references import MAX_ID, resolve_client
from kiaro_cli.errors import Conflict, InvalidValue, NotFound
from kiaro_cli.storage import queries
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import Reader, one

if TYPE_CHECKING:
    from sqlmodel import Session

    from kiaro_cli.storage.schema import Contact


CONTACT_FIELDS = ("name", "email", "phone", "job_title", "role")


@dataclass(frozen=True)
class RemoveResult:
    removed: ContactRecord
    promoted: ContactRecord | None


def list_contacts(reader: Reader, reference: str) -> list[ContactRecord]:
    """The contacts of the client ``reference`` names, primary first."""
    return contacts_of(reader, resolve_client(reader, reference))


def get_contact(reader: Reader, contact_id: int) -> ContactRecord:
    row = one(reader, queries.CONTACT_BY_ID, {"id": contact_id}) if 0 < contact_id <= MAX_ID else None
    if row is None:
        raise NotFound(f"no contact with id {contact_id}")
    return ContactRecord.from_row(row)


def clean_contact_values(values: Mapping[str, str | None], country: str | None) -> dict[str, object]:
    """Validate the given contact fields; raise one error naming all that fail."""
    cleaners = {
        "name": lambda v: clean_name(v, "contact name"),
        "email": clean_email,
        "phone": lambda v: clean_phone(v, country),
        "job_title": lambda v: clean_line(v, "job title", limit=200),
        "role": clean_role,
    }
    cleaned: dict[str, object] = {}
    errors: list[str] = []
    for key, value in values.items():
        if value is None:
            continue
        try:
            cleaned[key] = cleaners[key](value) if value.strip() or key == "name" else None
        except InvalidValue as error:
            errors.append(error.message)
    if len(errors) == 1:
        raise InvalidValue(errors[0])
    if errors:
        raise InvalidValue(f"{len(errors)} values are invalid", errors)
    return cleaned


def add_contact(
    location: Location, reference: str, values: Mapping[str, str | None], *, primary: bool = False
) -> ContactRecord:
    """Add a contact; the client's first contact, or one added with ``primary``, is primary."""
    if not (values.get("name") or "").strip():
        raise InvalidValue("a contact needs a name (--name)")
    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.engine import transaction
    from kiaro_cli.storage.reader import SqlAlchemyReader
    from kiaro_cli.storage.schema import Client, Contact

    with transaction(location) as session:
        reader = SqlAlchemyReader(session.connection())
        client = session.get(Client, resolve_client(reader, reference))
        assert client is not None and client.id is not None
        cleaned = clean_contact_values(values, client.country)
        existing = contacts_of(reader, client.id)
        journal = Journal(session)
        contact = Contact(client_id=client.id, created_at=journal.at, **cleaned)  # type: ignore[arg-type]
        contact.role = contact.role or "other"
        contact.is_primary = primary or not existing
        if contact.is_primary:
            _demote_others(session, client.id)
        session.add(contact)
        session.flush()
        marker = " (primary)" if contact.is_primary else ""
        journal.log(client, "contact added", f"Contact {contact.name} added{marker}", contact_id=contact.id)
        refresh_search_text(session, client.id)
        assert contact.id is not None
        return get_contact(reader, contact.id)


def edit_contact(
    location: Location, contact_id: int, values: Mapping[str, str | None], *, primary: bool = False
) -> ContactRecord:
    """Change the given fields of a contact; ``primary`` makes it the primary contact."""
    if not any(v is not None for v in values.values()) and not primary:
        raise InvalidValue("nothing to change: give --name, --email, --phone, --title, --role or --primary")
    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.engine import transaction
    from kiaro_cli.storage.reader import SqlAlchemyReader
    from kiaro_cli.storage.schema import Client

    with transaction(location) as session:
        reader = SqlAlchemyReader(session.connection())
        contact = _contact(session, contact_id)
        client = session.get(Client, contact.client_id)
        assert client is not None
        cleaned = clean_contact_values(values, client.country)
        journal = Journal(session)
        for key, cleaned_value in cleaned.items():
            old = getattr(contact, key)
            value = "other" if key == "role" and cleaned_value is None else cleaned_value
            if old != value:
                setattr(contact, key, value)
                journal.log(
                    client,
                    "contact changed",
                    f"Contact {contact.name}: {key} {old or '(empty)'} → {value or '(empty)'}",
                    contact_id=contact_id,
                    field=key,
                    old=old,
                    new=value,
                )
        if primary and not contact.is_primary:
            _demote_others(session, contact.client_id)
            contact.is_primary = True
            journal.log(
                client,
                "contact changed",
                f"{contact.name} is now the primary contact",
                contact_id=contact_id,
                field="primary",
                old=False,
                new=True,
            )
        session.add(contact)
        refresh_search_text(session, contact.client_id)
        return get_contact(reader, contact_id)


def check_removable(reader: Reader, contact: ContactRecord) -> None:
    """Refuse to remove a client's only contact (before anyone is asked to confirm it)."""
    if not any(other.id != contact.id for other in contacts_of(reader, contact.client_id)):
        raise _only_contact(contact.name, load_client(reader, contact.client_id).name)


def _only_contact(name: str, client_name: str) -> Conflict:
    return Conflict(f"{name} is the only contact of {client_name} and cannot be removed")


def remove_contact(location: Location, contact_id: int) -> RemoveResult:
    """Remove a contact. The only contact stays; a removed primary hands over to the next."""
    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.engine import transaction
    from kiaro_cli.storage.reader import SqlAlchemyReader
    from kiaro_cli.storage.schema import Client

    with transaction(location) as session:
        reader = SqlAlchemyReader(session.connection())
        contact = _contact(session, contact_id)
        client = session.get(Client, contact.client_id)
        assert client is not None and client.id is not None
        removed = ContactRecord.from_row({**contact.model_dump(), "is_primary": contact.is_primary})
        others = [c for c in contacts_of(reader, client.id) if c.id != contact_id]
        if not others:
            raise _only_contact(contact.name, client.name)
        _unlink_interactions(session, contact_id)
        session.delete(contact)
        session.flush()
        journal = Journal(session)
        journal.log(client, "contact removed", f"Contact {removed.name} removed", contact_id=contact_id)
        promoted = None
        if removed.primary:
            successor = _contact(session, others[0].id)
            successor.is_primary = True
            session.add(successor)
            journal.log(
                client,
                "contact changed",
                f"{successor.name} is now the primary contact",
                contact_id=successor.id,
                field="primary",
                old=False,
                new=True,
            )
            session.flush()
            promoted = get_contact(reader, others[0].id)
        refresh_search_text(session, client.id)
        return RemoveResult(removed, promoted)


def _contact(session: Session, contact_id: int) -> Contact:
    from kiaro_cli.storage.schema import Contact

    contact = session.get(Contact, contact_id) if 0 < contact_id <= MAX_ID else None
    if contact is None:
        raise NotFound(f"no contact with id {contact_id}")
    return contact


def _demote_others(session: Session, client_id: int) -> None:
    from sqlmodel import select

    from kiaro_cli.storage.schema import Contact

    for contact in session.exec(select(Contact).where(Contact.client_id == client_id, Contact.is_primary)):
        contact.is_primary = False
        session.add(contact)


def _unlink_interactions(session: Session, contact_id: int) -> None:
    """Keep a removed contact's interactions, no longer linked to it (undo links them again)."""
    from sqlmodel import select

    from kiaro_cli.storage.schema import Interaction

    for interaction in session.exec(select(Interaction).where(Interaction.contact_id == contact_id)):
        interaction.contact_id = None
        session.add(interaction)
