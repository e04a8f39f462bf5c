"""The ledger read on a day: an invoice's status from its payments and due day, a quote
that expired, a late project, and a client's money per currency."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kiaro_cli.core import ledger
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import Reader
from kiaro_cli.storage.unit import Database, write
from tests.helpers import Run

DAY = date(2026, 12, 7)


@pytest.fixture
def book(kiaro: Run, location: Location) -> Location:
    """A client with a project, an overdue invoice paid in part, a paid one in USD, a void
    one, a draft, and an expired quote."""
    from kiaro_cli.storage.rows import Invoice, InvoiceLine, Payment, Project, Quote

    assert kiaro("client", "quick-add", "Acme", "-q").exit_code == 0
    with write(location) as w:
        project = Project(
            client_id=1,
            name="Web",
            status="active",
            currency="EUR",
            deadline="2026-12-01",
            created_at=w.at,
            updated_at=w.at,
        )
        w.add(project)
        w.flush()

        def invoice(number: str | None, state: str, currency: str, net: int, paid: int, due: str) -> Invoice:
            row = Invoice(
                client_id=1, project_id=project.id, number=number, state=state, currency=currency,
                net_cents=net, vat_rate_bp=2000, vat_cents=net // 5, gross_cents=net + net // 5,
                paid_cents=paid, issued_on="2026-11-01", due_on=due, created_at=w.at, updated_at=w.at,
            )  # fmt: skip
            w.add(row)
            w.flush()
            return row

        overdue = invoice("INV-2026-001", "open", "EUR", 10000, 5000, "2026-12-01")
        invoice("INV-2026-002", "open", "USD", 1000, 1200, "2026-12-01")
        invoice("INV-2026-003", "void", "EUR", 99900, 0, "2026-12-01")
        invoice(None, "draft", "EUR", 500, 0, "2026-12-31")
        w.add(InvoiceLine(invoice_id=overdue.id, position=1, description="Design", quantity_milli=1500,
                          unit_price_cents=6667, amount_cents=10000))  # fmt: skip
        w.add(Payment(invoice_id=overdue.id, client_id=1, paid_on="2026-11-05", amount_cents=5000,
                      currency="EUR", created_at=w.at))  # fmt: skip
        w.add(Quote(client_id=1, number="Q-2026-001", currency="EUR", net_cents=100, vat_rate_bp=0,
                    vat_cents=0, gross_cents=100, status="sent", valid_until="2026-12-01", created_at=w.at,
                    updated_at=w.at))  # fmt: skip
    return location


@pytest.fixture
def reader(book: Location) -> Iterator[Reader]:
    with Database(book).read() as opened:
        yield opened


def test_an_invoice_reads_with_its_status_lines_and_amounts(reader: Reader) -> None:
    made: dict[str, Any] = ledger.find_invoice(reader, "inv-2026-001", DAY).to_dict()
    assert made["status"] == "overdue" and made["outstanding"] == Decimal("70.00")
    assert made["lines"] == [
        {
            "description": "Design",
            "quantity": Decimal("1.5"),
            "unit_price": Decimal("66.67"),
            "amount": Decimal("100.00"),
        }
    ]
    assert ledger.find_invoice(reader, "INV-2026-001", date(2026, 11, 30))["status"] == "partly-paid"
    assert ledger.find_invoice(reader, "INV-2026-002", DAY)["status"] == "paid"
    assert ledger.find_invoice(reader, "INV-2026-003", DAY)["outstanding"] == Decimal("0.00")
    assert ledger.find_invoice(reader, "#4", DAY).reference == "#4"


def test_a_missing_invoice_or_quote_is_named_in_the_refusal(reader: Reader) -> None:
    from kiaro_cli.errors import NotFound

    with pytest.raises(NotFound, match="INV-2026-009"):
        ledger.find_invoice(reader, "INV-2026-009", DAY)
    with pytest.raises(NotFound, match="Q-1"):
        ledger.find_quote(reader, "Q-1", DAY)


def test_a_sent_quote_past_its_day_is_expired_and_a_project_past_its_deadline_late(reader: Reader) -> None:
    assert ledger.find_quote(reader, "Q-2026-001", DAY)["status"] == "expired"
    assert ledger.find_quote(reader, "Q-2026-001", date(2026, 12, 1))["status"] == "sent"
    project = ledger.get_project(reader, 1, DAY)
    assert project["late"] is True and project["invoiced"] == Decimal("120.00")  # open ones in its currency


def test_a_clients_money_is_kept_per_currency(reader: Reader) -> None:
    made = ledger.client_money(reader, 1, DAY)
    assert {currency: amounts.to_dict() for currency, amounts in made.finance.items()} == {
        "EUR": {"invoiced": Decimal("120.00"), "paid": Decimal("50.00"), "outstanding": Decimal("70.00"),
                "overdue": Decimal("70.00")},
        "USD": {"invoiced": Decimal("12.00"), "paid": Decimal("12.00"), "outstanding": Decimal("0.00"),
                "overdue": Decimal("0.00")},
    }  # fmt: skip
    assert (made.projects_open, made.quotes_open) == (1, 0)


def test_a_number_once_taken_is_never_given_again_even_when_undone(kiaro: Run, book: Location) -> None:
    from kiaro_cli.storage.rows import Quote

    with write(book) as w:
        first = w.take_number("Q-2026")
        row = Quote(client_id=1, number=f"Q-2026-{first:03d}", currency="EUR", net_cents=1, vat_rate_bp=0,
                    vat_cents=0, gross_cents=1, created_at=w.at, updated_at=w.at)  # fmt: skip
        w.add(row)
        w.flush()
        w.journal.record(1, "quote added", "Quote added")
    assert kiaro("undo").exit_code == 0
    with write(book) as w:
        assert w.take_number("Q-2026") == first + 1
