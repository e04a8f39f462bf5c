"""A row of CSV cells joined into one text by the database: the last step of the fast
exports (``storage/client_cells.py``, ``storage/ledger_cells.py``).

SQLite's ``printf`` joins a row's cells with :data:`UNIT` and ends it with :data:`RECORD`
(the ASCII unit and record separators), a NULL cell as an empty text. The
driver then hands Python one string a row instead of one per cell, and
:func:`~kiaro_cli.codecs.tabular.write_joined` turns a batch of them into CSV lines at
once. A ``printf`` takes at most 127 arguments, so a wide row (many custom fields) is
joined from several.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kiaro_cli.storage.protocols import Reader

UNIT, RECORD = "\x1f", "\x1e"

_CELLS_A_PRINTF = 100  # SQLite's default SQLITE_MAX_FUNCTION_ARG is 127


def joined_cells(cells: Sequence[str]) -> str:
    """SQL of one text: the values of the ``cells`` expressions joined by UNIT, ended by
    RECORD."""
    parts = []
    for start in range(0, len(cells), _CELLS_A_PRINTF):
        group = cells[start : start + _CELLS_A_PRINTF]
        end = RECORD if start + _CELLS_A_PRINTF >= len(cells) else UNIT
        parts.append(f"printf('{UNIT.join(['%s'] * len(group))}{end}', {', '.join(group)})")
    return " || ".join(parts)


@dataclass(frozen=True)
class CellsQuery:
    """The SQL of an export's cells: each row's key and its cells joined, in the export's
    order; one row's cells by ``:row_id``; and the parameters of both."""

    joined: str
    one_row: str
    params: dict[str, Any]


def cells_query(
    key: str,
    cells: Sequence[str],
    source: str,
    where: str,
    order: str,
    params: dict[str, Any],
    *,
    group: str = "",
) -> CellsQuery:
    """The queries of the ``cells`` of the rows of ``source`` (FROM and its joins) that
    ``where`` keeps (a WHERE clause, or ''), grouped by ``group`` if given, in ``order``,
    each row known by ``key``."""
    grouped = f" GROUP BY {group}" if group else ""
    return CellsQuery(
        joined=f"SELECT {key}, {joined_cells(cells)} {source}{where}{grouped} ORDER BY {order}",
        one_row=f"SELECT {', '.join(cells)} {source} WHERE {key} = :row_id",
        params=params,
    )


@dataclass(frozen=True)
class JoinedRows:
    """The rows a :class:`CellsQuery` joins, as
    :func:`~kiaro_cli.codecs.tabular.write_joined` takes them."""

    texts: Iterator[tuple[Any, ...]]
    cells_of: Callable[[Any], Sequence[Any]]
    unit: str = UNIT
    record: str = RECORD


def joined_rows(reader: Reader, query: CellsQuery, params: dict[str, Any]) -> JoinedRows:
    """The rows ``query`` joins, read with ``params``, for :func:`~kiaro_cli.codecs.tabular.write_joined`."""

    def cells_of(key: Any) -> tuple[Any, ...]:
        return next(reader.tuples(query.one_row, params | {"row_id": key}))

    return JoinedRows(reader.tuples(query.joined, params), cells_of)
