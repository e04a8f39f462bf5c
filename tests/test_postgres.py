"""The same commands give the same results on PostgreSQL as on SQLite.

Needs a server: ``KIARO_TEST_POSTGRES_URL`` (an SQLAlchemy URL to a database the user
may create databases from). ``.ci/run`` starts a throwaway one. Each test works in a
database of its own, dropped afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kiaro_cli.cli.app import app
from kiaro_cli.storage.migrations import LISTING_INDEXES, SCHEMA_VERSION
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
    read("client", "list", "--all")
    read("client", "list", "--search", "zoe")
    read("client", "list", "--search", "0821234567")
    read("client", "list", "--search", "long street")
    read("client", "list", "--tag", "design", "--sort", "follow-up")
    read("client", "show", "acme")
    read("client", "timeline", "acme")
    read("followup", "list")
    read("interaction", "list")
    read("contact", "list", "acme")
    read("client", "duplicates")
    results.append(run("followup", "draft", "acme"))
    results.append(run("export", "clients").replace("\r", "").splitlines()[0])
    return results


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
    from tests.storage.test_copy import fill, sums

    source, server, back = (
        Location(path=tmp_path / "a.db"),
        Location(url=postgres_url),
        Location(path=tmp_path / "b.db"),
    )
    fill(source, [("Zoë Studio", False), ("Acme", True), ("O'Neil & Søn", False)])
    copy_database(source, server)
    assert sums(server) == sums(source)
    copy_database(server, back)
    assert sums(back) == sums(source)
    runner = CliRunner()

    def listed(where: str) -> object:
        done = runner.invoke(app, ["--db", where, "client", "list", "--all", "--format", "json"])
        assert done.exit_code == 0, done.output
        return json.loads(done.stdout)

    assert listed(postgres_url) == listed(str(tmp_path / "a.db")) == listed(str(tmp_path / "b.db"))
    added = runner.invoke(app, ["--db", postgres_url, "client", "quick-add", "Next", "-q"])
    assert added.stdout == "5\n"  # after the deleted client's id 4: the sequences came along
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

    from tests.test_safety import READER, WRITER, python

    runner = CliRunner()
    assert runner.invoke(app, ["--db", postgres_url, "db", "check"]).exit_code == 0  # the schema, made once
    workers, count = 8, 50
    writers = [python(WRITER, postgres_url, str(w), str(count)) for w in range(workers)]
    readers = [python(READER, postgres_url, "6") for _ in range(2)]
    for process in writers + readers:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "Traceback" not in err
        if process in readers:
            assert int(out) > 0
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


PROFILE_COLUMNS = (
    "owner", "language", "timezone", "registration_number", "reference", "company_size", "annual_revenue",
    "linkedin", "tax_id", "internal", "payment_terms_days", "invoice_email", "iban", "bic", "debtor_id",
    "minimum_rate_cents", "invoice_tolerance_cents", "financial_note",
)  # fmt: skip
# What each schema version added, taken away again to make a server database of the
# version before it (the SQLite fixtures cannot be loaded into PostgreSQL as they are).
ADDED_BY = {
    13: ["ALTER TABLE client DROP COLUMN kind"],
    11: [
        *(f"DROP INDEX {name}" for name in LISTING_INDEXES),
        "CREATE INDEX ix_client_archived ON client (archived)",
    ],
    10: ["DROP INDEX ix_client_search_trgm"],
    9: ["ALTER TABLE activity DROP COLUMN made_by"],
    8: ["DROP TABLE document"],
    7: ["DROP TABLE event"],
    6: ["DROP TABLE custom_value", "DROP TABLE custom_field"],
    5: ["DROP TABLE rate", "DROP TABLE address"],
    4: [f"ALTER TABLE client DROP COLUMN {column}" for column in PROFILE_COLUMNS],
}


@pytest.mark.parametrize("version", range(3, SCHEMA_VERSION))
def test_a_server_database_of_an_earlier_version_is_upgraded(postgres_url: str, version: int) -> None:
    import subprocess
    import sys

    from sqlalchemy import create_engine, text

    runner = CliRunner()
    for args in (["client", "add", *FULL_ARGS], ["client", "quick-add", "Acme", "--follow-up", "1w"]):
        assert runner.invoke(app, ["--db", postgres_url, *args]).exit_code == 0
    from kiaro_cli.storage.engine import close_engines

    close_engines()
    owner = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with owner.connect() as connection:
        for newer in sorted(ADDED_BY, reverse=True):
            if newer > version:
                for statement in ADDED_BY[newer]:
                    connection.execute(text(statement))
        connection.execute(text("DELETE FROM kiaro_schema WHERE version > :v"), {"v": version})
    owner.dispose()
    # two processes open it at once: one upgrades, the other waits and finds it done
    opened = [
        subprocess.Popen(
            [sys.executable, "-m", "kiaro_cli", "--db", postgres_url, "client", "list", "-q"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for process in opened:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert out.split() == ["2", "1"]
    checked = runner.invoke(app, ["--db", postgres_url, "db", "check"])
    assert checked.exit_code == 0, checked.output
    assert f"Schema version: {SCHEMA_VERSION}" in checked.stdout


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


class OwnServer:
    """A throwaway PostgreSQL server of this test's own, which it may stop and start; it
    listens on a Unix socket in its folder and on a free port of 127.0.0.1."""

    def __init__(self, folder: Path, binaries: Path) -> None:
        self.folder, self.binaries = folder, binaries
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"postgresql+psycopg://postgres@/postgres?host={folder}&port={self.port}"

    def run(self, program: str, *args: str) -> None:
        command = [str(self.binaries / program), *args]
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        subprocess.run([*as_postgres, *command], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        data = str(self.folder / "data")
        self.run("pg_ctl", "-D", data, "-l", str(self.folder / "log"), "-w", "-o", options, "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")

    def require_password(self, role: str, password: str) -> None:
        """Make ``role`` log in over TCP with a password only (everyone else is trusted)."""
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'"))
            connection.execute(text(f"GRANT ALL ON SCHEMA public TO {role}"))
        hba = self.folder / "data" / "pg_hba.conf"
        rule = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
        hba.write_text(rule + hba.read_text())
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-w", "reload")
        with engine.connect() as connection:  # the reload is done once the server reads the rule
            connection.execute(text("SELECT pg_reload_conf()"))
        engine.dispose()


@pytest.fixture
def own_server() -> Iterator[OwnServer]:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if not found:
        pytest.skip("no PostgreSQL server binaries (.ci/run installs them)")
    folder = Path(tempfile.mkdtemp(prefix="kiaro-pg-"))  # not under pytest's 0700 tmp root
    if os.getuid() == 0:
        shutil.chown(folder, "postgres")
    server = OwnServer(folder, found[-1].parent)
    try:
        server.run("initdb", "-D", str(folder / "data"), "-A", "trust", "-U", "postgres")
        server.start()
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Poll ``condition`` until it holds (a generous limit, so a slow machine only waits longer)."""
    deadline = time.monotonic() + 120
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting until {what}"
        time.sleep(0.05)


