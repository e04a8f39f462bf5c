"""``kiaro followup …``, ``client outreach``, the home screen and the ICS feed, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
import vobject

from kiaro_cli.storage.location import Location
from tests.helpers import TODAY, Run, add_many
from tests.ledger_rows import add_invoice, add_project, add_quote


def add_lead(kiaro: Run, name: str, *args: str) -> int:
    done = kiaro("client", "quick-add", name, "-q", *args)
    assert done.exit_code == 0, done.stderr
    return int(done.stdout)


def schedule(kiaro: Run, name: str, day: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Set a follow-up as if typed on an earlier day, so it can be overdue now."""
    monkeypatch.setenv("KIARO_TODAY", "2026-10-01")
    assert kiaro("followup", "set", name, day).exit_code == 0
    monkeypatch.setenv("KIARO_TODAY", "2026-11-23")


def test_set_prints_the_resolved_date(kiaro: Run) -> None:
    add_lead(kiaro, "Acme")
    done = kiaro("followup", "set", "acme", "in 3 weeks")
    assert done.exit_code == 0
    assert done.stdout == "Acme (#1): follow up on Mon 14 Dec 2026 (in 3 weeks)\n"
    as_json = json.loads(kiaro("followup", "set", "acme", "next friday", "--format", "json").stdout)
    assert as_json["follow_up_on"] == "2026-11-27"


def test_a_past_date_is_refused_quoting_the_phrase(kiaro: Run) -> None:
    add_lead(kiaro, "Acme", "--follow-up", "2w")
    done = kiaro("followup", "set", "acme", "last monday")
    assert done.exit_code == 1
    assert done.stderr.startswith("Error: 'last monday' is in the past")
    assert json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)["follow_up_on"] == "2026-12-07"


def test_an_empty_date_is_refused_with_an_example_to_come(kiaro: Run) -> None:
    add_lead(kiaro, "Acme")
    done = kiaro("followup", "set", "acme", " ")
    assert (done.exit_code, done.stderr) == (
        1,
        "Error: a follow-up date is required (e.g. 2w, 'next friday', 2026-11-30)\n",
    )


@pytest.mark.parametrize("number", ["1e10", "2e5", "2027"])
def test_a_number_is_not_read_as_a_date(kiaro: Run, number: str) -> None:
    add_lead(kiaro, "Acme", "--follow-up", "2w")
    done = kiaro("followup", "set", "acme", number)
    assert (done.exit_code, done.stderr) == (
        1,
        f"Error: cannot understand the date '{number}' (try 2026-11-30, 2w or 'in 3 weeks')\n",
    )
    assert json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)["follow_up_on"] == "2026-12-07"


def test_client_commands_take_follow_up_too(kiaro: Run) -> None:
    add_lead(kiaro, "Acme", "--follow-up", "1m")
    edited = kiaro("client", "edit", "acme", "--follow-up", "October 15", "--start", "2 weeks ago")
    assert (
        edited.stdout == "Updated Acme (#1): start date → Mon 9 Nov 2026, follow-up date → Fri 15 Oct 2027\n"
    )
    shown = json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)
    assert shown["follow_up_on"] == "2027-10-15"
    assert kiaro("client", "edit", "acme", "--follow-up", "yesterday").exit_code == 1
    added = kiaro(
        "client", "add", "--name", "Beta", "--no-input", "--allow-duplicate", "--contact", "Bo",
        "--email", "bo@beta.example", "--address", "1 Main St", "--city", "Utrecht", "--postal-code", "3511",
        "--country", "NL", "--start", "2 weeks ago", "--end", "end of month", "--follow-up", "1w",
    )  # fmt: skip
    assert added.stdout == (
        "Added Beta (#2), start date Mon 9 Nov 2026, end date Mon 30 Nov 2026, follow up on Mon 30 Nov 2026\n"
    )  # every day as the day it resolved to


def test_clear(kiaro: Run) -> None:
    add_lead(kiaro, "Acme", "--follow-up", "2w")
    assert kiaro("followup", "clear", "acme").stdout == "Acme (#1): follow-up of Mon 7 Dec 2026 cleared\n"
    assert kiaro("followup", "clear", "acme").stdout == "Acme (#1): had no follow-up scheduled\n"


def test_done_off_a_terminal(kiaro: Run) -> None:
    add_lead(kiaro, "Acme", "--follow-up", "today")
    nxt = kiaro("followup", "done", "acme", "--next", "2w")
    assert nxt.stdout == "Followed up with Acme (#1); follow up on Mon 7 Dec 2026 (in 2 weeks)\n"
    plain = json.loads(kiaro("followup", "done", "acme", "--format", "json").stdout)
    assert plain["follow_up_on"] is None and plain["last_followed_up_at"]
    both = kiaro("followup", "done", "acme", "--next", "1w", "--clear")
    assert both.exit_code == 2


