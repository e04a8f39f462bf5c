"""The command reference: every command's ``--help``, rendered from the app at a fixed width.

``make docs`` writes it to ``docs/cli-reference.md`` (``python -m kiaro_cli.cli.reference``);
a test fails when that file and the app drift apart.
"""

from __future__ import annotations

import sys
from typing import Any

WIDTH = 100  # columns the help is wrapped to, whatever the terminal


def reference() -> str:
    """The whole reference as Markdown, one section per command, in the app's order."""
    from typer.main import get_command

    from kiaro_cli.cli.app import app

    parts = [
        "# Command reference\n",
        "Every command's `--help`, generated from the program (`make docs`); a test keeps it "
        "in step. The guides explain the ideas; this page lists every option.\n",
    ]
    for path, command in _walk(get_command(app), ["kiaro"]):
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


if __name__ == "__main__":
    sys.stdout.write(reference())
