"""How values read in tables and cards: friendly days, local times, money, statuses.

Machine formats keep ISO dates and UTC stamps; people read "today", "Fri 27 Nov",
"3 weeks overdue" and their own local time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from rich.text import Text

from kiaro_cli.core.records import status_context, stored_day, stored_moment
from kiaro_cli.dates import day_label, describe, moment_label, short_day

STATUS_STYLE = {"lead": "cyan", "active": "green", "inactive": "yellow", "past": "dim"}
PRIORITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "dim"}
THIS_WEEK = 6  # days ahead that read as a weekday ("Fri 27 Nov")


def status(value: str, *, archived: bool = False, context: bool = False) -> Text:
    """A status in its colour ("Inactive client" with ``context``); archived ones say so, dimmed."""
    shown = status_context(value) if context else value
    if archived:
        return Text(f"{shown} (archived)", style="dim")
    return Text(shown, style=STATUS_STYLE.get(value, ""))


def priority(value: str) -> Text:
    """An event's priority as a word in its colour (the colour only on a terminal)."""
    return Text(value, style=PRIORITY_STYLE.get(value, ""))


def follow_up(value: str | None, today: date) -> Text:
    """When to follow up, as short as it can be said: "today", "3 days overdue", "Fri 27 Nov"."""
    if not value:
        return Text("")
    day = date.fromisoformat(value)
    if day < today:
        return Text(describe(day, today), style="bold red")
    if day == today:
        return Text("today", style="bold yellow")
    if day == today + timedelta(days=1):
        return Text("tomorrow")
    if (day - today).days <= THIS_WEEK:
        return Text(f"{day:%a} {short_day(day, today)}")
    return Text(short_day(day, today))


def follow_up_in_full(value: str, today: date) -> Text:
    """The follow-up day in full, with how far it is: "Fri 27 Nov 2026 (in 4 days)"."""
    day = date.fromisoformat(value)
    style = "bold red" if day < today else "bold yellow" if day == today else ""
    return Text(f"{day_label(day)} ({describe(day, today)})", style=style)


def day(value: str | None, today: date) -> str:
    """A stored day (or the day of a stamp) as "20 Nov", with the year when it is not this one."""
    known = stored_day(value[:10]) if isinstance(value, str) else None
    return short_day(known, today) if known else ""


def moment(value: str | None, today: date) -> str:
    """A day ("20 Nov"), or a day and a local time ("20 Nov 15:30") when the value has one."""
    if not value or stored_moment(value) is None:  # a restored row's that is no moment reads as none
        return ""
    if len(value) <= len("2026-11-20"):
        return day(value, today)
    local = datetime.fromisoformat(value).astimezone()
    return f"{short_day(local.date(), today)} {local:%H:%M}"


def moment_in_full(value: str | None) -> str | None:
    """A day or stamp in full, in local time: "Mon 23 Nov 2026 08:04"."""
    return moment_label(value) if value else None


def money(value: Any, currency: str | None) -> str | None:
    if value is None:
        return None
    return f"{value:,.2f} {currency or ''}".strip()


def card_title(name: str, tail: str, width: int) -> Text:
    """A card's title in its top border on a terminal ``width`` wide: ``name`` cut with "…"
    to leave room for ``tail`` (its #id)."""
    title = Text(name)
    title.truncate(max(8, width - 8 - len(tail)), overflow="ellipsis")
    title.append(f"  {tail}")
    return title


def rate(value: Any) -> str:
    """A VAT rate as a card says it (``21``, ``9.5``); ``?`` for a stored one that is no number."""
    return "?" if value is None else str(value)
