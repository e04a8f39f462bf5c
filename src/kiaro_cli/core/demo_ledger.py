"""The sample studio's money: a few projects (one late), quotes in every state, and invoices
paid, partly paid, overdue, a draft and a void one, mostly in euros and one in dollars.

Written as rows after the clients, dated from ``today`` (days before it are negative) and
numbered as issued ones are: ``Q-YYYY-NNN`` for quotes, ``CODE-YYYY-NNN`` for invoices (the
client's code, else the ``invoice-prefix`` setting), taken in the order they were made from
the same series later ones continue. Each is recorded on its client's timeline on its day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from kiaro_cli.core.money import amount_label, money, number, series, totals

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Writer

EURO_VAT = 2000  # the studio charges 20% VAT on its work in euros; 0 abroad
TERMS = 30  # days to pay


@dataclass(frozen=True)
class SampleProject:
    key: str  # how the quotes and invoices below name it
    client: str
    name: str
    status: str
    budget: int  # whole units of the client's currency
    start: int
    deadline: int
    end: int | None = None


@dataclass(frozen=True)
class SampleQuote:
    client: str
    title: str
    net: int
    issued: int
    valid: int
    status: str
    project: str | None = None


@dataclass(frozen=True)
class SampleInvoice:
    client: str
    title: str
    net: int
    issued: int
    state: str  # draft, open or void
    payments: tuple[tuple[int, int], ...] = ()  # (day, amount)
    project: str | None = None


PROJECTS = (
    SampleProject("labels", "Nordlicht Brewing", "Label redesign", "active", 6000, -62, 20),
    SampleProject("web", "Kobalt Labs", "Website relaunch", "active", 12000, -90, -5),  # late
    SampleProject("winter", "Alpen Chalets", "Winter campaign", "planned", 4500, 7, 60),
    SampleProject("book", "Studio Meridian", "Brand book", "done", 3200, -150, -100, -102),
    SampleProject("enrol", "Summit Schools", "Enrolment site", "active", 9000, -40, 45),
)
QUOTES = (
    SampleQuote("Greenline Transit", "Timetable redesign", 7500, -120, -90, "declined"),
    SampleQuote("Kobalt Labs", "Website relaunch", 12000, -95, -65, "accepted", "web"),
    SampleQuote("Nordlicht Brewing", "Label redesign", 6000, -65, -35, "accepted", "labels"),
    SampleQuote("Maple & Co", "Rebrand, first phase", 5200, -50, -20, "sent"),  # expired
    SampleQuote("Vela Yachts", "Catalogue and price list", 3000, -40, -10, "declined"),
    SampleQuote("Alpen Chalets", "Winter campaign", 4500, -12, 18, "accepted", "winter"),
    SampleQuote("Atelier Sauvage", "Spring lookbook", 4800, -10, 20, "sent"),
    SampleQuote("Casa Olivo", "Menu and signage", 2400, -2, 28, "draft"),
)
INVOICES = (
    SampleInvoice("Wildflower Weddings", "Season album", 980, -160, "open", ((-140, 1176),)),
    SampleInvoice("Saffron Kitchen", "Menu photography", 1400, -130, "open", ((-110, 1680),)),
    SampleInvoice("Studio Meridian", "Brand book", 3200, -100, "open", ((-85, 3840),), "book"),
    SampleInvoice("Kobalt Labs", "Website relaunch: deposit", 6000, -85, "open", ((-70, 7200),), "web"),
    SampleInvoice("Moss & Stone", "Showroom styling", 3600, -70, "open", ((-50, 4320),)),
    SampleInvoice("Nordlicht Brewing", "Labels: first half", 3000, -55, "open", ((-40, 3600),), "labels"),
    SampleInvoice("Nordlicht Brewing", "Labels: first half", 3000, -54, "void", (), "labels"),  # sent twice
    SampleInvoice("Kobalt Labs", "Website relaunch: second part", 6000, -40, "open", (), "web"),  # overdue
    SampleInvoice("Summit Schools", "Enrolment site: design", 4500, -28, "open", ((-12, 2000),), "enrol"),
    SampleInvoice("Lumen Dental", "Clinic signage", 1850, -25, "open"),
    SampleInvoice("Harbour & Pine", "Spring brochure", 2250, -20, "open", ((-6, 1200),)),  # partly paid
    SampleInvoice("Alpen Chalets", "Winter campaign: deposit", 2250, -1, "draft", (), "winter"),
)  # fmt: skip
CURRENCIES = {"US": "USD"}  # a client's currency by its country; else the workspace's (EUR)


def first_day(client: str, today: date) -> date | None:
    """The day the sample's money of ``client`` starts (the client was added before it)."""
    days = [p.start for p in PROJECTS if p.client == client]
    days += [q.issued for q in QUOTES if q.client == client]
    days += [i.issued for i in INVOICES if i.client == client]
    return today + timedelta(days=min(days)) if days else None


@dataclass(frozen=True)
class LedgerMade:
    projects: int
    quotes: int
    invoices: int


def make_ledger(w: Writer, today: date, clients: dict[str, int]) -> LedgerMade:
    """The sample's projects, quotes, invoices and payments, for ``clients`` (name → id)."""
    projects = {p.key: _project(w, p, today, clients[p.client]) for p in PROJECTS}
    for quote in QUOTES:
        _quote(w, quote, today, clients[quote.client], projects)
    for invoice in INVOICES:
        _invoice(w, invoice, today, clients[invoice.client], projects)
    return LedgerMade(len(PROJECTS), len(QUOTES), len(INVOICES))


