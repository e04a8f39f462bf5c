"""Documents through the CLI: adding, listing, showing, copying out, removing, checks and backups."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.helpers import TODAY, Run


def seeded(kiaro: Run, tmp_path: Path) -> Path:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "contract.pdf").write_bytes(b"%PDF contract")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8" + b"x" * 3000)
    return folder


def test_add_list_show_get_and_remove(
    kiaro: Run, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for display in ("DISPLAY", "WAYLAND_DISPLAY"):  # no desktop: doc open prints the path
        monkeypatch.delenv(display, raising=False)
    monkeypatch.setenv("KIARO_NOW", f"{TODAY.isoformat()}T09:00:00+00:00")  # added on the pinned day
    folder = seeded(kiaro, tmp_path)
    added = kiaro(
        "doc", "add", "acme", str(folder / "contract.pdf"), str(folder / "photo.jpg"), "--kind", "nda"
    )
    assert added.stdout.splitlines() == [
        "Kept contract.pdf (nda, 13 bytes) for Acme as document #1",
        "Kept photo.jpg (nda, 2.9 KiB) for Acme as document #2",
    ]
    again = kiaro("doc", "add", "acme", str(folder / "contract.pdf"), "-q")
    assert again.stdout == "" and "kept for Acme already, as document #1" in again.stderr
    table = kiaro("doc", "list").stdout
    assert "photo.jpg" in table and "2.9 KiB" in table and "23 Nov" in table
    listed = json.loads(kiaro("doc", "list", "acme", "--format", "json").stdout)
    assert [(d["id"], d["name"], d["size"]) for d in listed] == [
        (2, "photo.jpg", 3002),
        (1, "contract.pdf", 13),
    ]
    shown = json.loads(kiaro("doc", "show", "1", "--format", "json").stdout)
    assert Path(shown["path"]).read_bytes() == b"%PDF contract"
    assert Path(shown["path"]).parent.parent == db_path.parent / "documents"
    assert "SHA-256" in kiaro("doc", "show", "1").stdout
    assert "Documents      2  (kiaro doc list 1)" in kiaro("client", "show", "acme").stdout
    assert kiaro("doc", "open", "1").stdout.strip() == shown["path"]  # no desktop here: the path
    target = tmp_path / "out.pdf"
    assert kiaro("doc", "get", "1", "--output", str(target)).exit_code == 0
    assert target.read_bytes() == b"%PDF contract"
    refused = kiaro("doc", "get", "1", "--output", str(target))
    assert refused.exit_code == 1 and "already exists" in refused.stderr
    assert kiaro("doc", "get", "1", "--output", str(target), "--force").exit_code == 0
    assert kiaro("client", "list", "--search", "photo", "-q").stdout == "1\n"
    assert kiaro("doc", "remove", "1").exit_code == 1  # off a terminal: --yes
    removed = kiaro("doc", "remove", "1", "--yes")
    assert removed.stdout == "Removed document #1: contract.pdf (nda, 13 bytes) of Acme\n"
    assert not Path(shown["path"]).exists()


def test_check_reports_missing_and_changed_files(kiaro: Run, tmp_path: Path) -> None:
    folder = seeded(kiaro, tmp_path)
    kiaro("doc", "add", "acme", str(folder / "contract.pdf"), str(folder / "photo.jpg"))
    assert kiaro("db", "check").exit_code == 0
    path = Path(json.loads(kiaro("doc", "show", "1", "--format", "json").stdout)["path"])
    path.write_bytes(b"tampered")
    checked = kiaro("db", "check")
    assert checked.exit_code == 1
    assert "document #1 (contract.pdf of Acme): its file does not match its SHA-256" in checked.stderr


def test_backup_says_whether_documents_are_in_it(kiaro: Run, tmp_path: Path) -> None:
    folder = seeded(kiaro, tmp_path)
    added = json.loads(kiaro("doc", "add", "acme", str(folder / "contract.pdf"), "--format", "json").stdout)
    assert added["name"] == "contract.pdf"  # one file: its object, as every add prints one
    plain = kiaro("db", "backup", str(tmp_path / "copy.db"))
    assert plain.stdout.splitlines()[1].startswith("Documents are not in it: 1 document (13 bytes) in ")
    archived = kiaro("db", "backup", "--with-documents", str(tmp_path / "all.zip"))
    assert archived.stdout == f"Backed up the database and 1 document (13 bytes) to {tmp_path / 'all.zip'}\n"
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        names = archive.namelist()
        assert names[0] == "kiaro.db" and names[1].startswith("documents/")
        assert archive.read(names[1]) == b"%PDF contract"
        archive.extractall(tmp_path / "restored")
    listed = kiaro(
        "--db", str(tmp_path / "restored" / "kiaro.db"), "doc", "get", "1", "-o", str(tmp_path / "r.pdf")
    )
    assert listed.exit_code == 0 and (tmp_path / "r.pdf").read_bytes() == b"%PDF contract"


def test_a_size_limit_setting_refuses_larger_files(kiaro: Run, tmp_path: Path) -> None:
    folder = seeded(kiaro, tmp_path)
    assert kiaro("settings", "set", "document-size-limit", "2 KiB").exit_code == 0
    refused = kiaro("doc", "add", "acme", str(folder / "contract.pdf"), str(folder / "photo.jpg"))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"Error: {folder / 'photo.jpg'} is 2.9 KiB, over the limit of 2.0 KiB "
        "(kiaro settings set document-size-limit SIZE)\n"
    )
    assert kiaro("doc", "list", "-q").stdout == ""  # nothing of the other file either
    bad = kiaro("settings", "set", "document-size-limit", "lots")
    assert bad.exit_code == 1 and "must be a size" in bad.stderr


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("../../x.sh", "x.sh"),
        ("{tmp}/x", "x"),  # an absolute path (here, in the test's own folder)
        ("..\\..\\x.bat", "x.bat"),
        ("~", "~"),  # a name, not the home folder
        ("..", "document-1"),
        ("a/.", "document-1"),
        ("", "document-1"),
        ("x\x1b[2J.pdf", "document-1"),
    ],
)
def test_doc_get_writes_only_in_this_folder_whatever_name_a_restore_brought(
    kiaro: Run, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, stored: str, written: str
) -> None:
    folder = seeded(kiaro, tmp_path)
    assert kiaro("doc", "add", "acme", str(folder / "contract.pdf")).exit_code == 0
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE document SET name = ?", (stored.replace("{tmp}", str(tmp_path)),))
    here = tmp_path / "a" / "b"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    done = kiaro("doc", "get", "1")
    assert done.exit_code == 0, done.stderr
    assert [path.name for path in here.iterdir()] == [written]
    assert (here / written).read_bytes() == b"%PDF contract"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a", "data", "in"]


def test_a_failed_add_leaves_no_file_and_check_finds_files_no_row_keeps(
    kiaro: Run, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiaro_cli.core import documents
    from kiaro_cli.errors import StorageError

    folder = seeded(kiaro, tmp_path)
    assert kiaro("doc", "add", "acme", str(folder / "photo.jpg")).exit_code == 0
    store = db_path.parent / "documents"
    kept = sorted(path for path in store.rglob("*") if path.is_file())

    def full_disk(*args: object) -> None:
        raise StorageError("the disk is full; nothing was saved")

    with monkeypatch.context() as patch:
        patch.setattr(documents, "refresh_search_text", full_disk)
        failed = kiaro("doc", "add", "acme", str(folder / "contract.pdf"), str(folder / "photo.jpg"))
    assert failed.exit_code == 1 and "nothing was saved" in failed.stderr
    assert sorted(path for path in store.rglob("*") if path.is_file()) == kept  # photo.jpg is still kept
    assert kiaro("db", "check").exit_code == 0

    stray = store / "ab" / ("ab" + "0" * 62)  # a copy whose command was killed before its commit
    stray.parent.mkdir()
    stray.write_bytes(b"left behind")
    checked = kiaro("db", "check")
    assert checked.exit_code == 1
    assert "document store: 1 file (11 bytes)" in checked.stderr and "no document keeps" in checked.stderr
    repaired = kiaro("db", "check", "--repair")
    assert "Repaired: 1 file no document kept erased" in repaired.stdout, repaired.stdout
    assert repaired.exit_code == 0, repaired.stderr
    assert not stray.exists() and all(path.exists() for path in kept)
