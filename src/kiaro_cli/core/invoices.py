"""Invoices to a client: added as drafts or issued at once, numbered when issued, changed
while drafts, voided (keeping their number) or removed (drafts only).

An invoice's net is an amount or the sum of its lines (each quantity × unit price, rounded
half-up to the cent); its VAT is the net total × the rate, rounded half-up once; gross is
net + VAT. Currency and VAT rate come from the client's effective values unless given: a
draft follows the client's as they change (:mod:`kiaro_cli.core.draft_terms`), and an issued invoice
keeps them whatever later happens to the client: an issued invoice is never changed, only
voided. Its number is ``CODE-YYYY-NNN`` (the client's code, else the
``invoice-prefix`` setting; the year of its issue day), taken from a series that never
gives a number twice. Every change is a line in the client's history that ``kiaro undo``
takes back. Payments are in :mod:`kiaro_cli.core.payments`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kiaro_cli.core import money
from kiaro_cli.core.draft_terms import Effective, amount_columns, effective_terms, follow
from kiaro_cli.core.invoice_input import (
    Line,
    Typed,
    clean_amounts,
    clean_currency,
    clean_day,
    clean_number,
    clean_rate,
    clean_statuses,
    clean_title,
)
from kiaro_cli.core.ledger import InvoiceRecord, find_invoice, get_invoice
from kiaro_cli.core.references import resolve_client
from kiaro_cli.declarations.invoice import INVOICE
from kiaro_cli.errors import Conflict, InvalidValue
from kiaro_cli.storage.invoice_queries import invoice_listing, invoices_by_id
from kiaro_cli.storage.reader import Reader

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client, Invoice, InvoiceLine
    from kiaro_cli.storage.unit import Target, Writer

INVOICE_KEYS = INVOICE.keys  # the JSON object of an invoice, in order


# ---------------------------------------------------------------- reading


def find_invoices(
    reader: Reader,
    client_reference: str | None = None,
    *,
    statuses: Sequence[str] = (),
    overdue_only: bool = False,
    today: date,
    limit: int | None = None,
) -> list[InvoiceRecord]:
    """Invoices of a client (or everyone's) with one of ``statuses`` on ``today`` (``overdue_only``:
    those overdue), drafts first, then the latest issued first; at most ``limit``."""
    return invoice_page(
        reader, client_reference, statuses=statuses, overdue_only=overdue_only, today=today, limit=limit
    )[0]


def invoice_page(
    reader: Reader,
    client_reference: str | None = None,
    *,
    statuses: Sequence[str] = (),
    overdue_only: bool = False,
    today: date,
    limit: int | None = None,
) -> tuple[list[InvoiceRecord], int]:
    """A page of :func:`find_invoices`, and how many invoices match in all."""
    wanted = clean_statuses(statuses)
    client_id = resolve_client(reader, client_reference) if client_reference is not None else None
    if overdue_only and wanted and "overdue" not in wanted:
        return [], 0  # overdue and some other status: none is both
    if overdue_only:
        wanted = ("overdue",)
    listing = invoice_listing(client_id, wanted, today.isoformat(), limit)
    if limit is None:
        every = _invoices(reader, listing.invoices, listing.lines, listing.params)
        return every, len(every)
    ids = [int(row["id"]) for row in reader.rows(listing.page, listing.params)]
    if not ids:
        return [], 0
    by_id = {"today": listing.params["today"], **{f"id{n}": key for n, key in enumerate(ids)}}
    found = _invoices(reader, *invoices_by_id(len(ids)), by_id)
    if len(found) < limit:
        return found, len(found)
    return found, int(next(reader.rows(listing.count, listing.params))["n"])


def _invoices(
    reader: Reader, invoices: str, lines_sql: str, params: Mapping[str, object]
) -> list[InvoiceRecord]:
    lines: dict[int, list[dict[str, object]]] = {}
    for line in reader.rows(lines_sql, params):
        lines.setdefault(int(line["invoice_id"]), []).append(dict(line))
    return [
        InvoiceRecord.from_row(row, lines.get(int(row["id"]), ())) for row in reader.rows(invoices, params)
    ]


# ---------------------------------------------------------------- writing


def add_invoice(
    target: Target,
    client_reference: str,
    *,
    amount: str | None = None,
    lines: Sequence[Typed] = (),
    title: str | None = None,
    number: str | None = None,
    issued: str | None = None,
    due: str | None = None,
    vat_rate: str | None = None,
    currency: str | None = None,
    project_id: int | None = None,
    draft: bool = False,
    today: date,
) -> InvoiceRecord:
    """Add an invoice to a client: issued at once (numbered, due after the client's payment
    terms), or a draft known by ``#ID`` until :func:`issue_invoice`."""
    amounts = clean_amounts(amount, lines)
    given_number = clean_number(number) if number is not None else None
    if draft and given_number:
        raise InvalidValue("a draft has no number yet; give --number to kiaro invoice issue")
    issued_on = clean_day(issued, today, past=True) if issued is not None else None
    due_on = clean_day(due, today) if due is not None else None
    rate = clean_rate(vat_rate) if vat_rate is not None else None
    code = clean_currency(currency) if currency is not None else None
    clean = clean_title(title) if title is not None else None
    from kiaro_cli.storage.rows import Invoice
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client = w.clients.get(resolve_client(w.reader, client_reference))
        assert client.id is not None
        effective = _effective(w, client.id)
        code = code or effective.currency
        how = None if amounts is not None else '--amount NET or --line "TEXT" QTY PRICE'
        money.refuse_missing("an invoice", client.name, amount=how, no_currency=code is None)
        assert amounts is not None and code is not None
        if project_id is not None:
            _check_project(w, client, project_id)
        # Every refusal before the row is added: a server's id sequence never goes back.
        _check_days(issued_on or (None if draft else today), due_on)
        if given_number is not None:
            _refuse_taken(w, given_number)
        row = Invoice(
            client_id=client.id,
            project_id=project_id,
            number=None,
            title=clean,
            issued_on=issued_on.isoformat() if issued_on else None,
            due_on=due_on.isoformat() if due_on else None,
            currency=code,
            state="draft",
            follows_currency=draft and currency is None,
            follows_vat_rate=draft and rate is None,
            paid_cents=0,
            created_at=w.at,
            updated_at=w.at,
            **amount_columns(amounts.net, effective.vat_rate if rate is None else rate),
        )
        w.add(row)
        w.flush()
        assert row.id is not None
        _write_lines(w, row.id, amounts.lines)
        if draft:
            w.journal.log(
                client, "invoice added", f"Draft invoice #{row.id} added: {_gross(row)}", invoice_id=row.id
            )
        else:
            _issue(w, client, row, given_number, today, effective.terms)
            w.journal.log(
                client, "invoice added", f"Invoice {_ref(row)} added: {said(row)}", invoice_id=row.id
            )
        return get_invoice(w.reader, row.id, today)


