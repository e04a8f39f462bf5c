"""Backups and restores cannot leave a bad file behind, and a restored file is checked
like typed input: no object kiaro did not create, no text a command would refuse."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiaro_cli.storage import maintenance
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.migrations import SCHEMA_VERSION
from tests.helpers import TODAY, Run, dump

FIXTURES = Path(__file__).parent.parent / "fixtures"

# Run in a child process: every SQLite connection copies one page a step, and the process
# kills itself (SIGKILL, as a power cut or kill -9) after the second step of any backup.
DIES_HALFWAY = """
import os, signal, sqlite3, sys
from pathlib import Path

connect = sqlite3.connect


class Dying(sqlite3.Connection):
    def backup(self, target, **options):
        steps = []

        def progress(status, remaining, total):
            steps.append(remaining)
            if len(steps) == 2:
                os.kill(os.getpid(), signal.SIGKILL)

        super().backup(target, pages=1, progress=progress)


def dying_connect(*args, **options):
    options.setdefault("factory", Dying)
    return connect(*args, **options)


sqlite3.connect = dying_connect
from kiaro_cli.cli.app import app

app(sys.argv[1:])
"""


def killed_halfway(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", DIES_HALFWAY, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == -9, done.stderr


def is_sound_copy(path: Path, clients: int) -> bool:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            sound = connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            return sound and bool(connection.execute("SELECT count(*) FROM client").fetchone() == (clients,))
    except sqlite3.DatabaseError:
        return False


def some_clients(kiaro: Run, count: int = 30) -> None:
    for number in range(count):
        assert kiaro("client", "quick-add", "-q", f"Client {number}").exit_code == 0


@pytest.fixture(scope="module")
def thirty_clients(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of 30 clients, made once (enough pages for a backup of many steps)."""
    from kiaro_cli.core.imports import import_clients
    from kiaro_cli.storage.engine import close_engines

    path = tmp_path_factory.mktemp("thirty") / "kiaro.db"
    names = "".join(f"Client {number}\n" for number in range(30))
    import_clients(Location(path=path), f"name\n{names}".encode(), today=TODAY)
    close_engines()  # a copy takes the whole file
    return path


