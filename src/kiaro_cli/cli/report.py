"""``kiaro report``: the pipeline, sources, follow-up load, interactions and money, as charts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kiaro_cli.cli import output
from kiaro_cli.cli.context import workspace
from kiaro_cli.cli.formats import PlanFormat, ScreenFormatOpt


def report(
    ctx: typer.Context,
    fmt: ScreenFormatOpt = PlanFormat.table,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Write the charts as one web page that works offline; - for stdout.",
        ),
    ] = None,
) -> None:
    """Charts of the business: the pipeline, where clients came from, the follow-up
    load, interactions per month, and the money: revenue, what is outstanding, quotes.

    The pipeline counts current clients and their value by status; sources count how
    many of each source's clients got past lead; the follow-up load shows what is
    overdue and each of the next eight weeks; interactions go back twelve months.
    Revenue is what was paid each month of the last twelve; outstanding is what open
    invoices still wait for, by client (the ten that owe most) and by owner; quote
    conversion is how many quotes of the last twelve months were accepted of those
    accepted or declined. Money is shown per currency, never converted.

    \b
    Examples:
      kiaro report
      kiaro report --format json | jq .pipeline
      kiaro report --html report.html && xdg-open report.html
    """
    from kiaro_cli.core.report import build_report, labels

    ws = workspace(ctx)
    made = ws.read(build_report, ws.today)
    if html is not None:
        from kiaro_cli.codecs.report_page import report_page

        page = report_page(made.to_dict(), f"kiaro report, {made.today:%d %B %Y}", labels(made))
        if output.write_page(str(html), page):
            output.say(f"Wrote the report to {html}")
    elif fmt is PlanFormat.json:
        from kiaro_cli.codecs import tabular

        output.say(tabular.dumps(made.to_dict()))
    else:
        from kiaro_cli.render.report import report_charts

        report_charts(made)