def test_a_server_that_stops_mid_command_is_one_line_and_no_partial_write(own_server: OwnServer) -> None:
    from sqlalchemy import create_engine, text

    runner = CliRunner()
    assert runner.invoke(app, ["--db", own_server.url, "db", "check"]).exit_code == 0
    from kiaro_cli.storage.engine import close_engines

    close_engines()
    # The undo log is written last in a write transaction: holding its table makes the
    # command stop there, with the client and its history row written but not committed.
    holder = create_engine(own_server.url).connect()
    holder.execute(text("LOCK TABLE undo_step IN ACCESS EXCLUSIVE MODE"))
    command = [sys.executable, "-m", "kiaro_cli", "--db", own_server.url, "client", "quick-add", "Acme"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watcher = create_engine(own_server.url, isolation_level="AUTOCOMMIT")

    def client_written_and_waiting() -> bool:
        assert process.poll() is None, process.communicate()
        with watcher.connect() as connection:
            return bool(
                connection.execute(
                    text(
                        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                        "WHERE c.relname = 'client' AND l.mode = 'RowExclusiveLock' AND l.pid IN "
                        "(SELECT pid FROM pg_locks WHERE NOT granted)"
                    )
                ).scalar()
            )

    wait_until(client_written_and_waiting, "the command has written a client and waits")
    watcher.dispose()
    own_server.stop()
    out, err = process.communicate(timeout=120)
    holder.invalidate()
    assert (process.returncode, out) == (1, "")
    assert err.startswith("Error: the database server of postgresql+psycopg://***@/postgres")
    assert err.endswith("went away in the middle of the command; nothing was saved\n")
    assert len(err.splitlines()) == 1

    own_server.start()
    after = create_engine(own_server.url)
    with after.connect() as connection:
        counts = [connection.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES_WRITTEN]
    after.dispose()
    assert counts == [0, 0, 0]
    assert runner.invoke(app, ["--db", own_server.url, "client", "quick-add", "Acme"]).exit_code == 0


TABLES_WRITTEN = ("client", "activity", "undo_step")


def test_a_password_comes_from_libpq_and_never_shows(own_server: OwnServer, tmp_path: Path) -> None:
    own_server.require_password("kiaro_pw", "s3cret-word")
    bare = f"postgresql+psycopg://kiaro_pw@127.0.0.1:{own_server.port}/postgres"
    in_url = bare.replace("kiaro_pw@", "kiaro_pw:s3cret-word@")
    wrong = bare.replace("kiaro_pw@", "kiaro_pw:wrong-word@")

    def kiaro(url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        command = [sys.executable, "-m", "kiaro_cli", "--db", url, *args]
        return subprocess.run(
            command, check=False, capture_output=True, text=True, timeout=120, env={**clean, **env}
        )

    refused = kiaro(bare, "client", "list")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1, refused.stderr
    assert refused.stderr == (
        f"Error: the database server of {bare.replace('kiaro_pw@', '***@')} did not accept the login "
        "(no password supplied); "
        "a password can also come from PGPASSWORD or ~/.pgpass\n"
    )
    assert kiaro(bare, "client", "quick-add", "Acme", PGPASSWORD="s3cret-word").returncode == 0
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{own_server.port}:*:kiaro_pw:s3cret-word\n")
    passfile.chmod(0o600)
    listed = kiaro(bare, "client", "list", "-q", PGPASSFILE=str(passfile))
    assert (listed.returncode, listed.stdout) == (0, "1\n")
    # sslmode reaches libpq: this server has no TLS, so requiring it is refused
    tls = kiaro(in_url + "?sslmode=require", "client", "list")
    assert tls.returncode == 1 and "SSL" in tls.stderr
    assert kiaro(in_url + "?sslmode=disable", "client", "list", "-q").stdout == "1\n"
    # the password itself is never shown: not in errors, paths, or history
    seen = [
        kiaro(wrong, "client", "list").stderr,
        kiaro(in_url, "db", "path").stdout,
        kiaro(in_url, "client", "timeline", "acme", "--format", "json").stdout,
        kiaro(in_url, "db", "check").stdout,
        tls.stderr,
    ]
    assert not [text for text in seen if "s3cret" in text or "wrong-word" in text]
    assert f"postgresql+psycopg://***@127.0.0.1:{own_server.port}/postgres" in seen[1]
    assert 'did not accept the login (password authentication failed for user "kiaro_pw")' in seen[0]


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
