"""The same commands give the same results on PostgreSQL as on SQLite.

Needs a server: ``KIARO_TEST_POSTGRES_URL`` (an SQLAlchemy URL to a database the user
may create databases from). ``.ci/run`` starts a throwaway one. Each test works in a
database of its own, dropped afterwards.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kiaro_cli.cli.app import app
from kiaro_cli.storage.location import resolve
from kiaro_cli.storage.migrations import SCHEMA_VERSION
from tests.helpers import FULL_ARGS, SERVER

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)"),
]


STAMPS = ("done_at", "created_at", "updated_at", "last_activity_at", "last_followed_up_at", "at")


def normalised(value: object) -> object:
    """JSON output without what differs between two runs: when things happened, and
    the ids of history rows."""
    if isinstance(value, dict):
        # history ids: SQLite reuses the ids of deleted rows, PostgreSQL's sequences never do
        hidden = {*STAMPS, "id"} if value.get("source") == "activity" else set(STAMPS)
        return {k: ("<hidden>" if k in hidden and v else normalised(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [normalised(v) for v in value]
    return value


def scenario(database: str, tmp_path: Path) -> list[object]:
    """A working session: every kind of write, then every kind of read, as JSON or text."""
    runner = CliRunner()
    results: list[object] = []

    def run(*args: str) -> str:
        done = runner.invoke(app, ["--db", database, *args])
        assert done.exit_code == 0, (args, done.stderr, done.exception)
        return done.stdout

    def read(*args: str) -> None:
        results.append(normalised(json.loads(run(*args, "--format", "json"))))

    csv_file = tmp_path / "in.csv"
    csv_file.write_text(
        "name,email,country,tags\nNordic Forge,hi@nordic.se,Sweden,design;vip\nCafé Noir,,FR,\n"
    )
    run("client", "add", *FULL_ARGS, "--code", "BF", "--vat-rate", "15", "--value", "1200.50")
    run("client", "quick-add", "Acme Corp", "--follow-up", "2w")
    run("contact", "add", "acme", "--name", "Ann Lee", "--email", "ann@acme.com")
    run("client", "tag", "acme", "Design", "retainer")
    run("client", "edit", "acme", "--city", "Utrecht", "--notes", "Zoë's referral")
    run("client", "status", "acme", "active")
    run("followup", "done", "acme", "--next", "1m")
    run("interaction", "add", "acme", "Scope call", "--type", "call", "--next-step", "Send the proposal")
    run("interaction", "add", "acme", "Lunch", "--type", "meeting", "--on", "yesterday 12:30")
    run(
        "contact",
        "add",
        "brand",
        "--name",
        "Lerato",
        "--phone",
        "082 123 4567",
        "--email",
        "thandi@brandfactor.co.za",
    )
    bo = ["--name", "Bo Ray", "--email", "bo@acme.com", "--email", "bo@home.org", "--phone", "020 123 4567"]
    bo_id = run("contact", "add", "acme", *bo, "-q").strip()
    run(
        "contact",
        "edit",
        bo_id,
        "--add-phone",
        "06 5555 1234",
        "--label",
        "mobile",
        "--remove-email",
        "bo@acme.com",
    )
    run("settings", "set", "default-currency", "EUR")
    run("import", "clients", str(csv_file))
    run("client", "merge", "brand", "nordic", "--yes")
    run("client", "quick-add", "ACME Corporation", "--allow-duplicate")
    run("client", "merge", "acme corp", "acme corporation", "--yes")
    run("client", "quick-add", "Temporary")
    run("client", "delete", "temporary", "--yes")
    run("client", "tag", "acme", "undo-me")
    results.append(run("undo").splitlines()[1:])
    read("do", "add Zenith to my clients, based in Germany and follow up in 2 weeks", "--yes")
    read("do", "log a call with zenith: intro and tag them as vip", "--yes")
    read("do", "mark Zenith as active and follow up with them next friday", "--dry-run")
    profile_and_addresses(run, read)
    custom_fields(run, read)
    events(run, read)
    documents(run, read, tmp_path / f"documents-{'server' if '://' in database else 'file'}")
    invoices(run, read)
    rhythm(run, read)
    listings(read)
    results.append(run("followup", "draft", "acme"))
    results.append(run("export", "clients").replace("\r", "").splitlines()[0])
    results.extend(ledger(database, read))
    return results


def rhythm(run: Callable[..., str], read: Callable[..., None]) -> None:
    """Birthdays, a client's dates (over the new year too) and a cadence."""
    run("contact", "add", "acme", "--name", "Bo Tan", "--birthday", "--11-25")
    run("contact", "add", "acme", "--name", "Cy Ray", "--birthday", "2000-02-29")
    read("client", "date", "add", "acme", "Renewal", "2027-01-02")
    read("client", "date", "add", "acme", "Founded", "2011-12-30", "--yearly")
    read("followup", "set", "acme", "--every", "6w")
    run("interaction", "add", "acme", "Check-in", "--type", "call")
    for within in ("1w", "2027-01-05", "1y"):
        read("dates", "--within", within)


