"""Importing the invoices of Invoice Ninja, FreshBooks, QuickBooks, Xero, Wave and Zoho
Invoice: one file each as the tool writes it (tests/fixtures/invoices), each invoice
checked for its number, client, amounts, status and payment; then what a second run,
a dry run, an unknown client, a bad row and undo do."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kiaro_cli.core.clients import add_client
from kiaro_cli.core.imports.invoices import InvoiceImportResult, import_invoices
from kiaro_cli.core.invoices import find_invoices
from kiaro_cli.core.ledger import payments_of
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY

FILES = Path(__file__).parents[2] / "fixtures" / "invoices"


@pytest.fixture
def book(location: Location) -> Location:
    """Three clients, one known by its legal name, one with an accent; dollars by default."""
    add_client(location, {"name": "Acme Studio", "currency": "USD"}, full_form=False, today=TODAY)
    add_client(
        location,
        {"name": "Brightside Ltd", "legal_name": "Brightside Limited", "currency": "USD"},
        full_form=False,
        today=TODAY,
    )
    add_client(location, {"name": "Café Noir"}, full_form=False, today=TODAY)
    return location


def run(location: Location, name: str, **options: object) -> InvoiceImportResult:
    data = (FILES / name).read_bytes() if name.endswith(".csv") else name.encode()
    return import_invoices(location, data, name=name, today=TODAY, **options)  # type: ignore[arg-type]


Seen = tuple[object, ...]


def invoices(location: Location) -> list[Seen]:
    """Every invoice as a user reads it, oldest first: number, client, currency, net, VAT
    rate, VAT, gross, paid, status, issued, due, paid on."""
    with open_reader(location) as reader:
        found = find_invoices(reader, today=TODAY)
    return [
        (i["number"], i["client_name"], i["currency"], i["net"], i["vat_rate"], i["vat"], i["gross"],
         i["paid"], i["status"], str(i["issued_on"]), str(i["due_on"]), i["paid_on"] and str(i["paid_on"]))
        for i in sorted(found, key=lambda i: i.id)
    ]  # fmt: skip


def payments(location: Location, invoice_id: int) -> list[tuple[str, Decimal]]:
    with open_reader(location) as reader:
        return [(str(p["paid_on"]), p["amount"]) for p in payments_of(reader, invoice_id)]


D = Decimal


def test_xero_day_first_lines_folded_voided_and_an_unknown_client_skipped(book: Location) -> None:
    result = run(book, "xero.csv")
    assert result.date_format == "dmy"
    assert invoices(book) == [
        ("INV-0041", "Acme Studio", "GBP", D("1000.00"), D("20.00"), D("200.00"), D("1200.00"), D("1200.00"),
         "paid", "2026-10-15", "2026-11-14", "2026-11-14"),
        ("INV-0042", "Brightside Ltd", "GBP", D("500.00"), D("20.00"), D("100.00"), D("600.00"), D("250.00"),
         "partly-paid", "2026-11-02", "2026-12-02", None),
        ("INV-0043", "Acme Studio", "GBP", D("300.00"), D("20.00"), D("60.00"), D("360.00"), D("0.00"),
         "void", "2026-11-05", "2026-12-05", None),
    ]  # fmt: skip
    assert result.further_lines == 1  # INV-0041's second line is not a second invoice
    assert result.skipped == [(6, "no client is named 'Northwind Traders' (add it, or use --create-clients)")]
    assert payments(book, 2) == [("2026-11-02", D("250.00"))]  # not yet due: paid on the issue day
    assert (len(result.invoices), len(result.clients), result.payments) == (3, 2, 2)


def test_quickbooks_month_first_under_a_report_title_with_payment_and_total_rows(book: Location) -> None:
    result = run(book, "quickbooks.csv")
    assert (result.date_format, result.columns.header_line) == ("mdy", 5)
    assert invoices(book) == [
        ("1001", "Acme Studio", "USD", D("1250.00"), D("0.00"), D("0.00"), D("1250.00"), D("1250.00"),
         "paid", "2026-10-05", "2026-10-20", "2026-10-20"),
        ("1002", "Brightside Ltd", "USD", D("800.00"), D("0.00"), D("0.00"), D("800.00"), D("500.00"),
         "partly-paid", "2026-10-28", "2026-11-27", None),
    ]  # fmt: skip
    assert [line for line, _ in result.skipped] == [8, 9, 12]
    assert result.skipped[0][1] == "a Payment, not an invoice"


def test_zoho_net_and_total_give_the_vat_a_folded_name_matches_and_a_draft_keeps_its_number(
    book: Location,
) -> None:
    run(book, "zoho.csv")
    assert invoices(book) == [
        ("INV-000012", "Acme Studio", "EUR", D("1000.00"), D("19.00"), D("190.00"), D("1190.00"),
         D("1190.00"), "paid", "2026-09-30", "2026-10-30", "2026-10-30"),
        ("INV-000013", "Café Noir", "EUR", D("500.00"), D("19.00"), D("95.00"), D("595.00"), D("0.00"),
         "overdue", "2026-11-10", "2026-11-20", None),
        (None, "Acme Studio", "EUR", D("300.00"), D("19.00"), D("57.00"), D("357.00"), D("0.00"),
         "draft", "2026-11-15", "2026-12-15", None),
    ]  # fmt: skip
    with open_reader(book) as reader:
        (draft,) = find_invoices(reader, statuses=["draft"], today=TODAY)
    assert draft["title"] == "INV-000014: Workshop"


def test_invoice_ninja_paid_partial_overdue_and_cancelled(book: Location) -> None:
    run(book, "invoice_ninja.csv")
    assert invoices(book) == [
        ("0007", "Acme Studio", "EUR", D("2000.00"), D("21.00"), D("420.00"), D("2420.00"), D("2420.00"),
         "paid", "2026-08-01", "2026-08-31", "2026-08-31"),
        ("0008", "Brightside Ltd", "EUR", D("1000.00"), D("21.00"), D("210.00"), D("1210.00"), D("605.00"),
         "overdue", "2026-10-01", "2026-10-31", None),
        ("0009", "Acme Studio", "EUR", D("500.00"), D("0.00"), D("0.00"), D("500.00"), D("0.00"),
         "void", "2026-10-05", "2026-11-04", None),
    ]  # fmt: skip


def test_freshbooks_two_taxes_added_up_and_the_day_it_was_paid(book: Location) -> None:
    run(book, "freshbooks.csv")
    assert invoices(book) == [
        ("0000101", "Acme Studio", "CAD", D("1000.00"), D("14.98"), D("149.75"), D("1149.75"), D("1149.75"),
         "paid", "2026-09-01", "2026-10-01", "2026-09-20"),
        ("0000102", "Brightside Ltd", "CAD", D("2000.00"), D("5.00"), D("100.00"), D("2100.00"), D("0.00"),
         "open", "2026-11-02", "2026-12-02", None),
    ]  # fmt: skip
    assert payments(book, 1) == [("2026-09-20", D("1149.75"))]


def test_wave_paid_unsent_and_draft(book: Location) -> None:
    run(book, "wave.csv")
    assert [(i[0], i[6], i[7], i[8]) for i in invoices(book)] == [
        ("7", D("400.00"), D("400.00"), "paid"),
        ("8", D("900.00"), D("0.00"), "open"),
        (None, D("100.00"), D("0.00"), "draft"),
    ]


def test_a_second_run_adds_nothing_and_says_why(book: Location) -> None:
    run(book, "zoho.csv")
    before = invoices(book)
    again = run(book, "zoho.csv")
    assert invoices(book) == before
    assert again.invoices == []
    assert [reason for _, reason in again.skipped] == [
        "INV-000012 is in kiaro already (#1)",
        "INV-000013 is in kiaro already (#2)",
        "the draft 'INV-000014: Workshop' of Acme Studio is in kiaro already",
    ]


def test_unknown_clients_become_leads_when_told(book: Location) -> None:
    result = run(book, "xero.csv", create_clients=True)
    assert result.clients_created == ["Northwind Traders"]
    assert invoices(book)[-1][:2] == ("INV-0044", "Northwind Traders")
    with open_reader(book) as reader:
        (row,) = reader.rows("SELECT status, email FROM client WHERE name = 'Northwind Traders'")
    assert (row["status"], row["email"]) == ("lead", "ap@northwind.example")  # the row's email with it


def test_leads_made_by_one_import_are_never_matched_by_the_email_they_were_given(book: Location) -> None:
    text = "Customer,Customer Email,Invoice Number,Invoice Date,Total,Currency\n"
    text += "Alpha Shop,billing@shared.example,A-1,2026-11-02,100,EUR\n"
    text += "Beta Shop,billing@shared.example,B-1,2026-11-02,200,EUR\n"  # one bookkeeper for both
    result = run(book, text, create_clients=True)
    assert result.clients_created == ["Alpha Shop", "Beta Shop"]
    assert [row[:2] for row in invoices(book)] == [("A-1", "Alpha Shop"), ("B-1", "Beta Shop")]


def test_a_lead_made_of_an_invoice_leaves_out_an_email_that_is_none(book: Location) -> None:
    text = "Customer,Customer Email,Invoice Number,Invoice Date,Total,Currency\n"
    text += "Quarry Fitness,ask at the desk,A-1,2026-11-02,100,EUR\n"
    run(book, text, create_clients=True)
    with open_reader(book) as reader:
        (row,) = reader.rows("SELECT status, email FROM client WHERE name = 'Quarry Fitness'")
    assert (row["status"], row["email"]) == ("lead", None)
    assert invoices(book)[0][:2] == ("A-1", "Quarry Fitness")


def test_a_dry_run_writes_nothing(book: Location) -> None:
    result = run(book, "xero.csv", dry_run=True, create_clients=True)
    assert len(result.invoices) == 4 and not result.written
    assert invoices(book) == []
    with open_reader(book) as reader:
        assert len(list(reader.rows("SELECT id FROM client"))) == 3


def test_dates_that_read_both_ways_are_refused_until_the_format_is_given(book: Location) -> None:
    text = "Customer,Invoice Number,Invoice Date,Due Date,Total,Currency\n"
    text += "Acme Studio,A-1,03/04/2026,05/06/2026,100,EUR\n"
    with pytest.raises(InvalidValue, match=r"03/04/2026 is 3 Apr or 4 Mar.*--date-format"):
        run(book, text)
    assert invoices(book) == []
    run(book, text, date_format="mdy")
    assert invoices(book)[0][9:11] == ("2026-03-04", "2026-05-06")


def test_one_bad_row_imports_nothing_and_names_every_problem(book: Location) -> None:
    text = (
        "Customer,Invoice Number,Invoice Date,Total,Tax,Currency\n"
        "Acme Studio,A-1,2026-10-01,120,20,EUR\n"
        "Acme Studio,A-2,2026-10-02,=1+2,0,EUR\n"
        '=HYPERLINK("x"),A-3,2026-10-02,10,0,EUR\n'
        "Acme Studio,A-4,2026-10-02,99999999999999,0,EUR\n"
        "Acme Studio,A-5,2026-10-02,200,100,EUR\n"
        "Acme Studio,A-6,2026-10-02,-50,0,EUR\n"
    )
    with pytest.raises(InvalidValue) as refused:
        run(book, text)
    assert refused.value.message == "5 of 6 rows are invalid; nothing was imported"
    problems = "\n".join(refused.value.details)
    assert "line 3: total '=1+2' is not a number" in problems
    assert "line 4: client '=HYPERLINK(\"x\")' looks like a spreadsheet formula" in problems
    assert "line 5: total '99999999999999' is too large" in problems
    assert "line 6: tax 100.00 on net 100.00 is 100.00%: not a VAT rate (at most 30%)" in problems
    assert "line 7: total '-50' is negative" in problems
    assert invoices(book) == []
    set_aside = run(book, text, skip_invalid=True)
    assert [r.line for r in set_aside.rejected] == [3, 4, 5, 6, 7]
    assert [i[0] for i in invoices(book)] == ["A-1"]


def test_undo_takes_the_whole_import_back(book: Location) -> None:
    run(book, "xero.csv", create_clients=True)
    undo_last(book)
    assert invoices(book) == []
    with open_reader(book) as reader:
        assert [r["name"] for r in reader.rows("SELECT name FROM client ORDER BY id")] == [
            "Acme Studio",
            "Brightside Ltd",
            "Café Noir",
        ]


def test_decimal_commas_of_a_semicolon_file_and_a_number_in_capitals(book: Location) -> None:
    text = "Kunde;Rechnungsnummer;Datum;Total;Tax;Currency\n"  # German headers are --map'd
    text += "Café Noir;re-2026-7;2026-11-02;1.190,00;190,00;EUR\n"
    mapping = {"Kunde": "client", "Rechnungsnummer": "number", "Datum": "issued"}
    run(book, text, mapping=mapping)
    (seen,) = invoices(book)
    assert seen[:7] == ("RE-2026-7", "Café Noir", "EUR", D("1000.00"), D("19.00"), D("190.00"), D("1190.00"))
    assert seen[10] == "2026-12-02"  # no due day: the client's payment terms (30 days)


def test_invoices_written_in_several_rounds_keep_their_own_payments_and_history(
    book: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiaro_cli.core.imports import invoices as module

    monkeypatch.setattr(module, "WRITE_BATCH", 1)
    run(book, "invoice_ninja.csv")
    assert [payments(book, invoice_id) for invoice_id in (1, 2, 3)] == [
        [("2026-08-31", D("2420.00"))],
        [("2026-10-31", D("605.00"))],
        [],
    ]
    with open_reader(book) as reader:
        lines = [
            r["detail"]
            for r in reader.rows("SELECT detail FROM activity WHERE kind LIKE '%added' ORDER BY id")
        ]
    assert lines == [
        "Invoice 0007 imported (line 2): 2,420.00 EUR",
        "Payment of 2,420.00 EUR on 0007 imported",
        "Invoice 0008 imported (line 3): 1,210.00 EUR",
        "Payment of 605.00 EUR on 0008 imported",
        "Invoice 0009 imported (line 4): 500.00 EUR",
    ]
