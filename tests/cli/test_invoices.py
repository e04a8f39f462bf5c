"""Invoices through the CLI: what each command says, -q, the JSON objects, lines TEXT QTY PRICE,
refusals in one line with their exit codes, a table that fits 80 columns, and the printed page."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from tests.helpers import Run, dump, golden_keys


@pytest.fixture
def acme(kiaro: Run) -> Run:
    assert kiaro("client", "quick-add", "Acme Trading Company", "-q").exit_code == 0
    edited = kiaro("client", "edit", "acme", "--code", "ACME", "--currency", "EUR", "--vat-rate", "20")
    assert edited.exit_code == 0
    return kiaro


def test_each_command_says_what_it_did(acme: Run) -> None:
    assert acme("invoice", "list").stdout == "No invoices yet: kiaro invoice add CLIENT --amount NET\n"
    added = acme("invoice", "add", "acme", "--amount", "1000", "--title", "Website")
    assert (
        added.stdout
        == "Added invoice ACME-2026-001 (#1) to Acme Trading Company: 1,200.00 EUR, issued Mon 23 Nov 2026,"
        " due Wed 23 Dec 2026\n"
    )
    assert acme("invoice", "add", "acme", "--amount", "50", "--draft", "-q").stdout == "2\n"  # its id
    changed = acme(
        "invoice", "edit", "#2", "--amount", "100", "--issued", "last friday", "--due", "2026-12-31"
    )
    assert changed.stdout == (
        "Changed draft invoice #2 to Acme Trading Company: 120.00 EUR, to be issued Fri 20 Nov 2026,"
        " due Thu 31 Dec 2026\n"
    )  # the days it was given, as resolved
    assert acme("invoice", "issue", "2", "-q").stdout == "2\n"  # a bare id names it too
    paid = acme("invoice", "pay", "acme-2026-001", "--amount", "200", "--method", "card", "--on", "yesterday")
    assert paid.stdout == (
        "Recorded payment #1 of 200.00 EUR to ACME-2026-001 on Sun 22 Nov 2026; 1,000.00 EUR outstanding\n"
    )
    assert acme("invoice", "pay", "ACME-2026-001").stdout.endswith("on Mon 23 Nov 2026; paid in full\n")
    assert acme("invoice", "void", "ACME-2026-002", "--yes").stdout.startswith("Voided invoice ACME-2026-002")
    assert acme("invoice", "add", "acme", "--amount", "1", "--draft").exit_code == 0
    assert acme("invoice", "remove", "#3", "--yes").stdout.startswith("Removed draft invoice #3 to Acme")
    assert acme("invoice", "list", "-q").stdout == "1\n2\n"  # the latest issued first
    assert acme("invoice", "list", "--overdue").stdout == "No invoices match.\n"


def test_lines_take_three_values_each_and_sum_to_the_net(acme: Run) -> None:
    args = ["--line", "Design, phase 1", "1.5", "600", "--line", "Hosting", "12", "15.50", "--format", "json"]
    made = json.loads(acme("invoice", "add", "acme", *args).stdout)
    assert made["lines"] == [
        {"description": "Design, phase 1", "quantity": 1.5, "unit_price": 600, "amount": 900},
        {"description": "Hosting", "quantity": 12, "unit_price": 15.5, "amount": 186},
    ]
    assert (made["net"], made["vat"], made["gross"]) == (1086, 217.2, 1303.2)
    short = acme("invoice", "add", "acme", "--line", "Design", "2")
    assert short.exit_code == 2 and "--line" in short.stderr and "3 arguments" in short.stderr


def test_the_json_objects_keep_the_contracts_keys(acme: Run) -> None:
    acme("invoice", "add", "acme", "--line", "Design", "2", "600")
    shown = json.loads(acme("invoice", "show", "ACME-2026-001", "--format", "json").stdout)
    assert list(shown) == golden_keys("invoice")
    assert list(shown["lines"][0]) == ["description", "quantity", "unit_price", "amount"]
    listed = json.loads(acme("invoice", "list", "--format", "json").stdout)
    assert [list(item) for item in listed] == [golden_keys("invoice")]
    paid = json.loads(acme("invoice", "pay", "ACME-2026-001", "--amount", "100", "--format", "json").stdout)
    assert list(paid) == golden_keys("payment") == [
        "id", "invoice_id", "number", "client_id", "paid_on", "amount", "currency", "method",
    ]  # fmt: skip
    assert (paid["amount"], paid["number"], paid["currency"]) == (100, "ACME-2026-001", "EUR")
    lines = acme("invoice", "list", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["outstanding"] for line in lines] == [1340]
    listed_csv = acme("invoice", "list", "--format", "csv").stdout
    assert listed_csv.startswith("id,client_id,client_name,project_id,")
    exported = acme("export", "invoices").stdout  # the lines in one cell, written the same way
    assert "Design × 2 @ 600.00" in listed_csv and listed_csv.splitlines()[1] == exported.splitlines()[1]
    shown_csv = acme("invoice", "show", "ACME-2026-001", "--format", "csv").stdout
    assert shown_csv.splitlines()[1] == exported.splitlines()[1]
    chosen = acme("invoice", "list", "--fields", "number,outstanding", "--format", "csv").stdout
    assert chosen.splitlines() == ["number,outstanding", "ACME-2026-001,1340.00"]
    assert acme("invoice", "list", "--fields", "number,gross").stdout.splitlines()[0].split() == [
        "number",
        "gross",
    ]
    unknown = acme("invoice", "list", "--fields", "amount")
    assert unknown.exit_code == 1 and unknown.stderr.startswith("Error: unknown field 'amount'")
    assert acme("invoice", "list", "--fields", "amount", "-q").exit_code == 1


def test_refusals_are_one_line_and_change_nothing(acme: Run, db_path: Path) -> None:
    acme("invoice", "add", "acme", "--amount", "1000")
    acme("invoice", "pay", "ACME-2026-001", "--amount", "1")
    before = dump(db_path)
    for args, code, message in [
        (
            ["add", "acme"],
            1,
            'Error: an invoice needs its net amount (--amount NET or --line "TEXT" QTY PRICE)',
        ),
        (
            ["add", "acme", "--amount", "-5"],
            1,
            "Error: amount '-5' is not a number ≥ 0 (e.g. 1250 or 1250.50)",
        ),
        (
            ["add", "acme", "--amount", "5", "--number", "acme-2026-001"],
            1,
            "Error: invoice number ACME-2026-001",
        ),
        (
            ["add", "acme", "--amount", "5", "--issued", "2026-11-20", "--due", "2026-11-01"],
            1,
            "Error: the due day",
        ),
        (["add", "acme", "--amount", "5", "--currency", "XYZ"], 1, "Error: "),
        (
            ["edit", "ACME-2026-001", "--amount", "5"],
            1,
            "Error: ACME-2026-001 is issued; void it and make a new one",
        ),
        (
            ["pay", "ACME-2026-001", "--amount", "5000"],
            1,
            "Error: 5,000.00 EUR is more than the 1,199.00 EUR",
        ),
        (["pay", "ACME-2026-001", "--amount", "0"], 1, "Error: a payment must be more than 0"),
        (["pay", "ACME-2026-001", "--amount", "lots"], 1, "Error: amount 'lots' is not a number"),
        (["void", "ACME-2026-001", "--yes"], 1, "Error: ACME-2026-001 has payments; "),
        (["void", "ACME-2026-001"], 1, "Error: ACME-2026-001 has payments; "),
        (["remove", "ACME-2026-001"], 1, "Error: ACME-2026-001 is issued; only a draft is removed"),
        (["show", "ACME-2026-009"], 1, "Error: no invoice numbered 'ACME-2026-009'"),
        (["show", "99"], 1, "Error: no invoice numbered '99' nor with id 99"),
        (["show", "²"], 1, "Error: no invoice numbered '²' (a draft is #ID)"),  # a digit, not 0-9
        (["list", "--status", "lost"], 2, "Error: "),
    ]:
        done = acme("invoice", *args)
        assert (done.exit_code, done.stdout) == (code, ""), args
        assert done.stderr.startswith(message) and done.stderr.count("\n") == 1, (args, done.stderr)
    assert dump(db_path) == before


def test_void_asks_off_a_terminal_for_yes(acme: Run) -> None:
    acme("invoice", "add", "acme", "--amount", "10")
    refused = acme("invoice", "void", "ACME-2026-001")
    assert refused.exit_code == 1 and "re-run with --yes" in refused.stderr


def test_a_missing_amount_is_asked_for_on_a_terminal(acme: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import kiaro_cli.cli.context

    # the command module imported first binds the real interactive(), not the patch, for later tests
    importlib.import_module("kiaro_cli.cli.invoices")
    import kiaro_cli.prompts

    asked: list[str] = []

    def answer(label: str, check: object) -> str:
        asked.append(label)
        return "1,250.50"

    monkeypatch.setattr(kiaro_cli.cli.context, "interactive", lambda no_input=False: not no_input)
    monkeypatch.setattr(kiaro_cli.prompts, "ask_value", answer)
    added = acme("invoice", "add", "acme", "--format", "json")
    assert asked == ["Net amount"] and json.loads(added.stdout)["net"] == 1250.5
    assert acme("invoice", "add", "acme", "--no-input").exit_code == 1


def test_the_listing_filters_by_status_and_fits_80_columns(
    acme: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    acme("client", "quick-add", "Beta Logistics International", "-q")
    acme("invoice", "add", "beta", "--amount", "99999.99", "--currency", "USD", "--issued", "2026-10-01")
    acme("invoice", "add", "acme", "--amount", "100", "--title", "A rather long title for a small job")
    acme("invoice", "add", "acme", "--amount", "5", "--draft")
    acme("invoice", "pay", "ACME-2026-001", "--amount", "10")
    from kiaro_cli.render.console import console

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(console, "size", (80, 40))
    table = acme("invoice", "list").stdout
    assert all(len(line) <= 80 for line in table.splitlines())
    assert "INV-2026-001" in table and "3 weeks overdue" in table and "partly-paid" in table
    assert "99,999.99 USD" in table and "Beta Logis" in table
    assert "Outstanding" in table.splitlines()[0]  # what is owed outlasts the total at 80
    assert acme("invoice", "list", "--overdue", "-q").stdout == "1\n"
    assert acme("invoice", "list", "acme", "--status", "partial", "-q").stdout == "2\n"
    assert acme("invoice", "list", "--status", "draft", "--status", "late", "-q").stdout == "3\n1\n"


def test_show_a_card_with_its_lines_and_payments(acme: Run) -> None:
    acme("invoice", "add", "acme", "--line", "Design", "2", "600", "--title", "Website")
    acme(
        "invoice",
        "pay",
        "ACME-2026-001",
        "--amount",
        "100",
        "--method",
        "Bank transfer",
        "--on",
        "2026-11-20",
    )
    card = acme("invoice", "show", "acme-2026-001").stdout
    for text in (
        "Invoice ACME-2026-001",
        "Website",
        "1,440.00 EUR",
        "Design",
        "Bank transfer",
        "1,340.00 EUR",
    ):
        assert text in card, text


def test_html_writes_a_printable_page(acme: Run, tmp_path: Path) -> None:
    acme("settings", "set", "business-name", "Studio Noord")
    acme("settings", "set", "home-country", "NL")
    acme(
        "client",
        "edit",
        "acme",
        "--legal-name",
        "Acme Handels GmbH",
        "--country",
        "DE",
        "--vat-number",
        "DE1234",
    )
    office = ["--kind", "office", "--line1", "Hauptstraße 5", "--city", "Berlin", "--country", "DE"]
    acme("client", "address", "add", "acme", *office)
    invoicing = ["--kind", "invoicing", "--line1", "Postfach 12", "--city", "Wien", "--postal-code", "1010"]
    acme("client", "address", "add", "acme", *invoicing, "--country", "AT")
    acme("invoice", "add", "acme", "--amount", "4800", "--vat-rate", "0")
    page = tmp_path / "invoice.html"
    done = acme("invoice", "show", "ACME-2026-001", "--html", str(page))
    assert done.stdout == f"Wrote invoice ACME-2026-001 to {page}\n"
    text = page.read_text()
    for said in ("ACME-2026-001", "4,800.00 EUR", "Studio Noord", "Acme Handels GmbH", "Reverse charge"):
        assert said in text, said
    assert (
        "Postfach 12" in text and "1010 Wien" in text and "Hauptstraße" not in text
    )  # the invoicing address
    assert "Payment due within 30 days" in text
    missing = acme("invoice", "show", "ACME-2026-009", "--html", str(tmp_path / "none.html"))
    assert missing.exit_code == 1 and not (tmp_path / "none.html").exists()


def test_a_page_goes_to_stdout_for_a_dash_never_into_a_folder_and_json_stays_alone(
    acme: Run, tmp_path: Path
) -> None:
    acme("invoice", "add", "acme", "--amount", "100")
    assert acme("invoice", "show", "ACME-2026-001", "--html", "-").stdout.startswith("<!doctype html>")
    both = acme("invoice", "show", "ACME-2026-001", "--html", "-", "--format", "json")
    assert both.exit_code == 1 and not both.stdout  # a page and a record never share stdout
    assert acme("report", "--html", "-").stdout.startswith("<!doctype html>")
    folder = tmp_path / "pages"
    folder.mkdir()
    for command in (["invoice", "show", "ACME-2026-001"], ["report"]):
        refused = acme(*command, "--html", str(folder))
        assert (
            refused.exit_code == 1
            and refused.stderr == f"Error: {folder} is a folder; give the name of a file to write\n"
        )
    assert not list(folder.iterdir()) and not list(tmp_path.glob(".*partial"))  # no partial file left
    page = tmp_path / "invoice.html"
    shown = acme("invoice", "show", "ACME-2026-001", "--html", str(page), "--format", "json")
    assert json.loads(shown.stdout)["number"] == "ACME-2026-001" and page.exists()
    assert shown.stderr == f"Wrote invoice ACME-2026-001 to {page}\n"


def test_undo_takes_a_payment_back(acme: Run) -> None:
    acme("invoice", "add", "acme", "--amount", "1000")
    acme("invoice", "pay", "ACME-2026-001", "--amount", "200")
    assert acme("undo").exit_code == 0
    shown = json.loads(acme("invoice", "show", "ACME-2026-001", "--format", "json").stdout)
    assert (shown["paid"], shown["outstanding"], shown["status"]) == (0, 1200, "open")


def test_a_listing_prints_a_page_and_says_how_many_more(acme: Run) -> None:
    for day in ("2026-10-01", "2026-10-02", "2026-10-03"):
        assert acme("invoice", "add", "acme", "--amount", "100", "--issued", day).exit_code == 0
    table = acme("invoice", "list", "--overdue", "--limit", "2").stdout
    assert "ACME-2026-003" in table and "ACME-2026-002" in table and "ACME-2026-001" not in table
    assert "… and 1 more" in table
    listed = json.loads(acme("invoice", "list", "--overdue", "--format", "json").stdout)
    assert [invoice["number"] for invoice in listed] == ["ACME-2026-003", "ACME-2026-002", "ACME-2026-001"]


def test_a_removal_prints_the_record_it_removed_or_its_number_for_scripts(acme: Run) -> None:
    acme("project", "add", "acme", "Web")
    removed = json.loads(acme("project", "remove", "1", "--yes", "--format", "json").stdout)
    assert (removed["id"], removed["name"]) == (1, "Web")
    acme("quote", "add", "acme", "--amount", "5")
    assert acme("quote", "remove", "Q-2026-001", "--yes", "-q").stdout == "1\n"
    acme("invoice", "add", "acme", "--amount", "1", "--draft")
    drafted = json.loads(acme("invoice", "remove", "#1", "--yes", "--format", "json").stdout)
    assert (drafted["id"], drafted["status"]) == (1, "draft")


def test_invoice_show_takes_fields_as_every_show_does(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert (
        kiaro(
            "invoice", "add", "acme", "--amount", "100", "--currency", "EUR", "--vat-rate", "0", "-q"
        ).exit_code
        == 0
    )
    shown = kiaro("invoice", "show", "#1", "--fields", "number,outstanding", "--format", "json")
    assert json.loads(shown.stdout) == {"number": "INV-2026-001", "outstanding": 100}
    refused = kiaro("invoice", "show", "#1", "--fields", "colour")
    assert refused.exit_code == 1 and refused.stderr.startswith("Error: unknown field 'colour'")
