"""Listings as tables that fit the terminal (see :mod:`.fit`), paged, with how many more there are."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from kiaro_cli.core.yearly import birthday_label
from kiaro_cli.render import cells
from kiaro_cli.render.console import console
from kiaro_cli.render.fit import Cell, Column, fitted_lines, fitted_table

if TYPE_CHECKING:
    from decimal import Decimal

    from kiaro_cli.core.address_records import AddressRecord
    from kiaro_cli.core.client_money import PageMoney
    from kiaro_cli.core.contacts import EmailAddress
    from kiaro_cli.core.documents import DocumentRecord
    from kiaro_cli.core.duplicates import DuplicatePair
    from kiaro_cli.core.events import EventRecord
    from kiaro_cli.core.imports import ImportResult
    from kiaro_cli.core.interactions import InteractionRecord
    from kiaro_cli.core.rates import RateRecord
    from kiaro_cli.core.reach import Reach
    from kiaro_cli.core.records import ClientRecord, ContactRecord
    from kiaro_cli.core.timeline import TimelineEntry

ID = Column("ID", justify="right")


def show_table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], *, more: int = 0) -> None:
    """Print a table fitted to the terminal, and how many rows were left out."""
    for piece in fitted_lines(columns, rows, console.width):
        console.print(piece, no_wrap=True, overflow="ignore", crop=False)
    if more:
        console.print(f"… and {more} more; use --limit N or --format csv to see them all.", style="dim")


def client_table(
    records: Iterable[ClientRecord],
    today: date,
    *,
    more: int = 0,
    hidden: int = 0,
    with_value: bool = False,
    money: PageMoney | None = None,
) -> None:
    """A page of clients; ``more`` matched but were not shown, ``hidden`` are archived matches.
    Projects and Revenue (``money``) show when a client of the page has any; sorted by revenue
    (``money.paid_elsewhere`` counted), Revenue always shows, with a line on what it leaves out."""
    from kiaro_cli.core.client_money import ListedMoney, PageMoney
    from kiaro_cli.words import counted

    money = money or PageMoney()
    columns = [
        ID,
        Column("Name", squeeze=True, min_width=20, keep=3),  # the last interaction and country give way
        Column("Status", drop=8),
        *([Column("Value", justify="right")] if with_value else []),
        Column("Projects", justify="right", drop=5),
        Column("Revenue", justify="right", drop=None if money.revenue_order else 7),
        Column(
            "Outstanding", justify="right", drop=9
        ),  # read for --outstanding and --overdue; kept the longest
        Column("Contact", squeeze=True, min_width=14, drop=6),
        Column("Email", squeeze=True, min_width=16, drop=4),
        Column("Country", drop=2),
        Column("Tags", squeeze=True, drop=3),
        Column("Last interaction", drop=1),
        Column("Follow-up"),
    ]
    listed = [(client, money.clients.get(client.id, ListedMoney())) for client in records]
    rows: list[list[Cell]] = [
        [
            str(client.id),
            client.name,
            cells.status(client.status, archived=client.archived),
            *([cells.money(client.value, None) or ""] if with_value else []),
            str(ledger.projects or ""),
            cells.money(ledger.revenue, money.currency) or "",
            _owed(ledger.owed),
            client.contact_person or "",
            client.email or "",
            client.country or "",
            ", ".join(client.tags),
            cells.day(client.last_interaction_at, today),
            cells.follow_up(client.follow_up_on, today),
        ]
        for client, ledger in listed
    ]
    if not rows:
        archived = f" ({hidden} archived; add --all)" if hidden else ""
        console.print(f"No clients match{archived}.")
        return
    show_table(columns, rows, more=more)
    if money.paid_elsewhere:
        console.print(
            f"Revenue in {money.currency} only: what {counted(money.paid_elsewhere, 'client')} paid "
            "in other currencies is not counted.",
            style="dim",
        )


def _owed(owed: Sequence[tuple[str, Decimal]]) -> str:
    """What a client has left to pay: in its first currency, and how many others ("+1")."""
    if not owed:
        return ""
    (currency, amount), *others = owed
    return (cells.money(amount, currency) or "") + (f" +{len(others)}" if others else "")


def follow_up_table(records: Sequence[ClientRecord], today: date, *, more: int = 0, empty: str) -> None:
    """Follow-ups, soonest first: who, in what status, when, and when last done."""
    if not records:
        console.print(empty)
        return
    columns = [
        ID,
        Column("Name", squeeze=True, min_width=12),
        Column("Status"),
        Column("Contact", squeeze=True, min_width=10, drop=2),
        Column("Follow-up"),
        Column("Last done", drop=1),
    ]
    rows: list[list[Cell]] = [
        [
            str(client.id),
            client.name,
            cells.status(client.status, context=True),
            client.contact_person or "",
            cells.follow_up(client.follow_up_on, today),
            cells.moment(client.last_followed_up_at, today),
        ]
        for client in records
    ]
    show_table(columns, rows, more=more)


def timeline_table(entries: Sequence[TimelineEntry], today: date, *, more: int = 0) -> None:
    """A client's history, newest first."""
    if not entries:
        console.print("No history yet.")
        return
    columns = [
        Column("When"),
        Column("What", drop=2),
        Column("Detail", squeeze=True, wrap=True, min_width=48),
        Column("By", squeeze=True, min_width=6, drop=1),
    ]
    rows: list[list[Cell]] = [
        [
            cells.moment(entry.at, today),
            Text(entry.kind, style="bold" if entry.source == "interaction" else "dim"),
            entry_text(entry),
            Text(entry.by or "", style="dim"),
        ]
        for entry in entries
    ]
    show_table(columns, rows, more=more)


