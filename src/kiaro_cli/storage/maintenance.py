"""Checking, repairing and copying a database: ``kiaro db check [--repair]``, ``db backup``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiaro_cli import clock
from kiaro_cli.errors import InvalidValue, StorageError
from kiaro_cli.storage.files import backup_sqlite, create_private_file, ensure_private_dir
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.migrations import SCHEMA_VERSION
from kiaro_cli.storage.search_index import SEARCH_INDEX, has_server_index
from kiaro_cli.storage.sqlite_uri import cannot_write, log_is_empty, read_only_uri


@dataclass
class CheckReport:
    location: str
    schema_version: int | None
    expected_version: int = SCHEMA_VERSION
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, not wrong

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, object]:
        return {
            "location": self.location,
            "ok": self.ok,
            "schema_version": self.schema_version,
            "expected_version": self.expected_version,
            "problems": self.problems,
            "notes": self.notes,
        }


def check(location: Location) -> CheckReport:
    """Integrity, foreign keys and schema version of the database at ``location``. What
    cannot be checked (a file that cannot be read, an index whose check must write to a
    read-only file) is said as such, never as a wrong verdict."""
    if location.path is None:
        return _check_url(location)
    if not location.path.exists():
        raise StorageError(f"there is no database at {location.path}")
    report = CheckReport(str(location), None)
    try:
        _check_file(location.path, report, untouched=False)
    except sqlite3.DatabaseError as error:
        if _is_corrupt(error) or not log_is_empty(location.path):
            report.problems.append(f"cannot read the database: {error}")
            return report
        try:  # a full disk or a closed folder: read the file alone, without side files
            _check_file(location.path, report, untouched=True)
        except sqlite3.DatabaseError as error:
            report.problems.append(f"cannot read the database: {error}")
            return report
    _compare_version(report)
    if report.schema_version == SCHEMA_VERSION:
        problems, notes = _search_index_problems(location.path)
        report.problems.extend(problems)
        report.notes.extend(notes)
    return report


def _check_file(path: Path, report: CheckReport, *, untouched: bool) -> None:
    immutable = "&immutable=1" if untouched or (cannot_write(path) and log_is_empty(path)) else ""
    connection = sqlite3.connect(f"file:{path}?mode=ro{immutable}", uri=True, timeout=10)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            report.problems.extend(f"integrity: {line}" for line in integrity)
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
            report.problems.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
        report.schema_version = _version(connection)
        report.problems.extend(_foreign_problems(connection))
    finally:
        connection.close()


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    """SQLITE_CORRUPT (its extended codes too) or SQLITE_NOTADB: the content is bad, not the access."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF in (11, 26) or "not a database" in str(error)


def _search_index_problems(path: Path) -> tuple[list[str], list[str]]:
    """Whether the search index matches the clients (FTS5's own integrity check): problems,
    and notes of what could not be checked."""
    if cannot_write(path):
        return [], ["search index: not checked (its check needs to write, and the database is read-only)"]
    connection = sqlite3.connect(path, timeout=10)
    try:
        found = connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (SEARCH_INDEX,)).fetchone()
        if found is None:
            return [f"search index: missing ({REPAIR_HINT})"], []
        # 'integrity-check' reads only, but FTS5 takes it as an INSERT: it needs a writable handle.
        connection.execute(f"INSERT INTO {SEARCH_INDEX}({SEARCH_INDEX}, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as error:
        if _is_corrupt(error):
            return [f"search index: out of step with the clients ({REPAIR_HINT})"], []
        return [], [f"search index: not checked ({error})"]
    finally:
        connection.rollback()
        connection.close()
    return [], []


REPAIR_HINT = "kiaro db check --repair rebuilds it"


def _foreign_problems(connection: sqlite3.Connection) -> list[str]:
    from kiaro_cli.storage.screening import foreign_objects

    return [
        f"schema: {item} was not created by kiaro"
        + (" (kiaro db check --repair drops it)" if item.droppable else " (remove it yourself if unwanted)")
        for item in foreign_objects(connection)
    ]


def repair(location: Location) -> list[str]:
    """Drop the triggers and views kiaro did not create, and rebuild what can be rebuilt from
    the data (the search index); say what was done."""
    from kiaro_cli.storage.driver_errors import translate_errors
    from kiaro_cli.storage.engine import get_engine
    from kiaro_cli.storage.search_index import install_search_index, rebuild_search_index

    done = _drop_foreign(location.path) if location.path is not None and location.path.exists() else []
    engine = get_engine(location)
    if engine.dialect.name == "postgresql":
        with translate_errors(location), engine.begin() as connection:
            if has_server_index(connection):
                return []
            return ["search index created"] if install_search_index(connection) else []
    if engine.dialect.name != "sqlite":
        return done
    with translate_errors(location), engine.begin() as connection:
        exists = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (SEARCH_INDEX,)
        ).first()
        if exists is None:
            return done + (["search index created"] if install_search_index(connection) else [])
        rebuild_search_index(connection)
        return [*done, "search index rebuilt"]


