"""Reading a CSV table: decoding, the delimiter, and each record with its line number.

Files come as spreadsheets and other programs save them: UTF-8 with or without a
byte-order mark, UTF-16 with one (Excel's "Unicode Text"), or Windows-1252 (Excel's and
Outlook's plain "CSV"), read when a file is not UTF-8. Comma, semicolon or tab, told
from the rows; quoted cells may span lines, written with CR, LF or CRLF, and come back
with LF. A record's line is its first one in the file.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kiaro_cli.csv_rows import csv_writer
from kiaro_cli.errors import InvalidValue

DELIMITERS = (",", ";", "\t")
SAMPLE = 65536  # characters read to tell the delimiter
SAMPLE_ROWS = 50
FALLBACK = "windows-1252"  # what Excel and Outlook write when they do not write UTF-8
OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .xls, Excel 97-2003


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read with, and whether kiaro chose it."""

    text: str
    encoding: str
    fallback: bool = False  # not UTF-8: read as Windows-1252
    bom: bool = False  # it began with a byte-order mark


@dataclass(frozen=True)
class Table:
    """Every record of a CSV file that has something in it, each with its first line number."""

    rows: list[tuple[int, list[str]]]
    delimiter: str
    encoding: str
    fallback: bool = False
    bom: bool = False


@dataclass(frozen=True)
class TableText:
    """A CSV file decoded, its line breaks made LF, and its delimiter told: its records are
    read one at a time (:meth:`records`), so a large file is never held as cells."""

    text: str
    name: str
    delimiter: str
    encoding: str
    fallback: bool = False
    bom: bool = False
    sheet_rows: tuple[tuple[int, list[str]], ...] | None = None  # a workbook's, read already

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """Each record that has something in it, with its first line number (a workbook's
        row number)."""
        if self.sheet_rows is not None:
            yield from self.sheet_rows
            return
        reader = csv.reader(_lines(self.text), delimiter=self.delimiter)
        line = 0
        try:
            for cells in reader:
                if any(cell.strip() for cell in cells):
                    yield line + 1, cells
                line = reader.line_num
        except csv.Error as error:
            raise InvalidValue(f"{self.name}, line {reader.line_num}: {error}") from None


def _lines(text: str) -> Iterator[str]:
    """The lines of a text whose line breaks are LF, each with its LF, one at a time (a
    StringIO of the text would hold a copy of it four bytes a character)."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start) + 1 or size
        yield text[start:end]
        start = end


def open_table(data: bytes, name: str = "the file", encoding: str | None = None) -> TableText:
    """Decode and detect the delimiter; a quoted cell's CR or CRLF line breaks become LF.
    An Excel workbook (.xlsx) is read instead: its first sheet's rows, each cell as text."""
    if data.startswith(OLD_EXCEL):
        raise InvalidValue(f"{name} is an old Excel workbook (.xls); save it as .xlsx or CSV and import that")
    from kiaro_cli.codecs.xlsx import looks_like_workbook

    if looks_like_workbook(data, name):
        return _workbook(data, name, encoding)
    decoded = decode(data, name, encoding)
    if not decoded.text.strip():
        raise InvalidValue(f"{name} is empty")
    text = decoded.text
    if "\r" in text:  # one pass over the text, rather than a look at every cell
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TableText(text, name, detect_delimiter(text), decoded.encoding, decoded.fallback, decoded.bom)


def _workbook(data: bytes, name: str, encoding: str | None) -> TableText:
    """A workbook's first sheet as a table, read as a UTF-8 CSV would be."""
    from kiaro_cli.codecs.xlsx import read_rows

    if encoding:
        raise InvalidValue(
            f"{name} is an Excel workbook, which has no encoding to choose: leave out --encoding"
        )
    rows = read_rows(data, name)
    if not rows:
        raise no_rows(name)
    return TableText("", name, ",", "utf-8", sheet_rows=tuple(rows))


def read_table(data: bytes, name: str = "the file", encoding: str | None = None) -> Table:
    """Decode, detect the delimiter and read every record (blank ones left out)."""
    table = open_table(data, name, encoding)
    rows = list(table.records())
    if not rows:  # only blank records, as a lone quote or empty cells make
        raise no_rows(name)
    return Table(rows, table.delimiter, table.encoding, table.fallback, table.bom)


def no_rows(name: str) -> InvalidValue:
    return InvalidValue(f"{name} is empty: no row holds a value")


def decode(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """The text of ``data``: in ``encoding`` when given, else by its byte-order mark, else
    UTF-8, else Windows-1252. The mark itself is dropped."""
    if encoding:
        text = _decoded(data, name, _codec(encoding))
        return Decoded(text.lstrip("\ufeff"), encoding, bom=text.startswith("\ufeff"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_decoded(data, name, "utf-16"), "utf-16", bom=True)
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8", bom=data.startswith(codecs.BOM_UTF8))
    except UnicodeDecodeError:
        pass
    return Decoded(_decoded(data, name, FALLBACK), FALLBACK, fallback=True)


def _codec(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InvalidValue(f"unknown encoding '{encoding}' (e.g. utf-8, utf-16, windows-1252)") from None


def _decoded(data: bytes, name: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InvalidValue(
            f"{name} cannot be read as {encoding} (line {line} has the byte 0x{data[error.start]:02x}); "
            "name its encoding with --encoding"
        ) from None


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the largest share of the first rows
    into the same number of cells, then the most cells (a comma when none splits anything).

    A share, not a count: read with the wrong delimiter, a quoted cell's line break starts
    a new record, so a file can seem to have more rows that way than the right way."""
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        widths = Counter(len(cells) for cells in _sample_rows(text[:SAMPLE], delimiter))
        if not widths:
            continue
        width, rows = max(widths.items(), key=lambda item: (item[1], item[0]))
        score = (rows / widths.total() if width > 1 else 0.0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _sample_rows(sample: str, delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    count = 0
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield cells
                count += 1
                if count == SAMPLE_ROWS:
                    return
    except csv.Error:  # the sample may end inside a quoted cell
        return


def table_bytes(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    """Rows under a header, as CSV written the way a file was read (the file a user fixes
    and imports again): its delimiter, its encoding, its byte-order mark. A character the
    encoding lacks (only in kiaro's own words) becomes ``?``."""
    out = io.StringIO()
    writer = csv_writer(out, delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    codec = codecs.lookup(encoding).name
    mark = "\ufeff" if bom and codec not in ("utf-16", "utf-32") else ""  # those two write it themselves
    return (mark + out.getvalue()).encode(codec, errors="replace")