def listings(read: Callable[..., None]) -> None:
    """Every listing and record, searched and filtered."""
    for args in (
        ("client", "list", "--all"),
        ("client", "list", "--search", "zoe"),
        ("client", "list", "--search", "0821234567"),
        ("client", "list", "--search", "long street"),
        ("client", "list", "--tag", "design", "--sort", "follow-up"),
        ("client", "show", "acme"),
        ("client", "timeline", "acme"),
        ("followup", "list"),
        ("interaction", "list"),
        ("contact", "list", "acme"),
        ("client", "list", "--search", "655551234"),  # a contact's second phone
        ("contact", "email", "bo"),
        ("export", "contacts"),
        ("client", "duplicates"),
    ):
        read(*args)


def ledger(database: str, read: Callable[..., None]) -> list[object]:
    """A client's ledger written through the storage rows, then read by the core and exported."""
    from tests.fixtures.ledger_book import records_at, write_ledger

    where = resolve(database)
    write_ledger(where, "Ledger Studio")
    for what in ("projects", "quotes", "invoices", "payments"):
        read("export", what, "--all")
    return [normalised(record) for record in records_at(where)]


def profile_and_addresses(run: Callable[..., str], read: Callable[..., None]) -> None:
    """The company and billing profile, addresses and quiet clients, written then read."""
    run("client", "edit", "zenith", "--owner", "Sam", "--language", "German", "--timezone", "Berlin",
        "--company-size", "35", "--iban", "DE89 3704 0044 0532 0130 00", "--minimum-rate", "850",
        "--payment-terms-days", "net 14", "--internal", "yes")  # fmt: skip
    run("settings", "set", "default-payment-terms", "30")
    invoicing = ["--kind", "invoicing", "--line1", "Postfach 1", "--city", "Berlin", "--country", "DE"]
    run("client", "address", "add", "zenith", *invoicing)
    site = ["--kind", "site", "--line1", "Kai 2", "--city", "Hamburg", "--country", "DE", "--default"]
    run("client", "address", "add", "zenith", *site)
    run("client", "address", "remove", "3", "--yes")
    read("client", "show", "zenith")
    read("client", "address", "list", "zenith")
    read("client", "list", "--quiet-since", "1m", "--all")
    read("client", "list", "--search", "sam")


def custom_fields(run: Callable[..., str], read: Callable[..., None]) -> None:
    """Custom fields of each type, set, matched by --where, exported, removed and undone."""
    run("field", "add", "sector", "--type", "choice", "--choices", "Retail,Health")
    run("field", "add", "staff", "--type", "number", "--label", "Head count")
    run("field", "add", "renewal", "--type", "date")
    run("field", "add", "vip", "--type", "bool")
    run("client", "edit", "zenith", "--set", "sector=retail", "--set", "staff=1,250.5", "--set", "vip=yes")
    run("client", "edit", "acme", "--set", "staff=12", "--set", "renewal=2027-03-31", "--set", "vip=no")
    for where in ("staff>100", "staff<=12", "staff=12.0", "sector=Retail", "sector=", "sector!=retail"):
        read("client", "list", "--all", "--where", where)
    read("client", "list", "--all", "--where", "renewal<2027-06-01", "--where", "vip=no")
    read("client", "show", "zenith")
    read("field", "list")
    run("field", "remove", "vip", "--yes")
    run("undo")
    read("field", "list")
    read("export", "clients")


def events(run: Callable[..., str], read: Callable[..., None]) -> None:
    """Events of each priority: listed most urgent first, done, reopened, searched, exported."""
    run("event", "add", "zenith", "Chase the signed quote", "--kind", "quote", "--due", "2026-11-27")
    disputed = ["Invoice disputed", "--kind", "complaint", "-p", "high", "--due", "2026-11-20", "--sticky"]
    run("event", "add", "zenith", *disputed)
    run("event", "add", "acme", "Send the NDA", "-p", "critical", "--due", "today")
    run("event", "add", "acme", "Someday", "-p", "low")
    run("event", "done", "1")
    read("event", "list", "--all")
    read("event", "list", "--due-within", "0d")
    read("event", "list", "zenith", "--priority", "high")
    read("client", "list", "--search", "disputed")
    read("client", "show", "zenith")
    read("export", "events", "--all")
    run("event", "remove", "4", "--yes")
    run("undo")
    read("event", "list", "acme")