def _drop_foreign(path: Path) -> list[str]:
    """Drop the triggers and views kiaro did not create, before anything else runs on the file."""
    from kiaro_cli.storage.driver_errors import describe_driver_error
    from kiaro_cli.storage.screening import drop_foreign, foreign_objects

    connection = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        done = drop_foreign(connection, foreign_objects(connection))
        connection.execute("COMMIT")
        return done
    except sqlite3.Error as error:
        raise StorageError(describe_driver_error(error, Location(path=path))) from None
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()


def _version(connection: sqlite3.Connection) -> int | None:
    try:
        row = connection.execute("SELECT max(version) FROM kiaro_schema").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" not in str(error):
            raise
        return None
    return int(row[0]) if row and row[0] is not None else None


def _compare_version(report: CheckReport) -> None:
    if report.schema_version is None:
        report.problems.append("schema: no kiaro schema version recorded")
    elif report.schema_version > SCHEMA_VERSION:
        report.problems.append(
            f"schema: version {report.schema_version} is newer than this kiaro ({SCHEMA_VERSION})"
        )
    elif report.schema_version < SCHEMA_VERSION:
        report.problems.append(
            f"schema: version {report.schema_version} will be upgraded to {SCHEMA_VERSION} on next use"
        )


def _check_url(location: Location) -> CheckReport:
    from sqlalchemy import text

    from kiaro_cli.storage.driver_errors import translate_errors
    from kiaro_cli.storage.engine import get_engine

    report = CheckReport(str(location), None)
    with translate_errors(location), get_engine(location).connect() as connection:
        report.schema_version = connection.execute(text("SELECT max(version) FROM kiaro_schema")).scalar()
        _compare_version(report)
        if report.schema_version == SCHEMA_VERSION:
            report.problems.extend(_schema_problems(connection))
            if connection.dialect.name == "postgresql" and not has_server_index(connection):
                report.notes.append(
                    "search reads every client: the pg_trgm extension could not be installed "
                    "(CREATE EXTENSION pg_trgm as the database owner, then kiaro db check --repair)"
                )
    return report


def _schema_problems(connection: Any) -> list[str]:
    """The tables, indexes and links between rows the schema has and the server lacks (a
    server checks links as rows are written; their constraints must be there)."""
    from sqlalchemy import inspect
    from sqlmodel import SQLModel

    found = inspect(connection)
    present = set(found.get_table_names())
    problems = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in present:
            problems.append(f"schema: table {table.name} is missing")
            continue
        indexes = {index["name"] for index in found.get_indexes(table.name)}
        problems += [
            f"schema: index {index.name} is missing" for index in table.indexes if index.name not in indexes
        ]
        links = {tuple(key["constrained_columns"]) for key in found.get_foreign_keys(table.name)}
        for key in table.foreign_key_constraints:
            if tuple(column.name for column in key.columns) not in links:
                problems.append(f"schema: the link from {table.name} to {key.referred_table.name} is missing")
    return problems


