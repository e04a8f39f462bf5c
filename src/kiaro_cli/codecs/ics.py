"""An iCalendar feed of all-day items, streamed one event at a time (icalendar).

The core decides what an item says (see :func:`kiaro_cli.core.exports.follow_up_events`);
this module only writes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import IO

CRLF = "\r\n"
HEADER = (
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//kiaro//follow-ups//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:kiaro follow-ups",
)
FOOTER = ("END:VCALENDAR",)


@dataclass(frozen=True)
class DayEvent:
    """One all-day calendar item. ``sequence`` rises with every change, so a calendar keeps
    the newest copy of an item it already has (same ``uid``)."""

    uid: str
    day: date
    summary: str
    description: str
    categories: Sequence[str]
    updated: datetime
    sequence: int
    yearly: bool = False  # comes back every year from ``day`` (29 February: on the 28th in other years)


def write_calendar(events: Iterable[DayEvent], out: IO[str]) -> int:
    """Write a VCALENDAR with one VEVENT per item; return how many."""
    out.write(CRLF.join(HEADER) + CRLF)
    count = 0
    for event in events:
        out.write(event_text(event))
        count += 1
    out.write(CRLF.join(FOOTER) + CRLF)
    return count


def event_text(item: DayEvent) -> str:
    """One serialised all-day VEVENT."""
    from icalendar import Event

    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", item.updated)
    event.add("last-modified", item.updated)
    event.add("sequence", item.sequence)
    event.add("dtstart", item.day)
    event.add("dtend", item.day + timedelta(days=1))
    if item.yearly:  # a 29 February: the month's last day, so that it comes every year
        leap_day = (item.day.month, item.day.day) == (2, 29)
        event.add(
            "rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1} if leap_day else {"freq": "yearly"}
        )
    event.add("summary", item.summary)
    event.add("description", item.description)
    event.add("transp", "TRANSPARENT")
    event.add("categories", list(item.categories))
    serialised: bytes = event.to_ical()
    return serialised.decode("utf-8")
