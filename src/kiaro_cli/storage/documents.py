"""The document store: files kept beside the database, each named by its SHA-256.

A file is copied into ``.incoming-<pid>-<n>`` (0600) while it is hashed, flushed to disk,
then renamed to ``<folder>/<first two hex digits>/<sha256>``: a copy cut short never takes
a document's name, and the same content is stored once. Leftover incoming files of
processes that are gone are cleared by the next copy. Folders are 0700.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kiaro_cli.errors import InvalidValue, StorageError
from kiaro_cli.storage.files import ensure_private_dir, process_alive, sync_folder
from kiaro_cli.storage.location import Location
from kiaro_cli.words import human_size

CHUNK = 1 << 20
INCOMING = ".incoming-"
DEFAULT_NAME = "kiaro.db"
SHA256 = re.compile(r"[0-9a-f]{64}")  # a stored file's name: its content's SHA-256
_counter = itertools.count()


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    new: bool = False  # this copy put it in the store (it was not there before)


def documents_folder(location: Location, configured: str | None) -> Path:
    """Where a database's documents live: the ``documents-folder`` setting, else beside the
    database file (``documents/`` for the default ``kiaro.db``, ``<name>-documents/`` else)."""
    if configured:
        return Path(configured).expanduser().absolute()
    if location.path is None:
        raise InvalidValue(
            "documents of a database server need a folder: kiaro settings set documents-folder PATH"
        )
    name = "documents" if location.path.name == DEFAULT_NAME else f"{location.path.stem}-documents"
    return location.path.parent / name


def stored_path(folder: Path, sha256: str) -> Path:
    """Where the file of ``sha256`` is kept. The value comes from a database row, which a
    teammate or a restored file may have written: anything but 64 hex digits (a path) is
    refused, so that no file outside the store is ever read, copied or erased."""
    if not SHA256.fullmatch(sha256):
        raise StorageError(
            "a document's SHA-256 in the database is not 64 hex digits: it was changed outside kiaro"
            " (kiaro db check)"
        )
    return folder / sha256[:2] / sha256


def check_source(source: Path, limit: int) -> int:
    """The size of a file that may be added; refuses what is not a readable file within ``limit``."""
    shown = str(source)
    if not source.exists():
        raise InvalidValue(f"there is no file at {shown}")
    if source.is_dir():
        raise InvalidValue(f"{shown} is a folder; add the files in it")
    if not source.is_file():
        raise InvalidValue(f"{shown} is not a regular file")
    if not os.access(source, os.R_OK):
        raise InvalidValue(f"{shown} cannot be read (permission denied)")
    size = source.stat().st_size
    if size > limit:
        raise InvalidValue(
            f"{shown} is {human_size(size)}, over the limit of {human_size(limit)} "
            "(kiaro settings set document-size-limit SIZE)"
        )
    return size


def store_file(source: Path, folder: Path, limit: int) -> StoredFile:
    """Copy ``source`` into the store (see the module's description)."""
    ensure_private_dir(folder)
    clear_leftovers(folder)
    temporary = folder / f"{INCOMING}{os.getpid()}-{next(_counter)}"
    digest = hashlib.sha256()
    size = 0
    try:
        with source.open("rb") as reader, _private(temporary) as writer:
            while chunk := reader.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise InvalidValue(f"{source} grew over the limit of {human_size(limit)} while read")
                digest.update(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        sha256 = digest.hexdigest()
        final = stored_path(folder, sha256)
        ensure_private_dir(final.parent)
        if final.exists():
            temporary.unlink()
            return StoredFile(sha256, size)
        temporary.replace(final)
        sync_folder(final.parent)
        return StoredFile(sha256, size, new=True)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StorageError(f"cannot keep {source}: {error.strerror}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def store_stream(reader: IO[bytes], folder: Path, *, sha256: str, size: int, shown: str) -> bool:
    """Copy the ``size`` bytes of ``reader`` into the store as the file of ``sha256``, checked
    as they come (never more than ``size`` bytes are read) and placed only once they hash to
    ``sha256``. False when the store kept that file already (nothing is placed); the store's
    folders must exist."""
    final = stored_path(folder, sha256)
    temporary = folder / f"{INCOMING}{os.getpid()}-{next(_counter)}"
    digest = hashlib.sha256()
    read = 0
    try:
        with _private(temporary) as writer:
            while chunk := reader.read(min(CHUNK, size + 1 - read)):
                read += len(chunk)
                if read > size:
                    break
                digest.update(chunk)
                writer.write(chunk)
            if read != size:
                raise InvalidValue(f"{shown} holds {_more(read, size)} bytes, not the {size} it declares")
            if digest.hexdigest() != sha256:
                raise InvalidValue(f"{shown} does not match its SHA-256 (its bytes are damaged)")
            writer.flush()
            os.fsync(writer.fileno())
        if final.exists():
            temporary.unlink()
            return False
        temporary.replace(final)
        sync_folder(final.parent)
        return True
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StorageError(f"cannot keep {shown} in {folder}: {error.strerror}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _more(read: int, size: int) -> str:
    return f"more than {size}" if read > size else str(read)


def _private(path: Path) -> IO[bytes]:
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    return os.fdopen(descriptor, "wb")


def clear_leftovers(folder: Path) -> list[Path]:
    """Remove the incoming files of copies whose process is gone; return them."""
    cleared = []
    for path in folder.glob(f"{INCOMING}*"):
        pid = path.name.removeprefix(INCOMING).split("-")[0]
        if pid.isdigit() and not process_alive(int(pid)):
            path.unlink(missing_ok=True)
            cleared.append(path)
    return cleared


def erase(folder: Path, sha256: str) -> None:
    """Remove a stored file (gone already is fine), and its folder once empty. A row whose
    SHA-256 is not one names no stored file: there is nothing to remove."""
    if not SHA256.fullmatch(sha256):
        return
    path = stored_path(folder, sha256)
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # not empty: other files share it
        path.parent.rmdir()


def stored_shas(folder: Path) -> list[str]:
    """The SHA-256 of every file in the store (the files named by their content)."""
    if not folder.is_dir():
        return []
    return sorted(
        path.name
        for path in folder.glob("[0-9a-f][0-9a-f]/*")
        if len(path.name) == 64 and path.name.startswith(path.parent.name) and path.is_file()
    )


def file_problem(folder: Path, sha256: str) -> str | None:
    """Why the stored file of ``sha256`` is not what was kept (missing, or changed), or None."""
    if not SHA256.fullmatch(sha256):
        return "its SHA-256 is not 64 hex digits (a path is never followed)"
    path = stored_path(folder, sha256)
    if not path.is_file():
        return "its file is missing"
    digest = hashlib.sha256()
    with path.open("rb") as reader:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
    return None if digest.hexdigest() == sha256 else "its file does not match its SHA-256"


def copy_out(folder: Path, sha256: str, target: Path) -> None:
    """Copy a stored file to ``target`` (a new file, written whole or not at all)."""
    source = stored_path(folder, sha256)
    if not source.is_file():
        raise StorageError(f"the stored file {sha256[:12]} is missing (kiaro db check)")
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with source.open("rb") as reader, _private(partial) as writer:
            shutil.copyfileobj(reader, writer, CHUNK)
        partial.replace(target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InvalidValue(f"cannot write {target}: {error.strerror}") from None


def open_with_desktop(path: Path) -> bool:
    """Hand ``path`` to the desktop's opener (open, xdg-open); False when there is none."""
    import subprocess
    import sys

    if sys.platform == "darwin":
        opener = "open"
    elif os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        opener = "xdg-open"
    else:
        return False
    if shutil.which(opener) is None:
        return False
    subprocess.Popen(
        [opener, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return True
