"""Hooks on real processes: a hook given each change as JSON, and hooks that fail, hang,
cannot run or write garbage, each one line while the change stays saved."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiaro_cli.core.clients import add_client
from kiaro_cli.core.hooks import HOOK_KEYS, IN_HOOK, after_changes, list_hooks
from kiaro_cli.core.interactions import add_interaction
from kiaro_cli.core.workspace import Workspace
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import committed, open_reader
from tests.helpers import TODAY

pytestmark = pytest.mark.slow  # each test starts a hook's process


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "hooks"
    made.mkdir()
    committed()  # what earlier tests of this process committed is not this test's
    return made


def hook(folder: Path, script: str, *, executable: bool = True) -> Path:
    path = folder / "on-change"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755 if executable else 0o644)
    return path


def clients(location: Location) -> list[str]:
    with open_reader(location) as reader:
        return [row["name"] for row in reader.rows("SELECT name FROM client ORDER BY id")]


def test_a_hook_is_given_each_change_as_json(location: Location, folder: Path, tmp_path: Path) -> None:
    given = tmp_path / "given.jsonl"
    hook(folder, f"cat >> '{given}'\n")
    add_client(location, {"name": "Acme"}, full_form=False)
    add_interaction(location, "acme", "Scope call", kind="call", today=TODAY)
    assert after_changes(Workspace(location), folder) == []
    created, logged = (json.loads(line) for line in given.read_text().splitlines())
    assert list(created) == list(HOOK_KEYS)
    assert (created["source"], created["kind"], created["detail"]) == (
        "activity",
        "created",
        "Added Acme (quick add)",
    )
    assert created["record"]["name"] == "Acme" and created["client_id"] == created["record"]["id"]
    assert logged["kind"] == "interaction logged" and logged["batch"] != created["batch"]
    assert logged["record"]["last_interaction_at"] == TODAY.isoformat()


def test_changes_to_another_database_and_no_change_run_nothing(
    location: Location, folder: Path, tmp_path: Path
) -> None:
    given = tmp_path / "given.jsonl"
    hook(folder, f"cat >> '{given}'\n")
    add_client(Location(path=tmp_path / "other.db"), {"name": "Elsewhere"}, full_form=False)
    assert after_changes(Workspace(location), folder) == []
    assert not given.exists()


def test_a_failing_hook_is_one_line_with_its_last_words_escaped_by_the_caller(
    location: Location, folder: Path
) -> None:
    hook(folder, "cat > /dev/null\nprintf 'noise\\n\\377\\033[2Jbroken\\n' >&2\nexit 3\n")
    add_client(location, {"name": "Acme"}, full_form=False)
    add_client(location, {"name": "Brand"}, full_form=False)
    (problem,) = after_changes(Workspace(location), folder)
    assert (
        problem
        == f"the hook {folder / 'on-change'} failed (exit 3): \ufffd\x1b[2Jbroken; not run on 1 more change"
    )
    assert clients(location) == ["Acme", "Brand"]


def test_a_hook_that_hangs_is_stopped_with_what_it_started(location: Location, folder: Path) -> None:
    hook(folder, "sleep 600 &\nsleep 600\n")  # a child of its own, holding the streams open
    add_client(location, {"name": "Acme"}, full_form=False)
    (problem,) = after_changes(Workspace(location, hook_timeout_s=0.2), folder)
    assert problem == f"the hook {folder / 'on-change'} ran over 0.2 s and was stopped"
    assert clients(location) == ["Acme"]


def test_a_hook_that_cannot_run_is_one_line(location: Location, folder: Path) -> None:
    hook(folder, "exit 0\n", executable=False)
    add_client(location, {"name": "Acme"}, full_form=False)
    (problem,) = after_changes(Workspace(location), folder)
    assert (
        problem == f"the hook {folder / 'on-change'} was not run: it is not an executable file (chmod +x it)"
    )
    (folder / "on-change").write_bytes(b"\x7fELF garbage")
    (folder / "on-change").chmod(0o755)
    add_client(location, {"name": "Brand"}, full_form=False)
    (problem,) = after_changes(Workspace(location), folder)
    assert problem.startswith(f"the hook {folder / 'on-change'} could not run: ")
    assert clients(location) == ["Acme", "Brand"]


def test_a_kiaro_run_by_a_hook_runs_no_hooks(
    location: Location, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = tmp_path / "given.jsonl"
    hook(folder, f"cat >> '{given}'\n")
    monkeypatch.setenv(IN_HOOK, "1")
    add_client(location, {"name": "Acme"}, full_form=False)
    assert after_changes(Workspace(location), folder) == []
    assert not given.exists()


def test_the_hooks_folder_listed(folder: Path) -> None:
    hook(folder, "exit 0\n")
    (folder / "notes.txt").write_text("not a hook")
    (folder / ".hidden").write_text("")
    listed = [(each.name, each.executable, each.runs) for each in list_hooks(folder)]
    assert listed == [("notes.txt", False, False), ("on-change", True, True)]
    assert list_hooks(folder / "missing") == []
    assert os.access(folder / "on-change", os.X_OK)
