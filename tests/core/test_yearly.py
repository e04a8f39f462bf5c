"""Days that come back every year: a birthday as typed and kept, the day a yearly date falls on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core.yearly import birthday_label, clean_birthday, falls_on, month_day, next_yearly
from kiaro_cli.errors import InvalidValue
from tests.helpers import TODAY


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("1984-05-17", "1984-05-17"),
        ("--05-17", "--05-17"),
        ("--5-7", "--05-07"),
        ("17 May 1984", "1984-05-17"),
        ("May 17, 1984", "1984-05-17"),
        ("May 17", "--05-17"),
        ("29 February", "--02-29"),
        ("--02-29", "--02-29"),
        ("2000-02-29", "2000-02-29"),
        ("", None),
        ("off", None),
        ("  OFF ", None),
    ],
)
def test_a_birthday_is_kept_with_its_year_or_without_one(typed: str, kept: str | None) -> None:
    assert clean_birthday(typed, TODAY) == kept


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("1984-02-30", "not a real date"),
        ("--02-30", "not a real day"),
        ("--13-01", "not a real day"),
        ("1983-02-29", "not a real date"),
        ("2030-01-01", "in the future"),
        ("banana", r"cannot understand 'banana' \(try 1984-05-17, '17 May 1984', or --05-17\)$"),
        ("05-17", r"^birthday: cannot understand '05-17' \(try 1984-05-17"),  # not days to come
        ("tomorrow", "is counted from today"),
        ("in 3 weeks", "is counted from today"),
        ("next friday", "is counted from today"),
        ("the 17th", "is counted from today"),
    ],
)
def test_a_day_that_does_not_exist_or_has_not_come_is_refused(typed: str, said: str) -> None:
    with pytest.raises(InvalidValue, match=said):
        clean_birthday(typed, TODAY)


def test_29_february_falls_on_28_february_in_other_years() -> None:
    assert falls_on(2, 29, 2027) == date(2027, 2, 28)
    assert falls_on(2, 29, 2028) == date(2028, 2, 29)
    assert next_yearly(2, 29, date(2027, 1, 10)) == date(2027, 2, 28)
    assert next_yearly(2, 29, date(2027, 3, 1)) == date(2028, 2, 29)
    assert next_yearly(5, 17, date(2026, 5, 17)) == date(2026, 5, 17)  # today is on or after today
    assert next_yearly(5, 17, date(2026, 5, 18)) == date(2027, 5, 17)


def test_a_birthday_reads_with_its_year_when_known() -> None:
    assert month_day("1984-05-17") == month_day("--05-17") == (5, 17)
    assert birthday_label("1984-05-17") == "17 May 1984"
    assert birthday_label("--02-29") == "29 February"


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
month_days = st.tuples(st.integers(1, 12), st.integers(1, 31)).filter(
    lambda md: md[1] <= (29 if md[0] == 2 else 30 if md[0] in (4, 6, 9, 11) else 31)
)


@given(month_days, days)
def test_the_next_time_a_yearly_date_comes_is_within_a_year_and_never_past(
    md: tuple[int, int], today: date
) -> None:
    month, day = md
    coming = next_yearly(month, day, today)
    assert today <= coming < today + timedelta(days=366)
    assert (coming.month, coming.day) == md or (md == (2, 29) and (coming.month, coming.day) == (2, 28))
