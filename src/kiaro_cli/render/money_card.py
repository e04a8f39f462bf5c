"""A client's Money card: per currency what was invoiced, paid, is outstanding and overdue;
then its open projects (late ones marked) and open quotes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kiaro_cli.core.money import amount_label
from kiaro_cli.render import cells
from kiaro_cli.render.console import visible_text
from kiaro_cli.render.fit import GAP, Cell, Column, fitted_table, widths
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.core.client_money import MoneyView
    from kiaro_cli.core.ledger import ProjectRecord, QuoteRecord

AMOUNTS = (
    Column("Currency"),
    Column("Invoiced", justify="right"),
    Column("Paid", justify="right"),
    Column("Outstanding", justify="right"),
    Column("Overdue", justify="right"),
)
FILLER = Column("")  # the rest of the card's width, so the header's rule spans it


def money_card(money: MoneyView, today: date, width: int) -> Panel | None:
    """The card, ``width`` characters inside its frame; None when the client has no issued
    invoice and no open project or quote."""
    if money.empty:
        return None
    parts: list[RenderableType] = []
    if money.finance:
        amounts: list[list[Cell]] = [
            [
                currency,
                f"{said.invoiced:,.2f}",
                f"{said.paid:,.2f}",
                f"{said.outstanding:,.2f}",
                Text(f"{said.overdue:,.2f}", style="bold red" if said.overdue else ""),
            ]
            for currency, said in money.finance.items()
        ]
        parts.append(_amounts(amounts, width))
    if money.projects:
        projects = [_project(project, today) for project in money.projects]
        parts.append(_lines("Open projects", PROJECT, projects, width))
    if money.quotes:
        parts.append(_lines("Open quotes", QUOTE, [_quote(quote) for quote in money.quotes], width))
    return Panel(Group(*parts), title="Money", title_align="left", box=box.ROUNDED)


def _amounts(rows: list[list[Cell]], width: int) -> Table:
    """The amounts per currency; where there is room, the header's rule spans the card."""
    headers: list[Cell] = [column.header for column in AMOUNTS]
    natural = [max(cell_len(str(row[i])) for row in [headers, *rows]) for i in range(len(AMOUNTS))]
    if sum(natural) + GAP * len(AMOUNTS) > width:
        return fitted_table(AMOUNTS, rows, width)
    return fitted_table((*AMOUNTS, FILLER), [[*row, ""] for row in rows], width, fill=True)


LABEL = len("Open projects")
# No headers: each column as wide as what it holds. A project: #ID, name, status, due day;
# a quote: number, title, status, amount. The name is cut first, the status dropped first.
PROJECT = (Column(""), Column("", squeeze=True), Column("", drop=1), Column(""))
QUOTE = (Column(""), Column("", squeeze=True, drop=1), Column(""), Column("", justify="right"))


def _lines(label: str, columns: Sequence[Column], rows: Sequence[Sequence[Text]], width: int) -> Table:
    """Open projects or quotes, one a line under its label, fitted as tables are (the least
    useful fact given up first, a long name cut with "…")."""
    rows = [[visible_text(cell) for cell in row] for row in rows]  # measured as they will show
    natural = [max(cell_len(row[i].plain) for row in rows) for i in range(len(columns))]
    sizes = widths(columns, natural, width - LABEL - GAP)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True, width=LABEL)
    for column, size in zip(columns, sizes, strict=True):
        if size is not None:
            grid.add_column(no_wrap=True, overflow="ellipsis", width=size, justify=column.justify)
    for number, row in enumerate(rows):
        cells_shown = [cell for cell, size in zip(row, sizes, strict=True) if size is not None]
        grid.add_row("" if number else label, *cells_shown)
    return grid


def _project(project: ProjectRecord, today: date) -> tuple[Text, ...]:
    """``#2``, ``Autumn campaign``, ``active``, ``due 20 Nov, 3 days late``."""
    due = Text("")
    if project["deadline"]:
        day = date.fromisoformat(str(project["deadline"]))
        due = Text(f"due {cells.day(day.isoformat(), today)}")
        if project["late"]:
            due.append(f", {counted((today - day).days, 'day')} late", style="bold red")
    return Text(f"#{project.id}", style="dim"), Text(str(project["name"])), Text(str(project["status"])), due


def _quote(quote: QuoteRecord) -> tuple[Text, ...]:
    """``Q-2026-004``, ``Landing pages``, ``sent``, ``4,800.00 EUR`` (the amount before VAT)."""
    return (
        Text(str(quote["number"])),
        Text(str(quote["title"] or ""), style="dim"),
        Text(str(quote["status"])),
        Text(amount_label(quote["net"], quote["currency"])),
    )
