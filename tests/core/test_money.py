"""Money as the ledger keeps it: exact amounts, VAT rounded half-up once on the net total,
line amounts, and numbers that read back as they were made."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core import money
from kiaro_cli.errors import InvalidValue

cents = st.integers(min_value=0, max_value=10**12)
rates = st.integers(min_value=0, max_value=10_000)  # 0 to 100 %, in hundredths


@given(cents, rates)
def test_vat_is_the_net_times_the_rate_rounded_half_up_to_the_cent(net: int, rate: int) -> None:
    exact = money.money(net) * Decimal(rate).scaleb(-4)
    assert money.money(money.vat_cents(net, rate)) == exact.quantize(money.CENT, rounding=ROUND_HALF_UP)


@given(cents, rates)
def test_gross_is_net_plus_vat_and_never_less_than_net(net: int, rate: int) -> None:
    totals = money.totals(net, rate)
    assert totals.gross == net + totals.vat >= net


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=10**8))
def test_a_line_is_quantity_times_price_rounded_half_up(quantity: int, price: int) -> None:
    exact = Decimal(quantity).scaleb(-3) * money.money(price)
    assert money.money(money.line_cents(quantity, price)) == exact.quantize(
        money.CENT, rounding=ROUND_HALF_UP
    )


def test_half_a_cent_rounds_up() -> None:
    assert money.vat_cents(1250, 2000) == 250  # 12.50 × 20 % = 2.50
    assert money.vat_cents(1, 5000) == 1  # 0.005 → 0.01
    assert money.line_cents(1500, 3) == 5  # 1.5 × 0.03 = 0.045 → 0.05


@given(st.decimals(min_value=0, max_value=Decimal("1e12"), places=2))
def test_an_amount_reads_back_to_the_same_cents(amount: Decimal) -> None:
    assert money.money(money.to_cents(amount)) == amount
    assert money.clean_amount(f"{amount:f}") == amount


@pytest.mark.parametrize("typed", ["-5", "abc", "12.345", "1e3", ""])
def test_an_amount_that_is_not_one_is_refused(typed: str) -> None:
    with pytest.raises(InvalidValue):
        money.clean_amount(typed)


def test_a_quantity_is_kept_in_thousandths_and_must_be_more_than_zero() -> None:
    assert money.clean_quantity("1.5") == 1500
    for typed in ("0", "-1", "0.0001", "two"):
        with pytest.raises(InvalidValue):
            money.clean_quantity(typed)


@given(st.from_regex(r"[A-Z0-9]{1,12}", fullmatch=True), st.integers(1900, 2999), st.integers(1, 10**6))
def test_a_number_reads_back_as_made(prefix: str, year: int, serial: int) -> None:
    made = money.number(prefix, year, serial)
    assert money.parse_number(made) == (prefix, year, serial)


def test_numbers_are_padded_to_three_digits() -> None:
    assert money.number("ACME", 2026, 4) == "ACME-2026-004"
    assert money.parse_number("Q-2026-1000") == ("Q", 2026, 1000)
    assert money.parse_number("not a number") is None
