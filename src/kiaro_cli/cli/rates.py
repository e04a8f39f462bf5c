"""``kiaro client rate …``: what a client pays for each position."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import given_or_asked, workspace

if TYPE_CHECKING:
    from kiaro_cli.core.rates import RateRecord

app = KiaroTyper(help="Add, change, list and remove a client's service rates.", no_args_is_help=True)

RateId = Annotated[int, opt.id_argument("Rate id (see kiaro client rate list).")]


@app.command("add")
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    position: Annotated[
        str, typer.Argument(metavar="POSITION", help="The position, e.g. 'Senior designer'.")
    ],
    rate: Annotated[
        str | None,
        opt.text_option("--rate", "AMOUNT", "The regular rate ≥ 0. Asked on a terminal when missing."),
    ] = None,
    overtime: Annotated[str | None, opt.text_option("--overtime", "AMOUNT", "The overtime rate ≥ 0.")] = None,
    currency: Annotated[
        str | None, opt.text_option("--currency", "CODE", "ISO 4217 code; default: the client's currency.")
    ] = None,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add a client's rate for a position (one rate a position).

    \b
    Example:
      kiaro client rate add acme "Senior designer" --rate 95 \\
        --overtime 120 --currency EUR
    """
    from kiaro_cli.core.numbers import clean_value
    from kiaro_cli.core.rates import RATE_KEYS, add_rate
    from kiaro_cli.core.references import resolve_client

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    ws.read(resolve_client, client)  # a client that is not there is said before any question
    amount = given_or_asked(rate, "rate", "--rate", clean_value, no_input)
    added = add_rate(ws.location, client, position, amount, overtime=overtime, currency=currency)
    out.result(added.to_dict(), RATE_KEYS, messages.rate_added(added))


@app.command("edit")
def edit(
    ctx: typer.Context,
    rate_id: RateId,
    position: Annotated[str | None, opt.text_option("--position", "POSITION", "A new position name.")] = None,
    rate: Annotated[str | None, opt.text_option("--rate", "AMOUNT", "The regular rate ≥ 0.")] = None,
    overtime: Annotated[
        str | None, opt.text_option("--overtime", "AMOUNT", 'The overtime rate ≥ 0 ("" clears it).')
    ] = None,
    currency: Annotated[str | None, opt.text_option("--currency", "CODE", "ISO 4217 code.")] = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Change a rate: its amount, overtime, currency or position; the rest stays.

    \b
    Examples:
      kiaro client rate edit 3 --rate 105
      kiaro client rate edit 3 --position "Lead designer" --overtime ""
    """
    from kiaro_cli.core.rates import RATE_KEYS, edit_rate

    out = output.formatter(fmt, quiet=quiet)
    changed = edit_rate(
        workspace(ctx).location, rate_id, position=position, rate=rate, overtime=overtime, currency=currency
    )
    out.result(changed.to_dict(), RATE_KEYS, messages.rate_changed(changed))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.ClientArg,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """A client's rates by position.

    \b
    Example:
      kiaro client rate list acme --format csv
    """
    from kiaro_cli.core.rates import RATE_KEYS, list_rates

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    rates = workspace(ctx).read(list_rates, client)
    out.records(rates, RATE_KEYS, _rate_table)


def _rate_table(rates: Sequence[RateRecord]) -> None:
    from kiaro_cli.render.tables import print_rates

    print_rates(rates)


@app.command("remove")
def remove(
    ctx: typer.Context,
    rate_id: RateId,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
    _yes: opt.NeverAsksOpt = False,
) -> None:
    """Remove a rate (kiaro undo brings it back).

    \b
    Example:
      kiaro client rate remove 3
    """
    from kiaro_cli.core.rates import RATE_KEYS, remove_rate

    out = output.formatter(fmt, quiet=quiet)
    removed = remove_rate(workspace(ctx).location, rate_id)
    out.result(removed.to_dict(), RATE_KEYS, messages.rate_removed(removed))