def documents(run: Callable[..., str], read: Callable[..., None], folder: Path) -> None:
    """Documents in a folder a setting names (a server database needs one), listed, searched."""
    folder.mkdir()
    run("settings", "set", "documents-folder", str(folder))
    contract = folder.parent / "contract.pdf"
    contract.write_bytes(b"%PDF a contract")
    run("doc", "add", "zenith", str(contract), "--kind", "contract")
    run("doc", "add", "acme", str(contract))
    read("doc", "list")
    read("client", "list", "--search", "contract.pdf")
    run("doc", "remove", "2", "--yes")
    read("doc", "list")


def invoices(run: Callable[..., str], read: Callable[..., None]) -> None:
    """Invoices issued and drafted, numbered, paid in part, voided, listed by status, undone."""
    run("client", "edit", "zenith", "--code", "ZEN", "--currency", "EUR", "--vat-rate", "19")
    run("invoice", "add", "zenith", "--line", "Design", "1.5", "66.67", "--line", "Hosting", "12", "15.50")
    run("invoice", "add", "acme", "--amount", "1200", "--issued", "2026-10-01", "--due", "2026-10-31")
    run("invoice", "add", "zenith", "--amount", "99.99", "--draft")
    run("invoice", "issue", "#3")
    run("invoice", "pay", "ZEN-2026-001", "--amount", "100", "--method", "card")
    run("invoice", "void", "ZEN-2026-002", "--yes")
    run("invoice", "pay", "INV-2026-001")
    run("undo")
    for status in ("partly-paid", "overdue", "void"):
        read("invoice", "list", "--status", status)
    read("invoice", "list", "zenith")
    read("invoice", "show", "ZEN-2026-001")


def test_postgres_gives_what_sqlite_gives(postgres_url: str, tmp_path: Path) -> None:
    on_sqlite = scenario(str(tmp_path / "kiaro.db"), tmp_path)
    on_postgres = scenario(postgres_url, tmp_path)
    for index, (got, expected) in enumerate(zip(on_postgres, on_sqlite, strict=True)):
        assert got == expected, index


def test_postgres_check_and_refusals(postgres_url: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["--db", postgres_url, "client", "quick-add", "Acme"]).exit_code == 0
    check = runner.invoke(app, ["--db", postgres_url, "db", "check"])
    assert check.exit_code == 0 and f"Schema version: {SCHEMA_VERSION}" in check.stdout
    refused = runner.invoke(app, ["--db", postgres_url, "followup", "set", "acme", "yesterday"])
    assert refused.exit_code == 1 and refused.stderr.startswith("Error: 'yesterday' is in the past")
    backup = runner.invoke(app, ["--db", postgres_url, "db", "backup"])
    assert backup.exit_code == 1 and "database server's own tools" in backup.stderr


def test_db_copy_to_a_server_and_back_keeps_every_row(postgres_url: str, tmp_path: Path) -> None:
    from kiaro_cli.storage.copy import copy_database
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.unit import write
    from tests.fixtures.ledger_book import records_at, write_ledger
    from tests.storage.test_copy import fill, sums

    source, server, back = (
        Location(path=tmp_path / "a.db"),
        Location(url=postgres_url),
        Location(path=tmp_path / "b.db"),
    )
    fill(source, [("Zoë Studio", False), ("Acme", True), ("O'Neil & Søn", False)])
    write_ledger(source, "Ledger Studio")
    copy_database(source, server)
    assert sums(server) == sums(source)
    copy_database(server, back)
    assert sums(back) == sums(source)
    assert records_at(server) == records_at(source) == records_at(back)
    runner = CliRunner()

    def listed(where: str) -> object:
        done = runner.invoke(app, ["--db", where, "client", "list", "--all", "--format", "json"])
        assert done.exit_code == 0, done.output
        return json.loads(done.stdout)

    assert listed(postgres_url) == listed(str(tmp_path / "a.db")) == listed(str(tmp_path / "b.db"))
    added = runner.invoke(app, ["--db", postgres_url, "client", "quick-add", "Next", "-q"])
    assert added.stdout == "6\n"  # after the ledger's client 5: the sequences came along
    with write(server) as w:
        assert w.take_number("LEDG-2026") == 2
    refused = runner.invoke(
        app, ["db", "copy", "--to", postgres_url, "--yes"], env={"KIARO_DB": str(tmp_path / "a.db")}
    )
    assert refused.exit_code == 1 and "is not empty" in refused.stderr


