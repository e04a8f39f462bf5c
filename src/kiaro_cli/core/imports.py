"""Importing clients from CSV: read, map columns, validate every row, then write at once.

The whole file is one transaction. Every row is cleaned with the same field rules
as ``client add`` before anything is written; if any row is bad, nothing is
imported and every bad row is reported with its line in the file (the header is
line 1). Rows are written in bulk, with their activity and their undo steps, so
a large file imports in seconds and ``kiaro undo`` can take it back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.core.clients import (
    add_tags_in,
    apply_changes,
    check_dates,
    clean_tags,
    load_client,
    stored_columns,
)
from kiaro_cli.core.fields import CleanContext, clean_client_values
from kiaro_cli.core.records import CLIENT_KEYS
from kiaro_cli.errors import InvalidValue
from kiaro_cli.formats import unescape_formula
from kiaro_cli.search import fold, search_text_of
from kiaro_cli.storage.location import Location

if TYPE_CHECKING:
    from sqlmodel import Session

    from kiaro_cli.storage.reader import Reader

# Columns of our own exports that an import recognises and leaves out: they are derived.
DERIVED = ("id", "effective_currency", "effective_vat_rate", "missing_fields", "last_activity_at")
# Columns an import fills, in the order of `import template`: every other key of the client.
IMPORTABLE = tuple(key for key in CLIENT_KEYS if key not in DERIVED)
FIELD_VALUES = tuple(key for key in IMPORTABLE if key not in ("tags", "archived") and not key.endswith("_at"))
STAMPS = ("last_followed_up_at", "created_at", "updated_at")
DUPLICATE_POLICIES = ("error", "skip", "update")
DEFAULT_STATUS = "active"

ALIASES = {
    "name": "company, company name, organisation, organization, org, client, client name, account, business",
    "legal_name": "legal name, legal entity, billing name, registered name, company legal name",
    "code": "client code, short code, handle",
    "email": "e mail, email address, e mail address, mail, primary email",
    "phone": "phone number, telephone, tel, mobile, mobile phone, cell, work phone",
    "contact_person": "contact, contact name, contact person, primary contact, person, full name",
    "industry": "sector, vertical",
    "website": "web, web site, url, homepage, site",
    "address_line1": "street, address, street address, address 1, address line 1, billing address",
    "address_line2": "address 2, address line 2, street 2, suite",
    "city": "town, locality",
    "region": "state, province, county, state province",
    "postal_code": "zip, zip code, postcode, post code, postal code",
    "country": "country code, nation",
    "currency": "currency code",
    "vat_rate": "vat rate, vat percent, tax rate",
    "vat_number": "vat, vat no, vat id, tax id, tax number, vat number",
    "status": "stage, pipeline status",
    "value": "deal value, contract value, lifetime value",
    "start_date": "start, started",
    "end_date": "end, ended",
    "notes": "note, comments, comment, description",
    "source": "lead source, referral source, channel",
    "tags": "tag, labels, label, categories",
    "follow_up_on": "follow up, follow up date, next follow up, follow up on",
}
TRUE, FALSE = ("true", "yes", "1", "y"), ("false", "no", "0", "n", "")


def header_key(text: str) -> str:
    """A column header reduced for matching: 'E-mail' → 'e mail', 'postal_code' → 'postal code'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


COLUMN_NAMES: dict[str, str] = {header_key(key): key for key in (*IMPORTABLE, *DERIVED)}
for _key, _names in ALIASES.items():
    COLUMN_NAMES.update({header_key(name): _key for name in _names.split(",")})


# ---------------------------------------------------------------- reading the file


@dataclass(frozen=True)
class Table:
    """A CSV file read into its header and its records, each with its first line number."""

    header: list[str]
    records: list[tuple[int, list[str]]]
    delimiter: str


