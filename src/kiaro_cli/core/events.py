"""Events on a client: notes and reminders (a quote to chase, a complaint to watch) with a
priority, perhaps a due day, perhaps pinned (sticky) to the top of the client's record.

An event is open until it is done; done ones can be reopened. Every change is a line in
the client's history, and ``kiaro undo`` takes it back. Events are listed most urgent
first: by priority, then the soonest due.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.core.choices import clean_event_kind, clean_priority
from kiaro_cli.core.client_rows import refresh_search_text
from kiaro_cli.core.fields import clean_entry
from kiaro_cli.core.records import stored_value
from kiaro_cli.core.references import resolve_client
from kiaro_cli.declarations import Entry
from kiaro_cli.declarations.event import EVENT
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage import entry_queries
from kiaro_cli.storage.reader import Reader, by_id

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client, Event
    from kiaro_cli.storage.unit import Target, Writer

EVENT_KEYS = EVENT.keys  # the JSON object of an event, in order
STATES = ("open", "done", "all")
TEXT_RULE = EVENT.by_key["text"].rule
assert isinstance(TEXT_RULE, Entry)
MAX_EVENT_TEXT = TEXT_RULE.limit
URGENT = ("critical", "high")  # the priorities the home screen shows beside due follow-ups


@dataclass(frozen=True)
class EventRecord:
    id: int
    client_id: int
    client_name: str
    text: str
    kind: str
    priority: str
    due_on: str | None
    sticky: bool
    done_at: str | None
    created_at: str
    updated_at: str

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> EventRecord:
        """The record of a row of the event queries: each field its declaration gives (done is
        whether done_at is set)."""
        return cls(
            **{
                declared.key: stored_value(declared, row)
                for declared in EVENT.read_fields
                if declared.key != "done"
            }
        )

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in EVENT_KEYS}


# ---------------------------------------------------------------- reading


def get_event(reader: Reader, event_id: int) -> EventRecord:
    row = by_id(reader, entry_queries.EVENT_BY_ID, event_id)
    if row is None:
        raise NotFound(f"no event with id {event_id}")
    return EventRecord.from_row(row)


def event_filter(
    reader: Reader,
    reference: str | None = None,
    *,
    state: str = "open",
    priorities: Sequence[str] = (),
    due_within: str | None = None,
    today: date | None = None,
) -> entry_queries.EventFilter:
    """A listing filter from what a user typed: a client, open/done/all, priorities, and
    ``due_within`` ("0d": due today or overdue; "1w": within a week)."""
    if state not in STATES:
        raise InvalidValue(f"event state must be one of {', '.join(STATES)}")
    day = today or clock.today()
    due = None
    if due_within is not None:
        from kiaro_cli.dates import parse_when

        due = parse_when(due_within, day).isoformat()
    return entry_queries.EventFilter(
        client_id=resolve_client(reader, reference) if reference is not None else None,
        state=state,
        priorities=tuple(dict.fromkeys(clean_priority(p) for p in priorities)),
        due_on_or_before=due,
    )


def list_events(
    reader: Reader, flt: entry_queries.EventFilter, limit: int | None = None
) -> list[EventRecord]:
    """Events matching ``flt``, most urgent first."""
    sql, params = entry_queries.event_list(flt, limit)
    return [EventRecord.from_row(row) for row in reader.rows(sql, params)]


def open_events_of(reader: Reader, client_id: int) -> list[EventRecord]:
    """A client's open events, most urgent first (sticky ones are what its record pins)."""
    return list_events(reader, entry_queries.EventFilter(client_id=client_id))


def urgent_due(reader: Reader, today: date, limit: int | None = None) -> list[EventRecord]:
    """Open critical and high events due today or earlier (archived clients left out; one
    whose stored day is no day reads as none, so it is not due)."""
    flt = entry_queries.EventFilter(priorities=URGENT, due_on_or_before=today.isoformat())
    return [event for event in list_events(reader, flt, limit) if event.due_on is not None]


# ---------------------------------------------------------------- writing


def _clean_text(value: str) -> str:
    text = clean_entry(value, "event text", limit=MAX_EVENT_TEXT)
    if not text:
        raise InvalidValue("an event needs a text, e.g. 'Chase the signed quote'")
    return text


def _clean_due(value: str, today: date) -> str:
    from kiaro_cli.dates import parse_when

    return parse_when(value, today, allow_past=True).isoformat()


