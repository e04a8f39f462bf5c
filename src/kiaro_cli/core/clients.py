"""Clients: adding, reading, listing and changing them, with their rules.

Write functions validate everything first, then make their changes in one
transaction with the activity rows that record them; on any error nothing changes.
Read functions take a :class:`~kiaro_cli.storage.reader.Reader` and return records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.core.fields import (
    CLEARABLE,
    CLIENT_FIELDS,
    INVOICE_READY,
    CleanContext,
    clean_client_values,
    clean_tag,
    label_with_option,
    split_tags,
)
from kiaro_cli.core.records import (
    ClientRecord,
    ContactRecord,
    Settings,
    client_from_row,
    client_values,
    to_hundredths,
)
from kiaro_cli.core.references import resolve_client
from kiaro_cli.core.settings import load_settings
from kiaro_cli.errors import Conflict, InvalidValue, MissingFields, NotFound
from kiaro_cli.search import fold, query_forms, search_text_of
from kiaro_cli.storage import queries
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import Reader, one

if TYPE_CHECKING:
    from sqlmodel import Session

    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.schema import Client, Contact, Tag

REQUIRED_FOR_FULL_FORM = ("name", *INVOICE_READY)
TAG_BATCH = 500


# ---------------------------------------------------------------- reading


def get_client(reader: Reader, reference: str, settings: Settings | None = None) -> ClientRecord:
    """The client ``reference`` names."""
    client_id = resolve_client(reader, reference)
    return load_client(reader, client_id, settings)


def load_client(reader: Reader, client_id: int, settings: Settings | None = None) -> ClientRecord:
    """The client with id ``client_id``."""
    row = one(reader, queries.CLIENT_BY_ID, {"id": client_id, **queries.BASE_PARAMS})
    if row is None:
        raise NotFound(f"no client with id {client_id}")
    settings = settings if settings is not None else load_settings(reader)
    return client_from_row(row, tuple(_tags(reader, [client_id]).get(client_id, ())), settings)


def iter_clients(
    reader: Reader,
    flt: queries.ClientFilter,
    *,
    sort: str = "name",
    descending: bool = False,
    limit: int | None = None,
    settings: Settings | None = None,
) -> Iterator[ClientRecord]:
    """Stream the clients matching ``flt``, with their tags, in batches."""
    settings = settings if settings is not None else load_settings(reader)
    sql, params = queries.client_list(flt, sort, descending, limit, search_index=_indexed(reader, flt))
    rows = reader.rows(sql, params)
    while batch := list(islice(rows, TAG_BATCH)):
        tags = _tags(reader, [row["id"] for row in batch])
        for row in batch:
            yield client_from_row(row, tuple(tags.get(row["id"], ())), settings)


def iter_client_values(
    reader: Reader,
    flt: queries.ClientFilter,
    *,
    sort: str = "name",
    settings: Settings | None = None,
) -> Iterator[dict[str, Any]]:
    """Stream the client objects of the contract (for exports: no records built)."""
    settings = settings if settings is not None else load_settings(reader)
    sql, params = queries.client_list(flt, sort, search_index=_indexed(reader, flt))
    rows = reader.rows(sql, params)
    while batch := list(islice(rows, TAG_BATCH)):
        tags = _tags(reader, [row["id"] for row in batch])
        for row in batch:
            yield client_values(row, tags.get(row["id"], ()), settings)


def count_clients(reader: Reader, flt: queries.ClientFilter) -> int:
    """How many clients match ``flt``."""
    sql, params = queries.client_count(flt, search_index=_indexed(reader, flt))
    row = one(reader, sql, params)
    return int(row["n"]) if row else 0


def archived_matches(reader: Reader, flt: queries.ClientFilter) -> int:
    """How many archived clients a listing of current clients left out (0 if it showed them)."""
    if flt.archived != "active":
        return 0
    return count_clients(reader, replace(flt, archived="archived"))


def _indexed(reader: Reader, flt: queries.ClientFilter) -> bool:
    return bool(flt.search) and reader.has_search_index


def contacts_of(reader: Reader, client_id: int) -> list[ContactRecord]:
    """The contacts of a client, primary first."""
    rows = reader.rows(queries.CONTACTS_OF_CLIENT, {"client_id": client_id})
    return [ContactRecord.from_row(row) for row in rows]


def make_filter(
    *,
    statuses: Sequence[str] = (),
    tags: Sequence[str] = (),
    industry: str | None = None,
    source: str | None = None,
    search: str | None = None,
    due: bool = False,
    missing: bool = False,
    archived: str = "active",
    today: date | None = None,
) -> queries.ClientFilter:
    """A listing filter from what a user typed (normalised here, once)."""
    return queries.ClientFilter(
        statuses=tuple(dict.fromkeys(s.strip().lower() for s in statuses)),
        tag_keys=tuple(dict.fromkeys(fold(t.strip()) for t in tags)),
        industry_key=industry.strip() if industry else None,
        source_key=source.strip() if source else None,
        search=query_forms(search) if search and search.strip() else (),
        due_on_or_before=(today or clock.today()).isoformat() if due else None,
        missing=missing,
        archived=archived,
    )


def _tags(reader: Reader, client_ids: Sequence[int]) -> dict[int, list[str]]:
    if not client_ids:
        return {}
    sql, params = queries.tags_of(client_ids)
    found: dict[int, list[str]] = {}
    for row in reader.rows(sql, params):
        found.setdefault(row["client_id"], []).append(row["name"])
    return found


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class Change:
    """One field of a client changed by a command."""

    field: str
    old: object
    new: object


@dataclass(frozen=True)
class EditResult:
    client: ClientRecord
    changes: tuple[Change, ...]


def missing_fields_error(fields: Sequence[str], client: ClientRecord | None = None) -> MissingFields:
    """The refusal naming missing invoice-ready fields with the option that fills each."""
    names = ", ".join(label_with_option(key) for key in fields)
    if client is None:
        return MissingFields(f"missing invoice-ready fields: {names}", fields)
    return MissingFields(
        f"{client.name} is missing {names}; run this on a terminal or use kiaro client edit", fields
    )


def missing_for_full_form(values: Mapping[str, str | None]) -> list[str]:
    """The required fields of the full form that ``values`` leaves empty."""
    return [key for key in REQUIRED_FOR_FULL_FORM if not (values.get(key) or "").strip()]


def check_new_client(
    reader: Reader,
    values: Mapping[str, str | None],
    *,
    tags: Sequence[str] = (),
    allow_duplicate: bool = False,
    today: date | None = None,
) -> None:
    """Refuse now what ``add_client`` would refuse whatever else is typed: a bad value among
    those given, a name or code already taken. Run before asking for the missing fields."""
    given = {k: v for k, v in values.items() if v is not None and v.strip()}
    cleaned = clean_client_values(given, CleanContext(today or clock.today()))
    clean_tags(tags)
    _check_unique(reader, cleaned, exclude=0, allow_duplicate=allow_duplicate)


def shared_email_warning(reader: Reader, client: ClientRecord) -> str | None:
    """A note when another client already uses this client's email (allowed, but worth knowing)."""
    if not client.email:
        return None
    rows = reader.rows(queries.CLIENTS_WITH_EMAIL, {"email": client.email})
    others = [row for row in rows if row["id"] != client.id]
    if not others:
        return None
    names = ", ".join(f"{row['name']} (#{row['id']})" for row in others[:3])
    return f"{client.email} is also the email of {names}"


