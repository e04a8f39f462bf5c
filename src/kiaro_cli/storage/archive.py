"""A whole database in one zip file, to move it between machines or kiaro versions'
databases of the same schema: ``export all`` and ``import all``.

The archive holds ``manifest.json`` (the format, the schema version, and each table's
row count, checksum and highest id given), one CSV file per table (``tables/NAME.csv``,
every column of the schema, a header of column names, rows by id), and the documents'
files (``documents/SHA256``). In a cell, ``\\N`` is NULL and a value starting with a
backslash has one more; true and false are ``true`` and ``false``.

The same database gives the same bytes: rows come in id order, members in a fixed
order with a fixed date. An import (:mod:`kiaro_cli.storage.archive_read`) goes into an
empty database in one transaction and is checked table by table against the manifest
before it commits, as ``db copy`` is.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select

from kiaro_cli.csv_rows import csv_writer
from kiaro_cli.errors import StorageError
from kiaro_cli.storage.copy import BATCH, TableCopy, copied_tables, ids_given, table_sum
from kiaro_cli.storage.driver_errors import translate_errors
from kiaro_cli.storage.engine import get_engine
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.migrations import SCHEMA_VERSION

FORMAT = "kiaro-archive"
FORMAT_VERSION = 1
NULL = "\\N"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # zip members' date: the same database, the same bytes
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Manifest:
    schema_version: int
    tables: Mapping[str, Mapping[str, Any]]  # name → rows, checksum, ids_given
    documents: tuple[str, ...]  # the SHA-256 of each file kept

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "schema_version": self.schema_version,
                "tables": self.tables,
                "documents": list(self.documents),
            },
            indent=2,
        )


def write_archive(
    source: Location, target: Path, documents: Path | None, progress: Progress | None = None
) -> Manifest:
    """Write every table of ``source`` (and the files in its ``documents`` folder that its
    documents keep) to the zip file ``target``, replaced only once it is complete."""
    from kiaro_cli.storage.files import AtomicOutput

    engine = get_engine(source)
    with translate_errors(source), engine.connect() as connection:
        tables = copied_tables()
        sums = {table.name: table_sum(connection, table) for table in tables}
        kept = _document_hashes(connection)
        with AtomicOutput(str(target), binary=True) as handle, zipfile.ZipFile(handle, "w") as archive:
            manifest = Manifest(
                SCHEMA_VERSION,
                {t.name: _entry(sums[t.name], ids_given(connection, t)) for t in tables},
                tuple(kept),
            )
            _add(archive, "manifest.json", manifest.to_json().encode())
            for table in tables:
                _write_table(archive, connection, table, progress)
            for sha256 in kept:
                _add(archive, f"documents/{sha256}", _document_bytes(documents, sha256))
        connection.rollback()
    return manifest


def _entry(copy: TableCopy, given: int) -> dict[str, Any]:
    return {"rows": copy.rows, "checksum": copy.checksum, "ids_given": given}


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    archive.writestr(_member(name), data)


def _member(name: str) -> zipfile.ZipInfo:
    """A member with a fixed date and private permissions, compressed."""
    member = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o600 << 16
    return member


def _write_table(
    archive: zipfile.ZipFile, connection: Connection, table: Table, progress: Progress | None
) -> None:
    """Stream a table into its CSV member, batch by batch (memory stays flat)."""
    names = [column.name for column in table.columns]
    order = [table.c.id] if "id" in table.columns else [table.c[name] for name in names]
    result = connection.execute(select(table).order_by(*order))
    with (
        archive.open(_member(f"tables/{table.name}.csv"), "w") as raw,
        io.TextIOWrapper(raw, encoding="utf-8", newline="") as out,
    ):
        writer = csv_writer(out)
        writer.writerow(names)
        done = 0
        while batch := result.fetchmany(BATCH):
            writer.writerows([_cell(value) for value in row] for row in batch)
            done += len(batch)
            if progress is not None:
                progress(table.name, done)


def _cell(value: Any) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "\\" + value if value.startswith("\\") else value
    return repr(value) if isinstance(value, float) else str(value)


def _document_hashes(connection: Connection) -> list[str]:
    from kiaro_cli.storage.schema import Document

    table = Document.__table__  # type: ignore[attr-defined]
    return sorted({row[0] for row in connection.execute(select(table.c.sha256))})


def _document_bytes(folder: Path | None, sha256: str) -> bytes:
    from kiaro_cli.storage.documents import stored_path

    path = stored_path(folder, sha256) if folder is not None else None
    if path is None or not path.is_file():
        raise StorageError(f"the file of a document ({sha256[:12]}…) is missing; kiaro db check says more")
    return path.read_bytes()
