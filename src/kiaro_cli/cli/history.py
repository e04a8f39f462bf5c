"""``kiaro undo``: revert the last change."""

from __future__ import annotations

import typer

from kiaro_cli.cli import output
from kiaro_cli.cli.context import location

SHOWN = 10  # lines of a large undone change that are listed


def undo(ctx: typer.Context) -> None:
    """Revert the last change (everything one command did), and say what it was.

    Run it again to revert the change before that. Deletions cannot be undone,
    and undo does not go back past one.

    \b
    Examples:
      kiaro client status acme past
      kiaro undo
    """
    from kiaro_cli.core.undo import undo_last

    result = undo_last(location(ctx))
    when = f" (made {result.at[:16].replace('T', ' ')} UTC)" if result.at else ""
    output.say(f"Undid the last change{when}:")
    for detail in result.details[:SHOWN]:
        output.say(f"  {detail}")
    if len(result.details) > SHOWN:
        output.say(f"  … and {len(result.details) - SHOWN} more")
