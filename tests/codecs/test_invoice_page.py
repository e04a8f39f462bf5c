"""The printable invoice: what a reader needs on one offline page, every value escaped, and a
browser prints it on one sheet of A4 or Letter."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kiaro_cli.codecs.invoice_page import invoice_page
from tests.helpers import CHROMIUM, HEADLESS

REVERSE_CHARGE = "Reverse charge: VAT to be accounted for by the recipient."
BUSINESS = {
    "name": "Studio Noord",
    "address": "Keizersgracht 1\n1015 CJ Amsterdam\nNetherlands",
    "vat_number": "NL123456789B01",
    "iban": "NL91ABNA0417164300",
}
BILL_TO = {
    "legal_name": "Acme Handels GmbH",
    "name": "Acme Berlin",
    "address": "Hauptstraße 5\n\n10115 Berlin",
    "vat_number": "DE123456789",
    "country": "DE",
}


def made_invoice(**changes: Any) -> dict[str, Any]:
    """An issued invoice of five lines, partly paid, as the invoice's JSON object holds it."""
    lines = [
        {"description": f"Design sprint, week {week}", "quantity": Decimal("1"),
         "unit_price": Decimal("1200.00"), "amount": Decimal("1200.00")}
        for week in range(1, 5)
    ] + [{"description": "Workshop", "quantity": Decimal("2.5"), "unit_price": Decimal("1600.00"),
          "amount": Decimal("4000.00")}]  # fmt: skip
    invoice = {
        "id": 12, "client_id": 3, "client_name": "Acme", "project_id": None,
        "number": "ACM-2026-004", "title": "Website relaunch",
        "issued_on": "2026-12-06", "due_on": "2027-01-05", "currency": "EUR",
        "net": Decimal("8800.00"), "vat_rate": Decimal("20"), "vat": Decimal("1760.00"),
        "gross": Decimal("10560.00"), "paid": Decimal("1000.00"), "outstanding": Decimal("9560.00"),
        "status": "partly-paid", "paid_on": None, "lines": lines,
        "created_at": "2026-12-06T09:30:00+00:00", "payment_terms_days": 30,
    }  # fmt: skip
    return invoice | changes


