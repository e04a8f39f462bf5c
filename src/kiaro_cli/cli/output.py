"""Printing results: one line for people, the record for scripts, ids for ``-q``."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from kiaro_cli.characters import visible
from kiaro_cli.cli.options import DraftFormat, Format
from kiaro_cli.errors import ConfirmationNeeded, Declined, InvalidValue, KiaroError

if TYPE_CHECKING:
    from kiaro_cli.core.client_cases import ClientFilter
    from kiaro_cli.core.workspace import Workspace
    from kiaro_cli.drafting import Draft


R = TypeVar("R", bound="Record")
TABLE_PAGE = 50  # rows a table shows unless --limit says otherwise


def page_size(limit: int | None, fmt: Format, quiet: bool = False) -> int | None:
    """How many rows a listing prints: --limit, else a table page, else all of them."""
    if limit is not None or fmt is not Format.table or quiet:
        return limit
    return TABLE_PAGE


MAX_SHOWN = 300  # characters of an error line; a rejected 10,000-character value is cut


def report(error: KiaroError) -> None:
    """``Error: …`` on stderr, then the lines that belong to it: each one line when piped,
    wrapped at spaces with its indent on a terminal. A declined confirmation is no error:
    its line is said as it is."""
    say(
        printable(error.message) if isinstance(error, Declined) else f"Error: {printable(error.message)}",
        err=True,
    )
    for line in error.details:
        say(f"  {printable(line)}", err=True)


def printable(text: str) -> str:
    """A message safe for one terminal line: control and format characters (a newline or
    an escape sequence inside a rejected value) shown escaped, and very long text cut."""
    shown = visible(text)
    return shown if len(shown) <= MAX_SHOWN else shown[: MAX_SHOWN - 1] + "…"


def say(message: str, *, err: bool = False) -> None:
    """A line for people, on stdout (or stderr, beside machine output); wrapped at spaces
    to a terminal's width, and one line when piped.

    Every line people read that is not drawn by Rich passes here: the control and format
    characters of the values in it are shown escaped (``\x1b``, ``\u202e``; see
    :mod:`kiaro_cli.characters`); newlines and tabs are kept."""
    message = visible(message, lines=True)
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
    items: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: Format,
    *,
    escape: bool = True,
    fields: Sequence[str] | None = None,
) -> int:
    """Stream records in a machine format to stdout (only ``fields``, when chosen)."""
    from kiaro_cli.codecs import tabular

    if fields:
        items, columns = (only(item, fields) for item in items), fields
    return tabular.write_many(fmt.value, items, columns, sys.stdout, escape=escape)


def chosen_fields(text: str | None, available: Sequence[str]) -> list[str] | None:
    """The fields ``--fields a,b,c`` names, in its order; a name the records do not have is
    refused, listing those they have."""
    if text is None:
        return None
    wanted = list(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    if not wanted:
        raise InvalidValue(f"--fields needs field names, e.g. {','.join(available[:3])}")
    unknown = [name for name in wanted if name not in available]
    if unknown:
        import textwrap

        names = textwrap.wrap(", ".join(available), 76, break_on_hyphens=False)
        raise InvalidValue(f"unknown field '{unknown[0]}'; the fields are:", names)
    return wanted


def only(item: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """A record cut down to ``fields`` (``custom.KEY`` reads inside ``custom``)."""
    from kiaro_cli.codecs.tabular import value_at

    return {name: value_at(item, name) for name in fields}


class Record(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def emit_records(
    found: Sequence[R],
    columns: Sequence[str],
    fmt: Format,
    fields: str | None,
    table: Callable[[Sequence[R]], None],
) -> None:
    """A listing's records: ``table`` draws them on a terminal, machine formats write their
    ``columns``, and ``--fields`` cuts both down to the fields named."""
    chosen = chosen_fields(fields, columns)
    if chosen:
        listing((item.to_dict() for item in found), columns, fmt, chosen)
    elif fmt is Format.table:
        table(found)
    else:
        records((item.to_dict() for item in found), columns, fmt)


def emit_one(
    record: Mapping[str, Any],
    columns: Sequence[str],
    fmt: Format,
    fields: str | None,
    card: Callable[[], None],
) -> None:
    """One record shown: ``card`` on a terminal, else the record; ``--fields`` cuts it down."""
    chosen = chosen_fields(fields, columns)
    if chosen and fmt is Format.table:
        from kiaro_cli import render

        render.fields_table([only(record, chosen)], chosen)
    elif fmt is Format.table:
        card()
    else:
        result(only(record, chosen) if chosen else record, chosen or columns, fmt, quiet=False, message="")


def listing(
    items: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: Format,
    fields: Sequence[str],
) -> None:
    """Records cut down to the chosen ``fields``: a plain table on a terminal, else as
    ``records`` writes them."""
    if fmt is Format.table:
        from kiaro_cli import render

        render.fields_table([only(item, fields) for item in items], fields)
    else:
        records(items, columns, fmt, fields=fields)


def ids(items: Iterable[Mapping[str, Any]]) -> None:
    for item in items:
        say(str(item["id"]))


def confirm_or_refuse(
    question: str, refusal: str, *, yes: bool, interactive: bool, declined: str = "Nothing removed."
) -> None:
    """Go on with a destructive change only if confirmed (``--yes`` or a prompt); a no
    ends the command with ``declined`` (exit 1)."""
    if yes:
        return
    if not interactive:
        raise ConfirmationNeeded(f"{refusal}; re-run with --yes")
    from kiaro_cli.prompts import confirm

    if not confirm(question):
        raise Declined(declined)


def draft(message: Draft, fmt: DraftFormat) -> None:
    """A draft as an email-like text (To, Subject, body) or one JSON object.

    On a terminal the body is wrapped to its width; piped, each paragraph stays one
    line, as a mail program wants it. The text shows control and format characters
    escaped, as every line for people does. A notice for the sender goes to stderr.
    """
    if message.notice:
        say(f"Note: {message.notice}", err=True)
    if fmt is DraftFormat.json:
        from kiaro_cli.codecs import tabular

        tabular.write_one("json", message.to_dict(), ["to", "subject", "body"], sys.stdout)
        return
    text = visible(message.as_text(), lines=True)
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
    ws: Workspace,
    flt: ClientFilter,
    *,
    where: Sequence[str] = (),
    sort: str,
    descending: bool = False,
    limit: int | None,
    fmt: Format,
    quiet: bool,
    follow_ups: str | None = None,
    fields: str | None = None,
) -> None:
    """Print a listing: a table page (50 rows unless ``limit``), or every row as ids or records.

    ``follow_ups`` asks for the follow-up table and is what it says when there are none;
    ``fields`` (``--fields``) cuts each client down to the fields named.
    """
    from kiaro_cli.core.client_cases import client_listing
    from kiaro_cli.core.records import CLIENT_KEYS, client_columns

    page = page_size(limit, fmt, quiet)
    with client_listing(ws, flt, where=where, sort=sort, descending=descending, page=page) as found:
        chosen = None
        if fields is not None:
            chosen = chosen_fields(fields, [*CLIENT_KEYS, *(f"custom.{key}" for key in found.custom_keys)])
        clients = found.clients
        if quiet:
            ids(c.to_dict() for c in clients)
        elif chosen:
            listing((c.to_dict() for c in clients), chosen, fmt, chosen)
        elif fmt is Format.table:
            from kiaro_cli import render

            shown = list(clients)
            more, hidden = found.left_out(len(shown))
            if follow_ups:
                render.follow_up_table(shown, ws.today, more=more, empty=follow_ups)
                return
            render.client_table(shown, ws.today, more=more, hidden=hidden, with_value=sort == "value")
        else:
            records((c.to_dict() for c in clients), client_columns(found.custom_keys), fmt)