def _on(w: Writer, today: date, offset: int, hour: int = 10) -> str:
    """Stamp what ``w`` writes next on the day ``offset`` days from today; that day, ISO."""
    day = today + timedelta(days=offset)
    w.journal.at = datetime.combine(min(day, today), time(hour), tzinfo=UTC).isoformat()
    return day.isoformat()


def _currency(w: Writer, client_id: int) -> str:
    return str(w.clients.get(client_id).currency or "EUR")


def _project(w: Writer, sample: SampleProject, today: date, client_id: int) -> int:
    from kiaro_cli.storage.rows import Project

    _on(w, today, min(sample.start, 0) - 3)  # set up a few days before the work starts
    row = Project(
        client_id=client_id, name=sample.name, status=sample.status, budget_cents=sample.budget * 100,
        currency=_currency(w, client_id), start_date=(today + timedelta(days=sample.start)).isoformat(),
        deadline=(today + timedelta(days=sample.deadline)).isoformat(),
        end_date=None if sample.end is None else (today + timedelta(days=sample.end)).isoformat(),
        created_at=w.at, updated_at=w.at,
    )  # fmt: skip
    w.add(row)
    w.flush()
    assert row.id is not None
    w.journal.record(client_id, "project added", f"Project added: {sample.name}", project_id=row.id)
    return int(row.id)


def _quote(w: Writer, sample: SampleQuote, today: date, client_id: int, projects: dict[str, int]) -> None:
    from kiaro_cli.storage.rows import Quote

    issued = _on(w, today, sample.issued)
    currency = _currency(w, client_id)
    rate = EURO_VAT if currency == "EUR" else 0
    made = totals(sample.net * 100, rate)
    quote_number = number("Q", int(issued[:4]), w.take_number(series("Q", date.fromisoformat(issued))))
    row = Quote(
        client_id=client_id, project_id=projects.get(sample.project or ""), number=quote_number,
        title=sample.title, issued_on=issued, valid_until=(today + timedelta(days=sample.valid)).isoformat(),
        currency=currency, net_cents=made.net, vat_rate_bp=rate, vat_cents=made.vat, gross_cents=made.gross,
        status=sample.status, created_at=w.at, updated_at=w.at,
    )  # fmt: skip
    w.add(row)
    w.flush()
    said = f"Quote {quote_number} added: {amount_label(money(made.net), currency)}"
    w.journal.record(client_id, "quote added", said, quote_id=row.id)
    if sample.status in ("accepted", "declined"):
        _on(w, today, min(sample.issued + 7, 0), 15)
        w.journal.record(
            client_id, f"quote {sample.status}", f"Quote {quote_number} {sample.status}", quote_id=row.id
        )


def _invoice(w: Writer, sample: SampleInvoice, today: date, client_id: int, projects: dict[str, int]) -> None:
    from kiaro_cli.core.settings import load_settings
    from kiaro_cli.storage.rows import Invoice, InvoiceLine, Payment

    issued = _on(w, today, sample.issued)
    client = w.clients.get(client_id)
    currency = _currency(w, client_id)
    rate = EURO_VAT if currency == "EUR" else 0
    made = totals(sample.net * 100, rate)
    invoice_number = None
    if sample.state != "draft":
        prefix = str(client.code or load_settings(w.reader).invoice_prefix).upper()
        invoice_number = number(
            prefix, int(issued[:4]), w.take_number(series(prefix, date.fromisoformat(issued)))
        )
    paid = sum(amount for _, amount in sample.payments) * 100
    due = date.fromisoformat(issued) + timedelta(days=TERMS)
    row = Invoice(
        client_id=client_id, project_id=projects.get(sample.project or ""), number=invoice_number,
        title=sample.title, issued_on=issued, due_on=due.isoformat(),
        currency=currency, net_cents=made.net, vat_rate_bp=rate, vat_cents=made.vat, gross_cents=made.gross,
        paid_cents=paid, state=sample.state, created_at=w.at, updated_at=w.at,
        paid_on=(today + timedelta(days=sample.payments[-1][0])).isoformat() if paid >= made.gross else None,
    )  # fmt: skip
    w.add(row)
    w.flush()
    w.add(InvoiceLine(invoice_id=row.id, position=1, description=sample.title, quantity_milli=1000,
                      unit_price_cents=made.net, amount_cents=made.net))  # fmt: skip
    gross = amount_label(money(made.gross), currency)
    if invoice_number is None:
        w.journal.record(client_id, "invoice added", f"Draft invoice added: {gross}", invoice_id=row.id)
        return
    said = f"Invoice {invoice_number} issued: {gross} due {row.due_on}"
    w.journal.record(client_id, "invoice issued", said, invoice_id=row.id)
    for day, amount in sample.payments:
        paid_on = _on(w, today, day, 14)
        w.add(Payment(invoice_id=row.id, client_id=client_id, paid_on=paid_on, amount_cents=amount * 100,
                      currency=currency, method="bank transfer", created_at=w.at))  # fmt: skip
        said = f"Payment of {amount_label(money(amount * 100), currency)} for {invoice_number}"
        w.journal.record(client_id, "payment added", said, invoice_id=row.id)
    if sample.state == "void":
        _on(w, today, sample.issued + 1, 11)
        w.journal.record(client_id, "invoice voided", f"Invoice {invoice_number} voided", invoice_id=row.id)
