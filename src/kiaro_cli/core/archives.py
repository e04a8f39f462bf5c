"""``export all`` and ``import all``: the whole database, documents included, in one zip
file (see :mod:`kiaro_cli.storage.archive` for what it holds)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiaro_cli.errors import KiaroError

if TYPE_CHECKING:
    from kiaro_cli.storage.archive import Manifest, Progress
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.reader import Reader


def export_all(where: Location, target: Path, progress: Progress | None = None) -> Manifest:
    """Write the database at ``where`` and its documents' files to the zip file ``target``."""
    from kiaro_cli.core.documents import folder_of
    from kiaro_cli.storage.archive import write_archive
    from kiaro_cli.storage.reader import open_reader

    with open_reader(where) as reader:
        try:
            folder: Path | None = folder_of(reader, where)
        except KiaroError:
            folder = None  # a server without a documents folder: only an error if it has documents
    return write_archive(where, target, folder, progress)


def import_all(
    source: Path, where: Location, progress: Progress | None = None, *, total_limit: int | None = None
) -> Manifest:
    """Load the archive ``source`` into the empty database at ``where``; its documents'
    files go where the loaded settings say (beside the database file by default), each
    within the loaded document size limit. Every row passes the rules typed input does
    (:mod:`kiaro_cli.core.archive_rows`); ``total_limit`` caps what the archive unpacks to."""
    from kiaro_cli.core.archive_rows import ArchiveRules
    from kiaro_cli.storage.archive_members import TOTAL_LIMIT
    from kiaro_cli.storage.archive_read import read_archive

    def destination(reader: Reader) -> tuple[Path, int]:
        from kiaro_cli.core.documents import folder_of
        from kiaro_cli.core.settings import load_settings

        return folder_of(reader, where), load_settings(reader).document_size_limit

    limit = TOTAL_LIMIT if total_limit is None else total_limit
    return read_archive(source, where, destination, ArchiveRules(), progress, limit)


@dataclass(frozen=True)
class ArchiveCounts:
    """What an archive holds, as a command reports it."""

    rows: int
    clients: int
    documents: int


def archive_counts(manifest: Manifest) -> ArchiveCounts:
    """The rows, clients and document files an archive's manifest declares."""
    rows = sum(int(table["rows"]) for table in manifest.tables.values())
    return ArchiveCounts(rows, int(manifest.tables["client"]["rows"]), len(manifest.documents))
