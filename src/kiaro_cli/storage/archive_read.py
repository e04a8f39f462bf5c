"""``import all``: an archive of ``export all`` loaded into an empty database, read as the
file from outside it is.

Once what the archive declares is checked (:mod:`kiaro_cli.storage.archive_members`),
rows are read a batch at a time, each cell as kiaro writes it and each row through the
core's rules; documents' files are streamed into the store, never more bytes than
declared and within the document size limit, and placed only once their bytes hash to
their name. A failure names the member (and the row and field), and leaves the target
as it was: the new database file, the files and folders placed, all removed again.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import DBAPIError

from kiaro_cli.errors import StorageError
from kiaro_cli.storage.archive import NULL, Manifest, Progress
from kiaro_cli.storage.archive_members import (
    BIGGEST,
    TOTAL_LIMIT,
    ArchiveFile,
    archive_members,
    check_size,
    match_members,
    read_manifest,
    reading,
    refused,
    shown,
    table_member,
)
from kiaro_cli.storage.copy import (
    BATCH,
    after_copy,
    carry_ids,
    copied_tables,
    count_rows,
    removed_if_failed,
    table_sum,
)
from kiaro_cli.storage.driver_errors import translate_errors
from kiaro_cli.storage.engine import get_engine
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.protocols import Reader
from kiaro_cli.storage.reader import SqlAlchemyReader
from kiaro_cli.words import counted, human_size

RowCheck = Callable[[str, dict[str, Any]], "tuple[str, str] | None"]  # table, row → (field, why)
# The documents' folder and their size limit, read from the loaded rows.
Destination = Callable[[Reader], "tuple[Path, int]"]


def read_archive(
    source: Path,
    target: Location,
    destination: Destination,
    check_row: RowCheck,
    progress: Progress | None = None,
    total_limit: int = TOTAL_LIMIT,
) -> Manifest:
    """Load the archive ``source`` into the empty database ``target`` (see the module's
    description); documents' files go to the folder ``destination`` names for the loaded
    database, within the size limit it gives."""
    with ArchiveFile(source) as archive, _undone_if_failed() as placed, removed_if_failed(target):
        members = archive_members(archive, total_limit)
        manifest = read_manifest(archive, members)
        match_members(members, manifest)
        if target.path is not None:
            placed.make_folder(target.path.parent)
        engine = get_engine(target)
        with translate_errors(target), engine.connect() as connection, connection.begin():
            tables = copied_tables()
            busy = [table.name for table in tables if count_rows(connection, table)]
            if busy:
                raise StorageError(
                    f"{target} is not empty ({', '.join(busy[:3])} hold rows); import into an empty database"
                )
            for table in tables:
                _load_table(connection, table, archive, members[table_member(table)], check_row, progress)
            for table in tables:
                carry_ids(connection, table, int(manifest.tables[table.name]["ids_given"]))
            after_copy(connection)
            for table in tables:
                _compare(connection, table, manifest.tables[table.name])
            if target.path is not None:
                _keep_documents_beside(connection)
            _restore_documents(connection, archive, members, manifest, destination, placed)
    return manifest


@dataclass
class _Placed:
    """What an import made outside the database: removed again if it fails."""

    files: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def make_folder(self, folder: Path) -> None:
        missing = []
        for path in (folder, *folder.parents):
            if path.exists():
                break
            missing.append(path)
        for path in reversed(missing):
            try:
                path.mkdir(mode=0o700)
                path.chmod(0o700)
            except OSError as error:
                raise StorageError(f"cannot create the folder {path}: {error.strerror}") from None
            self.folders.append(path)


@contextmanager
def _undone_if_failed() -> Iterator[_Placed]:
    placed = _Placed()
    try:
        yield placed
    except BaseException:
        for path in reversed(placed.files):
            path.unlink(missing_ok=True)
        for folder in reversed(placed.folders):
            with contextlib.suppress(OSError):  # something else was put there meanwhile
                folder.rmdir()
        raise


class _Counted(io.RawIOBase):
    """A member's bytes, counted as they are read."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


def _load_table(
    connection: Connection,
    table: Table,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    check_row: RowCheck,
    progress: Progress | None,
) -> None:
    member = info.filename
    number = 0  # the row being read: 0 is the header
    with reading(member), archive.open(info) as raw:
        counted_bytes = _Counted(raw)
        text = io.TextIOWrapper(io.BufferedReader(counted_bytes), encoding="utf-8", newline="")
        try:
            rows = csv.reader(text, strict=True)
            header = next(rows, [])
            if sorted(header) != sorted(column.name for column in table.columns):
                raise refused(f"{member} does not have this schema's columns")
            batch: list[dict[str, Any]] = []
            for number, cells in enumerate(rows, start=1):
                values = _row(member, number, table, header, cells)
                problem = check_row(table.name, values)
                if problem is not None:
                    raise refused(f"{member}, row {number}, {problem[0]}: {problem[1]}")
                batch.append(values)
                if len(batch) == BATCH:
                    _insert(connection, table, member, batch, number, progress)
                    batch = []
            if batch:
                _insert(connection, table, member, batch, number, progress)
        except UnicodeDecodeError:
            raise refused(f"{member}, row {number + 1}: not UTF-8 text") from None
        except csv.Error as error:
            raise refused(f"{member}, row {number + 1}: not CSV as kiaro writes it ({error})") from None
    check_size(member, info, counted_bytes.count)


