"""Field rules: what each typed value becomes, and what is refused."""

from __future__ import annotations

import re
import sys
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.characters import first_unseen
from kiaro_cli.core import choices, fields, numbers
from kiaro_cli.core.records import hundredths, to_hundredths
from kiaro_cli.errors import InvalidValue


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
    assert numbers.clean_vat_rate(typed) == Decimal(rate)


@pytest.mark.parametrize("typed", ["-1", "100.01", "101", "7.255", "1.250", "abc", "", "1e2", "NaN"])
def test_bad_vat_rates_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue):
        numbers.clean_vat_rate(typed)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("-1", r"^VAT rate '-1' is not a number ≥ 0 \(e.g. 21 or 7.5\)$"),  # a rate's examples
        ("7.255", r"^VAT rate '7.255' has more than 2 decimals$"),  # no "for 7255, type 7255"
        ("7.250", r"^VAT rate '7.250' may be read as a thousand; type 7.25$"),  # 7250 is no rate
    ],
)
def test_a_refused_vat_rate_offers_only_what_a_rate_can_be(typed: str, said: str) -> None:
    with pytest.raises(InvalidValue, match=said):
        numbers.clean_vat_rate(typed)


def test_values_accept_thousands_separators_and_refuse_negatives() -> None:
    assert numbers.clean_value("12,500.50") == Decimal("12500.50")
    assert numbers.clean_value("12000") == Decimal(12000)
    for bad in ("-5", "1e20", "12.3456", "99999999999999"):
        with pytest.raises(InvalidValue):
            numbers.clean_value(bad)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1250", "1250"),
        ("1250.5", "1250.5"),
        ("1250,50", "1250.50"),  # a decimal comma with one or two digits reads one way only
        ("1,250.00", "1250.00"),
        ("1.250,00", "1250.00"),
        ("12 000,50", "12000.50"),
        ("12'000.50", "12000.50"),
        ("1,250,000", "1250000"),
        ("1.250.000", "1250000"),
    ],
)
def test_amounts_in_every_form_that_reads_one_way(typed: str, amount: str) -> None:
    assert numbers.clean_value(typed) == Decimal(amount)


@pytest.mark.parametrize(("typed", "big", "small"), [("1,250", "1250", "1.25"), ("12.000", "12000", "12")])
def test_an_amount_that_reads_two_ways_is_refused_with_both(typed: str, big: str, small: str) -> None:
    with pytest.raises(InvalidValue, match=f"could mean {big} or {small}"):
        numbers.clean_value(typed)


@given(st.decimals(0, 10**9, places=2, allow_nan=False), st.sampled_from([",", ".", " ", "'"]))
def test_a_number_grouped_in_thousands_reads_as_itself_or_is_refused_as_two_ways(
    number: Decimal, mark: str
) -> None:
    whole, _, cents = f"{number:f}".partition(".")
    groups = f"{int(whole):,}".replace(",", mark)
    decimal = "," if mark == "." else "."
    typed = f"{groups}{decimal}{cents}" if cents else groups
    if numbers.one_group(typed):  # one group alone: a thousand, or a decimal?
        with pytest.raises(InvalidValue, match="could mean"):
            numbers.read_number(typed, "n", signed=True, decimals=None)
    else:
        assert numbers.read_number(typed, "n", signed=True, decimals=None) == number


@given(st.integers(1, 999), st.integers(0, 999), st.sampled_from([".", ","]), st.sampled_from([2, 3]))
def test_each_form_a_two_way_refusal_suggests_reads_one_way(
    whole: int, part: int, mark: str, decimals: int
) -> None:
    typed = f"{whole}{mark}{part:03d}"
    with pytest.raises(InvalidValue) as refused:
        numbers.read_number(typed, "quantity", decimals=decimals)
    suggested = str(refused.value).split("type ", 1)[1].removesuffix(" instead").rstrip(")")
    readings = {Decimal(whole * 1000 + part), Decimal(whole) + Decimal(part) / 1000}
    read = {numbers.read_number(form, "quantity", decimals=decimals) for form in suggested.split(" or ")}
    assert typed not in suggested.split(" or ") and Decimal(whole * 1000 + part) in read <= readings


def test_a_three_place_quantity_is_typed_with_a_trailing_zero() -> None:
    with pytest.raises(InvalidValue, match=r"could mean 1333 or 1\.333; type 1333 or 1\.3330 instead"):
        numbers.read_number("1.333", "quantity", decimals=3)
    assert numbers.read_number("1.3330", "quantity", decimals=3) == Decimal("1.333")
    with pytest.raises(InvalidValue, match=r"'5\.555' has more than 2 decimals \(for 5555, type 5555\)"):
        numbers.clean_value("5.555", "amount")
    assert str(numbers.clean_value("5.5500")) == "5.55"  # trailing zeros are not decimals
    with pytest.raises(InvalidValue, match="is too large"):
        numbers.read_number("1" * 30 + ".000", "amount")  # more digits than a Decimal holds


