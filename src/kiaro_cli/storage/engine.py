"""The SQLAlchemy engine: creating and upgrading the schema, copies, checks, and every
connection to a database server.

Its SQLite connections get the same pragmas and ``BEGIN IMMEDIATE`` as a write's own
(:mod:`.link`), so a command that reads and then writes never fails with SQLITE_BUSY
half-way: it waits (up to the busy timeout) for the write lock before reading anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlmodel import SQLModel

from kiaro_cli import clock
from kiaro_cli.errors import StorageError
from kiaro_cli.storage import pragmas, schema
from kiaro_cli.storage.driver_errors import CONNECT_TIMEOUT_S, quiet_driver_log, translate_errors
from kiaro_cli.storage.files import backup_sqlite, create_private_file, ensure_private_dir
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from kiaro_cli.storage.pragmas import MIGRATION_LOCK, SQLITE_PRAGMAS
from kiaro_cli.storage.search_index import install_search_index

assert schema  # the table classes must be registered on SQLModel.metadata


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {pragmas.BUSY_TIMEOUT_MS}")
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


_ENGINES: dict[Location, Engine] = {}


def get_engine(location: Location) -> Engine:
    """The engine for ``location`` (one a process), with the schema created or upgraded."""
    if location not in _ENGINES:
        _ENGINES[location] = _new_engine(location)
    return _ENGINES[location]


def close_engines() -> None:
    """Close every engine this process opened, with their pooled connections and files."""
    while _ENGINES:
        _ENGINES.popitem()[1].dispose()


def forget_engine(location: Location) -> None:
    """Close the engine of ``location``, if this process opened one (before removing its file)."""
    engine = _ENGINES.pop(location, None)
    if engine is not None:
        engine.dispose()


def _new_engine(location: Location) -> Engine:
    if location.path is not None:
        ensure_private_dir(location.path.parent)
        create_private_file(location.path)
        engine = create_engine(
            location.sqlalchemy_url(), connect_args={"timeout": pragmas.BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
    else:
        engine = _server_engine(location)
    with translate_errors(location):
        _ensure_schema(engine, location)
    return engine


def _server_engine(location: Location) -> Engine:
    """An engine for a database URL; a URL no installed driver reads is one clear line. An
    unreachable server is given up after :data:`CONNECT_TIMEOUT_S` unless the URL says
    otherwise (``?connect_timeout=N``)."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    url = location.sqlalchemy_url()
    waits = {} if "connect_timeout=" in url else {"connect_timeout": CONNECT_TIMEOUT_S}
    quiet_driver_log()
    try:
        return create_engine(url, pool_pre_ping=False, connect_args=waits)
    except (NoSuchModuleError, ArgumentError, ImportError):
        kind = location.sqlalchemy_url().partition("://")[0]
        raise StorageError(
            f"cannot open {location}: '{kind}' is not a database kiaro can use "
            "(a file path, or postgresql+psycopg://USER@HOST/NAME)"
        ) from None


def ensure_schema(location: Location) -> None:
    """Create or upgrade the database at ``location`` to the current schema."""
    get_engine(location)


def _ensure_schema(engine: Engine, location: Location) -> None:
    version = _stored_version(engine)
    if version == SCHEMA_VERSION:
        return
    if version is not None and version > SCHEMA_VERSION:
        raise StorageError(newer_schema_message(version))
    if version is not None and location.path is not None:
        _backup_before_migration(location, version)
    with _migration_transaction(engine) as connection:
        version = _stored_version_in(connection)
        if version is None:
            _create_fresh(connection)
        else:
            for migration in MIGRATIONS:
                if migration.version > version:
                    migration.upgrade(connection)
                    _record_version(connection, migration.version, migration.description)


@contextmanager
def _migration_transaction(engine: Engine) -> Iterator[Any]:
    """One transaction for creating or upgrading the schema (DDL is transactional on both
    databases; on PostgreSQL an advisory lock makes a second kiaro wait, then find the work
    done).

    On SQLite, foreign keys are off while it runs (a migration may rebuild a table that
    others point to, and dropping it must not cascade) and checked before it commits.
    """
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection if engine.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")  # only takes effect outside a transaction
        try:
            with connection.begin():
                if engine.dialect.name == "postgresql":  # one migrating process; the others wait
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                yield connection
                if raw is not None and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StorageError("the upgrade would break links between rows; nothing was changed")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def newer_schema_message(version: int) -> str:
    return (
        f"this database has schema version {version}, newer than this kiaro understands "
        f"({SCHEMA_VERSION}); upgrade kiaro to use it"
    )


def _stored_version(engine: Engine) -> int | None:
    with engine.connect() as connection:
        version = _stored_version_in(connection)
        connection.rollback()
        return version


def _stored_version_in(connection: Any) -> int | None:
    tables = inspect(connection).get_table_names()
    if "kiaro_schema" not in tables:
        if tables:
            raise StorageError("this database holds other tables and is not a kiaro database")
        return None
    return int(connection.execute(text("SELECT max(version) FROM kiaro_schema")).scalar() or 0)


def _create_fresh(connection: Any) -> None:
    SQLModel.metadata.create_all(connection)
    install_search_index(connection)
    for migration in MIGRATIONS:
        _record_version(connection, migration.version, migration.description)


def _record_version(connection: Any, version: int, description: str) -> None:
    connection.execute(
        text("INSERT INTO kiaro_schema (version, applied_at, description) VALUES (:v, :at, :d)"),
        {"v": version, "at": clock.timestamp(), "d": description},
    )


def _backup_before_migration(location: Location, version: int) -> None:
    assert location.path is not None
    stamp = clock.now_utc().strftime("%Y%m%dT%H%M%S")
    target = location.path.with_name(f"{location.path.name}.v{version}-{stamp}.bak")
    backup_sqlite(location.path, target, numbered=True)
