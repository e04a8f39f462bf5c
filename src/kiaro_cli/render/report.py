"""``kiaro report`` on a terminal: bar charts drawn with block characters, each bar scaled to
the largest of its chart (of its currency, for money) and to the terminal's width."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from kiaro_cli.core.money import amount_label, to_cents
from kiaro_cli.core.report import labels
from kiaro_cli.render.cells import STATUS_STYLE
from kiaro_cli.render.console import console

if TYPE_CHECKING:
    from kiaro_cli.core.report import Report

BLOCKS = " ▏▎▍▌▋▊▉█"  # eighths of a cell, for bars that end where the number says
LABEL_WIDTH = 16
NUMBERS_WIDTH = 24  # the notes beside each bar (values, how many became clients)
PADDING = 15  # the count column and the space around the four columns


def report_charts(report: Report) -> None:
    """The whole report: pipeline, sources, follow-up load, interactions per month, worded as
    the web page words them (:func:`kiaro_cli.core.report.labels`)."""
    room = max(10, console.width - LABEL_WIDTH - NUMBERS_WIDTH - PADDING)
    said = labels(report)
    pipeline = [
        (label, line.clients, value, STATUS_STYLE[line.status])
        for label, value, line in zip(said["pipeline"], said["values"], report.pipeline, strict=True)
    ]
    _chart("Pipeline: current clients by status", pipeline, room)
    sources = [
        (line.source, line.clients, note, "magenta")
        for note, line in zip(said["became"], report.sources, strict=True)
    ]
    _chart("Where clients came from", sources, room, empty="No clients yet.")
    load = [
        (label, count.count, "", "red" if count.label == "overdue" else "blue")
        for label, count in zip(said["follow_ups"], report.follow_ups, strict=True)
    ]
    _chart("Follow-ups: overdue, then the next 8 weeks", load, room)
    months = [
        (label, count.count, "", "green")
        for label, count in zip(said["interactions"], report.interactions, strict=True)
    ]
    _chart("Interactions per month", months, room)
    _money_charts(report, said, room)


def _money_charts(report: Report, said: dict[str, list[str]], room: int) -> None:
    """Revenue by month (one chart a currency), outstanding by client and by owner, quotes."""
    currencies = sorted({currency for month in report.revenue for currency in month.amounts})
    for currency in currencies:
        paid = [
            (label, month.amounts.get(currency, Decimal(0)), currency, "green")
            for label, month in zip(said["revenue"], report.revenue, strict=True)
        ]
        _money_chart(f"Revenue by month (paid), {currency}", paid, room)
    if not currencies:
        _money_chart("Revenue by month (paid)", [], room, "Nothing paid in the last 12 months.")
    owed = [
        (label, line.amount, line.currency, "yellow" if line.client_id is not None else "dim")
        for label, line in zip(said["owed_by_client"], report.outstanding_by_client, strict=True)
    ]
    _money_chart("Outstanding by client", owed, room, "Nothing outstanding.")
    owners = [
        (label, line.amount, line.currency, "yellow")
        for label, line in zip(said["owed_by_owner"], report.outstanding_by_owner, strict=True)
    ]
    _money_chart("Outstanding by owner", owners, room, "Nothing outstanding.")
    made = report.quote_conversion
    quotes = [
        (label, count, "", style)
        for label, count, style in zip(
            said["quotes"], (made.accepted, made.declined, made.open), ("green", "red", "blue"), strict=True
        )
    ]
    _chart("Quote conversion (12 months) and open quotes", quotes, room, footnote=said["quote_conversion"][0])


def bar(count: int, top: int, room: int) -> str:
    """A bar of ``count`` against ``top`` in ``room`` cells, to an eighth of a cell; any
    count above zero shows at least a sliver."""
    if count <= 0 or top <= 0:
        return ""
    eighths = max(1, round(count / top * room * 8))
    return "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")


def _chart(
    title: str, rows: Sequence[tuple[str, int, str, str]], room: int, empty: str = "", footnote: str = ""
) -> None:
    console.print(Text(title, style="bold"))
    if not rows or (empty and not any(count for _, count, _, _ in rows)):
        console.print(f"  {empty}\n")
        return
    top = max(count for _, count, _, _ in rows)
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=True)
    table.add_column(width=LABEL_WIDTH, no_wrap=True, overflow="ellipsis")
    table.add_column(width=room, no_wrap=True, overflow="crop")
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=NUMBERS_WIDTH)
    for label, count, note, style in rows:
        table.add_row(label, Text(bar(count, top, room), style=style), str(count), Text(note, style="dim"))
    console.print(table)
    if footnote:
        console.print(Text(f"  {footnote}", style="dim"))
    console.print()


def _money_chart(
    title: str, rows: Sequence[tuple[str, Decimal, str, str]], room: int, empty: str = ""
) -> None:
    """Amounts as bars, each against the largest of its own currency (never compared across):
    the currencies one after another, a blank line between them, and a note that says so.
    Names get up to a quarter of a wide terminal, taken from the bars."""
    console.print(Text(title, style="bold"))
    if not rows:
        console.print(f"  {empty}\n")
        return
    top: dict[str, int] = {}
    for _, amount, currency, _ in rows:
        top[currency] = max(top.get(currency, 0), to_cents(amount))
    widest = max(cell_len(label) for label, _, _, _ in rows)
    label_width = min(max(LABEL_WIDTH, widest), max(LABEL_WIDTH, console.width // 4))
    room = max(10, room - (label_width - LABEL_WIDTH))
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=True)
    table.add_column(width=label_width, no_wrap=True, overflow="ellipsis")
    table.add_column(width=room, no_wrap=True, overflow="crop")
    table.add_column(justify="right", no_wrap=True)
    ordered = sorted(rows, key=lambda row: list(top).index(row[2]))  # stable: each currency's order kept
    for number, (label, amount, currency, style) in enumerate(ordered):
        if number and currency != ordered[number - 1][2]:
            table.add_row("", "", "")
        shown = Text(bar(to_cents(amount), top[currency], room), style=style)
        table.add_row(label, shown, amount_label(amount, currency))
    console.print(table)
    if len(top) > 1:
        console.print(Text("  Each currency's bars are scaled to its own largest amount.", style="dim"))
    console.print()
