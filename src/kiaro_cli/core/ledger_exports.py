"""Exports of the ledger: projects, quotes, invoices and payments, each row the record's JSON
object (SPEC §6, keys in order) read on a day, streamed in id order.

An invoice's lines are read beside the invoices in one pass (both in id order), so no
export holds more than a batch of rows. In JSON they are the ``lines`` list; a CSV has one
row an invoice, its lines in one ``lines`` cell: ``Design × 1.5 @ 66.67; Hosting × 12 @ 10.00``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kiaro_cli.declarations.invoice import INVOICE
from kiaro_cli.declarations.payment import PAYMENT
from kiaro_cli.declarations.project import PROJECT
from kiaro_cli.declarations.quote import QUOTE
from kiaro_cli.storage import ledger_queries as q
from kiaro_cli.storage.reader import Reader

if TYPE_CHECKING:
    from kiaro_cli.storage.csv_lines import JoinedRows

_DECLARED = {"projects": PROJECT, "quotes": QUOTE, "invoices": INVOICE, "payments": PAYMENT}


def ledger_columns(kind: str) -> tuple[str, ...]:
    """The columns of an export of ``kind``: its record's JSON keys, in order."""
    return _DECLARED[kind].keys


def ledger_rows(
    reader: Reader,
    kind: str,
    today: date,
    *,
    statuses: Sequence[str] = (),
    tags: Sequence[str] = (),
    include_archived: bool = False,
    lines_as_text: bool = False,
    decimal_comma: bool = False,
) -> Iterator[dict[str, Any]]:
    """Every record of ``kind`` of the clients the filters keep (archived ones only when
    asked), in id order; an invoice's lines as one text (:func:`lines_text`) when asked."""
    from kiaro_cli.core.ledger import InvoiceRecord, PaymentRecord, ProjectRecord, QuoteRecord

    wanted = _wanted_clients(reader, statuses, tags, include_archived)
    params = {"today": today.isoformat(), "false_flag": False}
    rows = reader.rows(q.ledger_export(kind, include_archived), params)
    kept = (row for row in rows if wanted is None or row["client_id"] in wanted)
    if kind != "invoices":
        makers: dict[str, Callable[[Mapping[str, Any]], Any]] = {
            "projects": ProjectRecord.from_row,
            "quotes": QuoteRecord.from_row,
            "payments": PaymentRecord.from_row,
        }
        make = makers[kind]
        for row in kept:
            yield make(row).to_dict()
        return
    for invoice, lines in _with_lines(kept, reader.rows(q.LINES_EXPORT)):
        values = InvoiceRecord.from_row(invoice, lines).to_dict()
        if lines_as_text:
            values["lines"] = lines_text(values["lines"], decimal_comma)
        yield values


def ledger_cells(
    reader: Reader,
    kind: str,
    columns: Sequence[str],
    today: date,
    *,
    include_archived: bool = False,
    escape: bool = True,
    decimal_comma: bool = False,
) -> JoinedRows | None:
    """The rows of a CSV export of ``kind`` as the database writes them, cell for cell
    what :func:`ledger_rows` gives through ``csv_row``; None where only that path serves
    (not SQLite)."""
    from kiaro_cli.storage.csv_lines import joined_rows
    from kiaro_cli.storage.ledger_cells import ledger_cells_query

    if not reader.dialect.sqlite_functions:
        return None
    query = ledger_cells_query(
        kind, columns, include_archived=include_archived, escape=escape, decimal_comma=decimal_comma
    )
    params = query.params | {"today": today.isoformat()}
    return joined_rows(reader, query, params)


def _with_lines(
    invoices: Iterable[Mapping[str, Any]], lines: Iterator[Mapping[str, Any]]
) -> Iterator[tuple[Mapping[str, Any], list[Mapping[str, Any]]]]:
    """Each invoice with its lines: both come in invoice id order, so one pass pairs them."""
    pending = next(lines, None)
    for invoice in invoices:
        mine = []
        while pending is not None and pending["invoice_id"] <= invoice["id"]:
            if pending["invoice_id"] == invoice["id"]:
                mine.append(pending)
            pending = next(lines, None)
        yield invoice, mine


def lines_text(lines: Iterable[Mapping[str, Any]], decimal_comma: bool = False) -> str:
    """An invoice's lines in one spreadsheet cell: ``TEXT × QTY @ PRICE``, joined by ``; ``
    (``?`` for a stored number that is none)."""

    def number(value: Decimal | None) -> str:
        if value is None:
            return "?"
        text = format(value, "f")
        return text.replace(".", ",") if decimal_comma else text

    return "; ".join(
        f"{line['description']} × {number(line['quantity'])} @ {number(line['unit_price'])}" for line in lines
    )


def _wanted_clients(
    reader: Reader, statuses: Sequence[str], tags: Sequence[str], include_archived: bool
) -> set[int] | None:
    """The ids of the clients the filters keep (None: no filter given)."""
    if not statuses and not tags:
        return None
    from kiaro_cli.core.clients import make_filter
    from kiaro_cli.storage import queries

    flt = make_filter(statuses=statuses, tags=tags, archived="all" if include_archived else "active")
    sql, params = queries.client_list(flt)
    return {row["id"] for row in reader.rows(sql, params)}
