"""Commands whose help speaks in words (``CLIENT``, ``TAG...``, ``N``), never in Python types,
built only when a command line names them.

Every noun's Typer app is a :class:`KiaroTyper`, whose commands are :class:`KiaroCommand`:
the usage line writes a required argument plainly and an optional one in brackets, and
the Arguments section names each argument by its metavar alone. Options name their
values through their own ``metavar`` (see :mod:`.options`). :func:`lazy_command` makes a
noun's group, whose commands (:class:`LazyCommands`) are each built when first named.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import typer
from click import UsageError
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command, get_command_from_info, get_command_name, get_group, get_group_from_info
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


class KiaroGroup(TyperGroup):
    """A group whose unknown command is refused with one suggestion sentence. Typer adds
    its ``Did you mean 'list'?`` to the message, and click (8.4 and later) adds its own
    when it prints one: the error is raised again without click's."""

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            if not getattr(error, "possibilities", None):
                raise
            raise UsageError(error.message, ctx=error.ctx) from None


class KiaroTyper(typer.Typer):
    """A Typer app whose commands are :class:`KiaroCommand` and groups :class:`KiaroGroup`
    unless told otherwise, with help in plain text, no completion options of Typer's
    (``kiaro completion`` installs it) and Python's own tracebacks (``KIARO_DEBUG``): each
    app is built on its own when named."""

    def __init__(self, **settings: Any) -> None:
        plain = {
            "cls": KiaroGroup,
            "rich_markup_mode": None,
            "add_completion": False,
            "pretty_exceptions_enable": False,
        }
        super().__init__(**(plain | settings))

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(name, cls=cls or KiaroCommand, **kwargs)


class LazyCommands(Mapping[str, Any]):
    """A group's commands by name, each built the first time it is named: listing the names
    builds none."""

    def __init__(self, names: Iterable[str], build: Callable[[str], Any]) -> None:
        self.names = list(names)
        self.build = build
        self.built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            if name not in self.names:
                raise KeyError(name)
            self.built[name] = self.build(name)
        return self.built[name]

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def lazy_command(app: typer.Typer) -> Any:
    """``app`` as the click command Typer's ``get_command`` makes of it, except that a group's
    commands are built when named. Typer reads each command's signature and type hints as it
    builds it, about 2 ms a command: all of client's took a fifth of a ``client show``."""
    group_wanted = app.registered_callback or app.info.callback or len(app.registered_commands) > 1
    all_named = all(info.name for info in app.registered_groups)  # an unnamed one lends its commands
    if not (group_wanted or app.registered_groups) or not all_named:
        return get_command(app)
    shell = copy.copy(app)
    shell.registered_commands, shell.registered_groups = [], []
    group = get_group(shell)
    commands = {info.name or get_command_name(_callback_name(info)): info for info in app.registered_commands}
    groups = {str(info.name): info for info in app.registered_groups}
    settings: dict[str, Any] = {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
    }

    def build(name: str) -> Any:
        if name in commands:
            return get_command_from_info(commands[name], **settings)
        return get_group_from_info(groups[name], suggest_commands=app.suggest_commands, **settings)

    group.commands = LazyCommands([*commands, *groups], build)  # type: ignore[assignment]
    return group


def _callback_name(info: Any) -> str:
    """The name of a registered command's function (Typer names the command after it)."""
    return str(info.callback.__name__)
