"""The db commands: check, path, backup, restore and copy."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import FULL_ARGS, Run


def test_db_check_of_a_damaged_file_says_the_version_cannot_be_read(kiaro: Run, db_path: Path) -> None:
    kiaro("client", "quick-add", "Acme")
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    checked = kiaro("db", "check")
    assert checked.exit_code == 1
    assert "Schema version: cannot be read" in checked.stdout and "None" not in checked.stdout


def test_db_path_check_and_backup(kiaro: Run, db_path: Path, tmp_path: Path) -> None:
    assert kiaro("db", "path").stdout == f"{db_path}\n"
    kiaro("client", "quick-add", "Acme")
    checked = kiaro("db", "check", "--format", "json")
    assert json.loads(checked.stdout)["ok"] is True
    copy = tmp_path / "copy.db"
    assert kiaro("db", "backup", str(copy)).stdout == f"Backed up to {copy}\n"
    assert kiaro("--db", str(copy), "client", "list", "-q").stdout == "1\n"
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(
            "INSERT INTO contact (client_id, name, role, is_primary, created_at)"
            " VALUES (9, 'x', 'other', 0, '2026-11-23T09:00:00+00:00')"
        )
    broken = kiaro("db", "check")
    assert broken.exit_code == 1 and broken.stderr.startswith("Error: the database has 1 problem\n")
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE contact SET created_at = 'x' WHERE client_id = 9")
    named = kiaro("db", "check").stderr.splitlines()
    assert named[-1] == "  value: contact row 1: created_at is not a date and time (ISO 8601)"
    with sqlite3.connect(db_path) as connection:
        connection.execute("INSERT INTO ledger_number (series, last) VALUES ('INV-2026', 0)")
    named = kiaro("db", "check").stderr.splitlines()  # a row is named by its key, whatever its column
    assert "  value: ledger_number row INV-2026: last is not a whole number ≥ 1" in named


def test_restore_brings_a_backup_back_and_saves_the_current_one(
    kiaro: Run, tmp_path: Path, db_path: Path
) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    copy = tmp_path / "copy.db"
    assert kiaro("db", "backup", str(copy)).exit_code == 0
    assert kiaro("client", "quick-add", "Later Co").exit_code == 0
    refused = kiaro("db", "restore", str(copy))
    assert refused.exit_code == 1 and "re-run with --yes" in refused.stderr
    done = kiaro("db", "restore", str(copy), "--yes")
    assert done.exit_code == 0 and "the previous database is saved as" in done.stdout
    assert kiaro("client", "list", "-q").stdout == "1\n"
    saved = Path(done.stdout.rsplit("saved as ", 1)[1].strip())
    assert oct(saved.stat().st_mode & 0o777) == "0o600"
    assert kiaro("--db", str(saved), "client", "list", "-q").stdout == "1\n2\n"
    assert kiaro("db", "check").exit_code == 0


@pytest.mark.parametrize("kind", ["text", "damaged", "newer", "missing", "itself"])
def test_restore_refuses_a_bad_file_and_changes_nothing(
    kiaro: Run, tmp_path: Path, db_path: Path, kind: str
) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    bad = tmp_path / "bad.db"
    if kind == "text":
        bad.write_text("name,email\n")
    elif kind in ("damaged", "newer"):
        assert kiaro("db", "backup", str(bad)).exit_code == 0
        with sqlite3.connect(bad) as connection:
            if kind == "newer":
                connection.execute("INSERT INTO kiaro_schema VALUES (99, 'x', 'future')")
        if kind == "damaged":  # a copy cut short, as an interrupted transfer leaves it
            data = bad.read_bytes()
            bad.write_bytes(data[: len(data) // 2])
    elif kind == "itself":
        bad = db_path
    with sqlite3.connect(db_path) as connection:
        before = list(connection.iterdump())
    done = kiaro("db", "restore", str(bad), "--yes")
    assert done.exit_code == 1 and done.stderr.startswith("Error: ") and len(done.stderr.splitlines()) == 1
    with sqlite3.connect(db_path) as connection:
        assert list(connection.iterdump()) == before


def test_db_copy_copies_into_an_empty_file_and_refuses_one_with_rows(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "add", *FULL_ARGS)
    kiaro("client", "quick-add", "Lead Co")
    target = tmp_path / "copy" / "kiaro.db"
    done = kiaro("db", "copy", "--to", str(target), "--yes")
    assert done.exit_code == 0, done.stderr
    assert (
        done.stdout.startswith("Copied ") and f"(2 clients) into {target}; every table checked" in done.stdout
    )
    same = kiaro("--db", str(target), "client", "list", "--format", "json").stdout
    assert same == kiaro("client", "list", "--format", "json").stdout
    again = kiaro("db", "copy", "--to", str(target), "--yes")
    assert again.exit_code == 1 and "is not empty (client" in again.stderr


def test_restore_only_reads_the_file_it_is_given(kiaro: Run, tmp_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    assert kiaro("db", "backup", str(theirs / "copy.db")).exit_code == 0
    assert kiaro("client", "quick-add", "Later Co").exit_code == 0
    assert kiaro("db", "restore", str(theirs / "copy.db"), "--yes").exit_code == 0
    assert sorted(path.name for path in theirs.iterdir()) == ["copy.db"]  # no -shm, no -wal left beside it
    assert kiaro("client", "list", "-q").stdout == "1\n"


def test_restore_keeps_where_this_machine_writes_documents(kiaro: Run, tmp_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    theirs = tmp_path / "theirs.db"
    assert kiaro("db", "backup", str(theirs)).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with sqlite3.connect(theirs) as connection:  # a file that chose where documents go
        chosen = ("documents-folder", str(elsewhere))
        connection.execute("INSERT INTO setting (key, value) VALUES (?, ?)", chosen)
    assert kiaro("db", "restore", str(theirs), "--yes").exit_code == 0
    shown = json.loads(kiaro("settings", "show", "--format", "json").stdout)
    assert shown.get("documents-folder") is None
    (tmp_path / "note.txt").write_text("hello", encoding="utf-8")
    assert kiaro("doc", "add", "acme", str(tmp_path / "note.txt")).exit_code == 0
    assert list(elsewhere.iterdir()) == []
