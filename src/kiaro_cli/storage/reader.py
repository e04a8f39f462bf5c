"""Run the named read queries: stdlib ``sqlite3`` on a file, psycopg on a PostgreSQL
server, SQLAlchemy for any other URL and inside a write.

Every driver takes the same SQL text with ``:name`` parameters and returns rows as
plain dicts, so the core sees the same records whichever ran the query. A read never
imports SQLAlchemy or the schema's classes (about three quarters of a second) unless the
schema must first be created or upgraded: the SQLite path opens the file read-only
(``query_only``), the server path reads one snapshot in a read-only transaction.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from kiaro_cli.errors import StorageError
from kiaro_cli.storage import protocols
from kiaro_cli.storage.dialect import SQLITE, Dialect, dialect_named
from kiaro_cli.storage.driver_errors import sqlite_error, translate_errors
from kiaro_cli.storage.location import Location, default_path
from kiaro_cli.storage.migrations import SCHEMA_VERSION
from kiaro_cli.storage.protocols import Params, Row
from kiaro_cli.storage.search_index import SEARCH_INDEX
from kiaro_cli.storage.sqlite_uri import cannot_write, log_is_empty

# What the core reads through, whichever driver serves it (declared in .protocols).
Reader = protocols.Reader

BUSY_TIMEOUT_S = 10.0


_SEARCH_INDEX_EXISTS = (
    f"SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = '{SEARCH_INDEX}'"
)


def one(reader: Reader, sql: str, params: Params | None = None) -> Row | None:
    """The first row of a query, or None."""
    return next(reader.rows(sql, params or {}), None)


MAX_ID = 2**63 - 1  # the largest id a database integer column holds


def by_id(reader: Reader, sql: str, key: int, params: Params | None = None) -> Row | None:
    """The row ``sql`` finds for ``:id`` = ``key``; None for an id no row can have (too large)."""
    return one(reader, sql, {"id": key, **(params or {})}) if 0 < key <= MAX_ID else None


def scalar(reader: Reader, sql: str, params: Params | None = None) -> Any:
    """The first column of the first row, or None."""
    row = one(reader, sql, params)
    return next(iter(row.values())) if row else None


def dict_rows(cursor: Any) -> Iterator[Row]:
    """A DB-API cursor's rows as dicts by column name, fetched 500 at a time."""
    names = [column[0] for column in cursor.description]
    while batch := cursor.fetchmany(500):
        for values in batch:
            yield dict(zip(names, values, strict=True))


class SqliteReader:
    """Rows from a SQLite file through the stdlib driver."""

    dialect = SQLITE

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def rows(self, sql: str, params: Params | None = None) -> Iterator[Row]:
        try:
            cursor = self.connection.execute(sql, dict(params or {}))
        except sqlite3.OperationalError as error:
            raise sqlite_error(error) from error
        return dict_rows(cursor)

    def tuples(self, sql: str, params: Params) -> Iterator[tuple[Any, ...]]:
        """The stdlib driver's own tuples: no step per row in Python."""
        try:
            return iter(self.connection.execute(sql, dict(params)))
        except sqlite3.OperationalError as error:
            raise sqlite_error(error) from error

    @cached_property
    def has_search_index(self) -> bool:
        return one(self, _SEARCH_INDEX_EXISTS) is not None


class SqlAlchemyReader:
    """Rows through a SQLAlchemy connection (any URL, or inside a write transaction)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.dialect: Dialect = dialect_named(connection.dialect.name)

    def rows(self, sql: str, params: Params | None = None) -> Iterator[Row]:
        from sqlalchemy import text

        result = self.connection.execute(text(sql), dict(params or {}))
        for mapping in result.mappings():
            yield dict(mapping)

    def tuples(self, sql: str, params: Params) -> Iterator[tuple[Any, ...]]:
        from sqlalchemy import text

        return (tuple(row) for row in self.connection.execute(text(sql), dict(params)))

    @cached_property
    def has_search_index(self) -> bool:
        return self.dialect.full_text and one(self, _SEARCH_INDEX_EXISTS) is not None


class PsycopgReader:
    """Rows from a PostgreSQL server through psycopg, the SQL text as SQLAlchemy reads it."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.dialect: Dialect = dialect_named("postgresql")

    def rows(self, sql: str, params: Params | None = None) -> Iterator[Row]:
        return dict_rows(self.connection.execute(psycopg_sql(sql), dict(params or {})))

    def tuples(self, sql: str, params: Params) -> Iterator[tuple[Any, ...]]:
        return iter(self.connection.execute(psycopg_sql(sql), dict(params)))

    @cached_property
    def has_search_index(self) -> bool:
        return self.dialect.full_text and one(self, _SEARCH_INDEX_EXISTS) is not None


