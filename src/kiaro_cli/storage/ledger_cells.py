"""The ledger as CSV cells the database computes: the fast path of ``export projects|
quotes|invoices|payments`` as CSV.

Each cell is what :func:`kiaro_cli.codecs.tabular.csv_row` makes of a record of the
contract (:mod:`kiaro_cli.core.ledger`): amounts with two places, VAT rates and quantities
without trailing zeros, flags as true/false, a status of ``:today``, an invoice's lines as
one text (``Design × 1.5 @ 600.00; Hosting × 12 @ 25.00``), a stored day that is no day
and an amount that is no whole number empty (as the record has them), and a cell a
spreadsheet would run as a formula prefixed with ``'``. SQLite only (``unicode()``, and the
lines keep their order through a subquery); a test holds this path and the general one to
the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiaro_cli.declarations import Field, Record
from kiaro_cli.declarations.invoice import INVOICE
from kiaro_cli.declarations.payment import PAYMENT
from kiaro_cli.declarations.project import PROJECT
from kiaro_cli.declarations.quote import QUOTE
from kiaro_cli.storage import ledger_queries as q
from kiaro_cli.storage.client_cells import MINUS, QUOTED_MINUS, escaped, hundredths
from kiaro_cli.storage.csv_lines import CellsQuery, cells_query

# Each source is walked in id order, its client (and invoice) looked up by key: CROSS JOIN
# keeps that order. Left to itself the planner walked the clients by their archived flag and
# sorted every finished row by id afterwards, lines text and all (a fifth of the time).
_SOURCES: dict[str, tuple[Record, str, str]] = {  # record, alias, FROM
    "projects": (PROJECT, "p", "FROM project p CROSS JOIN client c ON c.id = p.client_id"),
    "quotes": (QUOTE, "q", "FROM quote q CROSS JOIN client c ON c.id = q.client_id"),
    "invoices": (INVOICE, "i", "FROM invoice i CROSS JOIN client c ON c.id = i.client_id"),
    "payments": (
        PAYMENT,
        "y",
        "FROM payment y CROSS JOIN invoice i ON i.id = y.invoice_id"
        " CROSS JOIN client c ON c.id = y.client_id",
    ),
}


def money(column: str, escape: bool) -> str:
    """An integer of hundredths as an amount of two places (480000 → 4800.00); with
    ``escape`` a negative one is prefixed as a formula; anything but a whole number, empty."""
    minus = QUOTED_MINUS if escape else MINUS
    return (
        f"CASE WHEN typeof({column}) != 'integer' THEN NULL WHEN {column} < 0 THEN"
        f" {minus} || printf(:money_format, -{column} / 100, -{column} % 100)"
        f" ELSE printf(:money_format, {column} / 100, {column} % 100) END"
    )


def thousandths(column: str) -> str:
    """An integer of thousandths without trailing zeros (1500 → 1.5, 12000 → 12); anything
    but a whole number, ``?``."""
    part = f"abs({column}) % 1000"
    digits = f"substr(CAST(1000 + {part} AS TEXT), 2)"
    fraction = (
        f"CASE WHEN {part} = 0 THEN '' WHEN {part} % 100 = 0 THEN :decimal_mark || substr({digits}, 1, 1)"
        f" WHEN {part} % 10 = 0 THEN :decimal_mark || substr({digits}, 1, 2)"
        f" ELSE :decimal_mark || {digits} END"
    )
    sign = f"CASE WHEN {column} < 0 THEN '-' ELSE '' END"
    number = f"{sign} || CAST(abs({column}) / 1000 AS TEXT) || {fraction}"
    return f"CASE WHEN typeof({column}) != 'integer' THEN '?' ELSE {number} END"


# An invoice's lines, each ``TEXT × QTY @ PRICE``, joined in the order their index gives
# (invoice, position): the export joins each invoice to its lines (LINES_JOIN) and groups by
# invoice, which costs less than a subquery an invoice.
_LINE_CELL = (
    f"l.description || ' × ' || {thousandths('l.quantity_milli')} || ' @ '"
    f" || coalesce({money('l.unit_price_cents', False)}, '?')"
)
LINES_JOIN = " LEFT JOIN invoice_line l ON l.invoice_id = i.id"


def lines_cell(escape: bool) -> str:
    """An invoice's lines as one text, of the lines LINES_JOIN joins to it."""
    joined = f"coalesce(group_concat({_LINE_CELL}, '; '), '')"
    return escaped(joined) if escape else joined


# What a record holds that is not a column of its own table, as SQL.
_DERIVED: dict[tuple[str, str], str] = {
    ("projects", "client_name"): "c.name",
    ("projects", "late"): q.PROJECT_LATE,
    ("quotes", "client_name"): "c.name",
    ("invoices", "client_name"): "c.name",
    ("invoices", "outstanding"): (
        "CASE WHEN i.state != 'open' THEN 0 WHEN typeof(i.gross_cents) = 'integer' THEN i.gross_cents"
        " - CASE WHEN typeof(i.paid_cents) = 'integer' THEN i.paid_cents ELSE 0 END END"
    ),
    ("payments", "number"): "i.number",
}


# A status worked out on :today, of its stored word ({} in the template): only that word, which
# a teammate's row may make anything, can start like a formula.
_STATUSES = {"quotes": (q.QUOTE_STATUS_OF, "q.status"), "invoices": (q.INVOICE_STATUS_OF, "i.state")}


def _cell(kind: str, alias: str, declared: Field, escape: bool) -> str:
    """The expression of one column's cell."""
    if (kind, declared.key) == ("invoices", "lines"):
        return lines_cell(escape)
    if declared.key == "status" and kind in _STATUSES:
        template, stored = _STATUSES[kind]
        return template.format(escaped(stored) if escape else stored)
    if (kind, declared.key) == ("projects", "invoiced"):  # the sum made into a cell inside its subquery
        return q.PROJECT_INVOICED_AS.format(money(q.PROJECT_INVOICED_SUM, escape))
    source = _DERIVED.get((kind, declared.key)) or f"{alias}.{declared.column_name}"
    if declared.unit == "cents":
        return money(source, escape)
    if declared.unit == "basis points":
        return hundredths(source, escape)
    if declared.unit == "bool":
        return f"CASE WHEN {source} THEN 'true' ELSE 'false' END"
    if declared.unit == "date":  # a day, or empty as the record has it: never a formula
        return f"CASE WHEN date({source}) IS {source} AND {source} >= '0001' THEN {source} END"
    if declared.never_formula or not escape:  # its own id; any stored value may be a formula
        return source
    return escaped(source)


def ledger_cells_query(
    kind: str, columns: Sequence[str], *, include_archived: bool, escape: bool, decimal_comma: bool
) -> CellsQuery:
    """The queries of a CSV export of ``kind``: its cells in ``columns`` order, for the
    records of active clients (archived clients' too when asked), in id order; ``:today``
    is left to be given."""
    record, alias, source = _SOURCES[kind]
    cells = [_cell(kind, alias, record.by_key[key], escape) for key in columns]
    where = "" if include_archived else " WHERE c.archived = :false_flag"
    mark = "," if decimal_comma else "."
    params = {"false_flag": False, "decimal_mark": mark, "money_format": f"%d{mark}%02d"}
    key = f"{alias}.id"
    if kind == "invoices" and "lines" in columns:
        return cells_query(key, cells, source + LINES_JOIN, where, key, params, group=key)
    return cells_query(key, cells, source, where, key, params)
