"""Dates that come back: a client's dates, and the birthdays and dates of the days ahead."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from kiaro_cli.dates import short_day
from kiaro_cli.render.console import console
from kiaro_cli.render.fit import Cell, Column, fitted_table
from kiaro_cli.render.tables import ID

if TYPE_CHECKING:
    from kiaro_cli.core.client_dates import ClientDateRecord
    from kiaro_cli.core.upcoming import Upcoming


def print_client_dates(dates: Sequence[ClientDateRecord], today: date) -> None:
    """A client's dates: the day, what it is, and whether it comes back every year."""
    if not dates:
        console.print("No dates: kiaro client date add CLIENT LABEL WHEN [--yearly]")
        return
    columns = [ID, Column("Date"), Column("Label", squeeze=True, min_width=16), Column("Yearly")]
    rows: list[list[Cell]] = [
        [str(d.id), short_day(date.fromisoformat(d.date), today), d.label, "every year" if d.yearly else ""]
        for d in dates
    ]
    console.print(fitted_table(columns, rows, console.width))


def in_days(days: int) -> Text:
    """ "today", "tomorrow", "in 5 days"."""
    if days == 0:
        return Text("today", style="bold yellow")
    return Text("tomorrow" if days == 1 else f"in {days} days")


def print_upcoming(found: Sequence[Upcoming], today: date) -> None:
    """Birthdays and dates of the days ahead, soonest first."""
    if not found:
        console.print("No birthdays or dates coming up.")
        return
    columns = [
        Column("Day"),
        Column("What", squeeze=True, min_width=16, keep=2),
        Column("Client", squeeze=True, min_width=12, drop=2),
        Column("When", drop=1),  # "in 2 days" says again what the day says
    ]
    rows: list[list[Cell]] = [
        [f"{item.day:%a} {short_day(item.day, today)}", item.what, item.client, in_days(item.in_days)]
        for item in found
    ]
    console.print(fitted_table(columns, rows, console.width))
