"""Dates that come back, on the days ahead: contacts' birthdays and clients' dates (yearly
ones every year, the others once) that fall within a window of days, soonest first; and
all of them as calendar items.

The database gives the rows whose day of the year lies in the window (an index serves
it); the exact day each falls on is worked out here: 29 February falls on 28 February in
a year without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from kiaro_cli.core.client_dates import ClientDateRecord
from kiaro_cli.core.records import stored_day
from kiaro_cli.core.yearly import NO_YEAR, falls_on, known_year, month_day, next_yearly
from kiaro_cli.dates import parse_when
from kiaro_cli.storage import date_queries
from kiaro_cli.storage.reader import Reader
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.codecs.ics import DayEvent

UPCOMING_KEYS = ("day", "in_days", "kind", "what", "id", "client_id", "client")
NO_YEAR_BASE = 2000  # the first year of a birthday kept without one, in a calendar (a leap year)
NO_YEAR_FIRST = date(NO_YEAR_BASE, 1, 1)
MAX_AHEAD_DAYS = 366


@dataclass(frozen=True)
class Upcoming:
    """A birthday or a client's date on a day to come. ``id`` is the contact's (a birthday)
    or the date's."""

    day: date
    in_days: int
    kind: str  # birthday or date
    what: str
    id: int
    client_id: int
    client: str

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in UPCOMING_KEYS} | {"day": self.day.isoformat()}


def last_day(today: date, within: str | None, ahead_days: int) -> date:
    """The last day of the window: the day ``within`` names, else ``ahead_days`` from today."""
    return parse_when(within, today) if within is not None else today + timedelta(days=ahead_days)


def upcoming_within(reader: Reader, today: date, within: str | None) -> list[Upcoming]:
    """What ``kiaro dates`` lists: birthdays and dates until the day ``within`` names, else
    within the ``dates-ahead-days`` setting."""
    from kiaro_cli.core.settings import load_settings

    ahead = load_settings(reader).dates_ahead_days if within is None else 0
    return upcoming(reader, today, last_day(today, within, ahead))


def upcoming(reader: Reader, today: date, until: date) -> list[Upcoming]:
    """Birthdays and dates from ``today`` to ``until``, soonest first (each date its next time)."""
    wraps = until.year > today.year
    params: dict[str, Any] = {
        "first": f"{today:%m-%d}",
        "last": f"{until:%m-%d}",
        "first_day": today.isoformat(),
        "last_day": until.isoformat(),
        "false_flag": False,
        "true_flag": True,
    }
    if (until - today).days >= 365:  # the whole year: every day of it
        wraps, params["first"], params["last"] = False, "01-01", "12-31"
    found: list[Upcoming] = []
    for row in reader.rows(date_queries.birthdays_within(wraps), params):
        day = _next_birthday(row["birthday"], today)
        if day is not None and day <= until:
            found.append(_birthday(row, day, today))
    for row in reader.rows(date_queries.client_dates_within(wraps), params):
        record = ClientDateRecord.from_row(row)
        first = stored_day(record.date)  # a yearly date comes back from its first day on
        if first is None:
            continue  # no day: kiaro db check names it
        day = max(next_yearly(first.month, first.day, today), first) if record.yearly else first
        if today <= day <= until:
            found.append(_client_date(record, day, today))
    return sorted(found, key=lambda item: (item.day, item.kind, item.client.lower(), item.id))


def _next_birthday(stored: Any, today: date) -> date | None:
    """The next day a stored birthday (YYYY-MM-DD or --MM-DD) falls on; None for anything
    else a row may hold there (kiaro db check names it)."""
    if not isinstance(stored, str) or not (stored_day(stored) or NO_YEAR.fullmatch(stored)):
        return None
    try:
        return next_yearly(*month_day(stored), today)
    except ValueError:  # --13-45
        return None


def _birthday(row: dict[str, Any], day: date, today: date) -> Upcoming:
    born = known_year(row["birthday"])
    turns = f" (turns {day.year - born})" if born is not None and day.year > born else ""
    what = f"Birthday of {row['name']}{turns}"
    return Upcoming(
        day, (day - today).days, "birthday", what, int(row["id"]), int(row["client_id"]), row["client_name"]
    )


def _client_date(record: ClientDateRecord, day: date, today: date) -> Upcoming:
    years = day.year - int(record.date[:4])
    what = f"{record.label} ({counted(years, 'year')})" if record.yearly and years > 0 else record.label
    return Upcoming(day, (day - today).days, "date", what, record.id, record.client_id, record.client_name)


def calendar_items(reader: Reader) -> Iterator[DayEvent]:
    """Every birthday and yearly date as an all-day item that comes back every year, from its
    first time (a birthday without a year from :data:`NO_YEAR_BASE`); a date once on its day.
    A UID comes from the record's kind, id and creation instant, which never change."""
    from kiaro_cli.codecs.ics import DayEvent

    for row in reader.rows(date_queries.EVERY_BIRTHDAY, {"false_flag": False}):
        created = _moment(row["created_at"])
        if _next_birthday(row["birthday"], NO_YEAR_FIRST) is None or created is None:
            continue  # a row kiaro would not store: kiaro db check names it
        month, day = month_day(row["birthday"])
        first = falls_on(month, day, known_year(row["birthday"]) or NO_YEAR_BASE)  # a 29th: a leap year
        yield DayEvent(
            uid=_uid("birthday", int(row["id"]), row["created_at"]),
            day=first,
            summary=f"Birthday: {row['name']} ({row['client_name']})",
            description=f"{row['name']} of {row['client_name']}",
            categories=["birthday"],
            updated=created,
            sequence=0,
            yearly=True,
        )
    for row in reader.rows(date_queries.EVERY_CLIENT_DATE, {"false_flag": False}):
        record = ClientDateRecord.from_row(row)
        falls, created = stored_day(record.date), _moment(row["created_at"])
        if falls is None or created is None:
            continue  # a row kiaro would not store: kiaro db check names it
        yield DayEvent(
            uid=_uid("date", record.id, row["created_at"]),
            day=falls,
            summary=f"{record.label} — {record.client_name}",
            description=f"{record.label} of {record.client_name}" + (", every year" if record.yearly else ""),
            categories=["date"],
            updated=created,
            sequence=0,
            yearly=record.yearly,
        )


def _moment(stored: Any) -> datetime | None:
    """A stored moment; None for anything else a row may hold there."""
    try:
        return datetime.fromisoformat(stored) if isinstance(stored, str) else None
    except ValueError:
        return None


def _uid(kind: str, record_id: int, created_at: str) -> str:
    stamp = "".join(ch for ch in created_at[:19] if ch.isdigit())
    return f"{kind}-{record_id}-{stamp}@kiaro"
