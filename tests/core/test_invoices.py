"""Invoices: issued at once or drafted, numbered CODE-YYYY-NNN per prefix and year when issued,
lines summed to the net, VAT rounded half-up on the net total, currency and VAT locked at
issue, changed only as drafts, voided keeping their number, and every
refusal leaving the database as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core import clients
from kiaro_cli.core.invoices import (
    add_invoice,
    edit_invoice,
    find_invoices,
    issue_invoice,
    remove_invoice,
    void_invoice,
)
from kiaro_cli.core.ledger import InvoiceRecord, find_invoice
from kiaro_cli.core.settings import set_setting
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import Conflict, InvalidValue, KiaroError, MissingFields, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from kiaro_cli.storage.unit import write
from tests.helpers import SERVER, TODAY, dump


@pytest.fixture
def book(location: Location) -> Location:
    """Acme (code ACME, EUR, VAT 20%, 14 days to pay) and Beta (no code, no currency)."""
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    clients.add_client(location, {"name": "Beta"}, full_form=False, today=TODAY)
    values = {"code": "ACME", "currency": "EUR", "vat_rate": "20", "payment_terms_days": "14"}
    clients.edit_client(location, "acme", values, today=TODAY)
    return location


def add(book: Location, client: str = "acme", **options: Any) -> InvoiceRecord:
    return add_invoice(book, client, today=TODAY, **({"amount": "1000"} | options))


def read(book: Location, reference: str, day: date = TODAY) -> InvoiceRecord:
    with open_reader(book) as reader:
        return find_invoice(reader, reference, day)


def refused(
    db_path: Path, error: type[KiaroError], match: str, call: Callable[..., Any], *args: Any, **kwargs: Any
) -> None:
    """``call`` is refused with ``error`` saying ``match``, and the database is as it was."""
    before = dump(db_path)
    with pytest.raises(error, match=match):
        call(*args, **kwargs)
    assert dump(db_path) == before


def test_an_invoice_is_issued_at_once_numbered_with_the_clients_code_and_due_after_its_terms(
    book: Location,
) -> None:
    made = add(book, amount="1,200.50", title="Website")
    assert made.to_dict() | {"created_at": None} == {
        "id": 1, "client_id": 1, "client_name": "Acme", "project_id": None, "number": "ACME-2026-001",
        "title": "Website", "issued_on": "2026-11-23", "due_on": "2026-12-07", "currency": "EUR",
        "net": Decimal("1200.50"), "vat_rate": Decimal("20"), "vat": Decimal("240.10"),
        "gross": Decimal("1440.60"), "paid": Decimal("0.00"), "outstanding": Decimal("1440.60"),
        "status": "open", "paid_on": None, "lines": [], "created_at": None,
    }  # fmt: skip
    assert add(book).reference == "ACME-2026-002"


def test_lines_are_summed_to_the_net_and_each_rounded_half_up(book: Location) -> None:
    made = add(book, amount=None, lines=[("Design", "1.5", "66.67"), ("Hosting", "12", "15.50")])
    assert [line["amount"] for line in made["lines"]] == [Decimal("100.01"), Decimal("186.00")]  # 100.005 up
    assert made["lines"][0] == {
        "description": "Design", "quantity": Decimal("1.5"), "unit_price": Decimal("66.67"),
        "amount": Decimal("100.01"),
    }  # fmt: skip
    assert (made["net"], made["vat"], made["gross"]) == (
        Decimal("286.01"),
        Decimal("57.20"),
        Decimal("343.21"),
    )


def test_vat_is_rounded_half_up_once_on_the_net_total_not_per_line(book: Location) -> None:
    made = add(book, amount=None, vat_rate="10", lines=[("A", "1", "0.05"), ("B", "1", "0.05")])
    assert made["vat"] == Decimal("0.01")  # 10% of 0.10 is 0.01; per line it would have made 0.02
    assert add(book, amount="0.05", vat_rate="10")["vat"] == Decimal("0.01")  # 0.005 rounds up
    assert add(book, amount="0.04", vat_rate="10")["vat"] == Decimal("0.00")  # 0.004 rounds down


def test_numbers_run_per_prefix_and_year_without_a_code_from_the_invoice_prefix(book: Location) -> None:
    set_setting(book, "default-currency", "USD")
    assert add(book, "beta").reference == "INV-2026-001"
    assert add(book, "acme", issued="2025-12-30").reference == "ACME-2025-001"
    assert add(book, "acme").reference == "ACME-2026-001"
    set_setting(book, "invoice-prefix", "BILL")
    assert add(book, "beta").reference == "BILL-2026-001"
    assert add(book, "beta", issued="2027-01-04").reference == "BILL-2027-001"
    assert add(book, "beta").reference == "BILL-2026-002"


def test_a_given_number_is_kept_unique_and_the_series_skips_it(book: Location, db_path: Path) -> None:
    assert add(book, number="acme-2026-002").reference == "ACME-2026-002"  # stored as found: upper case
    refused(db_path, Conflict, "ACME-2026-002 is taken", add, book, number="ACME-2026-002")
    assert add(book).reference == "ACME-2026-001"
    assert add(book).reference == "ACME-2026-003"  # 002 is in use


def test_a_draft_has_no_number_until_it_is_issued(book: Location) -> None:
    draft = add(book, draft=True, issued=None)
    assert (draft["number"], draft["status"], draft.reference, draft["issued_on"]) == (
        None,
        "draft",
        "#1",
        None,
    )
    add(book)
    issued = issue_invoice(book, "#1", today=date(2026, 11, 30))
    assert (issued["number"], issued["issued_on"], issued["due_on"]) == (
        "ACME-2026-002",
        "2026-11-30",
        "2026-12-14",
    )
    with pytest.raises(InvalidValue, match="ACME-2026-002 is issued already"):
        issue_invoice(book, "acme-2026-002", today=TODAY)


def test_a_draft_is_issued_with_a_number_given_then(book: Location, db_path: Path) -> None:
    add(book, number="X-1")
    add(book, draft=True)
    refused(db_path, Conflict, "X-1 is taken", issue_invoice, book, "#2", number="x-1", today=TODAY)
    assert issue_invoice(book, "#2", number="X-2", today=TODAY)["number"] == "X-2"
    refused(db_path, InvalidValue, "no number yet", add, book, draft=True, number="X-3")


def test_exactly_one_of_an_amount_and_lines(book: Location, db_path: Path) -> None:
    refused(db_path, InvalidValue, "not both", add, book, lines=[("A", "1", "2")])
    refused(db_path, MissingFields, r"needs its net amount \(--amount NET or --line", add, book, amount=None)
    for amount in ("-5", "abc", "1.234", ""):
        refused(db_path, InvalidValue, "amount", add, book, amount=amount)
    refused(db_path, InvalidValue, "quantity", add, book, amount=None, lines=[("A", "0", "2")])
    refused(db_path, InvalidValue, "unit price", add, book, amount=None, lines=[("A", "1", "-2")])
    refused(db_path, InvalidValue, "description", add, book, amount=None, lines=[(" ", "1", "2")])
    big = [("Work", "5", "9000000000000")]  # each line as typed may be, but not their sum past --amount's
    refused(db_path, InvalidValue, "the lines come to 45,000,000,000,000.00, which is too large", add, book,
            amount=None, lines=big)  # fmt: skip


def test_currency_and_vat_come_from_the_client_else_the_settings(book: Location, db_path: Path) -> None:
    refused(db_path, MissingFields, "a currency \\(--currency CODE: Beta has none", add, book, "beta")
    refused(db_path, InvalidValue, "currency", add, book, "beta", currency="EURO")
    made = add(book, "beta", currency="chf")
    assert (made["currency"], made["vat_rate"], made["due_on"]) == (
        "CHF",
        Decimal("0"),
        "2026-12-23",
    )  # 30 days
    set_setting(book, "default-currency", "GBP")
    set_setting(book, "default-vat-rate", "17.5")
    set_setting(book, "default-payment-terms", "7")
    made = add(book, "beta")
    assert (made["currency"], made["vat_rate"], made["due_on"]) == ("GBP", Decimal("17.5"), "2026-11-30")
    assert add(book, "acme", vat_rate="0", currency="USD")["gross"] == Decimal("1000.00")


def test_due_before_issue_and_a_project_of_another_client_are_refused(book: Location, db_path: Path) -> None:
    from kiaro_cli.storage.rows import Project

    refused(db_path, InvalidValue, "before the issue day", add, book, issued="2026-11-20", due="2026-11-19")
    with write(book) as w:
        for client_id in (1, 2):
            w.add(Project(client_id=client_id, name="Web", status="active", created_at=w.at, updated_at=w.at))
    refused(db_path, InvalidValue, "project #2 is not a project of Acme", add, book, project_id=2)
    refused(db_path, NotFound, "project", add, book, project_id=9)
    assert add(book, project_id=1)["project_id"] == 1


def test_currency_and_vat_are_locked_at_issue(book: Location) -> None:
    made = add(book)
    clients.edit_client(book, "acme", {"currency": "USD", "vat_rate": "5", "code": "ACX"}, today=TODAY)
    after = read(book, made.reference)
    assert (after["currency"], after["vat_rate"], after["gross"], after["number"]) == (
        "EUR", Decimal("20"), Decimal("1200.00"), "ACME-2026-001",
    )  # fmt: skip


def test_only_a_draft_is_changed(book: Location, db_path: Path) -> None:
    add(book, draft=True)
    changed = edit_invoice(
        book, "#1", lines=[("Design", "2", "600")], title="Design", vat_rate="21", today=TODAY
    )
    assert (changed["net"], changed["vat"], changed["title"]) == (
        Decimal("1200.00"),
        Decimal("252.00"),
        "Design",
    )
    changed = edit_invoice(book, "#1", amount="100", today=TODAY)
    assert (changed["lines"], changed["gross"]) == ([], Decimal("121.00"))
    refused(db_path, InvalidValue, "nothing to change", edit_invoice, book, "#1", today=TODAY)
    add(book)
    message = "ACME-2026-001 is issued; void it and make a new one"
    refused(db_path, InvalidValue, message, edit_invoice, book, "ACME-2026-001", amount="5", today=TODAY)


def test_a_draft_given_what_it_has_already_changes_nothing(book: Location, db_path: Path) -> None:
    add(book, draft=True, amount=None, lines=[("Design", "2", "600")], title="Design")
    before = dump(db_path)
    edit_invoice(book, "#1", lines=[("Design", "2", "600")], title="Design", today=TODAY)
    edit_invoice(book, "#1", amount=None, lines=[("Design", "2.0", "600.00")], today=TODAY)
    assert dump(db_path) == before  # no history line, no undo step


def test_void_keeps_the_number_never_given_again(book: Location, db_path: Path) -> None:
    add(book)
    voided = void_invoice(book, "ACME-2026-001", today=TODAY)
    assert (voided["status"], voided["number"], voided["outstanding"]) == (
        "void",
        "ACME-2026-001",
        Decimal("0.00"),
    )
    assert add(book).reference == "ACME-2026-002"
    refused(db_path, InvalidValue, "void already", void_invoice, book, "ACME-2026-001", today=TODAY)
    add(book, draft=True)
    refused(db_path, InvalidValue, "#3 is a draft; remove it", void_invoice, book, "#3", today=TODAY)


def test_an_invoice_with_payments_is_not_voided(book: Location, db_path: Path) -> None:
    from kiaro_cli.core.payments import pay_invoice

    add(book)
    pay_invoice(book, "ACME-2026-001", amount="10", today=TODAY)
    refused(db_path, InvalidValue, "has payments; ", void_invoice, book, "ACME-2026-001", today=TODAY)


def test_only_a_draft_is_removed(book: Location, db_path: Path) -> None:
    add(book)
    add(book, draft=True, amount=None, lines=[("A", "1", "1")])
    refused(
        db_path, InvalidValue, "is issued; only a draft", remove_invoice, book, "ACME-2026-001", today=TODAY
    )
    assert remove_invoice(book, "#2", today=TODAY).id == 2
    refused(db_path, NotFound, "#2", remove_invoice, book, "#2", today=TODAY)
    undo_last(book)
    assert read(book, "#2")["lines"][0]["description"] == "A"


def test_every_change_is_in_the_history_and_undone(book: Location) -> None:
    from kiaro_cli.core.timeline import timeline

    add(book)
    add(book, draft=True)
    edit_invoice(book, "#2", amount="5", today=TODAY)
    issue_invoice(book, "#2", today=TODAY)
    void_invoice(book, "ACME-2026-002", today=TODAY)
    with open_reader(book) as reader:
        kinds = [entry.kind for entry in timeline(reader, 1)]
    assert kinds[:5] == [
        "invoice voided",
        "invoice issued",
        "invoice changed",
        "invoice added",
        "invoice added",
    ]
    undo_last(book)
    assert read(book, "ACME-2026-002")["status"] == "open"
    undo_last(book)
    assert read(book, "#2")["status"] == "draft"
    undo_last(book)
    undo_last(book)
    with pytest.raises(NotFound):
        read(book, "#2")
    again = add(book, draft=True)
    assert (
        issue_invoice(book, again.reference, today=TODAY)["number"] == "ACME-2026-002"
    )  # its issue undone, 002 is the series' next again: no gap among issued invoices


def test_a_series_whose_only_number_is_given_back_leaves_no_counter_a_restore_would_refuse(
    book: Location,
) -> None:
    from kiaro_cli.core.maintenance import stored_value_problems

    add(book)
    undo_last(book)
    with open_reader(book) as reader:
        assert list(reader.rows("SELECT series, last FROM ledger_number")) == []  # never a last of 0
        assert stored_value_problems(reader) == []
    assert add(book)["number"] == "ACME-2026-001"


def test_an_undone_number_is_given_again_only_while_it_is_the_last_of_its_series(
    book: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(book)
    add(book)
    undo_last(book)
    assert add(book)["number"] == "ACME-2026-002"  # undone, then given again: 001, 002
    set_setting(book, "default-currency", "EUR")
    clients.add_client(book, {"name": "Gamma"}, full_form=False, today=TODAY)
    monkeypatch.setenv("KIARO_USER", "sam")
    add(book, "beta")  # INV-2026-001, Sam's
    monkeypatch.setenv("KIARO_USER", "lee")
    add(book, "gamma")  # INV-2026-002, Lee's, after it
    monkeypatch.setenv("KIARO_USER", "sam")
    undo_last(book)  # Sam's 001 goes; 002 was given after it
    with pytest.raises(NotFound):
        read(book, "INV-2026-001")
    assert add(book, "beta")["number"] == "INV-2026-003"  # 001 stays a gap: 002 is Lee's


def test_the_listing_by_client_and_status_on_a_day(book: Location) -> None:
    set_setting(book, "default-currency", "EUR")
    add(book, due="2026-11-30")
    add(book, "beta", issued="2026-10-01", due="2026-10-31")
    add(book, draft=True)
    void_invoice(book, add(book).reference, today=TODAY)

    def listed(client: str | None = None, statuses: tuple[str, ...] = (), overdue: bool = False) -> list[str]:
        with open_reader(book) as reader:
            found = find_invoices(reader, client, statuses=statuses, overdue_only=overdue, today=TODAY)
            return [invoice.reference for invoice in found]

    assert listed() == ["#3", "ACME-2026-002", "ACME-2026-001", "INV-2026-001"]
    assert listed("acme", ("open",)) == ["ACME-2026-001"]
    assert listed(overdue=True) == ["INV-2026-001"]
    assert listed(statuses=("late", "cancelled")) == ["ACME-2026-002", "INV-2026-001"]  # synonyms
    assert listed(statuses=("open",), overdue=True) == []
    with pytest.raises(InvalidValue, match="unknown invoice status 'lost'"):
        listed(statuses=("lost",))


def test_eight_writers_at_once_each_get_the_next_number(book: Location) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=8) as pool:
        made = list(pool.map(lambda _: add(book).reference, range(8)))
    assert sorted(made) == [f"ACME-2026-{serial:03d}" for serial in range(1, 9)]


@given(
    st.lists(
        st.tuples(st.integers(1, 10**5).map(lambda n: n * 10), st.integers(0, 10**7)),  # thousandths, cents
        min_size=1,
        max_size=8,
    )
)
def test_lines_always_sum_to_the_net(lines: list[tuple[int, int]]) -> None:
    from kiaro_cli.core import money
    from kiaro_cli.core.invoice_input import clean_amounts

    typed = [
        (f"Line {n}", f"{Decimal(q).scaleb(-3).normalize():f}", str(Decimal(p).scaleb(-2)))
        for n, (q, p) in enumerate(lines)
    ]
    made = clean_amounts(None, typed)
    assert made is not None
    assert [line.amount for line in made.lines] == [money.line_cents(q, p) for q, p in lines]
    assert made.net == sum(money.line_cents(q, p) for q, p in lines)
    exact = sum((Decimal(q) * Decimal(p) / 1000 for q, p in lines), Decimal(0))  # cents, not rounded
    assert abs(made.net - exact) <= Decimal("0.5") * len(lines)  # each line off by half a cent at most


def test_only_an_issued_invoice_is_outstanding(book: Location) -> None:
    draft = add(book, draft=True)
    assert (draft["status"], draft["gross"], draft["outstanding"]) == ("draft", Decimal("1200.00"), 0)
    issued = issue_invoice(book, f"#{draft.id}", today=TODAY)
    assert issued["outstanding"] == Decimal("1200.00")
    assert void_invoice(book, issued["number"], today=TODAY)["outstanding"] == 0


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)")
def test_on_a_server_a_refused_invoice_takes_no_id(postgres_url: str) -> None:
    """A server's id sequence never goes back: every refusal comes before the row is added,
    so the ids run as on SQLite."""
    server = Location(url=postgres_url)
    clients.add_client(server, {"name": "Acme", "currency": "EUR"}, full_form=False)
    assert add_invoice(server, "acme", amount="10", number="N-1", today=TODAY).id == 1
    with pytest.raises(Conflict, match="invoice number N-1 is taken"):
        add_invoice(server, "acme", amount="10", number="N-1", today=TODAY)
    with pytest.raises(InvalidValue, match="is before the issue day"):
        add_invoice(server, "acme", amount="10", due="2026-11-01", today=TODAY)
    assert add_invoice(server, "acme", amount="10", today=TODAY).id == 2