def issue_invoice(target: Target, reference: str, *, number: str | None = None, today: date) -> InvoiceRecord:
    """Issue a draft: it takes its number (given, else the next of its series), its issue day
    (today unless it has one) and its due day (the client's payment terms after it unless it
    has one); its currency, VAT rate and amounts are locked from then on."""
    given_number = clean_number(number) if number is not None else None
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = _row(w, reference, today)
        if row.state != "draft":
            raise InvalidValue(
                f"{_ref(row)} is issued already"
                if row.state == "open"
                else f"{_ref(row)} is void; make a new one"
            )
        client = w.clients.get(row.client_id)
        effective = _effective(w, row.client_id)
        taken = follow(row, effective)
        row.follows_currency = row.follows_vat_rate = False
        _issue(w, client, row, given_number, today, effective.terms)
        detail = f"Invoice {_ref(row)} issued: {said(row)}"
        detail += f", with {client.name}'s {' and '.join(taken)}" if taken else ""
        w.journal.log(client, "invoice issued", detail, invoice_id=row.id)
        return get_invoice(w.reader, row.id, today)


def edit_invoice(
    target: Target,
    reference: str,
    *,
    amount: str | None = None,
    lines: Sequence[Typed] = (),
    title: str | None = None,
    issued: str | None = None,
    due: str | None = None,
    vat_rate: str | None = None,
    currency: str | None = None,
    project_id: int | None = None,
    today: date,
) -> InvoiceRecord:
    """Change a draft; everything not given stays. An issued invoice is never changed: it is
    voided and made anew."""
    amounts = clean_amounts(amount, lines)
    changes: dict[str, object] = {}
    if title is not None:
        changes["title"] = clean_title(title)
    if issued is not None:
        changes["issued_on"] = clean_day(issued, today, past=True).isoformat()
    if due is not None:
        changes["due_on"] = clean_day(due, today).isoformat()
    if vat_rate is not None:
        changes["vat_rate_bp"] = clean_rate(vat_rate)
    if currency is not None:
        changes["currency"] = clean_currency(currency)
    if project_id is not None:
        changes["project_id"] = project_id
    if amounts is None and not changes:
        raise InvalidValue("nothing to change: give --amount, --line, --title, --issued, --due, --vat-rate, "
                           "--currency or --project")  # fmt: skip
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = _row(w, reference, today)
        if row.state == "open":
            raise InvalidValue(f"{_ref(row)} is issued; void it and make a new one")
        if row.state == "void":
            raise InvalidValue(f"{_ref(row)} is void; make a new invoice")
        client = w.clients.get(row.client_id)
        if project_id is not None:
            _check_project(w, client, project_id)
        issued_on, due_on = changes.get("issued_on", row.issued_on), changes.get("due_on", row.due_on)
        _check_days(
            date.fromisoformat(str(issued_on)) if issued_on else None,
            date.fromisoformat(str(due_on)) if due_on else None,
        )
        changed = [key for key, value in changes.items() if getattr(row, key) != value]
        for key in changed:
            setattr(row, key, changes[key])
        for given, flag, key in (
            (currency, "follows_currency", "currency"),
            (vat_rate, "follows_vat_rate", "vat_rate_bp"),
        ):
            if given is not None and getattr(row, flag):  # given: it no longer follows the client's
                setattr(row, flag, False)
                changed += [] if key in changed else [key]
        kept = w.invoice_lines.of_invoice(row.id)
        if amounts is not None and (amounts.net, list(amounts.lines)) != (row.net_cents, _typed(kept)):
            for line in kept:
                w.delete(line)
            w.flush()
            _write_lines(w, row.id, amounts.lines)
            changed.append("lines" if amounts.lines else "net")
        for key, value in amount_columns(amounts.net if amounts else row.net_cents, row.vat_rate_bp).items():
            setattr(row, key, value)
        if changed:
            row.updated_at = w.at
            w.add(row)
            w.flush()
            fields = ", ".join(key.removesuffix("_bp").removesuffix("_on") for key in changed)
            detail = f"Draft invoice #{row.id} changed ({fields}): {_gross(row)}"
            w.journal.log(client, "invoice changed", detail, invoice_id=row.id)
        return get_invoice(w.reader, row.id, today)


