"""Invoices for people: a listing that fits the terminal, and one invoice as a card with its
lines and payments. Amounts read "1,200.00 EUR"; days are friendly, and an overdue invoice
says by how long, in red."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kiaro_cli.core.money import amount_label
from kiaro_cli.render import cells
from kiaro_cli.render.console import console
from kiaro_cli.render.fit import Cell, Column
from kiaro_cli.render.tables import ID, show_table

if TYPE_CHECKING:
    from kiaro_cli.core.ledger import InvoiceRecord, PaymentRecord

STATUS_STYLE = {
    "paid": "green",
    "overdue": "bold red",
    "partly-paid": "yellow",
    "void": "dim",
    "draft": "cyan",
}


def status(invoice: InvoiceRecord) -> Text:
    return Text(str(invoice["status"]), style=STATUS_STYLE.get(invoice["status"], ""))


def due(invoice: InvoiceRecord, today: date) -> Text:
    """When it is due: "3 days overdue" in red when overdue, else the day."""
    if invoice["status"] == "overdue":
        return Text(cells.follow_up(invoice["due_on"], today).plain, style="bold red")
    return Text(cells.day(invoice["due_on"], today))


def invoice_table(
    invoices: Sequence[InvoiceRecord], today: date, *, with_client: bool, empty: str, more: int = 0
) -> None:
    """Invoices, drafts first then the latest issued: number, client, days, gross, what is
    outstanding and the status; ``empty`` says why there are none."""
    if not invoices:
        console.print(empty)
        return
    columns = [
        ID,
        Column("Number"),
        *([Column("Client", squeeze=True, min_width=10, drop=5)] if with_client else []),  # whose it is
        Column("Title", squeeze=True, min_width=10, drop=1),
        Column("Issued", drop=2),
        Column("Due"),
        Column("Total", justify="right", drop=3),
        Column("Outstanding", justify="right", drop=4),  # what is owed outlasts the total
        Column("Status"),
    ]
    rows: list[list[Cell]] = [
        [
            str(invoice.id),
            invoice.reference,
            *([invoice["client_name"]] if with_client else []),
            invoice["title"] or "",
            cells.day(invoice["issued_on"], today),
            due(invoice, today),
            amount_label(invoice["gross"], invoice["currency"]),
            amount_label(invoice["outstanding"], invoice["currency"]) if invoice["status"] != "draft" else "",
            status(invoice),
        ]
        for invoice in invoices
    ]
    show_table(columns, rows, more=more)


def invoice_card(invoice: InvoiceRecord, payments: Sequence[PaymentRecord], today: date) -> None:
    """One invoice: whose, its days and amounts, then its lines and its payments."""
    currency = invoice["currency"]

    def money(value: Any) -> str:
        return amount_label(value, currency)

    facts: list[tuple[str, Any]] = [
        ("Client", f"{invoice['client_name']} (#{invoice['client_id']})"),
        ("Title", invoice["title"]),
        ("Project", f"#{invoice['project_id']}" if invoice["project_id"] else None),
        ("Status", status(invoice)),
        ("Issued", cells.moment_in_full(invoice["issued_on"])),
        ("Due", _due_in_full(invoice, today)),
        ("Net", money(invoice["net"])),
        (f"VAT {cells.rate(invoice['vat_rate'])}%", money(invoice["vat"])),
        ("Total", Text(money(invoice["gross"]), style="bold")),
        ("Paid", money(invoice["paid"]) if invoice["paid"] else None),
        ("Paid on", cells.moment_in_full(invoice["paid_on"])),
        ("Outstanding", money(invoice["outstanding"]) if invoice.state == "open" else None),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in facts:
        if value:
            grid.add_row(label, value if isinstance(value, Text) else Text(str(value)))
    parts: list[Any] = [grid]
    if invoice["lines"]:
        lines = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
        lines.add_column("Line", overflow="ellipsis")  # wraps at spaces; a word too long is cut with …
        for header in ("Qty", "Price", "Amount"):
            lines.add_column(header, justify="right", no_wrap=True)  # numbers stay whole
        for line in invoice["lines"]:
            lines.add_row(
                Text(line["description"]),
                "?" if line["quantity"] is None else f"{line['quantity']}",
                money(line["unit_price"]),
                money(line["amount"]),
            )
        parts.append(lines)
    if payments:
        paid = Table(
            box=box.SIMPLE_HEAD, pad_edge=False, expand=False, title="Payments", title_justify="left"
        )
        paid.add_column("Day", no_wrap=True)
        paid.add_column("Amount", justify="right", no_wrap=True)
        paid.add_column("Method", overflow="ellipsis")
        for payment in payments:
            paid.add_row(
                cells.day(payment["paid_on"], today), money(payment["amount"]), Text(payment["method"] or "")
            )
        parts.append(paid)
    title = f"Invoice {invoice['number']}" if invoice["number"] else f"Draft invoice #{invoice.id}"
    console.print(Panel(Group(*parts), title=Text(title), title_align="left", box=box.ROUNDED))


def _due_in_full(invoice: InvoiceRecord, today: date) -> Text | None:
    if not invoice["due_on"]:
        return None
    if invoice.state == "open" and invoice["outstanding"]:
        return cells.follow_up_in_full(invoice["due_on"], today)
    return Text(cells.moment_in_full(invoice["due_on"]) or "")
