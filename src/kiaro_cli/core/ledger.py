"""The ledger as records: projects, quotes, invoices (with their lines) and payments, each
the JSON object of SPEC §6 in key order, read on a day (a status depends on it), and a
client's money.

Each record is a plain mapping of its declaration's keys (``record["gross"]``), with the
few attributes the rules read by name. Amounts are Decimals of two places, VAT rates
Decimals in percent, quantities Decimals as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from kiaro_cli.core.money import money
from kiaro_cli.core.records import hundredths, stored_day, thousandths, whole
from kiaro_cli.declarations import Field, Record
from kiaro_cli.declarations.invoice import INVOICE, INVOICE_LINE
from kiaro_cli.declarations.payment import PAYMENT
from kiaro_cli.declarations.project import PROJECT
from kiaro_cli.declarations.quote import QUOTE
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage import ledger_queries as q
from kiaro_cli.storage.reader import Reader, by_id, one


def _value(declared: Field, row: Mapping[str, Any]) -> Any:
    """A field's value as the contract gives it, from a row of the ledger queries."""
    column = declared.column_name or declared.key
    value = row.get(column, row.get(declared.key + "_cents"))
    if value is None:
        return None
    if declared.unit == "cents":
        cents = whole(value)
        return None if cents is None else money(cents)
    if declared.unit == "basis points":
        return hundredths(value)
    if declared.unit == "quantity":
        return thousandths(value)
    if declared.unit == "bool":
        return bool(value)
    if declared.unit == "date":
        return value if stored_day(value) else None
    return value


def _values(record: Record, row: Mapping[str, Any]) -> dict[str, Any]:
    return {declared.key: _value(declared, row) for declared in record.fields if declared.contract}


@dataclass(frozen=True)
class LedgerRecord:
    """One record of the ledger: its contract's values in key order."""

    values: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def id(self) -> int:
        return int(self.values["id"])

    @property
    def client_id(self) -> int:
        return int(self.values["client_id"])

    def to_dict(self) -> dict[str, Any]:
        return dict(self.values)


@dataclass(frozen=True)
class ProjectRecord(LedgerRecord):
    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ProjectRecord:
        return cls(_values(PROJECT, row))


@dataclass(frozen=True)
class QuoteRecord(LedgerRecord):
    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> QuoteRecord:
        return cls(_values(QUOTE, row))


@dataclass(frozen=True)
class PaymentRecord(LedgerRecord):
    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> PaymentRecord:
        return cls(_values(PAYMENT, row))


@dataclass(frozen=True)
class InvoiceRecord(LedgerRecord):
    state: str = "draft"  # as stored: draft, open or void

    @classmethod
    def from_row(cls, row: Mapping[str, Any], lines: Iterable[Mapping[str, Any]] = ()) -> InvoiceRecord:
        values = _values(INVOICE, row)
        owed = row["state"] == "open"  # a draft is not owed yet, a void invoice no more
        gross, paid = values["gross"], values["paid"] or money(0)
        values["outstanding"] = (None if gross is None else gross - paid) if owed else money(0)
        values["lines"] = [_values(INVOICE_LINE, line) for line in lines]
        return cls(values, state=str(row["state"]))

    @property
    def reference(self) -> str:
        """How people name it: its number, or ``#ID`` for a draft."""
        return str(self.values["number"] or f"#{self.id}")


# ---------------------------------------------------------------- reading


def get_project(reader: Reader, project_id: int, today: date) -> ProjectRecord:
    row = by_id(reader, q.PROJECT_BY_ID, project_id, {"today": today.isoformat()})
    if row is None:
        raise NotFound(f"no project with id {project_id}")
    return ProjectRecord.from_row(row)


def get_quote(reader: Reader, quote_id: int, today: date) -> QuoteRecord:
    row = by_id(reader, q.QUOTE_BY_ID, quote_id, {"today": today.isoformat()})
    if row is None:
        raise NotFound(f"no quote with id {quote_id}")
    return QuoteRecord.from_row(row)


