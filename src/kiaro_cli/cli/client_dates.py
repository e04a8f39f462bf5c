"""``kiaro client date …``: a client's dates that matter, once or every year."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import workspace

if TYPE_CHECKING:
    from kiaro_cli.core.client_dates import ClientDateRecord

app = KiaroTyper(
    help="Add, list and remove a client's dates: a renewal, a company anniversary.", no_args_is_help=True
)


@app.command("add")
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    label: Annotated[str, typer.Argument(metavar="LABEL", help="What the date is, e.g. 'Contract renewal'.")],
    when: Annotated[str, typer.Argument(metavar="WHEN", help="The day: 2027-03-01, 'March 1'…")],
    yearly: Annotated[bool, typer.Option("--yearly", help="It comes back every year on that day.")] = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add a date to a client: once, or every year with --yearly (past days too).

    Dates within the dates-ahead-days setting show on the home screen and in kiaro
    dates; export ics gives yearly ones as items that come back every year.

    \b
    Examples:
      kiaro client date add acme "Contract renewal" 2027-03-01
      kiaro client date add acme "Company anniversary" 2011-04-01 --yearly
    """
    from kiaro_cli.core.client_dates import CLIENT_DATE_KEYS, add_client_date

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    added = add_client_date(ws.location, client, label, when, yearly=yearly, today=ws.today)
    out.result(added.to_dict(), CLIENT_DATE_KEYS, messages.client_date_added(added))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.ClientArg,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """A client's dates, earliest first.

    \b
    Example:
      kiaro client date list acme --format json
    """
    from kiaro_cli.core.client_dates import CLIENT_DATE_KEYS, list_client_dates

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    ws = workspace(ctx)
    found = ws.read(list_client_dates, client)

    def table(shown: Sequence[ClientDateRecord]) -> None:
        from kiaro_cli.render.dates import print_client_dates

        print_client_dates(shown, ws.today)

    out.records(found, CLIENT_DATE_KEYS, table)


@app.command("remove")
def remove(
    ctx: typer.Context,
    refs: Annotated[
        list[str],
        typer.Argument(
            metavar="[CLIENT] ID",
            help="The date's id (see kiaro client date list), after its client if you like.",
            show_default=False,
        ),
    ],
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
    _yes: opt.NeverAsksOpt = False,
) -> None:
    """Remove a client's date by its id (kiaro undo brings it back).

    \b
    Examples:
      kiaro client date remove 3
      kiaro client date remove acme 3   # refused if 3 is not Acme's
    """
    from kiaro_cli.core.client_dates import CLIENT_DATE_KEYS, remove_client_date

    out = output.formatter(fmt, quiet=quiet)
    *client, given_id = refs
    if len(client) > 1:
        raise typer.BadParameter(f"{len(refs)} values; give the date's id, after its client if you like")
    reference, date_id = (client[0] if client else None), opt.whole_number(0)(given_id)
    removed = remove_client_date(workspace(ctx).location, reference, date_id)
    out.result(removed.to_dict(), CLIENT_DATE_KEYS, messages.client_date_removed(removed))