def void_invoice(target: Target, reference: str, *, today: date) -> InvoiceRecord:
    """Void an issued invoice without payments: it keeps its number, which is never given
    again, and no longer counts as invoiced or outstanding."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = _row(w, reference, today)
        refuse_void(row.state, _ref(row), paid=row.paid_cents > 0)
        row.state = "void"
        row.updated_at = w.at
        w.add(row)
        w.flush()
        client = w.clients.get(row.client_id)
        w.journal.log(
            client, "invoice voided", f"Invoice {_ref(row)} voided ({_gross(row)})", invoice_id=row.id
        )
        return get_invoice(w.reader, row.id, today)


def remove_invoice(target: Target, reference: str, *, today: date) -> InvoiceRecord:
    """Remove a draft (``kiaro undo`` brings it back); an issued invoice is voided instead."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = _row(w, reference, today)
        refuse_removal(row.state, _ref(row))
        removed = get_invoice(w.reader, row.id, today)
        for line in w.invoice_lines.of_invoice(row.id):
            w.delete(line)
        w.delete(row)
        w.flush()
        client = w.clients.get(row.client_id)
        detail = f"Draft invoice #{row.id} removed ({_gross(row)})"
        w.journal.log(client, "invoice removed", detail, invoice_id=removed.id)
        return removed


