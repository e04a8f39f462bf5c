"""What a database can do, asked by name instead of by the class of its driver.

A :class:`~kiaro_cli.storage.protocols.Reader` and a write's
:class:`~kiaro_cli.storage.protocols.Link` each carry their :class:`Dialect`; code that
must do something one way on SQLite and another on a server asks it
(``reader.dialect.sqlite_functions``), never ``isinstance``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    """One kind of database and what it can do."""

    name: str
    full_text: bool
    """It may hold the FTS5 search index (whether it does is ``Reader.has_search_index``)."""
    sqlite_functions: bool
    """It takes SQLite's own SQL (``printf``, ``iif``, ``sqlite_master``): the CSV fast
    path computes a client export's cells with it."""
    index_sql: bool
    """Its catalog keeps each index's ``CREATE`` statement: a write may drop a table's
    indexes and create them again from it (a large insert builds them once at the end)."""


SQLITE = Dialect("sqlite", full_text=True, sqlite_functions=True, index_sql=True)
POSTGRESQL = Dialect("postgresql", full_text=False, sqlite_functions=False, index_sql=False)


def dialect_named(name: str) -> Dialect:
    """The dialect of a SQLAlchemy dialect name (``connection.dialect.name``)."""
    return SQLITE if name == "sqlite" else POSTGRESQL
