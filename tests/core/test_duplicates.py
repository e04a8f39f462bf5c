"""Duplicates and merge on the core: names that are one, the reasons given, what a merge keeps."""

from __future__ import annotations

import pytest

from kiaro_cli.core import clients
from kiaro_cli.core.contacts import add_contact
from kiaro_cli.core.duplicates import find_duplicates, merge_clients, normalised_name
from kiaro_cli.core.interactions import add_interaction, iter_interactions
from kiaro_cli.core.reach import Reach, ReachChanges
from kiaro_cli.core.tags import add_tags
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme Corp.", "ACME corporation"),
        ("Brand Factor Pty Ltd", "brand factor"),
        ("Müller GmbH", "Muller"),
        ("Studio Nord B.V.", "studio nord bv"),
        ("The Agency, Inc.", "agency inc"),
        ("CDF Marketing Pty Ltd t/a Brand Factor", "CDF Marketing"),
        ("Smith & Sons", "Smith and Sons Ltd"),
        ("Smith&Sons", "smith and sons"),
    ],
)
def test_names_normalise_alike(a: str, b: str) -> None:
    assert normalised_name(a) == normalised_name(b)


def test_distinct_names_stay_distinct() -> None:
    assert normalised_name("Acme Design") != normalised_name("Acme")
    assert normalised_name("Bell & Ross") == "bell ross"  # no "and" to bring Bell & Rose nearer
    assert normalised_name("Ltd") == "ltd"  # a suffix alone is a name


def lead(location: Location, name: str, **values: str) -> int:
    return clients.add_client(
        location, {"name": name, **values}, full_form=False, allow_duplicate=True, today=TODAY
    ).id


def test_duplicates_with_their_reasons(location: Location) -> None:
    acme = lead(location, "Acme Corp.", email="hi@acme.com")
    acme2 = lead(location, "ACME Corporation")
    mail = lead(location, "Totally Different", email="HI@acme.com")
    tel1 = lead(location, "Phone One", phone="+31 20 123 4567", country="NL")
    tel2 = lead(location, "Phone Two", phone="020 123 4567")
    typo1 = lead(location, "Brandfactory Studio")
    typo2 = lead(location, "Brandfactroy Studio")
    lead(location, "Unrelated")
    with open_reader(location) as reader:
        pairs = {(p.id, p.other_id): p.reasons for p in find_duplicates(reader)}
    assert pairs.pop((acme, acme2)) == ["same name"]
    assert pairs.pop((acme, mail)) == ["same email"]
    assert pairs.pop((tel1, tel2)) == ["same phone"]
    assert pairs.pop((typo1, typo2))[0].startswith("similar names")
    assert not [pair for pair in pairs if 8 in pair]


def test_phones_are_the_same_only_with_the_same_country_code(location: Location) -> None:
    tokyo = lead(location, "Tokyo Office", phone="+81 3-1234-5678")
    lead(location, "Dublin Office", phone="+353 1 234 5678")
    tokyo_again = lead(location, "Tokyo Branch", phone="03 1234 5678", country="JP")
    somewhere = lead(location, "Somewhere", phone="0031 20 123 4567")
    amsterdam = lead(location, "Amsterdam", phone="+31 20 123 4567")
    with open_reader(location) as reader:
        pairs = {(p.id, p.other_id): p.reasons for p in find_duplicates(reader)}
    assert pairs == {(tokyo, tokyo_again): ["same phone"], (somewhere, amsterdam): ["same phone"]}


def test_merge_per_the_rules(location: Location) -> None:
    keep = lead(location, "Acme", email="hi@acme.com", follow_up_on="2026-12-20", notes="Keep notes")
    other = lead(
        location, "ACME Corp", city="Utrecht", code="ACM", follow_up_on="2026-12-01", notes="Other notes"
    )
    add_contact(location, str(keep), {"name": "Ann"})
    add_contact(location, str(other), {"name": "Bob"})
    add_tags(location, str(keep), ["vip"])
    add_tags(location, str(other), ["VIP", "design"])
    add_interaction(location, str(other), "Call", kind="call", today=TODAY)
    result = merge_clients(location, str(keep), str(other))
    merged = result.client
    assert (merged.city, merged.code, merged.email) == ("Utrecht", "ACM", "hi@acme.com")
    assert merged.follow_up_on == "2026-12-01"  # the earlier one
    assert merged.notes == "Keep notes\n\nOther notes"
    assert merged.tags == ("vip", "design") and merged.contact_person == "Ann"
    with open_reader(location) as reader:
        assert [c.name for c in clients.contacts_of(reader, keep)] == ["Ann", "Bob"]
        with pytest.raises(NotFound):
            clients.get_client(reader, str(other))
        from kiaro_cli.core.timeline import timeline

        kinds = [entry.kind for entry in timeline(reader, keep)]
    assert "merged" in kinds and "call" in kinds and "created" in kinds
    assert result.moved_contacts == 1 and result.moved_interactions == 1

    undo_last(location)
    with open_reader(location) as reader:
        back = clients.get_client(reader, str(other))
        assert (back.name, back.code, back.tags) == ("ACME Corp", "ACM", ("VIP", "design"))
        assert [c.name for c in clients.contacts_of(reader, keep)] == ["Ann"]
        assert clients.get_client(reader, str(keep)).city is None


