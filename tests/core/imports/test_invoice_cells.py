"""The columns, dates and amounts of invoicing tools' exports, read one way only."""

from __future__ import annotations

from datetime import date

import pytest

from kiaro_cli.core.imports.invoice_cells import date_order, map_invoice_columns, read_cents, read_day
from kiaro_cli.errors import InvalidValue


def test_each_tools_header_names_the_same_fields() -> None:
    xero = map_invoice_columns(
        ["*ContactName", "*InvoiceNumber", "Total", "TaxTotal", "InvoiceAmountDue"], 1, {}
    )
    assert list(xero.fields) == ["client", "number", "gross", "vat", "balance"]
    quickbooks = map_invoice_columns(["", "Num", "Customer", "Open Balance", "Memo/Description"], 1, {})
    assert list(quickbooks.fields) == ["number", "client", "balance", "title"]
    zoho = map_invoice_columns(["Invoice ID", "Invoice Number", "Customer Name", "SubTotal"], 1, {})
    assert (list(zoho.fields), zoho.unknown) == (["number", "client", "net"], ["Invoice ID"])


def test_the_likeliest_column_is_read_first_and_taxes_add_up() -> None:
    columns = map_invoice_columns(
        ["Description", "Reference", "Tax 1 Amount", "Tax 2 Amount", "Client"], 1, {}
    )
    values = columns.values(["Design", "Website", "50.00", "99.75", "Acme"])
    assert (values["title"], values["vat"]) == ("Website", "50.00+99.75")


def test_map_reads_any_column_and_refuses_an_unknown_field() -> None:
    columns = map_invoice_columns(["Kunde", "Notiz"], 1, {"Kunde": "client", "Notiz": ""})
    assert (columns.fields, columns.unknown) == ({"client": [0]}, [])
    with pytest.raises(InvalidValue, match="an invoice import reads client, number"):
        map_invoice_columns(["Kunde"], 1, {"Kunde": "customer"})


def test_the_order_of_numeric_dates_is_told_from_the_file_or_refused() -> None:
    assert date_order([(2, "03/04/2026"), (3, "15/04/2026")], None) == "dmy"
    assert date_order([(2, "03/04/2026"), (3, "04/15/2026")], None) == "mdy"
    assert date_order([(2, "2026-04-03"), (3, "TOTAL")], None) is None
    assert date_order([(2, "03/04/2026")], "mdy") == "mdy"
    with pytest.raises(InvalidValue, match=r"day first .*line 2.* and month first .*line 3"):
        date_order([(2, "15/04/2026"), (3, "04/15/2026")], None)
    with pytest.raises(InvalidValue, match="read day first or month first"):
        date_order([(2, "03/04/2026"), (3, "05/06/26")], None)


def test_dotted_dates_are_day_first_as_everywhere_dots_are_written() -> None:
    assert date_order([(2, "05.11.2026"), (3, "03/04/2026")], None) == "dmy"
    assert read_day("05.11.2026", None, "invoice date") == date(2026, 11, 5)
    assert read_day("05.11.2026", "mdy", "invoice date") == date(2026, 5, 11)  # --date-format says
    with pytest.raises(InvalidValue, match=r"day first \(line 2: 05.11.2026\) and month first"):
        date_order([(2, "05.11.2026"), (3, "04/15/2026")], None)


def test_days_as_the_tools_write_them() -> None:
    assert read_day("15/10/2026", "dmy", "d") == read_day("10/15/2026", "mdy", "d") == date(2026, 10, 15)
    assert read_day("2026-10-15T00:00:00", None, "d") == date(2026, 10, 15)
    assert read_day("Oct 15, 2026", None, "d") == read_day("15-Oct-26", None, "d") == date(2026, 10, 15)
    with pytest.raises(InvalidValue, match="reads two ways"):
        read_day("03/04/2026", None, "invoice date")
    with pytest.raises(InvalidValue, match="not a day of the calendar"):
        read_day("31/02/2026", "dmy", "invoice date")
    with pytest.raises(InvalidValue, match="not a date"):
        read_day("soon", "dmy", "invoice date")


def test_amounts_with_signs_codes_and_decimal_commas() -> None:
    assert read_cents("$1,250.00", "total", decimal_comma=False) == (125000, None)
    assert read_cents("€ 1.190,00", "total", decimal_comma=True) == (119000, "EUR")
    assert read_cents("1200.00 GBP", "total", decimal_comma=False) == (120000, "GBP")
    for bad in ("(100.00)", "-5", "1e5", "=SUM(A1:A3)"):
        with pytest.raises(InvalidValue):
            read_cents(bad, "total", decimal_comma=False)
