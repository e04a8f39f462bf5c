"""The field registry drives the command line: every client field is an option of `client add`
and `client edit`, named and described once, and every choice comes from the core."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from typer.core import TyperGroup
from typer.main import get_command

from kiaro_cli.cli.app import COMMANDS, app
from kiaro_cli.core.choices import INTERACTION_TYPES, ROLES, SORTS, STATUSES
from kiaro_cli.core.fields import CLIENT_FIELDS, CONTACT_FIELDS, field_for
from tests.helpers import Run


def command(*path: str) -> Any:
    found: Any = get_command(app)
    for name in path:
        found = found.commands[name]
    return found


def test_every_client_field_has_its_option_on_add_and_edit() -> None:
    assert all(rule.help for rule in CLIENT_FIELDS.values())  # each says what it takes
    for path in (("client", "add"), ("client", "edit")):
        names = [opt for param in command(*path).params for opt in param.opts]
        for key, rule in CLIENT_FIELDS.items():
            assert rule.option in names, (path, key)
            assert field_for(rule.option) == key  # and --clear reads the same name


def test_contact_options_are_the_contact_registrys() -> None:
    for path in (("contact", "add"), ("contact", "edit")):
        names = {opt for param in command(*path).params for opt in param.opts}
        assert {rule.option for rule in CONTACT_FIELDS.values()} <= names, path


def test_choices_are_the_cores() -> None:
    def choices(*path: str, option: str) -> list[str]:
        (param,) = [p for p in command(*path).params if option in p.opts]
        return str(param.metavar).strip("[]").split("|")

    assert choices("client", "list", option="--status") == list(STATUSES)
    assert choices("client", "list", option="--sort") == list(SORTS)
    assert choices("contact", "add", option="--role") == list(ROLES)
    assert choices("interaction", "add", option="--type") == list(INTERACTION_TYPES)


def test_the_root_builds_only_the_command_a_line_names() -> None:
    root: Any = get_command(app)
    assert list(root.commands) == list(COMMANDS)  # every name, nothing built yet
    assert root.commands.built == {}
    assert root.get_command(None, "client").name == "client"
    assert root.get_command(None, "undo").name == "undo"
    assert list(root.commands.built) == ["client", "undo"]
    assert root.get_command(None, "frobnicate") is None


def test_a_nouns_group_builds_only_the_command_a_line_names() -> None:
    """Typer reads each command's signature and type hints as it builds it: all of
    client's cost a fifth of a ``client show``, so only the named one is built."""
    client: Any = get_command(app).commands["client"]  # type: ignore[attr-defined]
    assert list(client.commands)[:4] == ["add", "quick-add", "list", "show"]
    assert client.commands.built == {}
    assert client.get_command(None, "show").name == "show"
    assert client.get_command(None, "date").commands["add"].name == "add"  # a group inside
    assert list(client.commands.built) == ["show", "date"]
    assert client.get_command(None, "frobnicate") is None


def described(command: Any) -> Any:
    """What a user sees of a command and all below it: names, helps, options, choices."""
    params = [
        (p.name, p.opts, p.secondary_opts, p.required, p.default, str(p.metavar), getattr(p, "help", None))
        for p in command.params
    ]
    below = [(name, described(command.commands[name])) for name in getattr(command, "commands", {})]
    settings = (
        command.help,
        command.epilog,
        command.hidden,
        command.no_args_is_help,
        command.context_settings,
    )
    return (type(command).__name__, command.name, settings, params, below)


@pytest.mark.parametrize("name", [name for name, entry in COMMANDS.items() if entry.target.endswith("app")])
def test_a_nouns_group_built_as_named_is_the_one_typer_builds_at_once(name: str) -> None:
    root: Any = get_command(app)
    module, _, attribute = COMMANDS[name].target.partition(":")
    own = get_command(getattr(importlib.import_module(module), attribute))
    own.name = name
    assert described(root.commands[name]) == described(own)


@pytest.mark.parametrize("width", [60, 80, 100])
def test_the_roots_list_of_commands_is_each_commands_own_help(width: int) -> None:
    """The table's help is the module's, and cut as click cuts it, at any width."""
    root: Any = get_command(app)
    widths = {"terminal_width": width, "max_content_width": width}
    ctx = root.make_context("kiaro", [], resilient_parsing=True, **widths)
    from_table, built = ctx.make_formatter(), ctx.make_formatter()
    root.format_commands(ctx, from_table)
    TyperGroup.format_commands(root, ctx, built)  # click's own: every command built, its help read
    assert from_table.getvalue() == built.getvalue()
    for name, entry in COMMANDS.items():
        assert entry.help == " ".join(root.commands[name].help.split("\n\n")[0].split()), name


def test_tab_on_a_command_name_offers_the_tables_names_and_help() -> None:
    root: Any = get_command(app)
    ctx = root.make_context("kiaro", [], resilient_parsing=True)
    offered = [(item.value, item.help) for item in root.shell_complete(ctx, "co")]
    assert offered == [
        ("contact", "Add, list, change and remove a client's..."),
        ("completion", "Tab completion of commands and your data."),
    ]
    assert root.commands.built == {}
    built = TyperGroup.shell_complete(root, ctx, "")  # click's own, from every command built
    assert [(i.value, i.help) for i in root.shell_complete(ctx, "")] == [(i.value, i.help) for i in built]
    assert [item.value for item in root.shell_complete(ctx, "--v")] == ["--version"]


@pytest.mark.parametrize("command", [["client", "list"], ["event", "list"], ["tag", "list"]])
def test_the_fields_example_in_the_help_is_one_the_command_takes(kiaro: Run, command: list[str]) -> None:
    help_text = " ".join(kiaro(*command, "--help").stdout.split())
    found = re.search(r"Only these fields, in this order: (\S+) \(any format\)", help_text)
    assert found is not None, help_text
    done = kiaro(*command, "--fields", found[1], "--format", "json")
    assert done.exit_code == 0, done.stderr
