"""The pinned clock: KIARO_TODAY and KIARO_NOW, and what a pin that is no day does."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kiaro_cli import clock
from kiaro_cli.errors import InvalidValue
from tests.helpers import Run


def test_a_pin_sets_today_and_the_instant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIARO_TODAY", "2026-11-23")
    assert clock.today() == date(2026, 11, 23)
    monkeypatch.delenv("KIARO_TODAY")
    monkeypatch.setenv("KIARO_NOW", "2026-11-23T09:30:00+01:00")
    assert clock.now_utc() == datetime(2026, 11, 23, 8, 30, tzinfo=UTC)


PINS_THAT_ARE_NO_DAY = [
    ("KIARO_TODAY", "garbage"),
    ("KIARO_TODAY", "9999-12-31"),
    ("KIARO_TODAY", "0001-01-01"),
    ("KIARO_NOW", "soon"),
]


@pytest.mark.parametrize(("name", "value"), PINS_THAT_ARE_NO_DAY)
def test_a_pin_that_is_no_day_is_refused_in_one_line(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InvalidValue, match=f"{name} '{value}' is not"):
        clock.today() if name == "KIARO_TODAY" else clock.now_utc()
    refused = kiaro("client", "quick-add", "Acme", "--follow-up", "in 3 weeks")
    assert refused.exit_code == 1 and refused.stderr.startswith(f"Error: {name} '{value}' is not")
