"""Numbers of a series (``ACME-2026``) are never given twice: eight processes issuing at
once get 1 to 40 between them, on SQLite and on PostgreSQL, and issues and undos in any
order leave the series without a gap."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from kiaro_cli.core import clients
from kiaro_cli.core.undo import undo_last
from kiaro_cli.storage.location import Location, resolve
from tests.helpers import SERVER, TODAY
from tests.storage.issuing import issue

ROOT = Path(__file__).parent.parent.parent
WORKERS, EACH = 8, 5


def issued_at_once(database: str) -> list[int]:
    """The numbers :data:`WORKERS` processes took, :data:`EACH` each, all at once."""
    clients.add_client(resolve(database), {"name": "Acme"}, full_form=False, today=TODAY)
    code = "import sys; from tests.storage.issuing import issue_many; issue_many(*sys.argv[1:])"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", code, database, str(EACH)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for _ in range(WORKERS)
    ]
    taken = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err, err
        taken += [int(line) for line in out.split()]
    return taken


def stored_numbers(url: str) -> tuple[list[str], int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        numbers = [row[0] for row in connection.execute(text("SELECT number FROM invoice ORDER BY number"))]
        last = connection.execute(text("SELECT last FROM ledger_number WHERE series = 'ACME-2026'")).scalar()
    engine.dispose()
    return numbers, int(last or 0)


@pytest.mark.slow
def test_eight_processes_issuing_at_once_on_one_file_get_every_number_once(db_path: Path) -> None:
    taken = issued_at_once(str(db_path))
    assert sorted(taken) == list(range(1, WORKERS * EACH + 1))
    numbers, last = stored_numbers(f"sqlite:///{db_path}")
    assert numbers == [f"ACME-2026-{serial:03d}" for serial in range(1, WORKERS * EACH + 1)]
    assert last == WORKERS * EACH


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)")
def test_eight_processes_issuing_at_once_on_a_server_get_every_number_once(postgres_url: str) -> None:
    taken = issued_at_once(postgres_url)
    assert sorted(taken) == list(range(1, WORKERS * EACH + 1))
    numbers, last = stored_numbers(postgres_url)
    assert numbers == [f"ACME-2026-{serial:03d}" for serial in range(1, WORKERS * EACH + 1)]
    assert last == WORKERS * EACH


@settings(max_examples=15)
@given(st.lists(st.booleans(), max_size=12))
def test_issues_and_undos_in_any_order_leave_the_numbers_without_a_gap(
    tmp_path: Path, steps: list[bool]
) -> None:
    where = Location(path=tmp_path / uuid.uuid4().hex / "kiaro.db")
    clients.add_client(where, {"name": "Acme"}, full_form=False, today=TODAY)
    kept: list[int] = []
    for takes in steps:
        if takes:
            kept.append(issue(where))
        elif kept:
            undo_last(where)
            kept.pop()
    assert kept == list(range(1, len(kept) + 1))  # an undone number is the next one given
    numbers, last = stored_numbers(f"sqlite:///{where.path}")
    assert numbers == [f"ACME-2026-{serial:03d}" for serial in kept] and last == len(kept)
