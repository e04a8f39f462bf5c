"""One vocabulary of statuses for every input: the words another CRM exports ("Customer",
"Won", "Kunde", "churned") read the same in ``client status``, ``--status``, the editor
form, a ``Status`` column of an import and ``kiaro do``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiaro_cli.core.choices import STATUS_ALIASES, clean_status, read_status
from tests.helpers import TODAY, Run

WORDS = [("Customer", "active"), ("Won", "active"), ("Kunde", "active"), ("churned", "past")]
WORDS += [("former", "past"), ("lost", "past"), ("Prospect", "lead"), ("opportunity", "lead")]


def ok(kiaro: Run, *args: str) -> str:
    done = kiaro(*args)
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


def status_of(kiaro: Run, client: str = "acme") -> str:
    return str(json.loads(ok(kiaro, "client", "show", client, "--format", "json"))["status"])


def test_every_word_of_the_vocabulary_reads_as_a_status() -> None:
    for word, status in STATUS_ALIASES.items():
        assert read_status(word.upper()) == clean_status(word) == status
    assert read_status("Vendor") is None


@pytest.mark.parametrize(("word", "status"), WORDS)
def test_client_status_and_the_status_option(kiaro: Run, word: str, status: str) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "client", "status", "acme", word)
    assert status_of(kiaro) == status
    ok(kiaro, "client", "quick-add", "Beta", "--allow-duplicate")
    ok(kiaro, "client", "edit", "beta", "--status", word)
    assert status_of(kiaro, "beta") == status
    listed = json.loads(ok(kiaro, "client", "list", "--status", word, "--format", "json"))
    assert sorted(c["name"] for c in listed) == ["Acme", "Beta"]


@pytest.mark.parametrize(("word", "status"), WORDS)
def test_a_status_column_of_an_import(kiaro: Run, tmp_path: Path, word: str, status: str) -> None:
    source = tmp_path / "clients.csv"
    source.write_text(f"Company,Status\nAcme,{word}\n")
    ok(kiaro, "import", "clients", str(source))
    assert status_of(kiaro) == status


def test_a_status_column_refuses_a_word_that_names_no_status(kiaro: Run, tmp_path: Path) -> None:
    source = tmp_path / "clients.csv"
    source.write_text("Company,Status\nAcme,Vendor\n")
    refused = kiaro("import", "clients", str(source))
    assert refused.exit_code == 1 and "line 2: unknown status 'Vendor'" in refused.stderr


@pytest.mark.parametrize(("word", "status"), [("customer", "active"), ("churned", "past"), ("lost", "past")])
def test_kiaro_do(kiaro: Run, word: str, status: str) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "do", f"mark Acme as {word}", "--yes")
    assert status_of(kiaro) == status


def test_the_editor_form(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiaro_cli.cli import editor
    from kiaro_cli.cli.record_form import edit_in_editor
    from kiaro_cli.core.workspace import open_workspace

    ok(kiaro, "client", "quick-add", "Acme")
    monkeypatch.setattr(editor, "edit_text", lambda text, suffix: text.replace('"lead"', '"Customer"', 1))
    saved = edit_in_editor(open_workspace(None, pinned_today=TODAY), "acme")
    assert saved is not None and saved.status == "active"
