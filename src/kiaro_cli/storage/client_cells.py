"""Clients as CSV cells the database computes: the fast path of ``export clients``.

Each cell is what :func:`kiaro_cli.codecs.tabular.csv_row` makes of a client object of
the contract: text as stored, amounts from integers of hundredths, flags as true/false,
tags and missing fields joined with ';', the workspace defaults filled in, and a cell a
spreadsheet would run as a formula prefixed with ``'``. The driver's rows then go to the
CSV writer as they are, without a Python step per cell. SQLite only (``unicode()``, and
the tags keep their order through a subquery); a test holds this path and the general
one to the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiaro_cli.declarations import HUNDREDTHS, Field
from kiaro_cli.declarations.client import CLIENT
from kiaro_cli.storage import queries
from kiaro_cli.storage.csv_lines import CellsQuery, cells_query

# A spreadsheet runs a cell as a formula when it starts, after any quotes, with = + - @, a
# tab or a carriage return: here their code points, as unicode() gives a cell's first letter.
FORMULA_LEADS = "61, 43, 45, 64, 9, 13"
QUOTE = 39
MINUS, QUOTED_MINUS = "'-'", "'''-'"  # SQL literals: - and '-
# Each client's tags joined in the order added, one pass over the tag table for all clients.
TAG_JOIN = (
    " LEFT JOIN (SELECT client_id, group_concat(name, ';') AS joined FROM "
    "(SELECT client_id, name FROM tag ORDER BY client_id, id) GROUP BY client_id) tg ON tg.client_id = c.id"
)


# SQLite joins at most 64 tables: the client, its primary contact, its tags, and one join a
# custom column.
_CUSTOM_JOINS = 60

# An export reads every client it writes, so in table order (NOT INDEXED): walking an
# index (by name, say) and jumping from it to each row was half again as slow.
EVERY_CLIENT = (
    "FROM client c NOT INDEXED LEFT JOIN contact p ON p.client_id = c.id AND p.is_primary = :primary_flag"
)


@dataclass(frozen=True)
class CustomColumn:
    """A custom field's column: its key, type and id."""

    key: str
    type: str
    field_id: int


def hundredths(column: str, escape: bool = False) -> str:
    """An integer of hundredths as an exact decimal without trailing zeros (1050 → 10.5).
    With ``escape`` a negative one is prefixed as a formula: its sign tells, at no cost.
    Anything but a whole number (text a restored row holds there) is empty, as the record has it."""
    whole = f"CAST(abs({column}) / 100 AS TEXT)"
    part = f"abs({column}) % 100"
    fraction = (
        f"CASE WHEN {part} = 0 THEN '' WHEN {part} % 10 = 0 THEN :decimal_mark || CAST({part} / 10 AS TEXT) "
        f"ELSE :decimal_mark || substr(CAST(100 + {part} AS TEXT), 2) END"
    )
    sign = f"CASE WHEN {column} < 0 THEN {QUOTED_MINUS if escape else MINUS} ELSE '' END"
    return f"CASE WHEN typeof({column}) != 'integer' THEN NULL ELSE {sign} || {whole} || {fraction} END"


def escaped(expression: str) -> str:
    """``expression`` with ``'`` put before a formula-like value. Its first letter alone
    decides for almost every value; only one that starts with a quote is looked at again."""
    second_look = (
        f"CASE WHEN unicode(ltrim({expression}, '''')) IN ({FORMULA_LEADS}) "
        f"THEN '''' || {expression} ELSE {expression} END"
    )
    first_look = f"unicode({expression}) IN ({FORMULA_LEADS}, {QUOTE})"
    return f"CASE WHEN {first_look} THEN {second_look} ELSE {expression} END"


def _missing(invoice_ready: Sequence[str]) -> str:
    """The invoice-ready fields a client lacks, joined with ';' ('' when none)."""
    sources = {key: f"c.{key}" for key in invoice_ready} | {"contact_person": "p.name"}
    parts = [
        f"CASE WHEN coalesce({sources[key]}, '') = '' THEN '{key};' ELSE '' END" for key in invoice_ready
    ]
    return f"rtrim({' || '.join(parts)}, ';')"


