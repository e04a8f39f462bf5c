"""The field registry drives the command line: every client field is an option of `client add`
and `client edit`, named and described once, and every choice comes from the core."""

from __future__ import annotations

import re
from typing import Any

import pytest
from typer.main import get_command

from kiaro_cli.cli.app import app
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


def test_one_run_builds_only_the_command_it_names() -> None:
    from kiaro_cli.cli.app import app_for, named_command

    assert named_command(["--db", "team.db", "client", "list"]) == "client"
    assert named_command(["--db=team.db", "do", "x"]) == "do"
    assert named_command(["--version"]) is None
    assert list(app_for(["--db", "x.db", "client", "show", "1"]).commands) == ["client"]
    assert list(app_for(["undo"]).commands) == ["undo"]
    assert list(app_for([]).commands) == []  # the home screen
    assert "followup" in app_for(["frobnicate"]).commands  # an unknown name gets the whole app


@pytest.mark.parametrize("command", [["client", "list"], ["event", "list"], ["tag", "list"]])
def test_the_fields_example_in_the_help_is_one_the_command_takes(kiaro: Run, command: list[str]) -> None:
    help_text = " ".join(kiaro(*command, "--help").stdout.split())
    found = re.search(r"Only these fields, in this order: (\S+) \(any format\)", help_text)
    assert found is not None, help_text
    done = kiaro(*command, "--fields", found[1], "--format", "json")
    assert done.exit_code == 0, done.stderr