def _row(member: str, number: int, table: Table, header: list[str], cells: list[str]) -> dict[str, Any]:
    if len(cells) != len(header):
        raise refused(f"{member}, row {number}: {len(cells)} cells where the header has {len(header)}")
    values = {}
    for name, cell in zip(header, cells, strict=True):
        column = table.columns[name]
        try:
            values[name] = _value(cell, _python_type(column), bool(column.nullable))
        except ValueError as error:
            raise refused(f"{member}, row {number}, {name}: {error}") from None
    return values


_INT = re.compile(r"-?[0-9]{1,19}")


def _value(text: str, kind: type, nullable: bool) -> Any:
    """A cell as :func:`kiaro_cli.storage.archive._cell` writes it, back to its value."""
    if text == NULL:
        if not nullable:
            raise ValueError("is empty, and this field may not be")
        return None
    if kind is bool:
        if text not in ("true", "false"):
            raise ValueError("is not true or false")
        return text == "true"
    if kind is int:
        if not _INT.fullmatch(text) or not -BIGGEST <= int(text) < BIGGEST:
            raise ValueError("is not a whole number")
        return int(text)
    if kind is float:
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or text != text.strip():
            raise ValueError("is not a number")
        return number
    return text[1:] if text.startswith("\\") else text


def _python_type(column: Any) -> type:
    try:
        return column.type.python_type  # type: ignore[no-any-return]
    except NotImplementedError:
        return str


def _insert(
    connection: Connection,
    table: Table,
    member: str,
    batch: list[dict[str, Any]],
    last: int,
    progress: Progress | None,
) -> None:
    try:
        connection.execute(insert(table), batch)
    except DBAPIError as error:
        first = last - len(batch) + 1
        why = shown(str(error.orig).splitlines()[0] if str(error.orig) else type(error.orig).__name__)
        raise refused(f"{member}, rows {first} to {last}: the database refuses them ({why})") from None
    if progress is not None:
        progress(table.name, last)


def _compare(connection: Connection, table: Table, expected: Mapping[str, Any]) -> None:
    found, member = table_sum(connection, table), table_member(table)
    if found.rows != expected["rows"]:
        raise refused(f"{member} holds {counted(found.rows, 'row')} and the manifest says {expected['rows']}")
    if found.checksum != expected["checksum"]:
        raise refused(f"{member} does not match its manifest's checksum (changed or damaged)")


def _restore_documents(
    connection: Connection,
    archive: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    manifest: Manifest,
    destination: Destination,
    placed: _Placed,
) -> None:
    """Stream each document's file into the store, every size checked before one is read."""
    from kiaro_cli.storage.documents import store_stream, stored_path

    sizes = _document_sizes(connection)
    for sha256 in sorted(set(sizes) - set(manifest.documents)):
        raise refused(f"a document row keeps documents/{sha256}, which the manifest does not list")
    for sha256 in sorted(set(manifest.documents) - set(sizes)):
        raise refused(f"the manifest lists documents/{sha256}, which no document row keeps")
    if not sizes:
        return
    folder, limit = destination(SqlAlchemyReader(connection))
    for sha256, size in sorted(sizes.items()):
        name, declared = f"documents/{sha256}", members[f"documents/{sha256}"].file_size
        if declared != size:
            raise refused(f"{name} declares {declared} bytes and its document row {size}")
        if size > limit:
            raise refused(
                f"{name} is {human_size(size)}, over the document size limit of {human_size(limit)}"
            )
    placed.make_folder(folder)
    for sha256, size in sorted(sizes.items()):
        name = f"documents/{sha256}"
        placed.make_folder(stored_path(folder, sha256).parent)
        with reading(name), archive.open(members[name]) as reader:
            if store_stream(reader, folder, sha256=sha256, size=size, shown=name):
                placed.files.append(stored_path(folder, sha256))


def _keep_documents_beside(connection: Connection) -> None:
    """A file database keeps an archive's documents beside itself: the archive's own
    ``documents-folder`` (a folder of another machine, or one a hostile archive chose) is
    dropped, and so are the undo steps that would set it back."""
    from kiaro_cli.storage.schema import Setting, UndoStep

    table = Setting.__table__  # type: ignore[attr-defined]
    connection.execute(table.delete().where(table.c.key == "documents-folder"))
    steps = UndoStep.__table__  # type: ignore[attr-defined]
    connection.execute(
        steps.delete().where(steps.c.table_name == "setting", steps.c.row_key == '"documents-folder"')
    )


def _document_sizes(connection: Connection) -> dict[str, int]:
    """Each file the loaded documents keep, and its size (the same for every row of it)."""
    from kiaro_cli.storage.schema import Document

    table = Document.__table__  # type: ignore[attr-defined]
    sizes: dict[str, int] = {}
    for sha256, size in connection.execute(select(table.c.sha256, table.c.size)):
        if sizes.setdefault(sha256, size) != size:
            raise refused(f"the document rows of documents/{sha256} give two sizes")
    return sizes
