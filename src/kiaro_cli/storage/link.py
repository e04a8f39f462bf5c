"""The connection a write transaction runs on: the stdlib driver on a SQLite file, a
SQLAlchemy connection on a server. Both take the same SQL with ``:name`` parameters.

A write to a file never imports SQLAlchemy (unless the schema must first be created or
upgraded): the file is opened with :data:`SQLITE_PRAGMAS`, ``BEGIN IMMEDIATE`` takes the
write lock at once, and a driver error becomes one :class:`StorageError` line. On a
server, writers queue on an advisory lock (:data:`WRITE_LOCK`) as they do on SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from kiaro_cli.errors import StorageError
from kiaro_cli.storage import pragmas
from kiaro_cli.storage.dialect import POSTGRESQL, SQLITE
from kiaro_cli.storage.driver_errors import describe_driver_error, translate_errors
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.pragmas import SQLITE_PRAGMAS, WRITE_LOCK
from kiaro_cli.storage.protocols import Link, Params, Reader
from kiaro_cli.storage.reader import SqlAlchemyReader, SqliteReader, open_connection
from kiaro_cli.storage.row import quoted


def insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(quoted(name) for name in columns)
    return f"INSERT INTO {quoted(table)} ({names}) VALUES ({', '.join(f':{name}' for name in columns)})"


class SqliteLink:
    """A write transaction on a SQLite file, through the stdlib driver."""

    dialect = SQLITE

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.reader: Reader = SqliteReader(connection)

    def run(self, sql: str, params: Params | None = None) -> None:
        self.connection.execute(sql, dict(params or {}))

    def run_many(self, sql: str, rows: Sequence[Params]) -> None:
        self.connection.executemany(sql, rows)

    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        names = ", ".join(quoted(name) for name in columns)
        marks = ", ".join("?" * len(columns))
        self.connection.executemany(f"INSERT INTO {quoted(table)} ({names}) VALUES ({marks})", rows)

    def insert(self, table: str, values: Params, key: str) -> Any:
        cursor = self.connection.execute(insert_sql(table, list(values)), dict(values))
        return values.get(key, cursor.lastrowid)

    def new_ids(self, table: str, count: int) -> list[int]:
        first = first_free_id(self.connection, table)
        return list(range(first, first + count))

    def next_id(self, table: str) -> int:
        return first_free_id(self.connection, table)


def first_free_id(connection: sqlite3.Connection, table: str) -> int:
    """The id the next new row of ``table`` gets: above every id it ever gave (SQLite
    remembers those of tables with AUTOINCREMENT in ``sqlite_sequence``)."""
    (top,) = connection.execute(f"SELECT coalesce(max(id), 0) FROM {quoted(table)}").fetchone()
    known = connection.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    return max(int(top), int(known[0]) if known else 0) + 1


class ServerLink:
    """A write transaction on a database server, through SQLAlchemy."""

    dialect = POSTGRESQL

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.reader: Reader = SqlAlchemyReader(connection)

    def run(self, sql: str, params: Params | None = None) -> None:
        from sqlalchemy import text

        self.connection.execute(text(sql), dict(params or {}))

    def run_many(self, sql: str, rows: Sequence[Params]) -> None:
        from sqlalchemy import text

        self.connection.execute(text(sql), [dict(row) for row in rows])

    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self.run_many(insert_sql(table, columns), [dict(zip(columns, row, strict=True)) for row in rows])

    def insert(self, table: str, values: Params, key: str) -> Any:
        from sqlalchemy import text

        if key in values:
            self.run(insert_sql(table, list(values)), values)
            return values[key]
        sql = f"{insert_sql(table, list(values))} RETURNING {quoted(key)}"
        return self.connection.execute(text(sql), dict(values)).scalar_one()

    def new_ids(self, table: str, count: int) -> list[int]:
        from sqlalchemy import text

        sql = "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"
        found = self.connection.execute(text(sql), {"table": table, "count": count}).scalars()
        return sorted(int(key) for key in found)

    def next_id(self, table: str) -> int:
        """Not known on a server without taking it: 0 (only SQLite's search index asks)."""
        return 0


@contextmanager
def write_link(location: Location) -> Iterator[Link]:
    """One write transaction at ``location``: committed when the block ends, rolled back
    on any error."""
    if location.path is None:
        with _server_link(location) as link:
            yield link
        return
    connection = _open_for_writing(location)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield SqliteLink(connection)
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        raise StorageError(describe_driver_error(error, location)) from error
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()


def _open_for_writing(location: Location) -> sqlite3.Connection:
    connection = open_connection(location, writable=True, timeout_s=pragmas.BUSY_TIMEOUT_MS / 1000)
    try:
        for pragma in SQLITE_PRAGMAS:
            connection.execute(pragma)
    except sqlite3.Error as error:
        connection.close()
        raise StorageError(describe_driver_error(error, location)) from None
    return connection


@contextmanager
def _server_link(location: Location) -> Iterator[Link]:
    from sqlalchemy import text

    from kiaro_cli.storage.engine import get_engine

    engine = get_engine(location)
    with translate_errors(location), engine.connect() as connection, connection.begin():
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
        yield ServerLink(connection)


def checkpoint(location: Location) -> None:
    """Copy the write-ahead log into the database and empty it (SQLite only).

    After a deletion, older copies of the erased rows live on in the log's frames until
    a checkpoint; ``secure_delete`` has already zeroed them in the database pages.
    """
    if location.path is None:
        return
    connection = sqlite3.connect(location.path, timeout=pragmas.BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # readers still open: done later
    except sqlite3.OperationalError as error:
        raise StorageError(describe_driver_error(error, location)) from None
    finally:
        connection.close()
