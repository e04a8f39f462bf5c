"""Scheduled follow-ups as an iCalendar feed: one all-day item per client.

Each client keeps one UID for good (its id and creation time), so importing a new
export into a calendar moves the existing item instead of adding a second one.
The feed is streamed: icalendar serialises one event at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import IO

from kiaro_cli.core.records import ClientRecord, status_context

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


def follow_up_uid(client: ClientRecord) -> str:
    """The client's stable UID: its id and creation instant never change."""
    created = "".join(ch for ch in client.created_at[:19] if ch.isdigit())
    return f"follow-up-{client.id}-{created}@kiaro"


def write_calendar(clients: Iterable[ClientRecord], out: IO[str]) -> int:
    """Write a VCALENDAR with one VEVENT per client follow-up; return how many."""
    out.write(CRLF.join(HEADER) + CRLF)
    count = 0
    for client in clients:
        if client.follow_up_on:
            out.write(follow_up_event(client))
            count += 1
    out.write(CRLF.join(FOOTER) + CRLF)
    return count


def follow_up_event(client: ClientRecord) -> str:
    """One client's follow-up as a serialised all-day VEVENT."""
    from icalendar import Event

    assert client.follow_up_on
    day = date.fromisoformat(client.follow_up_on)
    created, updated = datetime.fromisoformat(client.created_at), datetime.fromisoformat(client.updated_at)
    event = Event()
    event.add("uid", follow_up_uid(client))
    event.add("dtstamp", updated)
    event.add("last-modified", updated)
    # Rises with every change of the client, so a calendar keeps the newest copy.
    event.add("sequence", max(0, int((updated - created).total_seconds())))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"Follow up: {client.name}")
    event.add("description", _description(client))
    event.add("transp", "TRANSPARENT")
    event.add("categories", [status_context(client.status)])
    serialised: bytes = event.to_ical()
    return serialised.decode("utf-8")


def _description(client: ClientRecord) -> str:
    lines = [status_context(client.status)]
    contact = " ".join(part for part in (client.contact_person, _angle(client.email)) if part)
    if contact:
        lines.append(contact)
    if client.phone:
        lines.append(client.phone)
    lines.append(f"Draft the message: kiaro followup draft {client.id}")
    return "\n".join(lines)


def _angle(email: str | None) -> str | None:
    return f"<{email}>" if email else None
