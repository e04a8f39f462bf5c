"""Hooks: ``kiaro hooks list`` shows the programs in kiaro's config folder ``hooks/``
(an executable named ``on-change`` is given every change as JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kiaro_cli.cli import options as opt
from kiaro_cli.cli import output
from kiaro_cli.cli.command import KiaroTyper

if TYPE_CHECKING:
    from kiaro_cli.core.hooks import HookFile

app = KiaroTyper(
    help="List the hooks: programs in kiaro's config folder run on every change.", no_args_is_help=True
)


@app.callback()
def group() -> None:
    """Kept a group of its own (a Typer app of one command would be that command)."""


@app.command("list")
def list_(fmt: opt.FormatOpt = opt.Format.table) -> None:
    """List the files in the hooks folder, whether each is executable, and which run.

    An executable named on-change is given each change as one JSON object on its
    stdin, after the change is saved; see docs/beyond-the-terminal.md.

    \b
    Examples:
      kiaro hooks list
      kiaro hooks list --format json
    """
    from kiaro_cli.core.hooks import HOOK_LIST_KEYS, hooks_folder, list_hooks

    folder = hooks_folder()
    out = output.formatter(fmt)

    def table(hooks: Sequence[HookFile]) -> None:
        from kiaro_cli.render.workspace import hooks_table

        hooks_table(hooks, str(folder))

    out.records(list_hooks(folder), HOOK_LIST_KEYS, table)