def add_client(
    location: Location,
    values: Mapping[str, str | None],
    *,
    tags: Sequence[str] = (),
    full_form: bool = True,
    allow_duplicate: bool = False,
    today: date | None = None,
) -> ClientRecord:
    """Add a client. The full form needs every invoice-ready field; quick add a name.

    Given a contact person, the client's email and phone go to that new primary contact too.
    """
    given = {k: v for k, v in values.items() if v is not None and v.strip()}
    if full_form:
        missing = missing_for_full_form(given)
        if missing:
            raise missing_fields_error(missing)
    elif "name" not in given:
        raise MissingFields("a client needs a name", ["name"])
    cleaned = clean_client_values(given, CleanContext(today or clock.today()))
    cleaned.setdefault("status", "active" if full_form else "lead")
    new_tags = clean_tags(tags)

    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.engine import transaction
    from kiaro_cli.storage.reader import SqlAlchemyReader
    from kiaro_cli.storage.schema import Client

    with transaction(location) as session:
        reader = SqlAlchemyReader(session.connection())
        _check_unique(reader, cleaned, exclude=0, allow_duplicate=allow_duplicate)
        now = clock.timestamp()
        client = Client(name="", name_key="", created_at=now, updated_at=now)
        _apply(client, {k: v for k, v in cleaned.items() if k != "contact_person"})
        session.add(client)
        session.flush()
        journal = Journal(session)
        form = "full form" if full_form else "quick add"
        journal.log(client, "created", f"Added {client.name} ({form})", status=client.status)
        if "contact_person" in cleaned:
            _create_primary_contact(session, journal, client, str(cleaned["contact_person"]))
        for tag in new_tags:
            _add_tag(session, journal, client, tag)
        if client.follow_up_on:
            journal.log(
                client,
                "follow-up set",
                f"Follow-up set for {client.follow_up_on}",
                old=None,
                new=client.follow_up_on,
            )
        _refresh_search_text(session, client)
        assert client.id is not None
        return load_client(reader, client.id)


