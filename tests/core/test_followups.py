"""Follow-up rules on the core: scheduling, done, due, and what drafts are built from."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from kiaro_cli.core import clients, drafts, followups
from kiaro_cli.core.records import ClientRecord
from kiaro_cli.core.settings import set_setting
from kiaro_cli.errors import Conflict, InvalidValue, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import FULL, TODAY


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


def log_conversation(
    location: Location, client_id: int, kind: str, day: str, summary: str, next_step: str | None = None
) -> None:
    """Store an interaction the way the interaction log does (its commands come later)."""
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        connection.execute(
            "INSERT INTO interaction (client_id, type, occurred_at, summary, next_step, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (client_id, kind, day, summary, next_step, f"{day}T10:00:00+00:00"),
        )


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


def test_draft_uses_contact_owner_industry_and_latest_conversation(location: Location) -> None:
    client = clients.add_client(
        location,
        {**FULL, "contact_person": "Dr. Thandi Mokoena", "industry": "retail", "status": "active"},
        today=TODAY,
    )
    set_setting(location, "owner-name", "Sam Rivera")
    log_conversation(location, client.id, "meeting", "2026-11-02", "Walked through the Q1 roadmap")
    log_conversation(
        location, client.id, "call", "2026-11-16", "Agreed the new checkout scope.", "send dates"
    )
    log_conversation(location, client.id, "note", "2026-11-20", "Internal: they pay late")
    with open_reader(location) as reader:
        draft = drafts.draft_for(reader, "brand", TODAY)
    assert draft.to == "thandi@brandfactor.co.za"
    assert draft.body.startswith("Hi Thandi,\n")
    assert "call on 16 November" in draft.body
    assert "- Agreed the new checkout scope\n- Next step: send dates" in draft.body
    assert "retail" in draft.body
    assert "pay late" not in draft.body  # internal notes in the log never reach a draft
    assert draft.body.rstrip().endswith("Sam Rivera")


def test_a_draft_quotes_only_the_shared_line_of_the_notes(location: Location) -> None:
    notes = "Cheapskates, haggled hard last time.\nShared: The spring menu needs photos by March."
    lead(location, "Acme")
    clients.edit_client(location, "acme", {"notes": "Cheapskates, haggled hard last time."}, today=TODAY)
    with open_reader(location) as reader:
        draft = drafts.draft_for(reader, "acme", TODAY)
    assert "Cheapskates" not in draft.body and "haggled" not in draft.body
    clients.edit_client(location, "acme", {"notes": notes}, today=TODAY)
    with open_reader(location) as reader:
        draft = drafts.draft_for(reader, "acme", TODAY)
    assert "- The spring menu needs photos by March\n" in draft.body and "Cheapskates" not in draft.body


def test_a_draft_greets_the_person_it_goes_to(location: Location) -> None:
    from kiaro_cli.core.contacts import add_contact

    lead(location, "Acme")
    clients.edit_client(location, "acme", {"email": "hello@acme.com"}, today=TODAY)
    with open_reader(location) as reader:
        no_contact = drafts.draft_for(reader, "acme", TODAY)
    assert (no_contact.to, no_contact.body.splitlines()[0], no_contact.notice) == (
        "hello@acme.com",
        "Hello,",
        None,
    )
    add_contact(location, "acme", {"name": "Lerato Dube"})  # the primary contact, without an email
    add_contact(location, "acme", {"name": "Thandi Mokoena", "email": "thandi@acme.com"})
    with open_reader(location) as reader:
        draft = drafts.draft_for(reader, "acme", TODAY)
    assert (draft.to, draft.body.splitlines()[0]) == (None, "Hi Lerato,")
    assert (
        draft.notice == "Lerato Dube, the primary contact, has no email: kiaro contact edit 1 --email ADDRESS"
    )


def test_draft_goes_to_the_primary_contact_first(location: Location) -> None:
    from kiaro_cli.core.contacts import add_contact

    client = clients.add_client(location, FULL, today=TODAY)
    add_contact(location, str(client.id), {"name": "Lebo Dube", "email": "lebo@bf.co.za"}, primary=True)
    with open_reader(location) as reader:
        draft = drafts.draft_for(reader, str(client.id), TODAY)
    assert (draft.to, draft.body.splitlines()[0]) == ("lebo@bf.co.za", "Hi Lebo,")


def test_outreach_is_only_for_inactive_and_past_clients(location: Location) -> None:
    lead(location, "Acme")
    with (
        open_reader(location) as reader,
        pytest.raises(InvalidValue, match="is a lead; use kiaro followup draft 1"),
    ):
        drafts.draft_for(reader, "acme", TODAY, outreach=True)
    clients.set_status(location, "acme", "past")
    with open_reader(location) as reader:
        assert drafts.draft_for(reader, "acme", TODAY, outreach=True).tone == "reactivation"


def test_reactivation_says_when_you_last_spoke(location: Location) -> None:
    client_id = lead(location, "Acme")
    clients.edit_client(location, "acme", {"status": "past", "end_date": "2025-03-14"}, today=TODAY)
    with open_reader(location) as reader:
        assert "back in March 2025" in drafts.draft_for(reader, "acme", TODAY).body
    log_conversation(location, client_id, "email", "2026-06-02", "Sent the annual report")
    with open_reader(location) as reader:
        assert "back in June," in drafts.draft_for(reader, "acme", TODAY).body


def test_draft_of_an_unknown_client_is_not_found(location: Location) -> None:
    with open_reader(location) as reader, pytest.raises(NotFound):
        drafts.draft_for(reader, "nobody", TODAY)


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
    with pytest.raises(InvalidValue, match="must be from 1 day"):
        followups.set_follow_up(location, "acme", "2w", TODAY, every="0d")
    assert show(location, "acme").follow_up_on == "2026-12-23"


def test_an_archived_client_with_a_cadence_is_never_scheduled_again(location: Location) -> None:
    lead(location, "Acme", "1w")
    followups.set_follow_up(location, "acme", None, TODAY, every="6w")
    clients.set_archived(location, "acme", True)
    assert followups.mark_done(location, "acme", today=TODAY).client.follow_up_on is None