# A :name parameter, as SQLAlchemy's text() finds one (not a ::cast, not an escaped \:).
_PARAMETER = re.compile(r"(?<![:\w\\]):(\w+)(?![:\w])")  # SQLAlchemy's own patterns
_ESCAPED_COLON = re.compile(r"\\(:\w*)(?![:\w])")
_PSYCOPG_SQL: dict[str, str] = {}


def psycopg_sql(sql: str) -> str:
    """``sql`` with psycopg's ``%(name)s`` for each ``:name`` and every other ``%`` doubled."""
    if sql not in _PSYCOPG_SQL:
        named = _PARAMETER.sub(r"%(\1)s", sql.replace("%", "%%"))
        _PSYCOPG_SQL[sql] = _ESCAPED_COLON.sub(r"\1", named)
    return _PSYCOPG_SQL[sql]


@contextmanager
def open_reader(location: Location) -> Iterator[Reader]:
    """A reader over one consistent snapshot of the database at ``location``."""
    if location.path is None:
        connection = _server_connection(location)
        if connection is None:  # another server, or a schema to create or upgrade first
            with _sqlalchemy_reader(location) as reader:
                yield reader
            return
        with _server_errors(location, connection), connection:
            try:
                yield PsycopgReader(connection)
            finally:
                connection.rollback()
        return
    connection = open_connection(location)
    try:
        connection.execute("BEGIN")
        yield SqliteReader(connection)
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()


@contextmanager
def _sqlalchemy_reader(location: Location) -> Iterator[Reader]:
    from kiaro_cli.storage.engine import get_engine

    engine = get_engine(location)
    with translate_errors(location), engine.connect() as connection:
        yield SqlAlchemyReader(connection)
        connection.rollback()


def _server_connection(location: Location) -> Any:
    """A read-only connection of psycopg's to the PostgreSQL server ``location`` names,
    in a repeatable-read transaction, when its schema is current; None otherwise (another
    kind of server, no schema yet, one to upgrade or a newer one: the engine sees to them)."""
    url = location.sqlalchemy_url()
    scheme, _, rest = url.partition("://")
    if scheme != "postgresql+psycopg":
        return None
    import psycopg
    from psycopg.conninfo import make_conninfo

    from kiaro_cli.storage.driver_errors import CONNECT_TIMEOUT_S, quiet_driver_log

    quiet_driver_log()
    conninfo = f"postgresql://{rest}"  # libpq reads the rest of the URL as SQLAlchemy passes it on
    if "connect_timeout=" not in url:
        conninfo = make_conninfo(conninfo, connect_timeout=CONNECT_TIMEOUT_S)
    try:
        connection = psycopg.connect(conninfo)
    except psycopg.Error as error:
        from kiaro_cli.storage.driver_errors import describe_driver_error

        raise StorageError(describe_driver_error(error, location)) from None
    connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    connection.read_only = True
    try:
        version = connection.execute("SELECT max(version) FROM kiaro_schema").fetchone()
    except psycopg.Error:  # no kiaro_schema table: not made yet, or not kiaro's
        version = None
    if version is None or version[0] != SCHEMA_VERSION:
        connection.close()
        return None
    return connection


@contextmanager
def _server_errors(location: Location, connection: Any) -> Iterator[None]:
    """psycopg's errors while reading as one line, as the engine's are."""
    import psycopg

    from kiaro_cli.storage.driver_errors import describe_driver_error

    try:
        yield
    except psycopg.Error as error:
        if connection.broken:
            raise StorageError(
                f"the database server of {location} went away in the middle of the command; nothing was saved"
            ) from error
        raise StorageError(describe_driver_error(error, location)) from error


