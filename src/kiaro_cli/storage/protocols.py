"""What the rest of the code needs of a database connection, whichever driver serves it:
a :class:`Reader` for queries, a :class:`Link` for a write transaction.

The drivers themselves are in :mod:`.reader` (reads) and :mod:`.link` (writes); this
module imports neither, so anything below them may name these types.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol

from kiaro_cli.storage.dialect import Dialect

Row = dict[str, Any]
Params = Mapping[str, Any]


class Reader(Protocol):
    """What the core needs to read: rows of a query, streamed."""

    @property
    def dialect(self) -> Dialect:
        """What the database behind it can do."""
        ...

    def rows(self, sql: str, params: Params = ...) -> Iterator[Row]: ...

    def tuples(self, sql: str, params: Params) -> Iterator[tuple[Any, ...]]:
        """The rows of a query as plain tuples, in the order of its columns (for streams
        too long for a dict a row)."""
        ...

    @property
    def has_search_index(self) -> bool:
        """Whether the SQLite full-text search index exists (never on other databases)."""
        ...


class Link(Protocol):
    """What a write needs of its connection."""

    dialect: Dialect
    reader: Reader

    def run(self, sql: str, params: Params | None = None) -> None: ...

    def run_many(self, sql: str, rows: Sequence[Params]) -> None: ...

    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows given as values in the order of ``columns``."""
        ...

    def insert(self, table: str, values: Params, key: str) -> Any:
        """Insert one row; its key (given, or the id the database chose)."""
        ...

    def new_ids(self, table: str, count: int) -> list[int]:
        """The next ``count`` ids of ``table`` (the write lock is held: no one else takes them)."""
        ...

    def next_id(self, table: str) -> int:
        """The id the next new row of ``table`` will get, without taking it."""
        ...
