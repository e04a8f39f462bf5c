"""The connection a write transaction runs on: the stdlib driver on a SQLite file, a
SQLAlchemy connection on a server. Both take the same SQL with ``:name`` parameters.

A write to a file never imports SQLAlchemy (unless the schema must first be created or
upgraded): the file is opened with :data:`SQLITE_PRAGMAS`, ``BEGIN IMMEDIATE`` takes the
write lock at once, and a driver error becomes one :class:`StorageError` line. On a
server, writers queue on an advisory lock (:data:`WRITE_LOCK`) as they do on SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from kiaro_cli.errors import StorageError
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import Reader, SqlAlchemyReader, SqliteReader, open_connection
from kiaro_cli.storage.tracking import quoted

Params = Mapping[str, Any]

BUSY_TIMEOUT_MS = 10_000
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
)
# PostgreSQL advisory locks (numbers of kiaro's own): one writer at a time, as SQLite's
# BEGIN IMMEDIATE gives, and one process migrating the schema at a time.
WRITE_LOCK = 0x6B6961726F01
MIGRATION_LOCK = 0x6B6961726F02


class Link(Protocol):
    """What a write needs of its connection."""

    dialect: str
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


def insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(quoted(name) for name in columns)
    return f"INSERT INTO {quoted(table)} ({names}) VALUES ({', '.join(f':{name}' for name in columns)})"


class SqliteLink:
    """A write transaction on a SQLite file, through the stdlib driver."""

    dialect = "sqlite"

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

    dialect = "postgresql"

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
    connection = open_connection(location, writable=True, timeout_s=BUSY_TIMEOUT_MS / 1000)
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

    from kiaro_cli.storage.engine import get_engine, translate_errors

    engine = get_engine(location)
    with translate_errors(location), engine.connect() as connection, connection.begin():
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
        yield ServerLink(connection)


def describe_driver_error(error: BaseException | None, location: Location) -> str:
    """One line for a driver error, in words a user can act on."""
    message = (str(error).strip().splitlines() or ["unknown error"])[0]
    if "locked" in message or "busy" in message:
        return "the database is busy with another kiaro command; retry in a moment"
    if "readonly" in message or "read-only" in message:
        return f"the database {location} is read-only"
    if "disk" in message and "full" in message:
        return "the disk is full; nothing was saved"
    if "disk i/o error" in message.lower():
        return "the disk refused a write (is it full?); nothing was saved"
    if "unable to open" in message:
        return f"cannot open the database {location}"
    if "not a database" in message:
        return f"{location} is not a kiaro database"
    if "permission denied" in message or "read-only transaction" in message:
        return f"this database user may not write to {location}; nothing was changed"
    reason = message.rsplit(": ", 1)[-1].strip().rstrip(".")
    if "password authentication failed" in message or "no password supplied" in message:
        return (
            f"the database server of {location} did not accept the login ({reason}); "
            "a password can also come from PGPASSWORD or ~/.pgpass"
        )
    if reason.startswith("role ") and reason.endswith("does not exist"):  # the server answered
        return f"the database server of {location} has no such user: {reason}; create it or name another"
    unreachable = ("connection failed", "timeout expired", "could not connect")
    if any(words in message.lower() for words in unreachable):
        return f"cannot reach the database server of {location} ({reason})"
    return f"database error: {message}"


def checkpoint(location: Location) -> None:
    """Copy the write-ahead log into the database and empty it (SQLite only).

    After a deletion, older copies of the erased rows live on in the log's frames until
    a checkpoint; ``secure_delete`` has already zeroed them in the database pages.
    """
    if location.path is None:
        return
    connection = sqlite3.connect(location.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # readers still open: done later
    except sqlite3.OperationalError as error:
        raise StorageError(describe_driver_error(error, location)) from None
    finally:
        connection.close()
