"""A document's stored file, for the commands that show, open or copy it out: the record
and where its content is, read in one snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiaro_cli.core.documents import DocumentRecord, folder_of, get_document
from kiaro_cli.core.workspace import Workspace
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import Reader


@dataclass(frozen=True)
class StoredDocument:
    document: DocumentRecord
    folder: Path

    @property
    def path(self) -> Path:
        """The stored copy of its content (named by its SHA-256)."""
        from kiaro_cli.storage.documents import stored_path

        return stored_path(self.folder, self.document.sha256)


def stored_document(ws: Workspace, document_id: int) -> StoredDocument:
    """The document ``document_id`` and the folder its file is kept in."""
    return ws.read(_stored, document_id, ws.location)


def _stored(reader: Reader, document_id: int, where: Location) -> StoredDocument:
    return StoredDocument(get_document(reader, document_id), folder_of(reader, where))


def open_with_desktop(path: Path) -> bool:
    """The file opened with the desktop's program for it (False: no desktop to open it)."""
    from kiaro_cli.storage.documents import open_with_desktop as run_open

    return run_open(path)


def copy_out(stored: StoredDocument, target: Path) -> None:
    """The document's content written to ``target``."""
    from kiaro_cli.storage.documents import copy_out as run_copy

    run_copy(stored.folder, stored.document.sha256, target)
