"""Private files: new databases, backups and exports are 0600 in 0700 directories."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import IO, Any

from kiaro_cli.errors import InvalidValue, StorageError
from kiaro_cli.storage.sqlite_uri import read_only_uri


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` with mode 0700 when it does not exist, and each missing parent
    too (``mkdir -p`` gives the parents the umask's mode); a folder that was there keeps
    its mode (``shared/new/../sub``: ``shared`` is left as it is)."""
    missing = [folder for folder in (directory, *directory.parents) if not folder.exists()]
    try:
        for folder in reversed(missing):
            try:
                folder.mkdir(mode=0o700)
            except FileExistsError:  # made meanwhile, or a ".." that led back to one
                continue
            folder.chmod(0o700)  # whatever the umask
    except OSError as error:
        raise StorageError(f"cannot create the directory {directory}: {error.strerror}") from None


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600, whatever the umask; fail if it exists."""
    ensure_private_dir(path.parent)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise StorageError(f"cannot create {path}: {error.strerror}") from None
    os.fchmod(descriptor, 0o600)
    os.close(descriptor)


PARTIAL_BACKUP = ".backup-partial"
NOTHING = "nothing was written"


def backup_sqlite(source: Path, target: Path, *, numbered: bool = False) -> Path:
    """Copy a live SQLite database with the online backup API into a new 0600 file; where
    it went.

    The copy is written under a temporary name in the target's folder, checked (integrity,
    and each table's rows against the source's snapshot it was taken from), flushed to
    disk, and only then given its name: a copy cut short never bears it. ``numbered``
    (a name kiaro chose) takes the next free ``NAME-2``, ``NAME-3``… when the name is
    taken; else a taken name is refused. Temporary copies of processes that are gone
    are cleared first.
    """
    if target.exists() and not numbered:
        raise StorageError(f"{target} already exists; choose another file name")
    ensure_private_dir(target.parent)
    clear_partial_backups(target.parent)
    temporary = target.with_name(f".{target.name}.{os.getpid()}{PARTIAL_BACKUP}")
    temporary.unlink(missing_ok=True)
    create_private_file(temporary)
    try:
        _copy_checked(source, temporary)
        return _give_name(temporary, target, numbered)
    except sqlite3.Error as error:
        raise StorageError(f"backup failed: {error}; nothing was written") from None
    except OSError as error:
        raise StorageError(f"backup failed: {error.strerror}; nothing was written") from None
    finally:
        temporary.unlink(missing_ok=True)
        temporary.with_name(f"{temporary.name}-journal").unlink(missing_ok=True)


def _copy_checked(source: Path, temporary: Path) -> None:
    origin = sqlite3.connect(read_only_uri(source), uri=True, timeout=10, isolation_level=None)
    try:
        origin.execute("BEGIN")  # one snapshot: the copy and the counts it is checked against
        counts = _row_counts(origin)
        copy = sqlite3.connect(temporary, isolation_level=None)
        try:
            origin.backup(copy)
            if copy.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise StorageError(f"backup failed: the copy did not pass the integrity check; {NOTHING}")
            if _row_counts(copy) != counts:
                raise StorageError(f"backup failed: the copy's rows differ from the database's; {NOTHING}")
        finally:
            copy.close()
    finally:
        origin.close()
    descriptor = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    counts = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        try:
            counts[table] = connection.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
        except sqlite3.OperationalError:  # a virtual table whose module this SQLite lacks
            counts[table] = -1
    return counts


def _give_name(temporary: Path, target: Path, numbered: bool) -> Path:
    """Name the finished copy ``target`` (or the next free number) without ever replacing a file."""
    for number in range(1, 10_000):
        name = target if number == 1 else target.with_name(f"{target.stem}-{number}{target.suffix}")
        try:
            _link_without_replacing(temporary, name)
        except FileExistsError:
            if not numbered:
                raise StorageError(f"{target} already exists; choose another file name") from None
            continue
        sync_folder(target.parent)
        return name
    raise StorageError(f"{target} and its numbered names are all taken; choose another file name")


def _link_without_replacing(temporary: Path, name: Path) -> None:
    try:
        os.link(temporary, name)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if name.exists():
            raise FileExistsError(name) from None
        temporary.replace(name)


def clear_partial_backups(folder: Path) -> None:
    """Remove the temporary copies of backups whose process is gone."""
    for path in folder.glob(f".*{PARTIAL_BACKUP}*"):  # with its -journal
        pid = path.name.partition(PARTIAL_BACKUP)[0].rsplit(".", 1)[-1]
        if pid.isdigit() and not process_alive(int(pid)):
            path.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class AtomicOutput:
    """A private (0600) file written beside ``path`` and moved into place on success."""

    def __init__(self, path: str, *, binary: bool = False) -> None:
        self.path = Path(path).expanduser().absolute()
        self.temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        self.binary = binary
        self.handle: IO[Any] | None = None

    def __enter__(self) -> IO[Any]:
        if self.path.is_dir():
            raise InvalidValue(f"{self.path} is a folder; give the name of a file to write")
        try:
            descriptor = os.open(self.temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except OSError as error:
            raise InvalidValue(f"cannot write {self.path}: {error.strerror}") from None
        if self.binary:
            self.handle = os.fdopen(descriptor, "wb")
        else:
            self.handle = os.fdopen(descriptor, "w", encoding="utf-8", newline="")
        return self.handle

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        assert self.handle is not None
        self.handle.close()
        if kind is not None:
            self.temporary.unlink(missing_ok=True)
            return
        try:
            self.temporary.replace(self.path)
        except OSError as failed:  # a folder made there meanwhile, a full disk…: nothing left behind
            self.temporary.unlink(missing_ok=True)
            raise InvalidValue(f"cannot write {self.path}: {failed.strerror}") from None