def edit_client(
    location: Location,
    reference: str,
    values: Mapping[str, str | None],
    *,
    clear: Sequence[str] = (),
    allow_duplicate: bool = False,
    today: date | None = None,
) -> EditResult:
    """Change the given fields (and clear others) of one client; touch nothing else.

    A new name another client has (in any case) is refused unless ``allow_duplicate``.
    """
    given = {k: v for k, v in values.items() if v is not None}
    to_clear = _clearable(clear)
    both = sorted(set(given) & set(to_clear))
    if both:
        raise InvalidValue(f"cannot both set and clear {', '.join(both)}")
    if not given and not to_clear:
        raise InvalidValue("nothing to change: give a field option or --clear FIELD")
    empty = [key for key, value in given.items() if not value.strip()]
    if empty:
        raise InvalidValue(f"{CLIENT_FIELDS[empty[0]].label} cannot be empty; use --clear to remove it")

    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.engine import transaction
    from kiaro_cli.storage.reader import SqlAlchemyReader
    from kiaro_cli.storage.schema import Client

    with transaction(location) as session:
        reader = SqlAlchemyReader(session.connection())
        client_id = resolve_client(reader, reference)
        client = session.get(Client, client_id)
        assert client is not None
        before = load_client(reader, client_id)
        cleaned = clean_client_values(given, CleanContext(today or clock.today(), client.country))
        cleaned.update(dict.fromkeys(to_clear))
        _check_unique(reader, cleaned, exclude=client_id, allow_duplicate=allow_duplicate)
        changes = apply_changes(session, Journal(session), client, before, cleaned)
        return EditResult(load_client(reader, client_id) if changes else before, changes)


def apply_changes(
    session: Session, journal: Journal, client: Client, before: ClientRecord, cleaned: Mapping[str, object]
) -> tuple[Change, ...]:
    """Write the cleaned values that differ from ``before``, each with its activity row.

    The contact person comes last, so that a primary contact it creates takes the
    email and phone given with it, whatever the order they were typed in.
    """
    changes = tuple(
        sorted(
            (
                Change(key, getattr(before, key), value)
                for key, value in cleaned.items()
                if _differs(getattr(before, key), value)
            ),
            key=lambda change: change.field == "contact_person",
        )
    )
    for change in changes:
        _record_change(session, journal, client, change)
    if changes:
        _refresh_search_text(session, client)
    return changes


