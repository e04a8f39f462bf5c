"""A client's money reads the same on PostgreSQL as on SQLite: finance per currency, the
ledger filters and the revenue order of client list, delete refused, merge and undo."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kiaro_cli.cli.app import app
from kiaro_cli.storage.location import Location
from tests import money_rows
from tests.helpers import SERVER

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)"),
]


def scenario(database: str, where: Location) -> list[Any]:
    """What the commands say of a small book with a ledger, in order."""
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, ["--db", database, *args])
        return f"{result.exit_code} {result.stdout}{result.stderr}"

    said: list[Any] = [run("client", "quick-add", name, "-q") for name in ("Acme", "Beta", "Gamma", "Delta")]
    said.append(run("settings", "set", "default-currency", "EUR"))
    money_rows.project(where, 1, "Autumn campaign", deadline="2026-11-20")
    money_rows.quote(where, 1, "Q-2026-004", 480_000)
    money_rows.invoice(where, 1, 1_200_000, paid=840_000, due="2026-11-20", number="ACME-2026-001")
    money_rows.invoice(where, 1, 150_000, paid=150_000, currency="USD", number="ACME-2026-002")
    money_rows.invoice(where, 1, 99_000, state="void", number="ACME-2026-003")
    money_rows.invoice(where, 2, 200_000, paid=200_000, currency="USD", number="B-2026-001")
    money_rows.invoice(where, 3, 30_000, paid=30_000, number="G-2026-001")
    for args in (["--has-projects"], ["--outstanding"], ["--overdue"], ["--sort", "revenue", "--limit", "2"]):
        said.append(run("client", "list", *args, "-q"))
    said.append(run("client", "list", "--sort", "revenue"))
    shown = json.loads(run("client", "show", "acme", "-f", "json")[2:])
    said.append({key: shown[key] for key in ("finance", "projects_open", "quotes_open")})
    said.append(run("client", "delete", "acme", "--yes"))
    said.append(run("client", "merge", "acme", "beta", "--yes"))
    said.append(json.loads(run("client", "show", "acme", "-f", "json")[2:])["finance"])
    said.append(run("undo").split(":")[0])
    said.append(json.loads(run("client", "show", "beta", "-f", "json")[2:])["finance"])
    said.append(run("invoice", "add", "gamma", "--amount", "100", "--draft", "-q"))  # it follows Gamma
    said.append(run("client", "edit", "gamma", "--currency", "CHF", "--vat-rate", "8"))
    said.append(run("settings", "set", "default-vat-rate", "20"))  # Gamma's own rate: nothing follows
    drafted = json.loads(run("invoice", "list", "gamma", "--status", "draft", "-f", "json")[2:])
    said.append([(d["currency"], d["vat_rate"], d["gross"]) for d in drafted])
    large = run(
        "invoice",
        "add",
        "delta",
        "--amount",
        "30000000",
        "--currency",
        "JPY",
        "--vat-rate",
        "10",
        "-f",
        "json",
    )
    said.append(json.loads(large[2:])["gross"])  # past what a 32-bit integer of hundredths holds
    return said


def test_a_clients_money_reads_the_same_on_both(postgres_url: str, tmp_path: Path) -> None:
    file = tmp_path / "kiaro.db"
    on_file = scenario(str(file), Location(path=file))
    on_server = scenario(postgres_url, Location(url=postgres_url))
    assert on_server == on_file
    assert on_file[5:9] == ["0 1\n", "0 1\n", "0 1\n", "0 1\n3\n"]
    assert on_file[9].rstrip().endswith("what 2 clients paid in other currencies is not counted.")
    assert on_file[-2:] == [[("CHF", 8, 108)], 33_000_000]  # a draft followed its client; a large amount