@pytest.mark.slow
@pytest.mark.no_database
@pytest.mark.parametrize("command", ["backup", "backup FILE", "restore"])
def test_a_backup_killed_halfway_leaves_no_file_under_its_name(
    kiaro: Run, db_path: Path, tmp_path: Path, command: str, thirty_clients: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    shutil.copyfile(thirty_clients, db_path)
    chosen = tmp_path / "chosen" / "copy.db"
    chosen.parent.mkdir()
    source = tmp_path / "source.db"
    assert kiaro("db", "backup", str(source)).exit_code == 0
    before = dump(db_path)
    args = {
        "backup": ["db", "backup"],
        "backup FILE": ["db", "backup", str(chosen)],
        "restore": ["db", "restore", str(source), "--yes"],
    }[command]
    killed_halfway(*args)
    folder = chosen.parent if command == "backup FILE" else db_path.parent / "backups"
    named = [path for path in folder.glob("*") if not path.name.startswith(".")] if folder.exists() else []
    assert named == []  # no file under a final name, whole or not
    assert dump(db_path) == before
    assert kiaro(*args).exit_code == 0  # the next run works and clears what the killed one left
    assert [path.name for path in folder.iterdir() if path.name.startswith(".")] == []
    (written,) = folder.iterdir()
    assert is_sound_copy(written, 30)


@pytest.mark.slow
@pytest.mark.no_database
def test_an_upgrade_killed_during_its_backup_leaves_no_bak_file(db_path: Path, kiaro: Run) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as connection:
        connection.executescript((FIXTURES / "kiaro-v10.sql").read_text())
        (clients,) = connection.execute("SELECT count(*) FROM client").fetchone()
    before = dump(db_path)
    killed_halfway("client", "list")
    assert list(db_path.parent.glob("*.bak")) == []
    assert dump(db_path) == before
    assert kiaro("client", "list").exit_code == 0
    (bak,) = db_path.parent.glob("*.bak")
    assert is_sound_copy(bak, clients)
    assert [path.name for path in db_path.parent.iterdir() if "partial" in path.name] == []


def test_a_copy_that_fails_its_check_never_takes_the_name(
    location: Location, tmp_path: Path, kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiaro_cli.storage import files

    some_clients(kiaro, 2)
    counts = [{"client": 1}, {"client": 2}]  # the source's, then the copy's
    monkeypatch.setattr(files, "_row_counts", lambda connection: counts.pop(0))
    target = tmp_path / "copy.db"
    with pytest.raises(Exception, match="rows differ"):
        maintenance.backup(location, target)
    assert list(tmp_path.glob("*copy.db*")) == []


def test_two_backups_in_the_same_second_both_succeed(
    kiaro: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIARO_NOW", "2026-11-23T10:00:00+00:00")
    some_clients(kiaro, 1)
    first, second = kiaro("db", "backup"), kiaro("db", "backup")
    assert first.exit_code == 0 and second.exit_code == 0, second.stderr
    assert first.stdout != second.stdout
    archived = kiaro("db", "backup", "--with-documents"), kiaro("db", "backup", "--with-documents")
    assert all(done.exit_code == 0 for done in archived), archived[1].stderr
    source = tmp_path / "source.db"
    assert kiaro("db", "backup", str(source)).exit_code == 0
    for _ in range(2):
        restored = kiaro("db", "restore", str(source), "--yes")
        assert restored.exit_code == 0, restored.stderr
    assert len(list((db_path.parent / "backups").iterdir())) == 6


def test_a_chosen_name_that_is_taken_is_still_refused(location: Location, tmp_path: Path, kiaro: Run) -> None:
    some_clients(kiaro, 1)
    taken = tmp_path / "taken.db"
    taken.write_text("mine")
    with pytest.raises(Exception, match="already exists"):
        maintenance.backup(location, taken)
    assert taken.read_text() == "mine"


FOREIGN = {
    "trigger": "CREATE TRIGGER steal AFTER INSERT ON client BEGIN "
    "UPDATE client SET email = 'x@evil.example' WHERE id = new.id; END",
    "view": "CREATE VIEW everyone AS SELECT name, email FROM client",
    "index": "CREATE INDEX ix_mine ON client (city)",
    "table": "CREATE TABLE notes_of_mine (body TEXT)",
    "kiaro's trigger changed": "DROP TRIGGER client_search_insert; "
    "CREATE TRIGGER client_search_insert AFTER INSERT ON client BEGIN "
    "UPDATE client SET email = 'x@evil.example' WHERE id = new.id; END",
}


def backup_with(kiaro: Run, tmp_path: Path, *sql: str) -> Path:
    copy = tmp_path / "offered.db"
    assert kiaro("db", "backup", str(copy)).exit_code == 0
    with sqlite3.connect(copy) as connection:
        for statement in sql:
            connection.executescript(statement)
    connection.close()
    return copy


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_restore_refuses_a_file_with_objects_kiaro_did_not_create(
    kiaro: Run, db_path: Path, tmp_path: Path, kind: str
) -> None:
    some_clients(kiaro, 1)
    offered = backup_with(kiaro, tmp_path, FOREIGN[kind])
    before = dump(db_path)
    done = kiaro("db", "restore", str(offered), "--yes")
    assert done.exit_code == 1 and len(done.stderr.splitlines()) == 1
    name = FOREIGN[kind].rsplit("CREATE ", 1)[1].split()[1]
    assert "kiaro did not create" in done.stderr and name in done.stderr, done.stderr
    assert dump(db_path) == before
    assert not (db_path.parent / "backups").exists()  # refused before anything was written


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_every_schema_version_kiaro_wrote_restores(kiaro: Run, tmp_path: Path, version: int) -> None:
    offered = tmp_path / f"v{version}.db"
    with sqlite3.connect(offered) as connection:
        connection.executescript((FIXTURES / f"kiaro-v{version}.sql").read_text())
    connection.close()
    done = kiaro("db", "restore", str(offered), "--yes")
    assert done.exit_code == 0, done.stderr
    assert kiaro("client", "list").exit_code == 0  # upgraded on first use
    checked = kiaro("db", "check")
    assert checked.exit_code == 0, checked.stderr


def test_db_check_reports_foreign_objects_and_repair_drops_triggers_and_views(
    kiaro: Run, db_path: Path
) -> None:
    some_clients(kiaro, 1)
    with sqlite3.connect(db_path) as connection:
        connection.executescript(FOREIGN["trigger"] + ";" + FOREIGN["view"] + ";" + FOREIGN["table"])
    connection.close()
    checked = kiaro("db", "check")
    assert checked.exit_code == 1
    assert "the database has 3 problems" in checked.stderr
    for said in ("trigger steal", "view everyone", "table notes_of_mine"):
        assert f"{said} was not created by kiaro" in checked.stderr, checked.stderr
    repaired = kiaro("db", "check", "--repair")
    assert "Repaired: trigger steal dropped" in repaired.stdout
    assert "Repaired: view everyone dropped" in repaired.stdout
    assert repaired.exit_code == 1 and "the database has 1 problem" in repaired.stderr  # the table stays
    assert kiaro("client", "quick-add", "Beta").exit_code == 0
    assert "evil" not in kiaro("client", "show", "Beta").stdout  # the trigger rewrote it on insert


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("client", "name", "Acme \u202egnp.exe"),
        ("client", "city", "Paris\x1b[2J"),
        ("contact", "name", "Ann\u200bMoss"),
        ("tag", "name", "vip\nadmin"),
        ("client", "notes", "see \x1b]8;;http://evil\x07here"),
        ("interaction", "summary", "nul \x00 inside"),
        ("interaction", "summary", "Sent invoice\u202efdp.exe"),
    ],
)
def test_restore_refuses_text_that_typed_input_refuses(
    kiaro: Run, db_path: Path, tmp_path: Path, table: str, field: str, value: str
) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert kiaro("contact", "add", "acme", "--name", "Ann Moss").exit_code == 0
    assert kiaro("client", "tag", "acme", "vip").exit_code == 0
    assert kiaro("interaction", "add", "acme", "--type", "call", "--", "Called").exit_code == 0
    offered = backup_with(kiaro, tmp_path)
    with sqlite3.connect(offered) as connection:
        connection.execute(f"UPDATE {table} SET {field} = ? WHERE id = 1", (value,))
    connection.close()
    before = dump(db_path)
    done = kiaro("db", "restore", str(offered), "--yes")
    assert done.exit_code == 1, done.stdout
    assert f"{table} row 1, field {field}" in done.stderr, done.stderr
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("invoice", "number", "ACME-2026-001\u202egnp.exe"),
        ("invoice_line", "description", "Design\nand more"),
        ("payment", "method", "card\x1b[2J"),
        ("quote", "title", "Relaunch\u200b"),
        ("project", "notes", "see \x1b]8;;http://evil\x07here"),
    ],
)
def test_restore_refuses_ledger_text_that_typed_input_refuses(
    kiaro: Run, location: Location, tmp_path: Path, table: str, field: str, value: str
) -> None:
    from tests.fixtures.ledger_book import write_ledger

    write_ledger(location)
    offered = backup_with(kiaro, tmp_path)
    with sqlite3.connect(offered) as connection:
        connection.execute(f"UPDATE {table} SET {field} = ? WHERE id = 1", (value,))
    connection.close()
    done = kiaro("db", "restore", str(offered), "--yes")
    assert done.exit_code == 1, done.stdout
    assert f"{table} row 1, field {field}" in done.stderr, done.stderr


def test_restore_keeps_notes_on_several_lines(kiaro: Run, tmp_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert kiaro("client", "edit", "acme", "--notes", "first line\n\tsecond line").exit_code == 0
    offered = backup_with(kiaro, tmp_path)
    assert kiaro("db", "restore", str(offered), "--yes").exit_code == 0
