"""A large import is read a record at a time and written in batches, in one transaction:
the batches change nothing a user sees, and a bad row anywhere still leaves nothing."""

from __future__ import annotations

import csv
import io
import shutil
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.core import clients
from kiaro_cli.core.imports import import_clients
from kiaro_cli.core.imports import write as imports_write
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage import writer
from kiaro_cli.storage.engine import close_engines
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from kiaro_cli.storage.unit import write
from tests.helpers import TODAY

HEADER = ["Company", "Name", "Email", "Notes", "Tags"]


def _file(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return out.getvalue().encode()


def _stored(location: Location) -> list[tuple[object, ...]]:
    """Every client with its notes, tags and contacts, as a user would read them."""
    with open_reader(location) as reader:
        return [
            tuple(row.values())
            for row in reader.rows(
                "SELECT c.name, c.email, c.notes, c.search_text,"
                " (SELECT group_concat(t.name, ';') FROM tag t WHERE t.client_id = c.id) AS tags,"
                " (SELECT group_concat(p.name || '/' || coalesce(p.email, '') || '/' || p.is_primary, ';')"
                "  FROM contact p WHERE p.client_id = c.id) AS people "
                "FROM client c ORDER BY c.name_key"
            )
        ]


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database, made once: each example imports into a copy of it."""
    path = tmp_path_factory.mktemp("empty") / "kiaro.db"
    with write(Location(path=path)):
        pass
    close_engines()
    return path


def _import(empty_db: Path, data: bytes, **options: object) -> tuple[Location, object]:
    """Import into a fresh copy of the empty database; what the import said, or why it refused."""
    location = Location(path=empty_db.with_name(f"{uuid.uuid4().hex}.db"))
    assert location.path is not None
    shutil.copyfile(empty_db, location.path)
    try:
        said: object = import_clients(location, data, today=TODAY, **options).to_dict()  # type: ignore[arg-type]
    except InvalidValue as error:
        said = (error.message, error.details)
    return location, said


companies = st.sampled_from(["Acme", "ACME", "Blue Fin", "Cobalt", "Dune", "Echo", "Fable"])
people = st.sampled_from(["", "Ann Lee", "Bob Stone", "Cy Park"])
rows = st.lists(
    st.tuples(
        companies, people, st.sampled_from(["", "a@x.example", "b@y.example"]), st.sampled_from(["", "n1"])
    ).map(lambda r: [r[0], r[1], r[2], r[3], "vip" if r[3] else ""]),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None)
@given(rows, st.sampled_from(["error", "skip", "update"]), st.integers(1, 3))
def test_batches_of_any_size_import_what_one_batch_imports(
    empty_db: Path, file_rows: list[list[str]], on_duplicate: str, batch: int
) -> None:
    data = _file(file_rows)
    whole, said = _import(empty_db, data, on_duplicate=on_duplicate)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(imports_write, "WRITE_BATCH", batch)
        batched, said_batched = _import(empty_db, data, on_duplicate=on_duplicate)
    assert _stored(batched) == _stored(whole)
    assert said_batched == said


def test_a_person_far_down_the_file_joins_a_client_already_written(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports_write, "WRITE_BATCH", 2)
    data = _file([["Acme", "Ann Lee", "", "", ""], ["Blue", "", "", "", ""], ["Cobalt", "", "", "", ""]])
    data += b"Dune,,,,\nAcme,Bob Stone,bob@acme.example,call Tuesdays,\n"
    result = import_clients(location, data, today=TODAY)
    assert (result.plan.added, result.contacts_added) == (4, 2)
    acme = next(row for row in _stored(location) if row[0] == "Acme")
    assert acme[2] == "Bob Stone: call Tuesdays"
    assert acme[5] == "Ann Lee//1;Bob Stone/bob@acme.example/0"


def test_a_bad_row_after_written_batches_leaves_nothing(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports_write, "WRITE_BATCH", 2)
    good = [[f"Client {n}", "", f"c{n}@x.example", "", ""] for n in range(7)]
    data = _file([*good, ["Bad", "", "not an email", "", ""]])
    with pytest.raises(InvalidValue, match="1 of 8 rows is invalid; nothing was imported") as raised:
        import_clients(location, data, today=TODAY)
    assert raised.value.details == [
        "line 9: invalid email 'not an email': An email address must have an @-sign."
    ]
    assert _stored(location) == []


def test_a_batched_import_is_taken_back_whole(location: Location, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports_write, "WRITE_BATCH", 2)
    import_clients(location, _file([[f"Client {n}", f"P {n}", "", "", "t"] for n in range(5)]), today=TODAY)
    assert len(_stored(location)) == 5
    undo_last(location)
    assert _stored(location) == []


def _client_indexes(location: Location) -> list[tuple[object, ...]]:
    with open_reader(location) as reader:
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'client' ORDER BY name"
        )
        return [tuple(row.values()) for row in reader.rows(query)]


def test_a_large_import_builds_the_client_indexes_again_and_a_refused_one_keeps_them(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "PAUSE_INDEXES_FROM", 3)
    with write(location):
        pass
    indexes = _client_indexes(location)
    assert len(indexes) >= 9
    with pytest.raises(InvalidValue):
        import_clients(
            location, _file([["A", "", "", "", ""], ["B", "", "bad", "", ""], ["C", "", "", "", ""]])
        )
    assert _client_indexes(location) == indexes
    import_clients(location, _file([[f"Client {n}", "", "", "", ""] for n in range(5)]), today=TODAY)
    assert _client_indexes(location) == indexes
    with open_reader(location) as reader:
        found = list(
            reader.rows("SELECT name FROM client INDEXED BY ix_client_name_key WHERE name_key = 'client 3'")
        )
    assert found == [{"name": "Client 3"}]


def test_import_keeps_stamps_and_follow_ups_in_the_past(location: Location) -> None:
    text = (
        "name,follow_up_on,created_at,updated_at,last_followed_up_at,archived,value\n"
        "Old Co,2020-01-01,2020-01-01T10:00:00+00:00,2021-02-03T04:05:06,2020-06-01T00:00:00Z,true,1500.50\n"
    )
    import_clients(location, text.encode(), today=TODAY)
    with open_reader(location) as reader:
        old = clients.get_client(reader, "old co")
    assert old.follow_up_on == "2020-01-01" and old.archived and old.value == Decimal("1500.5")
    assert (old.created_at, old.updated_at) == ("2020-01-01T10:00:00+00:00", "2021-02-03T04:05:06+00:00")
    assert old.last_followed_up_at == "2020-06-01T00:00:00+00:00"
    assert date.fromisoformat(old.follow_up_on) < TODAY
