"""The write path's plain rows and unit of work: one schema, tracked changes, undo."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kiaro_cli.core import clients
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.row_classes import rows_module_text
from kiaro_cli.storage.rows import ROW_CLASSES, Client, Setting, Tag
from kiaro_cli.storage.unit import write
from tests.helpers import TODAY


def test_the_row_classes_are_written_from_the_schema() -> None:
    from kiaro_cli.storage import rows

    assert Path(rows.__file__).read_text(encoding="utf-8") == rows_module_text(), (
        "storage/rows.py differs from the schema: run python -m kiaro_cli.storage.row_classes"
    )


def test_every_row_class_has_the_columns_of_its_table() -> None:
    from sqlmodel import SQLModel

    for cls in ROW_CLASSES:
        table = SQLModel.metadata.tables[cls.TABLE]
        assert cls.columns() == tuple(column.name for column in table.columns)


def _steps(path: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT table_name, row_key, before FROM undo_step ORDER BY id").fetchall()


def test_one_row_once_whichever_way_it_was_loaded(tmp_path: Path) -> None:
    location = Location(path=tmp_path / "kiaro.db")
    added = clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with write(location) as w:
        first = w.clients.get(added.id)
        assert w.clients.get(added.id) is first
        assert w.clients.find(added.id) is first
        assert first.archived is False and first.internal is False  # flags, not 0 and 1


def test_only_what_changed_is_written_and_noted_with_the_row_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "kiaro.db"
    location = Location(path=path)
    added = clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with write(location) as w:
        client = w.clients.get(added.id)
        client.city = "Utrecht"
        client.name = client.name  # set to the same value: not a change
        w.add(Tag(client_id=added.id, name="Design", key="design"))
    table, key, before = _steps(path)[-2]
    assert (table, json.loads(key)) == ("client", added.id)
    assert before is not None and json.loads(before)["city"] is None
    assert _steps(path)[-1][:2] == ("tag", json.dumps(1)) and _steps(path)[-1][2] is None
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT city FROM client").fetchone() == ("Utrecht",)


def test_an_error_leaves_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "kiaro.db"
    location = Location(path=path)
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    before = _steps(path)
    with pytest.raises(RuntimeError), write(location) as w:
        w.add(Setting(key="default-currency", value="EUR"))
        w.flush()
        raise RuntimeError("stop")
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM setting").fetchone() == (0,)
    assert _steps(path) == before


def test_undo_puts_back_an_update_an_insert_and_a_deletion(tmp_path: Path) -> None:
    path = tmp_path / "kiaro.db"
    location = Location(path=path)
    added = clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with write(location) as w:
        w.add(Tag(client_id=added.id, name="Old", key="old"))
    with sqlite3.connect(path) as connection:
        original = connection.execute("SELECT * FROM client").fetchone()
    with write(location) as w:
        client: Client = w.clients.get(added.id)
        client.archived = True
        for tag in w.tags.of_client(added.id).values():
            w.delete(tag)
        w.add(Tag(client_id=added.id, name="New", key="new"))
    with write(location) as w:
        assert w.take_back(w.undo_batches()[0])
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT * FROM client").fetchone() == original
        assert connection.execute("SELECT name FROM tag").fetchall() == [("Old",)]