def read_table(data: bytes, name: str = "the file") -> Table:
    """Decode (UTF-8, with or without BOM), detect the delimiter and read every record."""
    text = decode(data, name)
    if not text.strip():
        raise InvalidValue(f"{name} is empty")
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        records: list[tuple[int, list[str]]] = []
        line = reader.line_num
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((line + 1, cells))
            line = reader.line_num
    except csv.Error as error:
        raise InvalidValue(f"{name}, line {reader.line_num}: {error}") from None
    return Table(header, records, delimiter)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text, BOM removed; other encodings are refused, naming the first bad line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InvalidValue(
            f"{name} is not UTF-8 (line {line} has the byte 0x{data[error.start]:02x}); "
            "save it as UTF-8 (CSV UTF-8 in spreadsheet apps) and try again"
        ) from None


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one the header line uses most (comma on a tie)."""
    first = text.lstrip("\ufeff").splitlines()[0] if text else ""
    counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


# ---------------------------------------------------------------- mapping columns


@dataclass(frozen=True)
class ColumnMap:
    """Which field each column fills (None: left out), and the columns left out unknown."""

    fields: list[str | None]
    unknown: list[str]


def map_columns(header: Sequence[str], overrides: Mapping[str, str]) -> ColumnMap:
    """Map headers to fields by key, alias or ``--map COLUMN=field`` (``COLUMN=`` leaves it out)."""
    wanted = {header_key(column): target for column, target in overrides.items()}
    headers = {header_key(column) for column in header}
    missing = [column for column in overrides if header_key(column) not in headers]
    if missing:
        raise InvalidValue(f"--map names a column the file does not have: '{missing[0]}'")
    fields: list[str | None] = []
    unknown: list[str] = []
    for column in header:
        key = header_key(column)
        if key in wanted:
            target = _mapped_field(wanted[key], column)
        else:
            target = COLUMN_NAMES.get(key)
            if target is None and key:
                unknown.append(column)
        fields.append(target if target in IMPORTABLE else None)
    taken = [f for f in fields if f is not None]
    twice = sorted({f for f in taken if taken.count(f) > 1})
    if twice:
        columns = [c for c, f in zip(header, fields, strict=True) if f == twice[0]]
        raise InvalidValue(
            f"columns {', '.join(repr(c) for c in columns)} all fill {twice[0]}; "
            f"keep one with --map '{columns[-1]}='"
        )
    if "name" not in fields:
        raise InvalidValue("no column gives the client's name (e.g. name, Company); use --map COLUMN=name")
    return ColumnMap(fields, unknown)


def _mapped_field(target: str, column: str) -> str | None:
    key = target.strip().lower().replace("-", "_")
    if not key:
        return None
    if key not in IMPORTABLE:
        raise InvalidValue(f"--map {column}={target}: unknown field (fields: {', '.join(IMPORTABLE)})")
    return key


def parse_map(pairs: Sequence[str]) -> dict[str, str]:
    """``--map COLUMN=field`` options as a mapping."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip():
            raise InvalidValue(f"--map takes COLUMN=field, not '{pair}'")
        mapping[column.strip()] = target.strip()
    return mapping


# ---------------------------------------------------------------- validating rows


@dataclass
class Row:
    """One valid record: its line, the cleaned field values, tags and kept stamps."""

    line: int
    values: dict[str, object]
    tags: list[str]
    archived: bool
    stamps: dict[str, str]


