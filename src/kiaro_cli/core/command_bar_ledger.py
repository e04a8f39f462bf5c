"""The command bar's ledger steps resolved against the book: a project with its deadline, an
invoice with its amounts and due day, a payment of an invoice named by its number.

Each is checked as its command would check it, so the card shows what will be saved, and
a step that cannot be carried out is refused before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from kiaro_cli.core import money
from kiaro_cli.core.draft_terms import DEFAULT_TERMS
from kiaro_cli.core.fields import clean_line
from kiaro_cli.core.ledger import find_invoice, refuse_unreadable_amounts
from kiaro_cli.core.payments import refuse_paid_ahead
from kiaro_cli.core.plans import Action, Subject
from kiaro_cli.core.records import ClientRecord
from kiaro_cli.core.sentence_ledger import INVOICE, PAY, PROJECT
from kiaro_cli.core.sentences import Step, when_phrase
from kiaro_cli.dates import parse_when
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage.reader import Reader


def resolve_project(reader: Reader, step: Step, client: Subject, today: date) -> Action:
    name = clean_line(step.value("name") or "", "project name", limit=200)
    if not name:
        raise InvalidValue('say the project\'s name, e.g. kiaro do "new project Website for Acme"')
    currency = _currency_of(client)
    if currency is None:
        raise InvalidValue(f"{client.name} has no currency and there is no default-currency; "
                           f"kiaro project add {client.client_id} '{name}' --currency CODE")  # fmt: skip
    deadline = parse_when(when_phrase(step.when), today, allow_past=True) if step.when else None
    values = {"name": name, "currency": currency}
    return Action(PROJECT, client.client_id, client.name, deadline, step.when, values)


def resolve_invoice(reader: Reader, step: Step, client: Subject, today: date) -> Action:
    net = money.clean_amount(step.value("amount") or "", "amount")
    said = step.value("currency")
    currency = _clean_currency(said) if said else _currency_of(client)
    if currency is None:
        example = f'kiaro do "log a €{net} invoice for {client.name}"'
        raise InvalidValue(f"{client.name} has no currency and no default-currency is set; say it: {example}")
    record = _record(client)
    rate: Decimal = record["effective_vat_rate"] if record else Decimal(0)
    totals = money.totals(money.to_cents(net), money.rate_basis_points(rate))
    if step.when:
        due = parse_when(when_phrase(step.when), today, allow_past=True)
    else:
        terms = record["effective_payment_terms_days"] if record else None
        due = today + timedelta(days=DEFAULT_TERMS if terms is None else int(terms))
    title = step.value("title")
    values = {
        "net": money.money(totals.net),
        "vat_rate": rate,
        "gross": money.money(totals.gross),
        "currency": currency,
        "title": clean_line(title, "title", limit=200) if title else None,
        "due_said": bool(step.when),
    }
    return Action(INVOICE, client.client_id, client.name, due, step.when, values)


def resolve_payment(reader: Reader, step: Step, client: Subject | None, today: date) -> Action:
    """A payment of the invoice the step names; ``client`` is the client the sentence named
    (None: the invoice's own)."""
    number = step.value("number") or ""
    invoice = find_invoice(reader, number, today)
    if client is not None and client.client_id != invoice.client_id:
        raise InvalidValue(f"{invoice.reference} is {invoice['client_name']}'s invoice, not {client.name}'s")
    if invoice.state != "open":
        issue = f": kiaro invoice issue {invoice.reference}" if invoice.state == "draft" else ""
        raise InvalidValue(f"{invoice.reference} is {invoice.state}; only an issued invoice is paid{issue}")
    said = step.value("currency")
    if said and _clean_currency(said) != invoice["currency"]:
        raise InvalidValue(f"{invoice.reference} is in {invoice['currency']}, not {_clean_currency(said)}")
    refuse_unreadable_amounts(invoice)
    outstanding: Decimal = invoice["outstanding"]
    amount = money.clean_amount(step.value("amount") or "", "amount") if step.value("amount") else outstanding
    if amount > outstanding:
        said_amount, left = (
            money.amount_label(value, invoice["currency"]) for value in (amount, outstanding)
        )
        raise InvalidValue(f"{said_amount} is more than the {left} outstanding")
    if step.value("amount") and amount <= 0:
        raise InvalidValue("a payment must be more than 0")
    day = parse_when(when_phrase(step.when), today, allow_past=True, past=True) if step.when else today
    refuse_paid_ahead(day, today)
    values = {
        "number": invoice.reference,
        "amount": amount,
        "currency": invoice["currency"],
        "left": outstanding - amount,
    }
    return Action(PAY, invoice.client_id, str(invoice["client_name"]), day, step.when, values,
                  unchanged=outstanding == 0)  # fmt: skip


LEDGER_RESOLVERS: dict[str, Callable[[Reader, Step, Subject, date], Action]] = {
    PROJECT: resolve_project,
    INVOICE: resolve_invoice,
    PAY: resolve_payment,
}


def _record(client: Subject) -> ClientRecord | None:
    return client.record


def _currency_of(client: Subject) -> str | None:
    """The client's effective currency (its own, else the workspace's)."""
    return client.record["effective_currency"] if client.record is not None else None


def _clean_currency(code: str) -> str:
    from kiaro_cli.places import resolve_currency

    return resolve_currency(code)
