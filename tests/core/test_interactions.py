"""Correcting and removing interactions: what changes, what the client's last interaction
becomes, the timeline line, undo, and refusals that change nothing."""

from __future__ import annotations

from datetime import date

import pytest

from kiaro_cli.core.clients import add_client, get_client
from kiaro_cli.core.contacts import add_contact
from kiaro_cli.core.interactions import (
    InteractionEdit,
    add_interaction,
    edit_interaction,
    get_interaction,
    remove_interaction,
)
from kiaro_cli.core.timeline import timeline
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


@pytest.fixture
def logged(location: Location) -> Location:
    add_client(location, {"name": "Acme"}, full_form=False)
    add_client(location, {"name": "Brand"}, full_form=False)
    add_contact(location, "acme", {"name": "Ann"})
    add_contact(location, "brand", {"name": "Bo"})
    add_interaction(location, "acme", "Intro", on="2026-11-10", today=TODAY)
    add_interaction(location, "acme", "Lunch", on="2026-11-20", today=TODAY)
    return location


def last_interaction(location: Location) -> str | None:
    with open_reader(location) as reader:
        return get_client(reader, "acme").last_interaction_at


def test_an_edit_changes_what_it_names_and_moves_the_last_interaction(logged: Location) -> None:
    wanted = InteractionEdit(kind="call", on="2026-11-05", contact_id=1, next_step="Send the deck")
    record, changed = edit_interaction(logged, 2, wanted, today=TODAY)
    assert changed == ["type", "day", "contact", "next step"]
    assert (record.type, record.occurred_at, record.contact_id, record.next_step, record.summary) == (
        "call", "2026-11-05", 1, "Send the deck", "Lunch",
    )  # fmt: skip
    assert last_interaction(logged) == "2026-11-10"
    with open_reader(logged) as reader:
        assert timeline(reader, 1)[0].detail == (
            "Call #2 corrected: type note → call, day 2026-11-20 → 2026-11-05, contact none → 1, "
            "next step none → Send the deck"
        )
    undo_last(logged)
    assert last_interaction(logged) == "2026-11-20"
    with open_reader(logged) as reader:
        assert get_interaction(reader, 2).type == "note"


def test_an_edit_that_changes_nothing_says_so_and_writes_nothing(logged: Location) -> None:
    with open_reader(logged) as reader:
        before = len(timeline(reader, 1))
    assert edit_interaction(logged, 2, InteractionEdit(summary="Lunch"), today=TODAY)[1] == []
    with open_reader(logged) as reader:
        assert len(timeline(reader, 1)) == before


def test_clearing_empties_the_next_step_and_contact(logged: Location) -> None:
    edit_interaction(logged, 1, InteractionEdit(contact_id=1, next_step="Call back"), today=TODAY)
    record, _ = edit_interaction(logged, 1, InteractionEdit(clear=("contact", "next-step")), today=TODAY)
    assert (record.contact_id, record.next_step) == (None, None)


def test_removing_the_latest_moves_the_last_interaction_back_until_undone(logged: Location) -> None:
    assert remove_interaction(logged, 2).summary == "Lunch"
    assert last_interaction(logged) == "2026-11-10"
    remove_interaction(logged, 1)
    assert last_interaction(logged) is None
    undo_last(logged)
    assert last_interaction(logged) == "2026-11-10"


@pytest.mark.parametrize(
    ("interaction", "wanted", "error", "message"),
    [
        (9, InteractionEdit(kind="call"), NotFound, "no interaction with id 9"),
        (2, InteractionEdit(), InvalidValue, "say what to change"),
        (2, InteractionEdit(contact_id=2), NotFound, "Acme has no contact with id 2"),
        (2, InteractionEdit(on="tomorrow"), InvalidValue, "is in the future"),
        (2, InteractionEdit(summary="  "), InvalidValue, "needs a summary"),
        (2, InteractionEdit(kind="fax"), InvalidValue, "fax"),
        (2, InteractionEdit(contact_id=1, clear=("contact",)), InvalidValue, "not both"),
        (2, InteractionEdit(clear=("summary",)), InvalidValue, "--clear takes"),
    ],
)
def test_a_refused_edit_changes_nothing(
    logged: Location, interaction: int, wanted: InteractionEdit, error: type[Exception], message: str
) -> None:
    with open_reader(logged) as reader:
        before = get_interaction(reader, 2)
    with pytest.raises(error, match=message):
        edit_interaction(logged, interaction, wanted, today=date(2026, 11, 23))
    with open_reader(logged) as reader:
        assert get_interaction(reader, 2) == before


def test_with_a_cadence_an_interaction_schedules_the_next_follow_up_from_its_day(logged: Location) -> None:
    from kiaro_cli.core.followups import set_follow_up

    def follow_up() -> str | None:
        with open_reader(logged) as reader:
            return get_client(reader, "acme").follow_up_on

    add_interaction(logged, "brand", "Hello", today=TODAY)  # no cadence: no follow-up
    with open_reader(logged) as reader:
        assert get_client(reader, "brand").follow_up_on is None
    set_follow_up(logged, "acme", "1w", TODAY, every="10d")
    add_interaction(logged, "acme", "Call", on="2026-11-22", today=TODAY)
    assert follow_up() == "2026-12-02"
    add_interaction(logged, "acme", "An old note", on="2026-11-01", today=TODAY)  # logged late: no change
    assert follow_up() == "2026-12-02"
    with open_reader(logged) as reader:
        assert "Follow-up on 2026-12-02 (every 10 days, from this contact)" in [
            e.detail for e in timeline(reader, 1)
        ]
    undo_last(logged)
    undo_last(logged)
    assert follow_up() == "2026-11-30"
