"""The export commands' use cases on a workspace: each reads one snapshot and writes what
it holds to a stream (stdout, or a file written whole: :func:`written_whole`), and says how
many records it wrote. ``--fields`` is chosen here too: which fields a record has is a rule
of the records, whatever prints them (listings import this, so its imports stay light)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from kiaro_cli.errors import InvalidValue

if TYPE_CHECKING:
    from datetime import date

    from kiaro_cli.codecs.tabular import Spreadsheet
    from kiaro_cli.codecs.xlsx import Column
    from kiaro_cli.core.workspace import Workspace
    from kiaro_cli.storage.reader import Reader


@contextmanager
def written_whole(path: str, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A private file at ``path``, moved into place once all of it is written (nothing
    there at all if writing fails)."""
    from kiaro_cli.storage.files import AtomicOutput

    with AtomicOutput(path, binary=binary) as handle:
        yield handle


def chosen_fields(text: str | None, available: Sequence[str]) -> list[str] | None:
    """The fields ``--fields a,b,c`` names, in its order; a name the records do not have is
    refused, listing those they have."""
    if text is None:
        return None
    wanted = list(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    if not wanted:
        raise InvalidValue(f"--fields needs field names, e.g. {','.join(available[:3])}")
    unknown = [name for name in wanted if name not in available]
    if unknown:
        names = textwrap.wrap(", ".join(available), 76, break_on_hyphens=False)
        raise InvalidValue(f"unknown field '{unknown[0]}'; the fields are:", names)
    return wanted


def only(item: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """A record cut down to ``fields`` (``custom.KEY`` reads inside ``custom``)."""
    from kiaro_cli.codecs.tabular import value_at

    return {name: value_at(item, name) for name in fields}


def export_calendar(ws: Workspace, out: IO[str]) -> int:
    """Scheduled follow-ups and open events with a due day, as iCalendar items."""
    from kiaro_cli.codecs.ics import write_calendar
    from kiaro_cli.core import exports

    with ws.opened() as reader:
        return write_calendar(exports.calendar_items(reader), out)


def export_cards(ws: Workspace, reference: str | None, out: IO[str]) -> int:
    """Contacts (of one client, or all) as vCards."""
    from kiaro_cli.codecs.vcard import write_cards
    from kiaro_cli.core import exports

    with ws.opened() as reader:
        return write_cards(exports.address_book(reader, reference), out)


LEDGER_KINDS = ("projects", "quotes", "invoices", "payments")


@dataclass(frozen=True)
class Table:
    """A table export: which records (``kind``: clients, contacts, interactions, events,
    or the ledger's projects, quotes, invoices and payments),
    of which clients, in which format, cut to which ``--fields``."""

    kind: str
    fmt: str
    statuses: Sequence[str] = ()
    tags: Sequence[str] = ()
    include_archived: bool = False
    fields: str | None = None
    escape: bool = True


def export_table(ws: Workspace, table: Table, sheet: Spreadsheet, out: IO[str]) -> int:
    """The records ``table`` asks for, written to ``out``; a CSV of clients on SQLite has
    its cells computed by the database (the same cells, faster)."""
    if table.kind in LEDGER_KINDS:
        return _export_ledger(ws, table, sheet, out)
    from kiaro_cli.codecs.tabular import write_joined, write_many
    from kiaro_cli.core import exports

    statuses, tags, archived = table.statuses, table.tags, table.include_archived
    with ws.opened() as reader:
        rows, columns = _client_records(reader, table)
        if table.kind == "clients" and table.fmt == "csv":
            cells = exports.client_cells(
                reader,
                columns,
                statuses=statuses,
                tags=tags,
                include_archived=archived,
                escape=table.escape,
                decimal_comma=sheet.decimal_comma,
            )
            if cells is not None:
                return write_joined(cells, columns, out, sheet)
        return write_many(table.fmt, rows, columns, out, escape=table.escape, sheet=sheet)


def _client_records(reader: Reader, table: Table) -> tuple[Iterable[Mapping[str, Any]], Sequence[str]]:
    """The records of clients, contacts, interactions or events ``table`` asks for, and
    their columns (cut to ``--fields``)."""
    from kiaro_cli.core import exports

    rows_of = {
        "clients": exports.client_rows,
        "contacts": exports.contact_rows,
        "interactions": exports.interaction_rows,
        "events": exports.event_rows,
    }[table.kind]
    statuses, tags, archived = table.statuses, table.tags, table.include_archived
    rows: Iterable[Mapping[str, Any]] = rows_of(
        reader, statuses=statuses, tags=tags, include_archived=archived
    )
    columns: Sequence[str] = exports.columns_of(reader, table.kind)
    chosen = chosen_fields(table.fields, columns)
    if chosen:
        rows, columns = (only(row, chosen) for row in rows), chosen
    return rows, columns


def _ledger_records(
    reader: Reader, table: Table, today: date, decimal_comma: bool = False
) -> tuple[Iterable[Mapping[str, Any]], Sequence[str]]:
    """The projects, quotes, invoices or payments ``table`` asks for, as they read today,
    and their columns (cut to ``--fields``); in a CSV or a sheet an invoice's lines are
    one cell of text."""
    from kiaro_cli.core.ledger_exports import ledger_columns, ledger_rows

    rows: Iterable[Mapping[str, Any]] = ledger_rows(
        reader,
        table.kind,
        today,
        statuses=table.statuses,
        tags=table.tags,
        include_archived=table.include_archived,
        lines_as_text=table.fmt in ("csv", "xlsx"),
        decimal_comma=decimal_comma,
    )
    columns: Sequence[str] = ledger_columns(table.kind)
    chosen = chosen_fields(table.fields, columns)
    if chosen:
        rows, columns = (only(row, chosen) for row in rows), chosen
    return rows, columns


def _export_ledger(ws: Workspace, table: Table, sheet: Spreadsheet, out: IO[str]) -> int:
    """Projects, quotes, invoices or payments as they read today, in id order; on SQLite
    the database writes a CSV's rows (the same cells, faster)."""
    from kiaro_cli.codecs.tabular import write_joined, write_many
    from kiaro_cli.core.ledger_exports import ledger_cells, ledger_columns

    with ws.opened() as reader:
        if table.fmt == "csv" and not table.statuses and not table.tags:
            every = ledger_columns(table.kind)
            chosen: Sequence[str] = chosen_fields(table.fields, every) or every
            cells = ledger_cells(
                reader, table.kind, chosen, ws.today, include_archived=table.include_archived,
                escape=table.escape, decimal_comma=sheet.decimal_comma,
            )  # fmt: skip
            if cells is not None:
                return write_joined(cells, chosen, out, sheet)
        rows, columns = _ledger_records(reader, table, ws.today, sheet.decimal_comma)
        return write_many(table.fmt, rows, columns, out, escape=table.escape, sheet=sheet)


# Columns holding amounts of money: numbers with two decimals in a sheet.
MONEY_COLUMNS = frozenset(
    ("value", "budget", "invoiced", "net", "vat", "gross", "paid", "outstanding", "amount",
     "minimum_rate", "invoice_tolerance")
)  # fmt: skip
# Columns of days beside every *_on, *_at and *_date (a birthday without its year stays text)
DAY_COLUMNS = ("deadline", "valid_until", "birthday")


def export_workbook(ws: Workspace, table: Table, out: IO[bytes]) -> int:
    """The records ``table`` asks for as an Excel workbook of one sheet, each column typed:
    amounts, days and numbers as such, everything else (phones, postal codes) as text."""
    from kiaro_cli.codecs.xlsx import write_sheet

    with ws.opened() as reader:
        if table.kind in LEDGER_KINDS:
            rows, columns = _ledger_records(reader, table, ws.today)
        else:
            rows, columns = _client_records(reader, table)
        return write_sheet(rows, sheet_columns(reader, columns), out, table.kind)


def sheet_columns(reader: Reader, names: Sequence[str]) -> list[Column]:
    """How a sheet writes each column: money, days (a custom date field's too), or as its
    values come."""
    from kiaro_cli.codecs.xlsx import DAY, MONEY, Column
    from kiaro_cli.core.custom_fields import list_fields

    custom = {f"custom.{fld.key}": fld.type for fld in list_fields(reader)} if any(
        name.startswith("custom.") for name in names
    ) else {}  # fmt: skip
    columns = []
    for name in names:
        if name in MONEY_COLUMNS:
            columns.append(Column(name, MONEY))
        elif name.endswith(("_on", "_at", "_date")) or name in DAY_COLUMNS or custom.get(name) == "date":
            columns.append(Column(name, DAY))
        else:
            columns.append(Column(name))
    return columns
