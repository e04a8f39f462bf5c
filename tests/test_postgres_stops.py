"""A PostgreSQL server that stops in the middle of a large write: kiaro's one line, alone.

Runs a server of the test's own (``own_server`` of tests/test_postgres.py), stopped with
``pg_ctl -m immediate`` while an import waits, inside the driver's pipeline of many rows,
for a table another connection holds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_postgres import OwnServer, own_server, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
__all__ = ["own_server"]  # the fixture: a server the test may stop


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
