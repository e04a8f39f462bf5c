"""``kiaro invoice …``: invoices to a client, their payments, and a printable page of each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kiaro_cli.cli import invoice_messages as said
from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroCommand, KiaroTyper
from kiaro_cli.cli.completion import complete_client
from kiaro_cli.cli.context import add_asking, interactive, workspace
from kiaro_cli.declarations.invoice import INVOICE, STATUS_SYNONYMS, STATUSES
from kiaro_cli.declarations.payment import PAYMENT

if TYPE_CHECKING:
    from kiaro_cli.core.ledger import InvoiceRecord

app = KiaroTyper(
    help="Invoice clients: add, issue, list, show, print, record payments, void and remove.",
    no_args_is_help=True,
)


class LinesCommand(KiaroCommand):
    """A command whose ``--line`` takes three values (TEXT QTY PRICE) and repeats: Typer
    declares it as one value, and the command makes it three, any number of times."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.name == "line":
                param.nargs, param.multiple, param.default = 3, True, ()


def _three(value: Any) -> Any:
    """Each of --line's values as typed; the three of one --line as a tuple."""
    return value if isinstance(value, str) else tuple(str(part) for part in value)


def _option(key: str, record: Any = INVOICE) -> Any:
    declared = record.by_key[key]
    return opt.text_option(declared.option, declared.metavar, declared.help)


InvoiceArg = Annotated[
    str,
    typer.Argument(
        metavar="N", help="The invoice's number (any case), or its id (#ID; a draft has no number)."
    ),
]
AmountOpt = Annotated[str | None, _option("net")]
LineOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--line",
        metavar='"TEXT" QTY PRICE',
        parser=_three,
        help="A line: what, how many, the unit price (repeat; instead of --amount).",
    ),
]
TitleOpt = Annotated[str | None, _option("title")]
IssuedOpt = Annotated[str | None, _option("issued_on")]
DueOpt = Annotated[str | None, _option("due_on")]
VatOpt = Annotated[str | None, _option("vat_rate")]
CurrencyOpt = Annotated[str | None, _option("currency")]
NumberOpt = Annotated[str | None, _option("number")]
ProjectOpt = Annotated[
    int | None,
    typer.Option("--project", metavar="ID", parser=opt.whole_number(1), help="A project of the client's."),
]
StatusOpt = Annotated[
    list[str] | None,
    opt.choice_option(
        STATUSES, "--status", aliases=STATUS_SYNONYMS, help="Only this status (repeat for several)."
    ),
]


def _print(fmt: opt.Format, quiet: bool, invoice: InvoiceRecord, message: str) -> None:
    """A changed invoice: its line, its id (``-q``), or its JSON object."""
    if quiet:
        output.say(str(invoice.id))
        return
    output.formatter(fmt).result(invoice.to_dict(), INVOICE.keys, message)


def _lines(line: Sequence[Any] | None) -> list[tuple[str, str, str]]:
    return [(str(text), str(quantity), str(price)) for text, quantity, price in line or ()]