def find_quote(reader: Reader, reference: str, today: date) -> QuoteRecord:
    """A quote by its number (any case) or ``#ID``; a bare whole number no quote carries is
    its id (what ``-q`` prints)."""
    text = reference.strip()
    if text.startswith("#") and text[1:].isascii() and text[1:].isdigit():
        return get_quote(reader, int(text[1:]), today)
    row = one(reader, q.QUOTE_BY_NUMBER, {"number": text.upper(), "today": today.isoformat()})
    if row is None and text.isascii() and text.isdigit():
        try:
            return get_quote(reader, int(text), today)
        except NotFound:
            raise NotFound(f"no quote numbered '{text}' nor with id {text}") from None
    if row is None:
        raise NotFound(f"no quote numbered '{text}'")
    return QuoteRecord.from_row(row)


def get_invoice(reader: Reader, invoice_id: int, today: date) -> InvoiceRecord:
    row = by_id(reader, q.INVOICE_BY_ID, invoice_id, {"today": today.isoformat()})
    if row is None:
        raise NotFound(f"no invoice #{invoice_id}")
    return InvoiceRecord.from_row(row, reader.rows(q.LINES_OF, {"invoice_id": invoice_id}))


def find_invoice(reader: Reader, reference: str, today: date) -> InvoiceRecord:
    """An invoice by its number (any case) or ``#ID`` (a draft has no number yet); a bare
    whole number no invoice carries is its id (what ``-q`` prints)."""
    text = reference.strip()
    if text.startswith("#") and text[1:].isascii() and text[1:].isdigit():
        return get_invoice(reader, int(text[1:]), today)
    row = one(reader, q.INVOICE_BY_NUMBER, {"number": text.upper(), "today": today.isoformat()})
    if row is None and text.isascii() and text.isdigit():
        try:
            return get_invoice(reader, int(text), today)
        except NotFound:
            raise NotFound(f"no invoice numbered '{text}' nor with id {text}") from None
    if row is None:
        raise NotFound(f"no invoice numbered '{text}' (a draft is #ID)")
    return InvoiceRecord.from_row(row, reader.rows(q.LINES_OF, {"invoice_id": row["id"]}))


def refuse_unreadable_amounts(invoice: InvoiceRecord) -> None:
    """An invoice is paid or printed only when kiaro can read its amounts: a restored row or a
    teammate's may hold text there."""
    if any(invoice[key] is None for key in ("net", "vat_rate", "vat", "gross", "paid")):
        raise InvalidValue(f"{invoice.reference} holds an amount kiaro cannot read; kiaro db check names it")


def archived_clients_hold(reader: Reader, table: str) -> bool:
    """Whether archived clients have any rows of ``table`` (project, quote or invoice), which
    a listing of every current client's leaves out."""
    return one(reader, q.ARCHIVED_HOLD[table], {"true_flag": True}) is not None


def payments_of(reader: Reader, invoice_id: int) -> list[PaymentRecord]:
    return [
        PaymentRecord.from_row(row) for row in reader.rows(q.PAYMENTS_OF_INVOICE, {"invoice_id": invoice_id})
    ]


# ---------------------------------------------------------------- a client's money


@dataclass(frozen=True)
class Amounts:
    """A client's money in one currency."""

    invoiced: Decimal
    paid: Decimal
    outstanding: Decimal
    overdue: Decimal

    def to_dict(self) -> dict[str, Decimal]:
        return {
            "invoiced": self.invoiced,
            "paid": self.paid,
            "outstanding": self.outstanding,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class ClientMoney:
    """What a client's record says of its money: per currency, and open projects and quotes."""

    finance: dict[str, Amounts] = field(default_factory=dict)
    projects_open: int = 0
    quotes_open: int = 0


def client_money(reader: Reader, client_id: int, today: date) -> ClientMoney:
    params = {"client_id": client_id, "today": today.isoformat()}
    finance = {
        row["currency"]: Amounts(
            money(int(row["invoiced_cents"])),
            money(int(row["paid_cents"])),
            money(int(row["outstanding_cents"])),
            money(int(row["overdue_cents"])),
        )
        for row in reader.rows(q.CLIENT_FINANCE, params)
    }
    projects = one(reader, q.COUNT_OPEN_PROJECTS, params)
    quotes = one(reader, q.COUNT_OPEN_QUOTES, params)
    return ClientMoney(finance, int(projects["n"]) if projects else 0, int(quotes["n"]) if quotes else 0)
