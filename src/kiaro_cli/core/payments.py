"""Payments of an issued invoice: whole or partial, in the invoice's currency, never more
than what is outstanding. The payment that completes an invoice gives it its ``paid_on``.
Each is a line in the client's history that ``kiaro undo`` takes back (the invoice's paid
amount with it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kiaro_cli.core import money
from kiaro_cli.core.fields import clean_line
from kiaro_cli.core.invoice_input import clean_day
from kiaro_cli.core.ledger import (
    InvoiceRecord,
    PaymentRecord,
    find_invoice,
    get_invoice,
    payments_of,
    refuse_unreadable_amounts,
)
from kiaro_cli.declarations.payment import PAYMENT
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage.invoice_queries import PAYMENT_BY_ID
from kiaro_cli.storage.reader import Reader, by_id

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target

PAYMENT_KEYS = PAYMENT.keys  # the JSON object of a payment, in order
MAX_METHOD = 100


@dataclass(frozen=True)
class Paid:
    """A payment recorded, and the invoice as it leaves it."""

    payment: PaymentRecord
    invoice: InvoiceRecord

    def to_dict(self) -> dict[str, Any]:
        return self.payment.to_dict()


def get_payment(reader: Reader, payment_id: int) -> PaymentRecord:
    row = by_id(reader, PAYMENT_BY_ID, payment_id)
    if row is None:
        raise NotFound(f"no payment with id {payment_id}")
    return PaymentRecord.from_row(row)


def invoice_with_payments(
    reader: Reader, reference: str, today: date
) -> tuple[InvoiceRecord, list[PaymentRecord]]:
    """An invoice and its payments, the earliest first, in one snapshot."""
    found = find_invoice(reader, reference, today)
    return found, payments_of(reader, found.id)


def clean_payment_amount(text: str) -> int:
    """A payment's amount as typed, in cents: a number > 0 with two decimals at most."""
    cents = money.to_cents(money.clean_amount(text, "amount"))
    if cents <= 0:
        raise InvalidValue(f"a payment must be more than 0, not '{text.strip()}'")
    return cents


def refuse_paid_ahead(paid_on: date, today: date) -> None:
    """A payment is a record of what happened: one dated ahead of today is refused."""
    if paid_on > today:
        raise InvalidValue(f"a payment is recorded once made: {paid_on.isoformat()} is ahead of today")


def pay_invoice(
    target: Target,
    reference: str,
    *,
    amount: str | None = None,
    on: str | None = None,
    method: str | None = None,
    today: date,
) -> Paid:
    """Record a payment of an issued invoice: ``amount`` (default: all that is outstanding)
    on the day ``on`` (default: today), paid by ``method``."""
    cents = clean_payment_amount(amount) if amount is not None else None
    paid_on = clean_day(on, today, past=True) if on is not None else today
    refuse_paid_ahead(paid_on, today)
    how = clean_line(method, "payment method", limit=MAX_METHOD) if method is not None else None
    from kiaro_cli.storage.rows import Payment
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        found = find_invoice(w.reader, reference, today)
        row = w.invoices.get(found.id)
        name = row.number or f"#{row.id}"
        if row.state == "open":
            refuse_unreadable_amounts(found)
        if row.state == "draft":
            raise InvalidValue(f"{name} is a draft; issue it first: kiaro invoice issue {name}")
        if row.state == "void":
            raise InvalidValue(f"{name} is void; it takes no payments")
        outstanding = row.gross_cents - row.paid_cents
        if outstanding <= 0:
            raise InvalidValue(f"{name} is paid in full")
        cents = outstanding if cents is None else cents
        if cents > outstanding:
            raise InvalidValue(f"{_label(cents, row.currency)} is more than the "
                               f"{_label(outstanding, row.currency)} outstanding on {name}")  # fmt: skip
        payment = Payment(
            invoice_id=row.id,
            client_id=row.client_id,
            paid_on=paid_on.isoformat(),
            amount_cents=cents,
            currency=row.currency,
            method=how,
            created_at=w.at,
        )
        w.add(payment)
        row.paid_cents += cents
        if row.paid_cents == row.gross_cents:
            row.paid_on = paid_on.isoformat()
        row.updated_at = w.at
        w.add(row)
        w.flush()
        assert payment.id is not None
        left = row.gross_cents - row.paid_cents
        detail = f"Payment of {_label(cents, row.currency)} on {name} added" + (
            f"; {_label(left, row.currency)} outstanding" if left else "; paid in full"
        )
        w.journal.log(
            w.clients.get(row.client_id), "payment added", detail, invoice_id=row.id, payment_id=payment.id
        )
        return Paid(get_payment(w.reader, payment.id), get_invoice(w.reader, row.id, today))


def _label(cents: int, currency: str) -> str:
    return money.amount_label(money.money(cents), currency)
