"""docs/cli-reference.md is every command's --help, generated from the app; it must not drift.

Regenerate with ``make docs`` (``uv run python -m kiaro_cli.cli.reference``).
"""

from __future__ import annotations

from pathlib import Path

from kiaro_cli.cli.reference import reference

REFERENCE = Path(__file__).parent.parent.parent / "docs" / "cli-reference.md"


def test_the_cli_reference_is_current() -> None:
    assert REFERENCE.read_text() == reference(), "regenerate with: make docs"


def test_help_names_values_in_words_not_python_types() -> None:
    """No `<str>`, `list[str]`, `{CLIENT}`, `[[CLIENT]]` or `<int range> [1<=x<=…]` in any help."""
    text = reference()
    for python_word in ("<", "list[", "{", "[[", "range", "<=x<="):
        assert python_word not in text, python_word
    assert "Usage: kiaro client show [OPTIONS] CLIENT\n" in text
    assert "Usage: kiaro client tag [OPTIONS] CLIENT TAG...\n" in text
    assert "Usage: kiaro export vcard [OPTIONS] [CLIENT]\n" in text
    assert "-n, --limit N " in text
