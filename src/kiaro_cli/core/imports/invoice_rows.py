"""One row of an invoicing tool's export, checked: what invoice it is, or why it is left out.

A row names its client by name (matched as references match names: folded, the legal
name too, never a part of a name), its number (kept as given, in capitals), its days,
amounts and status. Gross and net: with only a total and the tax, the net is the total
less the tax; the VAT rate is the tax over the net, rounded to two places, and refused
above :data:`MAX_RATE` (no country's VAT is that high: the row's amounts say something
else). The paid amount comes from a paid column, else from the balance (gross less
balance), else from the status (paid: all of it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from kiaro_cli.core import money
from kiaro_cli.core.fields import clean_name
from kiaro_cli.core.imports.headers import header_key
from kiaro_cli.core.imports.invoice_cells import read_cents, read_day
from kiaro_cli.core.invoice_input import clean_currency, clean_number, clean_title
from kiaro_cli.errors import InvalidValue

MAX_RATE = Decimal(30)  # percent: above it, a row's tax is not a VAT rate kiaro believes
DRAFT = frozenset({"draft", "submitted"})  # Xero's Submitted: awaiting approval, not sent
VOID = frozenset({"void", "voided", "cancelled", "canceled", "deleted", "reversed"})
PAID = frozenset({"paid", "auto paid", "closed", "deposited", "paid in full"})
PARTIAL = frozenset({"partial", "partially paid", "partiallypaid", "partly paid", "partial payment"})
OPEN = frozenset({
    "sent", "viewed", "open", "outstanding", "unpaid", "due", "overdue", "authorised", "authorized",
    "approved", "awaiting payment", "unsent", "saved", "disputed", "pending", "issued", "retry", "failed",
})  # fmt: skip
INVOICE_TYPES = ("invoice", "accrec", "sales")  # a Type cell naming an invoice (Xero: ACCREC)
# ... unless it names what is owed the other way or was paid at once: Xero's "Sales credit
# note" (ACCRECCREDIT), a purchase invoice or bill (ACCPAY), QuickBooks' sales receipt.
NOT_INVOICE = re.compile(
    r"\b(?:credit\s?(?:note|memo)s?|accreccredit|accpay\w*|purchases?|bills?|refunds?|receipts?)\b"
)  # whole words: "Billable invoice" and "Credit card invoice" are invoices
_FORMULA_START = ("=", "@", "\t", "\r")


@dataclass(frozen=True)
class Skip:
    """A row left out on purpose, and why (a total line, a payment, a client not there…)."""

    line: int
    reason: str


@dataclass(frozen=True)
class Amounts:
    """An invoice's amounts in cents, its VAT rate in hundredths of a percent."""

    net: int
    vat: int
    gross: int
    rate: int
    currency: str | None  # the one an amount's sign named


@dataclass(frozen=True)
class Reading:
    """What a row's values are read against: the file's conventions and the day."""

    order: str | None  # how numeric dates are written: dmy or mdy (None: the file has none)
    decimal_comma: bool
    today: date


def state_of(status: str) -> str:
    """A status word of any of the tools as draft, void, paid, partial or open."""
    word = header_key(status)
    for state, words in (("draft", DRAFT), ("void", VOID), ("paid", PAID), ("partial", PARTIAL)):
        if word in words:
            return state
    if word in OPEN or not word:
        return "open"
    raise InvalidValue(f"status '{status}' is not one kiaro reads (draft, sent, partial, paid, void…)")


def is_invoice(kind: str) -> bool:
    """Whether a Type or Transaction Type cell names an invoice a client owes (not a payment,
    a credit note, a purchase or a sales receipt)."""
    word = header_key(kind)
    if NOT_INVOICE.search(word):
        return False
    return not word or any(name in word for name in INVOICE_TYPES)


