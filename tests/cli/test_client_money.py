"""The client with its money on the command line: the Money card and ``finance`` of client
show, client list's ledger filters and revenue order, delete refused while invoices exist,
merge moving the ledger (and undo), and ledger changes in the timeline."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from kiaro_cli.storage.location import Location
from kiaro_cli.storage.unit import write
from tests import money_rows
from tests.helpers import Run


@pytest.fixture
def book(kiaro: Run, location: Location) -> Location:
    """Acme: invoices in EUR (one overdue) and USD, a void one, a draft, a late project and a
    sent quote; Beta: a paid invoice in USD; Gamma: a done project; Delta: nothing."""
    for name in ("Acme", "Beta", "Gamma", "Delta"):
        assert kiaro("client", "quick-add", name, "-q").exit_code == 0
    late = money_rows.project(location, 1, "Autumn campaign", deadline="2026-11-20")
    money_rows.quote(location, 1, "Q-2026-004", 480_000, title="Landing pages")
    money_rows.invoice(location, 1, 1_200_000, paid=840_000, due="2026-11-20", number="ACME-2026-001")
    money_rows.invoice(location, 1, 150_000, paid=150_000, currency="USD", number="ACME-2026-002")
    money_rows.invoice(location, 1, 99_000, state="void", number="ACME-2026-003", project_id=late)
    money_rows.invoice(location, 1, 55_500, state="draft")
    money_rows.invoice(location, 2, 200_000, paid=200_000, currency="USD", number="B-2026-001")
    money_rows.project(location, 3, "Lookbook", status="done")
    return location


def at_width(kiaro: Run, width: int, *args: str) -> str:
    """What ``kiaro ARGS`` shows on a terminal ``width`` columns wide."""
    from kiaro_cli.render.console import console

    saved = console.size
    console.size = (width, 40)
    try:
        return str(kiaro(*args).stdout)
    finally:
        console.size = saved


def test_client_show_json_has_finance_per_currency_and_open_counts(kiaro: Run, book: Location) -> None:
    shown = json.loads(kiaro("client", "show", "acme", "-f", "json").stdout, parse_float=Decimal)
    assert {key: shown[key] for key in ("finance", "projects_open", "quotes_open")} == {
        "finance": {
            "EUR": {"invoiced": 12000, "paid": 8400, "outstanding": 3600, "overdue": 3600},
            "USD": {"invoiced": 1500, "paid": 1500, "outstanding": 0, "overdue": 0},
        },
        "projects_open": 1,
        "quotes_open": 1,
    }
    empty = json.loads(kiaro("client", "show", "delta", "-f", "json").stdout)
    assert (empty["finance"], empty["projects_open"], empty["quotes_open"]) == ({}, 0, 0)
    listed = json.loads(kiaro("client", "list", "-f", "json").stdout)
    assert not {"finance", "projects_open", "quotes_open"} & set(listed[0])


def test_the_money_card_at_80_columns_reads_whole(kiaro: Run, book: Location) -> None:
    from tests.render.test_screens import words

    shown = at_width(kiaro, 80, "client", "show", "acme")
    card = shown[shown.index("Money") - 3 : shown.index("╰", shown.index("Money"))]
    assert "EUR        12,000.00   8,400.00      3,600.00   3,600.00" in card
    assert "USD         1,500.00   1,500.00          0.00       0.00" in card
    assert "Autumn campaign" in card and "due 20 Nov, 3 days late" in card
    assert "Q-2026-004  Landing pages  sent  4,800.00 EUR" in card
    assert "555.00" not in card and "990.00" not in card  # no draft, no void invoice
    assert max(len(line) for line in shown.splitlines()) <= 80
    whole = set(words(at_width(kiaro, 1000, "client", "show", "acme")))
    assert [word for word in words(card) if word not in whole] == []  # no word broken, none cut
    assert "Money" not in kiaro("client", "show", "delta").stdout  # nothing to say: no card
    assert (
        kiaro("quote", "add", "acme", "--amount", "50", "--title", "Fix", "--currency", "EUR").exit_code == 0
    )
    shown_again = at_width(kiaro, 80, "client", "show", "acme").splitlines()
    quotes = [line for line in shown_again if "Q-20" in line and "added" not in line]  # not the activity
    assert len(quotes) == 2 and len({line.rindex("EUR") for line in quotes}) == 1  # digits under digits


def test_client_list_filters_on_the_ledger(kiaro: Run, book: Location) -> None:
    assert kiaro("client", "list", "--has-projects", "-q").stdout.split() == ["1", "3"]
    assert kiaro("client", "list", "--outstanding", "-q").stdout.split() == ["1"]
    assert kiaro("client", "list", "--overdue", "-q").stdout.split() == ["1"]
    assert kiaro("client", "list", "--overdue", "--has-projects", "--status", "active", "-q").stdout == ""


def test_a_listing_of_who_owes_shows_how_much(kiaro: Run, book: Location) -> None:
    owing = at_width(kiaro, 80, "client", "list", "--outstanding").splitlines()
    assert "Outstanding" in owing[0]
    row = next(line for line in owing if line.split()[0] == "1")
    assert "3,600.00 EUR" in row  # what is left to pay, not what was paid
    assert "Outstanding" not in at_width(kiaro, 80, "client", "list").splitlines()[0]  # asked for only


def test_revenue_order_counts_the_workspace_currency_and_says_what_it_leaves_out(
    kiaro: Run, book: Location
) -> None:
    assert kiaro("settings", "set", "default-currency", "USD").exit_code == 0
    assert kiaro("client", "list", "--sort", "revenue", "-q").stdout.split() == ["2", "1", "4", "3"]
    assert kiaro("client", "list", "--sort", "revenue", "--desc", "-q").stdout.split() == ["3", "4", "1", "2"]
    table = kiaro("client", "list", "--sort", "revenue").stdout
    assert "2,000.00 USD" in table and "1,500.00 USD" in table
    assert table.rstrip().endswith(
        "Revenue in USD only: what 1 client paid in other currencies is not counted."
    )
    assert kiaro("settings", "set", "default-currency", "EUR").exit_code == 0
    assert kiaro("client", "list", "--sort", "revenue", "-q").stdout.split() == ["1", "2", "4", "3"]
    table = kiaro("client", "list", "--sort", "revenue").stdout
    assert "8,400.00 EUR" in table
    assert table.rstrip().endswith("what 2 clients paid in other currencies is not counted.")
    assert "not counted" not in kiaro("client", "list").stdout


def test_delete_is_refused_while_the_client_has_invoices(kiaro: Run, book: Location) -> None:
    before = kiaro("client", "show", "acme", "-f", "json").stdout
    refused = kiaro("client", "delete", "acme", "--yes")
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        "Error: Acme has 4 invoices and 2 payments; archive it instead: kiaro client archive 1"
    )
    assert kiaro("client", "show", "acme", "-f", "json").stdout == before
    asked = kiaro("client", "delete", "acme")  # refused before it would ask
    assert asked.exit_code == 1 and asked.stderr.startswith("Error: Acme has 4 invoices")
    assert kiaro("client", "delete", "gamma", "--yes").exit_code == 0  # a project goes with its client
    assert kiaro("client", "list", "--has-projects", "-q").stdout.split() == ["1"]


def test_merge_moves_the_ledger_and_undo_takes_it_back(kiaro: Run, book: Location) -> None:
    merged = kiaro("client", "merge", "acme", "beta", "--yes")
    assert merged.exit_code == 0, merged.stderr
    assert "1 invoice, 1 payment" in merged.stdout
    usd = json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)["finance"]["USD"]
    assert usd["paid"] == 3500
    assert kiaro("undo").exit_code == 0
    assert json.loads(kiaro("client", "show", "beta", "-f", "json").stdout)["finance"]["USD"]["paid"] == 2000
    assert json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)["finance"]["USD"]["paid"] == 1500


def test_a_journaled_ledger_change_is_in_the_timeline_and_undone(kiaro: Run, book: Location) -> None:
    from kiaro_cli.storage.rows import Payment

    with write(book) as w:
        invoice = w.invoices.with_number("ACME-2026-001")
        assert invoice is not None
        w.add(Payment(invoice_id=invoice.id, client_id=1, paid_on="2026-11-23", amount_cents=360_000,
                      currency="EUR", created_at=w.at))  # fmt: skip
        invoice.paid_cents += 360_000
        w.journal.log(w.clients.get(1), "payment added", "Payment of 3,600.00 EUR for ACME-2026-001: paid")
    timeline = kiaro("client", "timeline", "acme").stdout
    assert "payment added" in timeline and "Payment of 3,600.00 EUR for ACME-2026-001: paid" in timeline
    assert "Payment of 3,600.00 EUR" in kiaro("client", "show", "acme").stdout  # Recent activity
    shown = json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)
    assert shown["finance"]["EUR"]["outstanding"] == 0
    assert kiaro("undo").exit_code == 0
    shown = json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)
    assert shown["finance"]["EUR"]["outstanding"] == 3600
    assert (
        "Undone: Payment of 3,600.00 EUR for ACME-2026-001: paid"
        in kiaro("client", "timeline", "acme").stdout
    )


def test_a_project_name_from_elsewhere_reaches_the_terminal_escaped(kiaro: Run, book: Location) -> None:
    money_rows.project(book, 4, "Relaunch\x1b[2J\u202eevil")
    shown = at_width(kiaro, 80, "client", "show", "delta")
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "Relaunch\\x1b[2J\\u202eevil" in shown  # whole: measured as it shows, escaped
    assert max(len(line) for line in shown.splitlines()) <= 80
