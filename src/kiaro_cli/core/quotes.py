"""Quotes (proposals) to a client: a net amount with its VAT and gross, a number, and where
it stands.

A new quote is a draft numbered ``Q-YYYY-NNN`` (the year it was issued), unless a number
is given, which must be unique. Its currency and VAT rate are the client's effective
ones unless given; VAT is computed on the net and rounded half-up to the cent. A sent
quote past its valid-until day reads as expired; draft and sent quotes are open.
Accepting a quote of a lead makes the client active. Every change is a line in the
client's history, and ``kiaro undo`` takes it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kiaro_cli.core import money
from kiaro_cli.core.choices import clean_choice
from kiaro_cli.core.fields import clean_line
from kiaro_cli.core.ledger import ProjectRecord, QuoteRecord, find_quote, get_project, get_quote
from kiaro_cli.core.numbers import clean_vat_rate
from kiaro_cli.core.references import resolve_client
from kiaro_cli.declarations.quote import OPEN_STATUSES, QUOTE, STATUS_WORDS
from kiaro_cli.errors import Conflict, InvalidValue
from kiaro_cli.storage import ledger_queries
from kiaro_cli.storage.reader import Reader

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client, Quote
    from kiaro_cli.storage.unit import Target, Writer

QUOTE_KEYS = QUOTE.keys  # the JSON object of a quote, in order
PREFIX = "Q"  # Q-2026-001
MAX_NUMBER = 40
MAX_TITLE = 200
# What a history line calls each column an edit changes.
LABELS = {str(f.column_name): f.label for f in QUOTE.typed} | {"project_id": "project"}
# The kind of history line each status a quote is moved to writes.
STATUS_KINDS = {
    "draft": "quote changed",
    "sent": "quote sent",
    "accepted": "quote accepted",
    "declined": "quote declined",
    "expired": "quote expired",
}


@dataclass(frozen=True)
class StatusChange:
    """What ``quote status`` did: the quote as it now reads, whether it changed, and the
    client's name when accepting made a lead an active client."""

    quote: QuoteRecord
    asked: str  # the status it was moved to (a sent quote may read as expired)
    changed: bool
    activated: str | None = None

    def to_dict(self) -> dict[str, object]:
        return self.quote.to_dict()


# ---------------------------------------------------------------- reading


def clean_statuses(statuses: Sequence[str]) -> tuple[str, ...]:
    """Status words as typed (any case, or a synonym: won, lost…), each once."""
    return tuple(dict.fromkeys(_clean_status(status) for status in statuses))


def _clean_status(value: str) -> str:
    return clean_choice(value, STATUS_WORDS.choices, STATUS_WORDS.synonyms, "quote status")


def find_quotes(
    reader: Reader, client_reference: str | None, statuses: Sequence[str], today: date
) -> list[QuoteRecord]:
    """The quotes of a client (None: of every client) in any of ``statuses`` as they read
    on ``today`` (none: all), the latest issued first."""
    wanted = clean_statuses(statuses)
    client_id = resolve_client(reader, client_reference) if client_reference is not None else None
    sql, params = ledger_queries.quote_list(client_id, wanted, today.isoformat())
    return [QuoteRecord.from_row(row) for row in reader.rows(sql, params)]


def is_open(quote: QuoteRecord) -> bool:
    return str(quote["status"]) in OPEN_STATUSES


# ---------------------------------------------------------------- cleaning what is typed


def clean_number(value: str) -> str:
    """A quote number as given (kept upper-case, as it is looked up)."""
    number = (clean_line(value, "quote number", limit=MAX_NUMBER) or "").upper()
    if not number:
        raise InvalidValue("a quote number cannot be empty")
    if number.startswith("#"):
        raise InvalidValue(f"quote number '{number}' cannot start with # (#ID names a quote by its id)")
    return number


def clean_title(value: str) -> str | None:
    return clean_line(value, "title", limit=MAX_TITLE)


def _day(value: str, today: date, *, past: bool) -> date:
    from kiaro_cli.dates import parse_when

    return parse_when(value, today, allow_past=True, past=past)


def _valid_until(value: str, today: date) -> str | None:
    """The last day a quote holds (an empty value: none)."""
    return _day(value, today, past=False).isoformat() if value.strip() else None


def _currency(value: str) -> str:
    from kiaro_cli.places import resolve_currency

    return resolve_currency(value)


def _rate_bp(value: str) -> int:
    return money.rate_basis_points(clean_vat_rate(value))


def _check_days(issued_on: str | None, valid_until: str | None) -> None:
    if issued_on and valid_until and valid_until < issued_on:
        raise InvalidValue(f"valid until {valid_until} is before the issue day {issued_on}")


# ---------------------------------------------------------------- writing