def refuse_void(state: str, reference: str, *, paid: bool) -> None:
    """Refuse to void a draft (it is removed), a void invoice, or one with payments."""
    if state == "draft":
        raise InvalidValue(f"{reference} is a draft; remove it instead: kiaro invoice remove {reference}")
    if state == "void":
        raise InvalidValue(f"{reference} is void already")
    if paid:
        raise InvalidValue(f"{reference} has payments; an invoice with payments cannot be voided")


def refuse_removal(state: str, reference: str) -> None:
    """Refuse to remove an issued invoice: it is voided, and its number kept."""
    if state != "draft":
        raise InvalidValue(f"{reference} is issued; only a draft is removed (void an issued invoice)")


# ---------------------------------------------------------------- the rules inside a write


def _effective(w: Writer, client_id: int) -> Effective:
    from kiaro_cli.core.settings import load_settings

    return effective_terms(w.reader, client_id, load_settings(w.reader))


def _row(w: Writer, reference: str, today: date) -> Invoice:
    return w.invoices.get(find_invoice(w.reader, reference, today).id)


def _check_project(w: Writer, client: Client, project_id: int) -> None:
    project = w.projects.get(project_id)
    if project.client_id != client.id:
        raise InvalidValue(f"project #{project_id} is not a project of {client.name}")


def _check_days(issued_on: date | None, due_on: date | None) -> None:
    if issued_on and due_on and due_on < issued_on:
        raise InvalidValue(
            f"the due day {due_on.isoformat()} is before the issue day {issued_on.isoformat()}"
        )


def _typed(rows: Sequence[InvoiceLine]) -> list[Line]:
    """An invoice's stored lines as typed ones, to tell whether new lines change anything."""
    return [Line(row.description, row.quantity_milli, row.unit_price_cents, row.amount_cents) for row in rows]


def _write_lines(w: Writer, invoice_id: int, lines: Sequence[Line]) -> None:
    from kiaro_cli.storage.rows import InvoiceLine

    for position, line in enumerate(lines, 1):
        w.add(
            InvoiceLine(
                invoice_id=invoice_id,
                position=position,
                description=line.description,
                quantity_milli=line.quantity,
                unit_price_cents=line.unit_price,
                amount_cents=line.amount,
            )
        )
    w.flush()


def _refuse_taken(w: Writer, number: str) -> None:
    taken = w.invoices.with_number(number)
    if taken is not None:
        raise Conflict(f"invoice number {number} is taken (#{taken.id}); give another --number")


def _issue(w: Writer, client: Client, row: Invoice, number: str | None, today: date, terms: int) -> None:
    """Give a draft its issue day, due day and number, and make it open."""
    issued_on = date.fromisoformat(row.issued_on) if row.issued_on else today
    due_on = date.fromisoformat(row.due_on) if row.due_on else issued_on + timedelta(days=terms)
    _check_days(issued_on, due_on)
    if number is not None:
        _refuse_taken(w, number)
    else:
        number = _next_number(w, client.code or _prefix(w), issued_on)
    row.number, row.issued_on, row.due_on, row.state = (
        number,
        issued_on.isoformat(),
        due_on.isoformat(),
        "open",
    )
    row.updated_at = w.at
    w.add(row)
    w.flush()


def _prefix(w: Writer) -> str:
    from kiaro_cli.core.settings import load_settings

    return load_settings(w.reader).invoice_prefix


def _next_number(w: Writer, prefix: str, issued_on: date) -> str:
    """The next number of the series of ``prefix`` and the year, past any number in use."""
    while True:
        made = money.number(prefix, issued_on.year, w.take_number(money.series(prefix, issued_on)))
        if w.invoices.with_number(made) is None:
            return made


def _ref(row: Invoice) -> str:
    return str(row.number or f"#{row.id}")


def _gross(row: Invoice) -> str:
    return money.amount_label(money.money(row.gross_cents), row.currency)


def said(row: Invoice) -> str:
    """What an issued invoice comes to, in a history line: ``1,200.00 EUR due Wed 23 Dec 2026``."""
    from kiaro_cli.dates import day_label

    return f"{_gross(row)} due {day_label(date.fromisoformat(row.due_on))}"
