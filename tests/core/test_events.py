"""Events: most urgent first, done and reopened, pinned on the record, on the home screen,
searched, merged, undone and erased with their client."""

from __future__ import annotations

from datetime import date

import pytest

from kiaro_cli.core import clients
from kiaro_cli.core.duplicates import merge_clients
from kiaro_cli.core.events import (
    add_event,
    edit_event,
    event_filter,
    list_events,
    remove_event,
    set_done,
)
from kiaro_cli.core.home import home_summary
from kiaro_cli.core.timeline import timeline
from kiaro_cli.core.undo import undo_last
from kiaro_cli.core.views import client_view
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


@pytest.fixture
def acme(location: Location) -> Location:
    for name in ("Acme", "Beta"):
        clients.add_client(location, {"name": name}, full_form=False, today=TODAY)
    return location


def listed(
    location: Location, ref: str | None = None, **options: object
) -> list[tuple[int, str, str | None]]:
    with open_reader(location) as reader:
        flt = event_filter(reader, ref, today=TODAY, **options)  # type: ignore[arg-type]
        return [(e.id, e.priority, e.due_on) for e in list_events(reader, flt)]


def test_events_list_most_urgent_first_and_filter(acme: Location) -> None:
    add_event(acme, "acme", "Someday", priority="low", today=TODAY)
    add_event(acme, "acme", "Chase the quote", kind="quote", due="next friday", today=TODAY)
    add_event(acme, "beta", "Send the NDA", priority="urgent", due="2026-11-20", today=TODAY)
    add_event(acme, "acme", "Call back", priority="high", today=TODAY)
    add_event(acme, "acme", "Earlier", due="tomorrow", today=TODAY)
    assert listed(acme) == [
        (3, "critical", "2026-11-20"),
        (4, "high", None),
        (5, "medium", "2026-11-24"),
        (2, "medium", "2026-11-27"),
        (1, "low", None),
    ]
    assert listed(acme, "acme", priorities=["HIGH", "low"]) == [(4, "high", None), (1, "low", None)]
    assert listed(acme, due_within="0d") == [(3, "critical", "2026-11-20")]
    assert listed(acme, due_within="1w") == [(3, "critical", "2026-11-20"), (5, "medium", "2026-11-24"),
                                             (2, "medium", "2026-11-27")]  # fmt: skip
    set_done(acme, 3, True)
    assert listed(acme, state="done") == [(3, "critical", "2026-11-20")]
    assert len(listed(acme, state="all")) == 5 and len(listed(acme)) == 4


def test_bad_values_are_refused_and_nothing_is_added(acme: Location) -> None:
    for text, options, error in (
        (" ", {}, "needs a text"),
        ("x", {"priority": "asap"}, "unknown priority 'asap'"),
        ("x", {"kind": "party"}, "unknown event kind 'party'"),
        ("x", {"due": "when pigs fly"}, "cannot understand the date"),
        ("x" * 2001, {}, "longer than 2000"),
        ("a\x1bb", {}, "control characters"),
    ):
        with pytest.raises(InvalidValue, match=error):
            add_event(acme, "acme", text, today=TODAY, **options)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        add_event(acme, "nobody", "x", today=TODAY)
    assert listed(acme, state="all") == []
    with pytest.raises(NotFound, match="no event with id 9"):
        set_done(acme, 9, True)


def test_done_reopen_edit_and_remove_are_history_and_undone(acme: Location) -> None:
    event = add_event(acme, "acme", "Chase the quote", kind="quote", today=TODAY)
    done, changed = set_done(acme, event.id, True)
    assert changed and done.done and done.done_at is not None
    assert set_done(acme, event.id, True)[1] is False  # already done: nothing changes
    assert set_done(acme, event.id, False)[0].done is False
    edited = edit_event(acme, event.id, priority="critical", due="2026-12-01", sticky=True, today=TODAY)
    assert (edited.priority, edited.due_on, edited.sticky) == ("critical", "2026-12-01", True)
    with pytest.raises(InvalidValue, match="nothing to change"):
        edit_event(acme, event.id)
    remove_event(acme, event.id)
    with open_reader(acme) as reader:
        details = [entry.detail for entry in timeline(reader, 1)[:5]]
    assert details == [
        "Event removed: Chase the quote (critical quote, due Tue 1 Dec 2026, pinned)",
        "Event changed (priority, due_on, sticky): "
        "Chase the quote (critical quote, due Tue 1 Dec 2026, pinned)",
        "Event reopened: Chase the quote (medium quote)",
        "Event done: Chase the quote (medium quote)",
        "Event added: Chase the quote (medium quote)",
    ]
    undo_last(acme)
    assert listed(acme) == [(1, "critical", "2026-12-01")]


def test_the_record_pins_sticky_open_events_and_lists_open_ones(acme: Location) -> None:
    add_event(acme, "acme", "Pinned low", priority="low", sticky=True, today=TODAY)
    add_event(acme, "acme", "Open, not pinned", today=TODAY)
    add_event(acme, "acme", "Pinned critical", priority="critical", sticky=True, today=TODAY)
    add_event(acme, "acme", "Done and pinned", sticky=True, today=TODAY)
    set_done(acme, 4, True)
    with open_reader(acme) as reader:
        view = client_view(reader, "acme")
    assert [e.text for e in view.pinned] == ["Pinned critical", "Pinned low"]
    assert [e["text"] for e in view.to_dict()["events"]] == [
        "Pinned critical",
        "Open, not pinned",
        "Pinned low",
    ]


def test_search_finds_event_texts_until_they_are_removed(acme: Location) -> None:
    event = add_event(acme, "acme", "Invoice 2026-031 disputed", kind="complaint", today=TODAY)

    def found() -> list[str]:
        with open_reader(acme) as reader:
            return [c.name for c in clients.iter_clients(reader, clients.make_filter(search="disputed"))]

    assert found() == ["Acme"]
    edit_event(acme, event.id, text="Invoice paid after all")
    assert found() == []


def test_home_shows_urgent_due_events_beside_follow_ups(acme: Location) -> None:
    clients.edit_client(acme, "beta", {"follow_up_on": "today"}, today=TODAY)
    add_event(acme, "acme", "Critical, due later", priority="critical", due="2026-12-20", today=TODAY)
    add_event(acme, "acme", "Medium, overdue", due="2026-11-01", today=TODAY)
    add_event(acme, "acme", "High, overdue", priority="high", due="2026-11-20", today=TODAY)
    add_event(acme, "acme", "Critical, today", priority="critical", due="today", today=TODAY)
    with open_reader(acme) as reader:
        summary = home_summary(reader, TODAY)
    shown = [getattr(item, "text", getattr(item, "name", None)) for item in summary.cards]
    assert shown == ["Critical, today", "High, overdue", "Beta"]
    assert (summary.due_count, summary.events_due, summary.more) == (1, 2, 0)


def test_a_merge_keeps_the_events_and_a_delete_erases_them(acme: Location) -> None:
    add_event(acme, "beta", "Beta's", today=TODAY)
    merge_clients(acme, "acme", "beta")
    assert listed(acme, "acme") == [(1, "medium", None)]
    clients.delete_client(acme, "acme")
    assert listed(acme, state="all") == []


def test_due_within_is_read_as_a_day(acme: Location) -> None:
    with open_reader(acme) as reader, pytest.raises(InvalidValue):
        event_filter(reader, due_within="soonish", today=date(2026, 11, 23))
