"""Importing the invoices of an invoicing tool (Invoice Ninja, FreshBooks, QuickBooks, Xero,
Wave, Zoho Invoice), in one transaction.

The file is read twice, a record at a time: once for how it writes its dates, then each
row is checked (:mod:`.invoice_rows`) and, while no row has been refused, written. A bad
row leaves nothing imported (every problem listed by its line) unless ``skip_invalid``
sets it aside; rows left out on purpose (a total line, a payment, a number kiaro has, a
client it does not know) are skipped and said so, and the rest imported. Each invoice
keeps the file's number (never one of kiaro's series), currency, amounts and days; void
rows are void, drafts drafts (the file's number leads their title, since a draft has no
number); what was paid becomes one payment. The whole import is one change for
``kiaro undo``; ``dry_run`` does everything and rolls it back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

from kiaro_cli.codecs.csv_table import TableText, no_rows, open_table
from kiaro_cli.core import money
from kiaro_cli.core.draft_terms import DEFAULT_TERMS
from kiaro_cli.core.imports import invoice_rows as rows
from kiaro_cli.core.imports.headers import header_key
from kiaro_cli.core.imports.invoice_cells import (
    DATE_FIELDS,
    HEADER_SEARCH,
    LINE_FIELDS,
    InvoiceColumns,
    date_order,
    find_invoice_header,
)
from kiaro_cli.core.imports.plan import Reject
from kiaro_cli.errors import InvalidValue, KiaroError
from kiaro_cli.search import name_key
from kiaro_cli.storage import queries
from kiaro_cli.words import counted_of, with_article

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target, Writer

WRITE_BATCH = 1000  # invoices written per round


@dataclass(frozen=True)
class Imported:
    """An invoice imported (or, in a dry run, that would be)."""

    line: int
    number: str | None
    client: str
    currency: str
    gross: int
    paid: int
    state: str  # draft, open or void

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "number": self.number,
            "client": self.client,
            "currency": self.currency,
            "gross": money.money(self.gross),
            "paid": money.money(self.paid),
            "state": self.state,
        }


@dataclass
class InvoiceImportResult:
    """What an invoice import did (or would do), and how it read the file."""

    table: TableText
    columns: InvoiceColumns
    date_format: str | None
    invoices: list[Imported] = field(default_factory=list)
    clients: set[int] = field(default_factory=set)
    clients_created: list[str] = field(default_factory=list)
    payments: int = 0
    further_lines: int = 0  # rows that are more lines of an invoice above them (Xero, Zoho)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    rejected: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "imported": len(self.invoices),
            "clients": len(self.clients),
            "clients_created": self.clients_created,
            "payments": self.payments,
            "further_lines": self.further_lines,
            "skipped": [{"line": line, "reason": reason} for line, reason in self.skipped],
            "rejected": [{"line": r.line, "reasons": r.reasons} for r in self.rejected],
            "warnings": self.warnings,
            "invoices": [invoice.to_dict() for invoice in self.invoices],
            "unknown_columns": self.columns.unknown,
            "date_format": self.date_format,
            "encoding": self.table.encoding,
            "header_line": self.columns.header_line,
            "dry_run": not self.written,
        }


@dataclass(frozen=True)
class Planned:
    """A row checked: the invoice it makes and its payment."""

    line: int
    client_id: int
    client: str
    number: str | None
    title: str | None
    issued: date
    due: date
    currency: str
    amounts: rows.Amounts
    state: str
    paid: int
    paid_on: date


def import_invoices(
    target: Target,
    data: bytes,
    *,
    name: str = "the file",
    mapping: Mapping[str, str] | None = None,
    encoding: str | None = None,
    date_format: str | None = None,
    create_clients: bool = False,
    skip_invalid: bool = False,
    dry_run: bool = False,
    today: date,
    progress: Callable[[int], None] | None = None,
) -> InvoiceImportResult:
    """Import a CSV export of invoices: every good row, or nothing if any row is bad
    (``skip_invalid``: the bad ones set aside)."""
    from kiaro_cli.storage.unit import write

    table = open_table(data, name, encoding)
    head = list(islice(table.records(), HEADER_SEARCH))
    if not head:
        raise no_rows(table.name)
    at, columns = find_invoice_header(head, mapping or {})

    _refuse_ledger(columns, table.name)
    by_lines = _by_lines(columns.fields)

    def body() -> Any:
        records = islice(table.records(), at + 1, None)
        return rows.folded_lines(records, columns.fields, table.delimiter == ";") if by_lines else records

    dated = [columns.fields[f] for f in DATE_FIELDS if f in columns.fields]
    order = date_order(
        (
            (line, record[i])
            for line, record in body()
            for positions in dated
            for i in positions
            if i < len(record)
        ),
        date_format,
    )
    result = InvoiceImportResult(table, columns, order)
    reading = rows.Reading(order, table.delimiter == ";", today)
    errors: list[str] = []
    count = 0
    with write(target, dry_run=dry_run) as w:
        run = _Run(w, result, reading, create_clients)
        for count, (line, record) in enumerate(body(), start=1):
            if progress is not None:
                progress(count)
            try:
                planned = run.check(line, record)
            except KiaroError as error:
                reasons = error.details or [error.message]
                if skip_invalid:
                    result.rejected.append(Reject(line, reasons, record))
                else:
                    errors.extend(f"line {line}: {reason}" for reason in reasons)
                continue
            if planned is None:
                result.further_lines += 1
            elif isinstance(planned, rows.Skip):
                result.skipped.append((planned.line, planned.reason))
            elif not errors:  # a refused import writes nothing: its rows are only checked
                run.write(planned)
        if not errors:
            run.finish()
        if errors:
            bad = len({error.split(":", 1)[0] for error in errors})
            raise InvalidValue(f"{counted_of(bad, count, 'row')} invalid; nothing was imported", errors)
    result.written = not dry_run
    return result


def _refuse_ledger(columns: InvoiceColumns, name: str) -> None:
    """An accounting tool's journal (a row an account line: Wave's transactions) is no list
    of invoices: refused, saying which file to export instead."""
    keys = {header_key(text) for text in columns.header}
    if {"account type", "transaction id"} <= keys:
        raise InvalidValue(
            f"{name} holds accounting transactions (a row an account line), not invoices; "
            "export the list of invoices and import that"
        )


def _by_lines(fields: dict[str, list[int]]) -> bool:
    """Whether a file has a row a line and no invoice's total: then its line amounts are
    the amounts (added up by :func:`~.invoice_rows.folded_lines`), and the tax is what
    the total adds to the net."""
    if {"gross", "net"} & set(fields) or not set(LINE_FIELDS) & set(fields):
        return False
    for line_field, field_name in zip(LINE_FIELDS, ("gross", "net"), strict=True):
        if line_field in fields:
            fields[field_name] = fields.pop(line_field)
    fields.pop("vat", None)
    return True


def _lead(name: str, email: str) -> dict[str, str]:
    """A lead made of an invoice's client, with the email the row gives when it is one."""
    from kiaro_cli.core.fields import clean_email

    try:
        return {"name": name, "status": "lead", "email": clean_email(email)}
    except InvalidValue:
        return {"name": name, "status": "lead"}


