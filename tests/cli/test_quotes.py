"""Quotes through the CLI: what each command says, numbers with -q, the JSON keys, tables
that fit 80 columns, refusals in one line with nothing changed, undo, and the project
offered on a terminal when a quote is accepted."""

from __future__ import annotations

import json
from pathlib import Path

import pexpect
import pytest

from tests.helpers import Run, dump, golden_keys
from tests.render.test_screens import capture
from tests.test_processes import kiaro as run_kiaro
from tests.test_processes import loaded_modules
from tests.test_prompts import spawn

KEYS = [
    "id",
    "client_id",
    "client_name",
    "project_id",
    "number",
    "title",
    "issued_on",
    "valid_until",
    "currency",
    "net",
    "vat_rate",
    "vat",
    "gross",
    "status",
]


@pytest.fixture
def acme(kiaro: Run) -> Run:
    """Acme, a lead in EUR at 21% VAT; Beta, a lead with no currency."""
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert kiaro("client", "edit", "acme", "--currency", "EUR", "--vat-rate", "21").exit_code == 0
    assert kiaro("client", "quick-add", "Beta").exit_code == 0
    return kiaro


def test_each_command_says_what_it_did(acme: Run) -> None:
    added = acme("quote", "add", "acme", "--amount", "4800", "--title", "Website relaunch")
    assert added.stdout == (
        "Added quote Q-2026-001 (#1, Website relaunch) for Acme: "
        "4,800.00 EUR net, 5,808.00 EUR gross (draft)\n"
    )
    assert acme("quote", "add", "acme", "--amount", "10", "-q").stdout == "2\n"
    assert acme("quote", "add", "acme", "--amount", "1", "--issued", "2025-05-02", "-q").stdout == "3\n"
    edited = acme("quote", "edit", "q-2026-002", "--amount", "20", "--vat-rate", "0")
    assert edited.stdout == "Changed quote Q-2026-002 (#2) for Acme: 20.00 EUR net, 20.00 EUR gross (draft)\n"
    assert acme("quote", "status", "Q-2026-001", "sent").stdout == "Sent Q-2026-001 (#1)\n"
    assert acme("quote", "status", "Q-2026-001", "proposed").stdout == "Q-2026-001 (#1) is already sent\n"
    accepted = acme("quote", "status", "Q-2026-001", "won")
    assert accepted.stdout == "Accepted Q-2026-001 (#1); Acme is now an active client\n"
    assert acme("quote", "status", "Q-2026-002", "accepted").stdout == "Accepted Q-2026-002 (#2)\n"
    assert acme("quote", "status", "Q-2025-001", "lost").stdout == "Declined Q-2025-001 (#3)\n"
    refused = acme("quote", "remove", "Q-2025-001")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: removing quote Q-2025-001 of Acme needs confirming; re-run with --yes\n",
    )
    removed = acme("quote", "remove", "#3", "--yes")
    assert removed.stdout == (
        "Removed quote Q-2025-001 (#3) for Acme: 1.00 EUR net, 1.21 EUR gross (declined),"
        " issued Fri 2 May 2025\n"
    )
    shown = json.loads(acme("client", "show", "acme", "--format", "json").stdout)
    assert shown["status"] == "active"


