"""The reverse-charge hint: no VAT charged, to a client with a VAT number in another country."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiaro_cli.core.invoice_notes import REVERSE_CHARGE, reverse_charge_note


def test_no_vat_to_a_registered_client_abroad_gets_the_hint() -> None:
    note = reverse_charge_note(Decimal("0"), "DE", "DE123456789", "NL")
    assert note == REVERSE_CHARGE
    assert note.startswith("Reverse charge:") and "recipient" in note
    assert reverse_charge_note(Decimal("0.00"), " fr ", "FR12345678901", "nl") == REVERSE_CHARGE


@pytest.mark.parametrize(
    ("rate", "client_country", "vat_number", "home"),
    [
        (Decimal("20"), "DE", "DE123456789", "NL"),  # VAT is charged
        (Decimal("0.01"), "DE", "DE123456789", "NL"),
        (Decimal("0"), "NL", "NL123456789B01", "NL"),  # the same country
        (Decimal("0"), "nl", "NL123456789B01", " NL "),  # the same country, written otherwise
        (Decimal("0"), "DE", None, "NL"),  # no VAT number
        (Decimal("0"), "DE", "   ", "NL"),
        (Decimal("0"), None, "DE123456789", "NL"),  # a country unknown
        (Decimal("0"), "DE", "DE123456789", None),
        (Decimal("0"), "DE", "DE123456789", ""),
    ],
)
def test_no_hint_otherwise(
    rate: Decimal, client_country: str | None, vat_number: str | None, home: str | None
) -> None:
    assert reverse_charge_note(rate, client_country, vat_number, home) is None
