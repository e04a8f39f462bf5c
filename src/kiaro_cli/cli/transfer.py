"""``kiaro export …`` and ``kiaro import …``: data out and in (CSV, JSON, vCard, iCalendar)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import location, today
from kiaro_cli.storage.reader import open_reader

export_app = KiaroTyper(
    help="Export data as CSV, JSON or JSON lines, and follow-ups as a calendar.", no_args_is_help=True
)


import_app = KiaroTyper(help="Import clients from CSV or vCard files.", no_args_is_help=True)


class What(StrEnum):
    clients = "clients"
    contacts = "contacts"
    interactions = "interactions"


OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")
]
TagsOpt = Annotated[
    list[str] | None, typer.Option("--tag", metavar="TAG", help="Only clients with this tag (repeat: all).")
]
AllOpt = Annotated[bool, typer.Option("--all", help="Include archived clients.")]
NoEscapeOpt = Annotated[
    bool, typer.Option("--no-escape", help="Do not prefix formula-like CSV cells with '.")
]


@export_app.command("clients")
def export_clients(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
) -> None:
    """Export clients (header = the JSON keys; archived ones only with --all).

    CSV cells starting with = + - @ tab or CR get a ' so spreadsheets do not run
    them; kiaro's import removes it again.

    \b
    Examples:
      kiaro export clients > clients.csv
      kiaro export clients --format jsonl --status active --output active.jsonl
    """
    _export(ctx, What.clients, fmt, output_file, status, tag, all_, no_escape)


@export_app.command("contacts")
def export_contacts(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
) -> None:
    """Export contacts with their client ids (filters apply to their clients).

    \b
    Example:
      kiaro export contacts --output contacts.csv
    """
    _export(ctx, What.contacts, fmt, output_file, status, tag, all_, no_escape)


@export_app.command("interactions")
def export_interactions(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
) -> None:
    """Export interactions with their client ids, newest first (filters apply to clients).

    \b
    Example:
      kiaro export interactions --format jsonl --output interactions.jsonl
    """
    _export(ctx, What.interactions, fmt, output_file, status, tag, all_, no_escape)


@export_app.command("ics")
def export_ics(ctx: typer.Context, output_file: OutputOpt = None) -> None:
    """Scheduled follow-ups as all-day calendar items (iCalendar).

    Each client keeps the same event UID, so importing a newer export into your
    calendar moves its follow-up rather than adding another. Archived clients are
    left out.

    \b
    Examples:
      kiaro export ics --output ~/follow-ups.ics
      kiaro export ics > follow-ups.ics
    """
    from kiaro_cli.codecs.ics import write_calendar
    from kiaro_cli.core.exports import follow_up_events
    from kiaro_cli.storage.files import AtomicOutput

    with open_reader(location(ctx)) as reader:
        if output_file is None:
            write_calendar(follow_up_events(reader), sys.stdout)
            return
        with AtomicOutput(output_file) as handle:
            count = write_calendar(follow_up_events(reader), handle)
    output.say(messages.exported(count, "follow-up", output_file), err=True)


@export_app.command("vcard")
def export_vcard(
    ctx: typer.Context,
    client: opt.OptionalClientArg = None,
    output_file: OutputOpt = None,
) -> None:
    """Contacts as vCards (3.0) for an address book: one card per contact, ORG = the client.

    A client without contacts becomes one company card.

    \b
    Examples:
      kiaro export vcard --output clients.vcf
      kiaro export vcard acme > acme.vcf
    """
    from kiaro_cli.codecs.vcard import write_cards
    from kiaro_cli.core.exports import address_book
    from kiaro_cli.storage.files import AtomicOutput

    with open_reader(location(ctx)) as reader:
        if output_file is None:
            write_cards(address_book(reader, client), sys.stdout)
            return
        with AtomicOutput(output_file) as handle:
            count = write_cards(address_book(reader, client), handle)
    output.say(messages.exported(count, "vCard", output_file), err=True)


def _export(
    ctx: typer.Context,
    what: What,
    fmt: opt.ExportFormat,
    output_file: str | None,
    status: list[str] | None,
    tag: list[str] | None,
    all_: bool,
    no_escape: bool,
) -> None:
    from kiaro_cli.codecs.tabular import write_many
    from kiaro_cli.core import exports
    from kiaro_cli.storage.files import AtomicOutput

    rows_of = {
        What.clients: exports.client_rows,
        What.contacts: exports.contact_rows,
        What.interactions: exports.interaction_rows,
    }[what]
    with open_reader(location(ctx)) as reader:
        rows = rows_of(reader, statuses=status or (), tags=tag or (), include_archived=all_)
        columns = exports.columns_of(what.value)
        if output_file is None:
            write_many(fmt.value, rows, columns, sys.stdout, escape=not no_escape)
            return
        with AtomicOutput(output_file) as handle:
            count = write_many(fmt.value, rows, columns, handle, escape=not no_escape)
    output.say(messages.exported(count, what.value.removesuffix("s"), output_file), err=True)


@import_app.command("clients")
def import_clients(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A CSV file (UTF-8; comma, semicolon or tab).")
    ],
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="COLUMN=field", help="Read COLUMN as field (COLUMN= leaves it out)."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and preview; write nothing.")] = False,
    on_duplicate: opt.OnDuplicateOpt = "error",
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Import clients from a CSV file: all rows, or none if any is invalid.

    Columns are matched by key (see kiaro import template) or by common names
    (Company, E-mail, Phone number, Zip, Country code…); columns kiaro does not
    know are listed and left out. Every bad row is reported with its line.

    \b
    Examples:
      kiaro import clients contacts.csv --dry-run
      kiaro import clients export.csv --map "Org Nr=code" --map "Internal id=" --on-duplicate update
    """
    from kiaro_cli.core.imports import import_clients as run_import
    from kiaro_cli.core.imports import parse_map

    data = _read_file(file)
    mapping = parse_map(map_ or [])
    show = fmt is opt.Format.table
    with _progress(show) as progress:
        result = run_import(
            location(ctx),
            data,
            name=file.name,
            mapping=mapping,
            on_duplicate=on_duplicate,
            dry_run=dry_run,
            today=today(),
            progress=progress,
        )
    if not show:
        summary = result.to_dict()
        output.result(summary, list(summary), fmt, quiet=False, message="")
        return
    from kiaro_cli import render

    render.import_preview(result.plan, dry_run=dry_run)


