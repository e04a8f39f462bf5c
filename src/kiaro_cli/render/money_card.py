"""A client's Money card: per currency what was invoiced, paid, is outstanding and overdue;
then its open projects (late ones marked) and open quotes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kiaro_cli.core.money import amount_label
from kiaro_cli.render import cells
from kiaro_cli.render.fit import Cell, Column, fitted_table

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


def money_card(money: MoneyView, today: date, width: int) -> Panel | None:
    """The card, ``width`` characters inside its frame; None when the client has no issued
    invoice and no open project or quote."""
    if money.empty:
        return None
    parts: list[RenderableType] = []
    if money.finance:
        rows: list[list[Cell]] = [
            [
                currency,
                f"{amounts.invoiced:,.2f}",
                f"{amounts.paid:,.2f}",
                f"{amounts.outstanding:,.2f}",
                Text(f"{amounts.overdue:,.2f}", style="bold red" if amounts.overdue else ""),
            ]
            for currency, amounts in money.finance.items()
        ]
        parts.append(fitted_table(AMOUNTS, rows, width))
    lines = Table.grid(padding=(0, 2))
    lines.add_column(style="dim", no_wrap=True)
    lines.add_column()
    for number, project in enumerate(money.projects):
        lines.add_row("" if number else "Open projects", _project(project, today))
    for number, quote in enumerate(money.quotes):
        lines.add_row("" if number else "Open quotes", _quote(quote))
    if lines.row_count:
        parts.append(lines)
    return Panel(Group(*parts), title="Money", title_align="left", box=box.ROUNDED)


def _project(project: ProjectRecord, today: date) -> Text:
    """``#3 Website relaunch · active · deadline Fri 20 Nov 2026 (3 days overdue) late``."""
    line = Text(f"#{project.id} ", style="dim")
    line.append(project["name"])
    line.append(f"  ·  {project['status']}")
    if project["deadline"]:
        line.append("  ·  deadline ")
        line.append_text(cells.follow_up_in_full(str(project["deadline"]), today))
    if project["late"]:
        line.append("  late", style="bold red")
    return line


def _quote(quote: QuoteRecord) -> Text:
    """``Q-2026-004  4,800.00 EUR  sent  Landing pages`` (the amount before VAT)."""
    line = Text(f"{quote['number']}  {amount_label(quote['net'], quote['currency'])}  {quote['status']}")
    if quote["title"]:
        line.append(f"  {quote['title']}", style="dim")
    return line
