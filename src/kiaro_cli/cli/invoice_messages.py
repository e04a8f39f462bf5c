"""What the invoice commands print for people: a line a change, naming the invoice by its
number (``#ID`` for a draft), the client, the total and when it is due."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from kiaro_cli.core.money import amount_label

if TYPE_CHECKING:
    from kiaro_cli.core.ledger import InvoiceRecord
    from kiaro_cli.core.payments import Paid


def _what(invoice: InvoiceRecord) -> str:
    """``invoice ACME-2026-004 (#7) to Acme: 1,440.00 EUR, issued Mon 7 Dec 2026, due Wed 23
    Dec 2026``, ``draft invoice #8 to Acme: …`` (with the days it has been given)."""
    named = (
        f"invoice {invoice['number']} (#{invoice.id})"
        if invoice["number"]
        else f"draft invoice #{invoice.id}"
    )
    issued = "issued" if invoice["number"] else "to be issued"
    days = [
        f"{said} {_day(invoice[key])}"
        for said, key in ((issued, "issued_on"), ("due", "due_on"))
        if invoice[key]
    ]
    total = amount_label(invoice["gross"], invoice["currency"])
    return ", ".join([f"{named} to {invoice['client_name']}: {total}", *days])


def _day(iso: str) -> str:
    from kiaro_cli.dates import day_label

    return day_label(date.fromisoformat(iso))


def added(invoice: InvoiceRecord) -> str:
    return f"Added {_what(invoice)}"


def issued(invoice: InvoiceRecord) -> str:
    return f"Issued {_what(invoice)}"


def changed(invoice: InvoiceRecord) -> str:
    return f"Changed {_what(invoice)}"


def voided(invoice: InvoiceRecord) -> str:
    return f"Voided {_what(invoice)} (its number is kept, never given again)"


def removed(invoice: InvoiceRecord) -> str:
    return f"Removed {_what(invoice)}"


def paid(outcome: Paid) -> str:
    payment, invoice = outcome.payment, outcome.invoice
    amount = amount_label(payment["amount"], payment["currency"])
    left = (
        "paid in full"
        if invoice["status"] == "paid"
        else f"{amount_label(invoice['outstanding'], invoice['currency'])} outstanding"
    )
    paid_on = _day(payment["paid_on"])
    return f"Recorded payment #{payment.id} of {amount} to {invoice.reference} on {paid_on}; {left}"


def written(reference: str, path: str) -> str:
    return f"Wrote invoice {reference} to {path}"