@import_app.command("vcard")
def import_vcard(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .vcf file (vCard 3.0 or 4.0).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and say what would happen; write nothing.")
    ] = False,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Import an address book export: ORG becomes the client, each person a contact.

    A card's organisation is matched to a client by name (or added); a card
    without one becomes a client of its own. Contacts a client already has (same
    name or email) are left alone. Photos are not imported.

    \b
    Examples:
      kiaro import vcard ~/Downloads/contacts.vcf --dry-run
      kiaro import vcard ~/Downloads/contacts.vcf
    """
    from kiaro_cli.core.imports import import_vcards

    result = import_vcards(location(ctx), _read_file(file), name=file.name, dry_run=dry_run, today=today())
    summary = result.to_dict()
    output.result(summary, list(summary), fmt, quiet=False, message=messages.vcards_imported(result))


@import_app.command("template")
def import_template() -> None:
    """Print an empty CSV with every column kiaro imports.

    \b
    Example:
      kiaro import template > clients.csv
    """
    from kiaro_cli.core.imports import template

    sys.stdout.write(template())


def _read_file(file: Path) -> bytes:
    from kiaro_cli.errors import InvalidValue

    try:
        return file.expanduser().read_bytes()
    except OSError as error:
        raise InvalidValue(f"cannot read {file}: {error.strerror}") from None


@contextmanager
def _progress(show: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on a terminal for long imports; nothing elsewhere."""
    if not (show and sys.stderr.isatty()):
        yield None
        return
    from kiaro_cli import render

    with render.row_progress("Checking rows") as advance:
        yield advance
