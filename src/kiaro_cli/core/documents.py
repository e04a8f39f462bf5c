"""Documents kept with a client: contracts, proposals, NDAs, certificates, any file.

Each file is copied into the document store (see :mod:`kiaro_cli.storage.documents`)
before its row is written, so a row never names a file that is not there; the same
content is kept once however many rows name it. Removing a document, or deleting its
client, erases the file once no row keeps it; that is final, as a deletion is. An add
that fails erases the files it put in the store; ``db check`` lists files no row keeps
(left by a crash), and ``db check --repair`` erases them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiaro_cli.characters import first_unseen
from kiaro_cli.core.choices import DOCUMENT_KIND_ALIASES, DOCUMENT_KINDS, pick_choice
from kiaro_cli.core.client_rows import refresh_search_text
from kiaro_cli.core.fields import clean_text
from kiaro_cli.core.references import resolve_client
from kiaro_cli.core.settings import load_settings
from kiaro_cli.declarations import Text
from kiaro_cli.declarations.document import DOCUMENT
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage import documents as store
from kiaro_cli.storage import entry_queries
from kiaro_cli.storage.reader import Reader, by_id
from kiaro_cli.words import counted, human_size

if TYPE_CHECKING:
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.rows import Client
    from kiaro_cli.storage.unit import Target, Writer

DOCUMENT_KEYS = DOCUMENT.keys  # the JSON object of a document, in order
MAX_NAME = 255
NOTE_RULE = DOCUMENT.by_key["note"].rule
assert isinstance(NOTE_RULE, Text)
MAX_NOTE = NOTE_RULE.limit


@dataclass(frozen=True)
class DocumentRecord:
    """A document: the fields of its declaration a read gives."""

    id: int
    client_id: int
    client_name: str
    name: str
    kind: str
    note: str | None
    size: int
    sha256: str
    created_at: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> DocumentRecord:
        return cls(**{key: row[key] for key in DOCUMENT_KEYS})

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in DOCUMENT_KEYS}


@dataclass(frozen=True)
class AddResult:
    """The documents added, and the files a client already had (the same content)."""

    added: tuple[DocumentRecord, ...]
    already: tuple[tuple[str, DocumentRecord], ...]  # (file as given, the document that keeps it)


# ---------------------------------------------------------------- reading


def folder_of(reader: Reader, location: Location) -> Path:
    """The document store of the database at ``location``."""
    return store.documents_folder(location, load_settings(reader).documents_folder)


def get_document(reader: Reader, document_id: int) -> DocumentRecord:
    row = by_id(reader, entry_queries.DOCUMENT_BY_ID, document_id)
    if row is None:
        raise NotFound(f"no document with id {document_id}")
    return DocumentRecord.from_row(row)


def list_documents(reader: Reader, reference: str | None = None) -> list[DocumentRecord]:
    """One client's documents, or every current client's, the newest first."""
    client_id = resolve_client(reader, reference) if reference is not None else None
    sql, params = entry_queries.document_list(client_id)
    return [DocumentRecord.from_row(row) for row in reader.rows(sql, params)]


def document_problems(reader: Reader, folder: Path) -> list[str]:
    """Documents whose file is missing or does not match its SHA-256 (for ``db check``)."""
    problems = []
    for document in list_documents_everywhere(reader):
        problem = store.file_problem(folder, document.sha256)
        if problem:
            problems.append(f"document #{document.id} ({document.name} of {document.client_name}): {problem}")
    return problems


def unkept_files(reader: Reader, location: Location) -> tuple[Path, list[str]]:
    """The store's folder and the files in it no document keeps (a crash between the copy
    and the commit leaves one). A folder set by ``documents-folder`` may be shared with
    other databases, whose files this one cannot tell apart: none are listed there."""
    settings = load_settings(reader)
    folder = store.documents_folder(location, settings.documents_folder)
    if settings.documents_folder:
        return folder, []
    kept = {document.sha256 for document in list_documents_everywhere(reader)}
    return folder, [sha for sha in store.stored_shas(folder) if sha not in kept]


def unkept_problems(reader: Reader, location: Location) -> list[str]:
    """``db check``'s line for the files no document keeps, if any."""
    folder, unkept = unkept_files(reader, location)
    if not unkept:
        return []
    size = sum(store.stored_path(folder, sha).stat().st_size for sha in unkept)
    return [
        f"document store: {counted(len(unkept), 'file')} ({human_size(size)}) in {folder} "
        "no document keeps (kiaro db check --repair erases them)"
    ]


def erase_unkept_files(location: Location) -> list[str]:
    """Erase the files no document keeps, under the write lock (no add is half-way); say so."""
    from kiaro_cli.storage.unit import write

    with write(location) as w:
        folder, unkept = unkept_files(w.reader, location)
        for sha in unkept:
            store.erase(folder, sha)
    return [f"{counted(len(unkept), 'file')} no document kept erased from {folder}"] if unkept else []


def list_documents_everywhere(reader: Reader) -> list[DocumentRecord]:
    sql, params = entry_queries.document_list(None, include_archived=True)
    return [DocumentRecord.from_row(row) for row in reader.rows(sql, params)]


def kept_size(reader: Reader) -> tuple[int, int]:
    """How many files the store keeps for this database, and their bytes (each content once)."""
    sizes = {d.sha256: d.size for d in list_documents_everywhere(reader)}
    return len(sizes), sum(sizes.values())


