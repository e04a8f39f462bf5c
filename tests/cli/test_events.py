"""Events through the CLI: what each command says, the pinned card, home, calendar and exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest

from tests.helpers import Run


def seeded(kiaro: Run) -> None:
    for name in ("Acme", "Beta"):
        assert kiaro("client", "quick-add", name).exit_code == 0
    for args in (
        ["acme", "Chase the signed quote", "--kind", "quote", "--due", "2026-11-27"],
        ["acme", "Invoice disputed", "--kind", "complaint", "-p", "high", "--due", "2026-11-20", "--sticky"],
        ["beta", "Send the NDA", "-p", "critical", "--due", "today"],
        ["acme", "Someday", "-p", "low"],
    ):
        assert kiaro("event", "add", *args).exit_code == 0


def test_each_command_says_what_it_did(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    added = kiaro("event", "add", "acme", "Invoice disputed", "--kind", "complaint", "-p", "high", "--sticky")
    assert added.stdout == "Added high complaint #1 for Acme (#1), pinned: Invoice disputed\n"
    assert kiaro("event", "add", "acme", "Call", "-q").stdout == "2\n"
    assert kiaro("event", "done", "2").stdout == "Done: medium reminder #2 for Acme (#1): Call\n"
    assert kiaro("event", "done", "2").stdout == "Event #2 was already done\n"
    assert kiaro("event", "reopen", "2").stdout == "Reopened medium reminder #2 for Acme (#1): Call\n"
    edited = kiaro("event", "edit", "2", "--due", "2026-12-01", "--not-sticky")
    assert edited.stdout == "Changed medium reminder #2 for Acme (#1), due Tue 1 Dec 2026: Call\n"
    assert kiaro("event", "remove", "2", "--yes").stdout.startswith("Removed medium reminder #2")
    refused = kiaro("event", "remove", "1")
    assert refused.exit_code == 1 and "re-run with --yes" in refused.stderr
    both = kiaro("event", "list", "--open", "--done")
    assert both.stderr == "Error: give one of --open, --done and --all\n"


def test_lists_tables_and_json(kiaro: Run) -> None:
    seeded(kiaro)
    table = kiaro("event", "list").stdout
    assert [line.split()[0] for line in table.splitlines()[2:]] == ["3", "2", "1", "4"]
    assert "3 days overdue" in table and "today" in table and "pinned" in table
    listed = json.loads(kiaro("event", "list", "acme", "--format", "json").stdout)
    expected = [(2, "high", True), (1, "medium", False), (4, "low", False)]
    assert [(e["id"], e["priority"], e["sticky"]) for e in listed] == expected
    assert kiaro("event", "list", "--due-within", "0d", "-q").stdout == "3\n2\n"
    shown = json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)
    assert [e["text"] for e in shown["events"]] == ["Invoice disputed", "Chase the signed quote", "Someday"]
    assert kiaro("client", "list", "--search", "disputed", "-q").stdout == "1\n"


def test_client_show_pins_sticky_events_above_the_cards(kiaro: Run) -> None:
    seeded(kiaro)
    shown = kiaro("client", "show", "acme").stdout
    pinned = shown[shown.index("Pinned") :].split("┗")[0]
    assert "high" in pinned and "Invoice disputed" in pinned and "3 days overdue" in pinned
    assert "Someday" not in pinned  # open but not pinned
    assert shown.index("Pinned") < shown.index("Identity")


def test_home_shows_urgent_events_with_the_due_follow_ups(kiaro: Run) -> None:
    seeded(kiaro)
    kiaro("followup", "set", "acme", "today")
    home = kiaro().stdout
    assert "critical reminder" in home and "kiaro event done 3" in home
    assert "high complaint" in home and "kiaro followup draft 1" in home
    assert "more due" not in home
    kiaro("client", "quick-add", "Gamma", "--follow-up", "today")
    assert "1 more due — kiaro followup due / kiaro event list --open" in kiaro().stdout
    due = json.loads(kiaro("followup", "due", "--format", "json").stdout)
    assert [c["name"] for c in due] == ["Acme", "Gamma"]  # events stay out of followup due


def test_the_calendar_has_open_events_with_a_due_day(kiaro: Run, tmp_path: Path) -> None:
    seeded(kiaro)
    kiaro("event", "done", "1")
    calendar = icalendar.Calendar.from_ical(kiaro("export", "ics").stdout_bytes)
    items = {str(item["UID"]): item for item in calendar.walk("VEVENT")}
    events = sorted(uid.split("-")[1] for uid in items if uid.startswith("event-"))
    assert events == ["2", "3"]  # done (1) and undated (4) ones are left out
    nda = next(item for uid, item in items.items() if uid.startswith("event-3-"))
    assert str(nda["SUMMARY"]) == "Critical reminder: Beta"
    assert nda.decoded("DTSTART").isoformat() == "2026-11-23"
    assert "kiaro event done 3" in str(nda["DESCRIPTION"])
    kiaro("event", "edit", "3", "--due", "tomorrow")
    again = icalendar.Calendar.from_ical(kiaro("export", "ics").stdout_bytes)
    moved = next(item for item in again.walk("VEVENT") if str(item["UID"]) == str(nda["UID"]))
    assert moved.decoded("DTSTART").isoformat() == "2026-11-24"  # the same item, moved
    target = tmp_path / "cal.ics"
    assert "Exported 2 calendar items" in kiaro("export", "ics", "--output", str(target)).stderr


def test_export_events_as_csv_with_every_event(kiaro: Run) -> None:
    seeded(kiaro)
    kiaro("event", "done", "1")
    rows = list(csv.DictReader(io.StringIO(kiaro("export", "events").stdout)))
    assert [(r["id"], r["client_name"], r["done"]) for r in rows] == [
        ("3", "Beta", "false"),
        ("2", "Acme", "false"),
        ("1", "Acme", "true"),
        ("4", "Acme", "false"),
    ]
    assert list(rows[0]) == ["id", "client_id", "client_name", "text", "kind", "priority", "due_on", "sticky",
                             "done", "done_at", "created_at", "updated_at"]  # fmt: skip


def test_an_event_result_stays_one_line_when_piped(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    kiaro("client", "quick-add", "Brand Factor")
    text = "Invoice 2026-044 disputed: the October hours were never agreed, says their finance team"
    added = kiaro("event", "add", "brand", text, "--kind", "complaint", "--priority", "high")
    assert added.stdout == f"Added high complaint #1 for Brand Factor (#1): {text}\n"
