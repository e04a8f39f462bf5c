"""Reading a CSV table: decoding, the delimiter, and each record with its line number.

UTF-8 with or without a byte-order mark; comma, semicolon or tab, told from the header;
quoted cells may span lines, and a record's line is its first one (the header is line 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from kiaro_cli.errors import InvalidValue


@dataclass(frozen=True)
class Table:
    """A CSV file read into its header and its records, each with its first line number."""

    header: list[str]
    records: list[tuple[int, list[str]]]
    delimiter: str


def read_table(data: bytes, name: str = "the file") -> Table:
    """Decode (UTF-8, with or without BOM), detect the delimiter and read every record."""
    text = decode(data, name)
    if not text.strip():
        raise InvalidValue(f"{name} is empty")
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        records: list[tuple[int, list[str]]] = []
        line = reader.line_num
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((line + 1, cells))
            line = reader.line_num
    except csv.Error as error:
        raise InvalidValue(f"{name}, line {reader.line_num}: {error}") from None
    return Table(header, records, delimiter)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text, BOM removed; other encodings are refused, naming the first bad line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InvalidValue(
            f"{name} is not UTF-8 (line {line} has the byte 0x{data[error.start]:02x}); "
            "save it as UTF-8 (CSV UTF-8 in spreadsheet apps) and try again"
        ) from None


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one the header line uses most (comma on a tie)."""
    first = text.lstrip("\ufeff").splitlines()[0] if text else ""
    counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","
