"""Machine formats (json, jsonl, csv), streamed, with spreadsheet formula escaping.

Stdlib only: scripts asking for ``--format json`` never pay for Rich.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import IO, Any, Protocol

from kiaro_cli.csv_rows import csv_writer

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula.

    A cell that already starts with quotes before such a character gets one more,
    so that :func:`unescape_formula` gives back exactly what was written.
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_LEADS) else text


def unescape_formula(text: str) -> str:
    """Undo :func:`escape_formula`: drop the one ``'`` it added."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_LEADS):
        return text[1:]
    return text


def csv_cell(value: Any, decimal_comma: bool = False) -> str:
    """How one value reads in a CSV cell: lists of plain values joined with ';', records
    (a client's contacts) as JSON, never as a Python repr; amounts with a decimal comma
    when the spreadsheet's locale writes them so."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):  # as written, never with an exponent (1E-7)
        text = format(value, "f")
        return text.replace(".", ",") if decimal_comma else text
    if decimal_comma and isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, list | tuple) and all(isinstance(item, str | int | Decimal) for item in value):
        return ";".join(map(str, value))
    if isinstance(value, list | tuple) and all(_labelled(item) for item in value):
        # a contact's emails or phones: work:ann@acme.com;home:ann@home.org
        return ";".join(f"{item['label']}:{_labelled(item)}" for item in value)
    if isinstance(value, list | tuple | dict):
        return dumps(value)
    return str(value)


def _labelled(item: object) -> str | None:
    """The value of a labelled one (``{"address": …, "label": …}``), else None."""
    if isinstance(item, dict) and len(item) == 2 and isinstance(item.get("label"), str):
        (value,) = (v for k, v in item.items() if k != "label")
        return value if isinstance(value, str) else None
    return None


_RISKY_START = frozenset((*FORMULA_LEADS, "'"))


def csv_row(
    item: Mapping[str, Any], columns: Sequence[str], escape: bool = True, decimal_comma: bool = False
) -> list[str]:
    """The CSV cells of one record: :func:`csv_cell`, then :func:`escape_formula`, per value.

    Written out for speed, as exports call it for every row: plain strings, by far
    the most common values, skip both functions unless their first character is risky.
    A column ``key.inner`` not in the record reads ``inner`` of the object at ``key``
    (a client's ``custom.sector``).
    """
    cells = []
    for column in columns:
        value = item.get(column)
        if value is None and "." in column:
            value = _nested(item, column)
        if value is None:
            cells.append("")
        elif type(value) is str:
            cells.append(escape_formula(value) if escape and value[:1] in _RISKY_START else value)
        else:
            cell = csv_cell(value, decimal_comma)
            cells.append(escape_formula(cell) if escape else cell)
    return cells


def value_at(item: Mapping[str, Any], column: str) -> Any:
    """A record's value for a column: a key, or ``key.inner`` inside the object at ``key``."""
    value = item.get(column)
    return _nested(item, column) if value is None and "." in column else value


def _nested(item: Mapping[str, Any], column: str) -> Any:
    """A ``key.inner`` column: the value under ``inner`` of the object at ``key``."""
    outer, _, inner = column.partition(".")
    found = item.get(outer)
    return found.get(inner) if isinstance(found, Mapping) else None


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# json.dumps makes an encoder a call when given options: a listing makes one for all its rows.
_ONE_LINE = json.JSONEncoder(default=_json_default, ensure_ascii=False)


def dumps(obj: Any) -> str:
    """One JSON value on one line, non-ASCII kept, Decimals as numbers."""
    return _ONE_LINE.encode(obj)


def write_one(fmt: str, item: Mapping[str, Any], columns: Sequence[str], out: IO[str]) -> None:
    """Write a single record: a JSON object, one JSON line, or a CSV header and row."""
    if fmt == "json":
        out.write(json.dumps(item, default=_json_default, ensure_ascii=False, indent=2) + "\n")
    else:
        write_many(fmt, [item], columns, out)


@dataclass(frozen=True)
class Spreadsheet:
    """How a CSV file is written for a spreadsheet app: a byte-order mark (so Excel reads
    UTF-8), its separator, and whether amounts take a decimal comma."""

    bom: bool = False
    delimiter: str = ","
    decimal_comma: bool = False


PLAIN = Spreadsheet()
# Languages whose numbers take a decimal comma; Excel then separates CSV cells with ';'.
DECIMAL_COMMA_LANGUAGES = frozenset(
    ("de", "fr", "es", "it", "nl", "pt", "da", "sv", "nb", "nn", "no", "fi", "is", "pl", "cs", "sk", "sl",
     "hr", "sr", "bs", "hu", "ro", "bg", "ru", "uk", "be", "lt", "lv", "et", "el", "tr", "id", "vi", "ca",
     "eu", "gl", "af", "az", "kk", "mn")
)  # fmt: skip


def excel_sheet(environ: Mapping[str, str]) -> Spreadsheet:
    """What Excel expects on this system: a BOM, and ';' with decimal commas when the
    locale (LC_ALL, LC_NUMERIC or LANG) writes numbers with a decimal comma."""
    locale = next((environ[key] for key in ("LC_ALL", "LC_NUMERIC", "LANG") if environ.get(key)), "")
    language = locale.split(".")[0].split("_")[0].lower()
    comma = language in DECIMAL_COMMA_LANGUAGES
    return Spreadsheet(bom=True, delimiter=";" if comma else ",", decimal_comma=comma)


def _csv_writer(columns: Sequence[str], out: IO[str], sheet: Spreadsheet) -> Any:
    """A CSV writer on ``out`` that has written the byte-order mark (if any) and the header."""
    if sheet.bom:
        out.write("\ufeff")
    writer = csv_writer(out, sheet.delimiter)
    writer.writerow(columns)
    return writer


class JoinedRows(Protocol):
    """Rows a database joined: ``(key, text)`` pairs, each text the row's cells (as
    :func:`csv_row` makes them) joined by ``unit`` and ended by ``record``; and one row's
    cells by its key, for a text whose own cells hold a separator."""

    @property
    def texts(self) -> Iterator[tuple[Any, ...]]: ...
    @property
    def unit(self) -> str: ...
    @property
    def record(self) -> str: ...
    @property
    def cells_of(self) -> Callable[[Any], Sequence[Any]]: ...


def write_joined(rows: JoinedRows, columns: Sequence[str], out: IO[str], sheet: Spreadsheet = PLAIN) -> int:
    """Write rows the database joined as CSV; return how many.

    Rows in which no cell needs quoting, and no cell holds a separator, become CSV lines by
    replacing their separators, a batch at once; any other row goes through the CSV writer,
    so every cell is written exactly as the writer would write it."""
    writer = _csv_writer(columns, out, sheet)
    special = (sheet.delimiter, '"', "\r", "\n")
    width, unit, record = len(columns), rows.unit, rows.record

    def plain(texts: str, count: int) -> bool:
        """Whether ``count`` rows are all plain: a lone empty cell is written "" (so never)."""
        return (
            width > 1
            and not any(char in texts for char in special)
            and texts.count(unit) == (width - 1) * count
            and texts.count(record) == count
        )

    def write_plain(texts: str) -> None:
        out.write(texts.replace(unit, sheet.delimiter).replace(record, "\n"))

    count = 0
    while batch := list(islice(rows.texts, 1000)):
        count += len(batch)
        block = "".join([text for _, text in batch])
        if plain(block, len(batch)):
            write_plain(block)
            continue
        for key, text in batch:
            if plain(text, 1):
                write_plain(text)
                continue
            cells = text[:-1].split(unit)
            writer.writerow(cells if len(cells) == width and record not in text[:-1] else rows.cells_of(key))
    return count


def write_many(
    fmt: str,
    items: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    out: IO[str],
    *,
    escape: bool = True,
    sheet: Spreadsheet = PLAIN,
) -> int:
    """Stream records as a JSON array, JSON lines or CSV; return how many were written."""
    count = 0
    if fmt == "csv":
        writer = _csv_writer(columns, out, sheet)
        for item in items:
            writer.writerow(csv_row(item, columns, escape, sheet.decimal_comma))
            count += 1
    elif fmt == "jsonl":
        for item in items:
            out.write(dumps(item) + "\n")
            count += 1
    else:
        out.write("[")
        for item in items:
            out.write(("\n" if count == 0 else ",\n") + dumps(item))
            count += 1
        out.write("\n]\n" if count else "]\n")
    return count
