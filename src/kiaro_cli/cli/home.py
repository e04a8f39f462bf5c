"""``kiaro`` / ``kiaro home``: the first screen of the day."""

from __future__ import annotations

import typer

from kiaro_cli.cli.context import location
from kiaro_cli.storage.reader import open_reader


def home(ctx: typer.Context) -> None:
    """The home screen: a welcome on an empty database, else quick counts.

    \b
    Example:
      kiaro home
    """
    from kiaro_cli import render
    from kiaro_cli.core.home import home_summary

    with open_reader(location(ctx)) as reader:
        summary = home_summary(reader)
    if summary.empty:
        render.welcome()
        return
    render.home_summary(summary.by_status, summary.missing_invoice_details)
