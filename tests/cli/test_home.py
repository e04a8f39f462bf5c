"""The home screen through the CLI: overdue invoices and late projects beside the due
follow-ups, each with the command that acts on it, at 80 columns."""

from __future__ import annotations

import pytest

from kiaro_cli.storage.location import Location
from tests.helpers import Run
from tests.ledger_rows import add_invoice, add_project
from tests.render.test_fit import shown


def add(kiaro: Run, name: str, *args: str) -> int:
    done = kiaro("client", "quick-add", name, "-q", *args)
    assert done.exit_code == 0, done.stderr
    return int(done.stdout)


def test_home_shows_overdue_invoices_and_late_projects_with_the_command_for_each(
    kiaro: Run, location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    acme, beta = add(kiaro, "Acme"), add(kiaro, "Beta", "--follow-up", "today")
    add_invoice(location, beta, "INV-2026-002", gross_cents=5000, due_on="2026-11-20")
    add_invoice(location, acme, "ACME-2026-004", gross_cents=144000, paid_cents=24000, due_on="2026-10-01")
    add_invoice(location, acme, "ACME-2026-005", gross_cents=9900, due_on="2026-11-30")  # not due yet
    add_project(location, acme, "Website relaunch", deadline="2026-11-09")
    add_project(location, beta, "Brand book", status="done", deadline="2026-11-01")
    screen = "\n".join(shown(kiaro, 80, monkeypatch))
    assert "ACME-2026-004  ·  7 weeks overdue" in screen
    assert "1,200.00 EUR outstanding" in screen and "kiaro invoice pay ACME-2026-004" in screen
    assert "INV-2026-002  ·  3 days overdue" in screen and "kiaro invoice pay INV-2026-002" in screen
    assert screen.index("ACME-2026-004") < screen.index("INV-2026-002")  # the most overdue first
    assert "Website relaunch" in screen and "deadline 9 Nov  ·  2 weeks late" in screen
    assert "kiaro project status 1 done" in screen
    assert "ACME-2026-005" not in screen and "Brand book" not in screen
    assert "kiaro followup draft 2" in screen  # the due follow-up keeps its card
    assert "more overdue" not in screen and "more late" not in screen


def test_past_three_a_line_says_how_many_more_and_where(
    kiaro: Run, location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    acme = add(kiaro, "Acme")
    for number in range(1, 6):
        add_invoice(location, acme, f"ACME-2026-00{number}", gross_cents=1000, due_on=f"2026-11-0{number}")
        add_project(location, acme, f"Project {number}", deadline=f"2026-10-0{number}")
    screen = "\n".join(shown(kiaro, 80, monkeypatch))
    assert "kiaro invoice pay ACME-2026-003" in screen and "ACME-2026-004" not in screen
    assert "Project 3" in screen and "Project 4" not in screen
    assert "2 more overdue invoices — kiaro invoice list --overdue" in screen
    assert "2 more late projects — kiaro project list" in screen
    assert "Nothing due today." not in screen  # there is: the invoices and projects


def test_an_archived_clients_invoices_and_projects_stay_off_the_home_screen(
    kiaro: Run, location: Location
) -> None:
    gone = add(kiaro, "Gone Ltd", "--follow-up", "tomorrow")
    add_invoice(location, gone, "GONE-2026-001", gross_cents=1000, due_on="2026-11-01")
    add_project(location, gone, "Old work", deadline="2026-11-01")
    assert "GONE-2026-001" in kiaro().stdout
    assert kiaro("client", "archive", "gone").exit_code == 0
    add(kiaro, "Acme", "--follow-up", "tomorrow")
    screen = kiaro().stdout
    assert "GONE-2026-001" not in screen and "Old work" not in screen
    assert "Nothing due today." in screen and "Next: Acme on Tue 24 Nov 2026 (tomorrow)" in screen


def test_with_nothing_due_the_next_follow_up_follows_the_invoices(kiaro: Run, location: Location) -> None:
    acme = add(kiaro, "Acme", "--follow-up", "tomorrow")
    add_invoice(location, acme, "ACME-2026-001", gross_cents=1000, due_on="2026-11-01")
    screen = kiaro().stdout
    assert "Nothing due today." not in screen
    assert screen.index("kiaro invoice pay ACME-2026-001") < screen.index("Next: Acme on Tue 24 Nov 2026")


def test_home_as_json_is_one_object_of_the_counts_and_what_the_cards_show(
    kiaro: Run, location: Location
) -> None:
    import json

    empty = json.loads(kiaro("home", "--format", "json").stdout)
    assert (empty["clients"], empty["follow_ups"], empty["invoices"]) == (0, [], [])  # no welcome
    acme, beta = add(kiaro, "Acme"), add(kiaro, "Beta", "--follow-up", "today")
    add_invoice(location, acme, "ACME-2026-004", gross_cents=144000, paid_cents=24000, due_on="2026-10-01")
    add_project(location, acme, "Website relaunch", deadline="2026-11-09")
    made = json.loads(kiaro("home", "-f", "json").stdout)
    assert list(made) == [
        "today", "clients", "by_status", "missing_invoice_details", "quiet", "quiet_months",
        "follow_ups_due", "follow_ups_due_yours", "follow_ups", "next_follow_up", "events_due", "events",
        "invoices_overdue", "invoices", "projects_late", "projects", "dates",
    ]  # fmt: skip
    assert (made["clients"], made["by_status"], made["follow_ups_due"]) == (2, {"lead": 2}, 1)
    due = {"id": beta, "name": "Beta", "status": "lead", "follow_up_on": "2026-11-23"}
    assert made["follow_ups"] == [due]
    assert made["invoices_overdue"] == 1 and made["invoices"] == [
        {"id": 1, "number": "ACME-2026-004", "client_id": acme, "client_name": "Acme", "outstanding": 1200,
         "currency": "EUR", "due_on": "2026-10-01", "days_overdue": 53},
    ]  # fmt: skip
    assert made["projects"][0] | {"id": 0} == {
        "id": 0, "name": "Website relaunch", "client_id": acme, "client_name": "Acme",
        "deadline": "2026-11-09", "days_late": 14,
    }  # fmt: skip
    assert kiaro("home", "--format", "csv").exit_code == 2  # one object: table or json
