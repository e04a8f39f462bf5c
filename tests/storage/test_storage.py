"""Storage: private files, WAL, schema versions, and both read drivers agreeing."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kiaro_cli.core import clients, contacts
from kiaro_cli.errors import StorageError
from kiaro_cli.storage import maintenance
from kiaro_cli.storage.location import Location, resolve
from kiaro_cli.storage.migrations import SCHEMA_VERSION
from kiaro_cli.storage.reader import SqlAlchemyReader, open_reader
from tests.helpers import FULL, TODAY


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000])
def test_new_database_is_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    location = Location(path=tmp_path / "new" / "dir" / "kiaro.db")
    old = os.umask(umask)
    try:
        clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    finally:
        os.umask(old)
    assert location.path is not None
    assert oct(location.path.stat().st_mode & 0o777) == oct(0o600)
    assert oct(location.path.parent.stat().st_mode & 0o777) == oct(0o700)
    assert oct((tmp_path / "new").stat().st_mode & 0o777) == oct(0o700)  # the parent made for it too
    for side in ("-wal", "-shm"):
        side_file = Path(f"{location.path}{side}")
        if side_file.exists():
            assert side_file.stat().st_mode & 0o077 == 0


def test_database_uses_wal_and_records_its_schema_version(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT max(version) FROM kiaro_schema").fetchone() == (SCHEMA_VERSION,)


def test_newer_schema_is_refused_and_left_untouched(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        connection.execute("INSERT INTO kiaro_schema VALUES (99, 'x', 'future')")
    before = location.path.read_bytes()
    with pytest.raises(StorageError, match="schema version 99, newer than this kiaro"), open_reader(location):
        pass
    assert location.path.read_bytes() == before


def test_foreign_file_is_not_treated_as_a_kiaro_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (x)")
    with pytest.raises(StorageError, match="not a kiaro database"), open_reader(Location(path=path)):
        pass


def test_both_read_drivers_return_identical_records(location: Location) -> None:
    """The stdlib path and the SQLAlchemy path run the same named queries alike."""
    from sqlalchemy import create_engine

    clients.add_client(
        location, {**FULL, "vat_rate": "21.5", "value": "1200.50"}, tags=["b", "a"], today=TODAY
    )
    clients.add_client(location, {"name": "Zed", "follow_up_on": "1w"}, full_form=False, today=TODAY)
    contacts.add_contact(location, "zed", {"name": "Zoë", "email": "zoe@zed.io"})
    flt = clients.make_filter(archived="all")
    with open_reader(location) as reader:
        stdlib = [c.to_dict() for c in clients.iter_clients(reader, flt)]
        stdlib_contacts = clients.contacts_of(reader, 2)
    engine = create_engine(location.sqlalchemy_url())
    with engine.connect() as connection:
        reader = SqlAlchemyReader(connection)
        orm = [c.to_dict() for c in clients.iter_clients(reader, flt)]
        orm_contacts = clients.contacts_of(reader, 2)
    assert stdlib == orm
    assert stdlib_contacts == orm_contacts
    assert stdlib[0]["vat_rate"] == orm[0]["vat_rate"]


def test_check_reports_a_sound_database(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    report = maintenance.check(location)
    assert report.ok and report.schema_version == SCHEMA_VERSION


def test_check_finds_broken_foreign_keys(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("INSERT INTO tag (client_id, name, key) VALUES (42, 'x', 'x')")
    report = maintenance.check(location)
    assert not report.ok and any("foreign key" in problem for problem in report.problems)


def test_backup_is_a_private_working_copy(location: Location, tmp_path: Path) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    copy = maintenance.backup(location, tmp_path / "copy.db")
    assert copy.stat().st_mode & 0o777 == 0o600
    with open_reader(Location(path=copy)) as reader:
        assert [c.name for c in clients.iter_clients(reader, clients.make_filter())] == ["Acme"]
    with pytest.raises(StorageError, match="already exists"):
        maintenance.backup(location, copy)


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_side_files_and_backups_are_private_too(tmp_path: Path, umask: int) -> None:
    from kiaro_cli.storage.maintenance import backup

    old = os.umask(umask)
    try:
        location = Location(path=tmp_path / "new" / "kiaro.db")  # made here, not a copy
        clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
        with open_reader(location):
            sides = [tmp_path / "new" / f"kiaro.db{suffix}" for suffix in ("-wal", "-shm")]
            assert all(side.exists() for side in sides)
            copy = backup(location, None)
    finally:
        os.umask(old)
    for path in [location.path, *sides, copy]:
        assert path is not None and oct(path.stat().st_mode & 0o777) == "0o600", path
    for directory in (tmp_path / "new", copy.parent):
        assert oct(directory.stat().st_mode & 0o777) == "0o700", directory


def test_a_folder_that_was_there_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    location = Location(path=shared / "nothere" / ".." / "sub" / "kiaro.db")  # ".." leads back to it
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    assert oct(shared.stat().st_mode & 0o777) == oct(0o755)
    assert oct((shared / "sub").stat().st_mode & 0o777) == oct(0o700)


def test_delete_leaves_no_trace_in_the_database_or_its_log(location: Location) -> None:
    from kiaro_cli.core.contacts import add_contact
    from kiaro_cli.core.interactions import add_interaction

    secret = "erase-me-7731@example.com"
    clients.add_client(
        location,
        {"name": "Secretive Ltd", "email": secret, "notes": f"Reach {secret}"},
        full_form=False,
        today=TODAY,
    )
    clients.add_client(location, {"name": "Stays"}, full_form=False, today=TODAY)
    add_contact(location, "secretive", {"name": "Sid", "email": secret})
    add_interaction(location, "secretive", f"Mailed {secret}", kind="email", today=TODAY)
    for city in ("Paris", "Lyon", "Nice"):
        clients.edit_client(location, "secretive", {"city": city}, today=TODAY)
    clients.delete_client(location, "secretive")
    assert location.path is not None
    for path in (location.path, location.path.with_name("kiaro.db-wal")):
        if path.exists():
            raw = path.read_bytes()
            assert b"erase-me-7731" not in raw and b"Secretive" not in raw, path
    with open_reader(location) as reader:
        assert [c.name for c in clients.iter_clients(reader, clients.make_filter())] == ["Stays"]


@pytest.mark.parametrize(
    ("option", "env", "named"), [("", None, "--db"), ("  ", None, "--db"), (None, "", "KIARO_DB")]
)
def test_an_empty_database_option_is_refused(
    monkeypatch: pytest.MonkeyPatch, option: str | None, env: str | None, named: str
) -> None:
    from kiaro_cli.errors import InvalidValue

    if env is None:
        monkeypatch.delenv("KIARO_DB")
    else:
        monkeypatch.setenv("KIARO_DB", env)
    with pytest.raises(InvalidValue, match=f"{named} is empty"):
        resolve(option)


def test_ids_are_never_given_again_after_the_newest_row_is_deleted(location: Location) -> None:
    from kiaro_cli.core import interactions, undo
    from kiaro_cli.core.imports import import_clients

    first = clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    newest = clients.add_client(location, {"name": "Beta"}, full_form=False, today=TODAY)
    second_contact = contacts.add_contact(location, "acme", {"name": "Ann"})
    extra = contacts.add_contact(location, "acme", {"name": "Bob"})
    call = interactions.add_interaction(location, "acme", "Call", today=TODAY)
    contacts.remove_contact(location, extra.id)
    clients.delete_client(location, str(newest.id))
    assert clients.add_client(location, {"name": "Gamma"}, full_form=False, today=TODAY).id == newest.id + 1
    assert contacts.add_contact(location, "acme", {"name": "Cy"}).id == extra.id + 1
    undo.undo_last(location)  # the contact Cy goes again, and its id with it
    assert contacts.add_contact(location, "acme", {"name": "Di"}).id == extra.id + 2
    later_call = interactions.add_interaction(location, "acme", "Second call", today=TODAY)
    assert later_call.id == call.id + 1
    import_clients(location, b"name\nDelta\nEpsilon\n", today=TODAY)
    undo.undo_last(location)  # the imported clients go; their ids are not handed out again
    assert clients.add_client(location, {"name": "Zeta"}, full_form=False, today=TODAY).id == newest.id + 4
    assert first.id == 1 and second_contact.id == 1
