"""One client as cards, a document's card, and the command bar's plan."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kiaro_cli.core.address_records import AddressRecord, billing_address
from kiaro_cli.core.cadence import describe_cadence
from kiaro_cli.core.fields import CLIENT_FIELDS
from kiaro_cli.core.records import ClientRecord, ContactRecord, Settings
from kiaro_cli.dates import short_day
from kiaro_cli.declarations import Field
from kiaro_cli.declarations.client import CLIENT
from kiaro_cli.render import cells
from kiaro_cli.render.console import console
from kiaro_cli.render.money_card import money_card
from kiaro_cli.render.tables import contact_table, entry_text, rate_table

if TYPE_CHECKING:
    from pathlib import Path

    from kiaro_cli.core.client_dates import ClientDateRecord
    from kiaro_cli.core.documents import DocumentRecord
    from kiaro_cli.core.events import EventRecord
    from kiaro_cli.core.views import ClientView, LastInteraction

PANEL_FRAME = 4  # a panel's borders and padding take this many columns


def client_cards(view: ClientView, today: date) -> None:
    """The client as cards: banner, pinned events, Identity, Company and Custom fields (when
    known), Contacts, Billing address, Billing, Rates and Money (when any), Follow-up,
    Relationship, Notes, Recent activity."""
    client, contacts, recent, settings = view.client, view.contacts, view.recent, view.settings
    if client.missing_fields:
        missing = ", ".join(CLIENT_FIELDS[key].label for key in client.missing_fields)
        console.print(
            Panel(
                Text.assemble(
                    ("Missing invoice details: ", "bold"),
                    missing,
                    "\n",
                    ("Fill them in with ", ""),
                    (f"kiaro client complete {client.id}", "bold"),
                ),
                style="dark_orange",
                box=box.HEAVY,
            )
        )
    title = Text(client.name, style="bold")
    title.append(f"  #{client.id}", style="dim")
    if client.archived:
        title.append("  archived", style="dim")
    console.print(title)
    if view.pinned:
        console.print(_pinned_card(view.pinned, today))
    console.print(_card("Identity", field_lines(client, "Identity")))
    company = _company_card(client)
    if company is not None:
        console.print(company)
    custom = [(fld.title, _custom_value(fld.type, client.custom.get(fld.key))) for fld in view.fields]
    if any(value is not None for _, value in custom):
        console.print(_card("Custom fields", custom))
    console.print(_contacts_card(client, contacts, today))
    billing = billing_address(view.addresses)
    console.print(
        _card(
            "Billing address",
            [
                ("Bill to", client.billing_name),
                ("Address", billing.line1 if billing else None),
                ("", billing.line2 if billing else None),
                ("City", billing.city if billing else None),
                ("Region", billing.region if billing else None),
                ("Postal code", billing.postal_code if billing else None),
                ("Country", _country(billing.country if billing else None)),
            ],
        )
    )
    if len(view.addresses) > 1:
        console.print(_addresses_card(view.addresses))
    console.print(_billing_card(client, settings, view.hint))
    if view.rates:
        body = rate_table(view.rates, console.width - PANEL_FRAME, fill=True)
        console.print(Panel(body, title="Rates", title_align="left", box=box.ROUNDED))
    if view.dates:
        console.print(_card("Dates", [(_day(day.date, today), _date_line(day)) for day in view.dates]))
    money = money_card(view.money, today, console.width - PANEL_FRAME)
    if money is not None:
        console.print(money)
    next_up = cells.follow_up_in_full(client.follow_up_on, today) if client.follow_up_on else "none scheduled"
    every = describe_cadence(client["cadence"]) if client["cadence"] else None
    console.print(
        _card(
            "Follow-up",
            [
                ("Next", next_up),
                ("Cadence", every),
                ("Last done", cells.moment_in_full(client.last_followed_up_at)),
            ],
        )
    )
    console.print(
        _card(
            "Relationship",
            [
                ("Interactions", str(view.interactions)),
                ("Documents", f"{view.documents}  (kiaro doc list {client.id})" if view.documents else None),
                ("Last interaction", last_interaction(view.last, today)),
                ("Last activity", cells.moment_in_full(client.last_activity_at)),
            ],
        )
    )
    if client.notes:
        console.print(Panel(Text(client.notes), title="Notes", title_align="left", box=box.ROUNDED))
    if recent:
        console.print(_card("Recent activity", [(cells.moment(e.at, today), entry_text(e)) for e in recent]))
        console.print(Text(f"Full history: kiaro client timeline {client.id}", style="dim"))


def last_interaction(last: LastInteraction | None, today: date) -> str | None:
    """The latest logged interaction with its summary; or the day the record keeps, saying
    when an import brought it."""
    if last is None:
        return None
    if last.kind is not None:
        return f"{cells.moment(last.at, today)}  {last.kind}: {last.summary}"
    return cells.day(last.at, today) + (
        " (before the import; see the timeline)" if last.before_import else ""
    )


def _addresses_card(addresses: Sequence[AddressRecord]) -> Panel:
    rows: list[tuple[str, Any]] = []
    for address in addresses:
        kind = f"#{address.id} {address.kind}" + (" (default)" if address.default else "")
        said = f"{address.label}: {address.one_line()}" if address.label else address.one_line()
        rows.append((kind, said))
    return _card("Addresses", rows)


def _company_card(client: ClientRecord) -> Panel | None:
    """The company profile, when anything of it is known."""
    rows = field_lines(client, "Company")
    if all(value in (None, "") for _, value in rows):
        return None
    return _card("Company", rows)


def field_lines(client: ClientRecord, card: str) -> list[tuple[str, Any]]:
    """The lines of a card that shows the client's fields, as the declaration lists them."""
    return [(declared.card, _shown(client, declared)) for declared in CLIENT.card(card)]


