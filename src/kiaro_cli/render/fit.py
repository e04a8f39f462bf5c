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
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Span, Text

from kiaro_cli.characters import visible
from kiaro_cli.render.console import visible_text
from kiaro_cli.render.wrap import wrapped

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
    lowest ``drop`` first, until every kept column fits at its comfortable width (one
    dropped before a wider one comes back if it fits beside the rest); then
    squeezed columns give up characters, the widest first, down to their ``min_width``
    and, only if nothing is left to drop, down to :data:`FLOOR`. A column to ``keep``
    (names) wider than :data:`KEPT` gives way as the others do; within it, only when no
    other squeezed column can.
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

    dropped: list[int] = []
    while total(least(i, columns[i].min_width) for i in kept) > room:
        droppable = [i for i in kept if columns[i].drop is not None]
        if not droppable:
            break
        dropped.append(min(droppable, key=lambda i: columns[i].drop or 0))
        kept.remove(dropped[-1])
    for i in reversed(dropped[:-1]):  # a column dropped before a wider one may fit again
        if total(least(j, columns[j].min_width) for j in [*kept, i]) <= room:
            kept = sorted([*kept, i])
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
            unkept = [i for i in squeezable if not columns[i].keep or sizes[i] > KEPT]
            squeezable = unkept or squeezable  # a column to keep wider than KEPT gives way as any other
            widest = max(squeezable, key=lambda i: (sizes[i], -i))
            sizes[widest] -= 1
            excess -= 1
    return [sizes.get(i) for i in range(len(columns))]


def _longest_line(cell: Cell) -> int:
    """How wide a shown cell is: its widest line (only a newline breaks one: see _shown)."""
    plain = _plain(cell)
    if "\n" not in plain:
        return cell_len(plain)
    return max(cell_len(line) for line in plain.split("\n"))


def _shown(cell: Cell) -> Cell:
    """A cell as it will show, its unseen characters escaped (a text stays a text)."""
    return visible_text(cell) if isinstance(cell, Text) else visible(cell, lines=True)


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _as_text(cell: Cell) -> Text:
    return cell if isinstance(cell, Text) else Text(cell)


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
    instead of measured again: :data:`BATCH` lines a text, its styles as Rich's
    ``Text.join`` of the cells would place them."""
    cells = [[_shown(cell) for cell in row] for row in rows]
    sizes = _sizes(columns, cells, room, False)
    one_line = all(not column.wrap for column in columns) and not any(
        "\n" in _plain(cell) for row in cells for cell in row
    )
    kept = [(i, size, columns[i].justify) for i, size in enumerate(sizes) if size is not None]
    fits = sum(size for _, size, _ in kept) + GAP * (len(kept) - 1) <= room
    if len(cells) <= STREAMED or not one_line or not kept or not fits:
        yield _table(columns, cells, sizes)
        return
    yield _table(columns, [], sizes)
    for start in range(0, len(cells), BATCH):
        parts: list[str] = []
        spans: list[Span] = []
        offset = 0
        for row in cells[start : start + BATCH]:
            if parts:
                parts.append("\n")
                offset += 1
            for n, (i, size, justify) in enumerate(kept):
                if n:
                    parts.append(" " * GAP)
                    offset += GAP
                plain, style, inner = _fitted(row[i], size, justify)
                parts.append(plain)
                if style:
                    spans.append(Span(offset, offset + len(plain), style))
                spans += [Span(offset + a, offset + b, within) for a, b, within in inner]
                offset += len(plain)
        laid = Text("".join(parts), spans=spans)
        yield laid if "\t" in laid.plain else _Laid(laid)


class _Laid:
    """Lines laid out already, each as wide as the table: printed as Rich prints a text
    (its segments, then a newline) without splitting it into lines to find nothing to wrap,
    cut or pad, and joining them again. A tab would be expanded there, so such a text is
    printed as a text."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        yield from self.text.render(console, end="\n")


def _fitted(cell: Cell, size: int, justify: str) -> tuple[str, str | Style, list[Span]]:
    """A one-line cell as a column ``size`` wide shows it, cut with "…", then padded: its
    text, its style and its spans. One that fits is padded here; one to cut is cut by Rich."""
    plain, style, spans = (cell.plain, cell.style, cell.spans) if isinstance(cell, Text) else (cell, "", [])
    room = size - cell_len(plain)
    if room >= 0 and justify != "right":
        return plain + " " * room, style, spans
    if room >= 0 and plain == plain.rstrip():
        return " " * room + plain, style, [Span(a + room, b + room, within) for a, b, within in spans]
    shown = _as_text(cell).copy()
    if justify == "right":
        shown.rstrip()
        shown.truncate(size, overflow="ellipsis")
        shown.pad_left(size - cell_len(shown.plain))
    else:
        shown.truncate(size, overflow="ellipsis", pad=True)
    return shown.plain, shown.style, shown.spans


def _sizes(
    columns: Sequence[Column], cells: Sequence[Sequence[Cell]], room: int, fill: bool
) -> list[int | None]:
    natural = [max((_longest_line(row[i]) for row in cells), default=0) for i in range(len(columns))]
    sizes = widths(columns, natural, room)
    kept = [i for i, size in enumerate(sizes) if size is not None]
    if fill and kept:
        used = sum(size or 0 for size in sizes) + GAP * (len(kept) - 1)
        sizes[kept[-1]] = (sizes[kept[-1]] or 0) + max(0, room - used)
    return sizes


def _table(columns: Sequence[Column], cells: Sequence[Sequence[Cell]], sizes: Sequence[int | None]) -> Table:
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
    wraps = [column.wrap for column in columns]
    for row in cells:
        table.add_row(
            *(
                _as_text(_wrapped(cell, size) if wrap else cell)
                for cell, size, wrap in zip(row, sizes, wraps, strict=True)
                if size is not None
            )
        )
    return table


def _wrapped(cell: Cell, width: int) -> Cell:
    """A cell wrapped at spaces as lines for people are (a day or an amount kept on one
    line), so that Rich, which would wrap at any space, has nothing left to break; a styled
    text keeps its styles where each break only took the place of a space."""
    plain = _plain(cell)
    lines = wrapped(plain, width).rstrip("\n") if plain else plain
    if isinstance(cell, str):
        return lines
    if len(lines) != len(plain):
        return cell
    broken = cell.copy()
    broken.plain = lines  # as long as before: its styles stay where they were
    return broken
