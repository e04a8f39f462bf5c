"""Phone numbers read once: what an import gets from the kept readings is what a fresh
parse gives, and the readings kept stay bounded."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli import phones
from kiaro_cli.core.duplicates import phone_key
from kiaro_cli.core.fields import clean_phone
from kiaro_cli.search import phone_digit_forms


@pytest.fixture(autouse=True)
def nothing_kept() -> None:
    phones._READ.clear()


def derived(typed: str, country: str | None) -> tuple[str, list[str], object]:
    stored = clean_phone(typed, country)
    return stored, phone_digit_forms(stored), phone_key(stored, country)


@given(
    st.from_regex(r"\+?[0-9]{1,3}[ -]?\(?[0-9]{1,4}\)?[ -]?[0-9]{2,4}[ -]?[0-9]{2,5}", fullmatch=True),
    st.sampled_from([None, "FR", "DE", "US", "GB", "NL"]),
)
def test_a_number_read_again_gives_what_a_fresh_parse_gives(typed: str, country: str | None) -> None:
    try:
        first = derived(typed, country)
    except Exception as error:  # refused alike both times
        phones._READ.clear()
        with pytest.raises(type(error)):
            derived(typed, country)
        return
    again = derived(typed, country)
    phones._READ.clear()
    assert first == again == derived(typed, country)


def test_an_import_row_parses_its_number_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    parse = phonenumbers.parse

    def counted(number: str, region: str | None = None) -> phonenumbers.PhoneNumber:
        calls.append(number)
        return parse(number, region)

    monkeypatch.setattr(phonenumbers, "parse", counted)
    stored, forms, key = derived("01 42 68 53 00", "FR")
    assert stored == "+33 1 42 68 53 00"
    assert "0142685300" in forms and key == ("33", "142685300")
    assert calls == ["01 42 68 53 00"]


def test_a_number_with_a_plus_reads_the_same_in_every_region() -> None:
    assert phones.read_phone("+31 20 765 4321", "FR") is phones.read_phone("+31 20 765 4321", None)
    assert phones.read_phone("not a number", "FR") is None


def test_the_readings_kept_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phones, "KEPT", 3)
    for n in range(10):
        phones.read_phone(f"+33 1 42 68 53 0{n}", None)
    assert len(phones._READ) <= 3


def test_a_plus_without_a_country_code_is_read_for_each_region() -> None:
    """``+0…`` is read by the region's international prefix (``00`` in France, not in the
    US): what one region made of it is never given to another."""
    assert derived("+0(02)0200", "US")[2] == ("", "20200")  # nothing after the plus reads in the US
    assert derived("+0(02)0200", "FR")[2] == ("20", "200")  # in France, +0 020200 is +20 200
    assert derived("+0(02)0200", "US")[2] == ("", "20200")
    assert derived("+33 1 42 68 53 00", "US") == derived("+33 1 42 68 53 00", "FR")
