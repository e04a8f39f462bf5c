"""What every command needs from its surroundings: one workspace (the database, the
streams, the day, the user), made once for the command and kept on its root context."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import typer

from kiaro_cli.core.workspace import Workspace, open_workspace

KEY = "kiaro.workspace"


def workspace(ctx: typer.Context) -> Workspace:
    """The command's workspace: the database chosen by the global ``--db`` option,
    ``KIARO_DB`` or the default, made the first time a command asks for it."""
    root = ctx.find_root()
    made = root.meta.get(KEY)
    if not isinstance(made, Workspace):
        made = root.meta[KEY] = open_workspace(root.params.get("db"))
    return made


def interactive(no_input: bool = False) -> bool:
    """Whether prompts may be shown: stdin is a terminal, and so is stderr (where questions are
    drawn: with it sent to a file a question would wait unseen), and ``--no-input`` was not
    given."""
    return not no_input and sys.stdin.isatty() and sys.stderr.isatty()


def given_or_asked(
    value: str | None, label: str, option: str, check: Callable[[str], object], no_input: bool
) -> str:
    """A required value: as given; else asked on a terminal, checked by ``check`` (a rule of the
    core) as it is typed; else refused in one line naming its option (exit 1)."""
    if value is not None:
        return value
    if not interactive(no_input):
        from kiaro_cli.errors import MissingFields

        raise MissingFields(f"missing {label} ({option})", [label])
    from kiaro_cli.prompts import ask_value

    return ask_value(label.capitalize(), check)


Added = TypeVar("Added")


def add_asking(
    adding: Callable[..., Added], given: dict[str, str | None], no_input: bool, today: date
) -> Added:
    """A record added with ``adding(**given)``; on a terminal, the values it lacks (a net
    amount, a currency) asked for and the adding tried again with them."""
    from kiaro_cli.errors import MissingFields

    try:
        return adding(**given)
    except MissingFields as missing:
        if not interactive(no_input):
            raise
        from kiaro_cli.prompts import ask_net_and_currency

        return adding(**(given | ask_net_and_currency(missing.fields, today)))
