"""The undo log at the write doorway: a transaction that changes nothing records no step."""

from __future__ import annotations

import sqlite3

from kiaro_cli.core import clients
from kiaro_cli.core.undo import undo_last
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.rows import Tag
from kiaro_cli.storage.unit import write
from tests.helpers import TODAY


def steps(location: Location) -> list[str]:
    assert location.path is not None
    with sqlite3.connect(location.path) as db:
        return [row[0] for row in db.execute("SELECT DISTINCT batch FROM undo_step ORDER BY id")]


def test_a_value_set_and_set_back_in_one_write_records_no_step(location: Location) -> None:
    added = clients.add_client(location, {"name": "Acme", "city": "Utrecht"}, full_form=False, today=TODAY)
    before = steps(location)
    with write(location) as w:
        client = w.clients.get(added.id)
        client.city = "Berlin"
        w.flush()  # the change is written (and noted) before it is taken back
        client.city = "Utrecht"
    assert steps(location) == before
    undo_last(location)  # takes back the addition, the last change that changed something
    assert location.path is not None
    with sqlite3.connect(location.path) as db:
        assert db.execute("SELECT count(*) FROM client").fetchone() == (0,)


def test_a_row_added_and_removed_in_one_write_records_no_step(location: Location) -> None:
    added = clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    before = steps(location)
    with write(location) as w:
        tag = Tag(id=None, client_id=added.id, name="vip", key="vip")
        w.add(tag)
        w.flush()
        w.delete(tag)
    assert steps(location) == before


def test_a_write_that_changes_something_keeps_its_steps(location: Location) -> None:
    added = clients.add_client(location, {"name": "Acme", "city": "Utrecht"}, full_form=False, today=TODAY)
    before = steps(location)
    with write(location) as w:
        client = w.clients.get(added.id)
        client.city = "Berlin"
        w.flush()
        client.city = "Paris"
    assert len(steps(location)) == len(before) + 1
