"""An invoice as typed: its lines (TEXT QTY PRICE) or amount, number, VAT rate, currency,
days and title, each cleaned or refused in one line before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kiaro_cli.core import money
from kiaro_cli.core.choices import clean_choice
from kiaro_cli.core.fields import clean_line
from kiaro_cli.core.numbers import MAX_VALUE
from kiaro_cli.declarations.invoice import STATUS_SYNONYMS, STATUSES
from kiaro_cli.errors import InvalidValue

MAX_NUMBER = 40  # characters of a number given with --number
MAX_DESCRIPTION = 200  # characters of a line's description
Typed = tuple[str, str, str]  # a line as typed: TEXT QTY PRICE


@dataclass(frozen=True)
class Line:
    """A line of an invoice, cleaned: its quantity in thousandths, its amounts in cents."""

    description: str
    quantity: int
    unit_price: int
    amount: int


@dataclass(frozen=True)
class Amounts:
    """An invoice's net as typed: an amount, or lines summed (no lines for an amount)."""

    net: int
    lines: tuple[Line, ...] = ()


# ---------------------------------------------------------------- typed values


def clean_lines(typed: Sequence[Typed]) -> tuple[Line, ...]:
    """Lines typed as TEXT QTY PRICE: a description on one line, a quantity > 0 (up to three
    decimals) and a unit price ≥ 0; each line's amount is quantity × price, rounded half-up."""
    lines = []
    for text, quantity, price in typed:
        description = clean_line(text, "line description", limit=MAX_DESCRIPTION)
        if not description:
            raise InvalidValue('a line needs a description: --line "Design" 2 600')
        thousandths = money.clean_quantity(quantity)
        unit_price = money.to_cents(money.clean_amount(price, "unit price"))
        lines.append(Line(description, thousandths, unit_price, money.line_cents(thousandths, unit_price)))
    return tuple(lines)


def clean_amounts(amount: str | None, lines: Sequence[Typed]) -> Amounts | None:
    """The net of ``--amount`` or of ``--line``s (exactly one of them), None when neither."""
    if amount is not None and lines:
        raise InvalidValue("give --amount or --line, not both")
    if amount is not None:
        return Amounts(money.to_cents(money.clean_amount(amount, "amount")))
    if lines:
        cleaned = clean_lines(lines)
        net = sum(line.amount for line in cleaned)
        if net >= money.to_cents(MAX_VALUE):  # what --amount may be, so that lines are kept alike
            raise InvalidValue(
                f"the lines come to {money.amount_label(money.money(net), None)}, which is too large"
            )
        return Amounts(net, cleaned)
    return None


def clean_number(text: str) -> str:
    """A number given with --number, as stored: upper-case, on one line, not ``#ID``."""
    number = (clean_line(text, "invoice number", limit=MAX_NUMBER) or "").upper()
    if not number:
        raise InvalidValue("an invoice number cannot be empty")
    if number.startswith("#") or " " in number:
        raise InvalidValue(
            f"invoice number '{number}' cannot start with # or hold spaces, e.g. ACME-2026-004"
        )
    return number


def clean_rate(text: str) -> int:
    """A VAT rate in percent (0–100, two decimals at most) as hundredths of a percent."""
    from kiaro_cli.core.numbers import clean_vat_rate

    return money.rate_basis_points(clean_vat_rate(text))


def clean_currency(text: str) -> str:
    from kiaro_cli.places import resolve_currency

    return resolve_currency(text)


def clean_day(text: str, today: date, *, past: bool = False) -> date:
    """A day typed for an invoice or a payment; with ``past`` (a day that happened: issued,
    paid), a day without a year is its latest one on or before today, as a quote's is."""
    from kiaro_cli.dates import parse_when

    return parse_when(text, today, allow_past=True, past=past)


def clean_title(text: str) -> str | None:
    return clean_line(text, "title", limit=200)


def clean_statuses(statuses: Sequence[str]) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(clean_choice(s, STATUSES, STATUS_SYNONYMS, "invoice status") for s in statuses)
    )