def test_a_read_only_role_reads_and_is_refused_writes_in_one_line(postgres_url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    runner = CliRunner()
    for args in (["client", "add", *FULL_ARGS], ["client", "quick-add", "Acme"]):
        assert runner.invoke(app, ["--db", postgres_url, *args]).exit_code == 0
    role = f"kiaro_reader_{uuid.uuid4().hex[:8]}"
    owner = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with owner.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
        connection.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"'))
    reader = make_url(postgres_url).set(username=role).render_as_string(hide_password=False)
    from kiaro_cli.storage.engine import close_engines

    try:
        for args in (["client", "list"], ["client", "show", "acme"], ["export", "clients"], ["db", "check"]):
            done = runner.invoke(app, ["--db", reader, *args])
            assert done.exit_code == 0, (args, done.output)
        before = runner.invoke(app, ["--db", postgres_url, "client", "list", "--format", "json"]).stdout
        for args in (
            ["client", "quick-add", "Beta"],
            ["client", "edit", "acme", "--city", "Paris"],
            ["undo"],
        ):
            refused = runner.invoke(app, ["--db", reader, *args])
            assert refused.exit_code == 1, (args, refused.output)
            assert refused.stderr.startswith("Error: this database user may not write to "), refused.stderr
            assert len(refused.stderr.splitlines()) == 1
        assert (
            runner.invoke(app, ["--db", postgres_url, "client", "list", "--format", "json"]).stdout == before
        )
    finally:
        close_engines()
        with owner.connect() as connection:
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE "{role}"'))
        owner.dispose()


def test_a_read_on_a_server_loads_no_sqlalchemy_unless_the_schema_must_change(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads on a server go through psycopg directly (SQLAlchemy and the schema's classes
    cost a read three quarters of a second); a schema to upgrade goes through the engine,
    which upgrades it, and the read after it is direct again."""
    from sqlalchemy import create_engine, text

    from tests.test_processes import loaded_modules

    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["--db", postgres_url, "client", "quick-add", "Acme", "--follow-up", "today"]
        ).exit_code
        == 0
    )
    monkeypatch.setenv("KIARO_DB", postgres_url)
    heavy = ("sqlalchemy", "sqlmodel")
    for read in (["client", "list"], ["client", "show", "acme"], ["followup", "due", "--format", "json"], []):
        assert loaded_modules(*read, heavy=heavy) == [], read
    engine = create_engine(postgres_url)
    with engine.begin() as connection:  # as a database of the version before this one
        connection.execute(text("DELETE FROM kiaro_schema WHERE version = :v"), {"v": SCHEMA_VERSION})
    assert loaded_modules("client", "list", heavy=heavy) == list(heavy)  # upgraded first
    with engine.connect() as connection:
        assert connection.execute(text("SELECT max(version) FROM kiaro_schema")).scalar() == SCHEMA_VERSION
    engine.dispose()
    assert loaded_modules("client", "list", heavy=heavy) == []


def test_a_read_on_a_server_sees_one_snapshot(postgres_url: str) -> None:
    """What a teammate commits while a command reads is not half seen: the read's snapshot
    holds until it ends, and the next read sees the commit."""
    from sqlalchemy import create_engine, text

    from kiaro_cli.core.clients import count_clients, make_filter
    from kiaro_cli.storage.reader import PsycopgReader, open_reader

    runner = CliRunner()
    assert runner.invoke(app, ["--db", postgres_url, "client", "quick-add", "Acme"]).exit_code == 0
    location = resolve(postgres_url)
    teammate = create_engine(postgres_url)
    with open_reader(location) as reader:
        assert isinstance(reader, PsycopgReader)
        assert count_clients(reader, make_filter()) == 1
        with teammate.begin() as connection:
            connection.execute(text("UPDATE client SET name = 'Acme Studio' WHERE name = 'Acme'"))
        assert [row["name"] for row in reader.rows("SELECT name FROM client")] == ["Acme"]  # as it began
    teammate.dispose()
    with open_reader(location) as reader:
        assert [row["name"] for row in reader.rows("SELECT name FROM client")] == ["Acme Studio"]


def test_an_unreachable_server_is_one_line() -> None:
    runner = CliRunner()
    done = runner.invoke(
        app, ["--db", "postgresql+psycopg://kiaro:secret@127.0.0.1:1/kiaro", "client", "list"]
    )
    assert done.exit_code == 1
    assert done.stderr == (
        "Error: cannot reach the database server of postgresql+psycopg://***@127.0.0.1:1/kiaro "
        "(Connection refused)\n"
    )


def test_db_check_on_a_server_finds_a_missing_index(postgres_url: str) -> None:
    from sqlalchemy import create_engine, text

    runner = CliRunner()
    assert runner.invoke(app, ["--db", postgres_url, "client", "quick-add", "Acme"]).exit_code == 0
    assert runner.invoke(app, ["--db", postgres_url, "db", "check"]).exit_code == 0
    owner = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with owner.connect() as connection:
        connection.execute(text("DROP INDEX ix_event_client"))
    owner.dispose()
    checked = runner.invoke(app, ["--db", postgres_url, "db", "check"])
    assert checked.exit_code == 1 and "schema: index ix_event_client is missing" in checked.stderr


def test_eight_writers_and_two_readers_on_a_server_lose_nothing(postgres_url: str) -> None:
    from sqlalchemy import create_engine, text

    from tests.test_safety import READER, WRITER, python, readers_beside

    runner = CliRunner()
    assert runner.invoke(app, ["--db", postgres_url, "db", "check"]).exit_code == 0  # the schema, made once
    workers, count = 8, 50
    writers = [python(WRITER, postgres_url, str(w), str(count)) for w in range(workers)]
    readers = [python(READER, postgres_url) for _ in range(2)]
    assert all(readers_beside(writers, readers))
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        names = {name for (name,) in connection.execute(text("SELECT name FROM client"))}
        cities = connection.execute(text("SELECT count(*) FROM client WHERE city IS NOT NULL")).scalar()
        calls = connection.execute(text("SELECT count(*) FROM interaction")).scalar()
    engine.dispose()
    created = {f"w{w}-{i}" for w in range(workers) for i in range(count) if i % 4 == 0 or i < 4}
    assert created <= names
    per_worker = {step: sum(1 for i in range(4, count) if i % 4 == step) for step in (1, 3)}
    assert (cities, calls) == (workers * per_worker[1], workers * per_worker[3])
    assert runner.invoke(app, ["--db", postgres_url, "db", "check"]).exit_code == 0


def test_search_on_a_server_uses_its_trigram_index_and_finds_what_sqlite_finds(
    postgres_url: str, tmp_path: Path
) -> None:
    import random

    from sqlalchemy import create_engine, text

    from kiaro_cli.core import clients
    from kiaro_cli.storage import queries
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.reader import open_reader

    pick = random.Random(20261123)
    words = [
        "Zoë",
        "Studio",
        "Müller",
        "Søn",
        "O'Neil",
        "acme",
        "Nordic",
        "Forge",
        "café",
        "ÅRHUS",
        "ß",
        "x-ray",
    ]
    server, file = Location(url=postgres_url), Location(path=tmp_path / "kiaro.db")
    for number in range(60):
        values = {"name": " ".join(pick.sample(words, 3)) + f" {number}", "city": pick.choice(words)}
        for where in (server, file):
            clients.add_client(where, values, full_form=False)
    for query in ["zoe", "STUDIO", "muller", "son", "o'neil", "cafe", "arhus", "ss", "x-r", "or", "12", "zz"]:
        found = []
        for where in (server, file):
            with open_reader(where) as reader:
                found.append([c.id for c in clients.iter_clients(reader, clients.make_filter(search=query))])
        assert found[0] == found[1], query
    # the condition client list uses, on its own: the planner may otherwise walk the name index
    sql = "SELECT c.id FROM client c WHERE c.search_text LIKE :search_0 ESCAPE '\\'"
    params = {"search_0": queries.like_pattern("nordic forge")}
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(row[0] for row in connection.execute(text("EXPLAIN " + sql), params))
    engine.dispose()
    assert "ix_client_search_trgm" in plan, plan


def test_an_archive_moves_a_file_to_a_server_and_exports_the_same_bytes(
    postgres_url: str, tmp_path: Path
) -> None:
    from kiaro_cli.core.archives import export_all, import_all
    from kiaro_cli.storage.location import Location, resolve
    from tests.storage.test_copy import fill, sums

    source, server = Location(path=tmp_path / "a.db"), resolve(postgres_url)
    fill(source, [("Zoë", False), ("O'Brien & Co", True)])
    export_all(source, tmp_path / "file.zip")
    import_all(tmp_path / "file.zip", server)
    assert sums(server) == sums(source)
    export_all(server, tmp_path / "server.zip")
    assert (tmp_path / "server.zip").read_bytes() == (tmp_path / "file.zip").read_bytes()
