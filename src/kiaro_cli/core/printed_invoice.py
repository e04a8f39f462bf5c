"""What a printed invoice carries, read in one snapshot: the invoice with the payment terms it
was issued on, the business block from the settings, whom it is billed to (the legal name,
the invoicing address else the default one, the VAT number and country), and the notes
under its totals (a reverse-charge hint when it charges no VAT across a border)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kiaro_cli.core.address_records import addresses_of, billing_address
from kiaro_cli.core.clients import load_client
from kiaro_cli.core.invoice_notes import reverse_charge_note
from kiaro_cli.core.ledger import find_invoice, refuse_unreadable_amounts
from kiaro_cli.core.settings import load_settings
from kiaro_cli.storage.reader import Reader


@dataclass(frozen=True)
class PrintedInvoice:
    """The values of an invoice's page (see :func:`kiaro_cli.codecs.invoice_page.invoice_page`)."""

    invoice: dict[str, Any]  # its JSON object, with payment_terms_days
    business: dict[str, str | None]
    bill_to: dict[str, str | None]
    notes: tuple[str, ...]


def printed_invoice(reader: Reader, reference: str, today: date) -> PrintedInvoice:
    """The page's values of the invoice ``reference`` names (a number or ``#ID``)."""
    found = find_invoice(reader, reference, today)
    refuse_unreadable_amounts(found)  # a page for a client never leaves out its total
    settings = load_settings(reader)
    client = load_client(reader, found.client_id, settings)
    address = billing_address(addresses_of(reader, client))
    country = address.country if address is not None else client.country
    invoice = found.to_dict()
    if found["issued_on"] and found["due_on"]:
        issued, due = date.fromisoformat(found["issued_on"]), date.fromisoformat(found["due_on"])
        invoice["payment_terms_days"] = (due - issued).days
    lines = []
    if address is not None:
        town = " ".join(part for part in (address.postal_code, address.city) if part)
        lines = [part for part in (address.line1, address.line2, town, address.region) if part]
    note = reverse_charge_note(found["vat_rate"], country, client.vat_number, settings.home_country)
    return PrintedInvoice(
        invoice=invoice,
        business={
            "name": settings.business_name,
            "address": settings.business_address,
            "vat_number": settings.business_vat_number,
            "iban": settings.business_iban,
        },
        bill_to={
            "legal_name": client.legal_name,
            "name": client.name,
            "address": "\n".join(lines) or None,
            "vat_number": client.vat_number,
            "country": country,
        },
        notes=(note,) if note else (),
    )
