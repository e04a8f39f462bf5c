"""Turn what people type for a date ("2w", "October 15", "in 3 weeks") into a date.

Fast paths (ISO and day-first dotted dates, chips like ``2w``, "in N units",
weekdays, month-day phrases, "end of month") are handled here with regular
expressions and :mod:`dateutil`; only what they do not recognise goes to
dateparser (English and the other languages it ships, offline), which is imported
on that path alone.

Rules:
- months are calendar months (31 Jan + 1 month = 28/29 Feb);
- a date without a year is its next occurrence on or after today, and a day of the
  month alone ("the 15th") its next occurrence too (this month or a later one);
- a bare weekday or "next friday" is the next such day after today ("next friday"
  on a Friday is a week away); "this friday" on a Friday is today;
- ``past=True`` (what happened: an interaction, "since when") turns these round: a date
  without a year, a month, a day of the month or a weekday alone is its latest
  occurrence on or before today;
- a phrase needs a word or a date's form: numbers alone ("1e10", "2026", "+3", "1.5")
  are refused rather than guessed at;
- a numeric date with slashes that reads two ways (03/04/2027, 5/12) is refused; one
  that reads one way (25/12, 12/25) is that day, its next occurrence without a year;
- ``allow_past=False`` (follow-up reminders) refuses dates before today, and no
  phrase may land more than :data:`MAX_YEARS_AHEAD` years ahead.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta

from kiaro_cli.errors import InvalidValue
from kiaro_cli.words import counted

MAX_YEARS_AHEAD = 20

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
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_SLASHED_NO_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_COUNT = r"(\d{1,4}|" + "|".join(_NUMBER_WORDS) + r")"
_UNIT = r"(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
_CHIP = re.compile(r"^(?:in\s+)?(\d{1,4})\s*([dwmy])$")
_IN_N = re.compile(rf"^(?:in\s+)?{_COUNT}\s+{_UNIT}(?:'?s? time|\s+from\s+(?:now|today))?$")
_N_AGO = re.compile(rf"^{_COUNT}\s+{_UNIT}\s+ago$")
_WEEKDAY = re.compile(r"^(?:(next|this|on)\s+)?([a-z]+)$")
_WEEKDAY_THEN = re.compile(r"^([a-z]+),?\s+(.*\d.*)$")  # a weekday, then a day: "friday the 11th"
_MONTH_NAME = r"([a-z]+)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(\d{4}))?"
_MONTH_DAY = re.compile(rf"^(?:on\s+)?{_MONTH_NAME}\s+{_DAY}{_YEAR}$")
_DAY_MONTH = re.compile(rf"^(?:on\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH_NAME}{_YEAR}$")
_DAY_ALONE = re.compile(r"^(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?$")
_MONTH_ALONE = re.compile(r"^(in\s+|next\s+)?([a-z]+)$")
_END_OF = re.compile(r"^(?:the\s+)?end\s+of\s+(?:the\s+)?(this\s+|next\s+)?(week|month|year)$")
_FIXED = {
    "today": 0,
    "now": 0,
    "tod": 0,
    "tomorrow": 1,
    "tmr": 1,
    "tmrw": 1,
    "the day after tomorrow": 2,
    "day after tomorrow": 2,
    "yesterday": -1,
}
_NEXT = {"next week": "weeks", "next month": "months", "next year": "years"}
# What dateparser may be given: a word (two letters or more; one letter outside ASCII, as
# in 3日) or a numeric date with slashes. It reads "1e10" as 1 October, "2e5" as 2 May.
_WORD = re.compile(r"[^\W\d_]{2,}|[^\x00-\x7f\W\d_]")
_SLASHED_DAY = re.compile(r"^\d{1,4}/\d{1,2}(?:/\d{1,4})?$")


def shift(start: date, amount: int, unit: str) -> date:
    """``start`` moved by ``amount`` days, weeks, months or years (calendar months)."""
    from dateutil.relativedelta import relativedelta

    try:
        moved: date = start + relativedelta(**{unit: amount})  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        raise InvalidValue(f"{amount} {unit} from {start.isoformat()} is out of range") from None
    return moved


def parse_when(text: str, today: date, *, allow_past: bool = False, past: bool = False) -> date:
    """The date ``text`` names, relative to ``today``; with ``past``, a day without a year,
    a month, a day of the month or a weekday alone is the latest one on or before today.

    Raises :class:`InvalidValue`, quoting the phrase, when it does not parse, reads
    two ways, lies too far ahead or (unless ``allow_past``) names a day before today.
    """
    shown = text.strip()
    phrase = re.sub(r"^on\s+(?=\S)", "", " ".join(shown.lower().split()))  # "on 03/04/2027" is "03/04/2027"
    example = f"{(today + timedelta(weeks=1)).isoformat()}, 2w or 'in 3 weeks'"  # days to come
    if not phrase:
        raise InvalidValue(f"a date is required (e.g. {example})")
    said = _WEEKDAY_THEN.match(phrase)  # "friday the 11th": the 11th, its weekday checked below
    day_of = said.group(2) if said and said.group(1) in _WEEKDAYS else phrase
    try:
        resolved = _resolve_fast(day_of, today, past=past)
        if resolved is None and (_WORD.search(day_of) or _SLASHED_DAY.match(day_of)):
            resolved = _resolve_with_dateparser(day_of, today, past=past)
    except InvalidValue as error:
        raise InvalidValue(f"'{shown}': {error.message}") from None
    if resolved is None:
        raise InvalidValue(f"cannot understand the date '{shown}' (try {example})")
    _refuse_another_weekday(phrase, shown, resolved)
    if not allow_past and resolved < today:
        named = "" if phrase == resolved.isoformat() else f" ({resolved.isoformat()})"
        raise InvalidValue(
            f"'{shown}' is in the past{named}; choose today or later, "
            f"e.g. 'tomorrow' or {(today + timedelta(days=1)).isoformat()}"
        )
    if resolved.year - today.year > MAX_YEARS_AHEAD:
        raise InvalidValue(
            f"'{shown}' is more than {MAX_YEARS_AHEAD} years ahead ({resolved.isoformat()}); "
            "type the date as YYYY-MM-DD"
        )
    return resolved


def _refuse_another_weekday(phrase: str, shown: str, resolved: date) -> None:
    """ "monday the 15th" when the 15th is a Tuesday: which of the two was meant is not
    guessed."""
    named = {_WEEKDAYS[word] for word in re.findall(r"[a-z]+", phrase) if word in _WEEKDAYS}
    if len(named) == 1 and resolved.weekday() not in named:
        said = calendar.day_name[named.pop()]
        raise InvalidValue(
            f"'{shown}': {day_label(resolved)} is a {calendar.day_name[resolved.weekday()]}, not a {said}"
        )


def parse_day(text: str, today: date) -> date:
    """A day of any year typed as YYYY-MM-DD, else as people say it ("in 6 months", "March
    31"; past days too): a fact kept about a client rather than a day to act on."""
    phrase = text.strip()
    match = _ISO.match(phrase)
    if match:
        try:
            return _real_date(*(int(part) for part in match.groups()))
        except InvalidValue:
            raise InvalidValue(f"'{phrase}' is not a real date") from None
    return parse_when(text, today, allow_past=True)


_SINCE = re.compile(rf"^(?:in\s+|the\s+last\s+|last\s+)?{_COUNT}\s*{_UNIT}(?:\s+ago)?$")


def parse_since(text: str, today: date) -> date:
    """The day a span back from today names ("12m", "6 months", "1y ago", "the last 2 years"),
    or a day typed as such ("2025-01-01", "last friday"); never after today."""
    phrase = " ".join(text.strip().lower().split())
    span = _SINCE.match(phrase)
    if span:
        return shift(today, -_count(span.group(1)), _UNITS[span.group(2)])
    day = parse_when(text, today, allow_past=True, past=True)
    if day > today:
        raise InvalidValue(
            f"'{text.strip()}' is in the future ({day.isoformat()}); say how long ago, e.g. 12m"
        )
    return day


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the 31st becomes the month's last day)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# A time of day at the end of a phrase: "15:30", "3pm", "9.15am" after a day, "T", "," or "at".
_TIME_OF_DAY = re.compile(
    r"(?:^(?:at\s+)?|(?<=\d)t|\s+(?:at\s+)?|,\s*(?:at\s+)?)"
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?\s*(?P<half>[ap])?(?:\.?m\.?)?$"
)


def parse_moment(text: str, today: date) -> tuple[date, time | None]:
    """A day, and the time of day when the phrase ends with one.

    "2026-11-20 15:30", "yesterday at 3pm", "friday 9:15", "15:30" (today). Without a
    time it is :func:`parse_when` (past allowed) and the time is None. A moment has
    happened, so a weekday alone ("friday", "on monday") or a day without a year
    ("December 1") is the latest one: today or before.
    """
    phrase = " ".join(text.strip().lower().split())
    match = _TIME_OF_DAY.search(phrase)
    if match is None or not (match.group("minute") or match.group("half")):
        return parse_when(text, today, allow_past=True, past=True), None
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    second = int(match.group("second") or 0)
    if match.group("half"):
        if not 1 <= hour <= 12:
            raise InvalidValue(f"'{text.strip()}': {hour} is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if match.group("half") == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InvalidValue(f"'{text.strip()}': {match.group(0).strip()} is not a time of day")
    rest = phrase[: match.start()].strip()
    day = parse_when(rest, today, allow_past=True, past=True) if rest else today
    return day, time(hour, minute, second)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _real_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue("not a real date") from None


def _resolve_fast(phrase: str, today: date, *, past: bool) -> date | None:
    match = _ISO.match(phrase)
    if match:
        return _real_date(*(int(part) for part in match.groups()))
    match = _DOTTED.match(phrase)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return _real_date(year, month, day)
    match = _SLASHED.match(phrase)
    if match:
        return _resolve_slashed(*(int(part) for part in match.groups()))
    match = _SLASHED_NO_YEAR.match(phrase)
    if match:
        return _resolve_slashed_day(int(match.group(1)), int(match.group(2)), today, past=past)
    if phrase in _FIXED:
        return today + timedelta(days=_FIXED[phrase])
    if phrase in _NEXT:
        return shift(today, 1, _NEXT[phrase])
    for pattern, sign in ((_CHIP, 1), (_IN_N, 1), (_N_AGO, -1)):
        match = pattern.match(phrase)
        if match:
            amount, unit = _count(match.group(1)), _UNITS[match.group(2)]
            return shift(today, sign * amount, unit)
    return (
        _resolve_end_of(phrase, today)
        or _resolve_weekday(phrase, today, past=past)
        or _resolve_month_day(phrase, today, past=past)
        or _resolve_month_alone(phrase, today, past=past)
        or _resolve_day_alone(phrase, today, past=past)
    )


def _resolve_slashed(first: int, second: int, year: int) -> date:
    """``12/25/2027`` or ``25/12/2027``; refused when both readings are real dates."""
    if first <= 12 and second <= 12 and first != second:
        raise InvalidValue(
            f"reads as {date(year, first, second).isoformat()} or {date(year, second, first).isoformat()}; "
            "type it as YYYY-MM-DD"
        )
    if first > 12:
        return _real_date(year, second, first)
    return _real_date(year, first, second)


def _resolve_slashed_day(first: int, second: int, today: date, *, past: bool) -> date:
    """``12/25`` or ``25/12``, its next (``past``: latest) occurrence; refused if it reads two ways."""
    if first <= 12 and second <= 12 and first != second:
        raise InvalidValue(
            f"reads as {calendar.month_name[first]} {second} or {first} {calendar.month_name[second]}; "
            "type the month as a word (5 Dec) or the date as YYYY-MM-DD"
        )
    month, day = (second, first) if first > 12 else (first, second)
    if month > 12:
        raise InvalidValue("is not a real date; type it as YYYY-MM-DD")
    return next_occurrence(month, day, today, past=past)


def _resolve_end_of(phrase: str, today: date) -> date | None:
    match = _END_OF.match(phrase)
    if not match:
        if phrase == "eom":
            return _month_end(today)
        return None
    ahead = 1 if (match.group(1) or "").strip() == "next" else 0
    unit = match.group(2)
    if unit == "week":  # the week's Friday, the end of a working week
        friday = today + timedelta(days=(4 - today.weekday()) % 7)
        return friday + timedelta(weeks=ahead)
    if unit == "month":
        return _month_end(shift(today, ahead, "months"))
    return date(today.year + ahead, 12, 31)


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _resolve_weekday(phrase: str, today: date, *, past: bool) -> date | None:
    match = _WEEKDAY.match(phrase)
    if not match or match.group(2) not in _WEEKDAYS:
        return None
    if past and match.group(1) in (None, "on"):
        return today - timedelta(days=(today.weekday() - _WEEKDAYS[match.group(2)]) % 7)
    ahead = (_WEEKDAYS[match.group(2)] - today.weekday()) % 7
    if ahead == 0 and match.group(1) != "this":
        ahead = 7
    return today + timedelta(days=ahead)


def _resolve_month_day(phrase: str, today: date, *, past: bool) -> date | None:
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        match = pattern.match(phrase)
        if match and match.group(month_group) in _MONTHS:
            month, day = _MONTHS[match.group(month_group)], int(match.group(day_group))
            year = match.group(3)
            if year:
                return _real_date(int(year), month, day)
            return next_occurrence(month, day, today, past=past)
    return None


def _resolve_month_alone(phrase: str, today: date, *, past: bool) -> date | None:
    """ "June", "in June", "next June": the first of that month, next time it comes (last
    time it came, for the ``past``, unless "next")."""
    match = _MONTH_ALONE.match(phrase)
    if not match or match.group(2) not in _MONTHS:
        return None
    latest = past and (match.group(1) or "").strip() != "next"
    return next_occurrence(_MONTHS[match.group(2)], 1, today, past=latest)


def _resolve_day_alone(phrase: str, today: date, *, past: bool) -> date | None:
    """ "15", "the 15th", "on the 3rd": that day of this month, or of the next month that has
    it (of the latest month that had it by today, for the ``past``)."""
    match = _DAY_ALONE.match(phrase)
    if not match:
        return None
    day = int(match.group(1))
    if not 1 <= day <= 31:
        raise InvalidValue(f"no month has a day {day}")
    month_start = today.replace(day=1)
    while True:
        if day <= calendar.monthrange(month_start.year, month_start.month)[1]:
            candidate = month_start.replace(day=day)
            if (candidate <= today) if past else (candidate >= today):
                return candidate
        month_start = shift(month_start, -1 if past else 1, "months")


def next_occurrence(month: int, day: int, today: date, *, past: bool = False) -> date:
    """The first ``month``/``day`` on or after ``today`` (29 Feb: the next leap year); with
    ``past``, the last one on or before ``today``."""
    if not 1 <= day <= calendar.monthrange(2024, month)[1]:
        raise InvalidValue(f"{calendar.month_name[month]} {day} is not a real date")
    year = today.year
    while True:
        if calendar.isleap(year) or (month, day) != (2, 29):
            candidate = date(year, month, day)
            if (candidate <= today) if past else (candidate >= today):
                return candidate
        year += -1 if past else 1


def _resolve_with_dateparser(phrase: str, today: date, *, past: bool) -> date | None:
    import dateparser  # heavy: only for phrases the fast paths do not know

    base = datetime(today.year, today.month, today.day, 12, 0)
    settings = {
        "PREFER_DATES_FROM": "past" if past else "future",
        "RELATIVE_BASE": base,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    parsed = dateparser.parse(phrase, settings=settings)
    return parsed.date() if parsed else None


def describe(day: date, today: date) -> str:
    """A friendly relative description: "today", "in 3 days", "2 weeks overdue"."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta < 0:
        return f"{_span(-delta)} overdue"
    return f"in {_span(delta)}"


def late_by(day: date, today: date) -> str:
    """How late something due on a past ``day`` is: "3 days late", "2 weeks late"."""
    return f"{_span((today - day).days)} late"


def _span(days: int) -> str:
    """3 days, 2 weeks, 4 months, 6 years: the largest unit that reads naturally."""
    if days < 14:
        amount, unit = days, "day"
    elif days < 60:
        amount, unit = days // 7, "week"
    elif days < 730:
        amount, unit = days // 30, "month"
    else:
        amount, unit = days // 365, "year"
    return counted(amount, unit)


def day_label(day: date) -> str:
    """The day in full, weekday first, so that no one misreads it: "Fri 27 Nov 2026"."""
    return f"{calendar.day_abbr[day.weekday()]} {day.day} {calendar.month_abbr[day.month]} {day.year}"


def moment_label(stored: str) -> str:
    """A stored day or stamp in full, in local time: "Fri 20 Nov 2026" or "Fri 20 Nov 2026 15:30";
    a restored row's text that is neither is shown as it is."""
    try:
        if len(stored) <= len("2026-11-20"):
            return day_label(date.fromisoformat(stored))
        local = datetime.fromisoformat(stored).astimezone()
    except (TypeError, ValueError):
        return str(stored)
    return f"{day_label(local.date())} {local:%H:%M}"


def short_day(day: date, today: date) -> str:
    """A compact day for tables: "27 Nov" this year, "27 Nov 2027" in another."""
    label = f"{day.day} {calendar.month_abbr[day.month]}"
    return label if day.year == today.year else f"{label} {day.year}"
