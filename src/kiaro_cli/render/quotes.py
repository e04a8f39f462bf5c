"""Quotes for people: a table that fits the terminal, and one quote as a card."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from rich import box
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kiaro_cli.core.money import amount_label
from kiaro_cli.dates import day_label, describe
from kiaro_cli.render import cells
from kiaro_cli.render.console import console
from kiaro_cli.render.fit import Cell, Column
from kiaro_cli.render.tables import show_table

if TYPE_CHECKING:
    from kiaro_cli.core.ledger import QuoteRecord

STATUS_STYLE = {"draft": "yellow", "sent": "cyan", "accepted": "green", "declined": "dim", "expired": "red"}


def status(value: str) -> Text:
    """A quote's status in its colour (the colour only on a terminal)."""
    return Text(value, style=STATUS_STYLE.get(value, ""))


def quote_table(quotes: Sequence[QuoteRecord], today: date, *, with_client: bool, empty: str) -> None:
    """Quotes, the latest issued first: number, client, title, when issued and valid, net,
    gross, status."""
    if not quotes:
        console.print(empty)
        return
    columns = [
        Column("Number"),
        *([Column("Client", squeeze=True, min_width=10, drop=4, keep=2)] if with_client else []),
        Column("Title", squeeze=True, min_width=10, drop=5),
        Column("Issued", drop=2),
        Column("Valid until", drop=3),
        Column("Net", justify="right"),
        Column("Gross", justify="right", drop=1),
        Column("Status"),
    ]
    rows: list[list[Cell]] = [
        [
            str(quote["number"]),
            *([str(quote["client_name"])] if with_client else []),
            quote["title"] or "",
            cells.day(quote["issued_on"], today),
            cells.day(quote["valid_until"], today),
            amount_label(quote["net"], quote["currency"]),
            amount_label(quote["gross"], quote["currency"]),
            status(str(quote["status"])),
        ]
        for quote in quotes
    ]
    show_table(columns, rows)


def quote_card(quote: QuoteRecord, today: date) -> None:
    """One quote: whose, what for, its amounts, its days and where it stands."""
    currency = quote["currency"]
    valid = None
    if quote["valid_until"]:
        day = date.fromisoformat(quote["valid_until"])
        valid = day_label(day) + (
            f" ({describe(day, today)})" if quote["status"] in ("draft", "sent") else ""
        )
    rows: list[tuple[str, Any]] = [
        ("Client", f"{quote['client_name']} (#{quote['client_id']})"),
        ("Title", quote["title"]),
        ("Status", status(str(quote["status"]))),
        ("Issued", day_label(date.fromisoformat(quote["issued_on"])) if quote["issued_on"] else None),
        ("Valid until", valid),
        ("Net", amount_label(quote["net"], currency)),
        (
            f"VAT {cells.rate(quote['vat_rate'])}%",
            amount_label(quote["vat"], currency),
        ),
        ("Gross", amount_label(quote["gross"], currency)),
        ("Project", f"#{quote['project_id']}" if quote["project_id"] is not None else None),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value is not None and value != "":
            grid.add_row(label, value if isinstance(value, Text) else Text(str(value)))
    console.print(
        Panel(grid, title=Text(f"Quote {quote['number']}  #{quote.id}"), title_align="left", box=box.ROUNDED)
    )
