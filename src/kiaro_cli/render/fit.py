"""Tables that fit the terminal: one line a row, no word broken across lines.

Each column says how it gives way on a narrow terminal. The least useful columns are
dropped first, and one with nothing in it is not shown at all; a column that may be
squeezed (names, emails, free text) is then cut with "…"; the others keep their
whole width.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kiaro_cli.characters import visible
from kiaro_cli.render.console import visible_text

GAP = 3  # between two columns: a space, the rule's column, a space
STREAMED = 200  # rows past which a table's rows are laid out line by line, not by Rich's table
BATCH = 500  # lines printed at once when streamed
FLOOR = 4  # the narrowest any squeezed column gets when nothing is left to drop
KEPT = 48  # characters a column to keep is given, dropping lesser columns, before it is cut


@dataclass(frozen=True)
class Column:
    """How one column shows, and how it gives way."""

    header: str
    squeeze: bool = False  # may be cut with "…"
    min_width: int = 12  # a squeezed column is not cut narrower while a column can still be dropped
    drop: int | None = None  # on a narrow terminal, dropped in this order; None: always shown
    justify: Literal["left", "right"] = "left"
    wrap: bool = False  # long text wraps at spaces instead of being cut (kept to whole words)
    keep: int = 0  # before this column is cut, columns that ``drop`` below this are dropped, and
    # the other squeezed columns are cut down to their minimum


Cell = Text | str


def widths(columns: Sequence[Column], natural: Sequence[int], room: int) -> list[int | None]:
    """The width of each column within ``room`` characters, or None for a dropped column; a
    column to ``keep`` (names) that would be cut shorter than :data:`KEPT` has the columns that
    drop below it dropped first."""
    shown = list(natural)
    while True:
        sizes = _widths(columns, shown, room)
        cut = [
            c.keep
            for c, size, n in zip(columns, sizes, shown, strict=True)
            if c.keep and (size or n) < min(n, KEPT)
        ]
        giving = [
            i
            for i, (column, size) in enumerate(zip(columns, sizes, strict=True))
            if size is not None and column.drop is not None and cut and column.drop < max(cut)
        ]
        if not giving:
            return sizes
        shown[min(giving, key=lambda i: columns[i].drop or 0)] = 0  # nothing in it: not shown


def _widths(columns: Sequence[Column], natural: Sequence[int], room: int) -> list[int | None]:
    """The width of each column within ``room`` characters, or None for a dropped column.

    ``natural`` is each column's widest line (0: nothing in it). Columns are dropped,
    lowest ``drop`` first, until every kept column fits at its comfortable width; then
    squeezed columns give up characters, the widest first, down to their ``min_width``
    and, only if nothing is left to drop, down to :data:`FLOOR`. A column to ``keep``
    (names) gives up characters only when no other squeezed column can.
    """
    kept = [i for i, column in enumerate(columns) if natural[i] or column.drop is None]

    def least(i: int, floor: int) -> int:
        column, widest = columns[i], max(natural[i], cell_len(columns[i].header))
        if not column.squeeze:
            return widest
        return min(widest, max(floor, cell_len(column.header)))

    def total(sizes: Iterable[int]) -> int:
        listed = list(sizes)
        return sum(listed) + GAP * (len(listed) - 1)

    while total(least(i, columns[i].min_width) for i in kept) > room:
        droppable = [i for i in kept if columns[i].drop is not None]
        if not droppable:
            break
        kept.remove(min(droppable, key=lambda i: columns[i].drop or 0))
    sizes = {i: max(natural[i], cell_len(columns[i].header)) for i in kept}
    excess = total(sizes.values()) - room
    for floor in (None, FLOOR):
        while excess > 0:
            squeezable = [
                i
                for i in kept
                if columns[i].squeeze
                and sizes[i] > least(i, columns[i].min_width if floor is None else floor)
            ]
            if not squeezable:
                break
            if any(not columns[i].keep for i in squeezable):
                squeezable = [i for i in squeezable if not columns[i].keep]
            widest = max(squeezable, key=lambda i: (sizes[i], -i))
            sizes[widest] -= 1
            excess -= 1
    return [sizes.get(i) for i in range(len(columns))]


def _longest_line(cell: Text) -> int:
    return max((cell_len(line) for line in cell.plain.splitlines()), default=0)


def _shown(cell: Cell) -> Text:
    return visible_text(cell) if isinstance(cell, Text) else Text(visible(cell, lines=True))


def fitted_table(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], room: int, *, fill: bool = False
) -> Table:
    """A Rich table of ``rows`` no wider than ``room``, every cell on one line (or wrapped at spaces);
    with ``fill``, its last column takes what is left of the room, so the header rule spans it.

    Cells are measured as they will show, their unseen characters escaped (see :mod:`.console`)."""
    cells = [[_shown(cell) for cell in row] for row in rows]
    return _table(columns, cells, _sizes(columns, cells, room, fill))


def fitted_lines(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], room: int
) -> Iterator[RenderableType]:
    """What :func:`fitted_table` shows, in pieces to print one after the other: past
    :data:`STREAMED` one-line rows, the header is a table of its own and the rows are laid
    out here, each cell cut and padded to its column as Rich's table would, line by line
    instead of measured again."""
    cells = [[_shown(cell) for cell in row] for row in rows]
    sizes = _sizes(columns, cells, room, False)
    one_line = all(not column.wrap for column in columns) and not any(
        "\n" in cell.plain for row in cells for cell in row
    )
    kept = [(i, size, columns[i].justify) for i, size in enumerate(sizes) if size is not None]
    fits = sum(size for _, size, _ in kept) + GAP * (len(kept) - 1) <= room
    if len(cells) <= STREAMED or not one_line or not kept or not fits:
        yield _table(columns, cells, sizes)
        return
    yield _table(columns, [], sizes)
    gap = Text(" " * GAP)
    for start in range(0, len(cells), BATCH):
        lines = [
            gap.join(_fitted(row[i], size, justify) for i, size, justify in kept)
            for row in cells[start : start + BATCH]
        ]
        yield Text("\n").join(lines)


def _fitted(cell: Text, size: int, justify: str) -> Text:
    """A one-line cell as a column ``size`` wide shows it: cut with "…", then padded."""
    shown = cell.copy()
    if justify == "right":
        shown.rstrip()
        shown.truncate(size, overflow="ellipsis")
        shown.pad_left(size - cell_len(shown.plain))
    else:
        shown.truncate(size, overflow="ellipsis", pad=True)
    return shown


def _sizes(
    columns: Sequence[Column], cells: Sequence[Sequence[Text]], room: int, fill: bool
) -> list[int | None]:
    natural = [max((_longest_line(row[i]) for row in cells), default=0) for i in range(len(columns))]
    sizes = widths(columns, natural, room)
    kept = [i for i, size in enumerate(sizes) if size is not None]
    if fill and kept:
        used = sum(size or 0 for size in sizes) + GAP * (len(kept) - 1)
        sizes[kept[-1]] = (sizes[kept[-1]] or 0) + max(0, room - used)
    return sizes


def _table(columns: Sequence[Column], cells: Sequence[Sequence[Text]], sizes: Sequence[int | None]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column, size in zip(columns, sizes, strict=True):
        if size is not None:
            table.add_column(
                column.header,
                width=size,
                justify=column.justify,
                no_wrap=not column.wrap,
                overflow="ellipsis",
            )
    for row in cells:
        table.add_row(*(cell for cell, size in zip(row, sizes, strict=True) if size is not None))
    return table