def shown(page: str) -> str:
    """The page's text as a reader sees it: tags gone, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split("</style>", 1)[1]))


def test_the_page_holds_what_a_reader_needs() -> None:
    page = invoice_page(made_invoice(), BUSINESS, BILL_TO, [REVERSE_CHARGE])
    text = shown(page)
    assert "<title>Invoice ACM-2026-004</title>" in page
    for said in (
        "Studio Noord", "Keizersgracht 1", "1015 CJ Amsterdam", "VAT number NL123456789B01",
        "Invoice ACM-2026-004", "Issued 6 December 2026", "Due 5 January 2027",
        "Payment due within 30 days",
        "Bill to", "Acme Handels GmbH", "Hauptstraße 5", "10115 Berlin", "Germany", "VAT number DE123456789",
        "Website relaunch",
        "Design sprint, week 1 1 1,200.00 EUR 1,200.00 EUR", "Design sprint, week 4",
        "Workshop 2.5 1,600.00 EUR 4,000.00 EUR",
        "Net 8,800.00 EUR", "VAT 20% 1,760.00 EUR", "Total 10,560.00 EUR",
        "Paid 1,000.00 EUR", "Outstanding 9,560.00 EUR",
        "IBAN NL91 ABNA 0417 1643 00", "Reference ACM-2026-004", REVERSE_CHARGE,
    ):  # fmt: skip
        assert said in text, said
    assert "Acme Berlin" not in text  # the legal name, not the name
    assert "DRAFT" not in text and "None" not in text
    assert "Hauptstraße 5 <br>" not in page and "<br><br>" not in page  # no blank address line


def test_a_page_with_nothing_paid_shows_no_paid_nor_outstanding() -> None:
    invoice = made_invoice(paid=Decimal("0.00"), outstanding=Decimal("10560.00"), status="open")
    text = shown(invoice_page(invoice, BUSINESS, BILL_TO))
    assert "Total 10,560.00 EUR" in text
    assert "Paid" not in text and "Outstanding" not in text


def test_an_invoice_of_one_amount_reads_as_one_line() -> None:
    invoice = made_invoice(lines=[], net=Decimal("4800.00"), vat_rate=Decimal("0"), vat=Decimal("0.00"),
                           gross=Decimal("4800.00"), paid=Decimal("4800.00"), outstanding=Decimal("0.00"),
                           status="paid", paid_on="2026-12-20", payment_terms_days=None)  # fmt: skip
    text = shown(invoice_page(invoice, BUSINESS, BILL_TO))
    assert "Website relaunch 1 4,800.00 EUR 4,800.00 EUR" in text
    assert "VAT 0% 0.00 EUR" in text and "Outstanding 0.00 EUR" in text
    assert "Paid on 20 December 2026" in text and "Payment due within" not in text
    untitled = shown(invoice_page(made_invoice(lines=[], title=None), BUSINESS, BILL_TO))
    assert "Services 1 8,800.00 EUR 8,800.00 EUR" in untitled and "For" not in untitled


@pytest.mark.parametrize(("days", "said"), [(0, "Payment due on receipt"), (1, "Payment due within 1 day")])
def test_payment_terms_read_as_said(days: int, said: str) -> None:
    assert said in shown(invoice_page(made_invoice(payment_terms_days=days), BUSINESS, BILL_TO))


def test_a_draft_is_known_by_its_id_and_marked() -> None:
    draft = made_invoice(number=None, status="draft", issued_on=None, due_on=None, paid=Decimal("0.00"))
    page = invoice_page(draft, BUSINESS, BILL_TO)
    text = shown(page)
    assert "<title>Draft #12</title>" in page
    assert "Draft #12" in text and "DRAFT" in text
    assert "Invoice" not in text and "Reference" not in text and "Issued" not in text
    assert "Total 10,560.00 EUR" in text
    assert "VOID" in shown(invoice_page(made_invoice(status="void"), BUSINESS, BILL_TO))


def test_missing_business_and_client_fields_are_left_out() -> None:
    business = {"name": None, "address": None, "vat_number": "  ", "iban": None}
    bill_to = {"legal_name": None, "name": "Acme", "address": None, "vat_number": None, "country": None}
    invoice = made_invoice(vat_rate=None, payment_terms_days=None)
    page = invoice_page(invoice, business, bill_to)
    text = shown(page)
    assert "None" not in text and "VAT number" not in text
    assert "Payment" not in text and "IBAN" not in text
    assert "Bill to Acme " in text and "VAT 1,760.00 EUR" in text
    only_iban = shown(invoice_page(invoice, {"iban": "NL91 ABNA 0417 1643 00"}, bill_to))
    assert "Payment IBAN NL91 ABNA 0417 1643 00 Reference ACM-2026-004" in only_iban


def test_a_country_already_in_the_address_is_not_said_twice() -> None:
    text = shown(invoice_page(made_invoice(), BUSINESS, BILL_TO | {"address": "Hauptstraße 5\nGermany"}))
    assert text.count("Germany") == 1


def test_hostile_text_is_shown_never_run() -> None:
    script = "<script>alert(1)</script>"
    invoice = made_invoice(
        number=f'"><img src=x onerror=alert(1)>{script}',
        title=script,
        currency="<b>EUR</b>",
        lines=[{"description": f"{script}\x1b[2J\u202e", "quantity": Decimal("1"),
                "unit_price": Decimal("1.00"), "amount": Decimal("1.00")}],
    )  # fmt: skip
    business = {"name": f"{script}\x00", "address": "a\r\nb\x07", "vat_number": "&amp;", "iban": "<i>x</i>"}
    bill_to = {"legal_name": f"Evil{script}", "name": "Evil", "address": "\ud800", "vat_number": None,
               "country": "<x>"}  # fmt: skip
    page = invoice_page(invoice, business, bill_to, [f"{script}\nsecond line"])
    assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&amp;amp;" in page  # the text "&amp;", not an ampersand
    assert "\\x1b[2J\\u202e" in page and "\\x00" in page and "\\x07" in page and "\\ud800" in page
    assert "a<br>b" in page and "second line" in page
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", page)
    page.encode("utf-8")  # a lone surrogate would not reach the file


def test_the_page_loads_nothing() -> None:
    page = invoice_page(made_invoice(), BUSINESS, BILL_TO, [REVERSE_CHARGE])
    assert page.startswith("<!doctype html>")
    for loads in ("http:", "https:", "//", "src=", "href=", "url(", "@import", "<script", "<link", "<img"):
        assert loads not in page.replace("<!doctype html>", ""), loads


def printed(page: str, size: str, folder: Path) -> tuple[bytes, str]:
    """The PDF headless Chromium prints of ``page`` on paper of ``size``, and its text (from
    pdftotext when it is installed, else the DOM the browser rendered)."""
    assert CHROMIUM is not None
    html = folder / f"invoice-{size}.html"
    html.write_text(page.replace("size: auto", f"size: {size}"), encoding="utf-8")
    pdf = folder / f"invoice-{size}.pdf"
    browser = [CHROMIUM, *HEADLESS, "--no-pdf-header-footer"]
    subprocess.run(
        [*browser, f"--print-to-pdf={pdf}", html.as_uri()], capture_output=True, timeout=300, check=True
    )
    if pdftotext := shutil.which("pdftotext"):
        text = subprocess.run(
            [pdftotext, str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True
        ).stdout
        assert text.count("\f") == 1  # one page, then the end
    else:
        text = subprocess.run(
            [*browser, "--dump-dom", html.as_uri()], capture_output=True, text=True, timeout=300, check=True
        ).stdout
    return pdf.read_bytes(), text


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (.ci/run installs Debian's chromium)")
@pytest.mark.parametrize("size", ["A4", "letter"])
def test_a_browser_prints_the_invoice_on_one_page(size: str, tmp_path: Path) -> None:
    page = invoice_page(made_invoice(), BUSINESS, BILL_TO, [REVERSE_CHARGE])
    assert "size: auto" in page
    pdf, text = printed(page, size, tmp_path)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    assert "Invoice ACM-2026-004" in text and "10,560.00 EUR" in text
    assert "Workshop" in text and "NL91 ABNA 0417 1643 00" in text and "Reverse charge" in text
