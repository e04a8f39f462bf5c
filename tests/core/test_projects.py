"""Projects: their defaults (planned, the client's currency), the refusals that change
nothing, statuses and their end day, late ones, the listing, edits and clearing, undo."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kiaro_cli.core import clients
from kiaro_cli.core.ledger import get_project
from kiaro_cli.core.projects import add_project, edit_project, find_projects, remove_project, set_status
from kiaro_cli.core.settings import set_setting
from kiaro_cli.core.timeline import timeline
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue, KiaroError, MissingFields, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from kiaro_cli.storage.unit import write
from tests.helpers import TODAY, dump


@pytest.fixture
def book(location: Location) -> Location:
    """Acme (its own currency USD) and Beta (none of its own)."""
    clients.add_client(location, {"name": "Acme", "currency": "USD"}, full_form=False, today=TODAY)
    clients.add_client(location, {"name": "Beta"}, full_form=False, today=TODAY)
    return location


def listed(location: Location, ref: str | None = None, **options: object) -> list[tuple[int, str]]:
    with open_reader(location) as reader:
        found = find_projects(reader, ref, today=TODAY, **options)  # type: ignore[arg-type]
        return [(project.id, project["status"]) for project in found]


def shown(location: Location, project_id: int) -> dict[str, object]:
    with open_reader(location) as reader:
        return get_project(reader, project_id, TODAY).to_dict()


def test_a_new_project_is_planned_in_the_clients_currency(book: Location) -> None:
    project = add_project(book, "acme", "  Website relaunch ", budget="4,800.50", today=TODAY)
    assert project["name"] == "Website relaunch"
    assert (project["status"], project["currency"], project["budget"]) == (
        "planned",
        "USD",
        Decimal("4800.50"),
    )
    assert (project["client_name"], project["end_date"], project["late"]) == ("Acme", None, False)
    assert project["invoiced"] == Decimal("0.00")


def test_the_currency_falls_back_to_the_setting_then_is_asked_for(book: Location, db_path: Path) -> None:
    before = dump(db_path)
    with pytest.raises(MissingFields, match="give --currency") as refused:
        add_project(book, "beta", "Audit", today=TODAY)
    assert refused.value.fields == ["currency"] and dump(db_path) == before
    assert add_project(book, "beta", "Audit", currency="gbp", today=TODAY)["currency"] == "GBP"
    set_setting(book, "default-currency", "EUR")
    assert add_project(book, "beta", "Audit 2", today=TODAY)["currency"] == "EUR"
    assert add_project(book, "acme", "Own", today=TODAY)["currency"] == "USD"  # the client's own first


@pytest.mark.parametrize(
    ("adding", "message"),
    [
        (lambda at: add_project(at, "acme", "X", budget="-5", today=TODAY), "budget '-5' is not a number"),
        (
            lambda at: add_project(at, "acme", "X", budget="lots", today=TODAY),
            "budget 'lots' is not a number",
        ),
        (lambda at: add_project(at, "acme", "X", budget="1250.505", today=TODAY), "more than 2 decimals"),
        (lambda at: add_project(at, "acme", "X", currency="XYZ", today=TODAY), "unknown currency 'XYZ'"),
        (lambda at: add_project(at, "acme", "X", currency="euro", today=TODAY), "unknown currency"),
        (
            lambda at: add_project(at, "acme", "X", start="2026-12-01", deadline="2026-11-30", today=TODAY),
            "deadline Mon 30 Nov 2026 is before the start Tue 1 Dec 2026",
        ),
        (lambda at: add_project(at, "acme", "   ", today=TODAY), "needs a name"),
        (lambda at: add_project(at, "acme", "X", status="someday", today=TODAY), "unknown project status"),
        (lambda at: add_project(at, "acme", "X", deadline="not a day", today=TODAY), "not a day"),
        (lambda at: add_project(at, "nobody", "X", today=TODAY), "no client matches 'nobody'"),
    ],
)
def test_each_refusal_changes_nothing(
    book: Location, db_path: Path, adding: Callable[[Location], object], message: str
) -> None:
    before = dump(db_path)
    with pytest.raises(KiaroError, match=message):
        adding(book)
    assert dump(db_path) == before


def test_status_words_and_past_dates(book: Location) -> None:
    paused = add_project(
        book, "acme", "A", status="Paused", start="2025-01-06", deadline="last friday", today=TODAY
    )
    assert (paused["status"], paused["start_date"], paused["deadline"]) == (
        "on-hold",
        "2025-01-06",
        "2026-11-20",
    )
    assert add_project(book, "acme", "B", status="on hold", today=TODAY)["status"] == "on-hold"
    assert add_project(book, "acme", "C", status="in progress", today=TODAY)["status"] == "active"
    finished = add_project(book, "acme", "D", status="finished", today=TODAY)
    assert (finished["status"], finished["end_date"]) == ("done", TODAY.isoformat())


def test_done_or_cancelled_ends_today_and_opening_again_clears_the_end(book: Location) -> None:
    add_project(book, "acme", "Web", status="active", today=TODAY)
    project, changed = set_status(book, 1, "done", today=TODAY)
    assert changed and (project["status"], project["end_date"]) == ("done", "2026-11-23")
    project, changed = set_status(book, 1, "completed", today=TODAY)
    assert not changed and project["end_date"] == "2026-11-23"
    project, _ = set_status(book, 1, "cancelled", today=date(2026, 11, 30))
    assert project["end_date"] == "2026-11-30"
    project, _ = set_status(book, 1, "active", today=TODAY)
    assert (project["status"], project["end_date"]) == ("active", None)
    edited, _ = edit_project(book, 1, status="dropped", today=TODAY)
    assert (edited["status"], edited["end_date"]) == ("cancelled", "2026-11-23")
    with pytest.raises(InvalidValue, match="unknown project status 'shelved'"):
        set_status(book, 1, "shelved", today=TODAY)
    with pytest.raises(NotFound, match="no project with id 9"):
        set_status(book, 9, "done", today=TODAY)


def test_an_open_project_past_its_deadline_is_late(book: Location) -> None:
    add_project(book, "acme", "Past", deadline="2026-11-22", today=TODAY)
    add_project(book, "acme", "Today", deadline="2026-11-23", today=TODAY)
    add_project(book, "acme", "Closed", deadline="2026-11-01", status="done", today=TODAY)
    add_project(book, "acme", "None", today=TODAY)
    assert [shown(book, n)["late"] for n in (1, 2, 3, 4)] == [True, False, False, False]
    set_status(book, 1, "on-hold", today=TODAY)
    assert shown(book, 1)["late"] is True  # on hold is still open


def test_the_listing_open_first_all_and_status(book: Location) -> None:
    add_project(book, "acme", "Later", deadline="2027-02-01", today=TODAY)
    add_project(book, "acme", "Undated", status="active", today=TODAY)
    add_project(book, "acme", "Soon", status="on-hold", deadline="2026-12-01", today=TODAY)
    add_project(book, "acme", "Shipped", status="done", deadline="2026-10-01", today=TODAY)
    add_project(book, "beta", "Dropped", status="cancelled", currency="EUR", today=TODAY)
    assert listed(book) == [(3, "on-hold"), (1, "planned"), (2, "active")]
    assert listed(book, include_all=True) == [
        (3, "on-hold"),
        (1, "planned"),
        (2, "active"),
        (4, "done"),
        (5, "cancelled"),
    ]
    assert listed(book, "beta") == []
    assert listed(book, "beta", include_all=True) == [(5, "cancelled")]
    assert listed(book, statuses=["done"]) == [(4, "done")]  # a status filters whatever --all says
    assert listed(book, statuses=["done", "paused"], include_all=True) == [(3, "on-hold"), (4, "done")]
    with pytest.raises(InvalidValue, match="unknown project status"):
        listed(book, statuses=["late"])


def test_edit_changes_and_clears_fields_and_says_which(book: Location) -> None:
    add_project(
        book, "acme", "Web", budget="100", code="W1", start="2026-11-01", deadline="2026-12-01", today=TODAY
    )
    project, changed = edit_project(
        book, 1, budget="250", clear=["--code", "deadline"], notes="Two pages", today=TODAY
    )
    assert changed == ["budget", "notes", "code", "deadline"]
    assert (project["budget"], project["code"], project["deadline"], project["notes"]) == (
        Decimal("250.00"), None, None, "Two pages"
    )  # fmt: skip
    assert edit_project(book, 1, budget="250.00", today=TODAY)[1] == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "nothing to change"),
        ({"deadline": "2026-10-01"}, "before the start"),  # against the start it has
        ({"deadline": "2027-01-01", "clear": ["deadline"]}, "cannot both set --deadline and clear it"),
        ({"clear": ["name"]}, "the project name cannot be cleared"),
        ({"clear": ["colour"]}, "a project has no field 'colour'"),
        ({"name": ""}, "needs a name"),
        ({"budget": "-1"}, "budget '-1'"),
        ({"currency": "ABC"}, "unknown currency"),
        ({"clear": ["currency"]}, "a project keeps a currency"),
        ({"currency": " "}, "a project keeps a currency"),
    ],
)
def test_edit_refusals_change_nothing(
    book: Location, db_path: Path, changes: dict[str, object], message: str
) -> None:
    add_project(book, "acme", "Web", start="2026-11-01", today=TODAY)
    before = dump(db_path)
    with pytest.raises(KiaroError, match=message):
        edit_project(book, 1, today=TODAY, **changes)  # type: ignore[arg-type]
    assert dump(db_path) == before


def test_every_change_is_on_the_timeline_and_undone(book: Location) -> None:
    add_project(book, "acme", "Web", budget="100", deadline="2027-03-01", today=TODAY)
    set_status(book, 1, "done", today=TODAY)
    with open_reader(book) as reader:
        entries = timeline(reader, 1)
    details = [entry.detail for entry in entries if entry.kind.startswith("project")]
    assert details[:2] == [
        "Project planned → done: Web (done, budget 100.00 USD, deadline Mon 1 Mar 2027)",
        "Project added: Web (planned, budget 100.00 USD, deadline Mon 1 Mar 2027)",
    ]
    undo_last(book)
    assert (shown(book, 1)["status"], shown(book, 1)["end_date"]) == ("planned", None)
    undo_last(book)
    assert listed(book, include_all=True) == []


def test_removing_keeps_its_invoices_and_undo_gives_them_back_to_it(book: Location) -> None:
    from kiaro_cli.storage.rows import Invoice

    add_project(book, "acme", "Web", today=TODAY)
    with write(book) as w:
        amounts = {"net_cents": 100, "vat_rate_bp": 0, "vat_cents": 0, "gross_cents": 100, "paid_cents": 0}
        w.add(Invoice(client_id=1, project_id=1, state="draft", currency="USD", created_at=w.at, **amounts,
                      updated_at=w.at))  # fmt: skip
    removed = remove_project(book, 1, today=TODAY)
    assert removed["name"] == "Web" and listed(book) == []
    with write(book) as w:
        assert w.invoices.get(1).project_id is None
    undo_last(book)
    assert listed(book) == [(1, "planned")]
    with write(book) as w:
        assert w.invoices.get(1).project_id == 1


@pytest.mark.parametrize("kind", ["a project", "the export"])
def test_what_a_project_has_invoiced_is_read_from_its_own_invoices_alone(
    book: Location, db_path: Path, kind: str
) -> None:
    """Each project's sum searches the index of invoices by project, state and currency and
    reads nothing else: with the project alone the planner took the index of every open
    invoice in that currency, and a listing of 3,000 projects over 100,000 invoices hung."""
    from kiaro_cli.storage import ledger_queries
    from kiaro_cli.storage.ledger_cells import ledger_cells_query

    add_project(book, "acme", "Website", today=TODAY)
    if kind == "a project":
        sql, params = ledger_queries.PROJECT_BY_ID, {"id": 1, "today": TODAY.isoformat()}
    else:
        query = ledger_cells_query(
            "projects", ["id", "invoiced"], include_archived=True, escape=True, decimal_comma=False
        )
        sql, params = query.joined, query.params | {"today": TODAY.isoformat()}
    with sqlite3.connect(db_path) as connection:  # kiaro keeps no planner statistics (no ANALYZE)
        plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    invoices = [step for step in plan if step.startswith("SEARCH i ")]
    index = "ix_invoice_project (project_id=? AND state=? AND currency=?)"
    assert invoices == [f"SEARCH i USING COVERING INDEX {index}"]
