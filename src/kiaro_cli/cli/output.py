"""Printing results: one line for people, the record for scripts, ids for ``-q``."""

from __future__ import annotations

import io
import shutil
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeVar, cast

from kiaro_cli.characters import json_escaped, visible
from kiaro_cli.cli.formats import DraftFormat, Format
from kiaro_cli.core.export_cases import chosen_fields, only
from kiaro_cli.errors import ConfirmationNeeded, Declined, KiaroError

if TYPE_CHECKING:
    from kiaro_cli.core.client_cases import ClientFilter
    from kiaro_cli.core.workspace import Workspace
    from kiaro_cli.drafting import Draft


TABLE_PAGE = 50  # rows a table shows unless --limit says otherwise


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


class ShownEscaped(io.TextIOBase):
    """A terminal's stdout for text made for programs (JSON, CSV, a calendar, a page): what
    the terminal would act on rather than show (an escape sequence, a carriage return, a
    bidi override, from a teammate's row or a restored file) is shown escaped as JSON
    escapes it (``\\u001b``), so JSON still reads the same; lines and tabs stay. Piped, the
    same text goes out as it is."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._stream.write(json_escaped(text.replace("\r\n", "\n")))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


def for_programs(stream: IO[str]) -> IO[str]:
    """``stream`` for text made for programs: :class:`ShownEscaped` on a terminal."""
    return cast(IO[str], ShownEscaped(stream)) if stream.isatty() else stream


def say(message: str, *, err: bool = False) -> None:
    """A line for people, on stdout (or stderr, beside machine output); wrapped at spaces
    to a terminal's width, and one line when piped.

    Every line people read that is not drawn by Rich passes here: the control and format
    characters of the values in it are shown escaped (``\x1b``, ``\u202e``; see
    :mod:`kiaro_cli.characters`); newlines and tabs are kept."""
    message = visible(message, lines=True)
    stream = sys.stderr if err else sys.stdout
    if stream.isatty() and _may_overflow(message, width := shutil.get_terminal_size().columns):
        from kiaro_cli.render.wrap import wrapped

        message = wrapped(message, width).rstrip("\n")
    stream.write(message + "\n")


def _may_overflow(message: str, width: int) -> bool:
    """Whether ``message`` may be wider than ``width`` cells (a character not ASCII may take
    two)."""
    return len(message) > width or (not message.isascii() and 2 * len(message) > width)


class Record(Protocol):
    """A record, or the outcome of a change to one: what ``--format json`` prints of it."""

    def to_dict(self) -> dict[str, Any]: ...


Found = TypeVar("Found", bound=Iterable[Record])


class Formatter(ABC):
    """How a command prints its results, chosen once from ``--format``, ``-q`` and
    ``--fields`` (:func:`formatter`): for people, as records for a program, or as ids."""

    people = False  # stdout is read by people (a table, a line), not by a program

    def __init__(self, fields: str | None) -> None:
        self.fields = fields

    def chosen(self, available: Sequence[str]) -> list[str] | None:
        """The fields ``--fields`` names among ``available`` (None: every field)."""
        return chosen_fields(self.fields, available)

    def page(self, limit: int | None) -> int | None:
        """How many rows a listing prints: ``--limit``, else a table page, else all."""
        return limit

    def client(self, outcome: Record, message: str) -> None:
        """What a command that changed a client prints (its custom fields as columns)."""
        from kiaro_cli.core.records import client_columns

        record = outcome.to_dict()
        self.result(record, client_columns(record["custom"]), message)

    @abstractmethod
    def result(self, record: Mapping[str, Any], columns: Sequence[str], message: str) -> None:
        """What a command that created or changed a record prints: ``message``, the
        record, or its id."""

    @abstractmethod
    def records(
        self,
        found: Found,
        columns: Sequence[str],
        table: Callable[[Found], None],
        *,
        choices: Sequence[str] | None = None,
    ) -> None:
        """A listing: ``table`` draws it for people, programs get ``columns``; ``--fields``
        cuts either down to fields among ``choices`` (``columns`` unless given)."""

    @abstractmethod
    def one(self, record: Mapping[str, Any], columns: Sequence[str], card: Callable[[], None]) -> None:
        """One record shown: ``card`` for people, else the record; ``--fields`` cuts it down."""


class People(Formatter):
    """Tables, cards and one line for each change: what a terminal shows."""

    people = True

    def page(self, limit: int | None) -> int | None:
        return TABLE_PAGE if limit is None else limit

    def result(self, record: Mapping[str, Any], columns: Sequence[str], message: str) -> None:
        say(message)

    def records(
        self,
        found: Found,
        columns: Sequence[str],
        table: Callable[[Found], None],
        *,
        choices: Sequence[str] | None = None,
    ) -> None:
        chosen = self.chosen(columns if choices is None else choices)
        if not chosen:
            table(found)
            return
        from kiaro_cli.render.workspace import fields_table

        fields_table([only(item.to_dict(), chosen) for item in found], chosen)

    def one(self, record: Mapping[str, Any], columns: Sequence[str], card: Callable[[], None]) -> None:
        chosen = self.chosen(columns)
        if not chosen:
            card()
            return
        from kiaro_cli.render.workspace import fields_table

        fields_table([only(record, chosen)], chosen)


class Machine(Formatter):
    """JSON, JSON lines or CSV on stdout, for a program to read."""

    def __init__(self, fmt: Format, fields: str | None) -> None:
        super().__init__(fields)
        self.fmt = fmt.value

    def result(self, record: Mapping[str, Any], columns: Sequence[str], message: str) -> None:
        from kiaro_cli.codecs import tabular

        tabular.write_one(self.fmt, record, columns, for_programs(sys.stdout))

    def records(
        self,
        found: Found,
        columns: Sequence[str],
        table: Callable[[Found], None],
        *,
        choices: Sequence[str] | None = None,
    ) -> None:
        from kiaro_cli.codecs import tabular

        chosen = self.chosen(columns if choices is None else choices)
        items = (item.to_dict() for item in found)
        if chosen:
            items, columns = (only(item, chosen) for item in items), chosen
        tabular.write_many(self.fmt, items, columns, for_programs(sys.stdout))

    def one(self, record: Mapping[str, Any], columns: Sequence[str], card: Callable[[], None]) -> None:
        chosen = self.chosen(columns)
        self.result(only(record, chosen) if chosen else record, chosen or columns, "")


class Ids(Formatter):
    """``-q``: the id of each record, a line each."""

    def result(self, record: Mapping[str, Any], columns: Sequence[str], message: str) -> None:
        say(str(record["id"]))

    def records(
        self,
        found: Found,
        columns: Sequence[str],
        table: Callable[[Found], None],
        *,
        choices: Sequence[str] | None = None,
    ) -> None:
        self.chosen(columns if choices is None else choices)  # a field it does not have is refused
        for item in found:
            if (key := item.to_dict()["id"]) is not None:  # a client's own address has no id of its own
                say(str(key))

    def one(self, record: Mapping[str, Any], columns: Sequence[str], card: Callable[[], None]) -> None:
        self.result(record, columns, "")


def write_page(target: str, page: str) -> bool:
    """Write a page to the file ``target`` (whole or not at all), or to stdout for ``-``;
    whether it went to a file."""
    if target == "-":
        for_programs(sys.stdout).write(page)
        return False
    from kiaro_cli.core.export_cases import written_whole

    with written_whole(target) as handle:
        handle.write(page)
    return True


def formatter(fmt: Format = Format.table, *, quiet: bool = False, fields: str | None = None) -> Formatter:
    """The formatter a command prints through: ids for ``-q``, tables and lines for
    ``--format table``, else the records in the format named."""
    if quiet:
        return Ids(fields)
    if fmt is Format.table:
        return People(fields)
    return Machine(fmt, fields)


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

        tabular.write_one("json", message.to_dict(), ["to", "subject", "body"], for_programs(sys.stdout))
        return
    text = visible(message.as_text(), lines=True)
    if sys.stdout.isatty():
        from kiaro_cli.render.wrap import wrapped

        text = wrapped(text, shutil.get_terminal_size().columns)
    sys.stdout.write(text)


def list_clients(
    ws: Workspace,
    out: Formatter,
    flt: ClientFilter,
    *,
    where: Sequence[str] = (),
    sort: str,
    descending: bool = False,
    limit: int | None,
    follow_ups: str | None = None,
) -> None:
    """Print a listing: a table page (50 rows unless ``limit``), or every row as ids or records.

    ``follow_ups`` asks for the follow-up table and is what it says when there are none.
    """
    from kiaro_cli.core.client_cases import client_listing
    from kiaro_cli.core.records import CLIENT_KEYS, ClientRecord, client_columns

    page = out.page(limit)
    with client_listing(ws, flt, where=where, sort=sort, descending=descending, page=page) as found:

        def table(clients: Iterable[ClientRecord]) -> None:
            from kiaro_cli.render.tables import client_table, follow_up_table

            shown = list(clients)
            more, hidden = found.left_out(len(shown))
            if follow_ups:
                follow_up_table(shown, ws.today, more=more, empty=follow_ups)
                return
            money = found.money([client.id for client in shown])
            client_table(shown, ws.today, more=more, hidden=hidden, with_value=sort == "value", money=money)

        custom = [f"custom.{key}" for key in found.custom_keys]
        columns = client_columns(found.custom_keys)
        out.records(found.clients, columns, table, choices=[*CLIENT_KEYS, *custom])