def entry_text(entry: TimelineEntry) -> Text:
    """A history entry's text; an interaction's next step on a line of its own."""
    if entry.source == "activity":
        return Text(entry.detail)
    text = Text.assemble((entry.kind.capitalize(), "bold"), ": ", entry.detail)
    if entry.next_step:
        text.append(f"\nNext step: {entry.next_step}", style="dim")
    return text


def interaction_table(
    records: Sequence[InteractionRecord], today: date, *, more: int = 0, with_client: bool
) -> None:
    """Interactions, newest first."""
    if not records:
        console.print("No interactions.")
        return
    columns = [
        ID,
        Column("When"),
        Column("Type"),
        *([Column("Client", squeeze=True, min_width=10, drop=2)] if with_client else []),
        Column("Summary", squeeze=True, min_width=16, keep=2),  # the next step gives way to it
        Column("Next step", squeeze=True, min_width=12, drop=1),
    ]
    rows: list[list[Cell]] = [
        [
            str(record.id),
            cells.moment(record.occurred_at, today),
            record.type,
            *([record.client_name] if with_client else []),
            record.summary,
            record.next_step or "",
        ]
        for record in records
    ]
    show_table(columns, rows, more=more)


def event_table(events: Sequence[EventRecord], today: date, *, with_client: bool, empty: str) -> None:
    """Events, most urgent first: priority, kind, when due, client, text, and done ones marked."""
    if not events:
        console.print(empty)
        return
    columns = [
        ID,
        Column("Priority"),
        Column("Kind", drop=1),
        Column("Due"),
        *([Column("Client", squeeze=True, min_width=10, drop=3)] if with_client else []),
        Column("Text", squeeze=True, min_width=16, keep=2),  # cut on its line; the kind gives way to it
        Column("", drop=2),
    ]
    rows: list[list[Cell]] = [
        [
            str(event.id),
            cells.priority(event.priority),
            event.kind,
            cells.follow_up(event.due_on, today) if not event.done else Text(cells.day(event.due_on, today)),
            *([event.client_name] if with_client else []),
            event.text,
            "pinned" if event.sticky and not event.done else "done" if event.done else "",
        ]
        for event in events
    ]
    show_table(columns, rows)


