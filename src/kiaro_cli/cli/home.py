"""``kiaro`` / ``kiaro home``: the first screen of the day."""

from __future__ import annotations

import typer

from kiaro_cli.cli.context import workspace


def home(ctx: typer.Context) -> None:
    """The home screen: due follow-ups, urgent events, overdue invoices and late projects, then counts.

    Shows up to three cards, most urgent first: critical events, then follow-ups and
    high events due today or overdue (most overdue first), each with the command that
    drafts the message or closes the event. Then up to three overdue invoices and three
    late projects, most overdue first, each with the command that records the payment
    or marks the project done. An empty database shows a welcome.

    \b
    Example:
      kiaro home
    """
    from kiaro_cli.core.home import home_summary
    from kiaro_cli.render.home import home, welcome

    ws = workspace(ctx)
    summary = ws.read(home_summary, ws.today)
    if summary.empty:
        welcome()
        return
    home(summary, ws.today)
