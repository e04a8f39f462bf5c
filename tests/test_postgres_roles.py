"""Backups made by a PostgreSQL role that may only read, set up as docs/teams.md says.

Needs a server, as tests/test_postgres.py does (``KIARO_TEST_POSTGRES_URL``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kiaro_cli.cli.app import app
from tests.helpers import SERVER

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)"),
]

# docs/teams.md's grants to the reader; the sequences' line is what carries ids exactly.
TABLES_GRANT = "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"
SEQUENCES_GRANT = "GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"


@pytest.fixture
def studio(postgres_url: str) -> str:
    """Three clients, the last one deleted: the ids given (3) run past the highest kept (2)."""
    runner = CliRunner()
    for args in (
        ["client", "quick-add", "Acme"],
        ["client", "quick-add", "Beta"],
        ["client", "quick-add", "Gone"],
    ):
        assert runner.invoke(app, ["--db", postgres_url, *args]).exit_code == 0
    assert runner.invoke(app, ["--db", postgres_url, "client", "delete", "gone", "--yes"]).exit_code == 0
    return postgres_url


def reader_of(url: str, *grants: str) -> Iterator[str]:
    """The URL of a new role granted ``grants`` on ``url``'s database; dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from kiaro_cli.storage.engine import close_engines

    role = f"kiaro_reader_{uuid.uuid4().hex[:8]}"
    owner = create_engine(url, isolation_level="AUTOCOMMIT")
    with owner.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
        for grant in grants:
            connection.execute(text(grant.format(role=f'"{role}"')))
    try:
        yield make_url(url).set(username=role).render_as_string(hide_password=False)
    finally:
        close_engines()
        with owner.connect() as connection:
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE "{role}"'))
        owner.dispose()


def clients(where: str) -> list[str]:
    done = CliRunner().invoke(app, ["--db", where, "client", "list", "--all", "--format", "json"])
    assert done.exit_code == 0, done.output
    return [client["name"] for client in json.loads(done.stdout)]


def next_id(where: str) -> str:
    done = CliRunner().invoke(app, ["--db", where, "client", "quick-add", "Next", "-q"])
    assert done.exit_code == 0, done.output
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("grants", "next_client"),
    [((TABLES_GRANT,), "3"), ((TABLES_GRANT, SEQUENCES_GRANT), "4")],
    ids=["select on tables", "and on sequences"],
)
def test_a_reader_backs_up_with_export_all_and_db_copy(
    studio: str, tmp_path: Path, grants: tuple[str, ...], next_client: str
) -> None:
    """Once refused as "may not write": pg_sequence_last_value needs a right on the sequence.
    Without one, a copy carries the highest id in use; with SELECT on the sequences, the
    highest id ever given, so a deleted client's id is not given again."""
    runner = CliRunner()
    for reader in reader_of(studio, *grants):
        archive, copy = tmp_path / "backup.zip", tmp_path / "copy.db"
        exported = runner.invoke(app, ["--db", reader, "export", "all", "--output", str(archive)])
        assert exported.exit_code == 0, exported.output
        copied = runner.invoke(app, ["--db", reader, "db", "copy", "--to", str(copy), "--yes"])
        assert copied.exit_code == 0, copied.output
    loaded = tmp_path / "loaded.db"
    imported = runner.invoke(app, ["--db", str(loaded), "import", "all", str(archive)])
    assert imported.exit_code == 0, imported.output
    assert clients(str(copy)) == clients(str(loaded)) == clients(studio) == ["Acme", "Beta"]
    assert next_id(str(copy)) == next_id(str(loaded)) == next_client
