"""Importing a CSV file of clients: read, map, plan, then write it all in one transaction.

If any record is bad, nothing is written and every problem is listed by its line (or,
setting bad rows aside, the good ones are written). The file is read twice, a record at
a time: a first pass over the columns that name a client (see :mod:`.pipeline`), then
the pipeline that cleans and decides every row. New clients go in bulk (batches of
:data:`WRITE_BATCH`) with their contacts, tags, history and undo steps as soon as no
later row can change them, so a large file imports in seconds, in memory that does not
grow with it, and ``kiaro undo`` takes it back. ``dry_run`` does everything and rolls it
back. Every write of an import is here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING

from kiaro_cli import clock
from kiaro_cli.codecs.csv_table import TableText, no_rows, open_table
from kiaro_cli.core.client_rows import (
    Change,
    add_missing_tags,
    add_person,
    apply_changes,
    contact_row,
    join_notes,
    new_client_row,
    refresh_search_text,
)
from kiaro_cli.core.clients import load_client
from kiaro_cli.core.custom_fields import CustomField, fields_by_key, value_rows, write_stored
from kiaro_cli.core.imports.clean import Reading, Row
from kiaro_cli.core.imports.columns import HEADER_SEARCH, ColumnMap, custom_columns, find_header, map_columns
from kiaro_cli.core.imports.duplicates import existing_clients
from kiaro_cli.core.imports.pipeline import Progress, Records, new_clients, scan
from kiaro_cli.core.imports.plan import Plan, Planner
from kiaro_cli.core.reach import reach_rows
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold
from kiaro_cli.words import counted_of

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target, Writer

DEFAULT_STATUS = "active"  # a row without a status is a client you work with
WRITE_BATCH = 2000  # new clients written per round (bounds the memory a large import takes)


@dataclass(frozen=True)
class Updated:
    """A client already there that a row updated (or, in a dry run, would): each field
    changed, old → new (custom fields as ``custom.KEY``), and the tags and people added."""

    client_id: int
    name: str
    line: int
    changes: tuple[Change, ...]
    tags: tuple[str, ...]
    people: tuple[str, ...]


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or would do), and how it read the file."""

    plan: Plan
    written: bool
    table: TableText
    header_line: int
    header: list[str]
    contacts_added: int
    updated: tuple[Updated, ...] = ()

    @property
    def delimiter(self) -> str:
        return self.table.delimiter

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.plan.added,
            "updated": len(self.plan.updates),
            "skipped": len(self.plan.skips),
            "contacts_added": self.contacts_added,
            "rejected": [{"line": r.line, "reasons": r.reasons} for r in self.plan.rejected],
            "warnings": self.plan.warnings,
            "countries": self.plan.countries,
            "unknown_columns": self.plan.unknown_columns,
            "encoding": self.table.encoding,
            "header_line": self.header_line,
            "dry_run": not self.written,
        }


