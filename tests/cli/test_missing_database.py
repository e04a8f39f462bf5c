"""A read never makes a database: a mistyped ``--db`` path is said, not quietly filled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import Run


def test_a_read_of_a_mistyped_path_makes_nothing_and_says_so(kiaro: Run, tmp_path: Path) -> None:
    typo = tmp_path / "typo" / "x.db"
    listed = kiaro("--db", str(typo), "client", "list")
    assert listed.exit_code == 0
    assert listed.stdout.strip() == "No clients match."
    assert listed.stderr == (
        f"Note: the database {typo} does not exist; nothing was made (a command that saves makes it)\n"
    )
    due = kiaro("--db", str(typo), "followup", "due", "--format", "json")
    assert json.loads(due.stdout) == [] and "does not exist" in due.stderr
    assert not typo.parent.exists()


def test_the_first_write_makes_the_database_and_says_nothing_of_it(kiaro: Run, tmp_path: Path) -> None:
    new = tmp_path / "new" / "kiaro.db"
    added = kiaro("--db", str(new), "client", "quick-add", "Acme")
    assert added.exit_code == 0 and added.stderr == ""
    assert new.exists()
    listed = kiaro("--db", str(new), "client", "list", "--format", "json")
    assert [client["name"] for client in json.loads(listed.stdout)] == ["Acme"] and listed.stderr == ""


def test_the_home_screen_of_a_new_machine_welcomes_without_making_a_file(
    kiaro: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KIARO_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    home = kiaro()
    assert home.exit_code == 0 and "Welcome to kiaro" in home.stdout and home.stderr == ""
    assert not (tmp_path / "fresh").exists()
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert (tmp_path / "fresh" / "kiaro" / "kiaro.db").exists()
