"""Days that come back every year: a birthday (with or without its year), a renewal, an
anniversary. Pure: no database, no clock.

A birthday is kept as ``YYYY-MM-DD``, or ``--MM-DD`` when the year is not known (the
form vCard uses). A yearly day falls on the same month and day every year; 29 February
falls on 28 February in the years that have no 29th.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from kiaro_cli.errors import InvalidValue

NO_YEAR = re.compile(r"^--(\d{1,2})-(\d{1,2})$")
_HAS_YEAR = re.compile(r"\d{4}")
_ANOTHER_DAY = 40  # days: a phrase read from another today gives another day if counted from it
CLEARS = frozenset({"", "off", "none"})


def falls_on(month: int, day: int, year: int) -> date:
    """The day ``month``/``day`` falls on in ``year``: 29 February is 28 February in a
    year without it."""
    if (month, day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def next_yearly(month: int, day: int, today: date) -> date:
    """The first day on or after ``today`` that ``month``/``day`` falls on."""
    this_year = falls_on(month, day, today.year)
    return this_year if this_year >= today else falls_on(month, day, today.year + 1)


def month_day(stored: str) -> tuple[int, int]:
    """The month and day of a stored day: ``1984-05-17`` or ``--05-17``."""
    return int(stored[-5:-3]), int(stored[-2:])


def known_year(stored: str) -> int | None:
    """The year of a stored birthday, None when it is kept without one."""
    return None if stored.startswith("--") else int(stored[:4])


def clean_birthday(text: str, today: date) -> str | None:
    """A birthday as typed, as kept: ``1984-05-17``, ``--05-17`` (no year), a phrase ("17 May
    1984", "May 17"); "" or ``off`` clears it (None). A day that does not exist, or one after
    today, is refused."""
    shown = text.strip()
    if shown.lower() in CLEARS:
        return None
    no_year = NO_YEAR.match(shown)
    if no_year:
        month, day = int(no_year.group(1)), int(no_year.group(2))
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]):
            raise InvalidValue(f"birthday '{shown}' is not a real day")
        return f"--{month:02d}-{day:02d}"
    from kiaro_cli.dates import parse_day, parse_when

    if not _HAS_YEAR.search(shown):  # "May 17": a day of the year, its year not said
        try:
            said = parse_when(shown, today, allow_past=True, past=True)
            # a day counted from today ("tomorrow", "2w") is no day of the year
            other = parse_when(shown, today + timedelta(days=_ANOTHER_DAY), allow_past=True, past=True)
        except InvalidValue as error:
            raise _birthday_refused(shown, error) from None
        if (said.month, said.day) != (other.month, other.day):
            raise InvalidValue(f"birthday '{shown}' is counted from today; give a day: 1984-05-17, 'May 17'")
        return f"--{said.month:02d}-{said.day:02d}"
    try:
        born = parse_day(shown, today)
    except InvalidValue as error:
        raise _birthday_refused(shown, error) from None
    if born > today:
        raise InvalidValue(f"birthday '{shown}' is in the future ({born.isoformat()})")
    return born.isoformat()


def _birthday_refused(shown: str, error: InvalidValue) -> InvalidValue:
    """Why a birthday was refused; a day not understood is shown the forms a birthday takes
    (the dates' own hint names days to come, which no birthday is)."""
    if error.message.startswith("cannot understand"):
        forms = "1984-05-17, '17 May 1984', or --05-17"
        return InvalidValue(f"birthday: cannot understand '{shown}' (try {forms})")
    return InvalidValue(f"birthday {error.message}")


def birthday_label(stored: str) -> str:
    """A birthday as people read it: "17 May 1984", "17 May" without its year; anything else a
    row may hold there, as stored (``kiaro db check`` names it)."""
    try:
        month, day = month_day(stored)
        year = known_year(stored)
        falls_on(month, day, year or 2000)  # a day of that month
    except (ValueError, IndexError):
        return stored
    label = f"{day} {calendar.month_name[month]}"
    return f"{label} {year}" if year is not None else label