@dataclass
class Plan:
    """What an import will do."""

    adds: list[Row] = field(default_factory=list)
    updates: list[tuple[int, Row]] = field(default_factory=list)
    skips: list[tuple[int, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    rows: int = 0


Progress = Callable[[int], None]


def clean_row(line: int, cells: Sequence[str], columns: ColumnMap, today: date) -> Row:
    """A record cleaned by the field rules; raises InvalidValue naming every bad value."""
    raw: dict[str, str] = {}
    for target, cell in zip(columns.fields, cells, strict=False):
        if target is not None:
            raw[target] = unescape_formula(cell).strip()
    if len(cells) > len(columns.fields) and any(c.strip() for c in cells[len(columns.fields) :]):
        raise InvalidValue(f"{len(cells)} cells but the header has {len(columns.fields)} columns")
    if not raw.get("name"):
        raise InvalidValue("name is empty")
    given = {key: value for key, value in raw.items() if key in FIELD_VALUES and value}
    context = CleanContext(today, past_follow_ups=True)
    values = clean_client_values(given, context)
    tags = clean_tags([raw.get("tags", "")])
    stamps = {key: _stamp(raw[key], key) for key in STAMPS if raw.get(key)}
    if raw.get("last_interaction_at"):
        stamps["last_interaction_at"] = _day_or_stamp(raw["last_interaction_at"])
    return Row(line, values, tags, _flag(raw.get("archived", "")), stamps)


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise InvalidValue(f"archived must be true or false, not '{text}'")


def _stamp(text: str, key: str) -> str:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(f"{key} '{text}' is not an ISO timestamp (2026-11-23T09:30:00+00:00)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _day_or_stamp(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return _stamp(text, "last_interaction_at")


@dataclass
class Existing:
    """The clients already in the database, by what makes a row their duplicate."""

    by_code: dict[str, int] = field(default_factory=dict)
    by_email: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)

    def match(self, values: Mapping[str, object]) -> tuple[int, str] | None:
        """The client a row duplicates, and by what."""
        for key, index in (("code", self.by_code), ("email", self.by_email), ("name", self.by_name)):
            value = values.get(key)
            if value and fold(str(value)) in index:
                return index[fold(str(value))], key
        return None

    def remember(self, client_id: int, values: Mapping[str, object]) -> None:
        for key, index in (("code", self.by_code), ("email", self.by_email), ("name", self.by_name)):
            value = values.get(key)
            if value:
                index.setdefault(fold(str(value)), client_id)
        self.names.setdefault(client_id, str(values.get("name")))


def existing_clients(reader: Reader) -> Existing:
    from kiaro_cli.storage import queries

    existing = Existing()
    for row in reader.rows(queries.DUPLICATE_KEYS):
        existing.remember(row["id"], row)
    return existing


def plan_import(
    table: Table,
    columns: ColumnMap,
    existing: Existing,
    *,
    on_duplicate: str,
    today: date,
    progress: Progress | None = None,
) -> Plan:
    """Clean every record and decide, for each, to add, update, skip or refuse it."""
    if on_duplicate not in DUPLICATE_POLICIES:
        raise InvalidValue(f"--on-duplicate must be one of {', '.join(DUPLICATE_POLICIES)}")
    plan = Plan(unknown_columns=columns.unknown, rows=len(table.records))
    in_file = Existing()
    for count, (line, cells) in enumerate(table.records, start=1):
        if progress is not None:
            progress(count)
        try:
            row = clean_row(line, cells, columns, today)
        except InvalidValue as error:
            reasons = error.details or [error.message]
            plan.errors.extend(f"line {line}: {reason}" for reason in reasons)
            continue
        earlier = in_file.match(row.values)
        if earlier is not None:
            plan.errors.append(f"line {line}: same {earlier[1]} as line {earlier[0]}")
            continue
        in_file.remember(line, row.values)
        duplicate = existing.match(row.values)
        if duplicate is None:
            plan.adds.append(row)
            continue
        client_id, by = duplicate
        who = f"{existing.names.get(client_id, '')} (#{client_id})"
        if on_duplicate == "error":
            plan.errors.append(f"line {line}: same {by} as {who} (use --on-duplicate skip or update)")
        elif on_duplicate == "skip":
            plan.skips.append((line, f"same {by} as {who}"))
        else:
            plan.updates.append((client_id, row))
    return plan


# ---------------------------------------------------------------- importing


@dataclass(frozen=True)
class ImportResult:
    plan: Plan
    written: bool
    delimiter: str


def import_clients(
    location: Location,
    data: bytes,
    *,
    name: str = "the file",
    mapping: Mapping[str, str] | None = None,
    on_duplicate: str = "error",
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a CSV file of clients in one transaction (nothing at all if any row is bad)."""
    table = read_table(data, name)
    columns = map_columns(table.header, mapping or {})

    from kiaro_cli.storage.engine import transaction
    from kiaro_cli.storage.reader import SqlAlchemyReader

    with transaction(location) as session:
        reader = SqlAlchemyReader(session.connection())
        plan = plan_import(
            table,
            columns,
            existing_clients(reader),
            on_duplicate=on_duplicate,
            today=today or clock.today(),
            progress=progress,
        )
        if plan.errors:
            bad = len({error.split(":", 1)[0] for error in plan.errors})
            raise InvalidValue(f"{bad} of {plan.rows} rows are invalid; nothing was imported", plan.errors)
        if dry_run:
            return ImportResult(plan, False, table.delimiter)
        _write_updates(session, reader, plan.updates)
        _write_adds(session, plan.adds)
    return ImportResult(plan, True, table.delimiter)


def _write_updates(session: Session, reader: Reader, updates: Sequence[tuple[int, Row]]) -> None:
    """Fill the given (non-empty) fields of existing clients; add their new tags."""
    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.schema import Client

    journal = Journal(session)
    for client_id, row in updates:
        client = session.get(Client, client_id)
        assert client is not None
        apply_changes(session, journal, client, load_client(reader, client_id), row.values)
        add_tags_in(session, journal, client, row.tags)


WRITE_BATCH = 2000  # new clients written per round (bounds the memory a large import takes)


def _write_adds(session: Session, rows: Sequence[Row]) -> None:
    """Insert new clients in bulk, with their primary contacts, tags, activity and undo steps."""
    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.engine import first_free_id
    from kiaro_cli.storage.migrations import search_index_paused

    journal = Journal(session)
    first_id = first_free_id(session.connection(), "client")
    with search_index_paused(session.connection(), first_id):
        for start in range(0, len(rows), WRITE_BATCH):
            _write_batch(session, journal.batch, journal.at, rows[start : start + WRITE_BATCH])


def _write_batch(session: Session, batch: str, now: str, rows: Sequence[Row]) -> None:
    from sqlalchemy import insert

    from kiaro_cli.storage.schema import Activity, Client, Contact, Tag

    ids = _bulk_insert(session, Client, [_client_columns(row, now) for row in rows])
    pairs = list(zip(ids, rows, strict=True))
    contacts = [
        {
            "client_id": client_id,
            "name": row.values["contact_person"],
            "email": row.values.get("email"),
            "phone": row.values.get("phone"),
            "job_title": None,
            "role": "other",
            "is_primary": True,
            "created_at": now,
        }
        for client_id, row in pairs
        if row.values.get("contact_person")
    ]
    _bulk_insert(session, Contact, contacts)
    _bulk_insert(
        session, Tag, [{"client_id": i, "name": t, "key": fold(t)} for i, row in pairs for t in row.tags]
    )
    activity = [
        {
            "client_id": client_id,
            "at": now,
            "kind": "imported",
            "detail": imported_detail(row),
            "data": _imported_data(row),
            "batch": batch,
        }
        for client_id, row in pairs
    ]
    session.execute(insert(Activity), activity)


def imported_detail(row: Row) -> str:
    """The history line of an imported client; it explains a last interaction kiaro never saw."""
    detail = f"Imported {row.values['name']} (line {row.line})"
    last = row.stamps.get("last_interaction_at")
    return f"{detail}; last interaction before the import: {last[:10]}" if last else detail


def _imported_data(row: Row) -> str | None:
    import json

    facts = ("last_interaction_at", "last_followed_up_at")
    kept = {key: row.stamps[key] for key in facts if key in row.stamps}
    return json.dumps(kept) if kept else None


def _bulk_insert(session: Session, model: Any, items: list[dict[str, Any]]) -> list[int]:
    """Insert rows past the ORM; note them for undo; return their ids in order.

    On SQLite the ids are given (the write lock is held, so the next ids are known),
    which lets the driver insert many rows per statement; elsewhere the database
    returns them.
    """
    if not items:
        return []
    from sqlalchemy import insert

    from kiaro_cli.storage import changes
    from kiaro_cli.storage.engine import first_free_id

    table = model.__table__
    if session.get_bind().dialect.name == "sqlite":
        first = first_free_id(session.connection(), table.name)
        ids = list(range(first, first + len(items)))
        session.execute(insert(table), [{**item, "id": key} for key, item in zip(ids, items, strict=True)])
    else:
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids = [int(found) for found in session.execute(statement, items).scalars()]
    changes.note_inserted(session, table.name, ids)
    return ids


def _client_columns(row: Row, now: str) -> dict[str, Any]:
    """The client table row of a new client, every column given (bulk inserts need that)."""
    columns = stored_columns({k: v for k, v in row.values.items() if k != "contact_person"})
    columns.setdefault("status", DEFAULT_STATUS)
    check_dates(columns.get("start_date"), columns.get("end_date"))
    contact = row.values.get("contact_person")
    email, phone = row.values.get("email"), row.values.get("phone")
    contacts = [(str(contact), _text_or_none(email), _text_or_none(phone))] if contact else []
    return {
        **{column.name: None for column in _client_table().columns if column.name != "id"},
        **columns,
        "archived": row.archived,
        "created_at": row.stamps.get("created_at", now),
        "updated_at": row.stamps.get("updated_at", now),
        "last_followed_up_at": row.stamps.get("last_followed_up_at"),
        "last_interaction_at": row.stamps.get("last_interaction_at"),
        "last_activity_at": now,
        "search_text": search_text_of(row.values, contacts),
    }


def _text_or_none(value: object) -> str | None:
    return str(value) if value else None


def _client_table() -> Any:
    from kiaro_cli.storage.schema import Client

    return Client.__table__  # type: ignore[attr-defined]


# ---------------------------------------------------------------- template


def template() -> str:
    """An empty CSV with every importable column."""
    return ",".join(IMPORTABLE) + "\n"


def iter_preview(plan: Plan, limit: int) -> Iterator[tuple[str, int, Mapping[str, object]]]:
    """The first ``limit`` actions of a plan: ("add" | "update", line, values)."""
    actions = [("add", row.line, row.values) for row in plan.adds]
    actions += [("update", row.line, row.values) for _, row in plan.updates]
    yield from sorted(actions, key=lambda action: action[1])[:limit]


# ---------------------------------------------------------------- vCards


@dataclass
class VcardResult:
    clients_added: list[str] = field(default_factory=list)
    clients_matched: list[str] = field(default_factory=list)
    contacts_added: int = 0
    contacts_skipped: int = 0
    written: bool = False


@dataclass
class _CardPlan:
    card_line: int
    client_name: str
    client_values: dict[str, object]
    tags: list[str]
    contact: dict[str, object] | None


def import_vcards(
    location: Location,
    data: bytes,
    *,
    name: str = "the file",
    dry_run: bool = False,
    today: date | None = None,
) -> VcardResult:
    """Import an address book: each card's ORG is a client (found by name or added), each
    person a contact of it; a card without ORG is a client of its own. All or nothing."""
    from kiaro_cli.vcard import read_cards

    cards = read_cards(decode(data, name), name)
    plans: list[_CardPlan] = []
    errors: list[str] = []
    for card in cards:
        try:
            plans.append(_plan_card(card, today or clock.today()))
        except InvalidValue as error:
            errors.extend(
                f"card at line {card.line}: {reason}" for reason in (error.details or [error.message])
            )
    if errors:
        raise InvalidValue(f"{len(errors)} problem(s) in {name}; nothing was imported", errors)

    from kiaro_cli.storage.engine import transaction
    from kiaro_cli.storage.reader import SqlAlchemyReader

    try:
        with transaction(location) as session:
            result = _write_cards(session, SqlAlchemyReader(session.connection()), plans)
            if dry_run:
                raise _DryRun(result)
    except _DryRun as stopped:
        return stopped.result
    result.written = True
    return result


class _DryRun(Exception):
    """Raised to roll a dry run back after it worked out what it would do."""

    def __init__(self, result: VcardResult) -> None:
        super().__init__("dry run")
        self.result = result


def _plan_card(card: Any, today: date) -> _CardPlan:
    from kiaro_cli.core.contacts import clean_contact_values
    from kiaro_cli.core.fields import ROLE_ALIASES, ROLES, pick_choice

    person, organisation = card.name, card.organisation
    if not person and not organisation:
        raise InvalidValue("it has neither a name (FN) nor an organisation (ORG)")
    client_name = organisation or person
    is_person = card.person or (
        bool(person)
        and not card.company
        and (fold(person) != fold(client_name or "") or bool(card.given_name))
    )
    raw = {
        "name": client_name,
        "legal_name": card.legal_name,
        "address_line1": card.street,
        "address_line2": card.street2,
        "city": card.city,
        "region": card.region,
        "postal_code": card.postal_code,
        "country": card.country,
        "website": card.website,
        "email": card.emails[0] if card.emails else None,
        "phone": card.phones[0] if card.phones else None,
        "notes": None if is_person and organisation else card.note,  # a person at a company: not its notes
    }
    given = {key: value for key, value in raw.items() if value}
    values = clean_client_values(given, CleanContext(today))
    contact = None
    if is_person or not organisation:
        country = values.get("country")
        # another program's ROLE may be anything ("CEO"): kept when it is one of ours, else left out
        role = pick_choice(card.role, ROLES, ROLE_ALIASES) if card.role else None
        contact = clean_contact_values(
            {
                "name": person,
                "email": raw["email"],
                "phone": raw["phone"],
                "job_title": card.title,
                "role": role,
            },
            country if isinstance(country, str) else None,
        )
    return _CardPlan(card.line, str(values["name"]), values, clean_tags(card.categories), contact)


def _write_cards(session: Session, reader: Reader, plans: Sequence[_CardPlan]) -> VcardResult:
    from sqlmodel import select

    from kiaro_cli.core.activity import Journal
    from kiaro_cli.core.clients import refresh_search_text
    from kiaro_cli.storage import queries
    from kiaro_cli.storage.reader import one
    from kiaro_cli.storage.schema import Client, Contact

    result = VcardResult()
    journal = Journal(session)
    touched: dict[int, Client] = {}
    added: set[int | None] = set()
    for plan in plans:
        same_name = one(reader, queries.CLIENT_IDS_BY_EXACT_NAME, {"key": fold(plan.client_name)})
        client_id = same_name["id"] if same_name else None
        if client_id is None:
            client = Client(name="", name_key="", created_at=journal.at, updated_at=journal.at)
            for column, value in stored_columns(plan.client_values).items():
                setattr(client, column, value)
            client.status = DEFAULT_STATUS
            session.add(client)
            session.flush()
            journal.log(client, "imported", f"Imported {client.name} (vCard, line {plan.card_line})")
            result.clients_added.append(client.name)
        else:
            found = touched.get(client_id) or session.get(Client, client_id)
            assert found is not None
            client = found
            if client.name not in result.clients_added and client.name not in result.clients_matched:
                result.clients_matched.append(client.name)
        assert client.id is not None
        touched[client.id] = client
        add_tags_in(session, journal, client, plan.tags)
        if plan.contact is None:
            continue
        existing = session.exec(select(Contact).where(Contact.client_id == client.id)).all()
        names = {fold(c.name) for c in existing}
        # an address already there is the same person, unless this file brought it (two people may share one)
        emails = {fold(c.email) for c in existing if c.email and c.id not in added}
        email = plan.contact.get("email")
        if fold(str(plan.contact["name"])) in names or (email and fold(str(email)) in emails):
            result.contacts_skipped += 1
            continue
        contact = Contact(client_id=client.id, created_at=journal.at, **plan.contact)  # type: ignore[arg-type]
        contact.role = contact.role or "other"
        contact.is_primary = not existing
        session.add(contact)
        session.flush()
        journal.log(client, "contact added", f"Contact {contact.name} added (vCard)", contact_id=contact.id)
        added.add(contact.id)
        result.contacts_added += 1
    for client_id in touched:
        refresh_search_text(session, client_id)
    return result