def _shown(client: ClientRecord, declared: Field) -> Any:
    """A field's value as a card shows it (None: no line), by the form its declaration names."""
    value = client[declared.key]
    if value is None or value is False or (isinstance(value, str | tuple | list) and not value):
        return None
    form = declared.shown
    if form in FORMS:
        return FORMS[form](client, value)
    said = form.format(value) if "{}" in form else form or str(value)
    if declared.effective is not None and client[declared.effective.own] in (None, ""):
        said += "  (workspace default)"
    return said


# How a card shows a field, by the name its declaration gives the form.
FORMS: dict[str, Callable[[ClientRecord, Any], Any]] = {
    "status": lambda client, value: cells.status(value),
    "list": lambda client, value: ", ".join(value),
    "money": lambda client, value: cells.money(value, client.effective_currency),
    "day": lambda client, value: cells.moment_in_full(value),
    "language": lambda client, value: _language(value),
    "one line": lambda client, value: _one_line(value),
    "groups of four": lambda client, value: " ".join(value[i : i + 4] for i in range(0, len(value), 4)),
}


def _pinned_card(events: Sequence[EventRecord], today: date) -> Panel:
    """The sticky open events, most urgent first: priority, kind, when due, text, id."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for event in events:
        line = Text(event.kind)
        if event.due_on:
            line.append("  ·  due ", style="dim")
            line.append_text(cells.follow_up(event.due_on, today))
        line.append("  ·  ")
        line.append(event.text.splitlines()[0])
        line.append(f"  #{event.id}", style="dim")
        grid.add_row(cells.priority(event.priority), line)
    return Panel(grid, title="Pinned", title_align="left", box=box.HEAVY, style="")


def document_card(document: DocumentRecord, path: Path) -> None:
    """One document: what it is, whose, how large, when added; then where its file is, whole."""
    from kiaro_cli.words import human_size

    rows: list[tuple[str, Any]] = [
        ("Client", f"{document.client_name} (#{document.client_id})"),
        ("Kind", document.kind),
        (
            "Size",
            human_size(document.size) + (f" ({document.size:,} bytes)" if document.size >= 1024 else ""),
        ),
        ("Added", cells.moment_in_full(document.created_at)),
        ("Note", document.note),
        ("SHA-256", _one_line(document.sha256)),
    ]
    console.print(_card(f"{document.name}  #{document.id}", rows))
    console.print(Text("File:", style="dim"))
    console.print(Text(str(path)), soft_wrap=True)  # whole, on its own line, to be copied


def _custom_value(kind: str, value: Any) -> str | None:
    """A custom value as people read it: 1,250 · Thu 15 Oct 2026 · yes."""
    if value is None:
        return None
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "date":
        return cells.moment_in_full(str(value))
    if kind == "number":
        return f"{value:,}"
    return str(value)


def _one_line(address: str | None) -> Text | None:
    """An address that is cut with "…" rather than broken across lines."""
    return None if not address else Text(address, no_wrap=True, overflow="ellipsis")


def _language(code: str | None) -> str | None:
    if not code:
        return None
    from kiaro_cli.places import language_name

    return f"{language_name(code)} ({code})"


def _country(code: str | None) -> str | None:
    if not code:
        return None
    from kiaro_cli.places import country_name

    return f"{country_name(code)} ({code})"


def _day(stored: str, today: date) -> str:
    """A stored day as a friendly one; anything else a row may hold there, as stored."""
    from kiaro_cli.core.records import stored_day

    day = stored_day(stored)
    return stored if day is None else short_day(day, today)


def _date_line(day: ClientDateRecord) -> str:
    return f"{day.label}, every year" if day.yearly else day.label


def _card(title: str, rows: Sequence[tuple[str, Any]]) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")  # an email or a website shown whole, to copy
    for label, value in rows:
        if value is None or value == "":
            continue
        grid.add_row(label, value if isinstance(value, Text) else Text(str(value)))
    body: Any = grid if grid.row_count else Text("—", style="dim")
    return Panel(body, title=Text(title), title_align="left", box=box.ROUNDED)


def _contacts_card(client: ClientRecord, contacts: Sequence[ContactRecord], today: date) -> Panel:
    if not contacts:  # the hint names the client by its id: a name may need quoting, an id never does
        body: Any = Text(f"No contacts yet: kiaro contact add {client.id} --name NAME", style="dim")
    else:
        body = contact_table(contacts, console.width - PANEL_FRAME, today, fill=True)
    return Panel(body, title="Contacts", title_align="left", box=box.ROUNDED)


def _billing_card(client: ClientRecord, settings: Settings, hint: str | None) -> Panel:
    currency = client.effective_currency or "not set"
    if client.currency_from_default:
        currency += "  (workspace default)"
    elif not client.currency and not client.effective_currency:
        currency += "  (kiaro settings set default-currency EUR)"
    vat = f"{client.effective_vat_rate}%"
    if client.vat_rate_from_default:
        vat += "  (workspace default)" if settings.default_vat_rate is not None else "  (no rate set: 0)"
    rows = [
        (label, {"effective_currency": currency, "effective_vat_rate": vat}.get(declared.key, said))
        for declared, (label, said) in zip(
            CLIENT.card("Billing"), field_lines(client, "Billing"), strict=True
        )
    ]
    body: Any = _card("Billing", rows).renderable
    if hint:
        body = Group(body, Text(hint, style="yellow"))
    return Panel(body, title="Billing", title_align="left", box=box.ROUNDED)


def plan_card(lines: Sequence[str], *, title: str, notes: Sequence[str] = ()) -> None:
    """The command bar's confirm card: each action of the plan, numbered when there are several
    (a long action wraps under its own text), then ``notes`` on how the sentence was read, dim."""
    body = Table.grid(padding=(0, 1))
    if len(lines) > 1:
        body.add_column(justify="right")
    body.add_column(overflow="fold")
    for number, line in enumerate(lines, 1):
        body.add_row(*([f"{number}."] if len(lines) > 1 else []), Text(line))
    for note in notes:
        body.add_row(*([""] if len(lines) > 1 else []), Text(note, style="dim"))
    console.print(Panel(body, title=Text(title), title_align="left", box=box.ROUNDED))
