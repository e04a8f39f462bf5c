"""The command bar's ledger steps on a real book: the card says what will be saved, the
refusals come before anything is written, and saving goes through the commands' rules."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from kiaro_cli.core.carry_out import carry_out
from kiaro_cli.core.command_bar import understand
from kiaro_cli.errors import KiaroError
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY, Run, dump


@pytest.fixture
def book(kiaro: Run, location: Location) -> Location:
    """Acme (code ACME, VAT 20 %, 14 days to pay) with one issued invoice of 1,000 + VAT; Kobalt."""
    for args in (
        ("settings", "set", "default-currency", "EUR"),
        ("client", "quick-add", "Acme"),
        ("client", "edit", "Acme", "--code", "ACME", "--vat-rate", "20", "--payment-terms-days", "14"),
        ("client", "quick-add", "Kobalt Labs"),
        ("invoice", "add", "Acme", "--amount", "1000"),
    ):
        made = kiaro(*args)
        assert made.exit_code == 0, made.output
    return location


def planned(where: Location, sentence: str) -> dict[str, object]:
    with open_reader(where) as reader:
        (action,) = understand(reader, sentence, TODAY).actions
    return {"action": action.action, "client": action.client_name, "day": action.day, **action.values}


def test_a_payment_defaults_to_what_is_outstanding_and_names_the_invoices_client(book: Location) -> None:
    made = planned(book, "ACME-2026-001 was paid yesterday")
    assert made["client"] == "Acme" and made["amount"] == Decimal("1200.00") and made["left"] == 0
    assert str(made["day"]) == "2026-11-22"


@pytest.mark.parametrize(
    ("sentence", "refusal"),
    [
        ("Kobalt Labs paid ACME-2026-001", "ACME-2026-001 is Acme's invoice, not Kobalt Labs's"),
        ("Acme paid €1,500 of ACME-2026-001", "1,500.00 EUR is more than the 1,200.00 EUR outstanding"),
        ("Acme paid 50 USD of ACME-2026-001", "ACME-2026-001 is in EUR, not USD"),
        ("Acme paid ACME-2026-009", "no invoice numbered 'ACME-2026-009'"),
        ("Acme paid ACME-2026-001 tomorrow", "2026-11-24 is ahead of today"),
    ],
)
def test_a_payment_that_cannot_be_made_is_refused_before_anything_is_written(
    book: Location, sentence: str, refusal: str
) -> None:
    assert book.path is not None
    before = dump(book.path)
    with pytest.raises(KiaroError, match=refusal), open_reader(book) as reader:
        understand(reader, sentence, TODAY)
    assert dump(book.path) == before


def test_an_invoice_takes_the_clients_vat_and_terms_and_is_numbered_when_saved(book: Location) -> None:
    made = planned(book, "log a €1,250.50 invoice for Acme")
    assert (made["net"], made["vat_rate"], made["gross"], made["currency"]) == (
        Decimal("1250.50"),
        Decimal("20"),
        Decimal("1500.60"),
        "EUR",
    )
    assert str(made["day"]) == "2026-12-07"  # 14 days, the client's terms
    with open_reader(book) as reader:
        plan = understand(reader, "log a €1,250.50 invoice for Acme due in 30 days", TODAY)
    carry_out(book, plan, TODAY)
    with open_reader(book) as reader:
        from kiaro_cli.core.ledger import find_invoice

        saved = find_invoice(reader, "ACME-2026-002", TODAY)
    assert (saved["gross"], saved["due_on"]) == (Decimal("1500.60"), "2026-12-23")


def test_a_project_takes_the_clients_currency_and_its_deadline(book: Location) -> None:
    made = planned(book, "new project Website relaunch for Acme, deadline March 1")
    assert (made["name"], made["currency"], str(made["day"])) == ("Website relaunch", "EUR", "2027-03-01")
    late = planned(book, "new project Shop for Acme, deadline yesterday")  # past days: what happened
    assert str(late["day"]) == "2026-11-22"  # as project add --deadline takes it


def test_the_three_sentences_save_through_kiaro_do_and_undo_takes_each_back(
    kiaro: Run, book: Location
) -> None:
    for sentence in (
        "new project Website relaunch for Acme, deadline March 1",
        "log a €1,200 invoice for Acme due in 30 days",
        "Acme paid ACME-2026-001",
    ):
        done = kiaro("do", sentence, "--yes", "--format", "json")
        assert done.exit_code == 0, done.output
        assert json.loads(done.stdout)["applied"] is True
    shown = json.loads(kiaro("invoice", "list", "--status", "paid", "--format", "json").stdout)
    assert [invoice["number"] for invoice in shown] == ["ACME-2026-001"]
    assert kiaro("undo").exit_code == 0
    assert (
        json.loads(kiaro("invoice", "show", "ACME-2026-001", "--format", "json").stdout)["status"] == "open"
    )


def test_paying_a_paid_invoice_changes_nothing(kiaro: Run, book: Location) -> None:
    assert kiaro("invoice", "pay", "ACME-2026-001").exit_code == 0
    again = kiaro("do", "Acme paid ACME-2026-001", "--yes", "--format", "json")
    assert again.exit_code == 0 and json.loads(again.stdout)["applied"] is False


def test_a_payment_names_its_client_loosely_when_the_invoice_settles_which(
    kiaro: Run, book: Location
) -> None:
    kiaro("client", "quick-add", "Acme Labs")  # "Acme" now names two clients
    made = planned(book, "Acme paid ACME-2026-001")
    assert (made["client"], made["number"]) == ("Acme", "ACME-2026-001")
    with pytest.raises(KiaroError, match="'Labs' matches 2 clients"):
        planned(book, "Labs paid ACME-2026-001")  # two Labs, neither the invoice's
