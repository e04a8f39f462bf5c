"""Printing results: one line for people, the record for scripts, ids for ``-q``."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from kiaro_cli.cli.options import DraftFormat, Format
from kiaro_cli.errors import ConfirmationNeeded, KiaroError

if TYPE_CHECKING:
    from kiaro_cli.drafting import Draft
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.queries import ClientFilter


TABLE_PAGE = 50  # rows a table shows unless --limit says otherwise


def page_size(limit: int | None, fmt: Format, quiet: bool = False) -> int | None:
    """How many rows a listing prints: --limit, else a table page, else all of them."""
    if limit is not None or fmt is not Format.table or quiet:
        return limit
    return TABLE_PAGE


MAX_SHOWN = 300  # characters of an error line; a rejected 10,000-character value is cut


def report(error: KiaroError) -> None:
    """``Error: …`` on stderr, then the lines that belong to it: each one line when piped,
    wrapped at spaces with its indent on a terminal."""
    say(f"Error: {printable(error.message)}", err=True)
    for line in error.details:
        say(f"  {printable(line)}", err=True)


def printable(text: str) -> str:
    """A message safe for one terminal line: control characters (a newline or an escape
    sequence inside a rejected value) shown escaped, and very long text cut."""
    shown = "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
    return shown if len(shown) <= MAX_SHOWN else shown[: MAX_SHOWN - 1] + "…"


def say(message: str, *, err: bool = False) -> None:
    """A line for people, on stdout (or stderr, beside machine output); wrapped at spaces
    to a terminal's width, and one line when piped."""
    stream = sys.stderr if err else sys.stdout
    if stream.isatty() and len(message) > (width := shutil.get_terminal_size().columns):
        message = wrapped(message, width).rstrip("\n")
    stream.write(message + "\n")


def result(
    record: Mapping[str, Any], columns: Sequence[str], fmt: Format, *, quiet: bool, message: str
) -> None:
    """What a command that created or changed a record prints."""
    if quiet:
        say(str(record["id"]))
    elif fmt is Format.table:
        say(message)
    else:
        from kiaro_cli.codecs import tabular

        tabular.write_one(fmt.value, record, columns, sys.stdout)


class Outcome(Protocol):
    """A client, or the result of a change to one: what ``--format json`` prints of it."""

    def to_dict(self) -> dict[str, Any]: ...


def client_result(outcome: Outcome, fmt: Format, quiet: bool, message: str) -> None:
    """What a command that changed a client prints: ``message``, the client, or its id."""
    from kiaro_cli.core.records import client_columns

    record = outcome.to_dict()
    result(record, client_columns(record["custom"]), fmt, quiet=quiet, message=message)


def records(
    items: Iterable[Mapping[str, Any]], columns: Sequence[str], fmt: Format, *, escape: bool = True
) -> int:
    """Stream records in a machine format to stdout."""
    from kiaro_cli.codecs import tabular

    return tabular.write_many(fmt.value, items, columns, sys.stdout, escape=escape)


def ids(items: Iterable[Mapping[str, Any]]) -> None:
    for item in items:
        say(str(item["id"]))


def confirm_or_refuse(question: str, refusal: str, *, yes: bool, interactive: bool) -> None:
    """Go on with a destructive change only if confirmed (``--yes`` or a prompt)."""
    if yes:
        return
    if not interactive:
        raise ConfirmationNeeded(f"{refusal}; re-run with --yes")
    from kiaro_cli.prompts import confirm

    if not confirm(question):
        raise ConfirmationNeeded("not confirmed; nothing was changed")


def draft(message: Draft, fmt: DraftFormat) -> None:
    """A draft as an email-like text (To, Subject, body) or one JSON object.

    On a terminal the body is wrapped to its width; piped, each paragraph stays one
    line, as a mail program wants it. A notice for the sender goes to stderr.
    """
    if message.notice:
        say(f"Note: {message.notice}", err=True)
    if fmt is DraftFormat.json:
        from kiaro_cli.codecs import tabular

        tabular.write_one("json", message.to_dict(), ["to", "subject", "body"], sys.stdout)
        return
    text = message.as_text()
    if sys.stdout.isatty():
        text = wrapped(text, shutil.get_terminal_size().columns)
    sys.stdout.write(text)


def wrapped(text: str, width: int) -> str:
    """Each line of ``text`` wrapped at spaces to ``width``; an indented line or a "- " item
    keeps its indent."""
    import textwrap

    lines = []
    for line in text.splitlines():
        body = line.lstrip(" ")
        indent = " " * (len(line) - len(body) + (2 if body.startswith("- ") else 0))
        filled = textwrap.fill(
            line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
        )
        lines.append(filled or line)
    return "\n".join(lines) + "\n"


def list_clients(
    where: Location,
    flt: ClientFilter,
    *,
    sort: str,
    descending: bool = False,
    limit: int | None,
    fmt: Format,
    quiet: bool,
    follow_ups: str | None = None,
) -> None:
    """Print a listing: a table page (50 rows unless ``limit``), or every row as ids or records.

    ``follow_ups`` asks for the follow-up table and is what it says when there are none.
    """
    from kiaro_cli import clock
    from kiaro_cli.core.clients import archived_matches, count_clients, iter_clients
    from kiaro_cli.core.records import client_columns
    from kiaro_cli.storage.reader import open_reader

    page = page_size(limit, fmt, quiet)
    with open_reader(where) as reader:
        clients = iter_clients(reader, flt, sort=sort, descending=descending, limit=page)
        if quiet:
            ids(c.to_dict() for c in clients)
        elif fmt is Format.table:
            from kiaro_cli import render

            shown = list(clients)
            more = count_clients(reader, flt) - len(shown) if page and len(shown) == page else 0
            if follow_ups:
                render.follow_up_table(shown, clock.today(), more=more, empty=follow_ups)
                return
            hidden = archived_matches(reader, flt) if not shown else 0
            render.client_table(shown, clock.today(), more=more, hidden=hidden, with_value=sort == "value")
        else:
            from kiaro_cli.core.custom_fields import list_fields

            columns = client_columns(fld.key for fld in list_fields(reader))
            records((c.to_dict() for c in clients), columns, fmt)
