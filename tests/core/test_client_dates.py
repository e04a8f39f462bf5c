"""A client's dates: added once or yearly (past days too), listed earliest first, removed,
undone, and carried over by a merge; bad input changes nothing."""

from __future__ import annotations

import pytest

from kiaro_cli.core import clients
from kiaro_cli.core.client_dates import add_client_date, list_client_dates, remove_client_date
from kiaro_cli.core.duplicates import merge_clients
from kiaro_cli.core.timeline import timeline
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


def listed(location: Location, ref: str = "Acme") -> list[tuple[str, str, bool]]:
    with open_reader(location) as reader:
        return [(d.label, d.date, d.yearly) for d in list_client_dates(reader, ref)]


def test_dates_are_added_once_or_yearly_and_listed_earliest_first(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    renewal = add_client_date(location, "acme", "Contract renewal", "2027-03-01", today=TODAY)
    founded = add_client_date(location, "acme", " Founded ", "1 April 2011", yearly=True, today=TODAY)
    assert renewal.to_dict() == {
        "id": renewal.id, "client_id": 1, "label": "Contract renewal", "date": "2027-03-01", "yearly": False
    }  # fmt: skip
    assert founded.client_name == "Acme"
    assert listed(location) == [("Founded", "2011-04-01", True), ("Contract renewal", "2027-03-01", False)]


@pytest.mark.parametrize(
    ("reference", "label", "when", "error"),
    [
        ("nobody", "Renewal", "2027-03-01", NotFound),
        ("acme", "Renewal", "2027-02-30", InvalidValue),
        ("acme", "Renewal", "banana", InvalidValue),
        ("acme", "   ", "2027-03-01", InvalidValue),
        ("acme", "Re\x1bnewal", "2027-03-01", InvalidValue),
    ],
)
def test_bad_input_is_refused_and_adds_nothing(
    location: Location, reference: str, label: str, when: str, error: type[Exception]
) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with pytest.raises(error):
        add_client_date(location, reference, label, when, today=TODAY)
    assert listed(location) == []


def test_a_removed_date_is_on_the_timeline_and_undo_brings_it_back(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    clients.add_client(location, {"name": "Other"}, full_form=False, today=TODAY)
    added = add_client_date(location, "acme", "Renewal", "2027-03-01", today=TODAY)
    with pytest.raises(NotFound, match="Other has no date"):
        remove_client_date(location, "other", added.id)
    remove_client_date(location, "acme", added.id)
    assert listed(location) == []
    with open_reader(location) as reader:
        details = [entry.detail for entry in timeline(reader, 1)]
    assert "Date removed: Renewal on 2027-03-01" in details
    assert "Date added: Renewal on 2027-03-01" in details
    undo_last(location)
    assert listed(location) == [("Renewal", "2027-03-01", False)]
    undo_last(location)
    assert listed(location) == []


def test_a_merge_keeps_the_dates_of_both(location: Location) -> None:
    for name in ("Acme", "Acme BV"):
        clients.add_client(location, {"name": name}, full_form=False, today=TODAY)
    add_client_date(location, "acme", "Renewal", "2027-03-01", today=TODAY)
    add_client_date(location, "acme bv", "Founded", "2011-04-01", yearly=True, today=TODAY)
    add_client_date(location, "acme bv", "renewal", "2027-03-01", today=TODAY)  # one Acme has: kept once
    merge_clients(location, "Acme", "Acme BV")
    assert listed(location) == [("Founded", "2011-04-01", True), ("Renewal", "2027-03-01", False)]
