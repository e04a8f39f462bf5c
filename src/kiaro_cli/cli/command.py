"""Commands whose help speaks in words (``CLIENT``, ``TAG...``, ``N``), never in Python types.

Every noun's Typer app is a :class:`KiaroTyper`, whose commands are :class:`KiaroCommand`:
the usage line writes a required argument plainly and an optional one in brackets, and
the Arguments section names each argument by its metavar alone. Options name their
values through their own ``metavar`` (see :mod:`.options`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperCommand
from typer.models import CommandFunctionType


def argument_word(param: Any) -> str:
    """How an argument reads: its metavar (or name) in capitals, ``...`` when it repeats."""
    word = str(param.metavar or param.name or "").upper()
    if param.nargs != 1 and not word.endswith("..."):
        word += "..."
    return word


class KiaroCommand(TyperCommand):
    """A command whose usage and Arguments section use words, not types."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                word = argument_word(param)
                pieces.append(word if param.required else f"[{word}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                help_text = getattr(param, "help", None) or ""
                if param.required:
                    help_text = f"{help_text}  [required]".strip()
                arguments.append((argument_word(param), help_text))
            elif (record := param.get_help_record(ctx)) is not None:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


class KiaroTyper(typer.Typer):
    """A Typer app whose commands are :class:`KiaroCommand` unless told otherwise, with help
    in plain text, no completion options of Typer's (``kiaro completion`` installs it) and
    Python's own tracebacks (``KIARO_DEBUG``): each app is built on its own when named."""

    def __init__(self, **settings: Any) -> None:
        plain = {"rich_markup_mode": None, "add_completion": False, "pretty_exceptions_enable": False}
        super().__init__(**(plain | settings))

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(name, cls=cls or KiaroCommand, **kwargs)