def default_backup_path(location: Location) -> Path:
    """Where ``db backup`` writes without a FILE: beside the database, stamped."""
    assert location.path is not None
    stamp = clock.now_utc().strftime("%Y%m%d-%H%M%S")
    return location.path.parent / "backups" / f"{location.path.stem}-{stamp}.db"


def backup(location: Location, target: Path | None) -> Path:
    """Copy the SQLite database at ``location`` to ``target`` (a new 0600 file), or without
    one to a stamped name of its own (numbered when taken); where the copy is."""
    if location.path is None:
        raise InvalidValue("db backup copies SQLite files; use your database server's own tools")
    if not location.path.exists():
        raise StorageError(f"there is no database at {location.path}")
    destination = (target or default_backup_path(location)).expanduser().absolute()
    if destination == location.path:
        raise InvalidValue("the backup cannot overwrite the database itself")
    return backup_sqlite(location.path, destination, numbered=target is None)


def backup_archive(location: Location, target: Path | None, folder: Path, shas: list[str]) -> Path:
    """One .zip archive (a new 0600 file) holding a copy of the database as ``kiaro.db`` and
    the stored files of ``shas`` under ``documents/``, as the store keeps them."""
    import os
    import tempfile
    import zipfile

    from kiaro_cli.storage.documents import stored_path
    from kiaro_cli.storage.files import create_private_file

    if location.path is None:
        raise InvalidValue("db backup copies SQLite files; use your database server's own tools")
    destination = (target or default_backup_path(location).with_suffix(".zip")).expanduser().absolute()
    if target is None:  # a name kiaro chose: the next free number when it is taken
        stamped, number = destination, 2
        while destination.exists():
            destination = stamped.with_name(f"{stamped.stem}-{number}{stamped.suffix}")
            number += 1
    if destination.exists():
        raise StorageError(f"{destination} already exists; choose another file name")
    missing = [sha for sha in shas if not stored_path(folder, sha).is_file()]
    if missing:
        raise StorageError(f"{len(missing)} document files are missing (kiaro db check); nothing was written")
    partial = destination.with_name(f".{destination.name}.{os.getpid()}.partial")
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "kiaro.db"
        backup(location, copy)
        create_private_file(partial)
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(copy, "kiaro.db")
                for sha in shas:
                    archive.write(stored_path(folder, sha), f"documents/{sha[:2]}/{sha}")
            partial.replace(destination)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return destination


