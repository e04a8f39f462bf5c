"""A PostgreSQL server that stops in the middle of a large write: kiaro's one line, alone.

Runs a server of the test's own (``own_server``), stopped with
``pg_ctl -m immediate`` while an import waits, inside the driver's pipeline of many rows,
for a table another connection holds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kiaro_cli.cli.app import app

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


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
        # --no-sync: a throwaway cluster need not wait for the disk (none of it outlives the test)
        server.run("initdb", "-D", str(folder / "data"), "-A", "trust", "-U", "postgres", "--no-sync")
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


def test_a_server_stopped_during_an_import_leaves_one_line_on_stderr(
    own_server: OwnServer, tmp_path: Path
) -> None:
    from sqlalchemy import create_engine, text
    from typer.testing import CliRunner

    from kiaro_cli.cli.app import app
    from kiaro_cli.storage.engine import close_engines

    assert CliRunner().invoke(app, ["--db", own_server.url, "db", "check"]).exit_code == 0
    close_engines()
    table = tmp_path / "clients.csv"
    note = "A long note. " * 40
    table.write_text(
        "name,email,notes\n" + "".join(f"Client {n},c{n}@example.com,{note}\n" for n in range(2000))
    )
    # A lock that lets the import read the clients but not add one: it sends its batch of
    # 2,000 new clients, more than the socket holds, in the driver's pipeline, and waits
    # there until the server goes.
    holder = create_engine(own_server.url).connect()
    holder.execute(text("LOCK TABLE client IN SHARE MODE"))
    command = [sys.executable, "-m", "kiaro_cli", "--db", own_server.url, "import", "clients", str(table)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watcher = create_engine(own_server.url, isolation_level="AUTOCOMMIT")

    def import_waits_to_add_clients() -> bool:
        assert process.poll() is None, process.communicate()
        with watcher.connect() as connection:
            return bool(
                connection.execute(
                    text(
                        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                        "WHERE c.relname = 'client' AND NOT l.granted"
                    )
                ).scalar()
            )

    wait_until(import_waits_to_add_clients, "the import waits to add its clients")
    watcher.dispose()
    own_server.stop()
    _, err = process.communicate(timeout=120)
    holder.invalidate()
    assert process.returncode == 1
    assert len(err.splitlines()) == 1 and err.startswith("Error: "), err
