"""What every command needs from its surroundings: the database, the terminal, the day."""

from __future__ import annotations

import sys
from datetime import date

import typer

from kiaro_cli import clock
from kiaro_cli.storage.location import Location, resolve


def location(ctx: typer.Context) -> Location:
    """The database chosen by the global ``--db`` option, ``KIARO_DB`` or the default."""
    return resolve(ctx.find_root().params.get("db"))


def interactive(no_input: bool = False) -> bool:
    """Whether prompts may be shown: stdin is a terminal and ``--no-input`` was not given."""
    return not no_input and sys.stdin.isatty()


def today() -> date:
    return clock.today()
