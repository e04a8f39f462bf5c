"""Faults outside kiaro's control: a read-only directory or database, a full disk.

Each gives one clear line, exit 1, and leaves the database as it was. Root ignores
file modes, so when the tests run as root they make files immutable instead
(``chattr +i``), and skip, saying why, where even that is not possible.
"""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest

from kiaro_cli.storage.migrations import SCHEMA_VERSION


def kiaro(*args: str, limit_bytes: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        [sys.executable, "-m", "kiaro_cli", *args],
        capture_output=True,
        text=True,
        env=os.environ,
        preexec_fn=limit_file_size,
        check=False,
    )


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable for this user, root included; undo it afterwards."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o500 if path.is_dir() else 0o400)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("running as root where chattr +i is not available: cannot make a file read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def dump(path: Path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return list(connection.iterdump())


def one_clear_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Error: ") and len(done.stderr.splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr


@pytest.mark.slow
@pytest.mark.no_database
def test_a_read_only_data_directory(db_path: Path) -> None:
    folder = db_path.parent
    folder.mkdir(parents=True)
    with read_only(folder):
        one_clear_line(kiaro("client", "quick-add", "Acme"), "cannot create")
    assert not db_path.exists()


@pytest.mark.slow
def test_a_read_only_database_file(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    assert kiaro("db", "path").returncode == 0
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = dump(db_path)
    with read_only(db_path):
        one_clear_line(kiaro("client", "quick-add", "Beta"), "is read-only")
        one_clear_line(kiaro("client", "edit", "acme", "--city", "Paris"))
        assert "Acme" in kiaro("client", "list").stdout  # reading still works
    assert dump(db_path) == before


@pytest.mark.slow
def test_a_full_disk_during_an_import(db_path: Path, tmp_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    before = dump(db_path)
    big = tmp_path / "big.csv"
    big.write_text("name,notes\n" + "".join(f"Client {n},{'x' * 200}\n" for n in range(20_000)))
    done = kiaro("import", "clients", str(big), limit_bytes=2_000_000)
    one_clear_line(done, "nothing was saved")
    assert dump(db_path) == before
    assert kiaro("db", "check").returncode == 0


def side_files(db_path: Path) -> dict[str, int]:
    sides = (db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm"))
    return {side.name: side.stat().st_mode & 0o777 for side in sides if side.exists()}


@pytest.mark.slow
def test_a_read_only_file_made_writable_again_takes_writes(db_path: Path, tmp_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    assert side_files(db_path) == {}
    db_path.chmod(0o444)
    with read_only(db_path):
        assert "Acme" in kiaro("client", "list").stdout
        checked = kiaro("db", "check")
        assert checked.returncode == 0, checked.stderr
        assert "search index: not checked" in checked.stdout and "out of step" not in checked.stderr
        assert kiaro("db", "backup", str(tmp_path / "copy.db")).returncode == 0
    assert all(mode & 0o200 for mode in side_files(db_path).values())  # no read-only -shm left behind
    db_path.chmod(0o600)
    assert kiaro("client", "quick-add", "Beta").returncode == 0
    assert kiaro("client", "list", "-q").stdout == "1\n2\n"


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["read-only folder", "full disk"])
def test_reads_and_checks_work_where_nothing_can_be_written(db_path: Path, fault: str) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    before = dump(db_path)
    for side in (db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm")):
        side.unlink(missing_ok=True)  # as every kiaro command leaves it: none (dump's reader left them)
    limit = 1000 if fault == "full disk" else None
    with read_only(db_path.parent) if fault == "read-only folder" else nullcontext():
        listed = kiaro("client", "list", limit_bytes=limit)
        assert listed.returncode == 0 and "Acme" in listed.stdout, listed.stderr
        checked = kiaro("db", "check", limit_bytes=limit)
        assert "no kiaro schema version recorded" not in checked.stderr
        assert checked.returncode == 0, checked.stderr
        assert f"Schema version: {SCHEMA_VERSION} " in checked.stdout
    assert dump(db_path) == before
