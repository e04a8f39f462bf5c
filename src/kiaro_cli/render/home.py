"""The home screen: due follow-ups and urgent events, overdue invoices and late projects as
cards, each with the command that acts on it, then quick counts; or, on an empty database,
a welcome."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich import box
from rich.columns import Columns
from rich.panel import Panel
from rich.text import Text

from kiaro_cli.core.records import ClientRecord, status_context
from kiaro_cli.dates import late_by, short_day
from kiaro_cli.render import cells
from kiaro_cli.render.console import console
from kiaro_cli.words import counted, counted_of

if TYPE_CHECKING:
    from kiaro_cli.core.events import EventRecord
    from kiaro_cli.core.home import HomeSummary
    from kiaro_cli.core.ledger_day import LateProject, LedgerDay, OverdueInvoice

DUE_TITLE = 34  # characters of a client's name on a due card (three cards fit 120 columns)
DATE_WHAT = 16  # the least a coming date keeps of what it is, and of whose it is

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
    """Due follow-ups as cards (with how many more), or the next one; overdue invoices and late
    projects as cards (with how many more); then quick counts."""
    console.print(Text(f"{today:%A} {today.day} {today:%B}", style="bold"))
    ledger = summary.ledger
    if summary.cards:
        console.print(Columns([_home_card(item, today) for item in summary.cards]))
        if summary.more:
            where = "kiaro followup due" + (" / kiaro event list --open" if summary.events_due else "")
            console.print(Text(f"{summary.more} more due — {where}", style="bold"))
        if summary.yours:
            mine = (
                counted_of(summary.yours, summary.due_count, "due follow-up")
                if summary.yours < summary.due_count
                else "All due follow-ups are"
            )
            console.print(Text(f"{mine} yours: kiaro client list --due --owner me"))
    elif not (ledger.invoices or ledger.projects):
        console.print(Text("Nothing due today.", style="green"))
    _ledger_cards(ledger, today)
    _coming_up(summary, today)
    if not summary.cards and summary.next_up is not None and summary.next_up.follow_up_on:
        upcoming = cells.follow_up_in_full(summary.next_up.follow_up_on, today)
        console.print(Text.assemble("Next: ", (summary.next_up.name, "bold"), " on ", upcoming))
    parts = [counted(summary.by_status.get(s, 0), status_context(s).lower()) for s in cells.STATUS_STYLE]
    console.print(Text("  ·  ".join(parts), style="dim"))
    if summary.missing_invoice_details:
        console.print(
            Text(
                f"{counted(summary.missing_invoice_details, 'client')} missing invoice details: "
                "kiaro client list --missing",
                style="dark_orange",
            )
        )
    if summary.quiet:
        months = summary.quiet_months
        console.print(
            Text(
                f"{counted(summary.quiet, 'client')} quiet for {months}+ months: "
                f"kiaro client list --quiet-since {months}m",
                style="dim",
            )
        )


SHOWN_DATES = 5  # birthdays and dates listed; kiaro dates lists the rest


def _coming_up(summary: HomeSummary, today: date) -> None:
    """Birthdays and dates of the days ahead, a line each, and how many more."""
    if not summary.dates:
        return
    console.print(Text("Coming up", style="bold"))
    shown = summary.dates[:SHOWN_DATES]
    days = [f"{item.day:%a} {short_day(item.day, today)}" for item in shown]
    for item, day in zip(shown, days, strict=True):
        when = (
            "today" if item.in_days == 0 else "tomorrow" if item.in_days == 1 else f"in {item.in_days} days"
        )
        line = Text(f"  {day:<{max(map(len, days))}}  ")
        what = Text(item.what, style="bold" if item.in_days == 0 else "")
        client = Text(item.client)
        room = console.width - line.cell_len - len(" — ") - len(f"  ({when})")
        if what.cell_len + client.cell_len > room:  # both give way, neither to nothing
            client_room = max(min(client.cell_len, room // 3), room - what.cell_len)
            what.truncate(max(DATE_WHAT, room - client_room), overflow="ellipsis")
            client.truncate(max(DATE_WHAT, room - what.cell_len), overflow="ellipsis")
        line.append_text(what)
        line.append(" — ")
        line.append_text(client)
        line.append(f"  ({when})")
        line.truncate(console.width, overflow="ellipsis")  # below 80 columns: the day to come gives way
        console.print(line)
    if len(summary.dates) > SHOWN_DATES:
        console.print(Text(f"{len(summary.dates) - SHOWN_DATES} more — kiaro dates", style="bold"))


def _home_card(item: ClientRecord | EventRecord, today: date) -> Panel:
    return _due_card(item, today) if isinstance(item, ClientRecord) else _event_card(item, today)


def _event_card(event: EventRecord, today: date) -> Panel:
    """An urgent event due: its priority, kind and day, its text, and how to close it."""
    assert event.due_on, "a due event has a due day"
    due = cells.follow_up(event.due_on, today)
    if event.due_on == today.isoformat():
        due = Text("due today", style="bold yellow")
    lines = Text.assemble(cells.priority(event.priority), f" {event.kind}  ·  ", due)
    text = Text(f"\n{event.text.splitlines()[0]}")
    text.truncate(DUE_TITLE + 1, overflow="ellipsis")
    lines.append_text(text)
    lines.append(f"\nkiaro event done {event.id}", style="bold")
    return _titled(event.client_name, lines)


def _due_card(client: ClientRecord, today: date) -> Panel:
    assert client.follow_up_on, "a due client has a follow-up date"
    due = cells.follow_up(client.follow_up_on, today)
    if client.follow_up_on == today.isoformat():
        due = Text("due today", style="bold yellow")
    lines = Text.assemble(cells.status(client.status, context=True), "  ·  ", due)
    if client.contact_person:
        lines.append(f"\n{client.contact_person}")
    lines.append(f"\nkiaro followup draft {client.id}", style="bold")
    return _titled(client.name, lines)


def _ledger_cards(ledger: LedgerDay, today: date) -> None:
    """Overdue invoices, then late projects, most overdue first, and how many more of each."""
    panels = [_invoice_card(item, today) for item in ledger.invoices]
    panels += [_project_card(item, today) for item in ledger.projects]
    if not panels:
        return
    console.print(Columns(panels))
    if ledger.more_invoices:
        more = counted(ledger.more_invoices, "more overdue invoice")
        console.print(Text(f"{more} — kiaro invoice list --overdue", style="bold"))
    if ledger.more_projects:
        more = counted(ledger.more_projects, "more late project")
        console.print(Text(f"{more} — kiaro project list", style="bold"))


def _invoice_card(invoice: OverdueInvoice, today: date) -> Panel:
    """An overdue invoice: its number, how long overdue, what is outstanding, how to record
    its payment."""
    lines = Text.assemble(invoice.number, "  ·  ", cells.follow_up(invoice.due_on.isoformat(), today))
    lines.append(f"\n{cells.money(invoice.outstanding, invoice.currency)} outstanding")
    lines.append(f"\nkiaro invoice pay {invoice.number}", style="bold")
    return _titled(invoice.client_name, lines)


def _project_card(project: LateProject, today: date) -> Panel:
    """A late project: its name, deadline and how late it is, how to mark it done."""
    lines = Text(project.name.splitlines()[0] if project.name else "")
    lines.truncate(DUE_TITLE + 1, overflow="ellipsis")
    lines.append(f"\ndeadline {short_day(project.deadline, today)}  ·  ")
    lines.append(late_by(project.deadline, today), style="bold red")
    lines.append(f"\nkiaro project status {project.id} done", style="bold")
    return _titled(project.client_name, lines)


def _titled(client_name: str, lines: Text) -> Panel:
    """A home card: the client's name (cut to fit) as its title."""
    title = Text(client_name, style="bold")
    title.truncate(DUE_TITLE, overflow="ellipsis")
    return Panel(lines, title=title, title_align="left", box=box.ROUNDED)
