"""Money as the ledger keeps it: exact amounts of two places, VAT, invoice lines and numbers.

Amounts are :class:`~decimal.Decimal` with two places in records and JSON, integers of
hundredths (cents) in the database; quantities are kept as thousandths and VAT rates as
hundredths of a percent. Every rounding is half-up to the cent, once: a line's amount is
its quantity × unit price rounded; an invoice's VAT is computed on its net total (the sum
of its lines) and rounded. Nothing is ever converted between currencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kiaro_cli.core.numbers import MAX_VALUE, read_number
from kiaro_cli.errors import InvalidValue, MissingFields

CENT = Decimal("0.01")
MAX_QUANTITY = Decimal("1e9")
NUMBER_WIDTH = 3  # INV-2026-001
_NUMBER = re.compile(r"(?P<prefix>[A-Z0-9]{1,12})-(?P<year>\d{4})-(?P<serial>\d+)")


def money(cents: int) -> Decimal:
    """Stored hundredths as an amount of two places: 480000 → Decimal('4800.00')."""
    return Decimal(cents).scaleb(-2)


def to_cents(amount: Decimal) -> int:
    """An amount of at most two places as stored hundredths."""
    return int(amount.quantize(CENT, rounding=ROUND_HALF_UP).scaleb(2))


def clean_amount(value: str, label: str = "amount") -> Decimal:
    """An amount typed or read: a number ≥ 0 with at most two decimals (``1200``,
    ``1,200.50``, ``1200,5``), refused in one line otherwise."""
    amount = read_number(value, label)
    if amount >= MAX_VALUE:
        raise InvalidValue(f"{label} '{value.strip()}' is too large")
    return amount.quantize(CENT)


def refuse_missing(what: str, client_name: str, *, amount: str | None, no_currency: bool) -> None:
    """Refuse ``what`` (``an invoice``) naming every value it lacks at once: its net amount
    (``amount`` says how to give it, when none was given) and its currency (``no_currency``:
    neither given, nor the client's, nor a default-currency)."""
    fields, needs = [], []
    if amount is not None:
        fields.append("amount")
        needs.append(f"its net amount ({amount})")
    if no_currency:
        fields.append("currency")
        needs.append(f"a currency (--currency CODE: {client_name} has none and no default-currency is set)")
    if fields:
        raise MissingFields(f"{what} needs {' and '.join(needs)}", fields)


def clean_quantity(value: str) -> int:
    """A line's quantity (> 0, at most three decimals: ``1.5`` hours) as thousandths."""
    quantity = read_number(value, "quantity", decimals=3)
    if quantity <= 0 or quantity >= MAX_QUANTITY:
        raise InvalidValue(f"quantity '{value.strip()}' must be more than 0")
    return int(quantity.scaleb(3))


def rate_basis_points(rate: Decimal) -> int:
    """A VAT rate in percent (``20``, ``8.5``) as stored hundredths of a percent."""
    return int(rate.scaleb(2))


def vat_cents(net_cents: int, rate_bp: int) -> int:
    """VAT on a net total: net × rate, rounded half-up to the cent."""
    return _round_half_up(net_cents * rate_bp, 10_000)


def line_cents(quantity_thousandths: int, unit_price_cents: int) -> int:
    """A line's amount: quantity × unit price, rounded half-up to the cent."""
    return _round_half_up(quantity_thousandths * unit_price_cents, 1000)


def _round_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half away from zero (amounts are never negative)."""
    assert numerator >= 0 and denominator > 0
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True)
class Totals:
    """Net, VAT and gross of a quote or invoice, in cents."""

    net: int
    vat: int

    @property
    def gross(self) -> int:
        return self.net + self.vat


def totals(net_cents: int, rate_bp: int) -> Totals:
    return Totals(net_cents, vat_cents(net_cents, rate_bp))


def number(prefix: str, year: int, serial: int) -> str:
    """A ledger number: ``ACME-2026-004``."""
    return f"{prefix}-{year:04d}-{serial:0{NUMBER_WIDTH}d}"


def series(prefix: str, day: date) -> str:
    """The series a number of ``day`` is taken from: ``INV-2026``."""
    return f"{prefix}-{day.year:04d}"


def parse_number(text: str) -> tuple[str, int, int] | None:
    """The prefix, year and serial of a number of the form ``CODE-YYYY-NNN``, else None."""
    found = _NUMBER.fullmatch(text.strip().upper())
    return None if found is None else (found["prefix"], int(found["year"]), int(found["serial"]))


def amount_label(amount: Decimal | None, currency: str | None) -> str:
    """An amount as people read it, with its currency: ``4,800.00 EUR``; ``? EUR`` for a
    stored amount that is no number (``kiaro db check`` names it)."""
    shown = "?" if amount is None else f"{amount:,.2f}"
    return f"{shown} {currency}" if currency else shown