def inspect_copy(source: Path, shown: Path | None = None) -> int:
    """Check that ``source`` is a sound kiaro database this program can use; its version.
    Messages name ``shown`` (the file the user gave) when ``source`` is a copy of it."""
    name = shown or source
    if not source.is_file():
        raise InvalidValue(f"there is no file at {name}")
    try:
        connection = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise InvalidValue(f"{name} is damaged (integrity check failed); nothing was restored")
            version = _version(connection)
            if version is not None:
                _screen(name, connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise InvalidValue(f"{name} is not a kiaro database; nothing was restored") from None
    if version is None:
        raise InvalidValue(f"{name} is not a kiaro database; nothing was restored")
    if version > SCHEMA_VERSION:
        raise InvalidValue(f"{name} has schema version {version}, newer than this kiaro ({SCHEMA_VERSION})")
    return version


def _screen(source: Path, connection: sqlite3.Connection) -> None:
    """Refuse a file holding schema objects kiaro did not create, or text typed input refuses."""
    from kiaro_cli.storage.screening import foreign_objects, refused_text

    foreign = foreign_objects(connection)
    if foreign:
        listed = ", ".join(str(item) for item in foreign)
        raise InvalidValue(f"{source} holds what kiaro did not create ({listed}); nothing was restored")
    refused = refused_text(connection, limit=1)
    if refused:
        raise InvalidValue(
            f"{source} holds what typing never gives (control or format characters, or bytes)"
            f" in {refused[0]}; nothing was restored"
        )


def inspect_backup(location: Location, source: Path) -> None:
    """Refuse a file that is not a sound kiaro database for ``location`` to restore, before
    anyone is asked to restore it."""
    with _checked_copy(location, source.expanduser().absolute()):
        pass


@contextmanager
def _checked_copy(location: Location, source: Path) -> Iterator[Path]:
    """A checked copy of ``source`` in a private folder beside the database, which no one
    can change between the checks and the restore; the file given is only read, so nothing
    (a -shm, a -wal) is ever left beside it."""
    import tempfile

    if location.path is None:
        raise InvalidValue("db restore works on SQLite files; use your database server's own tools")
    if source == location.path:
        raise InvalidValue("that file is the database itself")
    if not source.is_file():
        raise InvalidValue(f"there is no file at {source}")
    ensure_private_dir(location.path.parent)
    with tempfile.TemporaryDirectory(dir=location.path.parent, prefix=".restoring-") as folder:
        theirs = _private_copy(source, Path(folder) / "theirs.db")
        inspect_copy(theirs, shown=source)
        yield theirs


def _private_copy(source: Path, target: Path) -> Path:
    """The bytes of the SQLite file ``source`` (and of its write-ahead log, if one holds
    commits) copied to ``target`` (0600) without opening ``source`` as a database."""
    import shutil

    for suffix in ("", "-wal"):
        given = source.with_name(source.name + suffix)
        if suffix and not (given.is_file() and given.stat().st_size):
            continue
        copied = target.with_name(target.name + suffix)
        create_private_file(copied)
        with given.open("rb") as reading, copied.open("wb") as writing:
            shutil.copyfileobj(reading, writing)
    return target


def restore(location: Location, source: Path) -> Path | None:
    """Replace the database's content with a backup, after checking the backup and saving
    the current database; return where the current one was saved (None if there was none).

    The copy goes through SQLite's online backup into the live file, under its locks, so
    other kiaro processes see the old database or the restored one, never a mix.
    """
    source = source.expanduser().absolute()
    with _checked_copy(location, source) as copy:  # what is checked is what is copied in
        assert location.path is not None
        saved = backup(location, None) if location.path.exists() else None
        if saved is None:
            create_private_file(location.path)
        target = sqlite3.connect(location.path, timeout=10)
        origin = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            ours = _documents_folder(target)
            origin.backup(target)
            _keep_documents_folder(target, ours)
        except sqlite3.OperationalError as error:
            raise StorageError(f"could not restore: {error}; the database is unchanged") from None
        finally:
            origin.close()
            target.close()
    return saved


_DOCUMENTS_FOLDER = "documents-folder"


def _documents_folder(connection: sqlite3.Connection) -> str | None:
    """The database's own ``documents-folder`` setting (None: none, or no database yet)."""
    try:
        row = connection.execute("SELECT value FROM setting WHERE key = ?", (_DOCUMENTS_FOLDER,)).fetchone()
    except sqlite3.OperationalError:  # an empty file: no table yet
        return None
    return None if row is None else str(row[0])


def _keep_documents_folder(connection: sqlite3.Connection, ours: str | None) -> None:
    """Where documents are written stays this machine's choice: the restored file's own
    ``documents-folder`` (a folder of another machine, or one a hostile file chose) and
    the undo steps that would set it are dropped, and the database's own is kept."""
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    with connection:
        connection.execute("DELETE FROM setting WHERE key = ?", (_DOCUMENTS_FOLDER,))
        if "undo_step" in tables:  # an old version's file has none yet
            connection.execute(
                "DELETE FROM undo_step WHERE table_name = 'setting' AND row_key = ?",
                (f'"{_DOCUMENTS_FOLDER}"',),
            )
        if ours is not None:
            connection.execute("INSERT INTO setting (key, value) VALUES (?, ?)", (_DOCUMENTS_FOLDER, ours))