class _Run:
    """The rows of one import, checked and written inside its one write."""

    def __init__(self, w: Writer, result: InvoiceImportResult, reading: rows.Reading, create: bool) -> None:
        self.w, self.result, self.reading, self.create = w, result, reading, create
        self.numbers: dict[str, tuple[int, str, str]] = {}  # number → line, client key, total as written
        self.found: dict[str, int | None] = {}  # client name key → id (None: not there)
        self.made: set[int] = set()  # the leads this import made: found by their name only
        self.terms: dict[int, tuple[str | None, int, str]] = {}  # client id → currency, terms, name
        self.pending: list[Planned] = []

    def check(self, line: int, record: list[str]) -> Planned | rows.Skip | None:
        """The invoice a row makes, a row left out and why, or None for a further line of
        an invoice above it (the same number, client and total)."""
        columns = self.result.columns
        if len(record) > columns.width and any(cell.strip() for cell in record[columns.width :]):
            raise InvalidValue(f"{len(record)} cells but the header has {columns.width} columns")
        values = columns.values(record)
        if not values.get("client"):
            return rows.Skip(line, "no client (a total or a summary line?)")
        if not rows.is_invoice(values.get("type", "")):
            return rows.Skip(line, f"{with_article(values['type'][:40])}, not an invoice")
        client = rows.client_name(values)
        state = rows.state_of(rows.plain(values, "status", "status"))
        number = rows.number_of(values)
        title = rows.title_of(values)
        if number is None and state != "draft":
            raise InvalidValue("the row has no invoice number")
        key = name_key(client)
        if number is not None:
            same = self.numbers.get(number)
            if same is not None:
                if same[1:] == (key, values.get("gross", "")):
                    return None
                raise InvalidValue(f"invoice number {number} is on line {same[0]} too, for another invoice")
            self.numbers[number] = (line, key, values.get("gross", ""))
            if state != "draft" and (taken := self.w.invoices.with_number(number)) is not None:
                return rows.Skip(line, f"{number} is in kiaro already (#{taken.id})")
        client_id = self._client(client, key, values.get("email", ""))
        if client_id is None:
            return rows.Skip(line, f"no client is named '{client}' (add it, or use --create-clients)")
        if state == "draft":
            title = f"{number}: {title}" if number and title else number or title
            if any(d.state == "draft" and d.title == title for d in self.w.invoices.of_client(client_id)):
                return rows.Skip(line, f"the draft '{title}' of {client} is in kiaro already")
        currency, terms, known = self._effective(client_id)
        amounts = rows.amounts(values, self.reading)
        issued, due, paid_on = rows.days(values, self.reading, terms)
        paid = rows.paid_cents(values, state, amounts.gross, self.reading)
        if state in ("draft", "void") and paid:
            self.result.warnings.append(
                f"line {line}: a {state} invoice takes no payment; its paid amount is left out"
            )
            paid = 0
        return Planned(
            line, client_id, known, number if state != "draft" else None, title, issued, due,
            rows.currency_of(values, amounts.currency, currency), amounts,
            "open" if state in ("paid", "partial") else state, paid,
            rows.payment_day(paid_on, issued, due, self.reading.today),
        )  # fmt: skip

    def _client(self, name: str, key: str, email: str) -> int | None:
        """The one client of that name (or legal name), else the one whose email (or a
        contact's) the row gives; a lead made of it, when told to."""
        if key in self.found:
            return self.found[key]
        ids = [int(row["id"]) for row in self.w.reader.rows(queries.CLIENT_IDS_BY_EXACT_NAME, {"key": key})]
        if len(ids) > 1:
            raise InvalidValue(f"{len(ids)} clients are named '{name}' (#{', #'.join(map(str, ids))})")
        if not ids and "@" in email:
            rows_ = self.w.reader.rows(queries.CLIENT_IDS_BY_EMAIL, {"email": email})
            ids = [int(row["id"]) for row in rows_ if int(row["id"]) not in self.made]
            if len(ids) > 1:
                raise InvalidValue(
                    f"{len(ids)} clients have the email {email} (#{', #'.join(map(str, ids))})"
                )
        found = ids[0] if ids else None
        if found is None and self.create:
            from kiaro_cli.core.clients import add_client

            made = add_client(self.w, _lead(name, email), full_form=False, today=self.reading.today)
            found = made.id
            self.made.add(made.id)
            self.result.clients_created.append(made.name)
        self.found[key] = found
        return found

    def _effective(self, client_id: int) -> tuple[str | None, int, str]:
        """A client's currency, payment terms and name, read once."""
        if client_id not in self.terms:
            from kiaro_cli.core.clients import load_client

            record = load_client(self.w.reader, client_id)
            terms = record["effective_payment_terms_days"]
            self.terms[client_id] = (
                record.effective_currency,
                DEFAULT_TERMS if terms is None else int(terms),
                record.name,
            )
        return self.terms[client_id]

    def write(self, item: Planned) -> None:
        """Take a checked row; rows are written :data:`WRITE_BATCH` at a time."""
        self.pending.append(item)
        if len(self.pending) >= WRITE_BATCH:
            self.flush()

    def flush(self) -> None:
        """Insert the pending invoices in bulk, with their payments, history lines and undo
        steps (a row at a time through the unit of work would grow slower with every row)."""
        from kiaro_cli.storage.rows import Invoice, Payment

        w, items, self.pending = self.w, self.pending, []
        ids = w.bulk_insert(Invoice, [_invoice_row(item, w.at) for item in items])
        paid = [(invoice_id, item) for invoice_id, item in zip(ids, items, strict=True) if item.paid]
        payment_ids = w.bulk_insert(
            Payment, [_payment_row(invoice_id, item, w.at) for invoice_id, item in paid]
        )
        history = [_history(item, invoice_id, w.at) for invoice_id, item in zip(ids, items, strict=True)]
        history += [
            _paid_history(item, invoice_id, payment_id, w.at)
            for (invoice_id, item), payment_id in zip(paid, payment_ids, strict=True)
        ]
        w.insert_history(history)
        self.result.payments += len(paid)
        for item in items:
            self.result.clients.add(item.client_id)
            self.result.invoices.append(
                Imported(
                    item.line,
                    item.number,
                    item.client,
                    item.currency,
                    item.amounts.gross,
                    item.paid,
                    item.state,
                )
            )

    def finish(self) -> None:
        """Write what is pending, and stamp each client's last activity."""
        self.flush()
        for client_id in sorted(self.result.clients):
            client = self.w.clients.get(client_id)
            client.last_activity_at = client.updated_at = self.w.at
            self.w.add(client)