def plain(values: dict[str, str], name: str, label: str) -> str:
    """A text value, refused when a spreadsheet would run it as a formula."""
    text = values.get(name, "")
    if text.startswith(_FORMULA_START) or (text[:1] in "+-" and text[1:2] and not text[1:2].isdigit()):
        raise InvalidValue(f"{label} '{text[:40]}' looks like a spreadsheet formula")
    return text


def client_name(values: dict[str, str]) -> str:
    return clean_name(plain(values, "client", "client"), "client name")


def number_of(values: dict[str, str]) -> str | None:
    text = plain(values, "number", "invoice number")
    return clean_number(text) if text else None


def title_of(values: dict[str, str]) -> str | None:
    text = plain(values, "title", "title")
    first = text.strip().splitlines()[0] if text.strip() else ""
    return clean_title(first[:200]) if first else None


def amounts(values: dict[str, str], reading: Reading) -> Amounts:
    """Net, VAT and gross from the columns a row has (any two give the third)."""
    comma, signs = reading.decimal_comma, set()

    def cents(name: str, label: str) -> int | None:
        if not values.get(name):
            return None
        total = 0
        for part in values[name].split("+") if name == "vat" else [values[name]]:
            amount, sign = read_cents(part, label, decimal_comma=comma)
            total += amount
            if sign:
                signs.add(sign)
        return total

    net, vat, gross = cents("net", "net"), cents("vat", "tax"), cents("gross", "total")
    if net is None and gross is None:
        raise InvalidValue("the row has no total (Total, Amount…) and no net (Subtotal…)")
    if net is None:
        net = gross - (vat or 0)  # type: ignore[operator]
        if net < 0:
            raise InvalidValue(f"tax {_label(vat or 0)} is more than the total {_label(gross or 0)}")
    if vat is None:
        vat = (gross - net) if gross is not None else 0
        if vat < 0:
            raise InvalidValue(f"the total {_label(gross or 0)} is less than the net {_label(net)}")
    if gross is None:
        gross = net + vat
    if gross != net + vat:
        raise InvalidValue(f"net {_label(net)} + tax {_label(vat)} is not the total {_label(gross)}")
    if len(signs) > 1:
        raise InvalidValue(f"the amounts name several currencies ({', '.join(sorted(signs))})")
    return Amounts(net, vat, gross, _rate(net, vat), next(iter(signs), None))


