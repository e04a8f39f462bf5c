"""Excel workbooks (.xlsx) out and in, with openpyxl (imported here only, when a sheet is
written or read).

Out: one sheet, its header row bold and frozen, every cell typed as its column says:
text is always written as text (``01234`` keeps its zero; ``=1+1`` is never a formula,
so nothing needs escaping), numbers as numbers, amounts with two decimals, days as dates
and moments as date and time (in UTC, as kept).

In: the first sheet's rows, each cell as the text a CSV would hold: days as ISO dates,
whole numbers without ``.0``, true/false. A workbook is read in openpyxl's read-only mode,
its formulas' stored values only, no link followed, and within limits: a file that would
unpack to more than :data:`MAX_UNPACKED` bytes, or a sheet past :data:`MAX_ROWS` rows, is
refused in one line.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from itertools import compress, count, islice, repeat
from operator import is_not
from typing import IO, Any

from kiaro_cli.codecs.tabular import FORMULA_LEADS, csv_cell, value_at
from kiaro_cli.errors import InvalidValue

ZIP_MAGIC = b"PK\x03\x04"
MAX_UNPACKED = 512 * 1024 * 1024  # bytes a workbook may unpack to
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 1024  # cells past this column are never read
TEXT, MONEY, DAY = "text", "money", "day"
DAY_FORMAT, MOMENT_FORMAT, MONEY_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "0.00"
WIDEST = 60  # characters: a column is never made wider
MEASURED_ROWS = 200  # rows its width is told from
# What XML 1.0 cannot hold (openpyxl refuses it): shown as U+FFFD.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Column:
    """A sheet's column: its header, and how its values are written (``kind``): ``text``
    (the default: numbers and true/false as such, anything else as text), ``money``
    (numbers with two decimals) or ``day`` (ISO days as dates, ISO moments as date and
    time)."""

    name: str
    kind: str = TEXT


def looks_like_workbook(data: bytes, name: str) -> bool:
    """Whether a file is an Excel workbook: named .xlsx, or a zip file (its magic)."""
    return name.lower().endswith((".xlsx", ".xlsm")) or data.startswith(ZIP_MAGIC)


def write_sheet(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[Column], out: IO[bytes], title: str
) -> int:
    """Write ``rows`` as a one-sheet workbook to ``out``; return how many rows were written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    records = iter(rows)
    # the widths are set before any row is written: told from the first rows
    first = [
        [_cell(sheet, value_at(row, column.name), column.kind) for column in columns]
        for row in islice(records, MEASURED_ROWS)
    ]
    for index, column in enumerate(columns):
        longest = max((_width(getattr(cells[index], "value", cells[index])) for cells in first), default=0)
        width = min(max(len(column.name), longest, 8), WIDEST) + 2
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = _text_cell(sheet, _NOT_IN_XML.sub("\ufffd", column.name))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    written = 0
    for cells in first:
        sheet.append(cells)
        written += 1
    for row in records:
        sheet.append([_cell(sheet, value_at(row, c.name), c.kind) for c in columns])
        written += 1
    book.save(out)
    return written


def _width(value: Any) -> int:
    """How many characters a cell's value shows (dates as yyyy-mm-dd hh:mm:ss at most)."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len(MOMENT_FORMAT)
    if isinstance(value, date):
        return len(DAY_FORMAT)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return len(f"{value:.2f}")
    return max(map(len, str(value).splitlines()), default=0)


def _cell(sheet: Any, value: Any, kind: str) -> Any:
    """What a row of ``sheet`` holds for ``value`` as its column's kind says: the value
    itself where openpyxl writes it as it is (much the faster), else a cell made for it."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return _styled(sheet, value, MONEY_FORMAT) if kind == MONEY else value
    if kind == DAY and isinstance(value, str):
        moment = _moment(value)
        if moment is not None:
            return _styled(sheet, moment, DAY_FORMAT if type(moment) is date else MOMENT_FORMAT)
    text = _NOT_IN_XML.sub("\ufffd", value if isinstance(value, str) else csv_cell(value))
    # openpyxl takes a text starting with = for a formula and #N/A… for an error
    return _text_cell(sheet, text) if text[:1] in ("=", "#") else text or None


def _styled(sheet: Any, value: Any, number_format: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    cell.number_format = number_format
    return cell


def _text_cell(sheet: Any, text: str) -> Any:
    """A cell of text, whatever it starts with: its type set after its value."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    return cell


def _moment(text: str) -> date | datetime | None:
    """An ISO day as a date, an ISO moment as a date and time in UTC (a sheet has no time
    zones), anything else None."""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def read_rows(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    """Every row of a workbook's first sheet that has something in it, with its row number,
    each cell as text (:func:`cell_text`)."""
    _check_archive(data, name)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            return list(_sheet_rows(book.worksheets[0], name)) if book.worksheets else []
        finally:
            book.close()
    except InvalidValue:
        raise
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        zlib.error,
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        AttributeError,
        SyntaxError,  # xml.etree's ParseError
        EOFError,
        OSError,
    ) as error:
        raise InvalidValue(f"{name} cannot be read as an Excel workbook ({_reason(error)})") from None


def _check_archive(data: bytes, name: str) -> None:
    """Refuse what is not a workbook, and a workbook that would unpack past the limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InvalidValue(
            f"{name} is not an Excel workbook (.xlsx); save it as .xlsx or CSV and import that"
        ) from None
    if not any(member.filename == "xl/workbook.xml" for member in members):
        raise InvalidValue(f"{name} is a zip file but not an Excel workbook (.xlsx)")
    if sum(member.file_size for member in members) > MAX_UNPACKED:
        raise InvalidValue(
            f"{name} would unpack to more than {MAX_UNPACKED // 2**20} MB; split it, or save it as CSV"
        )


def _sheet_rows(sheet: Any, name: str) -> Iterator[tuple[int, list[str]]]:
    """A sheet's rows that hold something, their trailing empty cells left off."""
    for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
        if number > MAX_ROWS:
            raise InvalidValue(f"{name} has more than {MAX_ROWS:,} rows")
        if row.count(None) == len(row):
            continue
        # the last cell that holds something, looked for from the end without a step per cell
        width = next(compress(count(len(row), -1), map(is_not, reversed(row), repeat(None))))
        cells = [cell_text(value) for value in row[:width]]
        if any(cell.strip() for cell in cells):
            yield number, cells


def cell_text(value: Any) -> str:
    """A cell's value as kiaro's CSV would hold it: ISO days and moments, whole numbers
    without ``.0``, other numbers as written (never with an exponent), true or false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    text = str(value)
    # a text that starts as kiaro's formula escape does gets one more ', which the import
    # takes off again (a sheet's text needs no escape: '+1 is '+1)
    return "'" + text if text[:1] == "'" and text.lstrip("'").startswith(FORMULA_LEADS) else text


def _reason(error: BaseException) -> str:
    """An error's words, on one line and not too long."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 80 else text[:77] + "..."