def add_quote(
    target: Target,
    client_reference: str,
    *,
    amount: str | None,
    title: str | None = None,
    number: str | None = None,
    vat_rate: str | None = None,
    currency: str | None = None,
    issued: str | None = None,
    valid_until: str | None = None,
    project_id: int | None = None,
    today: date,
) -> QuoteRecord:
    """Add a draft quote to a client: numbered ``Q-YYYY-NNN`` unless ``number`` is given."""
    net = money.to_cents(money.clean_amount(amount, "amount")) if amount is not None else None
    clean = clean_title(title) if title is not None else None
    given_number = clean_number(number) if number is not None else None
    rate = _rate_bp(vat_rate) if vat_rate is not None else None
    code = _currency(currency) if currency is not None else None
    issued_on = _day(issued, today, past=True) if issued is not None else today
    until = _valid_until(valid_until, today) if valid_until is not None else None
    _check_days(issued_on.isoformat(), until)
    from kiaro_cli.core.clients import load_client
    from kiaro_cli.storage.rows import Quote
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client_id = resolve_client(w.reader, client_reference)
        record = load_client(w.reader, client_id)
        code = code or record.effective_currency
        how = "--amount NET" if net is None else None
        money.refuse_missing("a quote", record.name, amount=how, no_currency=code is None)
        assert net is not None and code is not None
        rate = rate if rate is not None else money.rate_basis_points(record.effective_vat_rate)
        if project_id is not None:
            _check_project(w, client_id, project_id)
        if given_number is not None:
            _refuse_taken(w, given_number)
        totals = money.totals(net, rate)
        row = Quote(
            client_id=client_id,
            project_id=project_id,
            number=given_number or _next_number(w, issued_on),
            title=clean,
            issued_on=issued_on.isoformat(),
            valid_until=until,
            currency=code,
            net_cents=totals.net,
            vat_rate_bp=rate,
            vat_cents=totals.vat,
            gross_cents=totals.gross,
            status="draft",
            created_at=w.at,
            updated_at=w.at,
        )
        w.add(row)
        _log(w, row, "quote added", f"Quote {row.number} added: {said(row)}")
        assert row.id is not None
        return get_quote(w.reader, row.id, today)


def _next_number(w: Writer, day: date) -> str:
    """The next free ``Q-YYYY-NNN`` of the year of ``day`` (one given by hand is skipped)."""
    while True:
        number = money.number(PREFIX, day.year, w.take_number(money.series(PREFIX, day)))
        if w.quotes.with_number(number) is None:
            return number


def _refuse_taken(w: Writer, number: str, quote_id: int | None = None) -> None:
    found = w.quotes.with_number(number)
    if found is not None and found.id != quote_id:
        raise Conflict(f"quote number {number} exists")


def _check_project(w: Writer, client_id: int, project_id: int) -> None:
    project = w.projects.get(project_id)
    if project.client_id != client_id:
        other = w.clients.get(project.client_id)
        raise InvalidValue(f"project {project_id} belongs to {other.name}")


def edit_quote(
    target: Target,
    reference: str,
    *,
    amount: str | None = None,
    title: str | None = None,
    number: str | None = None,
    vat_rate: str | None = None,
    currency: str | None = None,
    issued: str | None = None,
    valid_until: str | None = None,
    project_id: int | None = None,
    clear_project: bool = False,
    today: date,
) -> QuoteRecord:
    """Change what is given of a quote (an empty title or valid-until clears it); the rest
    stays. A new amount or VAT rate computes its VAT and gross again."""
    if project_id is not None and clear_project:
        raise InvalidValue("cannot both set --project and clear it")
    changes: dict[str, object] = {}  # column → new value
    if amount is not None:
        changes["net_cents"] = money.to_cents(money.clean_amount(amount, "amount"))
    if title is not None:
        changes["title"] = clean_title(title)
    if number is not None:
        changes["number"] = clean_number(number)
    if vat_rate is not None:
        changes["vat_rate_bp"] = _rate_bp(vat_rate)
    if currency is not None:
        changes["currency"] = _currency(currency)
    if issued is not None:
        changes["issued_on"] = _day(issued, today, past=True).isoformat()
    if valid_until is not None:
        changes["valid_until"] = (
            _day(valid_until, today, past=False).isoformat() if valid_until.strip() else None
        )
    if project_id is not None or clear_project:
        changes["project_id"] = project_id
    if not changes:
        raise InvalidValue(
            "nothing to change: give --amount, --title, --number, --vat-rate, --currency, --issued, "
            "--valid-until or --project"
        )
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.quotes.get(find_quote(w.reader, reference, today).id)
        _check_days(str(changes.get("issued_on", row.issued_on) or ""), _until(changes, row))
        if project_id is not None:
            _check_project(w, row.client_id, project_id)
        if "number" in changes:
            _refuse_taken(w, str(changes["number"]), row.id)
        changed = [key for key, value in changes.items() if getattr(row, key) != value]
        if changed:
            for key in changed:
                setattr(row, key, changes[key])
            totals = money.totals(row.net_cents, row.vat_rate_bp)
            row.vat_cents, row.gross_cents = totals.vat, totals.gross
            row.updated_at = w.at
            w.add(row)
            named = ", ".join(LABELS[column] for column in changed)
            _log(w, row, "quote changed", f"Quote {row.number} changed ({named}): {said(row)}")
        assert row.id is not None
        return get_quote(w.reader, row.id, today)


