"""Everything people read in a terminal: Rich tables, cards, the home screen.

The only module that imports Rich. Colour is off when ``NO_COLOR`` is set or
stdout is not a terminal (Rich's own rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from rich import box
from rich.columns import Columns
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kiaro_cli.core.records import ClientRecord, ContactRecord, Settings, status_context

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from kiaro_cli.core.duplicates import DuplicatePair
    from kiaro_cli.core.home import HomeSummary
    from kiaro_cli.core.imports import Plan
    from kiaro_cli.core.interactions import InteractionRecord
    from kiaro_cli.core.timeline import TimelineEntry
from kiaro_cli.dates import describe

console = Console(highlight=False)

STATUS_STYLE = {"lead": "cyan", "active": "green", "inactive": "yellow", "past": "dim"}
FIELD_LABELS = {
    "contact_person": "contact person",
    "email": "email",
    "address_line1": "address",
    "city": "city",
    "postal_code": "postal code",
    "country": "country",
}


def _status(status: str) -> Text:
    return Text(status, style=STATUS_STYLE.get(status, ""))


def _follow_up(value: str | None, today: date) -> Text:
    if not value:
        return Text("")
    day = date.fromisoformat(value)
    style = "bold red" if day < today else "bold yellow" if day == today else ""
    return Text(f"{value} ({describe(day, today)})", style=style)


def client_table(records: Iterable[ClientRecord], today: date, *, more: int = 0) -> None:
    """A page of clients; ``more`` says how many matching rows were not shown."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    columns = ("ID", "Name", "Status", "Contact", "Email", "Country", "Tags", "Last interaction", "Follow-up")
    for column in columns:
        table.add_column(column, justify="right" if column == "ID" else "left", overflow="fold")
    shown = 0
    for client in records:
        name = Text(client.name)
        if client.archived:
            name.append(" (archived)", style="dim")
        table.add_row(
            str(client.id),
            name,
            _status(client.status),
            client.contact_person or "",
            client.email or "",
            client.country or "",
            ", ".join(client.tags),
            client.last_interaction_at or "",
            _follow_up(client.follow_up_on, today),
        )
        shown += 1
    if not shown:
        console.print("No clients match.")
        return
    console.print(table)
    _more(more)


def _more(count: int) -> None:
    if count:
        console.print(f"… and {count} more; use --limit N or --format csv to see them all.", style="dim")


def client_cards(
    client: ClientRecord,
    contacts: Sequence[ContactRecord],
    recent: Sequence[TimelineEntry],
    interactions: int,
    settings: Settings,
    hint: str | None,
    today: date,
) -> None:
    """The client as cards: banner, Identity, Contacts, Billing address, Billing, Follow-up,
    Relationship, Notes, Recent activity."""
    if client.missing_fields:
        missing = ", ".join(FIELD_LABELS[key] for key in client.missing_fields)
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
    console.print(
        _card(
            "Identity",
            [
                ("Status", _status(client.status)),
                ("Legal name", client.legal_name),
                ("Code", client.code),
                ("Email", client.email),
                ("Phone", client.phone),
                ("Website", client.website),
                ("Industry", client.industry),
                ("Source", client.source),
                ("Tags", ", ".join(client.tags) or None),
                ("Value", _money(client.value, client.effective_currency)),
                ("Start", client.start_date),
                ("End", client.end_date),
            ],
        )
    )
    console.print(_contacts_card(contacts))
    console.print(
        _card(
            "Billing address",
            [
                ("Bill to", client.billing_name),
                ("Address", client.address_line1),
                ("", client.address_line2),
                ("City", client.city),
                ("Region", client.region),
                ("Postal code", client.postal_code),
                ("Country", _country(client.country)),
            ],
        )
    )
    console.print(_billing_card(client, settings, hint))
    console.print(
        _card(
            "Follow-up",
            [
                ("Next", _follow_up(client.follow_up_on, today) if client.follow_up_on else "none scheduled"),
                ("Last done", client.last_followed_up_at),
            ],
        )
    )
    console.print(
        _card(
            "Relationship",
            [
                ("Interactions", str(interactions)),
                ("Last interaction", _last_interaction(recent)),
                ("Last activity", (client.last_activity_at or "")[:10] or None),
            ],
        )
    )
    if client.notes:
        console.print(Panel(Text(client.notes), title="Notes", title_align="left", box=box.ROUNDED))
    if recent:
        console.print(_card("Recent activity", [(e.at[:10], _entry_text(e)) for e in recent]))
        console.print(Text(f"Full history: kiaro client timeline {client.id}", style="dim"))


def _last_interaction(recent: Sequence[TimelineEntry]) -> str | None:
    latest = next((e for e in recent if e.source == "interaction"), None)
    return f"{latest.at}  {latest.kind}: {latest.detail.splitlines()[0]}" if latest else None


