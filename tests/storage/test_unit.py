"""The storage object: a Database opened from a location hands out read sessions and write
units; a write finds rows through one repository a record type; readers and writes say
what their database can do (a Dialect) instead of being asked their class."""

from __future__ import annotations

import pytest

from kiaro_cli.core import clients, contacts, exports
from kiaro_cli.errors import NotFound
from kiaro_cli.storage.dialect import POSTGRESQL, SQLITE
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import SqlAlchemyReader, open_reader
from kiaro_cli.storage.rows import Contact, Tag
from kiaro_cli.storage.unit import Database, write
from tests.helpers import SERVER, TODAY


@pytest.mark.parametrize(
    ("repository", "noun"),
    [
        ("clients", "client"),
        ("contacts", "contact"),
        ("addresses", "address"),
        ("interactions", "interaction"),
        ("rates", "rate"),
        ("events", "event"),
        ("documents", "document"),
    ],
)
@pytest.mark.parametrize("key", [7, 0, -1, 2**63])
def test_a_repository_refuses_a_missing_id_in_its_own_words(
    location: Location, repository: str, noun: str, key: int
) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with write(location) as w, pytest.raises(NotFound, match=f"^no {noun} with id {key}$"):
        getattr(w, repository).get(key)


def test_repositories_see_the_writes_own_rows_and_give_the_same_object(location: Location) -> None:
    acme = clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    contacts.add_contact(location, "acme", {"name": "Ann", "email": "ann@acme.io"})
    with write(location) as w:
        ann = w.contacts.primary_of(acme.id)
        assert ann is not None and ann.name == "Ann"
        bob = Contact(client_id=acme.id, name="Bob", is_primary=False, created_at=w.at)
        w.add(bob, Tag(client_id=acme.id, name="Design", key="design"))
        assert [contact.name for contact in w.contacts.of_client(acme.id)] == ["Ann", "Bob"]
        assert w.contacts.of_client(acme.id)[1] is bob  # the row added, not a copy of it
        assert w.contacts.get(ann.id) is ann
        assert list(w.tags.of_client(acme.id)) == ["design"]
        assert [tag.client_id for tag in w.tags.with_key("design")] == [acme.id]
        assert w.interactions.with_contact(ann.id) == []
        assert w.custom_fields.with_key("po") is None
        assert w.settings.find("no such setting") is None
        assert w.clients.find(acme.id + 1) is None


def test_a_database_reads_what_its_write_committed_and_nothing_of_a_dry_run(location: Location) -> None:
    database = Database(location)
    acme = clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with database.write() as w:
        w.clients.get(acme.id).city = "Utrecht"
    with database.write(dry_run=True) as w:
        w.clients.get(acme.id).city = "Gouda"
    with database.read() as reader:
        assert clients.get_client(reader, str(acme.id)).city == "Utrecht"


def test_a_file_says_it_is_sqlite_whether_read_or_written(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with open_reader(location) as reader:
        assert reader.dialect is SQLITE
    with write(location) as w:
        assert w.reader.dialect is SQLITE and w.link.dialect is SQLITE


def test_the_csv_fast_path_gives_the_same_cells_through_either_driver_of_a_file(location: Location) -> None:
    """The fast path is chosen by what the database can do, not by which driver reads it."""
    from sqlalchemy import create_engine

    clients.add_client(
        location, {"name": "Acme: the studio", "email": "a@acme.io"}, full_form=False, today=TODAY
    )
    columns = ["id", "name", "currency", "payment_terms_days"]
    with open_reader(location) as reader:
        stdlib = exports.client_cells(reader, columns)
        assert stdlib is not None
        stdlib_rows = list(stdlib.texts)
    engine = create_engine(location.sqlalchemy_url())
    with engine.connect() as connection:
        through_sqlalchemy = exports.client_cells(SqlAlchemyReader(connection), columns)
        assert through_sqlalchemy is not None
        assert list(through_sqlalchemy.texts) == stdlib_rows
    engine.dispose()
    assert stdlib_rows[0][1].split("\x1f")[1] == "Acme: the studio"


@pytest.mark.postgres
@pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)")
def test_a_server_says_it_takes_no_sqlite_sql(postgres_url: str) -> None:
    from kiaro_cli.storage.location import resolve

    location = resolve(postgres_url)
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with open_reader(location) as reader:
        assert reader.dialect is POSTGRESQL and not reader.has_search_index
        assert exports.client_cells(reader, ["id", "name"]) is None  # the general path serves
    with write(location) as w:
        assert w.reader.dialect is POSTGRESQL
        assert w.clients.get(1).name == "Acme"
