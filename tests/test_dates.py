"""Date phrases: fast paths, calendar months, next occurrence, refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.dates import add_months, parse_when
from kiaro_cli.errors import InvalidValue

TODAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 24)),
        ("1w", date(2026, 11, 30)),
        ("2w", date(2026, 12, 7)),
        ("1m", date(2026, 12, 23)),
        ("3m", date(2027, 2, 23)),
        ("10d", date(2026, 12, 3)),
        ("1y", date(2027, 11, 23)),
        ("in 3 weeks", date(2026, 12, 14)),
        ("in a month", date(2026, 12, 23)),
        ("in two days", date(2026, 11, 25)),
        ("next friday", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("monday", date(2026, 11, 30)),
        ("October 15", date(2027, 10, 15)),
        ("15 Oct", date(2027, 10, 15)),
        ("Nov 23", TODAY),
        ("December 1st", date(2026, 12, 1)),
        ("end of month", date(2026, 11, 30)),
    ],
)
def test_phrases_resolve_without_dateparser(phrase: str, expected: date) -> None:
    assert parse_when(phrase, TODAY) == expected


def test_month_arithmetic_clamps_to_the_last_day() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert parse_when("1m", date(2027, 1, 31)) == date(2027, 2, 28)


def test_past_dates_are_refused_for_reminders_but_allowed_elsewhere() -> None:
    with pytest.raises(InvalidValue, match=r"'yesterday' is in the past \(2026-11-22\)"):
        parse_when("yesterday", TODAY)
    assert parse_when("2020-02-29", TODAY, allow_past=True) == date(2020, 2, 29)


@pytest.mark.parametrize("phrase", ["2026-02-30", "whenever", "", "February 30"])
def test_nonsense_is_refused_quoting_the_phrase(phrase: str) -> None:
    with pytest.raises(InvalidValue):
        parse_when(phrase, TODAY)


@given(
    st.integers(min_value=1, max_value=500),
    st.sampled_from("dwmy"),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
)
def test_chips_are_always_in_the_future(amount: int, unit: str, today: date) -> None:
    resolved = parse_when(f"{amount}{unit}", today)
    assert resolved > today
    if unit == "d":
        assert resolved == today + timedelta(days=amount)
    if unit == "w":
        assert resolved == today + timedelta(weeks=amount)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(min_value=0, max_value=240)
)
def test_calendar_months_keep_the_day_or_clamp_it(start: date, months: int) -> None:
    moved = add_months(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day == start.day or (moved.day < start.day and (moved + timedelta(days=1)).day == 1)