def test_merging_a_client_with_itself_is_refused(location: Location) -> None:
    acme = lead(location, "Acme")
    with pytest.raises(InvalidValue, match="are the same client"):
        merge_clients(location, "acme", str(acme))


def test_merge_joins_contacts_that_are_one_person(location: Location) -> None:
    keep = lead(location, "Acme")
    other = lead(location, "ACME Corp")
    ann = add_contact(location, str(keep), {"name": "Ann Lee", "email": "ann@acme.com"})
    add_contact(location, str(keep), {"name": "Bob Ray"})
    add_contact(location, str(other), {"name": "Ann L.", "email": "ANN@acme.com", "phone": "+31 20 123 4567"})
    twin_bob = add_contact(
        location, str(other), {"name": "bob  ray", "job_title": "CTO", "role": "technical-lead"}
    )
    add_contact(location, str(other), {"name": "Cy Moss", "email": "cy@acme.com"})
    add_interaction(location, str(other), "Call with Bob", kind="call", contact_id=twin_bob.id, today=TODAY)
    result = merge_clients(location, str(keep), str(other))
    assert (result.moved_contacts, result.merged_contacts) == (1, 2)
    with open_reader(location) as reader:
        people = {c.name: c for c in clients.contacts_of(reader, keep)}
        (call,) = iter_interactions(reader, reference=str(keep))
    assert sorted(people) == ["Ann Lee", "Bob Ray", "Cy Moss"]
    assert (people["Ann Lee"].email, people["Ann Lee"].phone, people["Ann Lee"].primary) == (
        "ann@acme.com",
        "+31 20 123 4567",
        True,
    )
    assert (people["Bob Ray"].job_title, people["Bob Ray"].role) == ("CTO", "technical-lead")
    assert call.contact_id == people["Bob Ray"].id and ann.id == people["Ann Lee"].id
    undo_last(location)
    with open_reader(location) as reader:
        assert [c.name for c in clients.contacts_of(reader, other)] == ["Ann L.", "bob ray", "Cy Moss"]
        (call,) = iter_interactions(reader, reference=str(other))
    assert call.contact_id == twin_bob.id


def test_merge_keeps_a_twins_other_phone_and_email_beside_the_kept_ones(location: Location) -> None:
    keep = lead(location, "Acme", notes="Met at a fair", country="NL")
    other = lead(location, "ACME Corp")
    add_contact(location, str(keep), {"name": "Ann Lee", "email": "ann@acme.com", "phone": "+31 20 123 4567"})
    add_contact(location, str(keep), {"name": "Bob Ray", "phone": "020 765 4321"})
    add_contact(location, str(other), {"name": "Ann L.", "email": "ANN@acme.com", "phone": "+31 6 1234 5678"})
    add_contact(
        location, str(other), {"name": "bob ray", "email": "bob@acme.com", "phone": "+31 20 765 4321"}
    )
    add_contact(location, str(other), {"name": "A. Lee", "email": "ann@lee.org"}, more=ReachChanges(
        add_emails=("ann@acme.com",), add_phones=("+31 6 5555 5555",), label="home"
    ))  # fmt: skip
    result = merge_clients(location, str(keep), str(other))
    assert result.client.notes == "Met at a fair"
    with open_reader(location) as reader:
        people = {c.name: (c.emails, c.phones) for c in clients.contacts_of(reader, keep)}
    assert people == {  # the union, the kept contact's first; one number, one address once
        "Ann Lee": (
            (Reach("ann@acme.com"), Reach("ann@lee.org")),
            (Reach("+31 20 123 4567"), Reach("+31 6 12345678"), Reach("+31 6 55555555", "home")),
        ),
        "Bob Ray": ((Reach("bob@acme.com"),), (Reach("+31 20 765 4321"),)),
    }
    undo_last(location)
    with open_reader(location) as reader:
        people = {c.name: (c.emails, c.phones) for c in clients.contacts_of(reader, keep)}
        assert people["Ann Lee"] == ((Reach("ann@acme.com"),), (Reach("+31 20 123 4567"),))
        assert len(clients.contacts_of(reader, other)) == 3


def test_merge_fills_an_empty_cadence_and_undo_takes_it_back(location: Location) -> None:
    from kiaro_cli.core.followups import set_follow_up

    for name in ("Acme", "Other"):
        clients.add_client(location, {"name": name}, full_form=False, today=TODAY)
    set_follow_up(location, "other", None, TODAY, every="6w")
    result = merge_clients(location, "acme", "other")
    assert "cadence" in result.filled and result.client["cadence"] == "6w"
    undo_last(location)
    with open_reader(location) as reader:
        assert clients.get_client(reader, "acme")["cadence"] is None
