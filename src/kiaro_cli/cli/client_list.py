"""``kiaro client list`` and ``kiaro client show``: finding clients by what they are,
and one client as cards (registered on the client noun in :mod:`kiaro_cli.cli.clients`)."""

from __future__ import annotations

from typing import Annotated

import typer

from kiaro_cli.cli import completion, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.context import workspace


def list_(
    ctx: typer.Context,
    status: opt.StatusesOpt = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            metavar="TAG",
            help="Only clients with this tag (repeat: all of them).",
            autocompletion=completion.complete_tag,
        ),
    ] = None,
    industry: Annotated[
        str | None, typer.Option("--industry", metavar="INDUSTRY", help="Only this industry.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="SOURCE", help="Only this source.")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="TEXT",
            help="Text in names, codes, emails, phones, addresses, notes or contacts.",
        ),
    ] = None,
    due: Annotated[
        bool, typer.Option("--due", help="Only clients with a follow-up due today or earlier.")
    ] = False,
    missing: Annotated[
        bool, typer.Option("--missing", help="Only clients missing invoice-ready fields.")
    ] = False,
    quiet_since: Annotated[
        str | None,
        typer.Option(
            "--quiet-since",
            metavar="WHEN",
            help="Only clients with no interaction since then (or added before): 12m, 2y, 2025-01-01.",
        ),
    ] = None,
    owner: Annotated[
        str | None,
        opt.text_option("--owner", "NAME", "Only this account owner's clients: a name, or me (KIARO_USER)."),
    ] = None,
    where_: Annotated[
        list[str] | None,
        opt.text_option(
            "--where",
            "KEY=VALUE",
            "Only clients whose custom field matches: sector=Retail, 'staff>50' (repeat: all).",
            completion.complete_assignment,
        ),
    ] = None,
    has_projects: Annotated[
        bool, typer.Option("--has-projects", help="Only clients with a project (of any status).")
    ] = False,
    outstanding: Annotated[
        bool, typer.Option("--outstanding", help="Only clients with something left to pay on an invoice.")
    ] = False,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only clients with an invoice overdue today.")
    ] = False,
    sort: opt.SortOpt = "name",
    desc: Annotated[bool, typer.Option("--desc", help="Reverse the order.")] = False,
    archived: Annotated[bool, typer.Option("--archived", help="Only archived clients.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Archived and current clients.")] = False,
    limit: opt.LimitOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """List clients, filtered and sorted.

    Tables show 50 rows unless --limit says otherwise; json, jsonl and csv
    stream every matching row.

    \b
    Examples:
      kiaro client list --status lead --tag design --sort follow-up
      kiaro client list --missing
      kiaro client list --quiet-since 12m --status active
      kiaro client list --search zoe --format json
      kiaro client list --where sector=Retail --where "staff>50"
      kiaro client list --overdue
      kiaro client list --sort revenue --limit 10
      kiaro client list --fields name,email,follow_up_on --format csv
    """
    from kiaro_cli.core.clients import make_filter

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    ws = workspace(ctx)
    flt = make_filter(
        statuses=status or (),
        tags=tag or (),
        industry=industry,
        source=source,
        search=search,
        due=due,
        missing=missing,
        quiet_since=quiet_since,
        owner=owner,
        archived="all" if all_ else "archived" if archived else "active",
        today=ws.today,
        has_projects=has_projects,
        outstanding=outstanding,
        overdue=overdue,
    )
    output.list_clients(ws, out, flt, where=where_ or (), sort=sort, descending=desc, limit=limit)


def show(
    ctx: typer.Context,
    client: opt.ClientArg,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
) -> None:
    """Show one client as cards (or one JSON object with its contacts).

    \b
    Examples:
      kiaro client show acme
      kiaro client show 12 --format json
      kiaro client show acme --fields name,email,follow_up_on
    """
    from kiaro_cli.core.views import client_view

    out = output.formatter(fmt, fields=fields)
    ws = workspace(ctx)
    view = ws.read(client_view, client, ws.today)
    record = view.to_dict()
    columns = [*record, *(f"custom.{key}" for key in record["custom"])]

    def cards() -> None:
        from kiaro_cli.render.cards import client_cards

        client_cards(view, ws.today)

    out.one(record, columns, cards)
