"""A contact's labelled emails and phones: the first of each is its own email and phone,
removing the first promotes the next, undo takes changes back, a cell reads back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.codecs.tabular import csv_cell
from kiaro_cli.core import clients, contacts, undo
from kiaro_cli.core.reach import Reach, ReachChanges, clean_label, read_labelled
from kiaro_cli.declarations.reach import LABELS
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


@pytest.fixture
def ann(location: Location) -> int:
    clients.add_client(location, {"name": "Acme", "country": "ZA"}, full_form=False, today=TODAY)
    return contacts.add_contact(location, "acme", {"name": "Ann", "email": "ann@acme.com"}).id


def emails(location: Location, contact_id: int) -> list[tuple[str, str]]:
    with open_reader(location) as reader:
        contact = contacts.get_contact(reader, contact_id)
    assert contact.email == (contact.emails[0].value if contact.emails else None)  # the one rule
    return [(entry.value, entry.label) for entry in contact.emails]


def test_a_contact_made_with_one_email_has_it_as_its_only_one_labelled_work(
    location: Location, ann: int
) -> None:
    assert emails(location, ann) == [("ann@acme.com", "work")]


def test_emails_added_keep_their_order_and_label_and_removing_the_first_promotes_the_next(
    location: Location, ann: int
) -> None:
    more = ReachChanges(add_emails=("Ann@Home.ORG", "ann@lee.org"), label="Personal")
    contacts.edit_contact(location, ann, {}, reach=more)
    assert emails(location, ann) == [
        ("ann@acme.com", "work"),
        ("Ann@home.org", "home"),
        ("ann@lee.org", "home"),
    ]
    contacts.edit_contact(location, ann, {}, reach=ReachChanges(remove_emails=("ANN@acme.com",)))
    assert emails(location, ann) == [("Ann@home.org", "home"), ("ann@lee.org", "home")]
    contacts.edit_contact(location, ann, {"email": "ann@studio.org"})  # --email changes the first
    assert emails(location, ann) == [("ann@studio.org", "home"), ("ann@lee.org", "home")]
    contacts.edit_contact(location, ann, {"email": ""})  # emptied: the next one is the first
    assert emails(location, ann) == [("ann@lee.org", "home")]


def test_phones_are_cleaned_for_the_clients_country_and_removed_by_their_digits(
    location: Location, ann: int
) -> None:
    contacts.edit_contact(location, ann, {}, reach=ReachChanges(add_phones=("021 555 0100", "082 555 0101")))
    with open_reader(location) as reader:
        contact = contacts.get_contact(reader, ann)
    assert contact.phone == "+27 21 555 0100"
    assert [entry.value for entry in contact.phones] == ["+27 21 555 0100", "+27 82 555 0101"]
    contacts.edit_contact(location, ann, {}, reach=ReachChanges(remove_phones=("+27215550100",)))
    with open_reader(location) as reader:
        assert contacts.get_contact(reader, ann).phone == "+27 82 555 0101"


def test_an_unknown_label_or_a_missing_value_changes_nothing(location: Location, ann: int) -> None:
    with pytest.raises(InvalidValue, match="unknown label 'spouse'"):
        contacts.edit_contact(location, ann, {}, reach=ReachChanges(add_emails=("a@b.org",), label="spouse"))
    with pytest.raises(InvalidValue, match=r"Ann has no email 'bob@acme\.com'"):
        contacts.edit_contact(
            location, ann, {}, reach=ReachChanges(add_emails=("a@b.org",), remove_emails=("bob@acme.com",))
        )
    with pytest.raises(InvalidValue, match="invalid email"):
        contacts.edit_contact(location, ann, {}, reach=ReachChanges(add_emails=("not an address",)))
    assert emails(location, ann) == [("ann@acme.com", "work")]


def test_undo_takes_emails_back_and_a_removed_contact_comes_back_with_them(
    location: Location, ann: int
) -> None:
    contacts.add_contact(location, "acme", {"name": "Bob"})
    contacts.edit_contact(location, ann, {}, reach=ReachChanges(add_emails=("ann@home.org",), label="home"))
    contacts.remove_contact(location, ann)
    undo.undo_last(location)
    assert emails(location, ann) == [("ann@acme.com", "work"), ("ann@home.org", "home")]
    undo.undo_last(location)
    assert emails(location, ann) == [("ann@acme.com", "work")]


def test_every_email_and_phone_is_searched(location: Location, ann: int) -> None:
    more = ReachChanges(add_emails=("ann@lee.org",), add_phones=("021 555 0100", "082 555 0101"))
    contacts.edit_contact(location, ann, {}, reach=more)
    for words in ("ann@lee.org", "0825550101", "825550101"):
        with open_reader(location) as reader:
            found = clients.iter_clients(reader, clients.make_filter(search=words))
            assert [client.name for client in found] == ["Acme"], words


def test_labels_read_as_other_tools_write_them() -> None:
    assert clean_label(" Cell ") == "mobile"
    assert clean_label("HOME") == "home"


LABELLED = st.lists(
    st.builds(
        Reach,
        st.text(
            st.characters(blacklist_characters=";", blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
            min_size=1,
        ),
        st.sampled_from(LABELS),
    ),
    max_size=4,
)


@given(LABELLED)
def test_a_csv_cell_of_labelled_values_reads_back(entries: list[Reach]) -> None:
    cell = csv_cell([entry.to_dict("email") for entry in entries])
    assert read_labelled(cell) == entries


def test_a_cell_without_labels_is_labelled_work() -> None:
    assert read_labelled("ann@acme.com; mobile:+27 82 555 0101;") == [
        Reach("ann@acme.com"),
        Reach("+27 82 555 0101", "mobile"),
    ]


def test_an_email_made_the_first_that_was_further_down_is_there_once(location: Location, ann: int) -> None:
    contacts.edit_contact(location, ann, {}, reach=ReachChanges(add_emails=("ann@home.org",), label="home"))
    contacts.edit_contact(location, ann, {"email": "ANN@home.org"})
    assert emails(location, ann) == [("ANN@home.org", "home")]  # the first replaced, its own label kept
