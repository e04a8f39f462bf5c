"""Every schema version's fixture (made by that version's code) upgrades with its data intact;
a failed migration leaves the database as it was; a newer one is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiaro_cli.core import clients
from kiaro_cli.storage import engine, migrations, reader
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.maintenance import check
from kiaro_cli.storage.migrations import SCHEMA_VERSION, Migration
from kiaro_cli.storage.reader import open_reader

FIXTURES = sorted(
    (Path(__file__).parent.parent / "fixtures").glob("kiaro-v*.sql"),
    key=lambda path: int(path.stem.removeprefix("kiaro-v")),
)
TABLES = ("client", "contact", "tag", "interaction", "activity", "setting")


def load(fixture: Path, target: Path) -> Path:
    with sqlite3.connect(target) as connection:
        connection.executescript(fixture.read_text())
    return target


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def test_there_is_a_fixture_for_every_version() -> None:
    assert [f.stem for f in FIXTURES] == [f"kiaro-v{m.version}" for m in migrations.MIGRATIONS]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_each_version_upgrades_with_its_data(fixture: Path, tmp_path: Path) -> None:
    path = load(fixture, tmp_path / "old.db")
    before = counts(path)
    location = Location(path=path)
    with open_reader(location) as read:
        names = sorted(c.name for c in clients.iter_clients(read, clients.make_filter(search="zo")))
    assert names == ["Zoë Studio"]
    assert counts(path) == before
    assert check(location).ok
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT max(version) FROM kiaro_schema").fetchone() == (SCHEMA_VERSION,)
    upgraded = fixture.stem != f"kiaro-v{SCHEMA_VERSION}"
    assert bool(list(tmp_path.glob("old.db.v*.bak"))) == upgraded  # a backup only when it migrated
    clients.set_status(location, "zoë", "past")  # and it takes writes


def test_a_failed_migration_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = load(FIXTURES[-1], tmp_path / "current.db")
    with sqlite3.connect(path) as connection:
        dump_before = list(connection.iterdump())

    def broken(connection: object) -> None:
        from sqlalchemy import text

        connection.execute(text("ALTER TABLE client ADD COLUMN half_done TEXT"))  # type: ignore[attr-defined]
        raise RuntimeError("the upgrade failed half-way")

    future = SCHEMA_VERSION + 1
    monkeypatch.setattr(
        migrations, "MIGRATIONS", (*migrations.MIGRATIONS, Migration(future, "broken", broken))
    )
    for module in (migrations, engine, reader):
        monkeypatch.setattr(module, "SCHEMA_VERSION", future)
    engine.close_engines()
    monkeypatch.setattr(engine, "MIGRATIONS", migrations.MIGRATIONS)
    with pytest.raises(RuntimeError, match="half-way"), open_reader(Location(path=path)):
        pass
    engine.close_engines()
    with sqlite3.connect(path) as connection:
        assert list(connection.iterdump()) == dump_before
    (backup,) = tmp_path.glob("current.db.v*.bak")
    with sqlite3.connect(backup) as connection:
        assert list(connection.iterdump()) == dump_before


def test_version_12_folds_latin_letters_plainly_in_keys_search_and_sorting(tmp_path: Path) -> None:
    path = load(FIXTURES[10], tmp_path / "old.db")  # version 11
    with sqlite3.connect(path) as connection:  # as version 11 wrote them: ł, ø and æ kept
        connection.execute(
            "UPDATE client SET name = 'Łódź  Films', name_key = 'łodz  films', "
            "search_text = 'łodz  films 1016 gv', postal_code = '1016 GV' WHERE id = 2"
        )
        connection.execute(
            "INSERT INTO tag (client_id, name, key) VALUES (2, 'Ærø', 'ærø'), (2, 'aero', 'aero')"
        )
        connection.execute("INSERT INTO tag (client_id, name, key) VALUES (1, 'Øst', 'øst')")
    location = Location(path=path)
    with open_reader(location) as read:
        listed = [c.name for c in clients.iter_clients(read, clients.make_filter())]
        assert [c.name for c in clients.iter_clients(read, clients.make_filter(search="lodz"))] == [
            "Łódź  Films"
        ]
        assert [c.name for c in clients.iter_clients(read, clients.make_filter(search="1016GV"))] == [
            "Łódź  Films"
        ]
        assert [c.name for c in clients.iter_clients(read, clients.make_filter(tags=["ost"]))] == [
            "Zoë Studio"
        ]
        assert clients.get_client(read, "lodz films").id == 2
    assert listed == ["Łódź  Films", "Zoë Studio"]
    with sqlite3.connect(path) as connection:  # a tag whose plain key another has keeps its own
        assert connection.execute("SELECT key FROM tag WHERE client_id = 2 ORDER BY id").fetchall()[-2:] == [
            ("ærø",),
            ("aero",),
        ]
    assert check(location).ok


def test_version_13_makes_every_client_there_was_a_company_and_takes_individuals(tmp_path: Path) -> None:
    path = load(FIXTURES[11], tmp_path / "old.db")  # version 12
    location = Location(path=path)
    with open_reader(location) as read:
        assert [c["kind"] for c in clients.iter_clients(read, clients.make_filter())] == [
            "company",
            "company",
        ]
    assert clients.edit_client(location, "acme", {"kind": "private person"}).client["kind"] == "individual"
    assert check(location).ok


def test_version_15_keeps_each_contacts_email_and_phone_as_its_first(tmp_path: Path) -> None:
    from kiaro_cli.core import contacts
    from kiaro_cli.core.reach import ReachChanges

    path = load(FIXTURES[13], tmp_path / "old.db")  # version 14
    location = Location(path=path)
    with open_reader(location) as read:
        zoe = contacts.list_contacts(read, "zoë")[0]
    assert [(e.value, e.label) for e in zoe.emails] == [("zoe@studio.fr", "work")]
    assert [(p.value, p.label) for p in zoe.phones] == [("+33 1 42 68 53 00", "work")]
    contacts.edit_contact(
        location, zoe.id, {}, reach=ReachChanges(add_emails=("zoe@maison.fr",), label="home")
    )
    with open_reader(location) as read:
        assert [e.value for e in contacts.get_contact(read, zoe.id).emails] == [
            "zoe@studio.fr",
            "zoe@maison.fr",
        ]
    assert check(location).ok


def test_version_18_keeps_the_drafts_there_were_as_they_are(tmp_path: Path) -> None:
    from kiaro_cli.core.invoices import add_invoice
    from kiaro_cli.core.ledger import find_invoice
    from tests.helpers import TODAY

    path = load(FIXTURES[16], tmp_path / "old.db")  # version 17, with a draft made then
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO invoice (client_id, currency, net_cents, vat_rate_bp, vat_cents, gross_cents,"
            " paid_cents, state, created_at, updated_at) VALUES (1, 'EUR', 10000, 2000, 2000, 12000, 0,"
            " 'draft', '2026-11-23T10:00:00+00:00', '2026-11-23T10:00:00+00:00')"
        )
    location = Location(path=path)
    clients.edit_client(location, "zoë", {"currency": "EUR"}, today=TODAY)
    add_invoice(location, "zoë", amount="100", draft=True, today=TODAY)  # one made by this version
    clients.edit_client(location, "zoë", {"currency": "CHF", "vat_rate": "8"}, today=TODAY)
    with open_reader(location) as read:
        kept, made = (find_invoice(read, f"#{n}", TODAY) for n in (1, 2))
    assert (kept["currency"], kept["vat_rate"], made["currency"], made["vat_rate"]) == ("EUR", 20, "CHF", 8)
    assert check(location).ok
