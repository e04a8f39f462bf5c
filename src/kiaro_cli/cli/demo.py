"""``kiaro demo``: a sample studio to try every command on."""

from __future__ import annotations

import shlex
from typing import Annotated

import typer

from kiaro_cli.cli import output
from kiaro_cli.cli.context import workspace


def demo(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", metavar="PATH_OR_URL", help="Where to make it (default: demo.db beside your database)."
        ),
    ] = None,
) -> None:
    """Make a sample database to try every command on (your own is never touched).

    Thirty clients across the pipeline with contacts, calls and meetings, follow-ups
    overdue, due today and ahead, events and a few documents, and the money: projects
    (one late), quotes, invoices paid, partly paid, overdue, a draft and a void one, all
    dated from today.

    \b
    Examples:
      kiaro demo
      kiaro demo --db /tmp/try.db && kiaro --db /tmp/try.db
    """
    from kiaro_cli.core.demo import demo_location, make_demo

    ws = workspace(ctx)
    where = demo_location(ws, db)
    made = make_demo(where, ws.today)
    output.say(
        f"Made a sample studio in {where}: {made.clients} clients, {made.contacts} contacts, "
        f"{made.interactions} interactions, {made.events} events, {made.documents} documents, "
        f"{made.projects} projects, {made.quotes} quotes, {made.invoices} invoices.\n"
        f"Try it: kiaro --db {shlex.quote(str(where))}   (or export KIARO_DB={shlex.quote(str(where))})"
    )
