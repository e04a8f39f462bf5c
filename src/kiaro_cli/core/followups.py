"""Follow-ups: scheduling, marking done and what is due (the message: :mod:`kiaro_cli.core.drafts`).

A follow-up is one date per client (``follow_up_on``). Setting and clearing it go
through :func:`~kiaro_cli.core.clients.edit_client`, so the date rule (no past
dates, phrases resolved against today) and the activity record are the same
whichever command sets it. Archived clients are never due.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kiaro_cli import clock
from kiaro_cli.core.cadence import after, clean_cadence, next_by_cadence
from kiaro_cli.core.client_rows import Change, apply_changes
from kiaro_cli.core.clients import (
    EditResult,
    edit_client,
    iter_clients,
    load_client,
)
from kiaro_cli.core.records import ClientRecord, refuse_follow_up_if_archived
from kiaro_cli.core.references import resolve_client
from kiaro_cli.dates import parse_when
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target

# What `followup done` offers on a terminal: a label and the phrase it stands for
# (None: no next follow-up).
NEXT_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("In 1 week", "1w"),
    ("In 2 weeks", "2w"),
    ("In 1 month", "1m"),
    ("In 3 months", "3m"),
    ("Done", None),
)
SOONEST_FIRST = "follow-up"  # the listing order: the most overdue first, then by id


@dataclass(frozen=True)
class DoneResult:
    client: ClientRecord
    previous: str | None


# ---------------------------------------------------------------- changing


def set_follow_up(
    target: Target, reference: str, when: str | None, today: date | None = None, *, every: str | None = None
) -> EditResult:
    """Schedule the next follow-up on the day ``when`` names (never in the past); ``every``
    sets the cadence (``6w``; ``off`` ends it). A cadence set on a client with no follow-up
    and no ``when`` schedules the first one that interval from today."""
    day = today or clock.today()
    if every is None or (when is not None and not when.strip()):
        if when is None or not when.strip():
            in_a_week = day + timedelta(weeks=1)
            raise InvalidValue(
                f"a follow-up date is required (e.g. 2w, 'next friday', {in_a_week.isoformat()})"
            )
        return edit_client(target, reference, {"follow_up_on": when}, today=day)
    cadence = clean_cadence(every)
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        changes: tuple[Change, ...] = ()
        if when is not None:
            changes = edit_client(w, reference, {"follow_up_on": when}, today=day).changes
        client_id = resolve_client(w.reader, reference)
        client = w.clients.get(client_id)
        changes += apply_changes(w, client, load_client(w.reader, client_id), {"cadence": cadence})
        if cadence and when is None and client.follow_up_on is None:
            first = after(cadence, day).isoformat()
            changes += edit_client(w, str(client_id), {"follow_up_on": first}, today=day).changes
        w.flush()
        return EditResult(load_client(w.reader, client_id), changes)


def clear_follow_up(target: Target, reference: str) -> EditResult:
    """Remove the scheduled follow-up (nothing changes when there is none)."""
    return edit_client(target, reference, {}, clear=["follow_up_on"])


def mark_done(
    target: Target,
    reference: str,
    next_when: str | None = None,
    today: date | None = None,
    *,
    clear: bool = False,
) -> DoneResult:
    """Record that the client was followed up now; schedule ``next_when``, else the next one
    its cadence says (an interval from today), else (or with ``clear``) clear the date."""
    day = today or clock.today()
    next_day = parse_when(next_when, day).isoformat() if next_when is not None else None

    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client_id = resolve_client(w.reader, reference)
        client = w.clients.get(client_id)
        if next_when is None and not clear:
            next_day = next_by_cadence(client, day)
        if next_day:
            refuse_follow_up_if_archived(load_client(w.reader, client_id))
        previous = client.follow_up_on
        client.last_followed_up_at = w.at
        client.follow_up_on = next_day
        then = f"next on {next_day}" if next_day else "none scheduled"
        w.journal.log(
            client,
            "follow-up done",
            f"Follow-up done; {then}",
            field="follow_up_on",
            old=previous,
            new=next_day,
        )
        w.flush()
        return DoneResult(load_client(w.reader, client_id), previous)


# ---------------------------------------------------------------- reading


def due_filter(today: date) -> queries.ClientFilter:
    """Clients (not archived) whose follow-up is today or earlier."""
    return queries.ClientFilter(due_on_or_before=today.isoformat())


def scheduled_filter(today: date, within: str | None = None) -> queries.ClientFilter:
    """Clients (not archived) with a follow-up; with ``within`` ("2w"), only those due by then."""
    last_day = parse_when(within, today).isoformat() if within is not None else None
    return queries.ClientFilter(scheduled=True, due_on_or_before=last_day)


def iter_follow_ups(
    reader: Reader, flt: queries.ClientFilter, limit: int | None = None
) -> Iterator[ClientRecord]:
    """Clients with follow-ups, soonest (most overdue) first; one whose stored day is no day
    (a restored row, a teammate's) is left out, as it reads as none."""
    found = iter_clients(reader, flt, sort=SOONEST_FIRST, limit=limit)
    return (client for client in found if client.follow_up_on is not None)
