"""Contact rules: first is primary, exactly one primary, the only contact stays."""

from __future__ import annotations

import pytest

from kiaro_cli.core import clients, contacts
from kiaro_cli.errors import Conflict, InvalidValue, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


@pytest.fixture
def lead(location: Location) -> int:
    return clients.add_client(location, {"name": "Acme", "country": "NL"}, full_form=False, today=TODAY).id


def primaries(location: Location) -> list[str]:
    with open_reader(location) as reader:
        return [c.name for c in contacts.list_contacts(reader, "acme") if c.primary]


def test_first_contact_is_primary_and_becomes_the_contact_person(location: Location, lead: int) -> None:
    first = contacts.add_contact(location, "acme", {"name": "Ann", "phone": "06 12345678"})
    second = contacts.add_contact(location, "acme", {"name": "Bob", "role": "finance"})
    assert first.primary and not second.primary
    assert first.phone == "+31 6 12345678"
    assert second.role == "finance"
    with open_reader(location) as reader:
        assert clients.get_client(reader, "acme").contact_person == "Ann"


def test_a_new_primary_demotes_the_old_one(location: Location, lead: int) -> None:
    contacts.add_contact(location, "acme", {"name": "Ann"})
    bob = contacts.add_contact(location, "acme", {"name": "Bob"}, primary=True)
    assert primaries(location) == ["Bob"]
    ann_id = bob.id - 1
    contacts.edit_contact(location, ann_id, {}, primary=True)
    assert primaries(location) == ["Ann"]


def test_the_only_contact_cannot_be_removed(location: Location, lead: int) -> None:
    ann = contacts.add_contact(location, "acme", {"name": "Ann"})
    with pytest.raises(Conflict, match="only contact"):
        contacts.remove_contact(location, ann.id)
    assert primaries(location) == ["Ann"]


def test_removing_the_primary_promotes_another_and_says_which(location: Location, lead: int) -> None:
    ann = contacts.add_contact(location, "acme", {"name": "Ann"})
    contacts.add_contact(location, "acme", {"name": "Bob"})
    outcome = contacts.remove_contact(location, ann.id)
    assert outcome.removed.name == "Ann"
    assert outcome.promoted is not None and outcome.promoted.name == "Bob"
    assert primaries(location) == ["Bob"]


def test_removing_a_secondary_contact_promotes_nobody(location: Location, lead: int) -> None:
    contacts.add_contact(location, "acme", {"name": "Ann"})
    bob = contacts.add_contact(location, "acme", {"name": "Bob"})
    assert contacts.remove_contact(location, bob.id).promoted is None


def test_edit_validates_and_clears(location: Location, lead: int) -> None:
    ann = contacts.add_contact(location, "acme", {"name": "Ann", "email": "ann@acme.nl", "job_title": "CEO"})
    with pytest.raises(InvalidValue, match="invalid email"):
        contacts.edit_contact(location, ann.id, {"email": "ann@"})
    edited = contacts.edit_contact(location, ann.id, {"email": "", "job_title": "Founder"})
    assert (edited.email, edited.job_title) == (None, "Founder")
    with pytest.raises(NotFound):
        contacts.edit_contact(location, 999, {"name": "X"})


def test_contact_search_finds_the_client(location: Location, lead: int) -> None:
    contacts.add_contact(location, "acme", {"name": "Zoë Müller", "email": "zoe@acme.nl"})
    with open_reader(location) as reader:
        found = list(clients.iter_clients(reader, clients.make_filter(search="muller")))
    assert [c.name for c in found] == ["Acme"]


def test_each_contact_knows_the_latest_interaction_logged_with_them(location: Location, lead: int) -> None:
    from kiaro_cli.core.interactions import add_interaction

    ann = contacts.add_contact(location, "acme", {"name": "Ann Lee"}).id
    contacts.add_contact(location, "acme", {"name": "Bo Chen"})
    add_interaction(location, "acme", "Intro", kind="call", on="2026-11-02", contact_id=ann, today=TODAY)
    add_interaction(
        location, "acme", "Lunch", kind="meeting", on="2026-11-20 12:30", contact_id=ann, today=TODAY
    )
    add_interaction(location, "acme", "Memo", kind="note", on="2026-11-21", today=TODAY)  # with nobody
    with open_reader(location) as reader:
        seen = {c.name: c.last_interaction_at for c in contacts.list_contacts(reader, "acme")}
    assert seen == {"Ann Lee": "2026-11-20", "Bo Chen": None}
