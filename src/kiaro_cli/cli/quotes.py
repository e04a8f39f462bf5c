"""``kiaro quote …``: proposals to a client, numbered Q-YYYY-NNN, from draft to accepted."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import add_asking, interactive, workspace
from kiaro_cli.declarations.quote import QUOTE, STATUS_SYNONYMS, STATUSES

if TYPE_CHECKING:
    from kiaro_cli.core.ledger import QuoteRecord
    from kiaro_cli.core.workspace import Workspace

app = KiaroTyper(
    help="Add, list, show and change quotes: proposals from draft to sent, accepted or declined.",
    no_args_is_help=True,
)


def _declared(key: str) -> Any:
    """The option of a quote's field, as its declaration says."""
    declared = QUOTE.by_key[key]
    return opt.text_option(declared.option, declared.metavar, declared.help)


QuoteArg = Annotated[
    str, typer.Argument(metavar="N", help="The quote's number (Q-2026-001, any case) or its id (#ID).")
]
AmountOpt = Annotated[str | None, _declared("net")]
TitleOpt = Annotated[str | None, _declared("title")]
NumberOpt = Annotated[str | None, _declared("number")]
VatRateOpt = Annotated[str | None, _declared("vat_rate")]
CurrencyOpt = Annotated[str | None, _declared("currency")]
IssuedOpt = Annotated[str | None, _declared("issued_on")]
ValidUntilOpt = Annotated[str | None, _declared("valid_until")]
ProjectOpt = Annotated[
    int | None,
    typer.Option(
        "--project", metavar="ID", parser=opt.whole_number(1), help="A project of the same client it is for."
    ),
]
QuoteFieldsOpt = Annotated[str | None, opt.fields_option("number,client_name,gross,status")]


def _print(out: output.Formatter, quiet: bool, quote: QuoteRecord, message: str) -> None:
    """A changed quote: its id with -q, else the line or the record."""
    from kiaro_cli.core.quotes import QUOTE_KEYS

    if quiet:
        output.say(str(quote["id"]))
    else:
        out.result(quote.to_dict(), QUOTE_KEYS, message)


@app.command("add")
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    amount: AmountOpt = None,
    title: TitleOpt = None,
    number: NumberOpt = None,
    vat_rate: VatRateOpt = None,
    currency: CurrencyOpt = None,
    issued: IssuedOpt = None,
    valid_until: ValidUntilOpt = None,
    project: ProjectOpt = None,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add a draft quote to a client, numbered Q-YYYY-NNN (the year it is issued).

    The currency and VAT rate are the client's unless given; VAT is worked out on the
    net and rounded half-up to the cent. On a terminal kiaro asks for a missing amount.

    \b
    Examples:
      kiaro quote add acme --amount 4800 --title "Website relaunch" \\
        --valid-until 30d
      kiaro quote add acme --amount 1200 --vat-rate 0 --currency USD --number Q-77
      id=$(kiaro quote add acme --amount 950 -q)
    """
    from kiaro_cli.core.quotes import add_quote

    ws = workspace(ctx)
    adding = partial(add_quote, ws.location, client, title=title, number=number, vat_rate=vat_rate,
                     issued=issued, valid_until=valid_until, project_id=project, today=ws.today)  # fmt: skip
    quote = add_asking(adding, {"amount": amount, "currency": currency}, no_input, ws.today)
    _print(output.formatter(fmt), quiet, quote, messages.quote_added(quote, ws.today))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.OptionalClientArg = None,
    status: Annotated[
        list[str] | None,
        opt.choice_option(
            STATUSES, "--status", aliases=STATUS_SYNONYMS, help="Only this status (repeat for several)."
        ),
    ] = None,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: QuoteFieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """Quotes, the latest issued first (every status unless --status says).

    \b
    Examples:
      kiaro quote list acme
      kiaro quote list --status sent --status expired
      kiaro quote list --status accepted --format csv
    """
    from kiaro_cli.core.ledger import archived_clients_hold
    from kiaro_cli.core.quotes import QUOTE_KEYS, find_quotes

    ws = workspace(ctx)
    out = output.formatter(fmt, fields=fields)
    quotes = ws.read(find_quotes, client, status or (), ws.today)
    if quiet:
        out.chosen(QUOTE_KEYS)  # a field it does not have is refused
        for quote in quotes:
            output.say(str(quote["id"]))
        return

    def table(shown: Sequence[QuoteRecord]) -> None:
        from kiaro_cli.render.quotes import quote_table

        empty = "No quotes match." if status else "No quotes yet: kiaro quote add CLIENT --amount NET"
        if not (shown or status or client) and ws.read(archived_clients_hold, "quote"):
            empty = messages.only_archived_clients_hold("quotes")
        quote_table(shown, ws.today, with_client=client is None, empty=empty)

    out.records(quotes, QUOTE_KEYS, table)


@app.command("show")
def show(
    ctx: typer.Context,
    number: QuoteArg,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: QuoteFieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """One quote: its client, amounts, days and status.

    \b
    Examples:
      kiaro quote show Q-2026-001
      kiaro quote show '#3' --format json
    """
    from kiaro_cli.core.ledger import find_quote
    from kiaro_cli.core.quotes import QUOTE_KEYS

    ws = workspace(ctx)
    quote = ws.read(find_quote, number, ws.today)
    if quiet:
        output.say(str(quote["id"]))
        return

    def card() -> None:
        from kiaro_cli.render.quotes import quote_card

        quote_card(quote, ws.today)

    output.formatter(fmt, fields=fields).one(quote.to_dict(), QUOTE_KEYS, card)


@app.command("edit")
def edit(
    ctx: typer.Context,
    number: QuoteArg,
    amount: AmountOpt = None,
    title: TitleOpt = None,
    new_number: NumberOpt = None,
    vat_rate: VatRateOpt = None,
    currency: CurrencyOpt = None,
    issued: IssuedOpt = None,
    valid_until: ValidUntilOpt = None,
    project: ProjectOpt = None,
    no_project: Annotated[bool, typer.Option("--no-project", help="It is for no project.")] = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Change a quote; everything not given stays ("" clears the title or valid-until day).

    A new amount or VAT rate works out its VAT and gross again.

    \b
    Examples:
      kiaro quote edit Q-2026-001 --amount 5200 --valid-until "January 31"
      kiaro quote edit Q-2026-001 --title "" --no-project
    """
    from kiaro_cli.core.quotes import edit_quote

    ws = workspace(ctx)
    quote = edit_quote(
        ws.location,
        number,
        amount=amount,
        title=title,
        number=new_number,
        vat_rate=vat_rate,
        currency=currency,
        issued=issued,
        valid_until=valid_until,
        project_id=project,
        clear_project=no_project,
        today=ws.today,
    )
    _print(output.formatter(fmt), quiet, quote, messages.quote_changed(quote, ws.today))


