"""The ledger on the day: overdue invoices and late projects for the home screen (through an
index), invoice due days and project deadlines for the calendar, and a client's open quote
and last project for the drafts."""

from __future__ import annotations

import io
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import icalendar
import pytest

from kiaro_cli.core import clients, ledger_day
from kiaro_cli.core.home import home_summary
from kiaro_cli.storage import day_queries
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.unit import Database, write
from tests.helpers import SERVER, TODAY
from tests.ledger_rows import add_invoice, add_project, add_quote


@pytest.fixture
def book(location: Location) -> Location:
    return fill(location)


def fill(location: Location) -> Location:
    """Acme, Beta and an archived client, each with invoices and projects in every state."""
    for name in ("Acme", "Beta", "Gone"):
        clients.add_client(location, {"name": name}, full_form=False, today=TODAY)
    clients.set_archived(location, "gone", True)
    add_invoice(location, 1, "ACME-2026-001", gross_cents=120000, paid_cents=20000, due_on="2026-10-01")
    add_invoice(location, 2, "INV-2026-002", gross_cents=5000, due_on="2026-11-20")
    add_invoice(location, 1, "ACME-2026-003", gross_cents=9900, paid_cents=9900, due_on="2026-09-01")  # paid
    add_invoice(location, 1, "ACME-2026-004", gross_cents=9900, state="void", due_on="2026-09-01")
    add_invoice(location, 1, None, gross_cents=9900, state="draft", due_on="2026-09-01")
    add_invoice(location, 2, "INV-2026-005", gross_cents=7000, due_on="2026-11-23")  # due today: not overdue
    add_invoice(location, 3, "INV-2026-006", gross_cents=7000, due_on="2026-08-01")  # an archived client's
    add_project(location, 1, "Website relaunch", deadline="2026-11-01")
    add_project(location, 2, "Brand book", status="on-hold", deadline="2026-11-20")
    add_project(location, 2, "Spring menu", status="planned", deadline="2026-11-10")
    add_project(location, 1, "Old site", status="done", deadline="2026-06-01", end_date="2026-06-20")
    add_project(location, 1, "Shelved", status="cancelled", deadline="2026-05-01", end_date="2026-07-01")
    add_project(location, 1, "Due today", deadline="2026-11-23")
    add_project(location, 1, "Someday")
    add_project(location, 3, "Forgotten", deadline="2026-01-01")
    return location


def test_overdue_invoices_and_late_projects_come_most_overdue_first(book: Location) -> None:
    with Database(book).read() as reader:
        day = ledger_day.ledger_day(reader, TODAY)
    assert [(i.number, i.client_name, i.outstanding, i.currency, i.days) for i in day.invoices] == [
        ("ACME-2026-001", "Acme", Decimal("1000.00"), "EUR", 53),
        ("INV-2026-002", "Beta", Decimal("50.00"), "EUR", 3),
    ]
    assert [(p.id, p.name, p.client_name, p.deadline, p.days) for p in day.projects] == [
        (1, "Website relaunch", "Acme", date(2026, 11, 1), 22),
        (3, "Spring menu", "Beta", date(2026, 11, 10), 13),
        (2, "Brand book", "Beta", date(2026, 11, 20), 3),
    ]
    assert (day.invoices_overdue, day.projects_late, day.more_invoices, day.more_projects) == (2, 3, 0, 0)


def test_past_the_cards_the_rest_are_counted(book: Location) -> None:
    with Database(book).read() as reader:
        day = ledger_day.ledger_day(reader, TODAY, limit=1)
        later = ledger_day.ledger_day(reader, date(2026, 12, 31), limit=1)
    assert [i.number for i in day.invoices] == ["ACME-2026-001"] and day.more_invoices == 1
    assert [p.name for p in day.projects] == ["Website relaunch"] and day.more_projects == 2
    assert (later.invoices_overdue, later.projects_late) == (3, 4)  # what was due today is overdue by then


def test_the_home_summary_carries_them(book: Location) -> None:
    with Database(book).read() as reader:
        summary = home_summary(reader, TODAY)
    assert [i.number for i in summary.ledger.invoices] == ["ACME-2026-001", "INV-2026-002"]
    assert len(summary.ledger.projects) == 3


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        (day_queries.OVERDUE_INVOICES, "invoice"),
        (day_queries.COUNT_OVERDUE_INVOICES, "invoice"),
        (day_queries.LATE_PROJECTS, "project"),
        (day_queries.COUNT_LATE_PROJECTS, "project"),
    ],
)
def test_the_home_screens_reads_walk_an_index(book: Location, db_path: Path, sql: str, table: str) -> None:
    """No read of the home screen scans the invoice or project table: each searches an index
    of it (today, the one of its state or status and day), and no row's client is looked up
    in the client table: the archived clients are listed once, from an index."""
    params = {"today": TODAY.isoformat(), "true_flag": True, "limit": 3}
    with sqlite3.connect(db_path) as connection:  # kiaro keeps no planner statistics (no ANALYZE)
        plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    alias = table[0]
    searched = [step for step in plan if step.startswith(f"SEARCH {alias} USING ")]
    assert searched and f"INDEX ix_{table}_" in searched[0], plan
    assert not [step for step in plan if step.startswith(f"SCAN {alias}")], plan
    assert [step for step in plan if step.startswith("SEARCH c USING COVERING INDEX ix_client_archived_")]
    looked_up = [step for step in plan if step.startswith("SEARCH c USING INTEGER PRIMARY KEY")]
    assert len(looked_up) == ("client_name" in sql), plan  # a listed row's name; a count reads none


