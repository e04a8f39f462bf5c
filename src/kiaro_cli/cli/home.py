"""``kiaro`` / ``kiaro home``: the first screen of the day."""

from __future__ import annotations

import typer

from kiaro_cli.cli.context import workspace
from kiaro_cli.cli.formats import PlanFormat, ScreenFormatOpt


def home(ctx: typer.Context, fmt: ScreenFormatOpt = PlanFormat.table) -> None:
    """The home screen: due follow-ups, urgent events, overdue invoices and late projects, then counts.

    Shows up to three cards, most urgent first: critical events, then follow-ups and
    high events due today or overdue (most overdue first), each with the command that
    drafts the message or closes the event. Then up to three overdue invoices and three
    late projects, most overdue first, each with the command that records the payment
    or marks the project done. An empty database shows a welcome.

    With --format json it prints the same as one object (counts, then the items the cards
    show), for a status bar or a script.

    \b
    Examples:
      kiaro home
      kiaro home --format json | jq '.follow_ups_due + .invoices_overdue'
    """
    from kiaro_cli.core.home import home_summary

    ws = workspace(ctx)
    summary = ws.read(home_summary, ws.today)
    if fmt is PlanFormat.json:
        from kiaro_cli.cli import output
        from kiaro_cli.codecs import tabular

        output.say(tabular.dumps(summary.to_dict(ws.today)))
        return
    from kiaro_cli.render.home import home, welcome

    if summary.empty:
        welcome()
        return
    home(summary, ws.today)