@app.command("status")
def status(
    ctx: typer.Context,
    number: QuoteArg,
    new_status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            parser=opt.word_parser(STATUSES, STATUS_SYNONYMS),
            help="draft, sent, accepted, declined or expired (won and signed are accepted, lost declined).",
        ),
    ],
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Move a quote to a status. Accepting a quote of a lead makes the client active; on a
    terminal kiaro then offers to start a project with the quote's title.

    \b
    Examples:
      kiaro quote status Q-2026-001 sent
      kiaro quote status Q-2026-001 accepted
    """
    from kiaro_cli.core.quotes import set_quote_status

    ws = workspace(ctx)
    done = set_quote_status(ws.location, number, new_status, ws.today)
    quote = done.quote
    _print(
        output.formatter(fmt),
        quiet,
        quote,
        messages.quote_status(done, ws.today),
    )
    offer = done.changed and quote["status"] == "accepted" and quote["project_id"] is None
    if offer and fmt is opt.Format.table and not quiet and interactive(no_input):
        _offer_project(ws, quote)


def _offer_project(ws: Workspace, quote: QuoteRecord) -> None:
    """Ask whether to start a project of the accepted quote, and start it on a yes."""
    from kiaro_cli.core.quotes import project_from_quote
    from kiaro_cli.prompts import Cancelled, confirm

    name = quote["title"] or f"Quote {quote['number']}"
    try:
        wanted = confirm(f"Start a project '{name}' for {quote['client_name']}?")
    except Cancelled:
        wanted = False
    if wanted:
        output.say(messages.project_from_quote(project_from_quote(ws.location, quote.id, ws.today)))


@app.command("remove")
def remove(
    ctx: typer.Context,
    number: QuoteArg,
    yes: opt.YesOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Remove a quote (kiaro undo brings it back). On a terminal it asks first; off one it
    needs --yes.

    \b
    Example:
      kiaro quote remove Q-2026-001 --yes
    """
    from kiaro_cli.core.ledger import find_quote
    from kiaro_cli.core.quotes import remove_quote

    ws = workspace(ctx)
    quote = ws.read(find_quote, number, ws.today)
    output.confirm_or_refuse(
        f"Remove quote {quote['number']} of {quote['client_name']}?",
        f"removing quote {quote['number']} of {quote['client_name']} needs confirming",
        yes=yes,
        interactive=interactive(),
    )
    removed = remove_quote(ws.location, f"#{quote.id}", ws.today)
    _print(output.formatter(fmt), quiet, removed, messages.quote_removed(removed, ws.today))
