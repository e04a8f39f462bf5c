"""Planning an import: every record cleaned by the field rules, and what to do with it.

Pure: a plan needs the file's records, the column map and the clients already there
(read once), never a session. Nothing is written until every record is known good.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from kiaro_cli.codecs.csv_table import Table
from kiaro_cli.codecs.tabular import unescape_formula
from kiaro_cli.core.fields import CleanContext, clean_client_values, clean_tags
from kiaro_cli.core.imports.columns import FIELD_VALUES, STAMPS, ColumnMap
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold
from kiaro_cli.storage.reader import Reader

DUPLICATE_POLICIES = ("error", "skip", "update")
TRUE, FALSE = ("true", "yes", "1", "y"), ("false", "no", "0", "n", "")


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


def iter_preview(plan: Plan, limit: int) -> Iterator[tuple[str, int, Mapping[str, object]]]:
    """The first ``limit`` actions of a plan: ("add" | "update", line, values)."""
    actions = [("add", row.line, row.values) for row in plan.adds]
    actions += [("update", row.line, row.values) for _, row in plan.updates]
    yield from sorted(actions, key=lambda action: action[1])[:limit]