def _custom(column: CustomColumn, i: int, decimal_comma: bool) -> str:
    value = f"v{i}.value"
    if column.type == "bool":
        return f"CASE WHEN {value} IS NULL THEN NULL WHEN {value} = 'true' THEN 'true' ELSE 'false' END"
    if column.type == "number" and decimal_comma:
        return f"replace({value}, '.', ',')"
    return value


@dataclass(frozen=True)
class _Cells:
    """What the cells of one export depend on besides the column."""

    customs: Mapping[str, tuple[int, CustomColumn]]
    invoice_ready: Sequence[str]
    decimal_comma: bool
    escape: bool

    def cell(self, key: str) -> str:
        """The expression of one column's cell."""
        declared = CLIENT.by_key.get(key)
        if declared is None:  # custom.KEY
            i, custom = self.customs[key.removeprefix("custom.")]
            plain = _custom(custom, i, self.decimal_comma)
            return escaped(plain) if self.escape else plain
        if declared.unit in HUNDREDTHS:  # the sign tells whether to escape, at no cost
            return self._hundredths(declared)
        plain = self._plain(declared)
        return escaped(plain) if self.escape and not declared.never_formula else plain

    def _hundredths(self, declared: Field) -> str:
        if declared.effective is None:
            return hundredths(f"c.{declared.column_name}", self.escape)
        own = CLIENT.by_key[declared.effective.own]  # the client's own value, else the default
        return f"coalesce({hundredths(f'c.{own.column_name}', self.escape)}, :default_{declared.key})"

    def _plain(self, declared: Field) -> str:
        if declared.effective is not None:  # the client's own value, else the default
            own = CLIENT.by_key[declared.effective.own]
            return f"coalesce(nullif(c.{own.column_name}, ''), :default_{declared.key})"
        if declared.key == "contact_person":
            return "p.name"
        if declared.key == "tags":
            return "tg.joined"
        if declared.key == "missing_fields":
            return _missing(self.invoice_ready)
        if declared.unit == "bool":
            return f"CASE WHEN c.{declared.column_name} THEN 'true' ELSE 'false' END"
        if declared.unit == "date":  # a day, or empty as the record has it (core/records.py: stored_date)
            column = f"c.{declared.column_name}"
            return f"CASE WHEN date({column}) IS {column} AND {column} >= '0001' THEN {column} END"
        return f"c.{declared.column_name}"


def client_cells_query(
    flt: queries.ClientFilter,
    columns: Sequence[str],
    custom: Sequence[CustomColumn],
    invoice_ready: Sequence[str],
    defaults: Mapping[str, object],
    *,
    escape: bool,
    decimal_comma: bool,
) -> CellsQuery | None:
    """The queries of the CSV cells of the clients ``flt`` keeps, in ``columns`` order,
    oldest first (by ``created_at``, then id: the order of
    :func:`kiaro_cli.core.exports.client_rows`); None for more custom columns than one
    query can join."""
    customs = {column.key: (i, column) for i, column in enumerate(custom)}
    cells = _Cells(customs, invoice_ready, decimal_comma, escape)
    wanted = [customs[key.removeprefix("custom.")][0] for key in columns if key.startswith("custom.")]
    if len(wanted) > _CUSTOM_JOINS:
        return None
    joins = "".join(
        f" LEFT JOIN custom_value v{i} ON v{i}.client_id = c.id AND v{i}.field_id = :custom_{i}"
        for i in wanted
    )
    joins += TAG_JOIN if "tags" in columns else ""
    where, params = queries.client_conditions(flt)
    params |= {f"custom_{i}": custom[i].field_id for i in wanted}
    params |= {f"default_{key}": value for key, value in defaults.items()}
    params["decimal_mark"] = "," if decimal_comma else "."
    return cells_query(
        "c.id",
        [cells.cell(key) for key in columns],
        f"{EVERY_CLIENT}{joins}",
        " WHERE " + " AND ".join(where) if where else "",
        "c.created_at, c.id",
        params,
    )