def _entry_text(entry: TimelineEntry) -> Text:
    if entry.source == "activity":
        return Text(entry.detail)
    text = Text.assemble((entry.kind.capitalize(), "bold"), ": ", entry.detail)
    if entry.next_step:
        text.append(f"\nNext step: {entry.next_step}", style="dim")
    return text


def timeline_table(entries: Sequence[TimelineEntry], *, more: int = 0) -> None:
    """A client's history, newest first."""
    if not entries:
        console.print("No history yet.")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("When", no_wrap=True)
    table.add_column("What", no_wrap=True)
    table.add_column("Detail", overflow="fold")
    for entry in entries:
        when = entry.at[:16].replace("T", " ") if entry.source == "activity" else entry.at
        what = Text(entry.kind, style="bold" if entry.source == "interaction" else "dim")
        table.add_row(when, what, _entry_text(entry) if entry.source == "interaction" else entry.detail)
    console.print(table)
    _more(more)


def interaction_table(records: Sequence[InteractionRecord], *, more: int = 0, with_client: bool) -> None:
    """Interactions, newest first."""
    if not records:
        console.print("No interactions.")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    columns = ["ID", "Day", "Type", *(["Client"] if with_client else []), "Summary", "Next step"]
    for column in columns:
        table.add_column(column, justify="right" if column == "ID" else "left", overflow="fold")
    for record in records:
        cells = [str(record.id), record.occurred_at, record.type]
        if with_client:
            cells.append(record.client_name)
        table.add_row(*cells, record.summary, record.next_step or "")
    console.print(table)
    _more(more)


def _country(code: str | None) -> str | None:
    if not code:
        return None
    from kiaro_cli.places import country_name

    return f"{country_name(code)} ({code})"


def _money(value: Any, currency: str | None) -> str | None:
    if value is None:
        return None
    return f"{value:,.2f} {currency or ''}".strip()


def _card(title: str, rows: Sequence[tuple[str, Any]]) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value is None or value == "":
            continue
        grid.add_row(label, value if isinstance(value, Text) else Text(str(value)))
    body: Any = grid if grid.row_count else Text("—", style="dim")
    return Panel(body, title=title, title_align="left", box=box.ROUNDED)


def _contacts_card(contacts: Sequence[ContactRecord]) -> Panel:
    if not contacts:
        return Panel(
            Text("No contacts yet: kiaro contact add CLIENT --name NAME", style="dim"),
            title="Contacts",
            title_align="left",
            box=box.ROUNDED,
        )
    return Panel(contact_table(contacts), title="Contacts", title_align="left", box=box.ROUNDED)


def _billing_card(client: ClientRecord, settings: Settings, hint: str | None) -> Panel:
    currency = client.effective_currency or "not set"
    if client.currency_from_default:
        currency += "  (workspace default)"
    elif not client.currency and not client.effective_currency:
        currency += "  (kiaro settings set default-currency EUR)"
    vat = f"{client.effective_vat_rate}%"
    if client.vat_rate_from_default:
        vat += "  (workspace default)" if settings.default_vat_rate is not None else "  (no rate set: 0)"
    rows: list[tuple[str, Any]] = [
        ("Currency", currency),
        ("VAT rate", vat),
        ("VAT number", client.vat_number),
    ]
    body: Any = _card("Billing", rows).renderable
    if hint:
        body = Group(body, Text(hint, style="yellow"))
    return Panel(body, title="Billing", title_align="left", box=box.ROUNDED)


