"""Real processes: start-up import hygiene and exit codes (prompts on a real terminal are in
test_prompts.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiaro_cli.storage.location import Location
from tests.ledger_rows import add_invoice, add_project

HEAVY = ("dateparser", "questionary", "pycountry", "sqlalchemy", "sqlmodel", "pydantic", "openpyxl")
PROBE = """
import sys, runpy
sys.argv = ["kiaro", *{args!r}]
try:
    runpy.run_module("kiaro_cli", run_name="__main__")
except SystemExit:
    pass
print("\\nLOADED=" + ",".join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def loaded_modules(*args: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """Run kiaro in a fresh interpreter and list which heavy modules it imported."""
    code = PROBE.format(args=list(args), heavy=heavy)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=False
    )
    line = [x for x in done.stderr.splitlines() if x.startswith("LOADED=")][-1]
    return [m for m in line.removeprefix("LOADED=").split(",") if m]


def kiaro(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiaro_cli", *args],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )


@pytest.mark.slow
def test_help_and_list_leave_heavy_modules_unloaded() -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0  # the database exists and is current
    assert loaded_modules("--help") == []
    assert loaded_modules("client", "list") == []
    assert loaded_modules("client", "list", "--format", "json") == []
    assert loaded_modules() == []  # the home screen


@pytest.mark.slow
def test_due_follow_ups_and_home_with_cards_leave_heavy_modules_unloaded(location: Location) -> None:
    assert kiaro("client", "quick-add", "Acme", "--follow-up", "today").returncode == 0
    add_invoice(location, 1, "ACME-2026-001", gross_cents=1000, due_on="2026-11-01")  # ledger cards too
    add_project(location, 1, "Website relaunch", deadline="2026-11-01")
    assert "kiaro invoice pay ACME-2026-001" in kiaro().stdout
    assert loaded_modules("followup", "due") == []
    assert loaded_modules("followup", "due", "--format", "json") == []
    assert loaded_modules("home") == []
    assert loaded_modules("client", "list", "--limit", "50") == []
    assert loaded_modules("client", "list", "--search", "acm") == []
    assert loaded_modules("client", "show", "acme") == []
    assert kiaro("client", "edit", "acme", "--country", "Germany").returncode == 0
    assert loaded_modules("client", "show", "acme") == []  # its card names the country too
    assert loaded_modules("client", "timeline", "acme", "--format", "json") == []
    assert loaded_modules("client", "list", "--fields", "name,follow_up_on", "--format", "csv") == []
    assert loaded_modules("do", "remind me to follow up with Acme in 3 weeks", "--dry-run") == []
    # what a command prints with, and no more: no report charts, no address or client writes
    needless = ("kiaro_cli.render.report", "kiaro_cli.render.projects", "kiaro_cli.core.addresses")
    for args in (("home",), ("followup", "due"), ("client", "show", "acme")):
        assert loaded_modules(*args, heavy=needless) == [], args


@pytest.mark.slow
def test_real_process_exit_codes_and_streams() -> None:
    ok = kiaro("client", "quick-add", "Acme", "--format", "json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["status"] == "lead" and ok.stderr == ""
    refused = kiaro("client", "show", "nobody")
    assert (refused.returncode, refused.stdout, refused.stderr) == (
        1,
        "",
        "Error: no client matches 'nobody'\n",
    )
    unreachable = kiaro("--db", "postgresql+psycopg://nobody@127.0.0.1:1/kiaro", "client", "list")
    assert unreachable.returncode == 1 and len(unreachable.stderr.splitlines()) == 1
    assert unreachable.stderr.startswith("Error: cannot reach the database server of postgresql")
    usage = kiaro("client", "list", "--format", "xml")
    assert (usage.returncode, usage.stdout, usage.stderr) == (
        2,
        "",
        "Error: Invalid value for '--format' / '-f': 'xml' is not one of table, json, jsonl, csv;"
        " see kiaro client list --help\n",
    )
    not_utf8 = kiaro("client", "show", "caf\udce9")  # the byte 0xe9 of a Latin-1 terminal
    assert (not_utf8.returncode, not_utf8.stderr) == (
        1,
        "Error: a value holds bytes that are not UTF-8 (\\udce9); nothing was changed\n",
    )
    unknown = kiaro("client", "lst")
    assert (unknown.returncode, unknown.stderr) == (
        2,
        "Error: No such command 'lst'. Did you mean 'list'?; see kiaro client --help\n",
    )


@pytest.mark.slow
def test_the_command_bar_loads_no_write_path_to_understand_a_sentence() -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    assert loaded_modules("do", "remind me to follow up with Acme in 3 weeks", "--dry-run") == []
    assert (
        loaded_modules("do", "mark Acme as active and follow up next friday", "--dry-run", "-f", "json") == []
    )
    assert loaded_modules("do", "make me a sandwich") == []  # refused
    # no date phrase, no dateparser: however many readings the grammar tries
    assert loaded_modules("do", "emailed Acme the invoice", "--dry-run") == []
    assert loaded_modules("do", "log a call with Acme: pricing, next steps and timeline", "--dry-run") == []
    assert loaded_modules("do", "remind me to chase Acme's quote, high priority", "--dry-run") == []


@pytest.mark.slow
def test_the_command_bar_imports_llm_only_for_a_refused_sentence_with_a_model_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLM_USER_PATH", str(tmp_path / "llm-user"))
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    assert loaded_modules("do", "make me a sandwich", heavy=("llm",)) == []  # no model set
    assert kiaro("settings", "set", "command-model", "no-such-model").returncode == 0
    assert loaded_modules("do", "mark Acme as active", "--dry-run", heavy=("llm",)) == []  # the grammar's
    assert loaded_modules("do", "make me a sandwich", heavy=("llm",)) == ["llm"]  # the model's turn


@pytest.mark.slow
def test_writes_to_a_file_load_no_orm_and_no_sqlalchemy() -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0  # the database exists and is current
    assert loaded_modules("client", "quick-add", "Brand Factor") == []
    assert loaded_modules("followup", "set", "acme", "2w") == []
    assert loaded_modules("followup", "set", "acme", "2026-12-24") == []
    assert loaded_modules("client", "edit", "acme", "--city", "Utrecht") == []
    assert loaded_modules("interaction", "add", "acme", "Call about the launch", "--type", "call") == []
    assert loaded_modules("do", "mark Acme as active", "--yes") == []
    assert loaded_modules("undo") == []
    assert kiaro("client", "show", "acme", "--format", "json").returncode == 0


@pytest.mark.slow
def test_the_root_help_lists_every_command_without_importing_them() -> None:
    from kiaro_cli.cli.app import COMMANDS

    modules = tuple(sorted({entry.target.partition(":")[0] for entry in COMMANDS.values()}))
    modules = tuple(m for m in modules if m != "kiaro_cli.cli.completion")  # the entry point's own
    assert loaded_modules("--help", heavy=modules) == []
    named = loaded_modules("client", "--help", heavy=modules)
    assert "kiaro_cli.cli.clients" in named and "kiaro_cli.cli.db" not in named
    listed = kiaro("--help").stdout
    assert all(f"  {name} " in listed for name in COMMANDS)
    assert kiaro("-h").stdout == listed


@pytest.mark.slow
def test_invoice_reads_and_writes_leave_heavy_modules_unloaded() -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    assert kiaro("invoice", "add", "acme", "--amount", "100", "--currency", "EUR").returncode == 0
    assert loaded_modules("invoice", "list", "--overdue") == []
    assert loaded_modules("invoice", "show", "INV-2026-001", "--format", "json") == []
    assert loaded_modules("invoice", "add", "acme", "--line", "Design", "2", "600") == []
    assert loaded_modules("invoice", "pay", "INV-2026-001", "--amount", "10") == []


@pytest.mark.slow
def test_a_columns_of_zero_still_draws_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    monkeypatch.setenv("COLUMNS", "0")  # no width to draw in: drawn at 80, as when piped
    listed = kiaro("client", "list")
    assert listed.returncode == 0 and "Acme" in listed.stdout
