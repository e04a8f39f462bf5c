"""Hooks as a user meets them: ``kiaro hooks list``, a hook run after a command's change,
a failing one said in one line with the exit code untouched, and none run by ``import
all`` or ``db copy``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import Run

pytestmark = pytest.mark.slow  # the hooks are real processes


@pytest.fixture
def folder() -> Path:
    """The hooks folder of the test's own config folder (XDG_CONFIG_HOME)."""
    made = Path(os.environ["XDG_CONFIG_HOME"]) / "kiaro" / "hooks"
    made.mkdir(parents=True)
    return made


def hook(folder: Path, script: str) -> None:
    (folder / "on-change").write_text("#!/bin/sh\n" + script)
    (folder / "on-change").chmod(0o755)


def test_hooks_list(kiaro: Run, folder: Path) -> None:
    assert kiaro("hooks", "list").stdout == f"No hooks: put an executable named on-change in {folder}\n"
    hook(folder, "exit 0\n")
    (folder / "on-change.sample").write_text("")
    lines = kiaro("hooks", "list").stdout.splitlines()
    assert [line.split()[:2] for line in lines[2:]] == [["on-change", "yes"], ["on-change.sample", "no"]]
    listed = json.loads(kiaro("hooks", "list", "--format", "json").stdout)
    assert [(each["name"], each["executable"], each["runs"]) for each in listed] == [
        ("on-change", True, True),
        ("on-change.sample", False, False),
    ]
    (folder / "on-change").chmod(0o600)  # named as the hook, but it cannot run
    assert json.loads(kiaro("hooks", "list", "--format", "json").stdout)[0]["runs"] is False
    listed_again = kiaro("hooks", "list").stdout
    assert "never: not an executable file (chmod +x on-change)" in listed_again
    assert "on-change.sample   no           never (not a hook name)" in listed_again


def test_a_command_s_change_reaches_the_hook_and_a_failure_costs_nothing(
    kiaro: Run, folder: Path, tmp_path: Path
) -> None:
    given = tmp_path / "given.jsonl"
    hook(folder, f"cat >> '{given}'\n")
    done = kiaro("client", "quick-add", "Acme")
    assert (done.exit_code, done.stderr) == (0, "")
    (entry,) = (json.loads(line) for line in given.read_text().splitlines())
    assert (entry["kind"], entry["record"]["name"]) == ("created", "Acme")
    assert kiaro("client", "list").exit_code == 0  # a read commits nothing: the hook is not run
    assert len(given.read_text().splitlines()) == 1
    kiaro("client", "edit", "acme", "--value", "1234.50", "--vat-rate", "15")
    record = json.loads(given.read_text().splitlines()[-1])["record"]
    assert (record["value"], record["vat_rate"]) == (1234.5, 15)  # numbers, as client show gives them

    hook(folder, "echo 'no \033[31mway' >&2\nexit 4\n")
    failed = kiaro("client", "quick-add", "Brand")
    assert failed.exit_code == 0 and failed.stdout == "Added lead Brand (#2)\n"
    assert failed.stderr == (
        f"Note: the hook {folder / 'on-change'} failed (exit 4): no \\x1b[31mway; the change is saved\n"
    )
    assert "Brand" in kiaro("client", "list").stdout


def test_import_all_and_db_copy_run_no_hooks(kiaro: Run, folder: Path, tmp_path: Path) -> None:
    kiaro("client", "quick-add", "Acme")
    given = tmp_path / "given.jsonl"
    hook(folder, f"cat >> '{given}'\n")
    archive = tmp_path / "all.zip"
    assert kiaro("export", "all", "--output", str(archive)).exit_code == 0
    assert kiaro("--db", str(tmp_path / "moved.db"), "import", "all", str(archive)).exit_code == 0
    assert kiaro("db", "copy", "--to", str(tmp_path / "copy.db"), "--yes").exit_code == 0
    assert not given.exists()
