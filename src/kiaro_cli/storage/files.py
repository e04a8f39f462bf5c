"""Private files: new databases, backups and exports are 0600 in 0700 directories."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import IO, Any

from kiaro_cli.errors import InvalidValue, StorageError


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` (and parents) with mode 0700 when it does not exist."""
    if directory.exists():
        return
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        directory.chmod(0o700)
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


def backup_sqlite(source: Path, target: Path) -> None:
    """Copy a live SQLite database with the online backup API into a new 0600 file."""
    if target.exists():
        raise StorageError(f"{target} already exists; choose another file name")
    create_private_file(target)
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10) as src:
            with sqlite3.connect(target) as dst:
                src.backup(dst)
            dst.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise StorageError(f"backup failed: {error}") from None


class AtomicOutput:
    """A private (0600) file written beside ``path`` and moved into place on success."""

    def __init__(self, path: str, *, binary: bool = False) -> None:
        self.path = Path(path).expanduser().absolute()
        self.temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        self.binary = binary
        self.handle: IO[Any] | None = None

    def __enter__(self) -> IO[Any]:
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
        if kind is None:
            self.temporary.replace(self.path)
        else:
            self.temporary.unlink(missing_ok=True)
