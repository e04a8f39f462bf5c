"""What the home screen knows: whether the workspace is empty, what is due, overdue invoices
and late projects, quick counts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from kiaro_cli.core.clients import count_clients, iter_clients
from kiaro_cli.core.events import EventRecord, urgent_due
from kiaro_cli.core.followups import SOONEST_FIRST, due_filter, iter_follow_ups, scheduled_filter
from kiaro_cli.core.ledger_day import LedgerDay, ledger_day
from kiaro_cli.core.records import QUIET_MONTHS, ClientRecord
from kiaro_cli.core.settings import load_settings
from kiaro_cli.core.upcoming import Upcoming, upcoming
from kiaro_cli.dates import months_before
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader, scalar

DUE_CARDS = 3


@dataclass(frozen=True)
class HomeSummary:
    total: int
    by_status: dict[str, int] = field(default_factory=dict)
    missing_invoice_details: int = 0
    due: tuple[ClientRecord, ...] = ()
    due_count: int = 0
    next_up: ClientRecord | None = None  # when nothing is due: the next follow-up scheduled
    quiet: int = 0  # clients not heard from for quiet_months or more
    quiet_months: int = QUIET_MONTHS
    events: tuple[EventRecord, ...] = ()  # open critical and high events due, most urgent first
    events_due: int = 0
    yours: int | None = None  # due follow-ups of clients you own (when KIARO_USER names you)
    ledger: LedgerDay = field(default_factory=LedgerDay)  # overdue invoices and late projects
    dates: tuple[Upcoming, ...] = ()  # birthdays and dates within dates-ahead-days, soonest first

    @property
    def cards(self) -> tuple[ClientRecord | EventRecord, ...]:
        """The most urgent of the due follow-ups and urgent events: critical events first, then
        the most overdue (an event before a follow-up due the same day)."""
        items: list[ClientRecord | EventRecord] = [*self.due, *self.events]
        return tuple(sorted(items, key=_urgency)[:DUE_CARDS])

    @property
    def more(self) -> int:
        """How many due items the cards leave out."""
        return self.due_count + self.events_due - len(self.cards)

    @property
    def empty(self) -> bool:
        return self.total == 0

    def to_dict(self, today: date) -> dict[str, Any]:
        """The screen as one object for scripts and status bars (``kiaro home --format json``):
        counts, and the items the cards show, most urgent first."""
        return {
            "today": today.isoformat(),
            "clients": self.total,
            "by_status": dict(self.by_status),
            "missing_invoice_details": self.missing_invoice_details,
            "quiet": self.quiet,
            "quiet_months": self.quiet_months,
            "follow_ups_due": self.due_count,
            "follow_ups_due_yours": self.yours,
            "follow_ups": [_follow_up(client) for client in self.due],
            "next_follow_up": _follow_up(self.next_up) if self.next_up else None,
            "events_due": self.events_due,
            "events": [event.to_dict() for event in self.events],
            "invoices_overdue": self.ledger.invoices_overdue,
            "invoices": [invoice.to_dict() for invoice in self.ledger.invoices],
            "projects_late": self.ledger.projects_late,
            "projects": [project.to_dict() for project in self.ledger.projects],
            "dates": [item.to_dict() for item in self.dates],
        }


def _follow_up(client: ClientRecord) -> dict[str, Any]:
    return {
        "id": client.id,
        "name": client.name,
        "status": client.status,
        "follow_up_on": client.follow_up_on,
    }


def _urgency(item: ClientRecord | EventRecord) -> tuple[int, str, int]:
    if isinstance(item, EventRecord):
        return (0 if item.priority == "critical" else 1), item.due_on or "", 0
    return 1, item.follow_up_on or "", 1


def home_summary(reader: Reader, today: date) -> HomeSummary:
    """The first :data:`DUE_CARDS` due follow-ups (most overdue first) and urgent events,
    how many are due (or, when none is, the next follow-up), the most overdue invoices and
    late projects, birthdays and dates within the dates-ahead-days setting, and counts by
    status, of clients missing invoice details and of clients gone quiet (archived left out)."""
    total = int(scalar(reader, queries.COUNT_ALL) or 0)
    if not total:
        return HomeSummary(0)
    params = {**queries.BASE_PARAMS, "false_flag": False}
    by_status = {row["status"]: int(row["n"]) for row in reader.rows(queries.COUNT_BY_STATUS, params)}
    missing = int(scalar(reader, queries.COUNT_MISSING, params) or 0)
    flt = due_filter(today)
    listed = list(iter_clients(reader, flt, sort=SOONEST_FIRST, limit=DUE_CARDS))
    due = tuple(client for client in listed if client.follow_up_on is not None)  # no day: none
    due_count = len(due) if len(listed) < DUE_CARDS else count_clients(reader, flt)
    events = urgent_due(reader, today)
    next_up = None
    if not due and not events:
        next_up = next(iter_follow_ups(reader, scheduled_filter(today), limit=1), None)
    settings = load_settings(reader)
    months = settings.quiet_months
    before = months_before(today, months).isoformat()
    quiet = int(scalar(reader, queries.COUNT_QUIET, {"false_flag": False, "quiet_before": before}) or 0)
    return HomeSummary(
        total,
        by_status,
        missing,
        due,
        due_count,
        next_up,
        quiet,
        months,
        events=tuple(events[:DUE_CARDS]),
        events_due=len(events),
        yours=_yours(reader, flt) if due_count else None,
        ledger=ledger_day(reader, today),
        dates=tuple(upcoming(reader, today, today + timedelta(days=settings.dates_ahead_days))),
    )


def _yours(reader: Reader, due: queries.ClientFilter) -> int | None:
    """How many due follow-ups are of clients whose owner is the named user (None when no
    user name is set: a login name says nothing of who owns a client)."""
    import os

    from kiaro_cli.who import current_user

    if not os.environ.get("KIARO_USER", "").strip():
        return None
    return count_clients(reader, replace(due, owner=current_user()))