def test_a_file_s_decimal_comma_settles_what_one_group_means() -> None:
    assert numbers.read_number("1.250", "n", decimal_comma=True) == Decimal(1250)
    assert numbers.read_number("1,25", "n", decimal_comma=True) == Decimal("1.25")
    assert numbers.read_number("-1,5", "n", signed=True, decimal_comma=True) == Decimal("-1.5")
    with pytest.raises(InvalidValue, match="is not a number ≥ 0"):
        numbers.read_number("-1", "n")


@pytest.mark.parametrize(
    ("clean", "typed", "stored"),
    [
        (choices.clean_status, "Potential", "lead"),
        (choices.clean_status, "prospect", "lead"),
        (choices.clean_status, "ACTIVE", "active"),
        (choices.clean_role, "Decision Maker", "decision-maker"),
        (choices.clean_role, "technical_lead", "technical-lead"),
        (choices.clean_interaction_type, "Phone call", "call"),
    ],
)
def test_choices_accept_the_words_other_tools_use(clean: object, typed: str, stored: str) -> None:
    assert clean(typed) == stored  # type: ignore[operator]


def test_tags_split_on_semicolons_and_commas() -> None:
    from kiaro_cli.core.fields import clean_tags

    assert clean_tags(["design, web", "Web;retainer", " "]) == ["design", "web", "retainer"]
    with pytest.raises(InvalidValue, match="cannot contain"):
        fields.clean_tag("a,b")


def test_text_refuses_exactly_the_control_characters_but_line_feed_and_tab_and_bytes_not_utf8() -> None:
    everything = list(map(chr, range(sys.maxunicode + 1)))
    refused = {c for c in everything if first_unseen(f"a{c}b", lines=True)}
    control = {c for c in everything if unicodedata.category(c) in ("Cc", "Cs")}  # Cs: bytes not UTF-8
    assert refused == control - {"\n", "\t"}
    with pytest.raises(InvalidValue, match="notes contains control characters"):
        fields.clean_text("call back\x1b[31m", "notes")
    assert fields.clean_text(" a\tb\nc ", "notes") == "a\tb\nc"


def test_one_line_refuses_every_control_and_format_character() -> None:
    everything = list(map(chr, range(sys.maxunicode + 1)))
    refused = {c for c in everything if first_unseen(f"a{c}b")}
    assert refused == {c for c in everything if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")}


BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("char", [*BIDI, "\u200e", "\u200f", "\u061c", "\u200b", "\u2028"])
def test_names_tags_and_lines_refuse_bidi_and_format_characters_but_notes_keep_them(char: str) -> None:
    typed = f"Acme{char}exe.pdf"
    said = re.escape(f"U+{ord(char):04X}")
    with pytest.raises(InvalidValue, match=f"^name contains the invisible format character {said}$"):
        fields.clean_name(typed)
    with pytest.raises(InvalidValue, match=f"^tag contains the invisible format character {said}$"):
        fields.clean_tag(typed)
    with pytest.raises(InvalidValue, match=f"^city contains the invisible format character {said}$"):
        fields.clean_line(typed, "city")
    with pytest.raises(InvalidValue, match=f"^website contains the invisible format character {said}$"):
        fields.clean_website(f"https://acme.com/{char}exe")
    with pytest.raises(InvalidValue, match=f"^summary contains the invisible format character {said}$"):
        fields.clean_entry(f"Call\nabout {typed}", "summary")
    assert fields.clean_entry("Call\n\tabout the logo", "summary") == "Call\n\tabout the logo"
    assert fields.clean_text(typed, "notes") == typed  # shown escaped wherever it is printed


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
    assert numbers.clean_vat_rate(str(rate)) == rate


@given(st.text(max_size=40))
def test_status_is_one_of_four_or_refused(text: str) -> None:
    try:
        assert choices.clean_status(text) in choices.STATUSES
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


@given(st.text(alphabet=st.characters(codec="utf-8")), st.booleans())
def test_visible_escapes_each_unseen_character_and_nothing_else(text: str, lines: bool) -> None:
    """Its fast paths (a printable text; with lines, one printable but for newlines and tabs)
    give what escaping character by character gives."""
    from kiaro_cli.characters import escaped, visible

    assert visible(text, lines=lines) == "".join(c if lines and c in "\n\t" else escaped(c) for c in text)