@app.command("add", cls=LinesCommand)
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    amount: AmountOpt = None,
    line: LineOpt = None,
    title: TitleOpt = None,
    number: NumberOpt = None,
    issued: IssuedOpt = None,
    due: DueOpt = None,
    vat_rate: VatOpt = None,
    currency: CurrencyOpt = None,
    project: ProjectOpt = None,
    draft: Annotated[
        bool, typer.Option("--draft", help="Keep it a draft, unnumbered, until issued.")
    ] = False,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add an invoice to a client, issued at once (numbered CODE-YYYY-NNN) unless --draft.

    Give the net amount, or lines that add up to it. Currency and VAT rate are the
    client's unless given; it is due after the client's payment terms (else 30 days).

    \b
    Examples:
      kiaro invoice add acme --amount 1200 --title "Website, phase 1"
      kiaro invoice add acme --line "Design" 2 600 --line "Hosting" 12 15.50 \\
        --due 2w
      kiaro invoice add acme --amount 4800 --draft
      id=$(kiaro invoice add acme --amount 1200 -q); kiaro invoice pay "#$id"
    """
    from kiaro_cli.core.invoices import add_invoice

    ws = workspace(ctx)
    adding = partial(add_invoice, ws.location, client, lines=_lines(line), title=title, number=number,
                     issued=issued, due=due, vat_rate=vat_rate, project_id=project, draft=draft,
                     today=ws.today)  # fmt: skip
    invoice = add_asking(adding, {"amount": amount, "currency": currency}, no_input, ws.today)
    _print(fmt, quiet, invoice, said.added(invoice))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: Annotated[
        str | None,
        typer.Argument(
            metavar="CLIENT",
            help="Only this client's invoices (default: every client's).",
            autocompletion=complete_client,
        ),
    ] = None,
    status: StatusOpt = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue invoices.")] = False,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: Annotated[str | None, opt.fields_option("number,client_name,gross,status")] = None,
    limit: opt.LimitOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """Invoices: drafts first, then the latest issued first.

    \b
    Examples:
      kiaro invoice list acme
      kiaro invoice list --overdue
      kiaro invoice list --status open --status partly-paid --format csv
      kiaro invoice list --fields number,client_name,outstanding,due_on \\
        --format csv
    """
    from kiaro_cli.core.invoices import invoice_page
    from kiaro_cli.core.ledger import archived_clients_hold

    ws = workspace(ctx)
    out = output.formatter(fmt, fields=fields)
    page = None if quiet else out.page(limit)
    found, total = ws.read(
        invoice_page, client, statuses=status or (), overdue_only=overdue, today=ws.today, limit=page
    )
    if quiet:
        output.formatter(fmt, quiet=True, fields=fields).chosen(INVOICE.keys)  # a field it lacks is refused
        for invoice in found:
            output.say(str(invoice.id))
        return

    def table(shown: Sequence[InvoiceRecord]) -> None:
        from kiaro_cli.render.invoices import invoice_table

        filtered = bool(status or overdue)
        empty = "No invoices match." if filtered else "No invoices yet: kiaro invoice add CLIENT --amount NET"
        if not (shown or filtered or client) and ws.read(archived_clients_hold, "invoice"):
            empty = messages.only_archived_clients_hold("invoices")
        invoice_table(shown, ws.today, with_client=client is None, empty=empty, more=total - len(shown))

    if fmt is opt.Format.csv:  # its lines in one cell, as export invoices writes them
        out.records([_LinesInOneCell(invoice) for invoice in found], INVOICE.keys, lambda _: None)
        return
    out.records(found, INVOICE.keys, table)


@dataclass(frozen=True)
class _LinesInOneCell:
    """An invoice as a CSV row: its lines ``TEXT × QTY @ PRICE``, joined by ``; ``."""

    invoice: InvoiceRecord

    def to_dict(self) -> dict[str, Any]:
        from kiaro_cli.core.ledger_exports import lines_text

        record = self.invoice.to_dict()
        return record | {"lines": lines_text(record["lines"])}


@app.command("show")
def show(
    ctx: typer.Context,
    invoice: InvoiceArg,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Write it as a printable page (A4 or Letter) that works offline; - for stdout.",
        ),
    ] = None,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: Annotated[str | None, opt.fields_option("number,gross,outstanding,status")] = None,
) -> None:
    """Show an invoice with its lines and payments, or write it as a page to print.

    The page carries the business block of the settings (business-name,
    business-address, business-vat-number, business-iban) and whom it is billed to.

    \b
    Examples:
      kiaro invoice show ACME-2026-004
      kiaro invoice show '#7' --format json
      kiaro invoice show ACME-2026-004 --fields number,outstanding,status
      kiaro invoice show ACME-2026-004 --html invoice.html \\
        && xdg-open invoice.html
    """
    ws = workspace(ctx)
    if html is not None:
        from kiaro_cli.codecs.invoice_page import invoice_page
        from kiaro_cli.core.printed_invoice import printed_invoice

        if str(html) == "-" and fmt is not opt.Format.table:
            from kiaro_cli.errors import InvalidValue

            raise InvalidValue(
                "--html - writes the page to stdout; give a file for it to print the record too"
            )
        printed = ws.read(printed_invoice, invoice, ws.today)
        page = invoice_page(printed.invoice, printed.business, printed.bill_to, printed.notes)
        number = printed.invoice["number"] or f"#{printed.invoice['id']}"
        if output.write_page(str(html), page):  # said on stderr when stdout has the record
            output.say(said.written(number, str(html)), err=fmt is not opt.Format.table)
        if fmt is not opt.Format.table:
            output.formatter(fmt, fields=fields).one(printed.invoice, INVOICE.keys, lambda: None)
        return
    from kiaro_cli.core.payments import invoice_with_payments

    found, payments = ws.read(invoice_with_payments, invoice, ws.today)

    def card() -> None:
        from kiaro_cli.render.invoices import invoice_card

        invoice_card(found, payments, ws.today)

    shown = _LinesInOneCell(found) if fmt is opt.Format.csv else found
    output.formatter(fmt, fields=fields).one(shown.to_dict(), INVOICE.keys, card)


@app.command("pay")
def pay(
    ctx: typer.Context,
    invoice: InvoiceArg,
    amount: Annotated[str | None, _option("amount", PAYMENT)] = None,
    on: Annotated[str | None, _option("paid_on", PAYMENT)] = None,
    method: Annotated[str | None, _option("method", PAYMENT)] = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Record a payment of an invoice: all that is outstanding, or a part of it.

    \b
    Examples:
      kiaro invoice pay ACME-2026-004
      kiaro invoice pay ACME-2026-004 --amount 500 --on yesterday \\
        --method "bank transfer"
    """
    from kiaro_cli.core.payments import pay_invoice

    ws = workspace(ctx)
    paid = pay_invoice(ws.location, invoice, amount=amount, on=on, method=method, today=ws.today)
    output.formatter(fmt, quiet=quiet).result(paid.to_dict(), PAYMENT.keys, said.paid(paid))