# ---------------------------------------------------------------- writing


def clean_file_name(name: str) -> str:
    """A file's name as kept: its last part only (never a path), without control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if first_unseen(base):
        raise InvalidValue(f"the file name {base!r} has control characters; rename the file")
    if base in ("", ".", ".."):
        raise InvalidValue(f"'{name}' has no file name")
    if len(base) > MAX_NAME:
        raise InvalidValue(f"the file name is longer than {MAX_NAME} characters")
    return base


def file_name_out(document: DocumentRecord) -> str:
    """The name a document is copied out under: the last part of its stored name, never a
    path (a restored database may hold ``../../x.sh``); ``document-ID`` when that part is no
    file name (empty, ``.``, ``..``, too long, or with control characters)."""
    try:
        return clean_file_name(document.name)
    except InvalidValue:
        return f"document-{document.id}"


def clean_document_kind(value: str) -> str:
    picked = pick_choice(value, DOCUMENT_KINDS, DOCUMENT_KIND_ALIASES)
    if picked is None:
        raise InvalidValue(f"unknown document kind '{value.strip()}' (use {', '.join(DOCUMENT_KINDS)})")
    return picked


def add_documents(
    target: Target,
    reference: str,
    files: Sequence[Path],
    *,
    kind: str = "other",
    note: str | None = None,
) -> AddResult:
    """Keep copies of ``files`` with a client: every file is checked before any is copied,
    and all are copied before their rows are written, in one transaction."""
    if not files:
        raise InvalidValue("give at least one file")
    clean_kind = clean_document_kind(kind)
    clean_note = clean_text(note, "note", limit=MAX_NOTE) if note is not None else None
    names = [clean_file_name(path.name) for path in files]
    from kiaro_cli.storage.unit import write

    copied: list[tuple[Path, str]] = []  # the files this add put in the store
    try:
        with write(target) as w:
            return _add_documents(w, reference, files, names, clean_kind, clean_note, copied)
    except BaseException:
        for folder, sha in copied:  # no row keeps them: nothing was saved
            store.erase(folder, sha)
        raise


def _add_documents(
    w: Writer,
    reference: str,
    files: Sequence[Path],
    names: Sequence[str],
    clean_kind: str,
    clean_note: str | None,
    copied: list[tuple[Path, str]],
) -> AddResult:
    from kiaro_cli.storage.rows import Document

    client = w.clients.get(resolve_client(w.reader, reference))
    assert client.id is not None
    settings = load_settings(w.reader)
    folder = store.documents_folder(w.location, settings.documents_folder)
    for path in files:
        store.check_source(path, settings.document_size_limit)
    kept = {row.sha256: row for row in w.documents.of_client(client.id)}
    rows: list[Document] = []
    already: list[tuple[str, int]] = []
    for path, name in zip(files, names, strict=True):
        stored = store.store_file(path, folder, settings.document_size_limit)
        if stored.new:
            copied.append((folder, stored.sha256))
        if stored.sha256 in kept:
            already.append((str(path), kept[stored.sha256].id or 0))
            continue
        row = Document(
            client_id=client.id,
            name=name,
            kind=clean_kind,
            note=clean_note,
            size=stored.size,
            sha256=stored.sha256,
            created_at=w.at,
        )
        w.add(row)
        kept[stored.sha256] = row
        rows.append(row)
    w.flush()
    for row in rows:
        w.journal.log(client, "document added", f"Document added: {_said(row)}", document_id=row.id)
    if rows:
        refresh_search_text(w, client)
    return AddResult(
        tuple(get_document(w.reader, row.id or 0) for row in rows),
        tuple((given, get_document(w.reader, document_id)) for given, document_id in already),
    )


def remove_document(target: Target, document_id: int) -> DocumentRecord:
    """Remove a document; its file is erased once no other document keeps the same content.
    Final: undo does not go past it."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.documents.get(document_id)
        removed = get_document(w.reader, document_id)
        w.delete(row)
        w.flush()
        client = w.clients.get(row.client_id)
        w.journal.log(client, "document removed", f"Document removed: {_said(row)}", document_id=document_id)
        refresh_search_text(w, client)
        erase_unkept(w, [row.sha256])
        w.seal()
        return removed


def erase_unkept(w: Writer, shas: Sequence[str]) -> None:
    """Once the transaction commits, erase the files of ``shas`` that no row keeps any more."""
    unkept = [sha for sha in dict.fromkeys(shas) if not w.documents.sha256_in_use(sha)]
    if not unkept:
        return
    folder = store.documents_folder(w.location, load_settings(w.reader).documents_folder)
    w.after_commit(lambda: _erase_all(folder, unkept))


def _erase_all(folder: Path, shas: Sequence[str]) -> None:
    for sha in shas:
        store.erase(folder, sha)


def move_documents(w: Writer, keep: Client, other: Client) -> None:
    """Give KEEP the documents of OTHER it does not keep already (a merge)."""
    assert keep.id is not None and other.id is not None
    kept = {row.sha256 for row in w.documents.of_client(keep.id)}
    for row in w.documents.of_client(other.id):
        if row.sha256 in kept:
            w.delete(row)
        else:
            row.client_id = keep.id
            w.add(row)
    w.flush()


def _said(row: Any) -> str:
    return f"{row.name} ({row.kind}, {human_size(row.size)})"