def import_clients(
    target: Target,
    data: bytes,
    *,
    name: str = "the file",
    mapping: Mapping[str, str] | None = None,
    on_duplicate: str = "error",
    encoding: str | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a CSV file of clients in one transaction: nothing at all if any row is bad,
    or, with ``skip_invalid``, every good row (the others are in the result)."""
    from kiaro_cli.storage.unit import write

    table = open_table(data, name, encoding)
    head = list(islice(table.records(), HEADER_SEARCH))
    if not head:
        raise no_rows(table.name)
    at = find_header(head, mapping or {})
    header_line, header = head[at]
    columns = map_columns(header, mapping or {}, header_line)

    def body() -> Records:
        return islice(table.records(), at + 1, None)

    keys = scan(body(), columns)
    contacts = 0
    with write(target, dry_run=dry_run) as w:
        fields = fields_by_key(w.reader)
        _check_custom_columns(columns, fields)
        reading = Reading(
            today or clock.today(),
            decimal_comma=table.delimiter == ";",
            fields=fields,
            own_export=columns.own_export,
        )
        plan = Plan(unknown_columns=columns.unknown)
        planner = Planner(
            plan, existing_clients(w.reader, keys), keys.last, on_duplicate, skip_invalid, shared=keys.shared
        )
        del keys  # the planner holds the last lines; the codes and emails have done their work
        with w.new_clients_in_bulk(expected=table.text.count("\n")):
            batches = new_clients(
                body(), columns, planner, reading=reading, progress=progress, batch=WRITE_BATCH
            )
            for batch in batches:
                if not plan.errors:  # a refused import writes nothing: its rows are only counted
                    contacts += _write_batch(w, batch)
            _refuse_bad_rows(plan)
        updated = _write_updates(w, plan.updates)
        contacts += sum(len(client.people) for client in updated)
    return ImportResult(plan, not dry_run, table, header_line, header, contacts, updated)


def _refuse_bad_rows(plan: Plan) -> None:
    if plan.errors:
        bad = len({error.split(":", 1)[0] for error in plan.errors})
        raise InvalidValue(f"{counted_of(bad, plan.rows, 'row')} invalid; nothing was imported", plan.errors)


def _check_custom_columns(columns: ColumnMap, fields: Mapping[str, CustomField]) -> None:
    """Refuse a file whose ``custom.KEY`` columns name fields that do not exist."""
    for key, column in custom_columns(columns).items():
        if key not in fields:
            raise InvalidValue(
                f"column '{column.header}': no custom field '{key}'; "
                f"add it first (kiaro field add {key} --type text|number|date|choice|bool)"
            )


def _write_updates(w: Writer, updates: Sequence[tuple[int, Row]]) -> tuple[Updated, ...]:
    """Give existing clients the rows' non-empty fields (a person's row only fills what
    the client lacks; notes are joined, never replaced), their new tags and the people
    they do not have yet; return what changed of each."""
    updated = []
    fresh: set[int] = set()
    for client_id, row in updates:
        client = w.clients.get(client_id)
        before = load_client(w.reader, client_id)
        values = {key: value for key, value in row.values.items() if key not in ("contact_person", "notes")}
        if row.completes:
            values = {key: value for key, value in values.items() if before[key] in (None, "")}
        if row.values.get("notes"):
            values["notes"] = join_notes(before.notes, str(row.values["notes"]))
        changes = apply_changes(w, client, before, values)
        if row.custom:
            changes += tuple(write_stored(w, client, row.custom, only_missing=row.completes))
        tags = add_missing_tags(w, client, row.tags)
        people = [person.name for person in row.people if add_person(w, client, person, fresh, how="import")]
        if people:
            refresh_search_text(w, client)
        updated.append(Updated(client_id, before.name, row.line, changes, tuple(tags), tuple(people)))
    return tuple(updated)


def _write_batch(w: Writer, rows: Sequence[Row]) -> int:
    """Insert new clients in bulk, with their contacts, tags, history and undo steps."""
    from kiaro_cli.storage.rows import Client, Contact, ContactReach, CustomValue, Tag

    ids = w.bulk_insert(Client, [_client_row(row, w.at) for row in rows])
    pairs = list(zip(ids, rows, strict=True))
    people = [person for row in rows for person in row.people]
    contacts = [
        contact_row(client_id, person, w.at, primary=number == 0)
        for client_id, row in pairs
        for number, person in enumerate(row.people)
    ]
    contact_ids = w.bulk_insert(Contact, contacts)
    reach = [
        columns
        for contact_id, person in zip(contact_ids, people, strict=True)
        for kind, entries in (("email", person.emails), ("phone", person.phones))
        for columns in reach_rows(contact_id, kind, entries)
    ]
    w.bulk_insert(ContactReach, reach)
    w.bulk_insert(Tag, [{"client_id": i, "name": t, "key": fold(t)} for i, row in pairs for t in row.tags])
    if any(row.custom for row in rows):
        fields = fields_by_key(w.reader)
        w.bulk_insert(CustomValue, [v for i, row in pairs for v in value_rows(i, row.custom, fields)])
    history = [
        {
            "client_id": client_id,
            "at": w.at,
            "kind": "imported",
            "detail": imported_detail(row),
            "data": _kept(row),
        }
        for client_id, row in pairs
    ]
    w.insert_history(history)
    return len(contacts)


def _client_row(row: Row, at: str) -> dict[str, object]:
    """A new client's row: the cleaned values, and the stamps and archived flag the file keeps."""
    people = [(p.name, p.email, p.phone) for p in row.people]
    people += [(p.name, email.value, None) for p in row.people for email in p.emails[1:]]
    people += [(p.name, None, phone.value) for p in row.people for phone in p.phones[1:]]
    return new_client_row(
        {"status": DEFAULT_STATUS, **row.values},
        at,
        stamps={**row.stamps, "archived": row.archived},
        people=people,
    )


def imported_detail(row: Row) -> str:
    """The history line of an imported client; it explains a last interaction kiaro never saw."""
    detail = f"Imported {row.values['name']} (line {row.line})"
    last = row.stamps.get("last_interaction_at")
    return f"{detail}; last interaction before the import: {last[:10]}" if last else detail


def _kept(row: Row) -> str | None:
    facts = ("last_interaction_at", "last_followed_up_at")
    kept = {key: row.stamps[key] for key in facts if key in row.stamps}
    return json.dumps(kept) if kept else None