def set_status(location: Location, reference: str, status: str) -> EditResult:
    """Move a client to another status; its follow-up date stays."""
    return edit_client(location, reference, {"status": status})


def add_tags_in(session: Session, journal: Journal, client: Client, tags: Sequence[str]) -> list[str]:
    """Add the tags a client does not have yet (inside a transaction); return those added."""
    from sqlmodel import select

    from kiaro_cli.storage.schema import Tag

    current = {t.key for t in session.exec(select(Tag).where(Tag.client_id == client.id))}
    added = [tag for tag in tags if fold(tag) not in current]
    for tag in added:
        _add_tag(session, journal, client, tag)
    return added


def add_tags(location: Location, reference: str, tags: Sequence[str]) -> EditResult:
    """Add tags (case-insensitively new ones only, kept as typed)."""
    wanted = clean_tags(tags)
    if not wanted:
        raise InvalidValue("give at least one tag")

    def change(session: Session, journal: Journal, client: Client, current: dict[str, Tag]) -> list[Change]:
        added = [tag for tag in wanted if fold(tag) not in current]
        for tag in added:
            _add_tag(session, journal, client, tag)
        return [Change("tags", None, tag) for tag in added]

    return _change_tags(location, reference, change)


def remove_tags(location: Location, reference: str, tags: Sequence[str]) -> EditResult:
    """Remove tags; a tag the client does not have is refused."""
    wanted = clean_tags(tags)
    if not wanted:
        raise InvalidValue("give at least one tag")

    def change(session: Session, journal: Journal, client: Client, current: dict[str, Tag]) -> list[Change]:
        absent = [tag for tag in wanted if fold(tag) not in current]
        if absent:
            raise NotFound(f"{client.name} has no tag '{absent[0]}'")
        for tag in wanted:
            session.delete(current[fold(tag)])
            journal.log(
                client, "tag removed", f"Tag '{current[fold(tag)].name}' removed", tag=current[fold(tag)].name
            )
        return [Change("tags", current[fold(tag)].name, None) for tag in wanted]

    return _change_tags(location, reference, change)


def set_archived(location: Location, reference: str, archived: bool) -> EditResult:
    """Archive (hide from lists, due follow-ups and exports) or unarchive a client."""
    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.engine import transaction
    from kiaro_cli.storage.reader import SqlAlchemyReader
    from kiaro_cli.storage.schema import Client

    with transaction(location) as session:
        reader = SqlAlchemyReader(session.connection())
        client_id = resolve_client(reader, reference)
        client = session.get(Client, client_id)
        assert client is not None
        if bool(client.archived) == archived:
            return EditResult(load_client(reader, client_id), ())
        client.archived = archived
        kind = "archived" if archived else "unarchived"
        Journal(session).log(client, kind, f"{client.name} {kind}")
        return EditResult(load_client(reader, client_id), (Change("archived", not archived, archived),))


def delete_client(location: Location, reference: str) -> ClientRecord:
    """Erase a client with its contacts, tags, interactions and activity, for good.

    Nothing of it stays behind, not even in the undo log, which is why a deletion
    cannot be undone and undo does not reach past it.
    """
    from sqlmodel import col, delete

    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage import changes
    from kiaro_cli.storage.engine import checkpoint, transaction
    from kiaro_cli.storage.migrations import compact_search_index
    from kiaro_cli.storage.reader import SqlAlchemyReader
    from kiaro_cli.storage.schema import Activity, Client, Contact, Interaction, Tag

    with transaction(location) as session:
        reader = SqlAlchemyReader(session.connection())
        client_id = resolve_client(reader, reference)
        record = load_client(reader, client_id)
        for model in (Activity, Interaction, Tag, Contact):
            table = model.__table__  # type: ignore[union-attr]
            session.execute(table.delete().where(table.c.client_id == client_id))
        session.execute(delete(Client).where(col(Client.id) == client_id))
        compact_search_index(session.connection())
        changes.seal(session)
        Journal(session).record(None, "deleted", f"Deleted client #{client_id}", deleted_id=client_id)
    checkpoint(location)
    return record