def test_json_keys_numbers_and_statuses(acme: Run) -> None:
    acme("quote", "add", "acme", "--amount", "100", "--valid-until", "2026-11-30")
    acme("quote", "add", "acme", "--amount", "0.50", "--vat-rate", "5", "--currency", "usd")
    acme("quote", "add", "beta", "--amount", "7", "--currency", "GBP", "--number", "B-7")
    acme("quote", "status", "Q-2026-001", "sent")
    one = json.loads(acme("quote", "show", "q-2026-002", "--format", "json").stdout)
    assert list(one) == KEYS == golden_keys("quote")
    assert (one["net"], one["vat_rate"], one["vat"], one["gross"], one["currency"]) == (
        0.5,
        5,
        0.03,
        0.53,
        "USD",
    )
    listed = json.loads(acme("quote", "list", "--format", "json").stdout)
    assert [q["number"] for q in listed] == ["B-7", "Q-2026-002", "Q-2026-001"]
    lines = acme("quote", "list", "acme", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [2, 1]
    assert acme("quote", "list", "--status", "sent", "-q").stdout == "1\n"
    assert acme("quote", "list", "--status", "draft", "--status", "proposed", "-q").stdout == "3\n2\n1\n"
    assert acme("quote", "show", "#3", "-q").stdout == "3\n"
    assert json.loads(acme("quote", "show", "3", "--format", "json").stdout)["number"] == "B-7"  # a bare id
    csv = acme("quote", "list", "beta", "--format", "csv").stdout.splitlines()
    assert csv[0] == ",".join(KEYS)
    wrong = acme("quote", "list", "--status", "maybe")
    assert wrong.exit_code == 2


def test_a_sent_quote_past_its_day_reads_expired(acme: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    acme("quote", "add", "acme", "--amount", "100", "--valid-until", "2026-11-30")
    acme("quote", "status", "Q-2026-001", "sent")
    acme("quote", "add", "acme", "--amount", "1", "--issued", "2025-10-02", "--valid-until", "2025-11-01")
    assert acme("quote", "status", "Q-2025-001", "sent").stdout == (
        "Sent Q-2025-001 (#2); it reads as expired: it was valid until Sat 1 Nov 2025\n"
    )
    monkeypatch.setenv("KIARO_TODAY", "2026-12-01")
    assert acme("quote", "list", "--status", "expired", "-q").stdout == "1\n2\n"
    assert "expired" in acme("quote", "show", "Q-2026-001").stdout
    by_hand = acme("quote", "add", "acme", "--amount", "1", "--issued", "2026-11-01", "-q").stdout.strip()
    assert acme("quote", "status", by_hand, "expired").stdout == (
        "Q-2026-002 (#3) has expired (it was valid until Mon 30 Nov 2026)\n"
    )  # -q printed its id, which names it as its number does
    today = acme("quote", "add", "acme", "--amount", "1", "-q").stdout.strip()
    assert acme("quote", "status", today, "expired").stdout == "Q-2026-003 (#4) has expired\n"
    assert json.loads(acme("quote", "show", today, "--format", "json").stdout)["status"] == "expired"


def test_the_table_and_card_fit_80_columns_with_friendly_days(acme: Run) -> None:
    title = "A very long title of a proposal that goes on and on about the work"
    acme("quote", "add", "acme", "--amount", "123456.78", "--title", title, "--valid-until", "2027-01-31")
    acme("quote", "add", "beta", "--amount", "5", "--currency", "EUR", "--issued", "2025-02-03")
    table = capture(["quote", "list"], 80)
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "123,456.78 EUR" in table and "31 Jan 2027" in table and "A very long" in table
    assert "Beta" in capture(["quote", "list"], 120).splitlines()[3]
    card = capture(["quote", "show", "Q-2026-001"], 80)
    assert max(len(line) for line in card.splitlines()) <= 80
    assert "Sun 31 Jan 2027 (in 2 months)" in card
    assert "VAT 21%" in card and "25,925.92 EUR" in card and "149,382.70 EUR" in card
    assert acme("quote", "list", "--status", "declined").stdout == "No quotes match.\n"


@pytest.mark.parametrize(
    ("args", "refusal"),
    [
        (["acme", "--amount", "-5"], "Error: amount '-5' is not a number ≥ 0 (e.g. 1250 or 1250.50)\n"),
        (["acme", "--amount", "lots"], "Error: amount 'lots' is not a number ≥ 0 (e.g. 1250 or 1250.50)\n"),
        (["acme", "--amount", "5", "--number", "q-2026-001"], "Error: quote number Q-2026-001 exists\n"),
        (
            ["acme", "--amount", "5", "--currency", "ABC"],
            "Error: unknown currency 'ABC' (use an ISO 4217 code",
        ),
        (
            ["acme", "--amount", "5", "--currency", "xxx"],
            "Error: 'XXX' is ISO 4217's code for no currency, not a currency",
        ),
        (["acme", "--amount", "5", "--project", "1"], "Error: project 1 belongs to Beta\n"),
        (
            ["beta", "--amount", "5"],
            "Error: a quote needs a currency (--currency CODE: Beta has none and no default-currency is set)",
        ),
        (
            ["acme", "--amount", "5", "--issued", "2026-11-20", "--valid-until", "2026-11-19"],
            "Error: valid until 2026-11-19 is before the issue day 2026-11-20\n",
        ),
    ],
)
def test_refusals_are_one_line_and_change_nothing(
    acme: Run, db_path: Path, args: list[str], refusal: str
) -> None:
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.rows import Project
    from kiaro_cli.storage.unit import write

    with write(Location(path=db_path)) as w:
        w.add(Project(client_id=2, name="Beta's", status="planned", created_at=w.at, updated_at=w.at))
    assert acme("quote", "add", "acme", "--amount", "1").exit_code == 0
    before = dump(db_path)
    refused = acme("quote", "add", *args)
    assert refused.exit_code == 1 and refused.stderr.startswith(refusal) and refused.stdout == ""
    assert len(refused.stderr.splitlines()) == 1
    assert dump(db_path) == before


def test_a_missing_amount_off_a_terminal_is_refused_naming_every_missing_value(
    acme: Run, db_path: Path
) -> None:
    before = dump(db_path)
    missing = acme("quote", "add", "acme")
    assert (missing.exit_code, missing.stderr) == (1, "Error: a quote needs its net amount (--amount NET)\n")
    both = acme("quote", "add", "beta", "--no-input")
    assert (both.exit_code, both.stderr) == (
        1,
        "Error: a quote needs its net amount (--amount NET) and a currency"
        " (--currency CODE: Beta has none and no default-currency is set)\n",
    )
    assert dump(db_path) == before


def test_undo_takes_back_each_change(acme: Run) -> None:
    acme("quote", "add", "acme", "--amount", "100")
    acme("quote", "status", "Q-2026-001", "accepted")
    undone = acme("undo")
    assert "Quote Q-2026-001: draft → accepted" in undone.stdout and "Status lead → active" in undone.stdout
    assert json.loads(acme("quote", "show", "Q-2026-001", "--format", "json").stdout)["status"] == "draft"
    assert json.loads(acme("client", "show", "acme", "--format", "json").stdout)["status"] == "lead"
    acme("quote", "remove", "Q-2026-001", "--yes")
    acme("undo")
    assert acme("quote", "list", "-q").stdout == "1\n"
    timeline = json.loads(acme("client", "timeline", "acme", "--format", "json").stdout)
    kinds = [entry["kind"] for entry in timeline if entry["kind"].startswith("quote")]
    assert kinds == ["quote removed", "quote accepted", "quote added"]  # the history keeps what was done


@pytest.mark.slow
def test_accepting_on_a_terminal_offers_a_project_with_the_quotes_title(db_path: Path) -> None:
    assert run_kiaro("client", "quick-add", "Acme").returncode == 0
    made = run_kiaro("quote", "add", "acme", "--amount", "4800", "--title", "Website", "--currency", "EUR")
    assert made.returncode == 0
    child = spawn("quote", "status", "Q-2026-001", "accepted")
    child.expect(r"Accepted Q-2026-001 \(#1\); Acme is now an active client")
    child.expect(r"Start a project 'Website' for Acme\?")
    child.sendline("y")
    child.expect(r"Added project Website \(#1\), planned, for Acme")
    child.expect(pexpect.EOF)
    quote = json.loads(run_kiaro("quote", "show", "Q-2026-001", "--format", "json").stdout)
    assert quote["project_id"] == 1


@pytest.mark.slow
def test_no_to_the_project_offer_keeps_the_accept_and_makes_no_project(db_path: Path) -> None:
    assert run_kiaro("client", "quick-add", "Acme").returncode == 0
    assert run_kiaro("quote", "add", "acme", "--amount", "10", "--currency", "EUR").returncode == 0
    child = spawn("quote", "status", "Q-2026-001", "accepted")
    child.expect(r"Start a project 'Quote Q-2026-001' for Acme\?")
    child.sendline("n")
    child.expect(pexpect.EOF)
    assert "Added project" not in child.before
    child.close()
    assert child.exitstatus == 0
    quote = json.loads(run_kiaro("quote", "show", "Q-2026-001", "--format", "json").stdout)
    assert (quote["status"], quote["project_id"]) == ("accepted", None)


@pytest.mark.slow
def test_a_missing_amount_and_currency_are_asked_for_on_a_terminal(db_path: Path) -> None:
    assert run_kiaro("client", "quick-add", "Acme").returncode == 0  # no currency anywhere
    child = spawn("quote", "add", "acme", "--vat-rate", "0")
    child.expect("Net amount")
    child.sendline("-3")
    child.expect("is not a number")
    child.send("\x15")  # Ctrl-U clears the line
    child.sendline("1200")
    child.expect("Currency")
    child.sendline("USD")
    child.expect(r"Added quote Q-2026-001 \(#1\) for Acme: 1,200.00 USD net")
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_quote_commands_load_no_orm_and_no_date_parser(db_path: Path) -> None:
    assert run_kiaro("client", "quick-add", "Acme").returncode == 0
    assert run_kiaro("settings", "set", "default-currency", "EUR").returncode == 0
    assert loaded_modules("quote", "add", "acme", "--amount", "5") == []
    assert loaded_modules("quote", "status", "Q-2026-001", "sent") == []
    assert loaded_modules("quote", "list") == []


def test_the_days_a_quote_is_given_are_said_resolved(acme: Run) -> None:
    added = acme("quote", "add", "acme", "--amount", "1", "--issued", "yesterday", "--valid-until", "30d")
    assert added.stdout.endswith(", issued Sun 22 Nov 2026, valid until Wed 23 Dec 2026\n")
    edited = acme("quote", "edit", "Q-2026-001", "--valid-until", "2w")
    assert edited.stdout.endswith("(draft), issued Sun 22 Nov 2026, valid until Mon 7 Dec 2026\n")
