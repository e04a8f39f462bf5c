"""How an invoicing tool's export reads: its columns, its dates and its amounts.

Invoice Ninja, FreshBooks, QuickBooks, Xero, Wave and Zoho Invoice each name the columns
of an invoice their own way (``ContactName``, ``Customer Name``, ``Client``; ``Invoice #``,
``Num``, ``InvoiceNumber``…); :data:`SYNONYMS` reads them all as one set of fields,
compared as :func:`~kiaro_cli.core.imports.headers.header_key` reduces them. Dates are
ISO, written with a month's name, or numeric with the day or the month first: the order
is told from the file (a day above 12 settles it) or given (``--date-format``), never
guessed. Amounts read as every number kiaro reads, in the file's decimal convention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from kiaro_cli.core import money
from kiaro_cli.core.imports import cells
from kiaro_cli.core.imports.headers import header_key
from kiaro_cli.core.numbers import MAX_VALUE, read_number
from kiaro_cli.errors import InvalidValue

HEADER_SEARCH = 10  # rows looked at for a header that does not come first (QuickBooks' report titles)
DATE_FIELDS = ("issued", "due", "paid_on")


def _names(text: str) -> tuple[str, ...]:
    return tuple(header_key(name) for name in text.split("|"))


# Each field by the names the tools give its column, the likeliest first: when several
# columns give a field, the first that has a value in a row is read (the tax columns are
# added up instead: FreshBooks' Tax 1 Amount and Tax 2 Amount).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "client": _names(
        "ContactName|Client Name|Customer Name|Client|Customer|Contact Name|Contact|Customer full name"
        "|Bill To|Billed To|Organization|Company|Kunde|Client name|Name"
    ),
    "number": _names(
        "InvoiceNumber|Invoice Number|Invoice #|Invoice No|Invoice No.|InvoiceNo|Num|No.|Number|Invoice"
    ),
    "issued": _names(
        "InvoiceDate|Invoice Date|Date Issued|DateIssued|Issue Date|IssueDate|Issued|Issued On|Date"
        "|Transaction Date"
    ),
    "due": _names("DueDate|Due Date|Invoice Due Date|Payment Due|Due On|Payment Due Date"),
    "paid_on": _names(
        "Date Paid|DatePaid|Paid Date|PaidDate|Paid On|Payment Date|PaymentDate|Last Payment Date"
        "|FullyPaidOnDate"
    ),
    "net": _names("SubTotal|Sub Total|Subtotal Amount|Net|Net Amount|Amount Excl Tax|Total Before Tax"),
    "vat": _names(
        "TaxTotal|Tax Total|Total Tax|Total Taxes|Tax|Tax Amount|VAT|VAT Amount|Sales Tax|Tax 1 Amount"
        "|Tax 2 Amount|Invoice Tax Total"
    ),
    "gross": _names(
        "Total|Amount|Invoice Total|InvoiceTotal|Invoice Amount|Total Amount|TotalAmount|Gross|Grand Total"
        "|Amount Incl Tax"
    ),
    "paid": _names(
        "InvoiceAmountPaid|Amount Paid|AmountPaid|Paid|Paid to Date|Invoice Paid to Date|Total Paid"
        "|TotalPaid|Payments|Invoice Paid"
    ),
    "balance": _names(
        "InvoiceAmountDue|Balance|Open Balance|Amount Due|AmountDue|Balance Due|BalanceDue|Outstanding"
        "|Invoice Balance|Due Amount"
    ),
    "currency": _names("Currency|Currency Code|CurrencyCode|Curr"),
    "status": _names("Status|Invoice Status|State"),
    "title": _names(
        "Title|Subject|Reference|Memo|Memo/Description|Description|Public Notes|Item Name|Item Desc"
        "|Item Description|Summary"
    ),
    "type": _names("Type|Transaction Type"),
    # matched when no client has the row's name: Xero, Zoho, Invoice Ninja
    "email": _names("EmailAddress|Primary Contact EmailID|Client Email|Customer Email|Email|E-mail"),
    # a file with a row a line and no invoice's total (FreshBooks): the lines are added up
    "line_gross": _names("Line Total"),
    "line_net": _names("Line Subtotal"),
}
FIELDS = tuple(SYNONYMS)
SUMMED = ("vat",)
LINE_FIELDS = ("line_gross", "line_net")
_BY_NAME = {name: fld for fld, names in SYNONYMS.items() for name in names}


@dataclass(frozen=True)
class InvoiceColumns:
    """Where each field is in a file's rows: its columns, the likeliest first."""

    header: list[str]
    header_line: int
    fields: dict[str, list[int]]
    unknown: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.header)

    def values(self, row: Sequence[str]) -> dict[str, str]:
        """A row's text for each field: the first of its columns with a value; the tax
        columns' values joined by ``+`` (added up when read)."""
        read: dict[str, str] = {}
        for name, positions in self.fields.items():
            texts = [cells.cell_text(row[i]) for i in positions if i < len(row)]
            texts = [text for text in texts if text]
            if texts:
                read[name] = "+".join(texts) if name in SUMMED else texts[0]
        return read


