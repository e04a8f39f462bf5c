"""Countries and currencies: every way people write a country, and what is never guessed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.errors import InvalidValue
from kiaro_cli.places import (
    country_name,
    resolve_country,
    resolve_currency,
    resolve_language,
    resolve_timezone,
)

# As people and other programs write them, in English, German, French, Spanish, Dutch and more.
NAMES = {
    # codes, English names, official names and aliases
    "NL": "NL",
    "nld": "NL",
    "Netherlands": "NL",
    "netherland": "NL",
    "Holland": "NL",
    "Kingdom of the Netherlands": "NL",
    "south africa": "ZA",
    "UK": "GB",
    "Great Britain": "GB",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "united states": "US",
    "United States of America": "US",
    "USA": "US",
    "Viet Nam": "VN",
    "Côte d'Ivoire": "CI",
    "Ivory Coast": "CI",
    "Czech Republic": "CZ",
    "Russian Federation": "RU",
    "Federal Republic of Germany": "DE",
    # "Korea, Republic of" said the other way round, and a state's form around its name
    "Republic of Korea": "KR",
    "Korea, Republic of": "KR",
    "Democratic People's Republic of Korea": "KP",
    "Republic of Ireland": "IE",
    "Republic of Georgia": "GE",
    "Republic of China": "TW",
    "People's Republic of China": "CN",
    "Islamic Republic of Iran": "IR",
    # German
    "Deutschland": "DE",
    "Vereinigte Staaten": "US",
    "Vereinigtes Königreich": "GB",
    "Österreich": "AT",
    "Schweiz": "CH",
    "Niederlande": "NL",
    "Frankreich": "FR",
    "Spanien": "ES",
    "Südafrika": "ZA",
    "Türkei": "TR",
    "Republik Österreich": "AT",
    # French
    "Royaume-Uni": "GB",
    "États-Unis": "US",
    "Allemagne": "DE",
    "Suisse": "CH",
    "Pays-Bas": "NL",
    "Belgique": "BE",
    "Espagne": "ES",
    "Afrique du Sud": "ZA",
    "République française": "FR",
    "Corée, République de": "KR",
    # Spanish
    "España": "ES",
    "Estados Unidos": "US",
    "Reino Unido": "GB",
    "Alemania": "DE",
    "Países Bajos": "NL",
    "Sudáfrica": "ZA",
    "México": "MX",
    "Reino de España": "ES",
    # Dutch
    "Verenigde Staten": "US",
    "Verenigd Koninkrijk": "GB",
    "Duitsland": "DE",
    "België": "BE",
    "Nederland": "NL",
    "Zuid-Afrika": "ZA",
    # Czech, Italian, Portuguese, Polish, Nordic
    "Česko": "CZ",
    "Německo": "DE",
    "Stati Uniti": "US",
    "Italia": "IT",
    "Brasil": "BR",
    "Polska": "PL",
    "Sverige": "SE",
    "Norge": "NO",
    "Danmark": "DK",
    "Suomi": "FI",
    # close spellings that point at one country
    "Sweeden": "SE",
    "Germny": "DE",
    "Swizerland": "CH",
}


@pytest.mark.parametrize(("typed", "code"), NAMES.items())
def test_a_country_as_people_write_it(typed: str, code: str) -> None:
    assert resolve_country(typed) == code


@pytest.mark.parametrize(("typed", "code"), [("the UK", "GB"), ("The Gambia", "GM"), ("the USA", "US")])
def test_a_country_with_the_before_it(typed: str, code: str) -> None:
    assert resolve_country(typed) == resolve_country(typed, exactly=True) == code


@pytest.mark.parametrize("typed", ["Olivia", "Ian", "Sweeden"])
def test_exactly_takes_no_close_spelling(typed: str) -> None:
    with pytest.raises(InvalidValue, match=f"unknown country '{typed}'"):
        resolve_country(typed, exactly=True)


def test_the_table_covers_five_languages_and_sixty_names() -> None:
    assert len(NAMES) >= 60


@pytest.mark.parametrize(
    ("typed", "wrong"),
    [("Republic of Ireland", "IS"), ("Republic of Korea", "KE"), ("Republic of Georgia", "RS")],
)
def test_the_shared_republic_of_never_picks_another_country(typed: str, wrong: str) -> None:
    assert resolve_country(typed) != wrong


def test_two_countries_about_as_close_are_not_guessed() -> None:
    with pytest.raises(InvalidValue, match=r"country 'Austrlia' could be Australia or Austria"):
        resolve_country("Austrlia")


def test_unknown_country_suggests_the_nearest() -> None:
    with pytest.raises(InvalidValue, match=r"unknown country 'Frnace'; did you mean France"):
        resolve_country("Frnace")
    with pytest.raises(InvalidValue, match="unknown country 'Atlantis'"):
        resolve_country("Atlantis")


def test_a_close_spelling_is_of_an_english_name_a_name_in_another_language_is_read_exactly() -> None:
    with pytest.raises(InvalidValue, match=r"unknown country 'Neverland'; did you mean Netherlands"):
        resolve_country("Neverland")  # one letter from the Dutch "Nederland", and no country
    with pytest.raises(InvalidValue, match=r"unknown country 'Deutschlnd'; did you mean Germany"):
        resolve_country("Deutschlnd")
    assert [resolve_country(typed) for typed in ("Vietnan", "Japn", "Nederland")] == ["VN", "JP", "NL"]
    spelled_out = ("Oesterreich", "Tuerkei", "Suedafrika", "Rumaenien")  # umlauts as a keyboard without them
    assert [resolve_country(typed) for typed in spelled_out] == ["AT", "TR", "ZA", "RO"]


def test_country_names_read_short() -> None:
    assert [country_name(code) for code in ("KR", "GB", "DE")] == ["South Korea", "United Kingdom", "Germany"]


@given(st.text(max_size=40))
def test_any_text_is_a_country_code_or_a_clear_refusal(text: str) -> None:
    try:
        code = resolve_country(text)
    except InvalidValue as error:
        assert error.message
        return
    assert len(code) == 2 and code.isupper()


def test_currencies_are_iso_4217() -> None:
    assert resolve_currency(" eur ") == "EUR"
    with pytest.raises(InvalidValue, match="unknown currency 'EURO'"):
        resolve_currency("EURO")
    with pytest.raises(InvalidValue):
        resolve_currency("XYZ")


@pytest.mark.parametrize(
    ("code", "what"), [("XXX", "no currency"), ("xts", "testing"), ("XAU", "a precious metal")]
)
def test_iso_codes_of_no_money_are_refused(code: str, what: str) -> None:
    said = rf"'{code.upper()}' is ISO 4217's code for {what}, not a currency"
    with pytest.raises(InvalidValue, match=said):
        resolve_currency(code)


def test_the_x_codes_of_real_money_are_currencies() -> None:
    assert [resolve_currency(code) for code in ("XAF", "XOF", "XCD", "XPF")] == ["XAF", "XOF", "XCD", "XPF"]


@given(st.text(max_size=12))
def test_any_text_is_a_currency_code_or_a_clear_refusal(text: str) -> None:
    try:
        code = resolve_currency(text)
    except InvalidValue as error:
        assert error.message
        return
    assert len(code) == 3 and code.isupper()


@pytest.mark.parametrize(
    ("typed", "code"),
    [("German", "de"), ("de", "de"), ("deu", "de"), ("ger", "de"), ("Deutsch", "de"), ("allemand", "de"),
     ("Dutch", "nl"), ("Nederlands", "nl"), ("Flemish", "nl"), ("Spanish", "es"), ("español", "es"),
     ("castellano", "es"), ("ENGLISH", "en"), ("fr", "fr"), ("Français", "fr"), ("Afrikaans", "af"),
     ("isiZulu", "zu"), ("Portuguese", "pt"), ("Japanese", "ja"), ("Mandarin", "zh")],
)  # fmt: skip
def test_a_language_is_read_by_code_or_name_in_common_spellings(typed: str, code: str) -> None:
    assert resolve_language(typed) == code


def test_an_unknown_language_is_refused_with_the_closest_names() -> None:
    with pytest.raises(InvalidValue, match="did you mean German"):
        resolve_language("Germn")
    with pytest.raises(InvalidValue, match="unknown language 'Klingon'"):
        resolve_language("Klingon")


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("Europe/Amsterdam", "Europe/Amsterdam"), ("europe/amsterdam", "Europe/Amsterdam"),
     ("Amsterdam", "Europe/Amsterdam"), ("new york", "America/New_York"), ("UTC", "UTC"),
     ("Johannesburg", "Africa/Johannesburg"),
     ("South Africa", "Africa/Johannesburg"), ("Netherlands", "Europe/Amsterdam")],
)  # fmt: skip
def test_a_time_zone_is_read_by_its_name_its_city_or_a_country_with_one_zone(typed: str, zone: str) -> None:
    assert resolve_timezone(typed) == zone


def test_a_country_with_several_zones_or_a_typo_is_refused_with_suggestions() -> None:
    with pytest.raises(InvalidValue, match="Europe/Berlin"):
        resolve_timezone("Germany")  # Europe/Berlin and Europe/Busingen
    with pytest.raises(InvalidValue, match="did you mean Europe/Amsterdam"):
        resolve_timezone("Amsterdm")


def test_a_country_s_main_zones_are_suggested_first() -> None:
    with pytest.raises(InvalidValue) as raised:
        resolve_timezone("United States")
    assert raised.value.message == (
        "unknown time zone 'United States'; did you mean "
        "America/New_York, America/Chicago, America/Los_Angeles, America/Denver?"
    )


def test_the_table_of_country_names_is_pycountrys() -> None:
    """Cards name a country from a table written from pycountry (``python -m
    kiaro_cli.places``): it fails here while pycountry's names differ from it."""
    from pathlib import Path

    import kiaro_cli.country_names
    from kiaro_cli.places import write_country_names

    assert Path(kiaro_cli.country_names.__file__).read_text(encoding="utf-8") == write_country_names()


@given(st.one_of(st.sampled_from(["de", "GB", "kr", "XK", "EU", "", "DEU", "ß"]), st.text(max_size=3)))
def test_a_country_name_is_pycountrys_or_the_code_itself(code: str) -> None:
    import pycountry

    found = pycountry.countries.get(alpha_2=code) if code else None
    wanted = code if found is None else str(getattr(found, "common_name", None) or found.name)
    assert country_name(code) == wanted
