"""Date phrases: the phrase table, the traps, refusals, and properties of chips and months."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiaro_cli.dates import (
    MAX_YEARS_AHEAD,
    describe,
    months_before,
    next_occurrence,
    parse_day,
    parse_moment,
    parse_since,
    parse_when,
    shift,
)
from kiaro_cli.errors import InvalidValue

MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)
OCT_16 = date(2026, 10, 16)
JAN_31 = date(2027, 1, 31)
LEAP_JAN_31 = date(2028, 1, 31)
LEAP_DAY = date(2028, 2, 29)
DEC_31 = date(2026, 12, 31)

# (today, phrase, expected): what a user types and the day they mean.
FAST_PHRASES = [
    # ISO and other numeric dates
    (MONDAY, "2026-12-01", date(2026, 12, 1)),
    (MONDAY, "2027-1-5", date(2027, 1, 5)),
    (MONDAY, "24.12.2026", date(2026, 12, 24)),
    (MONDAY, "25/12/2026", date(2026, 12, 25)),
    (MONDAY, "12/25/2026", date(2026, 12, 25)),
    # fixed words
    (MONDAY, "today", MONDAY),
    (MONDAY, "Tomorrow", date(2026, 11, 24)),
    (MONDAY, "the day after tomorrow", date(2026, 11, 25)),
    # chips
    (MONDAY, "1w", date(2026, 11, 30)),
    (MONDAY, "2w", date(2026, 12, 7)),
    (MONDAY, "1m", date(2026, 12, 23)),
    (MONDAY, "in 1m", date(2026, 12, 23)),
    (MONDAY, "in 3m", date(2027, 2, 23)),
    (MONDAY, "3m", date(2027, 2, 23)),
    (MONDAY, "10d", date(2026, 12, 3)),
    (MONDAY, "1y", date(2027, 11, 23)),
    (MONDAY, "6 M", date(2027, 5, 23)),
    # "in N units"
    (MONDAY, "in 3 weeks", date(2026, 12, 14)),
    (MONDAY, "in 1 month", date(2026, 12, 23)),
    (MONDAY, "in a month", date(2026, 12, 23)),
    (MONDAY, "in two days", date(2026, 11, 25)),
    (MONDAY, "3 weeks from now", date(2026, 12, 14)),
    (MONDAY, "in 2 weeks' time", date(2026, 12, 7)),
    (MONDAY, "next week", date(2026, 11, 30)),
    (MONDAY, "next month", date(2026, 12, 23)),
    (MONDAY, "next year", date(2027, 11, 23)),
    # weekdays: always ahead; "next friday" on a Friday is a week away
    (MONDAY, "next friday", date(2026, 11, 27)),
    (MONDAY, "friday", date(2026, 11, 27)),
    # a weekday said with its day: the day is the day of the month (once read as a month)
    (MONDAY, "friday the 27th", date(2026, 11, 27)),
    (MONDAY, "wednesday the 2nd", date(2026, 12, 2)),
    (MONDAY, "on tuesday the 1st", date(2026, 12, 1)),
    (MONDAY, "monday", date(2026, 11, 30)),
    (MONDAY, "this monday", MONDAY),
    (FRIDAY, "next friday", date(2026, 12, 4)),
    (FRIDAY, "on Tuesday", date(2026, 12, 1)),
    # month and day: the next occurrence on or after today
    (MONDAY, "October 15", date(2027, 10, 15)),
    (MONDAY, "15 Oct", date(2027, 10, 15)),
    (MONDAY, "Nov 23", MONDAY),
    (MONDAY, "December 1st", date(2026, 12, 1)),
    (MONDAY, "the 3rd of March", date(2027, 3, 3)),
    (MONDAY, "March 3, 2028", date(2028, 3, 3)),
    (OCT_16, "October 15", date(2027, 10, 15)),
    (OCT_16, "October 16", OCT_16),
    (OCT_16, "October 17", date(2026, 10, 17)),
    (MONDAY, "june", date(2027, 6, 1)),
    # month ends and calendar months
    (MONDAY, "end of month", date(2026, 11, 30)),
    (MONDAY, "end of next month", date(2026, 12, 31)),
    (MONDAY, "end of the year", date(2026, 12, 31)),
    (MONDAY, "end of week", date(2026, 11, 27)),
    (JAN_31, "1m", date(2027, 2, 28)),
    (LEAP_JAN_31, "1m", date(2028, 2, 29)),
    (JAN_31, "in 3 months", date(2027, 4, 30)),
    (DEC_31, "1m", date(2027, 1, 31)),
    (DEC_31, "2m", date(2027, 2, 28)),
    # leap years
    (MONDAY, "Feb 29", date(2028, 2, 29)),
    (LEAP_DAY, "1y", date(2029, 2, 28)),
    (LEAP_DAY, "Feb 29", LEAP_DAY),
    (date(2028, 3, 1), "29 February", date(2032, 2, 29)),
]
# Phrases only dateparser knows, in English and other languages.
DATEPARSER_PHRASES = [
    (MONDAY, "a week from tomorrow", date(2026, 12, 1)),
    (MONDAY, "in a fortnight", date(2026, 12, 7)),
    (MONDAY, "in 2 Wochen", date(2026, 12, 7)),
    (MONDAY, "demain", date(2026, 11, 24)),
    (MONDAY, "15 octobre", date(2027, 10, 15)),
]
PHRASES = FAST_PHRASES + DATEPARSER_PHRASES


@pytest.mark.parametrize(("today", "phrase", "expected"), PHRASES, ids=[p[1] for p in PHRASES])
def test_phrase_table(today: date, phrase: str, expected: date) -> None:
    assert parse_when(phrase, today) == expected


REFUSED = [
    ("yesterday", "in the past (2026-11-22)"),
    ("2026-11-22", "in the past"),
    ("3 days ago", "in the past (2026-11-20)"),
    ("2026-02-30", "not a real date"),
    ("February 30", "not a real date"),
    ("31.04.2027", "not a real date"),
    ("03/04/2027", "reads as 2027-03-04 or 2027-04-03"),
    ("whenever", "cannot understand the date 'whenever'"),
    ("9999y", "out of range"),
    ("2071-01-01", f"more than {MAX_YEARS_AHEAD} years ahead"),
    ("1e10", "cannot understand the date '1e10'"),  # dateparser read it as 1 October 2027
    ("2e5", "cannot understand the date '2e5'"),  # and this as 2 May
    ("2026", "cannot understand"),
    ("+3", "cannot understand"),
    ("1.5", "cannot understand"),
    ("3.14", "cannot understand"),
    ("tuesday the 30th", "Mon 30 Nov 2026 is a Monday, not a Tuesday"),  # which was meant is not guessed
    ("Thu 4 Dec", "Fri 4 Dec 2026 is a Friday, not a Thursday"),
]


@pytest.mark.parametrize(("phrase", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refusals_quote_the_phrase(phrase: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        parse_when(phrase, MONDAY)
    assert f"'{phrase}'" in raised.value.message
    assert reason in raised.value.message


# What a date may be when it is typed with digits, "e", ".", "+", "-" and spaces alone.
DATE_FORMS = re.compile(r"\d{1,2}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}")


@settings(max_examples=300)
@given(
    st.text(alphabet="0123456789e.+- ", min_size=1, max_size=14),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    st.booleans(),
)
def test_numbers_that_are_not_a_date_form_are_refused(text: str, today: date, past: bool) -> None:
    assume(not DATE_FORMS.fullmatch(" ".join(text.split())))
    with pytest.raises(InvalidValue) as raised:
        parse_when(text, today, allow_past=True, past=past)
    assert f"'{text.strip()}'" in raised.value.message or not text.strip()


def test_a_day_in_the_past_is_named_once_and_days_that_would_do_are_offered() -> None:
    with pytest.raises(InvalidValue) as raised:
        parse_when("2026-11-20", MONDAY)
    assert raised.value.message == (
        "'2026-11-20' is in the past; choose today or later, e.g. 'tomorrow' or 2026-11-24"
    )
    with pytest.raises(InvalidValue, match=r"'last friday' is in the past \(2026-11-20\); choose today"):
        parse_when("last friday", MONDAY)


def test_the_example_of_a_date_not_understood_is_a_day_to_come() -> None:
    with pytest.raises(InvalidValue) as raised:
        parse_when("whenever", MONDAY)
    assert (
        raised.value.message == "cannot understand the date 'whenever' (try 2026-11-30, 2w or 'in 3 weeks')"
    )


def test_an_empty_date_is_refused() -> None:
    with pytest.raises(InvalidValue, match="a date is required"):
        parse_when("   ", MONDAY)


def test_past_dates_are_allowed_where_history_is_typed() -> None:
    assert parse_when("2020-02-29", MONDAY, allow_past=True) == date(2020, 2, 29)
    assert parse_when("3 weeks ago", MONDAY, allow_past=True) == date(2026, 11, 2)


def test_fast_paths_do_not_load_dateparser() -> None:
    assert len(FAST_PHRASES) >= 40
    cases = [(today.isoformat(), phrase) for today, phrase, _ in FAST_PHRASES]
    script = (
        "import sys, json\n"
        "from datetime import date\n"
        "from kiaro_cli.dates import parse_when\n"
        f"for today, phrase in json.loads({json.dumps(json.dumps(cases))}):\n"
        "    parse_when(phrase, date.fromisoformat(today))\n"
        "print('dateparser' in sys.modules, 'dateutil.relativedelta' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


@given(
    st.integers(min_value=1, max_value=200),
    st.sampled_from("dwm"),
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
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    st.integers(min_value=1, max_value=240),
)
def test_a_month_chip_is_calendar_months(today: date, months: int) -> None:
    assert parse_when(f"{months}m", today) == shift(today, months, "months")


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    st.integers(min_value=-240, max_value=240),
)
def test_calendar_months_keep_the_day_or_clamp_it(start: date, months: int) -> None:
    moved = shift(start, months, "months")
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day == start.day or (moved.day < start.day and (moved + timedelta(days=1)).day == 1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.dates())
def test_a_date_without_a_year_is_its_next_occurrence(today: date, day: date) -> None:
    found = next_occurrence(day.month, day.day, today)
    assert found >= today
    assert (found.month, found.day) == (day.month, day.day)
    assert found.year - today.year <= (8 if (day.month, day.day) == (2, 29) else 1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 6))
def test_weekdays_land_within_a_week_on_that_weekday(today: date, weekday: int) -> None:
    name = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[weekday]
    found = parse_when(f"next {name}", today)
    assert found.weekday() == weekday
    assert 1 <= (found - today).days <= 7


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "1 day overdue"),
        (-9, "9 days overdue"),
        (5, "in 5 days"),
        (21, "in 3 weeks"),
        (-52, "7 weeks overdue"),
        (-200, "6 months overdue"),
        (-2518, "6 years overdue"),
    ],
)
def test_describe(offset: int, text: str) -> None:
    assert describe(MONDAY + timedelta(days=offset), MONDAY) == text


@settings(max_examples=150)
@given(st.text(max_size=30), st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)))
def test_any_text_is_a_date_in_range_or_a_clear_refusal(text: str, today: date) -> None:
    try:
        found = parse_when(text, today)
    except InvalidValue as error:
        assert error.message
        return
    assert today <= found and found.year - today.year <= MAX_YEARS_AHEAD


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("15", date(2026, 12, 15)),  # the 15th of November has passed on the 23rd
        ("15th", date(2026, 12, 15)),
        ("the 15th", date(2026, 12, 15)),
        ("on the 3rd", date(2026, 12, 3)),
        ("23", MONDAY),
        ("the 30th", date(2026, 11, 30)),
        ("31st", date(2026, 12, 31)),  # November has no 31st
    ],
)
def test_a_day_of_the_month_alone_is_its_next_occurrence(phrase: str, expected: date) -> None:
    assert parse_when(phrase, MONDAY) == expected


def test_a_day_no_month_has_is_refused() -> None:
    with pytest.raises(InvalidValue, match="'the 32nd': no month has a day 32"):
        parse_when("the 32nd", MONDAY)


def test_the_full_day_label_names_the_weekday() -> None:
    from kiaro_cli.dates import day_label

    assert day_label(date(2026, 11, 27)) == "Fri 27 Nov 2026"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("friday", date(2026, 11, 20)), ("on friday", date(2026, 11, 20)), ("monday", MONDAY),
     ("on Tuesday", date(2026, 11, 17)), ("friday 9:15", date(2026, 11, 20))],
)  # fmt: skip
def test_a_weekday_alone_in_a_moment_is_the_latest_one(phrase: str, expected: date) -> None:
    assert parse_moment(phrase, MONDAY)[0] == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("November 20", date(2026, 11, 20)), ("20 Nov", date(2026, 11, 20)), ("Nov 23", MONDAY),
     ("December 1", date(2025, 12, 1)), ("the 15th", date(2026, 11, 15)), ("the 30th", date(2026, 10, 30)),
     ("31st", date(2026, 10, 31)), ("june", date(2026, 6, 1)), ("next june", date(2027, 6, 1)),
     ("Feb 29", date(2024, 2, 29)), ("November 20 at 3pm", date(2026, 11, 20)),
     ("20 novembre", date(2026, 11, 20))],
)  # fmt: skip
def test_a_day_without_a_year_in_a_moment_is_the_latest_one(phrase: str, expected: date) -> None:
    assert parse_moment(phrase, MONDAY)[0] == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.dates())
def test_a_date_without_a_year_in_the_past_is_its_latest_occurrence(today: date, day: date) -> None:
    found = next_occurrence(day.month, day.day, today, past=True)
    assert found <= today
    assert (found.month, found.day) == (day.month, day.day)
    assert today.year - found.year <= (8 if (day.month, day.day) == (2, 29) else 1)


def test_a_slashed_date_after_on_is_still_refused_when_it_reads_two_ways() -> None:
    with pytest.raises(InvalidValue, match="03/04/2027"):
        parse_when("on 03/04/2027", MONDAY)


@pytest.mark.parametrize("typed", ["5/12", "on 5/12", "12/5", "1/2"])
def test_a_slashed_day_without_a_year_that_reads_two_ways_is_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match=r"reads as \w+ \d+ or \d+ \w+; type the month as a word"):
        parse_when(typed, MONDAY)


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 1, 1)), st.dates(), st.booleans())
def test_a_slashed_day_that_reads_one_way_is_that_day_either_way_round(
    today: date, day: date, day_first: bool
) -> None:
    assume(day.day > 12 or day.day == day.month)
    typed = f"{day.day}/{day.month}" if day_first else f"{day.month}/{day.day}"
    assert parse_when(typed, today) == next_occurrence(day.month, day.day, today)
    assert parse_when(typed, today, allow_past=True, past=True) == next_occurrence(
        day.month, day.day, today, past=True
    )


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [(MONDAY, 12, date(2025, 11, 23)), (date(2026, 3, 31), 1, date(2026, 2, 28)),
     (date(2024, 3, 31), 1, date(2024, 2, 29)), (date(2026, 1, 15), 1, date(2025, 12, 15))],
)  # fmt: skip
def test_months_before_keeps_the_day_or_clamps_it(start: date, months: int, expected: date) -> None:
    assert months_before(start, months) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("12m", date(2025, 11, 23)), ("6 months", date(2026, 5, 23)), ("1y ago", date(2025, 11, 23)),
     ("the last 2 weeks", date(2026, 11, 9)), ("2025-01-01", date(2025, 1, 1)),
     ("yesterday", date(2026, 11, 22)), ("November 1", date(2026, 11, 1))],
)  # fmt: skip
def test_since_reads_a_span_back_from_today(phrase: str, expected: date) -> None:
    assert parse_since(phrase, MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2051-06-30", date(2051, 6, 30)),  # far ahead: a fact, not a day to act on
        ("1999-01-01", date(1999, 1, 1)),
        ("in 6 months", date(2027, 5, 23)),
        ("last friday", date(2026, 11, 20)),
    ],
)
def test_a_day_kept_about_a_client_reads_in_any_year(text: str, expected: date) -> None:
    assert parse_day(text, MONDAY) == expected


def test_a_day_that_is_not_on_the_calendar_is_refused() -> None:
    with pytest.raises(InvalidValue, match="'2027-02-30' is not a real date"):
        parse_day("2027-02-30", MONDAY)
