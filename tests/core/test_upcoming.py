"""Birthdays and clients' dates on the days ahead: the window (over the new year too), 29
February in a year without it, archived clients left out, and all of them as calendar items."""

from __future__ import annotations

from datetime import date

from kiaro_cli.core import clients, contacts
from kiaro_cli.core.client_dates import add_client_date
from kiaro_cli.core.settings import set_setting
from kiaro_cli.core.upcoming import calendar_items, last_day, upcoming, upcoming_within
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


def person(location: Location, name: str, birthday: str) -> None:
    contacts.add_contact(location, "acme", {"name": name, "birthday": birthday})


def seen(location: Location, today: date, until: date) -> list[tuple[str, str, int]]:
    with open_reader(location) as reader:
        return [(item.day.isoformat(), item.what, item.in_days) for item in upcoming(reader, today, until)]


def test_birthdays_and_dates_in_the_window_soonest_first(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    person(location, "Ann Lee", "1984-11-25")
    person(location, "Bo Tan", "--11-23")
    person(location, "Cy Ray", "--12-01")  # 8 days ahead: outside a week
    add_client_date(location, "acme", "Renewal", "2026-11-24", today=TODAY)
    add_client_date(location, "acme", "Old renewal", "2025-11-24", today=TODAY)  # once, and gone
    add_client_date(location, "acme", "Founded", "2011-11-29", yearly=True, today=TODAY)
    add_client_date(location, "acme", "Lease", "2027-11-26", yearly=True, today=TODAY)  # not begun yet
    assert seen(location, TODAY, date(2027, 11, 27))[-1] == ("2027-11-26", "Lease", 368)
    assert seen(location, TODAY, date(2026, 11, 30)) == [
        ("2026-11-23", "Birthday of Bo Tan", 0),
        ("2026-11-24", "Renewal", 1),
        ("2026-11-25", "Birthday of Ann Lee (turns 42)", 2),
        ("2026-11-29", "Founded (15 years)", 6),
    ]


def test_a_window_over_the_new_year_and_a_whole_year(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    person(location, "Ann Lee", "--12-30")
    person(location, "Bo Tan", "--01-02")
    person(location, "Cy Ray", "--06-01")
    assert [what for _, what, _ in seen(location, date(2026, 12, 28), date(2027, 1, 4))] == [
        "Birthday of Ann Lee", "Birthday of Bo Tan"
    ]  # fmt: skip
    assert len(seen(location, TODAY, date(2027, 11, 23))) == 3


def test_29_february_falls_on_the_28th_in_a_year_without_it(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    person(location, "Leap Day", "2000-02-29")
    assert seen(location, date(2027, 2, 27), date(2027, 2, 28)) == [
        ("2027-02-28", "Birthday of Leap Day (turns 27)", 1)
    ]
    assert seen(location, date(2028, 2, 27), date(2028, 2, 28)) == []
    assert seen(location, date(2028, 2, 27), date(2028, 2, 29))[0][0] == "2028-02-29"


def test_archived_clients_are_left_out_and_the_setting_sets_the_window(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    person(location, "Ann Lee", "--12-10")
    with open_reader(location) as reader:
        assert upcoming_within(reader, TODAY, None) == []
        assert len(upcoming_within(reader, TODAY, "1m")) == 1
    set_setting(location, "dates-ahead-days", "20")
    with open_reader(location) as reader:
        assert len(upcoming_within(reader, TODAY, None)) == 1
    clients.set_archived(location, "acme", True)
    assert seen(location, TODAY, date(2026, 12, 31)) == []
    assert last_day(TODAY, None, 7) == date(2026, 11, 30)


def test_every_birthday_and_date_is_a_calendar_item(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    person(location, "Ann Lee", "1984-05-17")
    person(location, "Bo Tan", "--02-29")
    add_client_date(location, "acme", "Renewal", "2027-03-01", today=TODAY)
    add_client_date(location, "acme", "Founded", "2011-04-01", yearly=True, today=TODAY)
    with open_reader(location) as reader:
        items = [(item.day, item.summary, item.yearly) for item in calendar_items(reader)]
    assert items == [
        (date(1984, 5, 17), "Birthday: Ann Lee (Acme)", True),
        (date(2000, 2, 29), "Birthday: Bo Tan (Acme)", True),
        (date(2027, 3, 1), "Renewal — Acme", False),
        (date(2011, 4, 1), "Founded — Acme", True),
    ]
