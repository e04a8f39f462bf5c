"""Turn what people type for a date ("2w", "October 15", "in 3 weeks") into a date.

Fast paths (ISO dates, chips like ``2w``, "in N units", weekdays, month-day phrases)
are handled here with regular expressions and :mod:`dateutil`; only what they do not
recognise goes to dateparser, which is imported on that path alone.

Rules:
- months are calendar months (31 Jan + 1 month = 28/29 Feb);
- a date without a year is its next occurrence on or after today;
- a bare weekday ("friday", "next friday") is the next such day after today;
- ``allow_past=False`` (follow-up reminders) refuses dates before today.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from kiaro_cli.errors import InvalidValue

_UNITS = {
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "m": "months",
    "mo": "months",
    "month": "months",
    "months": "months",
    "y": "years",
    "yr": "years",
    "yrs": "years",
    "year": "years",
    "years": "years",
}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_WEEKDAYS = {
    name.lower(): number
    for number in range(7)
    for name in (calendar.day_name[number], calendar.day_abbr[number])
}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COUNT = r"(\d{1,4}|" + "|".join(_NUMBER_WORDS) + r")"
_UNIT = r"(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
_CHIP = re.compile(r"^(\d{1,4})\s*([dwmy])$")
_IN_N = re.compile(rf"^(?:in\s+)?{_COUNT}\s+{_UNIT}(?:\s+from\s+(?:now|today))?$")
_N_AGO = re.compile(rf"^{_COUNT}\s+{_UNIT}\s+ago$")
_WEEKDAY = re.compile(r"^(?:(next|this|on)\s+)?([a-z]+)$")
_MONTH_NAME = r"([a-z]+)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(\d{4}))?"
_MONTH_DAY = re.compile(rf"^(?:on\s+)?{_MONTH_NAME}\s+{_DAY}{_YEAR}$")
_DAY_MONTH = re.compile(rf"^(?:on\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH_NAME}{_YEAR}$")
_FIXED = {
    "today": 0,
    "now": 0,
    "tod": 0,
    "tomorrow": 1,
    "tmr": 1,
    "tmrw": 1,
    "yesterday": -1,
}


def add_months(start: date, months: int) -> date:
    """``start`` moved by whole calendar months, clamped to the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def shift(start: date, amount: int, unit: str) -> date:
    """``start`` moved by ``amount`` days, weeks, months or years (calendar-aware)."""
    if unit == "days":
        return start + timedelta(days=amount)
    if unit == "weeks":
        return start + timedelta(weeks=amount)
    if unit == "months":
        return add_months(start, amount)
    return add_months(start, 12 * amount)


def parse_when(text: str, today: date, *, allow_past: bool = False) -> date:
    """The date ``text`` names, relative to ``today``.

    Raises :class:`InvalidValue`, quoting the phrase, when it does not parse or
    (unless ``allow_past``) names a day before ``today``.
    """
    phrase = " ".join(text.strip().lower().split())
    if not phrase:
        raise InvalidValue("a date is required (e.g. 2026-10-15, 2w, 'in 3 weeks')")
    resolved = _resolve_fast(phrase, today)
    if resolved is None:
        resolved = _resolve_with_dateparser(phrase, today)
    if resolved is None:
        raise InvalidValue(f"cannot understand the date '{text.strip()}'")
    if not allow_past and resolved < today:
        raise InvalidValue(f"'{text.strip()}' is in the past ({resolved.isoformat()})")
    return resolved


def parse_iso(text: str) -> date | None:
    """A ``YYYY-MM-DD`` date, or None when ``text`` is not one."""
    match = _ISO.match(text.strip())
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _resolve_fast(phrase: str, today: date) -> date | None:
    if _ISO.match(phrase):
        iso = parse_iso(phrase)
        if iso is None:
            raise InvalidValue(f"'{phrase}' is not a real date")
        return iso
    if phrase in _FIXED:
        return today + timedelta(days=_FIXED[phrase])
    if phrase in ("end of month", "end of the month", "eom"):
        return date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    if phrase in ("next week",):
        return today + timedelta(weeks=1)
    if phrase in ("next month",):
        return add_months(today, 1)
    for pattern, sign in ((_CHIP, 1), (_IN_N, 1), (_N_AGO, -1)):
        match = pattern.match(phrase)
        if match:
            amount, unit = _count(match.group(1)), _UNITS[match.group(2)]
            return shift(today, sign * amount, unit)
    return _resolve_weekday(phrase, today) or _resolve_month_day(phrase, today)


def _resolve_weekday(phrase: str, today: date) -> date | None:
    match = _WEEKDAY.match(phrase)
    if not match or match.group(2) not in _WEEKDAYS:
        return None
    ahead = (_WEEKDAYS[match.group(2)] - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _resolve_month_day(phrase: str, today: date) -> date | None:
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        match = pattern.match(phrase)
        if match and match.group(month_group) in _MONTHS:
            month, day = _MONTHS[match.group(month_group)], int(match.group(day_group))
            year = match.group(3)
            if year:
                try:
                    return date(int(year), month, day)
                except ValueError:
                    raise InvalidValue(f"'{phrase}' is not a real date") from None
            return next_occurrence(month, day, today)
    return None


def next_occurrence(month: int, day: int, today: date) -> date:
    """The first ``month``/``day`` on or after ``today`` (29 Feb: the next leap year)."""
    if day > 31 or day < 1 or (month == 2 and day > 29) or day > _longest_month(month):
        raise InvalidValue(f"{calendar.month_name[month]} {day} is not a real date")
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise InvalidValue(f"{calendar.month_name[month]} {day} is not a real date")


def _longest_month(month: int) -> int:
    return calendar.monthrange(2024, month)[1]


def _resolve_with_dateparser(phrase: str, today: date) -> date | None:
    import dateparser  # heavy: only for phrases the fast paths do not know

    base = datetime(today.year, today.month, today.day, 12, 0)
    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": base,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    parsed = dateparser.parse(phrase, settings=settings)
    return parsed.date() if parsed else None


def describe(day: date, today: date) -> str:
    """A friendly relative description: "today", "in 3 days", "2 days overdue"."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "1 day overdue"
    if delta < 0:
        return f"{-delta} days overdue"
    if delta < 14:
        return f"in {delta} days"
    if delta < 60:
        return f"in {delta // 7} weeks"
    return f"in {delta // 30} months"