def _until(changes: dict[str, object], row: Quote) -> str | None:
    until = changes.get("valid_until", row.valid_until)
    return None if until is None else str(until)


def set_quote_status(target: Target, reference: str, status: str, today: date) -> StatusChange:
    """Move a quote to a status (a word as typed: won, lost, signed…).

    ``expired`` ends a quote's validity yesterday (see :func:`_expire`). Accepting a quote
    of a lead makes the client active."""
    wanted = _clean_status(status)
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        quote = find_quote(w.reader, reference, today)
        if quote["status"] == wanted:
            return StatusChange(quote, wanted, False)
        row = w.quotes.get(quote.id)
        if wanted == "expired":
            _expire(row, today)
        elif wanted == "sent" and row.status == "sent":  # it reads as expired
            raise InvalidValue(
                f"{row.number} was valid until {row.valid_until}; give it a new day with "
                f"kiaro quote edit {row.number} --valid-until WHEN"
            )
        else:
            row.status = wanted
        row.updated_at = w.at
        w.add(row)
        _log(w, row, STATUS_KINDS[wanted], f"Quote {row.number}: {quote['status']} → {wanted}")
        activated = _activate(w, row.client_id) if wanted == "accepted" else None
        return StatusChange(get_quote(w.reader, quote.id, today), wanted, True, activated)


def _expire(row: Quote, today: date) -> None:
    """Expire a quote: sent, valid until yesterday (unless it ended before), so that it reads
    as expired like any quote past its day. A quote issued today has no yesterday to be
    valid until: it keeps its day and is stored as expired."""
    yesterday = (today - timedelta(days=1)).isoformat()
    if row.issued_on and row.issued_on > today.isoformat():
        raise InvalidValue(f"{row.number} was issued on {row.issued_on}; it cannot have expired yet")
    if row.issued_on == today.isoformat():
        row.status = "expired"
        return
    row.status = "sent"
    row.valid_until = min(row.valid_until or yesterday, yesterday)


def _activate(w: Writer, client_id: int) -> str | None:
    """Make a lead an active client (its name), or leave any other client as it is (None)."""
    client = w.clients.get(client_id)
    if client.status != "lead":
        return None
    from kiaro_cli.core.clients import set_status

    set_status(w, str(client_id), "active")
    return str(client.name)


def remove_quote(target: Target, reference: str, today: date) -> QuoteRecord:
    """Remove a quote (kiaro undo brings it back)."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        removed = find_quote(w.reader, reference, today)
        row = w.quotes.get(removed.id)
        w.delete(row)
        w.flush()
        client = w.clients.get(row.client_id)
        detail = f"Quote {row.number} removed: {said(row)}"
        w.journal.log(client, "quote removed", detail, quote_id=removed.id)
        return removed


def project_from_quote(target: Target, quote_id: int, today: date) -> ProjectRecord:
    """A planned project made of a quote: its title (else "Quote Q-…") as the name, its
    currency, its net as the budget; the quote is linked to it."""
    from kiaro_cli.storage.rows import Project
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        quote = w.quotes.get(quote_id)
        if quote.project_id is not None:
            raise Conflict(f"quote {quote.number} is linked to project {quote.project_id} already")
        project = Project(
            client_id=quote.client_id,
            name=quote.title or f"Quote {quote.number}",
            status="planned",
            budget_cents=quote.net_cents,
            currency=quote.currency,
            created_at=w.at,
            updated_at=w.at,
        )
        w.add(project)
        w.flush()
        quote.project_id = project.id
        quote.updated_at = w.at
        w.add(quote)
        client = w.clients.get(quote.client_id)
        detail = f"Project {project.name} added from quote {quote.number}"
        w.journal.log(client, "project added", detail, project_id=project.id, quote_id=quote.id)
        assert project.id is not None
        return get_project(w.reader, project.id, today)


def _log(w: Writer, row: Quote, kind: str, detail: str) -> None:
    w.flush()
    client: Client = w.clients.get(row.client_id)
    w.journal.log(client, kind, detail, quote_id=row.id)


def said(row: Quote) -> str:
    """A quote's amount and title in a history line: ``4,800.00 EUR net (Website)``."""
    title = f" ({row.title})" if row.title else ""
    return f"{money.amount_label(money.money(row.net_cents), row.currency)} net{title}"
