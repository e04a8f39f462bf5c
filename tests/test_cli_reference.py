"""docs/cli-reference.md is every command's --help, generated from the app; it must not drift.

Regenerate with ``make docs`` (``uv run python -m tests.test_cli_reference``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).parent.parent / "docs" / "cli-reference.md"
WIDTH = 100


def reference() -> str:
    from typer.main import get_command

    from kiaro_cli.cli.app import app

    root = get_command(app)
    parts = [
        "# Command reference\n",
        "Every command's `--help`, generated from the program (`make docs`); a test keeps it "
        "in step. The guides explain the ideas; this page lists every option.\n",
    ]
    for path, command in _walk(root, ["kiaro"]):
        ctx = command.make_context(
            " ".join(path), ["--help"], resilient_parsing=True, terminal_width=WIDTH, max_content_width=WIDTH
        )
        parts.append(f"## {' '.join(path)}\n\n```\n{command.get_help(ctx).rstrip()}\n```\n")
    return "\n".join(parts)


def _walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    found = [(path, command)]
    for name in getattr(command, "commands", {}):
        found += _walk(command.commands[name], [*path, name])
    return found


def test_the_cli_reference_is_current() -> None:
    assert REFERENCE.read_text() == reference(), "regenerate with: make docs"


def test_help_names_values_in_words_not_python_types() -> None:
    """No `<str>`, `list[str]`, `{CLIENT}`, `[[CLIENT]]` or `<int range> [1<=x<=…]` in any help."""
    text = reference()
    for python_word in ("<", "list[", "{", "[[", "range", "<=x<="):
        assert python_word not in text.replace("<tab>", ""), python_word
    assert "Usage: kiaro client show [OPTIONS] CLIENT\n" in text
    assert "Usage: kiaro client tag [OPTIONS] CLIENT TAG...\n" in text
    assert "Usage: kiaro export vcard [OPTIONS] [CLIENT]\n" in text
    assert "-n, --limit N " in text


if __name__ == "__main__":
    REFERENCE.write_text(reference())
