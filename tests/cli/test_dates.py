"""``kiaro dates``, the home screen's dates and ``export ics``'s yearly items, through the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import icalendar

from tests.helpers import Run


def studio(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    for name, birthday in (("Ann Lee", "1984-11-25"), ("Bo Tan", "--02-29"), ("Cy Ray", "--01-05")):
        done = kiaro("contact", "add", "acme", "--name", name, "--birthday", birthday)
        assert done.exit_code == 0, done.stderr
    kiaro("client", "date", "add", "acme", "Renewal", "2026-11-24")
    kiaro("client", "date", "add", "acme", "Founded", "2011-11-30", "--yearly")


def test_dates_lists_the_days_ahead_soonest_first(kiaro: Run) -> None:
    studio(kiaro)
    table = kiaro("dates")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert "Renewal" in lines[2] and "tomorrow" in lines[2]
    assert "Birthday of Ann Lee (turns 42)" in lines[3] and "in 2 days" in lines[3]
    assert "Founded (15 years)" in lines[4] and "in 7 days" in lines[4]
    assert len(lines) == 5
    found = json.loads(kiaro("dates", "--within", "2027-03-01", "--format", "json").stdout)
    assert [(d["day"], d["kind"], d["in_days"]) for d in found] == [
        ("2026-11-24", "date", 1), ("2026-11-25", "birthday", 2), ("2026-11-30", "date", 7),
        ("2027-01-05", "birthday", 43), ("2027-02-28", "birthday", 97),
    ]  # fmt: skip
    assert found[-1] == {"day": "2027-02-28", "in_days": 97, "kind": "birthday", "what": "Birthday of Bo Tan",
                         "id": 2, "client_id": 1, "client": "Acme"}  # fmt: skip
    assert kiaro("dates", "-q").stdout == "1\n1\n2\n"  # the date's, Ann's, the founding's ids
    removed = json.loads(kiaro("client", "date", "remove", "1", "--format", "json").stdout)
    assert (removed["id"], removed["label"]) == (1, "Renewal")


def test_the_window_is_a_setting_and_a_bad_one_is_refused(kiaro: Run) -> None:
    studio(kiaro)
    assert kiaro("settings", "set", "dates-ahead-days", "1").exit_code == 0
    assert [d["what"] for d in json.loads(kiaro("dates", "-f", "json").stdout)] == ["Renewal"]
    for bad in ("367", "400", "soon"):
        refused = kiaro("settings", "set", "dates-ahead-days", bad)
        assert refused.exit_code == 1 and refused.stderr.count("\n") == 1
    refused = kiaro("dates", "--within", "banana")
    assert refused.exit_code == 1 and refused.stderr.startswith("Error: cannot understand the date 'banana'")
    assert kiaro("settings", "show", "-f", "json").exit_code == 0


def test_the_home_screen_shows_the_dates_within_the_setting(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    assert "Coming up" not in kiaro().stdout
    studio_day = kiaro("contact", "add", "acme", "--name", "Dee Ong", "--birthday", "--11-23")
    assert studio_day.exit_code == 0
    home = kiaro().stdout
    assert "Coming up" in home and "Birthday of Dee Ong — Acme  (today)" in home
    kiaro("settings", "set", "dates-ahead-days", "0")
    kiaro("contact", "edit", "1", "--birthday", "--11-24")
    assert "Coming up" not in kiaro().stdout


def ics_events(kiaro: Run, tmp_path: Path) -> dict[str, Any]:
    target = tmp_path / "calendar.ics"
    assert kiaro("export", "ics", "--output", str(target)).exit_code == 0
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_export_ics_gives_birthdays_and_yearly_dates_as_yearly_all_day_items(
    kiaro: Run, tmp_path: Path
) -> None:
    studio(kiaro)
    events = ics_events(kiaro, tmp_path)
    ann = events["Birthday: Ann Lee (Acme)"]
    assert ann.decoded("dtstart") == date(1984, 11, 25)
    assert ann.decoded("dtend") == date(1984, 11, 26)
    assert ann["rrule"]["FREQ"] == ["YEARLY"]
    leap = events["Birthday: Bo Tan (Acme)"]  # no year: from 2000; the last day of February
    assert leap.decoded("dtstart") == date(2000, 2, 29)
    assert leap["rrule"]["BYMONTHDAY"] == [-1] and leap["rrule"]["BYMONTH"] == [2]
    assert events["Birthday: Cy Ray (Acme)"].decoded("dtstart") == date(2000, 1, 5)
    assert events["Founded — Acme"]["rrule"]["FREQ"] == ["YEARLY"]
    once = events["Renewal — Acme"]
    assert once.decoded("dtstart") == date(2026, 11, 24) and "rrule" not in once
    assert len({str(event["uid"]) for event in events.values()}) == len(events)


def test_archived_clients_dates_are_left_out(kiaro: Run, tmp_path: Path) -> None:
    studio(kiaro)
    kiaro("client", "archive", "acme")
    assert json.loads(kiaro("dates", "--within", "1y", "-f", "json").stdout) == []
    assert ics_events(kiaro, tmp_path) == {}
