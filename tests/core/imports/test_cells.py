"""Cells of other programs' files: amounts, street lines, labels and phones as they write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core.imports import cells
from kiaro_cli.core.numbers import clean_value
from kiaro_cli.errors import InvalidValue


@pytest.mark.parametrize(
    ("text", "decimal_comma", "value", "currency"),
    [
        ("12.500,00 €", True, "12500.00", "EUR"),
        ("€ 3 200,50", True, "3200.50", "EUR"),
        ("1.250", True, "1250", None),
        ("1,25", True, "1.25", None),
        ("$1,250.00", False, "1250.00", None),
        ("1,250.00 USD", False, "1250.00", "USD"),
        ("£900", False, "900", "GBP"),
        ("4800", False, "4800", None),
    ],
)
def test_amounts_as_spreadsheets_write_them(
    text: str, decimal_comma: bool, value: str, currency: str | None
) -> None:
    number, sign = cells.amount(text, decimal_comma=decimal_comma)
    assert (clean_value(number), sign) == (Decimal(value), currency)


@given(st.decimals(0, 10**9, places=2), st.sampled_from(["", "€", "EUR ", " EUR", "$"]), st.booleans())
def test_any_amount_written_with_its_locales_marks_reads_back(
    amount: Decimal, sign: str, comma: bool
) -> None:
    whole, cents = f"{amount:,.2f}".split(".")  # 12,500.00 as English writes it
    text = f"{whole.replace(',', '.')},{cents}" if comma else f"{whole}.{cents}"  # 12.500,00 in German
    written = f"{text}{sign}" if sign.startswith(" ") else f"{sign}{text}"
    number, _ = cells.amount(written, decimal_comma=comma)
    assert clean_value(number) == amount


@pytest.mark.parametrize(
    ("parts", "country", "lines"),
    [
        (
            {"address_line1": "2450 Mountain View Rd\nBuilding C"},
            "US",
            ("2450 Mountain View Rd", "Building C"),
        ),
        ({"address_line1": "Lindenstraße", "house_number": "22"}, "DE", ("Lindenstraße 22", None)),
        ({"address_line1": "King Street", "house_number": "5"}, "GB", ("5 King Street", None)),
        (
            {"address_line1": "1 Main St", "address_line2": "Suite 4", "po_box": "77"},
            "US",
            ("1 Main St", "Suite 4, PO Box 77"),
        ),
        ({"formatted": "Hauptstraße 5\n10115 Berlin"}, "DE", ("Hauptstraße 5", "10115 Berlin")),
        ({"formatted": "Hauptstraße 5, 10115 Berlin", "city": "Berlin"}, "DE", (None, None)),  # whole
        ({"formatted": "Hauptstraße 5", "city": "Berlin"}, "DE", ("Hauptstraße 5", None)),  # a street
    ],
)
def test_street_lines(parts: dict[str, str], country: str, lines: tuple[str | None, str | None]) -> None:
    assert cells.street_lines(parts, country) == lines


def test_tags_from_labels() -> None:
    assert cells.tag_words(["* myContacts ::: Clients ::: * starred", "design, web; print"]) == [
        "Clients",
        "design",
        "web",
        "print",
    ]


def test_a_phone_kiaro_cannot_check_is_kept_with_a_warning() -> None:
    assert cells.import_phone("030/1234567", "DE") == ("+49 30 1234567", None)
    kept, warning = cells.import_phone("1-800-FLOWERS", "US")
    assert kept == "1-800-FLOWERS" and warning and "kept as written" in warning


@pytest.mark.parametrize(
    ("text", "plain"), [("1.39E8", "139000000"), ("1.5E+06", "1500000"), ("4E3", "4000"), ("12.5", "12.5")]
)
def test_numbers_in_e_notation_are_written_out(text: str, plain: str) -> None:
    assert cells.plain_number(text) == plain


def test_a_website_kiaro_cannot_check_is_kept_with_a_warning_but_another_scheme_is_not() -> None:
    assert cells.import_website("www.expressl&t.net") == (
        "www.expressl&t.net",
        "website 'www.expressl&t.net' kept as written (not an address kiaro can check)",
    )
    assert cells.import_website("acme.example") == ("https://acme.example", None)
    with pytest.raises(InvalidValue):
        cells.import_website("javascript:alert(1)")


@pytest.mark.parametrize(
    ("company", "none"),
    [
        ("Self-employed", True),
        ("Stealth Startup", True),
        ("FREELANCE", True),
        ("–", True),
        ("Self-Employed Photographer", True),
        ("Selbstständig", True),
        ("Acme", False),
        ("Stealth Communications Inc", False),
        ("Freelancer.com", False),
    ],
)
def test_companies_that_are_no_organisation(company: str, none: bool) -> None:
    assert cells.no_organisation(company) is none