def map_invoice_columns(header: Sequence[str], line: int, mapping: Mapping[str, str]) -> InvoiceColumns:
    """The fields of a header: ``mapping`` (``--map COLUMN=field``, ``COLUMN=`` to leave a
    column out) first, then the names the tools use."""
    wanted = {header_key(column): target for column, target in mapping.items()}
    for column, given in mapping.items():
        if given and given not in FIELDS:
            raise InvalidValue(
                f"--map {column}={given}: an invoice import reads {', '.join(FIELDS)} (or nothing)"
            )
    fields: dict[str, list[int]] = {}
    unknown = []
    for index, text in enumerate(header):
        key = header_key(text)
        target = wanted[key] if key in wanted else _BY_NAME.get(key, "")
        if target:
            fields.setdefault(target, []).append(index)
        elif key and key not in wanted:
            unknown.append(text.strip())
    for name, positions in fields.items():  # the likeliest name first
        order = {n: rank for rank, n in enumerate(SYNONYMS[name])}
        positions.sort(
            key=lambda i: (header_key(header[i]) not in wanted, order.get(header_key(header[i]), 0))
        )
    return InvoiceColumns(list(header), line, fields, unknown)


def find_invoice_header(
    head: Sequence[tuple[int, list[str]]], mapping: Mapping[str, str]
) -> tuple[int, InvoiceColumns]:
    """The first of the first rows that names a client column and an invoice number or
    total column (QuickBooks puts the report's title and dates above it)."""
    for at, (line, row) in enumerate(head):
        columns = map_invoice_columns(row, line, mapping)
        if "client" in columns.fields and {"number", "gross", "net"} & set(columns.fields):
            return at, columns
    raise InvalidValue(
        "no header names a client (Client, Customer, ContactName…) and an invoice number or total; "
        "name the columns with --map COLUMN=field"
    )


# ---------------------------------------------------------------- dates

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?: .*)?$")
_DOTTED = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})(?: .*)?$")  # 05.11.2026: day first, always
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
_DAY_MONTH = re.compile(r"^(\d{1,2})[ \-]([A-Za-z]{3,9})\.?[ \-,]+(\d{2}|\d{4})$")  # 15 Oct 2026, 15-Oct-26
_MONTH_DAY = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")  # Oct 15, 2026


def numeric_parts(text: str) -> tuple[int, int] | None:
    """The first two numbers of a date such as ``03/04/2026``, which read two ways."""
    found = _NUMERIC.match(text.strip())
    return None if found is None else (int(found[1]), int(found[2]))


def date_order(texts: Iterable[tuple[int, str]], given: str | None) -> str | None:
    """How a file writes its numeric dates: ``given`` (``--date-format``), else told from
    the dates themselves (a first number above 12 is a day, a second one above 12 too, and
    dots are written day first: ``05.11.2026`` is 5 November wherever dots are used);
    None when it has none. A file that reads both ways, or either way, is refused."""
    if given is not None:
        return given
    day_first = month_first = None
    seen = None
    for line, text in texts:
        parts = numeric_parts(text)
        if parts is None:
            continue
        seen = seen or (line, text)
        if (parts[0] > 12 or _DOTTED.match(text.strip())) and day_first is None:
            day_first = (line, text)
        if parts[1] > 12 and month_first is None:
            month_first = (line, text)
    if day_first and month_first:
        raise InvalidValue(
            f"the dates are written day first (line {day_first[0]}: {day_first[1]}) and month first "
            f"(line {month_first[0]}: {month_first[1]}); give --date-format dmy or mdy"
        )
    if day_first or month_first:
        return "dmy" if day_first else "mdy"
    if seen:
        a, b = numeric_parts(seen[1]) or (0, 0)
        raise InvalidValue(
            f"the dates can be read day first or month first (line {seen[0]}: {seen[1]} is "
            f"{_said(b, a)} or {_said(a, b)}); give --date-format dmy or mdy"
        )
    return None


def _said(month: int, day: int) -> str:
    names = list(_MONTHS)
    return f"{day} {names[month - 1].capitalize()}" if 1 <= month <= 12 else f"{day}/{month}"


def read_day(text: str, order: str | None, label: str) -> date:
    """A date as the tools write it, numeric ones in the file's ``order``."""
    shown = text.strip()
    try:
        if found := _ISO.match(shown) or _YMD.match(shown):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _NUMERIC.match(shown):
            first, second, year = int(found[1]), int(found[2]), _year(found[3])
            order = order or ("dmy" if _DOTTED.match(shown) else None)
            if order is None:
                raise InvalidValue(f"{label} '{shown}' reads two ways; give --date-format dmy or mdy")
            return date(year, second, first) if order == "dmy" else date(year, first, second)
        if found := _DAY_MONTH.match(shown):
            return date(_year(found[3]), _month(found[2]), int(found[1]))
        if found := _MONTH_DAY.match(shown):
            return date(int(found[3]), _month(found[1]), int(found[2]))
    except (ValueError, KeyError):
        raise InvalidValue(f"{label} '{shown}' is not a day of the calendar") from None
    raise InvalidValue(f"{label} '{shown}' is not a date (e.g. 2026-10-15, 15/10/2026, 15 Oct 2026)")


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _month(text: str) -> int:
    return _MONTHS[text[:3].lower()]


# ---------------------------------------------------------------- amounts


def read_cents(text: str, label: str, *, decimal_comma: bool) -> tuple[int, str | None]:
    """An amount ≥ 0 in cents, and the currency its sign or code names (``€ 1.200,00``,
    ``$1,200.00``, ``1200.00 USD``). A negative amount (a credit note) is refused."""
    shown = text.strip()
    if shown.startswith(("-", "(", "−")) or shown.endswith("-"):
        raise InvalidValue(f"{label} '{shown}' is negative (a credit note?); only invoices are imported")
    number, currency = cells.amount(shown, decimal_comma=decimal_comma)
    amount = read_number(number, label, decimal_comma=decimal_comma)
    if amount >= MAX_VALUE:
        raise InvalidValue(f"{label} '{shown}' is too large")
    return money.to_cents(amount), currency