def _said(item: Planned, invoice_id: int) -> str:
    return item.number or f"#{invoice_id} (draft)"


def _invoice_row(item: Planned, at: str) -> dict[str, object]:
    amounts = item.amounts
    complete = item.paid == amounts.gross and item.paid > 0
    return {
        "client_id": item.client_id, "project_id": None, "number": item.number, "title": item.title,
        "issued_on": item.issued.isoformat(), "due_on": item.due.isoformat(), "currency": item.currency,
        "net_cents": amounts.net, "vat_rate_bp": amounts.rate, "vat_cents": amounts.vat,
        "gross_cents": amounts.gross, "state": item.state, "paid_cents": item.paid,
        "paid_on": item.paid_on.isoformat() if complete else None, "created_at": at, "updated_at": at,
    }  # fmt: skip


def _payment_row(invoice_id: int, item: Planned, at: str) -> dict[str, object]:
    return {
        "invoice_id": invoice_id, "client_id": item.client_id, "paid_on": item.paid_on.isoformat(),
        "amount_cents": item.paid, "currency": item.currency, "method": None, "created_at": at,
    }  # fmt: skip


def _history(item: Planned, invoice_id: int, at: str) -> dict[str, object]:
    gross = money.amount_label(money.money(item.amounts.gross), item.currency)
    detail = f"Invoice {_said(item, invoice_id)} imported (line {item.line}): {gross}"
    return _activity(item.client_id, at, "invoice added", detail, {"invoice_id": invoice_id})


def _paid_history(item: Planned, invoice_id: int, payment_id: int, at: str) -> dict[str, object]:
    paid = money.amount_label(money.money(item.paid), item.currency)
    detail = f"Payment of {paid} on {_said(item, invoice_id)} imported"
    return _activity(
        item.client_id, at, "payment added", detail, {"invoice_id": invoice_id, "payment_id": payment_id}
    )


def _activity(client_id: int, at: str, kind: str, detail: str, data: dict[str, int]) -> dict[str, object]:
    return {"client_id": client_id, "at": at, "kind": kind, "detail": detail, "data": json.dumps(data)}
