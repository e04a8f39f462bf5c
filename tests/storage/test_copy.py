"""db copy: every table copied with its ids into an empty database, checked before commit."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.core import clients, contacts, interactions
from kiaro_cli.core.custom_fields import add_field
from kiaro_cli.core.events import add_event
from kiaro_cli.core.reach import ReachChanges
from kiaro_cli.errors import InvalidValue, StorageError
from kiaro_cli.storage.copy import copied_tables, copy_database, table_sum
from kiaro_cli.storage.engine import get_engine
from kiaro_cli.storage.location import Location
from tests.helpers import TODAY

names = st.text(alphabet="abcdéüß O'&-", min_size=1, max_size=16).map(str.strip).filter(bool)


def fill(where: Location, people: list[tuple[str, bool]]) -> None:
    """Clients, contacts, interactions, events, custom values, a deletion and undo history."""
    add_field(where, "staff", "number")
    for number, (name, archived) in enumerate(people):
        record = clients.add_client(
            where, {"name": f"{name} {number}"}, custom={"staff": str(number)}, full_form=False, today=TODAY
        )
        more = ReachChanges(add_emails=(f"ann{number}@home.org",), label="home")  # a second email
        contacts.add_contact(
            where, str(record.id), {"name": f"Ann {number}", "email": f"ann{number}@x.com"}, more=more
        )
        interactions.add_interaction(where, str(record.id), "Call", kind="call", today=TODAY)
        add_event(where, str(record.id), f"Chase {name}", priority="high", sticky=archived, today=TODAY)
        if archived:
            clients.set_archived(where, str(record.id), True)
    doomed = clients.add_client(where, {"name": "Doomed"}, full_form=False, today=TODAY)
    clients.delete_client(where, str(doomed.id))  # its id must never come back


def sums(where: Location) -> dict[str, object]:
    with get_engine(where).connect() as connection:
        return {table.name: table_sum(connection, table) for table in copied_tables()}


@settings(max_examples=8)
@given(st.lists(st.tuples(names, st.booleans()), min_size=1, max_size=5))
def test_a_copy_holds_every_row_of_every_table(tmp_path: Path, people: list[tuple[str, bool]]) -> None:
    folder = tmp_path / uuid.uuid4().hex
    source, target = Location(path=folder / "a.db"), Location(path=folder / "b.db")
    fill(source, people)
    copied = copy_database(source, target)
    assert {table.name: table for table in copied} == sums(source) == sums(target)
    assert sums(target)["contact_reach"].rows == 2 * len(people)  # type: ignore[attr-defined]
    added = clients.add_client(target, {"name": "After the copy"}, full_form=False, today=TODAY)
    assert added.id == len(people) + 2  # the deleted client's id is not given again
    with pytest.raises(StorageError, match="is not empty"):
        copy_database(source, target)


def test_a_copy_refuses_itself_and_leaves_no_file_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, target = Location(path=tmp_path / "a.db"), Location(path=tmp_path / "b.db")
    fill(source, [("Acme", False)])
    with pytest.raises(InvalidValue, match="the database itself"):
        copy_database(source, source)
    from kiaro_cli.storage import copy

    def broken(*_: object) -> None:
        raise StorageError("the disk is full; nothing was saved")

    monkeypatch.setattr(copy, "after_copy", broken)
    with pytest.raises(StorageError, match="disk is full"):
        copy_database(source, target)
    assert not (tmp_path / "b.db").exists()


def test_search_works_on_the_copy(tmp_path: Path) -> None:
    source, target = Location(path=tmp_path / "a.db"), Location(path=tmp_path / "b.db")
    fill(source, [("Zoë Studio", False)])
    copy_database(source, target)
    from kiaro_cli.storage.reader import open_reader

    with open_reader(target) as reader:
        found = list(clients.iter_clients(reader, clients.make_filter(search="zoe")))
    assert [c.name for c in found] == ["Zoë Studio 0"]


def test_a_copy_keeps_the_ledger_and_its_numbers(tmp_path: Path) -> None:
    from kiaro_cli.storage.unit import write
    from tests.fixtures.ledger_book import records_at, write_ledger

    source, target = Location(path=tmp_path / "a.db"), Location(path=tmp_path / "b.db")
    write_ledger(source)
    copy_database(source, target)
    assert records_at(target) == records_at(source) and sums(target) == sums(source)
    with write(target) as w:
        assert w.take_number("ACME-2026") == 2