def test_status_change_keeps_the_date(kiaro: Run) -> None:
    add_lead(kiaro, "Acme", "--follow-up", "2w")
    kiaro("client", "status", "acme", "past")
    assert json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)["follow_up_on"] == "2026-12-07"


def test_due_and_list_for_scripts(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("Today Co", "Oldest", "Later", "Archived", "Middle"):
        add_lead(kiaro, name)
    kiaro("followup", "set", "today co", "today")
    schedule(kiaro, "oldest", "2026-10-02", monkeypatch)
    schedule(kiaro, "middle", "2026-11-01", monkeypatch)
    schedule(kiaro, "archived", "2026-10-05", monkeypatch)
    kiaro("followup", "set", "later", "3w")
    kiaro("client", "archive", "archived")
    due = json.loads(kiaro("followup", "due", "--format", "json").stdout)
    assert [c["name"] for c in due] == ["Oldest", "Middle", "Today Co"]
    shown = json.loads(kiaro("client", "show", "1", "-f", "json").stdout)
    assert list(due[0]) == [
        key
        for key in shown
        if key
        not in (
            "contacts",
            "addresses",
            "rates",
            "events",
            "dates",
            "finance",
            "projects_open",
            "quotes_open",
        )
    ]
    assert kiaro("followup", "due", "-q").stdout.split() == ["2", "5", "1"]
    every = kiaro("followup", "list", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["name"] for line in every] == ["Oldest", "Middle", "Today Co", "Later"]
    soon = kiaro("followup", "list", "--within", "1w", "-q").stdout.split()
    assert soon == ["2", "5", "1"]
    table = kiaro("followup", "due").stdout
    assert "7 weeks overdue" in table and "Lead" in table
    assert kiaro("followup", "list", "--within", "gibberish").exit_code == 1


def test_nothing_due(kiaro: Run) -> None:
    add_lead(kiaro, "Acme")
    assert kiaro("followup", "due").stdout == "Nothing due. Nice.\n"
    assert kiaro("followup", "due", "--format", "json").stdout == "[]\n"


def test_home_shows_three_due_cards_and_how_many_more(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, day in (("Delta", "2026-11-20"), ("Alpha", "2026-10-02"), ("Gamma", "2026-11-10")):
        add_lead(kiaro, name)
        schedule(kiaro, name, day, monkeypatch)
    add_lead(kiaro, "Beta", "--follow-up", "today")
    kiaro("client", "status", "gamma", "past")
    screen = kiaro().stdout
    assert "Alpha" in screen and "7 weeks overdue" in screen
    assert "Past client" in screen and "13 days overdue" in screen
    assert "Delta" in screen and "3 days overdue" in screen
    assert "Beta" not in screen  # the fourth, least overdue, waits
    assert "kiaro followup draft 2" in screen
    assert "1 more due — kiaro followup due" in screen
    assert screen.index("Alpha") < screen.index("Gamma") < screen.index("Delta")


def test_home_without_due_follow_ups(kiaro: Run) -> None:
    add_lead(kiaro, "Acme", "--follow-up", "tomorrow")
    add_lead(kiaro, "Later Co", "--follow-up", "2w")
    screen = kiaro("home").stdout
    assert "Nothing due today." in screen and "2 leads" in screen and "due —" not in screen
    assert "Next: Acme on Tue 24 Nov 2026 (tomorrow)" in screen


def test_draft_text_and_json(kiaro: Run) -> None:
    kiaro("settings", "set", "owner-name", "Sam Rivera")
    add_lead(kiaro, "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann Lee", "--email", "ann@acme.com")
    text = kiaro("followup", "draft", "acme")
    assert text.exit_code == 0
    head, body = text.stdout.split("\n\n", 1)
    assert head == "To: ann@acme.com\nSubject: A next step for Acme"
    assert body.startswith("Hi Ann,") and body.rstrip().endswith("Sam Rivera")
    as_json = json.loads(kiaro("followup", "draft", "acme", "--format", "json").stdout)
    assert list(as_json) == ["to", "subject", "body"]
    assert as_json["body"] == body


def test_a_draft_without_an_address_says_so_on_stderr(kiaro: Run) -> None:
    add_lead(kiaro, "Acme")
    kiaro("client", "edit", "acme", "--email", "hello@acme.com")
    kiaro("contact", "add", "acme", "--name", "Lerato Dube")
    text = kiaro("followup", "draft", "acme")
    assert text.stdout.startswith("To:\nSubject: A next step for Acme\n\nHi Lerato,\n")
    assert (
        text.stderr
        == "Note: Lerato Dube, the primary contact, has no email: kiaro contact edit 1 --email ADDRESS\n"
    )
    assert json.loads(kiaro("followup", "draft", "acme", "-f", "json").stdout)["to"] is None


def test_outreach(kiaro: Run) -> None:
    add_lead(kiaro, "Acme")
    refused = kiaro("client", "outreach", "acme")
    assert refused.exit_code == 1
    assert "for inactive or past clients" in refused.stderr
    kiaro("client", "status", "acme", "inactive")
    done = kiaro("client", "outreach", "acme", "--format", "json")
    assert done.exit_code == 0 and json.loads(done.stdout)["to"] is None


def calendar_of(kiaro: Run, tmp_path: Path) -> bytes:
    target = tmp_path / "follow-ups.ics"
    done = kiaro("export", "ics", "--output", str(target))
    assert done.exit_code == 0, done.stderr
    return target.read_bytes()


def test_ics_feed_parses_and_keeps_each_clients_uid(kiaro: Run, tmp_path: Path) -> None:
    add_lead(kiaro, "Acme", "--follow-up", "2w")
    add_lead(kiaro, 'Beta, Inc; "quoted"', "--follow-up", "tomorrow")
    add_lead(kiaro, "Archived", "--follow-up", "1w")
    add_lead(kiaro, "Unscheduled")
    kiaro("client", "archive", "archived")
    first = calendar_of(kiaro, tmp_path)
    assert b"\r\n" in first

    calendar = icalendar.Calendar.from_ical(first)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Follow up: Acme", 'Follow up: Beta, Inc; "quoted"'}
    acme = events["Follow up: Acme"]
    assert acme.decoded("dtstart").isoformat() == "2026-12-07"  # an all-day date, not a time
    assert acme.decoded("dtend").isoformat() == "2026-12-08"
    assert "kiaro followup draft 1" in str(acme["description"])

    parsed = vobject.readOne(first.decode())  # a second, independent parser agrees
    assert sorted(v.summary.value for v in parsed.vevent_list) == sorted(events)

    kiaro("followup", "set", "acme", "1m")
    second = icalendar.Calendar.from_ical(calendar_of(kiaro, tmp_path))
    moved = {str(e["summary"]): e for e in second.walk("VEVENT")}["Follow up: Acme"]
    assert moved["uid"] == acme["uid"]
    assert moved.decoded("dtstart").isoformat() == "2026-12-23"
    assert int(str(moved["sequence"])) >= int(str(acme["sequence"]))


def test_ics_feed_has_invoice_due_days_and_project_deadlines(
    kiaro: Run, location: Location, tmp_path: Path
) -> None:
    acme = add_lead(kiaro, "Acme", "--follow-up", "2w")
    add_invoice(location, acme, "ACME-2026-004", gross_cents=144000, paid_cents=24000, due_on="2026-12-10")
    add_invoice(
        location, acme, "ACME-2026-005", gross_cents=1000, paid_cents=1000, due_on="2026-12-11"
    )  # paid
    add_project(location, acme, "Website relaunch", deadline="2027-01-15")
    add_project(location, acme, "Logo", status="done", deadline="2027-01-20")
    first = calendar_of(kiaro, tmp_path)
    events = {str(e["summary"]): e for e in icalendar.Calendar.from_ical(first).walk("VEVENT")}
    assert set(events) == {
        "Follow up: Acme",
        "Invoice ACME-2026-004 due — Acme, 1,200.00 EUR outstanding",
        "Deadline: Website relaunch — Acme",
    }
    invoice = events["Invoice ACME-2026-004 due — Acme, 1,200.00 EUR outstanding"]
    assert invoice.decoded("dtstart").isoformat() == "2026-12-10"  # all day
    assert "kiaro invoice pay ACME-2026-004" in str(invoice["description"])
    deadline = events["Deadline: Website relaunch — Acme"]
    assert deadline.decoded("dtstart").isoformat() == "2027-01-15"
    assert len({str(e["uid"]) for e in events.values()}) == 3
    parsed = vobject.readOne(first.decode())
    assert sorted(v.summary.value for v in parsed.vevent_list) == sorted(events)
    again = {
        str(e["summary"]): e
        for e in icalendar.Calendar.from_ical(calendar_of(kiaro, tmp_path)).walk("VEVENT")
    }
    assert {str(e["uid"]) for e in again.values()} == {str(e["uid"]) for e in events.values()}


def test_a_lead_with_an_open_quote_and_a_past_client_with_a_project_are_drafted_with_them(
    kiaro: Run, location: Location
) -> None:
    acme = add_lead(kiaro, "Acme")
    add_quote(location, acme, "Q-2026-001", net_cents=480000, issued_on="2026-11-03")
    draft = kiaro("followup", "draft", "acme").stdout
    assert "Have you had a chance to look at the proposal of 3 November for 4,800.00 EUR?" in draft
    old = add_lead(kiaro, "Old Friend Ltd")
    add_project(location, old, "Website relaunch", status="done", end_date="2026-03-01")
    assert kiaro("client", "status", "old friend", "past").exit_code == 0
    outreach = kiaro("client", "outreach", "old friend").stdout
    assert "I was thinking about the Website relaunch we worked on together the other day" in outreach
    assert "proposal" not in kiaro("followup", "draft", "old friend").stdout


def test_ics_to_stdout_when_nothing_is_scheduled(kiaro: Run) -> None:
    add_lead(kiaro, "Acme")
    done = kiaro("export", "ics")
    assert done.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n") and b"VEVENT" not in done.stdout_bytes
    assert icalendar.Calendar.from_ical(done.stdout_bytes).walk("VEVENT") == []


def test_due_table_shows_a_page_and_how_many_more(kiaro: Run, tmp_path: Path) -> None:
    add_many(
        kiaro, tmp_path, [f"Client {number:02d}" for number in range(53)], follow_up_on=TODAY.isoformat()
    )
    table = kiaro("followup", "due").stdout
    assert "Client 49" in table and "Client 50" not in table
    assert "… and 3 more" in table
    assert len(kiaro("followup", "due", "-q").stdout.split()) == 53
    assert "Client 52" in kiaro("followup", "due", "--limit", "60").stdout


def test_a_follow_up_on_an_archived_client_is_refused_by_every_command(kiaro: Run) -> None:
    client_id = add_lead(kiaro, "Acme")
    assert kiaro("client", "archive", "acme").exit_code == 0
    for args in (
        ["followup", "set", "acme", "2w"],
        ["client", "edit", "acme", "--follow-up", "2w"],
        ["do", "follow up with Acme in 2 weeks", "--yes"],
        ["followup", "done", "acme", "--next", "1w"],
    ):
        refused = kiaro(*args)
        assert (refused.exit_code, refused.stderr) == (
            1,
            f"Error: Acme is archived; unarchive it first: kiaro client unarchive {client_id}\n",
        ), args
    shown = json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)
    assert shown["follow_up_on"] is None


def test_a_cadence_schedules_the_next_follow_up_after_each_one_done_or_interaction(kiaro: Run) -> None:
    add_lead(kiaro, "Acme")
    assert (
        json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)["cadence"] is None
    )  # never a default
    done = kiaro("followup", "set", "acme", "--every", "6w")
    assert done.stdout == "Acme (#1): every 6 weeks; follow up on Mon 4 Jan 2027 (in 6 weeks)\n"
    kiaro("followup", "set", "acme", "1w")  # a day of its own keeps the cadence
    marked = kiaro("followup", "done", "acme", "--format", "json")
    assert json.loads(marked.stdout)["follow_up_on"] == "2027-01-04"
    assert json.loads(marked.stdout)["cadence"] == "6w"
    logged = kiaro("interaction", "add", "acme", "Called", "--on", "2026-11-20")
    assert logged.stdout == (  # the day it moved the follow-up to is said
        "Logged note with Acme on Fri 20 Nov 2026 (#1); next follow-up Fri 1 Jan 2027, by its cadence\n"
    )
    shown = json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)
    assert shown["follow_up_on"] == "2027-01-01"  # six weeks after that day
    card = kiaro("client", "show", "acme").stdout
    assert "every 6 weeks" in card
    assert (
        kiaro("followup", "done", "acme", "--clear", "-f", "json").stdout.count('"follow_up_on": null') == 1
    )
    off = kiaro("followup", "set", "acme", "--every", "off")
    assert off.stdout == "Acme (#1): no cadence; no follow-up scheduled\n"
    kiaro("interaction", "add", "acme", "Emailed")
    assert json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)["follow_up_on"] is None


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("acme", "--every", "0w"), "Error: the interval '0w' must be at least 1 week\n"),
        (("acme", "--every", "banana"),
         "Error: cannot read the interval 'banana' (try 2w, 6 weeks, 1m, 10d or off)\n"),
        (("nobody", "--every", "2w"), "Error: no client matches 'nobody'\n"),
        (("acme", "yesterday", "--every", "2w"),
         "Error: 'yesterday' is in the past (2026-11-22); choose today or later, "
         "e.g. 'tomorrow' or 2026-11-24\n"),
    ],
)  # fmt: skip
def test_a_bad_cadence_is_one_line_and_changes_nothing(kiaro: Run, args: tuple[str, ...], said: str) -> None:
    add_lead(kiaro, "Acme")
    refused = kiaro("followup", "set", *args)
    assert (refused.exit_code, refused.stderr) == (1, said)
    shown = json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)
    assert (shown["cadence"], shown["follow_up_on"]) == (None, None)
