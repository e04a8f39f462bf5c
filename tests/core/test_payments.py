"""Payments: the whole outstanding amount by default, partial ones adding up, never more than
what is outstanding, the completing one giving the invoice its paid_on, and undo taking one
back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.core import clients
from kiaro_cli.core.invoices import add_invoice, void_invoice
from kiaro_cli.core.ledger import find_invoice, payments_of
from kiaro_cli.core.payments import pay_invoice
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY, dump


@pytest.fixture
def book(location: Location) -> Location:
    """Acme (EUR, VAT 20%) with ACME-2026-001 of 1,000.00 + 200.00 VAT."""
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    clients.edit_client(location, "acme", {"code": "ACME", "currency": "EUR", "vat_rate": "20"}, today=TODAY)
    add_invoice(location, "acme", amount="1000", today=TODAY)
    return location


def outstanding(book: Location, reference: str = "ACME-2026-001") -> tuple[Decimal, Decimal, str | None]:
    with open_reader(book) as reader:
        found = find_invoice(reader, reference, TODAY)
    return found["paid"], found["outstanding"], found["paid_on"]


def test_a_payment_defaults_to_all_that_is_outstanding_today(book: Location) -> None:
    paid = pay_invoice(book, "acme-2026-001", method="Bank transfer", today=TODAY)
    assert paid.to_dict() | {"id": None} == {
        "id": None, "invoice_id": 1, "number": "ACME-2026-001", "client_id": 1, "paid_on": "2026-11-23",
        "amount": Decimal("1200.00"), "currency": "EUR", "method": "Bank transfer",
    }  # fmt: skip
    assert paid.invoice["status"] == "paid"
    assert outstanding(book) == (Decimal("1200.00"), Decimal("0.00"), "2026-11-23")


def test_partial_payments_add_up_and_the_completing_one_dates_it_paid(book: Location) -> None:
    pay_invoice(book, "ACME-2026-001", amount="200.50", on="2026-11-02", today=TODAY)
    assert outstanding(book) == (Decimal("200.50"), Decimal("999.50"), None)
    with open_reader(book) as reader:
        assert find_invoice(reader, "ACME-2026-001", TODAY)["status"] == "partly-paid"
    pay_invoice(book, "ACME-2026-001", on="2026-11-20", today=TODAY)
    assert outstanding(book) == (Decimal("1200.00"), Decimal("0.00"), "2026-11-20")
    with open_reader(book) as reader:
        assert [p["amount"] for p in payments_of(reader, 1)] == [Decimal("200.50"), Decimal("999.50")]


def test_more_than_outstanding_is_refused_and_nothing_changes(book: Location, db_path: Path) -> None:
    pay_invoice(book, "ACME-2026-001", amount="1000", today=TODAY)
    before = dump(db_path)
    with pytest.raises(
        InvalidValue, match=r"^1,200.00 EUR is more than the 200.00 EUR outstanding on ACME-2026-001$"
    ):
        pay_invoice(book, "ACME-2026-001", amount="1200", today=TODAY)
    pay_invoice(book, "ACME-2026-001", today=TODAY)
    with pytest.raises(InvalidValue, match="paid in full"):
        pay_invoice(book, "ACME-2026-001", amount="1", today=TODAY)
    assert dump(db_path) != before


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "more than 0"),
        ("-5", "not a number"),
        ("five", "not a number"),
        ("12.3456", "more than 2 decimals"),
    ],
)
def test_a_non_positive_or_non_numeric_amount_is_refused(
    book: Location, db_path: Path, amount: str, message: str
) -> None:
    before = dump(db_path)
    with pytest.raises(InvalidValue, match=message):
        pay_invoice(book, "ACME-2026-001", amount=amount, today=TODAY)
    assert dump(db_path) == before


def test_a_draft_or_void_invoice_takes_no_payment(book: Location, db_path: Path) -> None:
    add_invoice(book, "acme", amount="5", draft=True, today=TODAY)
    add_invoice(book, "acme", amount="5", today=TODAY)
    void_invoice(book, "ACME-2026-002", today=TODAY)
    before = dump(db_path)
    with pytest.raises(InvalidValue, match="#2 is a draft; issue it first"):
        pay_invoice(book, "#2", today=TODAY)
    with pytest.raises(InvalidValue, match="ACME-2026-002 is void"):
        pay_invoice(book, "ACME-2026-002", today=TODAY)
    assert dump(db_path) == before


def test_a_payment_dated_ahead_of_today_is_refused(book: Location, db_path: Path) -> None:
    add_invoice(book, "acme", amount="5", today=TODAY)
    before = dump(db_path)
    with pytest.raises(InvalidValue, match="recorded once made: 2026-11-28 is ahead of today"):
        pay_invoice(book, "ACME-2026-001", on="in 5 days", today=TODAY)
    assert dump(db_path) == before
    assert pay_invoice(book, "ACME-2026-001", on="2026-11-01", today=TODAY).payment["paid_on"] == "2026-11-01"


def test_a_day_without_a_year_is_one_that_happened_for_an_issue_and_a_payment(book: Location) -> None:
    issued = add_invoice(book, "acme", amount="5", issued="20 Nov", today=TODAY)  # not Nov 2027
    assert (issued["issued_on"], issued["number"]) == ("2026-11-20", "ACME-2026-002")
    paid = pay_invoice(book, issued.reference, amount="1", on="21 Nov", today=TODAY)
    assert paid.payment["paid_on"] == "2026-11-21"
    assert (
        add_invoice(book, "acme", amount="5", due="20 Nov", today=TODAY)["due_on"] == "2027-11-20"
    )  # a due day to come


def test_undo_takes_a_payment_back_and_the_amount_is_outstanding_again(book: Location) -> None:
    pay_invoice(book, "ACME-2026-001", amount="300", today=TODAY)
    pay_invoice(book, "ACME-2026-001", today=TODAY)
    undo_last(book)
    assert outstanding(book) == (Decimal("300.00"), Decimal("900.00"), None)
    with open_reader(book) as reader:
        assert len(payments_of(reader, 1)) == 1
    undo_last(book)
    assert outstanding(book) == (Decimal("0.00"), Decimal("1200.00"), None)


@settings(max_examples=25)
@given(st.lists(st.integers(min_value=1, max_value=60_000), min_size=1, max_size=6))
def test_payments_never_make_paid_exceed_gross(location: Location, amounts: list[int]) -> None:
    """Whatever partial payments are tried (in cents), paid stays ≤ gross and outstanding is
    gross − paid ≥ 0; a payment that would pass the gross is refused whole."""
    if not find_client(location):
        clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    made = add_invoice(location, "acme", amount="1000", vat_rate="19", currency="EUR", today=TODAY)
    gross = made["gross"]
    expected = Decimal("0.00")
    for cents in amounts:
        amount = Decimal(cents).scaleb(-2)
        try:
            pay_invoice(location, made.reference, amount=f"{amount}", today=date(2026, 11, 23))
            expected += amount
        except InvalidValue:
            assert expected + amount > gross
        with open_reader(location) as reader:
            now = find_invoice(reader, made.reference, TODAY)
        assert now["paid"] == expected <= gross
        assert now["outstanding"] == gross - now["paid"] >= 0
        assert (now["paid_on"] is not None) == (now["paid"] == gross)


def find_client(location: Location) -> bool:
    from kiaro_cli.core.references import resolve_client
    from kiaro_cli.errors import NotFound

    with open_reader(location) as reader:
        try:
            resolve_client(reader, "acme")
        except NotFound:
            return False
    return True
