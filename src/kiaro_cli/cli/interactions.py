"""``kiaro interaction …``: log calls, emails, meetings, texts and notes, and list them."""

from __future__ import annotations

from typing import Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import location, today
from kiaro_cli.storage.reader import open_reader

app = KiaroTyper(help="Log and list calls, emails, meetings, texts and notes.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    summary: Annotated[str, typer.Argument(metavar="SUMMARY", help="What happened, in a line or two.")],
    kind: opt.TypeOpt = "note",
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="WHEN", help="When it happened (default today; past allowed)."),
    ] = None,
    contact: Annotated[
        int | None,
        typer.Option("--contact", metavar="ID", parser=opt.whole_number(0), help="The contact it was with."),
    ] = None,
    next_step: Annotated[
        str | None, opt.text_option("--next-step", "TEXT", "What was agreed to happen next.")
    ] = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Log an interaction with a client.

    Notes (the default type) stay private: drafts only draw on calls, emails,
    meetings and texts.

    \b
    Examples:
      kiaro interaction add acme "Discussed the Q3 scope" --type call --next-step "Send the proposal"
      kiaro interaction add acme "Kick-off at their office" --type meeting --on "last tuesday"
    """
    from kiaro_cli.core.interactions import INTERACTION_KEYS, add_interaction

    record = add_interaction(
        location(ctx),
        client,
        summary,
        kind=kind,
        on=on,
        contact_id=contact,
        next_step=next_step,
        today=today(),
    )
    output.result(record.to_dict(), INTERACTION_KEYS, fmt, quiet=quiet, message=messages.logged(record))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.OptionalClientArg = None,
    kind: opt.TypesOpt = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="WHEN", help="Only from this day on ('2 weeks ago', 2026-10-01)."),
    ] = None,
    limit: opt.LimitOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """List interactions, newest first.

    \b
    Examples:
      kiaro interaction list acme
      kiaro interaction list --type call --since "1 month ago" --format csv
    """
    from itertools import islice

    from kiaro_cli.core.interactions import INTERACTION_KEYS, iter_interactions

    page = output.page_size(limit, fmt, quiet)
    with open_reader(location(ctx)) as reader:
        found = iter_interactions(reader, reference=client, types=kind or (), since=since, today=today())
        if quiet:
            output.ids(i.to_dict() for i in islice(found, page))
        elif fmt is opt.Format.table:
            from kiaro_cli import render

            shown = list(islice(found, page))
            render.interaction_table(shown, today(), more=sum(1 for _ in found), with_client=client is None)
        else:
            output.records((i.to_dict() for i in islice(found, page)), INTERACTION_KEYS, fmt)