# ---------------------------------------------------------------- helpers


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags checked and made unique (case-insensitively; the first spelling is kept).

    A value may hold several tags separated by ';' or ',' ("design, web").
    """
    cleaned: dict[str, str] = {}
    for tag in split_tags(tags):
        value = clean_tag(tag)
        cleaned.setdefault(fold(value), value)
    return list(cleaned.values())


def _clearable(fields: Sequence[str]) -> list[str]:
    keys = []
    for name in fields:
        key = name.strip().lower().lstrip("-").replace("-", "_")
        key = {
            "contact": "contact_person",
            "address": "address_line1",
            "address2": "address_line2",
            "start": "start_date",
            "end": "end_date",
            "follow_up": "follow_up_on",
        }.get(key, key)
        if key not in CLIENT_FIELDS:
            raise InvalidValue(f"unknown field '{name}' (clearable: {', '.join(CLEARABLE)})")
        if key not in CLEARABLE:
            raise InvalidValue(f"{CLIENT_FIELDS[key].label} cannot be cleared")
        keys.append(key)
    return list(dict.fromkeys(keys))


def _differs(old: object, new: object) -> bool:
    return (old if old != "" else None) != (new if new != "" else None)


def _check_unique(
    reader: Reader, cleaned: Mapping[str, object], *, exclude: int, allow_duplicate: bool
) -> None:
    name = cleaned.get("name")
    if isinstance(name, str) and not allow_duplicate:
        taken = one(reader, queries.CLIENT_NAME_TAKEN, {"key": fold(name), "exclude": exclude})
        if taken:
            raise Conflict(
                f"a client named '{taken['name']}' already exists (#{taken['id']}); "
                f"add --allow-duplicate to {'add another' if not exclude else 'use the name anyway'}"
            )
    code = cleaned.get("code")
    if isinstance(code, str):
        taken = one(reader, queries.CLIENT_CODE_TAKEN, {"code": code, "exclude": exclude})
        if taken:
            raise Conflict(f"code {code} is already used by {taken['name']} (#{taken['id']})")


def stored_columns(cleaned: Mapping[str, object]) -> dict[str, object]:
    """The client table's columns for cleaned field values (keys of the contract)."""
    from decimal import Decimal

    columns: dict[str, object] = {}
    for key, value in cleaned.items():
        if key == "name":
            columns["name"], columns["name_key"] = str(value), fold(str(value))
        elif key == "legal_name":
            columns["legal_name"] = value
            columns["legal_key"] = None if value is None else fold(str(value))
        elif key == "vat_rate":
            columns["vat_rate_bp"] = None if value is None else to_hundredths(Decimal(str(value)))
        elif key == "value":
            columns["value_cents"] = None if value is None else to_hundredths(Decimal(str(value)))
        else:
            columns[key] = value
    return columns


def check_dates(start: object, end: object) -> None:
    """A contract cannot end before it starts."""
    if start and end and str(end) < str(start):
        raise InvalidValue(f"end date {end} is before start date {start}")


def _apply(client: Client, cleaned: Mapping[str, object]) -> None:
    """Set stored columns from cleaned values (keys of the contract)."""
    for column, value in stored_columns(cleaned).items():
        setattr(client, column, value)
    check_dates(client.start_date, client.end_date)


def _record_change(session: Session, journal: Journal, client: Client, change: Change) -> None:
    from kiaro_cli.core.activity import show_value

    if change.field == "contact_person":
        _set_primary_name(session, journal, client, str(change.new))
        return
    _apply(client, {change.field: change.new})
    if change.field == "status":
        journal.log(
            client,
            "status changed",
            f"Status {change.old} → {change.new}",
            field="status",
            old=change.old,
            new=change.new,
        )
    elif change.field == "follow_up_on":
        kind = "follow-up cleared" if change.new is None else "follow-up set"
        journal.log(
            client,
            kind,
            f"Follow-up {show_value(change.old)} → {show_value(change.new)}",
            field="follow_up_on",
            old=change.old,
            new=change.new,
        )
    else:
        label = CLIENT_FIELDS[change.field].label
        journal.log(
            client,
            "field changed",
            f"{label.capitalize()}: {show_value(change.old)} → {show_value(change.new)}",
            field=change.field,
            old=change.old,
            new=change.new,
        )
        if change.field in PRIMARY_FILLED and change.new:
            _fill_primary(session, journal, client, change.field, str(change.new))


