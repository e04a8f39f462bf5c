"""A client with its money: per currency on the day (drafts and void invoices left out),
open projects and quotes, what client list asks of the ledger, a deletion refused while
invoices exist, and a merge that moves the ledger (and is undone)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiaro_cli.core import client_money
from kiaro_cli.core.clients import delete_client, iter_clients, make_filter
from kiaro_cli.core.records import Settings
from kiaro_cli.errors import Conflict
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.unit import Database
from tests import money_rows
from tests.helpers import TODAY, Run


@pytest.fixture
def clients(kiaro: Run) -> None:
    for name in ("Acme", "Beta", "Gamma", "Delta"):
        assert kiaro("client", "quick-add", name, "-q").exit_code == 0


def listed(
    where: Location,
    sort: str = "name",
    *,
    has_projects: bool = False,
    outstanding: bool = False,
    overdue: bool = False,
) -> list[str]:
    with Database(where).read() as reader:
        flt = make_filter(today=TODAY, has_projects=has_projects, outstanding=outstanding, overdue=overdue)
        return [client.name for client in iter_clients(reader, flt, sort=sort)]


def dump(where: Location) -> dict[str, list[dict[str, object]]]:
    tables = ("client", "contact", "activity", "invoice", "invoice_line", "payment", "project", "quote")
    with Database(where).read() as reader:
        return {
            table: [dict(row) for row in reader.rows(f"SELECT * FROM {table} ORDER BY id")]
            for table in tables
        }


def test_money_is_kept_per_currency_without_drafts_or_void_invoices(
    clients: None, location: Location
) -> None:
    money_rows.invoice(location, 1, 100_000, paid=40_000, due="2026-11-22", number="A-1")  # overdue today
    money_rows.invoice(location, 1, 50_000, due="2026-11-23", number="A-2")  # due today: not overdue
    money_rows.invoice(location, 1, 30_000, paid=30_000, currency="USD", due="2026-11-01", number="A-3")
    money_rows.invoice(location, 1, 999_900, state="void", number="A-4")
    money_rows.invoice(location, 1, 777_700, state="draft")
    with Database(location).read() as reader:
        view = client_money.money_view(reader, 1, TODAY)
    assert view.to_dict()["finance"] == {
        "EUR": {"invoiced": Decimal("1500.00"), "paid": Decimal("400.00"), "outstanding": Decimal("1100.00"),
                "overdue": Decimal("600.00")},
        "USD": {"invoiced": Decimal("300.00"), "paid": Decimal("300.00"), "outstanding": Decimal("0.00"),
                "overdue": Decimal("0.00")},
    }  # fmt: skip
    assert not view.empty


def test_open_projects_come_soonest_deadline_first_and_only_open_quotes_show(
    clients: None, location: Location
) -> None:
    money_rows.project(location, 1, "Later", deadline="2027-03-01")
    money_rows.project(location, 1, "Late one", status="on-hold", deadline="2026-11-20")
    money_rows.project(location, 1, "Finished", status="done", deadline="2026-10-01")
    money_rows.quote(location, 1, "Q-2026-001", 480_000, title="Landing pages")
    money_rows.quote(location, 1, "Q-2026-002", 1_000, status="accepted")
    money_rows.quote(location, 1, "Q-2026-003", 2_000, status="draft")
    with Database(location).read() as reader:
        view = client_money.money_view(reader, 1, TODAY)
    assert [(p["name"], p["late"]) for p in view.projects] == [("Late one", True), ("Later", False)]
    assert [(q["number"], q["status"]) for q in view.quotes] == [
        ("Q-2026-003", "draft"),
        ("Q-2026-001", "sent"),
    ]
    assert view.to_dict() == {"finance": {}, "projects_open": 2, "quotes_open": 2}
    with Database(location).read() as reader:
        assert client_money.money_view(reader, 2, TODAY).empty


def test_client_list_filters_on_projects_outstanding_and_overdue(clients: None, location: Location) -> None:
    money_rows.project(location, 2, "Website", status="done")
    money_rows.invoice(
        location, 3, 10_000, paid=2_500, due="2026-12-31", number="G-1"
    )  # outstanding, not due
    money_rows.invoice(location, 4, 10_000, due="2026-11-22", number="D-1")  # overdue
    money_rows.invoice(location, 1, 10_000, paid=10_000, due="2026-11-01", number="A-1")  # paid
    money_rows.invoice(location, 1, 50_000, state="void", due="2026-11-01", number="A-2")
    money_rows.invoice(location, 1, 50_000, state="draft", due="2026-11-01")
    assert listed(location, has_projects=True) == ["Beta"]
    assert listed(location, outstanding=True) == ["Delta", "Gamma"]
    assert listed(location, overdue=True) == ["Delta"]
    assert listed(location, outstanding=True, overdue=True) == ["Delta"]


def test_revenue_counts_what_was_paid_in_the_workspace_currency(clients: None, location: Location) -> None:
    money_rows.invoice(location, 2, 30_000, paid=30_000, number="B-1")
    money_rows.invoice(location, 3, 90_000, paid=10_000, number="G-1")
    money_rows.invoice(location, 4, 90_000_000, paid=90_000_000, currency="JPY", number="D-1")
    money_rows.invoice(location, 1, 500_000, paid=500_000, state="void", number="A-1")
    # No default currency: the currency most invoices were paid in (EUR) is counted, the rest
    # by name; Delta's 900,000 yen are never weighed against euros.
    assert listed(location, sort="revenue") == ["Beta", "Gamma", "Acme", "Delta"]
    with Database(location).read() as reader:
        assert client_money.revenue_currency(reader, Settings()) == "EUR"
        assert client_money.revenue_currency(reader, Settings(default_currency="EUR")) == "EUR"
        flt = make_filter(today=TODAY)
        assert client_money.paid_elsewhere(reader, flt, "EUR") == 1
        assert client_money.paid_elsewhere(reader, flt, "JPY") == 2
        page = client_money.listed_money(reader, [1, 2, 3, 4], "EUR")
    assert {key: value.revenue for key, value in page.items()} == {2: Decimal("300.00"), 3: Decimal("100.00")}


def test_a_page_of_many_clients_reads_their_money_a_few_at_a_time_and_misses_none(
    clients: None, location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiaro_cli.storage import money_queries

    money_rows.invoice(location, 2, 30_000, paid=30_000, number="B-1")
    money_rows.invoice(location, 4, 90_000, paid=10_000, number="D-1")
    with Database(location).read() as reader:
        whole = client_money.listed_money(reader, [1, 2, 3, 4], "EUR")
        monkeypatch.setattr(money_queries, "IDS_AT_ONCE", 1)  # one IN list a client
        assert client_money.listed_money(reader, [1, 2, 3, 4], "EUR") == whole
    revenue = {key: value.revenue for key, value in whole.items()}
    assert revenue == {2: Decimal("300.00"), 4: Decimal("100.00")}


def test_the_currencies_paid_in_leave_out_unpaid_drafts_and_void_invoices(
    clients: None, location: Location
) -> None:
    money_rows.invoice(location, 1, 30_000, paid=30_000, currency="CHF", number="A-1")
    money_rows.invoice(location, 2, 90_000, paid=0, currency="USD", number="B-1")
    money_rows.invoice(location, 3, 50_000, paid=50_000, currency="GBP", state="void", number="G-1")
    money_rows.invoice(location, 4, 70_000, paid=70_000, currency="EUR", number="D-1")
    with Database(location).read() as reader:
        assert client_money.paid_currencies(reader) == ["CHF", "EUR"]
        flt = make_filter(today=TODAY)
        # Besides EUR only CHF was paid: a EUR order leaves one client out, a USD order two.
        assert client_money.paid_elsewhere(reader, flt, "EUR") == 1
        assert client_money.paid_elsewhere(reader, flt, "USD") == 2


def test_one_currency_paid_in_is_the_revenue_currency_and_leaves_nobody_out(
    clients: None, location: Location
) -> None:
    money_rows.invoice(location, 2, 30_000, paid=30_000, currency="CHF", number="B-1")
    money_rows.invoice(location, 3, 90_000, paid=0, currency="USD", number="G-1")
    with Database(location).read() as reader:
        assert client_money.revenue_currency(reader, Settings()) == "CHF"
        assert client_money.paid_elsewhere(reader, make_filter(today=TODAY), "CHF") == 0


def test_revenue_order_is_highest_first_in_the_currency_set(
    kiaro: Run, clients: None, location: Location
) -> None:
    assert kiaro("settings", "set", "default-currency", "EUR").exit_code == 0
    money_rows.invoice(location, 2, 30_000, paid=30_000, number="B-1")
    money_rows.invoice(location, 3, 90_000, paid=10_000, number="G-1")
    money_rows.invoice(location, 4, 900_000, paid=900_000, currency="USD", number="D-1")
    assert listed(location, sort="revenue") == ["Beta", "Gamma", "Acme", "Delta"]


def test_a_client_with_invoices_is_not_deleted_and_nothing_changes(clients: None, location: Location) -> None:
    money_rows.invoice(location, 1, 10_000, paid=5_000, number="A-1")
    money_rows.invoice(location, 1, 10_000, number="A-2")
    before = dump(location)
    with pytest.raises(Conflict) as refused:
        delete_client(location, "acme")
    assert str(refused.value) == (
        "Acme has 2 invoices and 1 payment; archive it instead: kiaro client archive 1"
    )
    assert dump(location) == before


def test_a_deleted_client_takes_its_projects_and_quotes_with_it(clients: None, location: Location) -> None:
    project = money_rows.project(location, 2, "Website")
    money_rows.quote(location, 2, "Q-2026-001", 100)
    money_rows.project(location, 3, "Kept")
    delete_client(location, "beta")
    with Database(location).read() as reader:
        rows = list(reader.rows("SELECT client_id FROM project UNION ALL SELECT client_id FROM quote"))
    assert [row["client_id"] for row in rows] == [3]
    assert project  # its id was given


def test_a_merge_moves_the_ledger_and_undo_gives_it_back(
    kiaro: Run, clients: None, location: Location
) -> None:
    from kiaro_cli.core.duplicates import merge_clients

    project = money_rows.project(location, 2, "Website")
    money_rows.quote(location, 2, "Q-2026-001", 100)
    money_rows.invoice(location, 2, 10_000, paid=4_000, number="B-1", project_id=project)
    money_rows.invoice(location, 1, 5_000, number="A-1")
    result = merge_clients(location, "acme", "beta")
    assert result.moved_ledger == "1 project, 1 quote, 1 invoice, 1 payment"
    with Database(location).read() as reader:
        view = client_money.money_view(reader, 1, TODAY)
        owners = {
            table: sorted({row["client_id"] for row in reader.rows(f"SELECT client_id FROM {table}")})
            for table in ("project", "quote", "invoice", "payment")
        }
        lines = list(reader.rows("SELECT invoice_id FROM invoice_line ORDER BY invoice_id"))
    assert owners == {"project": [1], "quote": [1], "invoice": [1], "payment": [1]}
    assert view.finance["EUR"].invoiced == Decimal("150.00") and view.projects_open == 1
    assert [row["invoice_id"] for row in lines] == [1, 2]  # the lines stayed with their invoices
    assert kiaro("undo").exit_code == 0
    with Database(location).read() as reader:
        owners = {
            table: sorted({row["client_id"] for row in reader.rows(f"SELECT client_id FROM {table}")})
            for table in ("project", "quote", "invoice", "payment")
        }
        assert client_money.money_view(reader, 2, TODAY).finance["EUR"].paid == Decimal("40.00")
    assert owners == {"project": [2], "quote": [2], "invoice": [1, 2], "payment": [2]}
