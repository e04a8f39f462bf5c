"""The command reference, from the app's own command tree: every command's ``--help`` as
Markdown (``docs/cli-reference.md``) and the manual page (``man/kiaro.1``).

``make docs`` writes both (``python -m kiaro_cli.cli.reference [--man]``); a test fails
when either drifts from the app.
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
    for path, command in walk(get_command(app), ["kiaro"]):
        parts.append(f"## {' '.join(path)}\n\n```\n{help_text(path, command, WIDTH)}\n```\n")
    return "\n".join(parts)


def help_text(path: list[str], command: Any, width: int) -> str:
    """A command's ``--help`` as a terminal ``width`` columns wide shows it."""
    ctx = command.make_context(
        " ".join(path), ["--help"], resilient_parsing=True, terminal_width=width, max_content_width=width
    )
    return str(command.get_help(ctx).rstrip())


def walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    found = [(path, command)]
    for name in getattr(command, "commands", {}):
        found += walk(command.commands[name], [*path, name])
    return found


DESCRIPTION = (
    "kiaro keeps a freelancer's clients, their contacts, follow-up reminders and the history "
    "of each relationship in one SQLite file in your user data folder, or on a PostgreSQL "
    "server a team shares. Run without a command it shows what is due today.",
    "Every listing takes --format json, jsonl or csv for scripts; off a terminal kiaro never "
    "prompts, and destructive commands need --yes. Dates are typed as people say them: "
    "2w, 1m, next friday, October 15, 2026-12-01. kiaro undo takes back the last change.",
)
MAN_SECTIONS = {
    "ENVIRONMENT": [
        (
            "KIARO_DB",
            "The database: a file path, or a database URL with :// "
            "(postgresql+psycopg://USER@HOST/NAME). --db wins over it.",
        ),
        ("KIARO_USER", "Who you are in the history, over the user-name setting and your login name."),
        ("VISUAL, EDITOR", "The editor of --edit and --editor."),
        ("NO_COLOR", "Plain output without colour."),
        ("KIARO_DEBUG", "Show a traceback instead of one error line."),
    ],
    "EXIT STATUS": [
        ("0", "Done."),
        (
            "1",
            "Refused: a value kiaro rejects, nothing found, an ambiguous reference, a "
            "conflict, or a confirmation needed or declined. Nothing was changed.",
        ),
        ("2", "Usage: an unknown option or command, or a value outside an option's choices."),
    ],
    "FILES": [
        (
            "~/.local/share/kiaro/kiaro.db",
            "The database on Linux (kiaro db path prints it wherever it is); readable by you alone.",
        ),
        ("~/.config/kiaro/", "Draft templates and this machine's user name."),
    ],
}


def man_page() -> str:
    """The manual page ``kiaro(1)`` in roff: what kiaro is, then every command with its
    arguments and options, then the environment, exit status and files."""
    from typer.main import get_command

    from kiaro_cli import __version__
    from kiaro_cli.cli.app import app
    from kiaro_cli.cli.command import argument_word

    root = get_command(app)
    lines = [
        f'.TH KIARO 1 "" "kiaro {__version__}" "User Commands"',
        ".SH NAME",
        "kiaro \\- " + _roff(_first_line(root.help or "")[:1].lower() + _first_line(root.help or "")[1:]),
        ".SH SYNOPSIS",
        ".B kiaro",
        "[\\fB\\-\\-db\\fR \\fIPATH_OR_URL\\fR] [\\fICOMMAND\\fR [\\fIARGUMENTS\\fR]...]",
        ".SH DESCRIPTION",
        *[line for paragraph in DESCRIPTION for line in (".PP", _roff(paragraph))],
        ".SH COMMANDS",
    ]
    for path, command in walk(root, ["kiaro"])[1:]:
        if getattr(command, "commands", None):
            continue  # a group: its commands follow, each with its own help
        ctx = command.make_context(" ".join(path), [], resilient_parsing=True)
        usage = [  # an optional argument in brackets, as --help shows it
            argument_word(p) if p.required else f"[{argument_word(p)}]"
            for p in command.get_params(ctx)
            if p.param_type_name == "argument"
        ]
        lines += [
            f'.SS "{_roff(" ".join([*path, "[OPTIONS]", *usage]))}"',
            *_roff_paragraphs(command.help or ""),
        ]
        for param in command.get_params(ctx):
            record = (
                (argument_word(param), getattr(param, "help", "") or "")
                if param.param_type_name == "argument"
                else param.get_help_record(ctx)
            )
            if record is not None and "--help" not in record[0]:
                lines += [".TP", f"\\fB{_roff(record[0])}\\fR", _roff(record[1])]
    for title, entries in MAN_SECTIONS.items():
        lines.append(f".SH {title}")
        for name, text in entries:
            lines += [".TP", f"\\fB{_roff(name)}\\fR", _roff(text)]
    lines += [".SH SEE ALSO", "Every command's \\fB\\-\\-help\\fR has examples."]
    return "\n".join(lines) + "\n"


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0].rstrip(".") if text.strip() else ""


def _roff(text: str) -> str:
    """Plain text made safe for roff: backslashes and hyphens escaped, characters past ASCII
    named (``\\[u2192]``), no line starting with a control character."""
    escaped = text.replace("\\", "\\e").replace("-", "\\-")
    escaped = "".join(c if c.isascii() else f"\\[u{ord(c):04X}]" for c in escaped)
    return "\n".join("\\&" + line if line[:1] in ".'" else line for line in escaped.splitlines())


def _roff_paragraphs(text: str) -> list[str]:
    """A docstring's paragraphs; those marked ``\\b`` (examples) kept line for line."""
    out: list[str] = []
    for paragraph in text.strip().split("\n\n"):
        block = paragraph.strip("\n")
        if block.lstrip().startswith("\b"):
            body = block.lstrip().removeprefix("\b").strip("\n")
            out += [".PP", ".nf", ".RS 2", _roff(_dedent(body)), ".RE", ".fi"]
        elif block.strip():
            out += [".PP", _roff(" ".join(block.split()))]
    return out


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text)


if __name__ == "__main__":
    sys.stdout.write(man_page() if sys.argv[1:] == ["--man"] else reference())
