"""The database's CSV cells of the ledger (the fast export path) are byte for byte what the
general path writes through ``csv_row``, whatever the values and options."""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.codecs.tabular import Spreadsheet, write_joined, write_many
from kiaro_cli.core import clients
from kiaro_cli.core.ledger_exports import ledger_cells, ledger_columns, ledger_rows
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from kiaro_cli.storage.unit import write
from tests.helpers import TODAY

tricky = st.one_of(st.none(), st.just(""), st.text(alphabet="=+-@\t\r'\";, \nAbc1é×\x1f\x1e", max_size=6))
amount = st.integers(min_value=-(10**9), max_value=10**9)
Book = dict[str, list[dict[str, Any]]]
day = st.sampled_from(["2026-11-01", "2026-11-23", "2026-12-31"])
# What a teammate's row or a restored file may hold where kiaro writes a word or a day.
formula = st.sampled_from(["=HYPERLINK(1)", "@SUM(1)", "+1", "-2", "'=x"])


@st.composite
def ledgers(draw: st.DrawFn) -> Book:
    """Rows of every ledger table, tricky text and amounts of any sign and size."""
    projects = [
        {"name": draw(tricky) or "Web", "code": draw(tricky), "notes": draw(tricky), "currency": draw(tricky),
         "status": draw(st.sampled_from(["planned", "active", "done"]) | formula),
         "budget_cents": draw(st.none() | amount), "deadline": draw(st.none() | day)}
        for _ in range(draw(st.integers(1, 2)))
    ]  # fmt: skip
    money = {"net_cents": draw(amount), "vat_rate_bp": draw(amount), "vat_cents": draw(amount)}
    quotes = [
        {"number": f"Q-{n}", "title": draw(tricky), "currency": "EUR", "gross_cents": draw(amount), **money,
         "status": draw(st.sampled_from(["draft", "sent", "declined"]) | formula),
         "valid_until": draw(st.none() | day)}
        for n in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    invoices = [
        {"number": draw(st.none() | st.just(f"I-{n}")), "title": draw(tricky), "currency": "EUR", **money,
         "gross_cents": draw(amount), "paid_cents": draw(amount), "due_on": draw(day),
         "state": draw(st.sampled_from(["draft", "open", "void"]) | formula),
         "paid_on": draw(st.none() | day | formula)}
        for n in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    lines = [
        {"description": draw(tricky) or "-", "quantity_milli": draw(st.integers(-(10**7), 10**7)),
         "unit_price_cents": draw(amount), "amount_cents": draw(amount)}
        for _ in range(draw(st.integers(0, 4)))
    ]  # fmt: skip
    payments = [
        {"amount_cents": draw(amount), "method": draw(tricky)} for _ in range(draw(st.integers(0, 2)))
    ]
    return {"project": projects, "quote": quotes, "invoice": invoices, "line": lines, "payment": payments}


def written(where: Location, book: Book) -> None:
    from kiaro_cli.storage.rows import Invoice, InvoiceLine, Payment, Project, Quote

    clients.add_client(where, {"name": "=Acme"}, full_form=False, today=TODAY)
    with write(where) as w:
        stamp = {"created_at": w.at, "updated_at": w.at}
        for values in book["project"]:
            w.add(Project(client_id=1, **stamp, **values))
        for values in book["quote"]:
            w.add(Quote(client_id=1, **stamp, **values))
        invoices = [Invoice(client_id=1, **stamp, **values) for values in book["invoice"]]
        for row in invoices:
            w.add(row)
        w.flush()
        for n, values in enumerate(book["line"]):  # added last to first: an invoice's lines
            if invoices:  # must come in the order of their positions, not of their ids
                invoice_id = invoices[n % len(invoices)].id
                w.add(InvoiceLine(invoice_id=invoice_id, position=len(book["line"]) - n, **values))
        for values in book["payment"]:
            if invoices:
                w.add(Payment(invoice_id=invoices[0].id, client_id=1, paid_on="2026-11-05", currency="EUR",
                              created_at=w.at, **values))  # fmt: skip


@settings(max_examples=25)
@given(ledgers(), st.booleans(), st.booleans(), st.data())
def test_the_databases_cells_are_what_csv_row_writes(
    tmp_path: Path,
    book: Book,
    escape: bool,
    decimal_comma: bool,
    data: st.DataObject,
) -> None:
    where = Location(path=tmp_path / uuid.uuid4().hex / "kiaro.db")
    written(where, book)
    sheet = Spreadsheet(delimiter=";" if decimal_comma else ",", decimal_comma=decimal_comma)
    with open_reader(where) as reader:
        for kind in ("projects", "quotes", "invoices", "payments"):
            every = ledger_columns(kind)
            alone = [
                next(key for key in every if key in ("notes", "title", "method"))
            ]  # a lone "" is written ""
            columns = data.draw(st.sampled_from([every, every[::-1], every[-3:], alone]))
            general, fast = io.StringIO(), io.StringIO()
            rows = ledger_rows(reader, kind, TODAY, lines_as_text=True, decimal_comma=decimal_comma)
            count = write_many("csv", rows, columns, general, escape=escape, sheet=sheet)
            cells = ledger_cells(reader, kind, columns, TODAY, escape=escape, decimal_comma=decimal_comma)
            assert cells is not None
            assert (fast.getvalue(), write_joined(cells, columns, fast, sheet)) == ("", count), kind
            assert fast.getvalue() == general.getvalue(), kind
