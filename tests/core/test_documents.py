"""Documents: copied into the store before their rows, kept once, checked, erased when no
row keeps them, searched and merged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kiaro_cli.core import clients
from kiaro_cli.core.documents import (
    add_documents,
    clean_file_name,
    document_problems,
    folder_of,
    list_documents,
    remove_document,
)
from kiaro_cli.core.duplicates import merge_clients
from kiaro_cli.core.settings import set_setting
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage.documents import clear_leftovers, stored_path
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


@pytest.fixture
def acme(location: Location) -> Location:
    for name in ("Acme", "Beta"):
        clients.add_client(location, {"name": name}, full_form=False, today=TODAY)
    return location


def a_file(folder: Path, name: str, content: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return path


def store_of(location: Location) -> Path:
    with open_reader(location) as reader:
        return folder_of(reader, location)


def test_a_file_is_kept_by_its_sha256_privately_and_once(acme: Location, tmp_path: Path) -> None:
    contract = a_file(tmp_path / "in", "Contract 2026.pdf", b"%PDF signed")
    copy = a_file(tmp_path / "other", "copy.pdf", b"%PDF signed")
    result = add_documents(acme, "acme", [contract], kind="agreement", note="Signed at the kick-off")
    (document,) = result.added
    sha = hashlib.sha256(b"%PDF signed").hexdigest()
    assert (document.name, document.kind, document.size, document.sha256) == (
        "Contract 2026.pdf",
        "contract",
        11,
        sha,
    )
    path = stored_path(store_of(acme), sha)
    assert path.read_bytes() == b"%PDF signed"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700 and store_of(acme).stat().st_mode & 0o777 == 0o700
    assert store_of(acme) == acme.path.parent / "documents"  # type: ignore[union-attr]
    again = add_documents(acme, "acme", [copy])  # the same content, under another name
    assert again.added == () and [d.id for _, d in again.already] == [document.id]
    add_documents(acme, "beta", [copy])  # another client: a row of its own, the same file
    assert len(list(store_of(acme).rglob("*"))) == 2  # one folder, one file


def test_bad_files_are_refused_before_anything_is_copied(acme: Location, tmp_path: Path) -> None:
    good = a_file(tmp_path, "good.pdf", b"good")
    set_setting(acme, "document-size-limit", "1 KiB")
    big = a_file(tmp_path, "big.bin", b"x" * 1025)
    for files, error in (
        ([good, tmp_path / "missing.pdf"], "there is no file at"),
        ([good, tmp_path], "is a folder"),
        ([good, big], r"1\.0 KiB, over the limit of 1\.0 KiB"),
        ([], "give at least one file"),
    ):
        with pytest.raises(InvalidValue, match=error):
            add_documents(acme, "acme", files)
    assert not store_of(acme).exists() or not any(store_of(acme).rglob("*"))
    with open_reader(acme) as reader:
        assert list_documents(reader) == []
    with pytest.raises(NotFound):
        add_documents(acme, "nobody", [good])


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("a\\b\\report.pdf", "report.pdf"),
        ("  Offerte v2.pdf ", "Offerte v2.pdf"),
    ],
)
def test_names_are_kept_as_given_but_never_as_a_path(given: str, kept: str) -> None:
    assert clean_file_name(given) == kept


@pytest.mark.parametrize("given", ["..", "dir/", "a\x1bb.pdf", "\u202ecod.exe", "x" * 256])
def test_names_that_cannot_be_kept_are_refused(given: str) -> None:
    with pytest.raises(InvalidValue):
        clean_file_name(given)


def test_removing_erases_the_file_once_no_document_keeps_it(acme: Location, tmp_path: Path) -> None:
    nda = a_file(tmp_path, "nda.pdf", b"nda")
    first = add_documents(acme, "acme", [nda]).added[0]
    second = add_documents(acme, "beta", [nda]).added[0]
    path = stored_path(store_of(acme), first.sha256)
    remove_document(acme, first.id)
    assert path.exists()  # Beta still keeps it
    remove_document(acme, second.id)
    assert not path.exists() and not path.parent.exists()
    with pytest.raises(Exception, match="cannot be undone"):
        undo_last(acme)


def test_deleting_a_client_erases_its_files_unless_another_client_keeps_them(
    acme: Location, tmp_path: Path
) -> None:
    shared, own = a_file(tmp_path, "shared.pdf", b"shared"), a_file(tmp_path, "own.pdf", b"own")
    kept = add_documents(acme, "acme", [shared, own]).added
    add_documents(acme, "beta", [shared])
    clients.delete_client(acme, "acme")
    folder = store_of(acme)
    assert stored_path(folder, kept[0].sha256).exists()
    assert not stored_path(folder, kept[1].sha256).exists()


def test_check_finds_missing_and_changed_files(acme: Location, tmp_path: Path) -> None:
    one, two = a_file(tmp_path, "one.pdf", b"one"), a_file(tmp_path, "two.pdf", b"two")
    first, second = add_documents(acme, "acme", [one, two]).added
    folder = store_of(acme)
    stored_path(folder, first.sha256).unlink()
    stored_path(folder, second.sha256).write_bytes(b"changed")
    with open_reader(acme) as reader:
        assert document_problems(reader, folder) == [
            "document #2 (two.pdf of Acme): its file does not match its SHA-256",
            "document #1 (one.pdf of Acme): its file is missing",
        ]


def test_search_merge_and_undo_of_an_add(acme: Location, tmp_path: Path) -> None:
    add_documents(acme, "beta", [a_file(tmp_path, "Master Services Agreement.pdf", b"msa")])

    def found(text: str) -> list[str]:
        with open_reader(acme) as reader:
            return [c.name for c in clients.iter_clients(reader, clients.make_filter(search=text))]

    assert found("services agreement") == ["Beta"]
    merge_clients(acme, "acme", "beta")
    assert found("services agreement") == ["Acme"]
    add_documents(acme, "acme", [a_file(tmp_path, "late.pdf", b"late")])
    undo_last(acme)
    with open_reader(acme) as reader:
        assert [d.name for d in list_documents(reader, "acme")] == ["Master Services Agreement.pdf"]


def test_a_server_database_needs_a_documents_folder(tmp_path: Path) -> None:
    from kiaro_cli.storage.documents import documents_folder

    with pytest.raises(InvalidValue, match="settings set documents-folder"):
        documents_folder(Location(url="postgresql://db/kiaro"), None)
    assert documents_folder(Location(url="postgresql://db/kiaro"), str(tmp_path)) == tmp_path
    assert documents_folder(Location(path=tmp_path / "team.db"), None) == tmp_path / "team-documents"


def test_leftovers_of_gone_processes_are_cleared(tmp_path: Path) -> None:
    (tmp_path / ".incoming-999999999-0").write_bytes(b"half")
    (tmp_path / f".incoming-{__import__('os').getpid()}-0").write_bytes(b"mine, in progress")
    assert [p.name for p in clear_leftovers(tmp_path)] == [".incoming-999999999-0"]


def test_a_rows_hash_that_is_a_path_is_never_followed(acme: Location, tmp_path: Path) -> None:
    """A teammate's or a restored database may hold any text where a SHA-256 belongs: no file
    outside the store is copied out, archived or erased for it."""
    import sqlite3

    from kiaro_cli.core.archives import export_all
    from kiaro_cli.core.document_files import copy_out, stored_document
    from kiaro_cli.core.workspace import Workspace
    from kiaro_cli.errors import StorageError

    precious = a_file(tmp_path / "home", "id_rsa", b"secret")
    add_documents(acme, "acme", [a_file(tmp_path, "brief.pdf", b"brief")])
    assert acme.path is not None
    with sqlite3.connect(acme.path) as connection:
        connection.execute("UPDATE document SET sha256 = ?", (str(precious),))
    with pytest.raises(StorageError, match="not 64 hex digits"):
        copy_out(stored_document(Workspace(acme), 1), tmp_path / "out.pdf")
    with pytest.raises(StorageError, match="not 64 hex digits"):
        export_all(acme, tmp_path / "all.zip")
    with open_reader(acme) as reader:
        assert document_problems(reader, store_of(acme)) == [
            "document #1 (brief.pdf of Acme): its SHA-256 is not 64 hex digits (a path is never followed)"
        ]
    remove_document(acme, 1)
    clients.delete_client(acme, "acme")
    assert precious.read_bytes() == b"secret" and not (tmp_path / "out.pdf").exists()
    assert not (tmp_path / "all.zip").exists()