def document_table(documents: Sequence[DocumentRecord], today: date, *, with_client: bool) -> None:
    """Documents, the newest first: name, kind, size, when added, the start of the SHA-256."""
    if not documents:
        console.print("No documents: kiaro doc add CLIENT FILE…")
        return
    from kiaro_cli.words import human_size

    columns = [
        ID,
        Column("Name", squeeze=True, min_width=16),
        Column("Kind", drop=3),
        Column("Size", justify="right"),
        Column("Added", drop=1),
        *([Column("Client", squeeze=True, min_width=10, drop=4)] if with_client else []),
        Column("SHA-256", drop=2),
    ]
    rows: list[list[Cell]] = [
        [
            str(document.id),
            document.name,
            document.kind,
            human_size(document.size),
            cells.day(document.created_at, today),
            *([document.client_name] if with_client else []),
            document.sha256[:12],
        ]
        for document in documents
    ]
    show_table(columns, rows)


def contact_table(contacts: Iterable[ContactRecord], room: int, today: date, *, fill: bool = False) -> Table:
    """A client's contacts in ``room`` characters, primary first; names are cut last.

    ``fill`` stretches the table (and its header rule) to the whole room, as in a card."""
    listed = list(contacts)
    columns = [
        ID,
        Column("Name", squeeze=True, min_width=16, keep=3),  # Title and Role give way to it
        Column("Email", squeeze=True, min_width=16, drop=4),
        Column("Phone", drop=4),
        Column("Title", squeeze=True, drop=1),
        Column("Role", drop=2),
        Column("Primary"),
        Column("Last talked", drop=3),
    ]
    rows: list[list[Cell]] = [
        [
            str(contact.id),
            contact.name,
            _labelled(contact.emails),
            _labelled(contact.phones),
            contact.job_title or "",
            contact.role,
            Text("yes", style="green") if contact.primary else "",
            cells.moment(contact.last_interaction_at, today) if contact.last_interaction_at else "",
        ]
        for contact in listed
    ]
    birthdays = [contact.birthday for contact in listed]
    if any(birthdays):  # a column only where someone has one, given way first
        columns.append(Column("Birthday", drop=0))
        for row, birthday in zip(rows, birthdays, strict=True):
            row.append(birthday_label(birthday) if birthday else "")
    return fitted_table(columns, rows, room, fill=fill)


def _labelled(entries: Sequence[Reach]) -> str:
    """A contact's emails or phones, one a line, each labelled but for work."""
    return "\n".join(f"{e.value} ({e.label})" if e.label != "work" else e.value for e in entries)


def print_contacts(contacts: Sequence[ContactRecord], today: date) -> None:
    if not contacts:
        console.print("No contacts.")
        return
    console.print(contact_table(contacts, console.width, today))


def email_table(addresses: Sequence[EmailAddress]) -> None:
    """Addresses to write to: the address, whose it is, and the client."""
    columns = [
        Column("Email", squeeze=True),
        Column("Name", squeeze=True),
        Column("Client", squeeze=True, drop=1),
    ]
    show_table(columns, [[a.email, a.name, a.client] for a in addresses])


def print_addresses(addresses: Sequence[AddressRecord]) -> None:
    if not addresses:
        console.print("No addresses: kiaro client address add CLIENT --line1 … --city … --country …")
        return
    columns = [
        ID,
        Column("Kind"),
        Column("Label", squeeze=True, drop=1),
        Column("Street", squeeze=True, min_width=16),
        Column("Town", squeeze=True, min_width=12),
        Column("Country"),
        Column("Default"),
    ]
    rows: list[list[Cell]] = [
        [
            str(address.id) if address.id is not None else "",
            address.kind,
            address.label or "",
            ", ".join(line for line in (address.line1, address.line2) if line),
            _town(address),
            address.country or "",
            Text("yes", style="green") if address.default else "",
        ]
        for address in addresses
    ]
    console.print(fitted_table(columns, rows, console.width))


def _town(address: AddressRecord) -> str:
    """ "8001 Cape Town, Western Cape": an address's postal code, city and region."""
    town = " ".join(part for part in (address.postal_code, address.city) if part)
    return ", ".join(part for part in (town, address.region) if part)