def test_the_calendar_has_unpaid_invoices_on_their_due_day_and_open_projects_on_their_deadline(
    book: Location,
) -> None:
    from kiaro_cli.codecs.ics import write_calendar

    with Database(book).read() as reader:
        items = list(ledger_day.calendar_items(reader))
    assert [(item.summary, item.day.isoformat()) for item in items] == [
        ("Invoice ACME-2026-001 due — Acme, 1,000.00 EUR outstanding", "2026-10-01"),
        ("Invoice INV-2026-002 due — Beta, 50.00 EUR outstanding", "2026-11-20"),
        ("Invoice INV-2026-005 due — Beta, 70.00 EUR outstanding", "2026-11-23"),
        ("Deadline: Website relaunch — Acme", "2026-11-01"),
        ("Deadline: Spring menu — Beta", "2026-11-10"),
        ("Deadline: Brand book — Beta", "2026-11-20"),
        ("Deadline: Due today — Acme", "2026-11-23"),
    ]
    assert "kiaro invoice pay ACME-2026-001" in items[0].description
    assert "kiaro project status 1 done" in items[3].description
    out = io.StringIO()
    assert write_calendar(items, out) == len(items)
    parsed = icalendar.Calendar.from_ical(out.getvalue())
    events = parsed.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [item.summary for item in items]
    assert events[0].decoded("dtstart") == date(2026, 10, 1) and events[0].decoded("dtend") == date(
        2026, 10, 2
    )
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_a_moved_due_day_or_deadline_keeps_its_uid_and_rises_in_sequence(book: Location) -> None:
    from kiaro_cli.storage.rows import Invoice, Project

    with Database(book).read() as reader:
        before = {item.uid: item for item in ledger_day.calendar_items(reader)}
    with write(book) as w:
        invoice = w.invoices.get(1)
        assert isinstance(invoice, Invoice)
        invoice.due_on, invoice.updated_at = "2026-12-15", "2099-01-01T00:00:00+00:00"
        project = w.projects.get(1)
        assert isinstance(project, Project)
        project.deadline, project.updated_at = "2027-01-15", "2099-01-01T00:00:00+00:00"
    with Database(book).read() as reader:
        after = {item.uid: item for item in ledger_day.calendar_items(reader)}
    assert set(after) == set(before)
    moved = [uid for uid in after if after[uid].day != before[uid].day]
    assert sorted(after[uid].day.isoformat() for uid in moved) == ["2026-12-15", "2027-01-15"]
    assert all(after[uid].sequence > before[uid].sequence for uid in moved)


def test_a_draft_speaks_of_the_open_quote_a_sent_one_first(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with Database(location).read() as reader:
        assert ledger_day.open_proposal(reader, 1, TODAY) is None
    add_quote(location, 1, "Q-2026-001", net_cents=100, issued_on="2026-11-20", status="accepted")
    add_quote(location, 1, "Q-2026-002", net_cents=200, issued_on="2026-10-01", valid_until="2026-11-01")
    add_quote(location, 1, "Q-2026-003", net_cents=480000, issued_on="2026-11-03")
    add_quote(location, 1, "Q-2026-004", net_cents=300, issued_on="2026-11-18", status="draft")
    with Database(location).read() as reader:
        found = ledger_day.open_proposal(reader, 1, TODAY)
    assert found is not None and (found.day, found.amount) == (date(2026, 11, 3), "4,800.00 EUR")


def test_a_draft_quote_is_spoken_of_when_none_was_sent(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    monkeypatch.setenv("KIARO_NOW", "2026-11-02T10:00:00+00:00")
    add_quote(location, 1, "Q-2026-001", net_cents=250050, issued_on=None, status="draft", currency="USD")
    with Database(location).read() as reader:
        found = ledger_day.open_proposal(reader, 1, TODAY)
    assert found is not None and (found.day, found.amount) == (
        date(2026, 11, 2),
        "2,500.50 USD",
    )  # the day it was added


def test_the_last_project_is_the_latest_done_one(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with Database(location).read() as reader:
        assert ledger_day.last_project(reader, 1) is None
    add_project(location, 1, "Logo", status="done", end_date="2025-03-01")
    add_project(location, 1, "Website relaunch", status="done", deadline="2026-01-01", end_date="2026-02-01")
    add_project(location, 1, "Shop", status="cancelled", end_date="2026-06-01")
    add_project(location, 1, "Flyers", status="done", end_date="2025-12-01")
    add_project(location, 1, "Next year's campaign", status="planned", deadline="2027-06-01")
    add_project(location, 1, "Shop, phase 2", status="active", start_date="2026-11-01")
    with Database(location).read() as reader:
        assert ledger_day.last_project(reader, 1) == "Website relaunch"


@pytest.mark.postgres
@pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)")
def test_a_server_reads_the_day_as_a_file_does(book: Location, postgres_url: str) -> None:
    from kiaro_cli.storage.location import resolve

    server = fill(resolve(postgres_url))
    for where in (book, server):
        add_quote(where, 2, "Q-2026-001", net_cents=480000, issued_on="2026-11-03")
    seen = []
    for where in (book, server):
        with Database(where).read() as reader:
            items = [(i.summary, i.day, i.description) for i in ledger_day.calendar_items(reader)]
            seen.append(
                (
                    ledger_day.ledger_day(reader, TODAY, limit=2),
                    items,
                    ledger_day.open_proposal(reader, 2, TODAY),
                    ledger_day.last_project(reader, 1),
                )
            )
    assert seen[0] == seen[1]
    assert seen[0][2] is not None and seen[0][3] is not None
