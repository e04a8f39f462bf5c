"""The notes a printed invoice may carry under its totals, worded here so the page only prints them.

The reverse-charge note is a hint, not advice: it is offered when an invoice charges no VAT to a
client with a VAT number in another country than the business's (the common case of a service
sold across an EU border), and the user may word it otherwise or leave it out.
"""

from __future__ import annotations

from decimal import Decimal

REVERSE_CHARGE = (
    "Reverse charge: VAT to be accounted for by the recipient (Art. 196, Council Directive 2006/112/EC)."
)


def reverse_charge_note(
    vat_rate: Decimal, client_country: str | None, client_vat_number: str | None, home_country: str | None
) -> str | None:
    """:data:`REVERSE_CHARGE` when ``vat_rate`` is 0 and the client has a VAT number and a country
    known to differ from ``home_country`` (alpha-2 codes, any case); else None."""
    if vat_rate != 0 or not (client_vat_number or "").strip():
        return None
    client, home = (client_country or "").strip().upper(), (home_country or "").strip().upper()
    return REVERSE_CHARGE if client and home and client != home else None
