"""A server database of every earlier schema version is upgraded as a file is.

Needs a server: ``KIARO_TEST_POSTGRES_URL`` (an SQLAlchemy URL to a database the user
may create databases from). ``.ci/run`` starts a throwaway one. Each test works in a
database of its own, dropped afterwards.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import BigInteger
from sqlmodel import SQLModel
from typer.testing import CliRunner

from kiaro_cli.cli.app import app
from kiaro_cli.storage import schema  # noqa: F401  (the tables, for WIDE_COLUMNS)
from kiaro_cli.storage.migrations import LISTING_INDEXES, SCHEMA_VERSION
from tests.helpers import FULL_ARGS, SERVER

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)"),
]


PROFILE_COLUMNS = (
    "owner", "language", "timezone", "registration_number", "reference", "company_size", "annual_revenue",
    "linkedin", "tax_id", "internal", "payment_terms_days", "invoice_email", "iban", "bic", "debtor_id",
    "minimum_rate_cents", "invoice_tolerance_cents", "financial_note",
)  # fmt: skip
# The amounts version 19 widened to 64 bits on a server.
WIDE_COLUMNS = [
    (table.name, column.name)
    for table in SQLModel.metadata.sorted_tables
    for column in table.columns
    if isinstance(column.type, BigInteger)
]
# What each schema version added, taken away again to make a server database of the
# version before it (the SQLite fixtures cannot be loaded into PostgreSQL as they are).
ADDED_BY = {
    19: [f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE INTEGER' for table, column in WIDE_COLUMNS],
    18: [f"ALTER TABLE invoice DROP COLUMN follows_{what}" for what in ("currency", "vat_rate")],
    17: ["DROP INDEX ix_invoice_project", "CREATE INDEX ix_invoice_project ON invoice (project_id)"],
    16: ["DROP INDEX ix_client_lacking", "DROP INDEX ix_client_complete"],
    15: [
        "DROP TABLE vdir_card",
        "DROP TABLE contact_reach",
        "DROP TABLE client_date",
        "ALTER TABLE contact DROP COLUMN birthday",
        "ALTER TABLE client DROP COLUMN cadence",
    ],
    14: [
        f"DROP TABLE {table}"
        for table in ("payment", "invoice_line", "invoice", "quote", "project", "ledger_number")
    ],
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
    if version == min(ADDED_BY) - 1:  # the longest upgrade: two processes open it at once,
        opened = [  # one upgrades, the other waits and finds it done
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
    else:
        listed = runner.invoke(app, ["--db", postgres_url, "client", "list", "-q"])
        assert (listed.exit_code, listed.stdout.split()) == (0, ["2", "1"]), listed.output
    checked = runner.invoke(app, ["--db", postgres_url, "db", "check"])
    assert checked.exit_code == 0, checked.output
    assert f"Schema version: {SCHEMA_VERSION}" in checked.stdout
