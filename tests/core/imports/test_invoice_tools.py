"""The invoice exports of FreshBooks, QuickBooks Online, Wave and Zoho Invoice in the shapes
those tools write (their headers as published; the data invented): each invoice's number,
client (by name, then by email), amounts, status, days and payment."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kiaro_cli.core.clients import add_client
from kiaro_cli.core.contacts import add_contact
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage.location import Location
from tests.core.imports.test_invoices import invoices, payments, run
from tests.helpers import TODAY

D = Decimal


@pytest.fixture
def book(location: Location) -> Location:
    """Acme (dollars), Brightside (its legal name Brightside Limited) and Café Noir, whose
    contact Jessica Jones has an email."""
    add_client(location, {"name": "Acme Studio", "currency": "USD"}, full_form=False, today=TODAY)
    add_client(
        location,
        {"name": "Brightside Ltd", "legal_name": "Brightside Limited", "currency": "USD"},
        full_form=False,
        today=TODAY,
    )
    add_client(location, {"name": "Café Noir", "currency": "EUR"}, full_form=False, today=TODAY)
    add_contact(location, "café noir", {"name": "Jessica Jones", "email": "jessica@cafe-noir.example"})
    return location


def test_freshbooks_a_row_a_line_adds_up_each_invoices_lines(book: Location) -> None:
    result = run(book, "freshbooks_lines.csv")
    assert invoices(book) == [
        ("0000201", "Acme Studio", "CAD", D("770.00"), D("13.00"), D("100.10"), D("870.10"), D("870.10"),
         "paid", "2026-09-01", "2026-10-01", "2026-09-20"),
        ("0000202", "Brightside Ltd", "CAD", D("490.00"), D("0.00"), D("0.00"), D("490.00"), D("0.00"),
         "open", "2026-11-02", "2026-12-02", None),
    ]  # fmt: skip
    assert payments(book, 1) == [("2026-09-20", D("870.10"))]
    assert result.skipped == [(6, "no client is named 'Accounts Dept' (add it, or use --create-clients)")]


def test_freshbooks_lines_of_one_invoice_apart_are_refused(book: Location) -> None:
    text = (FILES_DIR / "freshbooks_lines.csv").read_text().splitlines()
    moved = "\n".join([text[0], text[1], text[4], text[2]]) + "\n"
    with pytest.raises(InvalidValue) as refused:
        run(book, moved)
    assert "invoice number 0000201 is on line 2 too" in " ".join(refused.value.details)


def test_zoho_customer_name_then_email_partly_paid_overdue_and_void(book: Location) -> None:
    result = run(book, "zoho_export.csv")
    assert invoices(book) == [
        ("INV-000021", "Acme Studio", "EUR", D("1000.00"), D("19.00"), D("190.00"), D("1190.00"),
         D("1190.00"), "paid", "2026-09-30", "2026-10-30", "2026-10-12"),
        ("INV-000022", "Café Noir", "EUR", D("500.00"), D("19.00"), D("95.00"), D("595.00"), D("300.00"),
         "overdue", "2026-10-15", "2026-11-14", None),
        ("INV-000023", "Brightside Ltd", "EUR", D("300.00"), D("19.00"), D("57.00"), D("357.00"), D("0.00"),
         "overdue", "2026-11-01", "2026-11-16", None),
        ("INV-000024", "Acme Studio", "EUR", D("200.00"), D("19.00"), D("38.00"), D("238.00"), D("0.00"),
         "void", "2026-11-05", "2026-12-05", None),
    ]  # fmt: skip
    assert payments(book, 2) == [("2026-11-01", D("300.00"))]  # Last Payment Date
    assert result.skipped == [] and result.further_lines == 1  # Zoho's second line of INV-000021


def test_an_email_two_clients_share_settles_nothing(book: Location) -> None:
    add_client(book, {"name": "Noir Events", "email": "jessica@cafe-noir.example"}, full_form=False)
    with pytest.raises(InvalidValue) as refused:
        run(book, "zoho_export.csv")
    assert "2 clients have the email Jessica@Cafe-Noir.example (#3, #4)" in " ".join(refused.value.details)


def test_wave_invoice_list_total_tax_paid_and_the_last_payment(book: Location) -> None:
    result = run(book, "wave_invoices.csv")
    assert invoices(book) == [
        ("101", "Acme Studio", "USD", D("400.00"), D("13.00"), D("52.00"), D("452.00"), D("452.00"), "paid",
         "2026-10-03", "2026-10-18", "2026-10-10"),
        ("102", "Brightside Ltd", "USD", D("1000.00"), D("13.00"), D("130.00"), D("1130.00"), D("500.00"),
         "partly-paid", "2026-11-01", "2026-12-01", None),
    ]  # fmt: skip
    assert payments(book, 2) == [("2026-11-15", D("500.00"))]
    assert [line for line, _ in result.skipped] == [4]


def test_wave_accounting_transactions_are_refused_saying_what_to_export(book: Location) -> None:
    with pytest.raises(InvalidValue, match=r"holds accounting transactions .* export the list of invoices"):
        run(book, "wave_transactions.csv")
    assert invoices(book) == []


def test_quickbooks_online_transaction_list_by_name_payments_left_out(book: Location) -> None:
    result = run(book, "quickbooks_transactions.csv")
    assert invoices(book) == [
        ("1101", "Acme Studio", "USD", D("1250.00"), D("0.00"), D("0.00"), D("1250.00"), D("0.00"),
         "overdue", "2026-10-05", "2026-10-20", None),
        ("1102", "Brightside Ltd", "USD", D("800.00"), D("0.00"), D("0.00"), D("800.00"), D("0.00"),
         "open", "2026-10-28", "2026-11-27", None),
        ("1103", "Café Noir", "EUR", D("320.50"), D("0.00"), D("0.00"), D("320.50"), D("0.00"), "open",
         "2026-11-13", "2026-12-13", None),
    ]  # fmt: skip
    assert result.columns.header_line == 5 and result.date_format == "mdy"
    assert [reason for _, reason in result.skipped] == [
        "a Payment, not an invoice",
        "no client (a total or a summary line?)",
    ]


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("Sales credit note", "a Sales credit note"),  # Xero's export
        ("ACCRECCREDIT", "an ACCRECCREDIT"),  # Xero's API name of it
        ("Purchase invoice", "a Purchase invoice"),
        ("ACCPAY", "an ACCPAY"),
        ("Sales Receipt", "a Sales Receipt"),  # QuickBooks: paid at once, never owed
        ("Estimate", "an Estimate"),
    ],
)
def test_what_no_client_owes_is_skipped_whatever_the_tool_calls_it(
    book: Location, kind: str, said: str
) -> None:
    text = (
        "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,Currency,Type\n"
        "Acme Studio,INV-0301,15/10/2026,14/11/2026,121.00,GBP,Sales invoice\n"
        f"Acme Studio,CN-0001,16/10/2026,15/11/2026,50.00,GBP,{kind}\n"
    )
    result = run(book, text)
    assert [row[0] for row in invoices(book)] == ["INV-0301"]  # the credit note owes nothing
    assert result.skipped == [(3, f"{said}, not an invoice")]


@pytest.mark.parametrize("kind", ["Billable invoice", "Credit card invoice", "ACCREC"])
def test_an_invoice_whose_type_holds_such_a_word_inside_another_is_an_invoice(
    book: Location, kind: str
) -> None:
    text = "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,Currency,Type\n"
    text += f"Acme Studio,INV-0302,15/10/2026,14/11/2026,121.00,GBP,{kind}\n"
    assert run(book, text).skipped == [] and [row[0] for row in invoices(book)] == ["INV-0302"]


FILES_DIR = Path(__file__).parents[2] / "fixtures" / "invoices"


def test_lines_without_a_number_are_never_one_invoice(book: Location) -> None:
    text = (
        "Client Name,Invoice #,Date Issued,Invoice Status,Item Name,Line Subtotal,Line Total,Currency\n"
        "Acme Studio,,2026-11-10,draft,Retainer,400.00,400.00,CAD\n"
        "Acme Studio,,2026-11-10,draft,Audit,150.00,150.00,CAD\n"
    )
    run(book, text)
    assert [(i[1], i[6], i[8]) for i in invoices(book)] == [
        ("Acme Studio", D("400.00"), "draft"),
        ("Acme Studio", D("150.00"), "draft"),
    ]
