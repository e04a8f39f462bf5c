"""docs/cli-reference.md is every command's --help, generated from the app; it must not drift.

Regenerate with ``make docs`` (``uv run python -m kiaro_cli.cli.reference``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiaro_cli.cli.reference import help_text, man_page, reference, walk

ROOT = Path(__file__).parent.parent.parent
REFERENCE = ROOT / "docs" / "cli-reference.md"
MAN_PAGE = ROOT / "man" / "kiaro.1"


def test_every_help_fits_80_columns() -> None:
    """A line wider than the terminal is broken wherever the terminal breaks it, mid-word;
    an example too long for one line goes on the next after a backslash."""
    from typer.main import get_command

    from kiaro_cli.cli.app import app

    wide = [
        f"{' '.join(path)}: {line.strip()}"
        for path, command in walk(get_command(app), ["kiaro"])
        for line in help_text(path, command, 80).splitlines()
        if len(line) > 80
    ]
    assert wide == []


def test_the_cli_reference_is_current() -> None:
    assert REFERENCE.read_text() == reference(), "regenerate with: make docs"


def test_the_man_page_is_current_and_has_every_command() -> None:
    page = man_page()
    assert MAN_PAGE.read_text() == page, "regenerate with: make docs"
    assert '.SS "kiaro client add [OPTIONS]"' in page
    assert '.SS "kiaro contact email [OPTIONS] QUERY"' in page
    assert '.SS "kiaro interaction list [OPTIONS] [CLIENT]"' in page  # optional, as --help says
    assert "urgent events" in page.split('.SS "kiaro home [OPTIONS]"')[1].split(".SS")[0]
    assert "\\fB\\-f, \\-\\-format [table|json|jsonl|csv]\\fR" in page
    assert ".SH EXIT STATUS" in page


@pytest.mark.skipif(shutil.which("groff") is None, reason="needs groff (man-db's formatter)")
def test_the_man_page_renders_without_warnings() -> None:
    done = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-z", str(MAN_PAGE)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_help_names_values_in_words_not_python_types() -> None:
    """No `<str>`, `list[str]`, `{CLIENT}`, `[[CLIENT]]` or `<int range> [1<=x<=…]` in any help."""
    text = reference()
    for python_word in ("<", "list[", "{", "[[", "range", "<=x<="):
        assert python_word not in text, python_word
    assert "Usage: kiaro client show [OPTIONS] CLIENT\n" in text
    assert "Usage: kiaro client tag [OPTIONS] CLIENT TAG...\n" in text
    assert "Usage: kiaro export vcard [OPTIONS] [CLIENT]\n" in text
    assert "-n, --limit N " in text
