"""``kiaro dates``: birthdays and clients' dates of the days ahead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import options as opt
from kiaro_cli.cli import output
from kiaro_cli.cli.context import workspace

if TYPE_CHECKING:
    from kiaro_cli.core.upcoming import Upcoming


def dates(
    ctx: typer.Context,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            metavar="WHEN",
            help="Up to that day (2w, 1m, 'end of month'); default: dates-ahead-days.",
        ),
    ] = None,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """Birthdays and clients' dates coming up, soonest first.

    Within the dates-ahead-days setting (7 days unless set), or up to the day --within
    names. Yearly dates and birthdays come back every year; a birthday on 29 February
    falls on 28 February in other years. Archived clients are left out. -q prints each
    one's id: a contact's for a birthday, a date's for a client's date.

    \b
    Examples:
      kiaro dates
      kiaro dates --within 1m --format json
    """
    from kiaro_cli.core.upcoming import UPCOMING_KEYS, upcoming_within

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    ws = workspace(ctx)
    found = ws.read(upcoming_within, ws.today, within)

    def table(shown: Sequence[Upcoming]) -> None:
        from kiaro_cli.render.dates import print_upcoming

        print_upcoming(shown, ws.today)

    out.records(found, UPCOMING_KEYS, table)
