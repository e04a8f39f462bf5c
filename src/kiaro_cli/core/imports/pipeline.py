"""An import as a pull pipeline: records → map → clean → decide → settled new clients.

Each stage is a generator pulling from the one before it, so a large file goes through a
record at a time. A cheap first pass (:func:`scan`) reads only the columns that name a
client (its name, person, code and email): it tells the planner the last line naming
each client, and which clients already there the file may repeat (looked up in one
query, see :func:`~kiaro_cli.core.imports.duplicates.existing_clients`). The second
pass (:func:`new_clients`) cleans every row and decides; new clients come out in
batches, each written once, after the last row that could change it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from kiaro_cli.core.fields import clean_code, clean_email
from kiaro_cli.core.imports.clean import Notes, Reading, Row, clean_row
from kiaro_cli.core.imports.columns import PERSON_PARTS, ColumnMap, RawRow, read_row
from kiaro_cli.core.imports.duplicates import FileKeys
from kiaro_cli.core.imports.plan import Planner
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold, name_key
from kiaro_cli.words import counted

Records = Iterable[tuple[int, list[str]]]  # (line, cells), as the table reads them
Progress = Callable[[int], None]
KEY_FIELDS = ("name", "code", "email", *PERSON_PARTS)


def client_key(raw: RawRow) -> str:
    """The key a row's client goes by: its name (the organisation, or the person when it
    has none), folded as names are compared; it is the folded name cleaning gives."""
    return name_key(raw.values.get("name") or raw.person or "")


def scan(records: Records, columns: ColumnMap) -> FileKeys:
    """The first pass: each client's last line, and the codes and emails the rows give,
    cleaned as the second pass cleans them (a value that does not clean is left out:
    its row is refused)."""
    keyed = columns.only(KEY_FIELDS)
    found = FileKeys()
    for line, cells_ in records:
        raw = read_row(cells_, keyed)
        found.last[client_key(raw)] = line
        code, email = raw.values.get("code"), raw.values.get("email")
        if code and (folded := _folded(clean_code, code)):
            found.codes.add(folded)
        if email and (folded := _folded(clean_email, email)):
            if folded in found.emails:
                found.shared.add(folded)
            found.emails.add(folded)
    return found


def _folded(clean: Callable[[str], str], text: str) -> str | None:
    try:
        return fold(clean(text))
    except InvalidValue:
        return None


@dataclass(frozen=True)
class Cleaned:
    """One record mapped and cleaned: its client key, and the row, or why it is bad."""

    line: int
    cells: list[str]
    key: str
    row: Row | None
    problems: list[str]


def cleaned(records: Records, columns: ColumnMap, reading: Reading, notes: Notes) -> Iterator[Cleaned]:
    """Map each record through the columns and clean it by the field rules."""
    for line, cells_ in records:
        try:
            if len(cells_) > columns.width and any(c.strip() for c in cells_[columns.width :]):
                raise InvalidValue(f"{len(cells_)} cells but the header has {columns.width} columns")
            raw = read_row(cells_, columns)
            key = client_key(raw)
            row = clean_row(line, raw, reading, notes)
        except InvalidValue as error:
            yield Cleaned(line, cells_, "", None, error.details or [error.message])
            continue
        row.completes = columns.about_people
        yield Cleaned(line, cells_, key, row, [])


def decided(rows: Iterable[Cleaned], planner: Planner, progress: Progress | None = None) -> Iterator[Row]:
    """Decide each row; the new clients, as they settle, in the order they came."""
    plan = planner.plan
    for count, item in enumerate(rows, start=1):
        plan.rows = count
        if progress is not None:
            progress(count)
        if item.row is None:
            planner.refuse(item.line, item.problems, item.cells)
        else:
            planner.take(item.key, item.row, item.cells)
        yield from planner.settled(item.line)
    yield from planner.rest()


def batched(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """Rows ``size`` at a time (the last batch may be smaller)."""
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def new_clients(
    records: Records,
    columns: ColumnMap,
    planner: Planner,
    *,
    reading: Reading,
    progress: Progress | None = None,
    batch: int = 2000,
) -> Iterator[list[Row]]:
    """The second pass: the new clients, ``batch`` at a time, as the file is read; the
    planner's plan holds the rest of what the import does, complete once they are all
    taken (its warnings and countries last)."""
    notes = Notes()
    yield from batched(decided(cleaned(records, columns, reading, notes), planner, progress), batch)
    plan = planner.plan
    plan.warnings = (
        notes.warnings
        + [
            f"{header} '{label}' ({counted(count, 'row')}) is not a status kiaro knows; left out"
            for (header, label), count in notes.unread.items()
        ]
        + [
            f"{key} '{code}' ({counted(count, 'row')}) is a code of the program that wrote the file, "
            "not a word; left out"
            for (key, code), count in notes.codes.items()
        ]
    )
    plan.countries = {text: code for text, (code, _) in notes.countries.items()}