def open_connection(
    location: Location, *, writable: bool = False, timeout_s: float = BUSY_TIMEOUT_S
) -> sqlite3.Connection:
    """A connection to a file whose schema is current (creating or upgrading it first),
    read-only unless ``writable``.

    A read of a file that cannot be written (its mode, a read-only folder, a full disk)
    opens it without its side files when no write is pending in the log: SQLite would
    otherwise make a ``-shm`` file with the database's read-only mode, which later stops
    every write once the file is writable again, or fail where it cannot make one.
    """
    assert location.path is not None
    if not writable and not location.path.exists():
        return _nothing_yet(location.path)
    if location.path.exists():
        connection = _connect(location, writable, timeout_s)
        try:
            version = _version(connection)
        except StorageError as error:
            connection.close()
            if writable or "busy" in error.message or not log_is_empty(location.path):
                raise  # a busy database is waited for, never read around
            connection = _connect(location, writable, timeout_s, untouched=True)
            version = _version(connection)
        if version == SCHEMA_VERSION:
            return connection
        connection.close()
        if version is not None and version > SCHEMA_VERSION:
            from kiaro_cli.storage.engine import newer_schema_message

            raise StorageError(newer_schema_message(version))
    from kiaro_cli.storage.engine import ensure_schema

    ensure_schema(location)
    return _connect(location, writable, timeout_s)


_NOT_MADE: set[Path] = set()  # files read before anything made them, in this process


def _nothing_yet(path: Path) -> sqlite3.Connection:
    """What a read of a file no command has made sees: an empty database of the current
    schema, in memory. A read never makes a database (a mistyped ``--db`` would leave a
    folder and an empty file behind); the first write does."""
    import tempfile

    from kiaro_cli.storage.engine import ensure_schema, forget_engine

    if path != default_path():  # the per-user file is simply not made yet on a new machine
        _NOT_MADE.add(path)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Location(path=Path(folder) / "empty.db")
        ensure_schema(scratch)
        forget_engine(scratch)
        empty = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        with sqlite3.connect(scratch.path) as source:  # type: ignore[arg-type]
            source.backup(empty)
        source.close()
    empty.execute("PRAGMA query_only = ON")
    return empty


def read_but_not_made() -> list[Path]:
    """The database files read since the last call that still do not exist (no write made them)."""
    missing = sorted(path for path in _NOT_MADE if not path.exists())
    _NOT_MADE.clear()
    return missing


# The changes this process committed (where, and their batch), until the hooks take them:
# kept here, beside the files read, so a command that only read imports nothing of writes.
_COMMITTED: list[tuple[Location, str]] = []


def note_committed(location: Location, batch: str) -> None:
    _COMMITTED.append((location, batch))


def any_committed() -> bool:
    """Whether any change was committed since :func:`committed` was last called."""
    return bool(_COMMITTED)


def committed() -> list[tuple[Location, str]]:
    """The location and batch of every change committed since the last call, oldest first."""
    taken = list(_COMMITTED)
    _COMMITTED.clear()
    return taken


def _connect(
    location: Location, writable: bool, timeout_s: float, *, untouched: bool = False
) -> sqlite3.Connection:
    assert location.path is not None
    mode = "rw"
    if not writable and (untouched or cannot_write(location.path)):
        # immutable: no lock, no side file; only when the log holds nothing to read
        mode = "ro&immutable=1" if log_is_empty(location.path) else "ro"
    try:
        connection = sqlite3.connect(
            f"file:{location.path}?mode={mode}",
            uri=True,
            timeout=timeout_s,
            isolation_level=None,
            check_same_thread=False,
        )
        if not writable:
            connection.execute("PRAGMA query_only = ON")
    except sqlite3.Error as error:
        raise StorageError(f"cannot open the database {location}: {error}") from None
    return connection


def _version(connection: sqlite3.Connection) -> int | None:
    try:
        row = connection.execute("SELECT max(version) FROM kiaro_schema").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise sqlite_error(error) from error
    except sqlite3.DatabaseError:
        raise StorageError("this file is not a kiaro database") from None
    return int(row[0]) if row and row[0] is not None else None
