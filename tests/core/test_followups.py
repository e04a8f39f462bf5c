"""Follow-up rules on the core: scheduling, done, due, and what drafts are built from."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from kiaro_cli.core import clients, followups
from kiaro_cli.core.records import ClientRecord
from kiaro_cli.errors import Conflict, InvalidValue
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


def lead(location: Location, name: str, follow_up: str | None = None, today: date = TODAY) -> int:
    values = {"name": name, "follow_up_on": follow_up}
    return clients.add_client(location, values, full_form=False, today=today).id


def show(location: Location, ref: str) -> ClientRecord:
    with open_reader(location) as reader:
        return clients.get_client(reader, ref)


def activity_kinds(location: Location, client_id: int) -> list[str]:
    """The kinds of a client's activity rows, newest first."""
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        rows = connection.execute(
            "SELECT kind FROM activity WHERE client_id = ? ORDER BY id DESC", (client_id,)
        )
        return [kind for (kind,) in rows]


def test_set_resolves_the_phrase_and_records_it(location: Location) -> None:
    client_id = lead(location, "Acme")
    outcome = followups.set_follow_up(location, "acme", "in 3 weeks", TODAY)
    assert outcome.client.follow_up_on == "2026-12-14"
    assert activity_kinds(location, client_id)[0] == "follow-up set"


@pytest.mark.parametrize("phrase", ["yesterday", "2026-01-01", "someday maybe", "  "])
def test_set_refuses_past_and_unreadable_dates_and_changes_nothing(location: Location, phrase: str) -> None:
    lead(location, "Acme", "2w")
    with pytest.raises(InvalidValue):
        followups.set_follow_up(location, "acme", phrase, TODAY)
    assert show(location, "acme").follow_up_on == "2026-12-07"


def test_clear_removes_the_date_once(location: Location) -> None:
    lead(location, "Acme", "2w")
    assert followups.clear_follow_up(location, "acme").changes
    assert show(location, "acme").follow_up_on is None
    assert followups.clear_follow_up(location, "acme").changes == ()


def test_done_records_when_and_schedules_the_next(location: Location) -> None:
    client_id = lead(location, "Acme", "today")
    result = followups.mark_done(location, "acme", "1m", TODAY)
    assert result.previous == "2026-11-23"
    assert result.client.follow_up_on == "2026-12-23"
    assert result.client.last_followed_up_at is not None
    stamped = datetime.fromisoformat(result.client.last_followed_up_at)
    assert abs(datetime.now(UTC) - stamped) < timedelta(minutes=1)
    assert activity_kinds(location, client_id)[0] == "follow-up done"


def test_done_without_a_next_date_clears_it(location: Location) -> None:
    lead(location, "Acme", "today")
    result = followups.mark_done(location, "acme", None, TODAY)
    assert result.client.follow_up_on is None
    assert result.client.last_followed_up_at


def test_done_with_a_bad_next_date_changes_nothing(location: Location) -> None:
    lead(location, "Acme", "today")
    with pytest.raises(InvalidValue, match="'last week'"):
        followups.mark_done(location, "acme", "last week", TODAY)
    after = show(location, "acme")
    assert (after.follow_up_on, after.last_followed_up_at) == ("2026-11-23", None)


def test_changing_status_keeps_the_follow_up(location: Location) -> None:
    lead(location, "Acme", "2w")
    for status in ("active", "inactive", "past", "lead"):
        clients.set_status(location, "acme", status)
        assert show(location, "acme").follow_up_on == "2026-12-07"


def test_due_is_today_or_overdue_most_overdue_first_without_archived(location: Location) -> None:
    earlier = TODAY - timedelta(days=30)
    lead(location, "Later", "today")
    lead(location, "Oldest", "2026-10-30", today=earlier)
    lead(location, "Archived", "2026-10-25", today=earlier)
    lead(location, "Middle", "2026-11-20", today=earlier)
    lead(location, "Future", "tomorrow")
    lead(location, "Unscheduled")
    clients.set_archived(location, "archived", True)
    with open_reader(location) as reader:
        due = [c.name for c in followups.iter_follow_ups(reader, followups.due_filter(TODAY))]
        listed = [c.name for c in followups.iter_follow_ups(reader, followups.scheduled_filter(TODAY))]
        within = followups.scheduled_filter(TODAY, "today")
        soon = [c.name for c in followups.iter_follow_ups(reader, within)]
    assert due == ["Oldest", "Middle", "Later"]
    assert listed == ["Oldest", "Middle", "Later", "Future"]
    assert soon == due


def test_a_follow_up_on_an_archived_client_is_refused_saying_how_to_bring_it_back(location: Location) -> None:
    client_id = lead(location, "Acme")
    clients.set_archived(location, "acme", True)
    refusal = f"Acme is archived; unarchive it first: kiaro client unarchive {client_id}"
    with pytest.raises(Conflict, match=refusal):
        followups.set_follow_up(location, "acme", "2w", today=TODAY)
    with pytest.raises(Conflict, match=refusal):
        clients.edit_client(location, "acme", {"follow_up_on": "2w"}, today=TODAY)
    with pytest.raises(Conflict, match=refusal):
        followups.mark_done(location, "acme", "1w", today=TODAY)
    assert show(location, "acme").follow_up_on is None
    followups.mark_done(location, "acme", today=TODAY)  # done with none next: nothing to hide
    clients.set_archived(location, "acme", False)
    assert followups.set_follow_up(location, "acme", "2w", today=TODAY).client.follow_up_on == "2026-12-07"


def test_a_cadence_is_opt_in_and_schedules_each_next_follow_up(location: Location) -> None:
    client_id = lead(location, "Acme", "1w")
    assert show(location, "acme")["cadence"] is None
    outcome = followups.set_follow_up(location, "acme", None, TODAY, every="2 weeks")
    assert outcome.client["cadence"] == "2w"
    assert outcome.client.follow_up_on == "2026-11-30"  # the day already scheduled stays
    assert [change.field for change in outcome.changes] == ["cadence"]
    done = followups.mark_done(location, "acme", today=date(2026, 12, 1))
    assert done.client.follow_up_on == "2026-12-15"
    assert followups.mark_done(location, "acme", "3d", today=TODAY).client.follow_up_on == "2026-11-26"
    assert followups.mark_done(location, "acme", clear=True, today=TODAY).client.follow_up_on is None
    assert "cadence set" in activity_kinds(location, client_id)
    ended = followups.set_follow_up(location, "acme", None, TODAY, every="off")
    assert ended.client["cadence"] is None
    assert followups.mark_done(location, "acme", today=TODAY).client.follow_up_on is None


def test_a_cadence_on_a_client_without_a_follow_up_schedules_the_first(location: Location) -> None:
    lead(location, "Acme")
    outcome = followups.set_follow_up(location, "acme", None, TODAY, every="1m")
    assert outcome.client.follow_up_on == "2026-12-23"
    with pytest.raises(InvalidValue, match="a follow-up date is required"):
        followups.set_follow_up(location, "acme", None, TODAY)
    with pytest.raises(InvalidValue, match="must be at least 1 day"):
        followups.set_follow_up(location, "acme", "2w", TODAY, every="0d")
    assert show(location, "acme").follow_up_on == "2026-12-23"


def test_an_archived_client_with_a_cadence_is_never_scheduled_again(location: Location) -> None:
    lead(location, "Acme", "1w")
    followups.set_follow_up(location, "acme", None, TODAY, every="6w")
    clients.set_archived(location, "acme", True)
    assert followups.mark_done(location, "acme", today=TODAY).client.follow_up_on is None