def rate_table(rates: Sequence[RateRecord], room: int, *, fill: bool = False) -> Table:
    """A client's rates: position, regular and overtime, in their currency (``fill``: the whole room)."""
    columns = [ID, Column("Position", squeeze=True, min_width=12), Column("Rate"), Column("Overtime", drop=1)]
    rows: list[list[Cell]] = [
        [
            str(rate.id),
            rate.position,
            cells.money(rate.rate, rate.currency) or "",
            cells.money(rate.overtime, rate.currency) or "",
        ]
        for rate in rates
    ]
    return fitted_table(columns, rows, room, fill=fill)


def print_rates(rates: Sequence[RateRecord]) -> None:
    if not rates:
        console.print("No rates: kiaro client rate add CLIENT POSITION --rate AMOUNT")
        return
    console.print(rate_table(rates, console.width))


def duplicate_table(pairs: Sequence[DuplicatePair]) -> None:
    """Likely duplicate pairs, why, and the command that merges them."""
    if not pairs:
        console.print("No likely duplicates.")
        return
    columns = [
        Column("Client", squeeze=True, min_width=12),
        Column("Likely the same as", squeeze=True, min_width=12),
        Column("Why", squeeze=True, min_width=10, drop=1),
        Column("Merge with"),
    ]
    rows: list[list[Cell]] = [
        [
            f"{pair.name} (#{pair.id})",
            f"{pair.other_name} (#{pair.other_id})",
            ", ".join(pair.reasons),
            Text(f"kiaro client merge {pair.id} {pair.other_id}", style="bold"),
        ]
        for pair in pairs
    ]
    show_table(columns, rows)


PREVIEW_ROWS = 20
LEFT_OUT_SHOWN = 12  # columns an import left out, named before "and N more"


def left_out_columns(left_out: Sequence[str]) -> str:
    """The line naming the columns of a file an import did not read."""
    names = ", ".join(repr(c) for c in left_out[:LEFT_OUT_SHOWN])
    if len(left_out) > LEFT_OUT_SHOWN:
        names += f" and {len(left_out) - LEFT_OUT_SHOWN} more (--format json lists them all)"
    return f"Left out columns: {names}. --map COLUMN=field imports one."


def import_preview(result: ImportResult) -> None:
    """What an import did (or, with --dry-run, would do): the first rows, the columns left
    out and the countries as read."""
    from kiaro_cli.core.imports import iter_preview
    from kiaro_cli.places import country_name
    from kiaro_cli.search import fold

    plan = result.plan
    actions = list(iter_preview(plan, PREVIEW_ROWS))
    if actions:
        columns = [
            Column("Line", justify="right"),
            Column("Action"),
            Column("Name", squeeze=True, min_width=12),
            Column("Contact", squeeze=True, min_width=10, drop=3),
            Column("Email", squeeze=True, min_width=12, drop=2),
            Column("Country", squeeze=True, drop=1),
            Column("Status"),
        ]
        rows: list[list[Cell]] = [
            [
                str(line),
                Text(action, style="green" if action == "add" else "yellow"),
                str(values.get("name", "")),
                str(values.get("contact_person") or ""),
                str(values.get("email") or ""),
                country_name(str(values["country"])) if values.get("country") else "",
                str(values.get("status") or ("" if action == "update" else "active")),
            ]
            for action, line, values in actions
        ]
        shown = plan.added + len(plan.updates) + plan.merged
        show_table(columns, rows)
        if shown > len(actions):
            console.print(f"… and {shown - len(actions)} more", style="dim")
    if plan.unknown_columns:
        console.print(Text(left_out_columns(plan.unknown_columns), style="yellow"))
    read = [
        (text, code)
        for text, code in plan.countries.items()
        if code and text.upper() != code and fold(text) != fold(country_name(code))
    ]
    if read:
        shown_read = ", ".join(
            f"'{text}' → {code} ({country_name(code)})" for text, code in read[:PREVIEW_ROWS]
        )
        more = f" and {len(read) - PREVIEW_ROWS} more" if len(read) > PREVIEW_ROWS else ""
        console.print(Text(f"Countries read: {shown_read}{more}", style="dim"))
