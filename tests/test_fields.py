"""Field rules: what each typed value becomes, and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core import fields
from kiaro_cli.core.records import hundredths, to_hundredths
from kiaro_cli.errors import InvalidValue
from kiaro_cli.places import resolve_country, resolve_currency


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Netherlands", "NL"),
        ("netherland", "NL"),
        ("NL", "NL"),
        ("nld", "NL"),
        ("south africa", "ZA"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Côte d'Ivoire", "CI"),
        ("Deutschland", "DE"),
        ("united states", "US"),
        ("Viet Nam", "VN"),
    ],
)
def test_countries_by_name_code_alias_and_close_spelling(typed: str, code: str) -> None:
    assert resolve_country(typed) == code


def test_unknown_country_suggests_the_nearest() -> None:
    with pytest.raises(InvalidValue, match=r"unknown country 'Frnace'; did you mean France"):
        resolve_country("Frnace")
    with pytest.raises(InvalidValue, match="unknown country 'Atlantis'"):
        resolve_country("Atlantis")


def test_currencies_are_iso_4217() -> None:
    assert resolve_currency(" eur ") == "EUR"
    with pytest.raises(InvalidValue, match="unknown currency 'EURO'"):
        resolve_currency("EURO")
    with pytest.raises(InvalidValue):
        resolve_currency("XYZ")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+31 20 123 4567", "+31 20 123 4567"),
        ("(020) 123-4567", "+31 20 123 4567"),
        ("020 123 4567 x12", "+31 20 123 4567 x12"),
        ("020 123 4567 ext. 12", "+31 20 123 4567 x12"),
        ("123 456", "123 456"),  # does not parse for NL: kept as typed
    ],
)
def test_phone_numbers_become_international_when_they_parse(typed: str, stored: str) -> None:
    assert fields.clean_phone(typed, "NL") == stored


@pytest.mark.parametrize("typed", ["12345", "call me", "+31 20 123 4567 #2", "1" * 21, "020/123 4567"])
def test_bad_phone_numbers_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match="invalid phone"):
        fields.clean_phone(typed, "NL")


def test_email_domain_is_lower_cased_and_bad_syntax_refused() -> None:
    assert fields.clean_email(" Ann.Lee@Example.COM ") == "Ann.Lee@example.com"
    for bad in ("ann", "ann@", "@acme.com", "ann@@acme.com", "ann lee@acme.com"):
        with pytest.raises(InvalidValue, match="invalid email"):
            fields.clean_email(bad)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://acme.com", "https://acme.com"),
        ("acme.co.uk/about", "https://acme.co.uk/about"),
        ("http://localhost:8000", "http://localhost:8000"),
    ],
)
def test_websites(typed: str, stored: str) -> None:
    assert fields.clean_website(typed) == stored


@pytest.mark.parametrize(
    "typed", ["ftp://acme.com", "acme", "https://acme .com", "javascript:alert(1)", "https://-x.com"]
)
def test_bad_websites_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match="invalid website"):
        fields.clean_website(typed)


@pytest.mark.parametrize(
    ("typed", "rate"),
    [
        ("21", "21"),
        ("0", "0"),
        ("100", "100"),
        ("9.5", "9.5"),
        ("9,5", "9.5"),
        ("21%", "21"),
        ("7.25", "7.25"),
    ],
)
def test_vat_rates(typed: str, rate: str) -> None:
    assert fields.clean_vat_rate(typed) == Decimal(rate)


@pytest.mark.parametrize("typed", ["-1", "100.01", "101", "7.255", "abc", "", "1e2", "NaN"])
def test_bad_vat_rates_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue):
        fields.clean_vat_rate(typed)


def test_values_accept_thousands_separators_and_refuse_negatives() -> None:
    assert fields.clean_value("12,500.50") == Decimal("12500.50")
    assert fields.clean_value("12000") == Decimal(12000)
    for bad in ("-5", "1e20", "12.345", "99999999999999"):
        with pytest.raises(InvalidValue):
            fields.clean_value(bad)


def test_names_are_trimmed_and_limited() -> None:
    assert fields.clean_name("  Acme  ") == "Acme"
    for bad in ("", "   ", "x" * 201, "Acme\x00", "two\nlines"):
        with pytest.raises(InvalidValue):
            fields.clean_name(bad)


@given(st.decimals(min_value=0, max_value=Decimal("99999999999.99"), places=2, allow_nan=False))
def test_money_round_trips_exactly_through_storage(amount: Decimal) -> None:
    assert hundredths(to_hundredths(amount)) == amount


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_every_valid_vat_rate_is_accepted_as_typed(rate: Decimal) -> None:
    assert fields.clean_vat_rate(str(rate)) == rate


@given(st.text(max_size=40))
def test_status_is_one_of_four_or_refused(text: str) -> None:
    try:
        assert fields.clean_status(text) in fields.STATUSES
    except InvalidValue as error:
        assert "unknown status" in error.message


@given(
    st.from_regex(r"[A-Za-z0-9.+_'-]{1,12}@[A-Za-z0-9.-]{1,16}", fullmatch=True)
    | st.emails().filter(str.isascii)
)
def test_the_fast_email_path_agrees_with_email_validator(address: str) -> None:
    from email_validator import EmailNotValidError, validate_email

    from kiaro_cli.core.fields import clean_email

    try:
        expected: str | None = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    try:
        found: str | None = clean_email(address)
    except InvalidValue:
        found = None
    assert found == expected


@given(st.text(max_size=40))
def test_any_text_is_a_country_code_or_a_clear_refusal(text: str) -> None:
    try:
        code = resolve_country(text)
    except InvalidValue as error:
        assert error.message
        return
    assert len(code) == 2 and code.isupper()


@given(st.text(max_size=12))
def test_any_text_is_a_currency_code_or_a_clear_refusal(text: str) -> None:
    try:
        code = resolve_currency(text)
    except InvalidValue as error:
        assert error.message
        return
    assert len(code) == 3 and code.isupper()