def add_event(
    target: Target,
    reference: str,
    text: str,
    *,
    kind: str = "reminder",
    priority: str = "medium",
    due: str | None = None,
    sticky: bool = False,
    today: date | None = None,
) -> EventRecord:
    """Add an open event to a client."""
    clean = _clean_text(text)
    clean_kind, clean_level = clean_event_kind(kind), clean_priority(priority)
    due_on = _clean_due(due, today or clock.today()) if due is not None else None
    from kiaro_cli.storage.rows import Event
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client = w.clients.get(resolve_client(w.reader, reference))
        assert client.id is not None
        row = Event(
            client_id=client.id,
            text=clean,
            kind=clean_kind,
            priority=clean_level,
            due_on=due_on,
            sticky=sticky,
            created_at=w.at,
            updated_at=w.at,
        )
        w.add(row)
        w.flush()
        w.journal.log(client, "event added", f"Event added: {said(row)}", event_id=row.id)
        refresh_search_text(w, client)
        assert row.id is not None
        return get_event(w.reader, row.id)


def edit_event(
    target: Target,
    event_id: int,
    *,
    text: str | None = None,
    kind: str | None = None,
    priority: str | None = None,
    due: str | None = None,
    clear_due: bool = False,
    sticky: bool | None = None,
    today: date | None = None,
) -> EventRecord:
    """Change an event's text, kind, priority, due day or pin; touch nothing else."""
    if due is not None and clear_due:
        raise InvalidValue("cannot both set --due and clear it")
    changes: dict[str, object] = {}
    if text is not None:
        changes["text"] = _clean_text(text)
    if kind is not None:
        changes["kind"] = clean_event_kind(kind)
    if priority is not None:
        changes["priority"] = clean_priority(priority)
    if due is not None:
        changes["due_on"] = _clean_due(due, today or clock.today())
    if clear_due:
        changes["due_on"] = None
    if sticky is not None:
        changes["sticky"] = sticky
    if not changes:
        raise InvalidValue("nothing to change: give --text, --kind, --priority, --due or --sticky")
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.events.get(event_id)
        changed = {key: value for key, value in changes.items() if getattr(row, key) != value}
        if changed:
            for key, value in changed.items():
                setattr(row, key, value)
            row.updated_at = w.at
            w.add(row)
            _log(w, row, "event changed", f"Event changed ({', '.join(changed)}): {said(row)}")
        return get_event(w.reader, event_id)


def set_done(target: Target, event_id: int, done: bool) -> tuple[EventRecord, bool]:
    """Mark an event done (or open again); and whether that changed anything."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.events.get(event_id)
        if (row.done_at is not None) == done:
            return get_event(w.reader, event_id), False
        row.done_at = w.at if done else None
        row.updated_at = w.at
        w.add(row)
        if done:
            _log(w, row, "event done", f"Event done: {said(row)}")
        else:
            _log(w, row, "event reopened", f"Event reopened: {said(row)}")
        return get_event(w.reader, event_id), True


def remove_event(target: Target, event_id: int) -> EventRecord:
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.events.get(event_id)
        removed = get_event(w.reader, event_id)
        w.delete(row)
        w.flush()
        client = w.clients.get(row.client_id)
        w.journal.log(client, "event removed", f"Event removed: {said(row)}", event_id=event_id)
        refresh_search_text(w, client)
        return removed


def move_events(w: Writer, keep: Client, other: Client) -> int:
    """Give KEEP every event of OTHER (a merge); return how many."""

    assert keep.id is not None and other.id is not None
    moved = w.events.of_client(other.id)
    for row in moved:
        row.client_id = keep.id
        w.add(row)
    w.flush()
    return len(moved)


def _log(w: Writer, row: Event, kind: str, detail: str) -> None:
    w.flush()
    client = w.clients.get(row.client_id)
    w.journal.log(client, kind, detail, event_id=row.id)
    refresh_search_text(w, client)


def said(row: Event | EventRecord) -> str:
    """An event in a history line, its text first and its facts after it:
    ``Invoice disputed (high complaint, due Fri 27 Nov 2026, pinned)``."""
    from kiaro_cli.dates import day_label

    facts = [f"{row.priority} {row.kind}"]
    if row.due_on:
        facts.append(f"due {day_label(date.fromisoformat(row.due_on))}")
    if row.sticky:
        facts.append("pinned")
    return f"{row.text.splitlines()[0]} ({', '.join(facts)})"


def find_events(
    reader: Reader,
    reference: str | None = None,
    *,
    state: str = "open",
    priorities: Sequence[str] = (),
    due_within: str | None = None,
    today: date | None = None,
) -> list[EventRecord]:
    """The events a listing asks for (see :func:`event_filter`), most urgent first."""
    flt = event_filter(
        reader, reference, state=state, priorities=priorities, due_within=due_within, today=today
    )
    return list_events(reader, flt)
