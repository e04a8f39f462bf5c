"""Importing a CSV file of clients: read, map, plan, then write it all in one transaction.

If any record is bad, nothing is written and every problem is listed by its line. New
clients go in bulk (batches of :data:`WRITE_BATCH`) with their primary contacts, tags,
history and undo steps, so a large file imports in seconds and ``kiaro undo`` takes it
back. ``dry_run`` does everything and rolls it back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kiaro_cli import clock
from kiaro_cli.codecs.csv_table import read_table
from kiaro_cli.core.client_rows import add_missing_tags, apply_changes, new_client_row, primary_contact_row
from kiaro_cli.core.clients import load_client
from kiaro_cli.core.imports.columns import map_columns
from kiaro_cli.core.imports.plan import Plan, Progress, Row, existing_clients, plan_import
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target, Writer

DEFAULT_STATUS = "active"  # a row without a status is a client you work with
WRITE_BATCH = 2000  # new clients written per round (bounds the memory a large import takes)


@dataclass(frozen=True)
class ImportResult:
    plan: Plan
    written: bool
    delimiter: str

    def to_dict(self) -> dict[str, object]:
        return {
            "added": len(self.plan.adds),
            "updated": len(self.plan.updates),
            "skipped": len(self.plan.skips),
            "unknown_columns": self.plan.unknown_columns,
            "dry_run": not self.written,
        }


def import_clients(
    target: Target,
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
    from kiaro_cli.storage.unit import write

    table = read_table(data, name)
    columns = map_columns(table.header, mapping or {})
    with write(target, dry_run=dry_run) as w:
        plan = plan_import(
            table,
            columns,
            existing_clients(w.reader),
            on_duplicate=on_duplicate,
            today=today or clock.today(),
            progress=progress,
        )
        if plan.errors:
            bad = len({error.split(":", 1)[0] for error in plan.errors})
            raise InvalidValue(f"{bad} of {plan.rows} rows are invalid; nothing was imported", plan.errors)
        _write_updates(w, plan.updates)
        _write_adds(w, plan.adds)
    return ImportResult(plan, not dry_run, table.delimiter)


def _write_updates(w: Writer, updates: Sequence[tuple[int, Row]]) -> None:
    """Fill the given (non-empty) fields of existing clients; add their new tags."""
    for client_id, row in updates:
        client = w.client(client_id)
        apply_changes(w, client, load_client(w.reader, client_id), row.values)
        add_missing_tags(w, client, row.tags)


def _write_adds(w: Writer, rows: Sequence[Row]) -> None:
    """Insert new clients in bulk, with their primary contacts, tags, history and undo steps."""
    with w.new_clients_in_bulk():
        for start in range(0, len(rows), WRITE_BATCH):
            _write_batch(w, rows[start : start + WRITE_BATCH])


def _write_batch(w: Writer, rows: Sequence[Row]) -> None:
    from kiaro_cli.storage.schema import Client, Contact, Tag

    ids = w.bulk_insert(Client, [_client_row(row, w.at) for row in rows])
    pairs = list(zip(ids, rows, strict=True))
    contacts = [
        primary_contact_row(client_id, str(person), row.values.get("email"), row.values.get("phone"), w.at)
        for client_id, row in pairs
        if (person := row.values.get("contact_person"))
    ]
    w.bulk_insert(Contact, contacts)
    w.bulk_insert(Tag, [{"client_id": i, "name": t, "key": fold(t)} for i, row in pairs for t in row.tags])
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


def _client_row(row: Row, at: str) -> dict[str, object]:
    """A new client's row: the cleaned values, and the stamps and archived flag the file keeps."""
    return new_client_row(
        {"status": DEFAULT_STATUS, **row.values}, at, stamps={**row.stamps, "archived": row.archived}
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
