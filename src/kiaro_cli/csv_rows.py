"""CSV as kiaro writes it everywhere (exports, the files of ``export all``, rejects): rows
ended by a line feed, and every cell that holds a carriage return or a line feed quoted.

Python's writer quotes only the characters of its own line ending, so a writer ending rows
with ``\\n`` leaves a lone ``\\r`` bare, and a spreadsheet that reads ``\\r`` as the end of a
row starts a new row there: ``Design\\r=cmd|…`` would become a cell that starts a formula.
"""

from __future__ import annotations

import csv
from typing import IO, Any


class _EndedByLineFeed:
    """Where a writer ending rows with CR LF writes: each row reaches ``out`` ended by LF."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def write(self, row: str) -> int:
        return self._out.write(row[:-2] + "\n")


def csv_writer(out: IO[str], delimiter: str = ",") -> Any:
    """A CSV writer on ``out``: rows end in ``\\n``; a cell holding ``\\r`` or ``\\n`` is quoted."""
    return csv.writer(_EndedByLineFeed(out), delimiter=delimiter, lineterminator="\r\n")
