"""History: ``kiaro undo`` (revert the last change) and ``kiaro client timeline``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import options as opt
from kiaro_cli.cli import output
from kiaro_cli.cli.context import workspace

if TYPE_CHECKING:
    from kiaro_cli.core.timeline import TimelineEntry

SHOWN = 10  # lines of a large undone change that are listed


def undo(
    ctx: typer.Context,
    anyone: Annotated[
        bool, typer.Option("--anyone", help="Take back the newest change, whoever made it.")
    ] = False,
) -> None:
    """Revert the last change (everything one command did), and say what it was.

    Run it again to revert the change before that. Deletions cannot be undone,
    and undo does not go back past one. On a shared database it takes back your
    own newest change (KIARO_USER, else your login), unless a later change touched
    the same records; --anyone takes back the newest, whoever made it.

    \b
    Examples:
      kiaro client status acme past
      kiaro undo
    """
    from kiaro_cli.core.undo import undo_last
    from kiaro_cli.dates import moment_label

    result = undo_last(workspace(ctx).location, anyone=anyone)
    by = f" by {result.by}" if result.by else ""
    when = f" (made {moment_label(result.at)}{by})" if result.at else ""  # in local time
    output.say(f"Undid the last change{when}:")
    for detail in result.details[:SHOWN]:
        output.say("  " + "\n    ".join(detail.splitlines() or [""]))  # a note's lines under its first
    if len(result.details) > SHOWN:
        output.say(f"  … and {len(result.details) - SHOWN} more")


def timeline_(
    ctx: typer.Context,
    client: opt.ClientArg,
    limit: opt.LimitOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
) -> None:
    """A client's whole history: every change and every interaction, newest first.

    \b
    Examples:
      kiaro client timeline acme
      kiaro client timeline acme --format jsonl | head
    """
    from kiaro_cli.core.timeline import TIMELINE_KEYS, client_timeline

    out = output.formatter(fmt, fields=fields)
    ws = workspace(ctx)
    page = out.page(limit)
    entries = ws.read(client_timeline, client)
    shown = entries[:page]

    def table(rows: Sequence[TimelineEntry]) -> None:
        from kiaro_cli.render.tables import timeline_table

        timeline_table(rows, ws.today, more=len(entries) - len(rows))

    out.records(shown, TIMELINE_KEYS, table)