def _rate(net: int, vat: int) -> int:
    """The VAT rate of a net and its tax, in hundredths of a percent."""
    if vat == 0:
        return 0
    if net == 0:
        raise InvalidValue(f"tax {_label(vat)} on a net of 0.00 is not a VAT rate")
    rate = (Decimal(vat) * 100 / Decimal(net)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if rate > MAX_RATE:
        raise InvalidValue(
            f"tax {_label(vat)} on net {_label(net)} is {rate}%: not a VAT rate (at most {MAX_RATE}%)"
        )
    return money.rate_basis_points(rate)


def currency_of(values: dict[str, str], signed: str | None, client_currency: str | None) -> str:
    """The invoice's currency: its column, else an amount's sign, else the client's."""
    text = plain(values, "currency", "currency")
    code = clean_currency(text) if text else None
    if code and signed and code != signed:
        raise InvalidValue(f"the currency is {code} but an amount is in {signed}")
    found = code or signed or client_currency
    if found is None:
        raise InvalidValue("no currency: the row has none and the client has none (add a Currency column)")
    return found


def paid_cents(values: dict[str, str], state: str, gross: int, reading: Reading) -> int:
    """What the file says was paid: its paid column, else gross less its balance, else
    all of it when the status says paid."""
    comma = reading.decimal_comma
    paid = read_cents(values["paid"], "paid", decimal_comma=comma)[0] if values.get("paid") else None
    balance = (
        read_cents(values["balance"], "balance", decimal_comma=comma)[0] if values.get("balance") else None
    )
    if paid is not None and balance is not None and paid + balance != gross:
        raise InvalidValue(
            f"paid {_label(paid)} and balance {_label(balance)} do not add up to the total {_label(gross)}"
        )
    if paid is None and balance is not None:
        if balance > gross:
            raise InvalidValue(f"the balance {_label(balance)} is more than the total {_label(gross)}")
        paid = gross - balance
    if paid is None:
        if state == "partial":
            raise InvalidValue("the status says partly paid, but no column says how much (Paid, Balance…)")
        paid = gross if state == "paid" else 0
    if paid > gross:
        raise InvalidValue(f"paid {_label(paid)} is more than the total {_label(gross)}")
    if state == "paid" and paid < gross:
        raise InvalidValue(f"the status says paid, but {_label(gross - paid)} of {_label(gross)} is open")
    return paid


def days(values: dict[str, str], reading: Reading, terms: int) -> tuple[date, date, date | None]:
    """The issue day (required), the due day (else the client's payment terms after it) and
    the day it was paid, when the file says."""
    if not values.get("issued"):
        raise InvalidValue("the row has no invoice date")
    issued = read_day(values["issued"], reading.order, "invoice date")
    due = read_day(values["due"], reading.order, "due date") if values.get("due") else None
    due = due or issued + timedelta(days=terms)
    if due < issued:
        raise InvalidValue(f"the due day {due.isoformat()} is before the invoice date {issued.isoformat()}")
    paid_on = read_day(values["paid_on"], reading.order, "paid date") if values.get("paid_on") else None
    return issued, due, paid_on


def payment_day(paid_on: date | None, issued: date, due: date, today: date) -> date:
    """When a payment the file gives no day for was made: the due day, or the issue day
    when the due day is still to come."""
    if paid_on is not None:
        return paid_on
    return due if due <= today else issued


def _label(cents: int) -> str:
    return f"{money.money(cents):,.2f}"


def folded_lines(
    records: Iterable[tuple[int, list[str]]], fields: Mapping[str, list[int]], decimal_comma: bool
) -> Iterator[tuple[int, list[str]]]:
    """The rows of a file with a row a line and no invoice's total (FreshBooks): each run of
    rows with the same number and client as one row, its gross and net the lines' added up.
    A cell that is no amount is kept as it is, so that the row is refused for it."""
    numbers, keys = fields.get("number", []), [*fields.get("number", []), *fields.get("client", [])]
    summed = [fields[name][0] for name in ("gross", "net") if fields.get(name)]
    group: list[tuple[int, list[str]]] = []
    group_key: list[str] = []
    for line, record in records:
        key = [_cell(record, i) for i in keys]
        numbered = any(_cell(record, i) for i in numbers)  # rows without a number are never one
        if group and numbered and key == group_key:
            group.append((line, record))
            continue
        if group:
            yield _added_up(group, summed, decimal_comma)
        group, group_key = [(line, record)], key
    if group:
        yield _added_up(group, summed, decimal_comma)


def _cell(record: list[str], index: int) -> str:
    return record[index].strip() if index < len(record) else ""


def _added_up(
    group: list[tuple[int, list[str]]], summed: list[int], decimal_comma: bool
) -> tuple[int, list[str]]:
    line, first = group[0]
    record = list(first)
    for index in summed:
        texts = [row[index] for _, row in group if index < len(row) and row[index].strip()]
        try:
            total = sum(read_cents(text, "line", decimal_comma=decimal_comma)[0] for text in texts)
        except InvalidValue:
            record[index] = next(t for t in texts if not _reads(t, decimal_comma))
            continue
        if texts and index < len(record):
            text = f"{Decimal(total) / 100:.2f}"
            record[index] = text.replace(".", ",") if decimal_comma else text
    return line, record


def _reads(text: str, decimal_comma: bool) -> bool:
    try:
        read_cents(text, "line", decimal_comma=decimal_comma)
    except InvalidValue:
        return False
    return True