def _create_primary_contact(session: Session, journal: Journal, client: Client, name: str) -> None:
    from kiaro_cli.storage.schema import Contact

    assert client.id is not None
    contact = Contact(
        client_id=client.id,
        name=name,
        email=client.email,
        phone=client.phone,
        is_primary=True,
        created_at=journal.at,
    )
    session.add(contact)
    session.flush()
    journal.log(client, "contact added", f"Contact {name} added (primary)", contact_id=contact.id)


# The client's email and phone also go to its primary contact when that contact has none.
PRIMARY_FILLED = ("email", "phone")


def _primary_contact(session: Session, client: Client) -> Contact | None:
    from sqlmodel import select

    from kiaro_cli.storage.schema import Contact

    return session.exec(
        select(Contact).where(Contact.client_id == client.id, Contact.is_primary == True)  # noqa: E712
    ).first()


def _fill_primary(session: Session, journal: Journal, client: Client, field: str, value: str) -> None:
    """Give the primary contact the client's new email or phone when it has none."""
    primary = _primary_contact(session, client)
    if primary is None or getattr(primary, field):
        return
    setattr(primary, field, value)
    session.add(primary)
    journal.log(
        client,
        "contact changed",
        f"Contact {primary.name}: {field} (empty) → {value}",
        contact_id=primary.id,
        field=field,
        old=None,
        new=value,
    )


def _set_primary_name(session: Session, journal: Journal, client: Client, name: str) -> None:
    primary = _primary_contact(session, client)
    if primary is None:
        _create_primary_contact(session, journal, client, name)
        return
    old, primary.name = primary.name, name
    session.add(primary)
    journal.log(
        client,
        "contact changed",
        f"Contact {old} renamed to {name}",
        contact_id=primary.id,
        field="name",
        old=old,
        new=name,
    )


def _add_tag(session: Session, journal: Journal, client: Client, tag: str) -> None:
    from kiaro_cli.storage.schema import Tag

    assert client.id is not None
    session.add(Tag(client_id=client.id, name=tag, key=fold(tag)))
    journal.log(client, "tag added", f"Tag '{tag}' added", tag=tag)


def _change_tags(location: Location, reference: str, change: Any) -> EditResult:
    from sqlmodel import select

    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.engine import transaction
    from kiaro_cli.storage.reader import SqlAlchemyReader
    from kiaro_cli.storage.schema import Client, Tag

    with transaction(location) as session:
        reader = SqlAlchemyReader(session.connection())
        client_id = resolve_client(reader, reference)
        client = session.get(Client, client_id)
        assert client is not None
        current = {t.key: t for t in session.exec(select(Tag).where(Tag.client_id == client_id))}
        changes = change(session, Journal(session), client, current)
        session.flush()
        _refresh_search_text(session, client)
        return EditResult(load_client(reader, client_id), tuple(changes))


def refresh_search_text(session: Session, client_id: int) -> None:
    """Recompute the search text of a client after its contacts changed."""
    from kiaro_cli.storage.schema import Client

    client = session.get(Client, client_id)
    assert client is not None
    _refresh_search_text(session, client)


def _refresh_search_text(session: Session, client: Client) -> None:
    from sqlmodel import select

    from kiaro_cli.storage.schema import Contact

    session.flush()
    contacts = session.exec(select(Contact).where(Contact.client_id == client.id)).all()
    client.search_text = search_text_of(client.model_dump(), [(c.name, c.email, c.phone) for c in contacts])
    session.add(client)
