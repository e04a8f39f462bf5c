"""Drafting a follow-up's message from what the database knows of the client."""

from __future__ import annotations

import sqlite3

import pytest

from kiaro_cli.core import clients, drafts
from kiaro_cli.core.settings import set_setting
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import FULL, TODAY


def lead(location: Location, name: str) -> int:
    return clients.add_client(location, {"name": name}, full_form=False, today=TODAY).id


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
