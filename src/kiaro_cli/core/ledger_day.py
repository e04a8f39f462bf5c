"""The ledger on the day: overdue invoices and late projects for the home screen, the due
days and deadlines a calendar shows, and what a draft may say of a client's open quote and
last project."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kiaro_cli.core.money import amount_label, money
from kiaro_cli.core.records import stored_day, whole
from kiaro_cli.storage import day_queries as q
from kiaro_cli.storage.reader import Reader, one, scalar

if TYPE_CHECKING:
    from kiaro_cli.codecs.ics import DayEvent
    from kiaro_cli.drafting import Proposal

DAY_CARDS = 3  # overdue invoices, and late projects, shown on the home screen


@dataclass(frozen=True)
class OverdueInvoice:
    """An issued invoice not paid in full, due before today."""

    id: int
    number: str
    client_id: int
    client_name: str
    outstanding: Decimal
    currency: str
    due_on: date
    days: int  # how many days overdue

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "client_id": self.client_id,
            "client_name": self.client_name,
            "outstanding": self.outstanding,
            "currency": self.currency,
            "due_on": self.due_on.isoformat(),
            "days_overdue": self.days,
        }


@dataclass(frozen=True)
class LateProject:
    """An open project (planned, active, on hold) past its deadline."""

    id: int
    name: str
    client_id: int
    client_name: str
    deadline: date
    days: int  # how many days late

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "client_id": self.client_id,
            "client_name": self.client_name,
            "deadline": self.deadline.isoformat(),
            "days_late": self.days,
        }


@dataclass(frozen=True)
class LedgerDay:
    """The most overdue invoices and the latest projects (up to :data:`DAY_CARDS` each), and
    how many there are in all."""

    invoices: tuple[OverdueInvoice, ...] = ()
    invoices_overdue: int = 0
    projects: tuple[LateProject, ...] = ()
    projects_late: int = 0

    @property
    def more_invoices(self) -> int:
        return self.invoices_overdue - len(self.invoices)

    @property
    def more_projects(self) -> int:
        return self.projects_late - len(self.projects)


def ledger_day(reader: Reader, today: date, limit: int = DAY_CARDS) -> LedgerDay:
    """Overdue invoices and late projects on ``today``, most overdue first (archived clients
    left out); counted in all only when the first ``limit`` do not hold them all."""
    params = {"today": today.isoformat(), "true_flag": True, "limit": limit}
    invoices = tuple(
        item for row in reader.rows(q.OVERDUE_INVOICES, params) if (item := _overdue(row, today))
    )
    projects = tuple(late for row in reader.rows(q.LATE_PROJECTS, params) if (late := _late(row, today)))
    return LedgerDay(
        invoices,
        len(invoices) if len(invoices) < limit else int(scalar(reader, q.COUNT_OVERDUE_INVOICES, params)),
        projects,
        len(projects) if len(projects) < limit else int(scalar(reader, q.COUNT_LATE_PROJECTS, params)),
    )


def _overdue(row: Mapping[str, Any], today: date) -> OverdueInvoice | None:
    """An overdue invoice's card; None for a row whose due day or amount kiaro would not
    store (``kiaro db check`` names it)."""
    due, owed = stored_day(row["due_on"]), whole(row["outstanding_cents"])
    if due is None or owed is None:
        return None
    return OverdueInvoice(
        int(row["id"]),
        str(row["number"] or f"#{row['id']}"),
        int(row["client_id"]),
        str(row["client_name"]),
        money(owed),
        str(row["currency"]),
        due,
        (today - due).days,
    )


def _late(row: Mapping[str, Any], today: date) -> LateProject | None:
    """A late project's card; None for a deadline that is no day (``kiaro db check`` names it)."""
    deadline = stored_day(row["deadline"])
    if deadline is None:
        return None
    return LateProject(
        int(row["id"]),
        str(row["name"]),
        int(row["client_id"]),
        str(row["client_name"]),
        deadline,
        (today - deadline).days,
    )