@app.command("edit", cls=LinesCommand)
def edit(
    ctx: typer.Context,
    invoice: InvoiceArg,
    amount: AmountOpt = None,
    line: LineOpt = None,
    title: TitleOpt = None,
    issued: IssuedOpt = None,
    due: DueOpt = None,
    vat_rate: VatOpt = None,
    currency: CurrencyOpt = None,
    project: ProjectOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Change a draft; everything not given stays (lines given replace its lines). An
    issued invoice is never changed: void it and make a new one.

    \b
    Examples:
      kiaro invoice edit '#7' --amount 1500 --title "Website, phase 1 and 2"
      kiaro invoice edit '#7' --line "Design" 3 600 --vat-rate 21
    """
    from kiaro_cli.core.invoices import edit_invoice

    ws = workspace(ctx)
    changed = edit_invoice(
        ws.location,
        invoice,
        amount=amount,
        lines=_lines(line),
        title=title,
        issued=issued,
        due=due,
        vat_rate=vat_rate,
        currency=currency,
        project_id=project,
        today=ws.today,
    )
    _print(fmt, quiet, changed, said.changed(changed))


@app.command("issue")
def issue(
    ctx: typer.Context,
    invoice: InvoiceArg,
    number: NumberOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Issue a draft: it takes its number, and its amounts, currency and VAT rate are locked.

    \b
    Examples:
      kiaro invoice issue '#7'
      kiaro invoice issue '#7' --number ACME-2026-010
    """
    from kiaro_cli.core.invoices import issue_invoice

    ws = workspace(ctx)
    issued = issue_invoice(ws.location, invoice, number=number, today=ws.today)
    _print(fmt, quiet, issued, said.issued(issued))


@app.command("void")
def void(
    ctx: typer.Context,
    invoice: InvoiceArg,
    yes: opt.YesOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Void an issued invoice without payments; it keeps its number, never given again.
    On a terminal it asks first; off one it needs --yes.

    \b
    Example:
      kiaro invoice void ACME-2026-004 --yes
    """
    from kiaro_cli.core.invoices import refuse_void, void_invoice
    from kiaro_cli.core.ledger import find_invoice

    ws = workspace(ctx)
    found = ws.read(find_invoice, invoice, ws.today)
    refuse_void(found.state, found.reference, paid=bool(found["paid"]))
    output.confirm_or_refuse(
        f"Void invoice {found.reference} of {found['client_name']}?",
        f"voiding invoice {found.reference} needs confirming",
        yes=yes,
        interactive=interactive(),
        declined="Nothing voided.",
    )
    voided = void_invoice(ws.location, invoice, today=ws.today)
    _print(fmt, quiet, voided, said.voided(voided))


@app.command("remove")
def remove(
    ctx: typer.Context,
    invoice: InvoiceArg,
    yes: opt.YesOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Remove a draft (kiaro undo brings it back); an issued invoice is voided instead.
    On a terminal it asks first; off one it needs --yes.

    \b
    Example:
      kiaro invoice remove '#7' --yes
    """
    from kiaro_cli.core.invoices import refuse_removal, remove_invoice
    from kiaro_cli.core.ledger import find_invoice

    ws = workspace(ctx)
    found = ws.read(find_invoice, invoice, ws.today)
    refuse_removal(found.state, found.reference)
    output.confirm_or_refuse(
        f"Remove draft invoice {found.reference} of {found['client_name']}?",
        f"removing invoice {found.reference} needs confirming",
        yes=yes,
        interactive=interactive(),
    )
    removed = remove_invoice(ws.location, invoice, today=ws.today)
    _print(fmt, quiet, removed, said.removed(removed))
