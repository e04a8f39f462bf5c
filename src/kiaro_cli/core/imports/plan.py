"""Planning an import: every row cleaned by the field rules, and what to do with it.

Pure: a plan needs the file's rows, the column map and the clients already there (read
once), never a session. New clients are handed on in batches as they are settled, so a
large file is never held whole; the import writes them in its one transaction, and rolls
it all back if any row is bad (unless it sets bad rows aside, ``--skip-invalid``).

A row names a client (its organisation, or the person when it has none) and perhaps a
person. Rows naming the same client with different people are one client with several
contacts, the first its primary contact: the files Google, Outlook, LinkedIn and
Pipedrive write have a row per person. A row that repeats a client without a new person
is a duplicate, and ``--on-duplicate`` decides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from kiaro_cli.core.choices import DUPLICATE_POLICIES, read_status
from kiaro_cli.core.client_rows import Person, join_notes
from kiaro_cli.core.custom_fields import CSV_PREFIX, CustomField, Stored, clean_custom
from kiaro_cli.core.fields import (
    MAX_NOTES,
    CleanContext,
    clean_client_values,
    clean_line,
    clean_tags,
    clean_text,
)
from kiaro_cli.core.imports import cells
from kiaro_cli.core.imports.columns import ColumnMap, RawRow, read_row
from kiaro_cli.core.imports.duplicates import Existing, keys_of
from kiaro_cli.core.imports.headers import IMPORTABLE
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold
from kiaro_cli.words import counted

TRUE, FALSE = ("true", "yes", "1", "y"), ("false", "no", "0", "n", "")
STAMPS = ("last_followed_up_at", "created_at", "updated_at")
# Fields cleaned by the client rules (phone and country are cleaned as imports keep them).
RULED = tuple(
    key
    for key in IMPORTABLE
    if key not in ("tags", "archived", "phone", "country") and not key.endswith("_at")
)
RULED_ORDER = {key: rank for rank, key in enumerate(RULED)}


@dataclass
class Row:
    """One client to add or update: the cleaned values, tags, stamps kept, and its people
    (the first is a new client's primary contact)."""

    line: int
    values: dict[str, object]
    tags: list[str]
    archived: bool
    stamps: dict[str, str]
    people: list[Person] = field(default_factory=list)
    completes: bool = False  # a person's row: it fills what a client lacks, never replaces it
    custom: dict[str, Stored] = field(default_factory=dict)  # custom values by field key


@dataclass(frozen=True)
class Reject:
    """A row set aside, with why, and its cells as the file had them."""

    line: int
    reasons: list[str]
    cells: list[str]


PREVIEW_KEPT = 100  # new clients a plan keeps for its preview once they are handed on


@dataclass
class Plan:
    """What an import will do: ``adds`` are the new clients not handed on yet, ``added``
    counts them all, and ``shown`` keeps the first :data:`PREVIEW_KEPT` for a preview."""

    adds: list[Row] = field(default_factory=list)
    added: int = 0
    shown: list[Row] = field(default_factory=list)
    updates: list[tuple[int, Row]] = field(default_factory=list)
    skips: list[tuple[int, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rejected: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    countries: dict[str, str | None] = field(default_factory=dict)
    rows: int = 0


Progress = Callable[[int], None]
Batch = Callable[[list[Row]], None]  # takes new clients that no later row can change


class HandedOnTooSoon(Exception):
    """A row would change a new client already handed on: another person at it, or a
    repeated row updating it. The import plans again, holding every row to the end."""


@dataclass(frozen=True)
class Reading:
    """How a file's cells read: today (for dates), whether numbers use a decimal comma, and
    the custom fields its ``custom.KEY`` columns fill."""

    today: date
    decimal_comma: bool = False
    fields: Mapping[str, CustomField] = field(default_factory=dict)  # the custom fields by key


@dataclass
class Notes:
    """What cleaning a file has to say beyond errors: warnings, countries, unread stages."""

    warnings: list[str] = field(default_factory=list)
    countries: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # code, why not
    unread: Counter[tuple[str, str]] = field(default_factory=Counter)


def clean_row(line: int, raw: RawRow, reading: Reading, notes: Notes) -> Row:
    """A row cleaned by the field rules; raises InvalidValue naming every bad value."""
    name = raw.values.get("name") or raw.person
    if not name:
        raise InvalidValue("name is empty (no client and no person)")
    given = {
        key: raw.values[key] for key in sorted(raw.values.keys() & RULED_ORDER, key=RULED_ORDER.__getitem__)
    }
    given["name"] = name
    if raw.person:
        given["contact_person"] = raw.person
    extras = list(raw.extras)
    country = raw.address.get("country")
    if country:
        country = read_country(country, f"line {line}", notes, extras)
    if raw.address:
        given.update(_address_values(raw.address, country))
    if given.get("value"):
        given["value"], currency = cells.amount(given["value"], decimal_comma=reading.decimal_comma)
        if currency and not given.get("currency"):
            given["currency"] = currency
    if not given.get("status"):
        status = _status(raw.status_labels, notes)
        if status:
            given["status"] = status
    custom, problems = _custom(raw, reading)
    try:
        values = clean_client_values(given, CleanContext(reading.today, country, past_follow_ups=True))
    except InvalidValue as error:
        problems = [*(error.details or [error.message]), *problems]
    if problems:
        raise InvalidValue("; ".join(problems), problems)
    values["country"] = country
    phone = raw.values.get("phone")
    if phone:
        values["phone"], warning = cells.import_phone(phone, country)
        if warning:
            notes.warnings.append(f"line {line}: {warning}")
    if extras:
        values["notes"] = with_extras(values.get("notes"), extras)
    values = {key: value for key, value in values.items() if value is not None}
    person = None
    if values.get("contact_person"):
        job = clean_line(raw.job_title, "job title", limit=200) if raw.job_title else None
        email, phone_ = values.get("email"), values.get("phone")
        person = Person(str(values["contact_person"]), _text(email), _text(phone_), job)
    stamps = {key: _stamp(raw.values[key], key) for key in STAMPS if raw.values.get(key)}
    if raw.values.get("last_interaction_at"):
        stamps["last_interaction_at"] = _day_or_stamp(raw.values["last_interaction_at"])
    tags = clean_tags(raw.tags)
    people = [person] if person else []
    return Row(line, values, tags, _flag(raw.values.get("archived", "")), stamps, people, custom=custom)


def _address_values(address: Mapping[str, str], country: str | None) -> dict[str, str]:
    """The address fields a row's address gives: its lines, city, region and postal code."""
    line1, line2 = cells.street_lines(address, country)
    lines = {"address_line1": line1, "address_line2": line2}
    places = {key: address.get(key) for key in ("city", "region", "postal_code")}
    return {key: value for key, value in {**lines, **places}.items() if value}


def _custom(raw: RawRow, reading: Reading) -> tuple[dict[str, Stored], list[str]]:
    """A row's custom values by field key, and what is wrong with the others."""
    if not reading.fields:  # a file's custom columns name fields there are
        return {}, []
    found: dict[str, Stored] = {}
    problems: list[str] = []
    for name, text in raw.values.items():
        if name.startswith(CSV_PREFIX):
            key = name.removeprefix(CSV_PREFIX)
            try:
                fld = reading.fields[key]
                found[key] = clean_custom(fld, text, reading.today, decimal_comma=reading.decimal_comma)
            except InvalidValue as error:
                problems.append(error.message)
    return found, problems


def _text(value: object) -> str | None:
    return str(value) if value else None


def read_country(text: str | None, where: str, notes: Notes, extras: list[tuple[str, str]]) -> str | None:
    """A row's country code; one kiaro cannot tell is left empty, with a warning, and its
    text kept among the row's further values."""
    if not text:
        return None
    if text not in notes.countries:
        notes.countries[text] = cells.import_country(text)
    code, warning = notes.countries[text]
    if warning:
        notes.warnings.append(f"{where}: {warning}")
        extras.append(("Country", text))
    return code


def _status(labels: Sequence[tuple[str, str]], notes: Notes) -> str | None:
    """The first stage or type that names a status; the others are counted for a note."""
    for _, label in labels:
        status = read_status(label)
        if status:
            return status
    for header, label in labels:
        notes.unread[(header, label)] += 1
    return None


def with_extras(text: object, extras: Sequence[tuple[str, str]]) -> str:
    """The notes with the row's further values under them, one a line ("Mobile Phone: …")."""
    lines = [str(text)] if text else []
    lines += [f"{label}: {value}" for label, value in extras]
    return clean_text("\n".join(lines), "notes", limit=MAX_NOTES) or ""


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
class Planner:
    """Decides, row by row, to add, join, update, skip, refuse or set aside."""

    plan: Plan
    existing: Existing
    on_duplicate: str
    skip_invalid: bool
    hand_on: Batch | None = None  # without it, every row is held to the end
    batch: int = 2000
    in_file: Existing = field(default_factory=Existing)
    # by folded name: rows that add or update (None: a new client handed on)
    clients: dict[str, Row | None] = field(default_factory=dict)

    def refuse(self, line: int, reasons: Sequence[str], cells_: Sequence[str]) -> None:
        if self.skip_invalid:
            self.plan.rejected.append(Reject(line, list(reasons), list(cells_)))
        else:
            self.plan.errors.extend(f"line {line}: {reason}" for reason in reasons)

    def take(self, row: Row, cells_: Sequence[str]) -> None:
        keys = keys_of(row.values)
        key = str(keys[2])
        if self.handed_on(key) and (row.people or self.on_duplicate == "update"):
            raise HandedOnTooSoon(row.line)
        client = self.clients.get(key)
        if client is not None and _brings_someone_new(client, row):
            _join(client, row)
            return
        earlier = self.in_file.match(keys)
        if earlier is not None:
            self.duplicate(row, cells_, f"same {earlier[1]} as line {earlier[0]}", self.clients.get(key))
            return
        self.in_file.remember(row.line, keys)
        match = self.existing.match(keys)
        if match is None:
            self.add(key, row)
            return
        client_id, by = match
        who = f"{self.existing.names.get(client_id, '')} (#{client_id})"
        if self.on_duplicate == "update":
            self.plan.updates.append((client_id, row))
            self.clients[key] = row
        else:
            self.duplicate(row, cells_, f"same {by} as {who}", None)

    def handed_on(self, key: str) -> bool:
        return key in self.clients and self.clients[key] is None

    def add(self, key: str, row: Row) -> None:
        plan = self.plan
        plan.adds.append(row)
        plan.added += 1
        if len(plan.shown) < PREVIEW_KEPT:
            plan.shown.append(row)
        self.clients[key] = row
        if self.hand_on is not None and len(plan.adds) == self.batch:
            self.hand_over()

    def hand_over(self) -> None:
        """Hand the new clients on: no later row may change them now."""
        if self.hand_on is None or not self.plan.adds:
            return
        rows, self.plan.adds = self.plan.adds, []
        for row in rows:
            self.clients[fold(str(row.values["name"]))] = None
        if not self.plan.errors:  # a refused import writes nothing: its rows are only counted
            self.hand_on(rows)

    def duplicate(self, row: Row, cells_: Sequence[str], reason: str, earlier: Row | None) -> None:
        if self.on_duplicate == "skip":
            self.plan.skips.append((row.line, reason))
        elif self.on_duplicate == "update" and earlier is not None:
            _update(earlier, row)
        else:
            hint = "" if self.skip_invalid else " (use --on-duplicate skip or update)"
            self.refuse(row.line, [reason + hint], cells_)


def _brings_someone_new(client: Row, row: Row) -> bool:
    """A row of the same client names a person the client's rows have not named yet."""
    if not row.people:
        return False
    person = row.people[0]
    names = {fold(p.name) for p in client.people}
    emails = {fold(p.email) for p in client.people if p.email}
    return fold(person.name) not in names and not (person.email and fold(person.email) in emails)


def _join(client: Row, row: Row) -> None:
    """Another person at the client: a contact, their values filling what the client lacks."""
    person = row.people[0]
    client.people.append(person)
    own = ("contact_person", "email", "phone", "notes")
    for key, value in row.values.items():
        if key not in own and client.values.get(key) in (None, ""):
            client.values[key] = value
    client.tags += [tag for tag in row.tags if fold(tag) not in {fold(t) for t in client.tags}]
    client.custom = {**row.custom, **client.custom}
    if row.values.get("notes"):
        said = f"{person.name}: {row.values['notes']}"
        client.values["notes"] = f"{client.values['notes']}\n{said}" if client.values.get("notes") else said


def _update(earlier: Row, row: Row) -> None:
    """A repeated row updates the earlier one: its non-empty values win (its notes join the
    earlier's), its tags are added."""
    notes = join_notes(_text(earlier.values.get("notes")), _text(row.values.get("notes")))
    earlier.values.update({key: value for key, value in row.values.items() if key != "contact_person"})
    if notes:
        earlier.values["notes"] = notes
    earlier.custom.update(row.custom)
    earlier.tags += [tag for tag in row.tags if fold(tag) not in {fold(t) for t in earlier.tags}]


def plan_import(
    records: Iterable[tuple[int, list[str]]],
    columns: ColumnMap,
    existing: Existing,
    *,
    on_duplicate: str,
    reading: Reading,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    hand_on: Batch | None = None,
    batch: int = 2000,
) -> Plan:
    """Clean every record and decide, for each, to add, join, update, skip or refuse it.

    With ``hand_on``, new clients go to it ``batch`` at a time as the file is read, and
    the last ones at the end; a row that would change one already handed on raises
    :class:`HandedOnTooSoon`. Without it, the plan holds them all (``plan.adds``).
    """
    if on_duplicate not in DUPLICATE_POLICIES:
        raise InvalidValue(f"--on-duplicate must be one of {', '.join(DUPLICATE_POLICIES)}")
    plan = Plan(unknown_columns=columns.unknown)
    planner = Planner(plan, existing, on_duplicate, skip_invalid, hand_on, batch)
    notes = Notes()
    for count, (line, cells_) in enumerate(records, start=1):
        plan.rows = count
        if progress is not None:
            progress(count)
        try:
            if len(cells_) > columns.width and any(c.strip() for c in cells_[columns.width :]):
                raise InvalidValue(f"{len(cells_)} cells but the header has {columns.width} columns")
            row = clean_row(line, read_row(cells_, columns), reading, notes)
        except InvalidValue as error:
            planner.refuse(line, error.details or [error.message], cells_)
            continue
        row.completes = columns.about_people
        planner.take(row, cells_)
    planner.hand_over()
    plan.warnings = notes.warnings + [
        f"{header} '{label}' ({counted(count, 'row')}) is not a status kiaro knows; left out"
        for (header, label), count in notes.unread.items()
    ]
    plan.countries = {text: code for text, (code, _) in notes.countries.items()}
    return plan


def iter_preview(plan: Plan, limit: int) -> Iterator[tuple[str, int, Mapping[str, object]]]:
    """The first ``limit`` actions of a plan: ("add" | "update", line, values)."""
    actions = [("add", row.line, row.values) for row in plan.shown]
    actions += [("update", row.line, row.values) for _, row in plan.updates]
    yield from sorted(actions, key=lambda action: action[1])[:limit]