# ---------------------------------------------------------------- the calendar


def calendar_items(reader: Reader) -> Iterator[DayEvent]:
    """Each unpaid issued invoice on its due day, then each open project on its deadline, as
    all-day items (archived clients left out). A UID comes from the record's kind, id and
    creation instant, which never change, so a calendar moves an item rather than adding
    another when a due day or deadline changes."""
    from kiaro_cli.codecs.ics import DayEvent

    params = {"false_flag": False}
    for row in reader.rows(q.UNPAID_INVOICES, params):
        due = stored_day(row["due_on"])
        amounts = (whole(row["outstanding_cents"]), whole(row["gross_cents"]))
        if due is None or None in amounts or _sequence(row["created_at"], row["updated_at"]) is None:
            continue  # a row kiaro would not store: kiaro db check names it
        number = str(row["number"] or f"#{row['id']}")
        outstanding = amount_label(money(int(row["outstanding_cents"])), row["currency"])
        gross = amount_label(money(int(row["gross_cents"])), row["currency"])
        yield DayEvent(
            uid=_uid("invoice", int(row["id"]), row["created_at"]),
            day=due,
            summary=f"Invoice {number} due — {row['client_name']}, {outstanding} outstanding",
            description=f"{outstanding} outstanding of {gross}\nWhen it is paid: kiaro invoice pay {number}",
            categories=["invoice"],
            updated=datetime.fromisoformat(row["updated_at"]),
            sequence=_sequence(row["created_at"], row["updated_at"]) or 0,
        )
    for row in reader.rows(q.PROJECT_DEADLINES, params):
        if stored_day(row["deadline"]) is None or _sequence(row["created_at"], row["updated_at"]) is None:
            continue  # a row kiaro would not store: kiaro db check names it
        yield DayEvent(
            uid=_uid("project", int(row["id"]), row["created_at"]),
            day=date.fromisoformat(row["deadline"]),  # a day, as checked above
            summary=f"Deadline: {row['name']} — {row['client_name']}",
            description=(
                f"{str(row['status']).capitalize()} project\n"
                f"When it is done: kiaro project status {row['id']} done\n"
                f"A new deadline: kiaro project edit {row['id']} --deadline WHEN"
            ),
            categories=["project", str(row["status"])],
            updated=datetime.fromisoformat(row["updated_at"]),
            sequence=_sequence(row["created_at"], row["updated_at"]) or 0,
        )


def _uid(kind: str, record_id: int, created_at: str) -> str:
    stamp = "".join(ch for ch in created_at[:19] if ch.isdigit())
    return f"{kind}-{record_id}-{stamp}@kiaro"


def _sequence(created_at: Any, updated_at: Any) -> int | None:
    """A number that rises with every change: the seconds between creation and the last
    change; None when either is not a moment kiaro writes."""
    try:
        changed = datetime.fromisoformat(updated_at) - datetime.fromisoformat(created_at)
    except (TypeError, ValueError):
        return None
    return max(0, int(changed.total_seconds()))


# ---------------------------------------------------------------- drafts


def open_proposal(reader: Reader, client_id: int, today: date) -> Proposal | None:
    """The client's open quote (draft or sent, not expired; a sent one first, then the
    latest), as a draft speaks of it: its day and net amount."""
    row = one(reader, q.OPEN_QUOTE_OF_CLIENT, {"client_id": client_id, "today": today.isoformat()})
    if row is None:
        return None
    from kiaro_cli.drafting import Proposal

    day = date.fromisoformat((row["issued_on"] or row["created_at"])[:10])
    return Proposal(day, amount_label(money(int(row["net_cents"])), row["currency"]))


def last_project(reader: Reader, client_id: int) -> str | None:
    """The name of the last project done for the client (work that is past: planned, open
    and cancelled ones left out): the latest to end, else to be due, to start or be added."""
    row = one(reader, q.LAST_PROJECT_OF_CLIENT, {"client_id": client_id})
    return str(row["name"]) if row else None
