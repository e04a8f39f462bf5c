"""A follow-up cadence: read as typed (chips, words, off), said, and the day it gives next."""

from __future__ import annotations

from datetime import date

import pytest

from kiaro_cli.core.cadence import after, clean_cadence, describe_cadence
from kiaro_cli.errors import InvalidValue


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("6w", "6w"), ("2w", "2w"), ("1m", "1m"), ("10d", "10d"), ("6 weeks", "6w"), ("every 3 months", "3m"),
     ("1 year", "1y"), (" 2 WKS ", "2w"), ("off", None), ("none", None)],
)  # fmt: skip
def test_a_cadence_is_kept_as_a_number_and_a_unit(typed: str, kept: str | None) -> None:
    assert clean_cadence(typed) == kept


@pytest.mark.parametrize(
    ("typed", "said"),
    [("0w", "must be at least 1 week"), ("2y", "must be at most 1 year"), ("banana", "cannot read"),
     ("", "cannot read"), ("6", "cannot read"),
     ("13m", "at most 12 months"), ("-2w", "cannot read"), ("6 fortnights", "cannot read")],
)  # fmt: skip
def test_an_interval_that_is_none_or_not_one_is_refused(typed: str, said: str) -> None:
    with pytest.raises(InvalidValue, match=said):
        clean_cadence(typed)


def test_a_cadence_is_said_in_words_and_counts_calendar_months() -> None:
    assert describe_cadence("6w") == "every 6 weeks"
    assert describe_cadence("1m") == "every month"
    assert describe_cadence("10d") == "every 10 days"
    assert after("6w", date(2026, 11, 23)) == date(2027, 1, 4)
    assert after("1m", date(2027, 1, 31)) == date(2027, 2, 28)