def contact_table(contacts: Iterable[ContactRecord]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("ID", "Name", "Email", "Phone", "Title", "Role", ""):
        table.add_column(column, overflow="fold")
    for contact in contacts:
        table.add_row(
            str(contact.id),
            contact.name,
            contact.email or "",
            contact.phone or "",
            contact.job_title or "",
            contact.role,
            Text("primary", style="green") if contact.primary else "",
        )
    return table


def print_contacts(contacts: Sequence[ContactRecord]) -> None:
    if not contacts:
        console.print("No contacts.")
        return
    console.print(contact_table(contacts))


def settings_table(values: Mapping[str, str | None]) -> None:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Setting")
    table.add_column("Value")
    for key, value in values.items():
        table.add_row(key, Text(value) if value else Text("not set", style="dim"))
    console.print(table)


FIRST_COMMANDS = (
    ('kiaro client quick-add "Acme" --follow-up 1w', "capture a lead"),
    ("kiaro client add", "an invoice-ready client"),
    ('kiaro settings set owner-name "Your Name"', "sign your drafts"),
    ("kiaro --help", "everything else"),
)


def welcome() -> None:
    """What an empty database shows: what kiaro is and the first commands to try."""
    console.print(
        Panel(
            Text.assemble(
                ("Welcome to kiaro", "bold"),
                ": your clients, contacts and follow-ups, in one local file.\n\n",
                ("Start with:\n", "bold"),
                "\n".join(f"  {command:<46} {purpose}" for command, purpose in FIRST_COMMANDS),
            ),
            box=box.ROUNDED,
        )
    )


def home(summary: HomeSummary, today: date) -> None:
    """Due follow-ups as cards (with how to see the rest), then quick counts."""
    title = Text(f"{today:%A} {today.day} {today:%B}", style="bold")
    console.print(title)
    if summary.due:
        console.print(Columns([_due_card(client, today) for client in summary.due]))
        if summary.due_count > len(summary.due):
            console.print(Text(f"{summary.due_count} due — kiaro followup due", style="bold"))
    else:
        console.print(Text("Nothing due today.", style="green"))
    parts = [_count(summary.by_status.get(s, 0), status_context(s).lower()) for s in STATUS_STYLE]
    console.print(Text("  ·  ".join(parts), style="dim"))
    if summary.missing_invoice_details:
        console.print(
            Text(
                f"{_count(summary.missing_invoice_details, 'client')} missing invoice details: "
                "kiaro client list --missing",
                style="dark_orange",
            )
        )


def _due_card(client: ClientRecord, today: date) -> Panel:
    assert client.follow_up_on, "a due client has a follow-up date"
    due = date.fromisoformat(client.follow_up_on)
    when = "due today" if due == today else describe(due, today)
    lines = Text.assemble(
        (status_context(client.status), STATUS_STYLE.get(client.status, "")),
        "  ·  ",
        (when, "bold red" if due < today else "bold yellow"),
    )
    if client.contact_person:
        lines.append(f"\n{client.contact_person}")
    lines.append(f"\nkiaro followup draft {client.id}", style="bold")
    return Panel(lines, title=Text(client.name, style="bold"), title_align="left", box=box.ROUNDED)


def follow_up_table(records: Sequence[ClientRecord], today: date, *, more: int = 0, empty: str) -> None:
    """Follow-ups, soonest first: who, in what status, when, and when last done."""
    if not records:
        console.print(empty)
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("ID", "Name", "Status", "Contact", "Follow-up", "Last done"):
        table.add_column(
            column,
            justify="right" if column == "ID" else "left",
            no_wrap=column in ("Follow-up", "Last done"),
        )
    for client in records:
        table.add_row(
            str(client.id),
            client.name,
            Text(status_context(client.status), style=STATUS_STYLE.get(client.status, "")),
            client.contact_person or "",
            _follow_up(client.follow_up_on, today),
            (client.last_followed_up_at or "")[:10],
        )
    console.print(table)
    _more(more)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


PREVIEW_ROWS = 20


def import_preview(plan: Plan, *, dry_run: bool) -> None:
    """What an import did (or, with --dry-run, would do): counts, the first rows, what was left out."""
    from kiaro_cli.core.imports import iter_preview

    actions = list(iter_preview(plan, PREVIEW_ROWS))
    if actions:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for column in ("Line", "Action", "Name", "Email", "Country", "Status"):
            table.add_column(column, justify="right" if column == "Line" else "left", overflow="fold")
        for action, line, values in actions:
            table.add_row(
                str(line),
                Text(action, style="green" if action == "add" else "yellow"),
                str(values.get("name", "")),
                str(values.get("email") or ""),
                str(values.get("country") or ""),
                str(values.get("status") or ("" if action == "update" else "active")),
            )
        console.print(table)
        shown = len(plan.adds) + len(plan.updates)
        if shown > len(actions):
            console.print(f"… and {shown - len(actions)} more", style="dim")
    for line, reason in plan.skips[:PREVIEW_ROWS]:
        console.print(f"line {line}: skipped, {reason}", style="dim")
    if plan.unknown_columns:
        columns = ", ".join(repr(c) for c in plan.unknown_columns)
        console.print(
            Text(
                f"Left out unknown columns: {columns} (use --map COLUMN=field to import one)", style="yellow"
            )
        )
    verb = ("Would add", "would update", "would skip") if dry_run else ("Added", "updated", "skipped")
    summary = (
        f"{verb[0]} {_count(len(plan.adds), 'client')}, {verb[1]} {len(plan.updates)}, "
        f"{verb[2]} {len(plan.skips)}"
    )
    console.print(Text(summary + (" (dry run: nothing was written)" if dry_run else ""), style="bold"))


@contextmanager
def row_progress(label: str) -> Iterator[Callable[[int], None]]:
    """A progress line on stderr, advanced with the number of rows done."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}: {task.completed:,} rows"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int) -> None:
            if done % 500 == 0:
                progress.update(task, completed=done)

        yield advance


def duplicate_table(pairs: Sequence[DuplicatePair]) -> None:
    """Likely duplicate pairs, why, and the command that merges them."""
    if not pairs:
        console.print("No likely duplicates.")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("Client", "Likely the same as", "Why", "Merge with"):
        table.add_column(column, overflow="fold")
    for pair in pairs:
        table.add_row(
            f"{pair.name} (#{pair.id})",
            f"{pair.other_name} (#{pair.other_id})",
            ", ".join(pair.reasons),
            Text(f"kiaro client merge {pair.id} {pair.other_id}", style="bold"),
        )
    console.print(table)
