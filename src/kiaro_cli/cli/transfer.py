"""``kiaro export …``: clients and contacts as CSV, JSON or JSON lines."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from kiaro_cli.cli import options as opt
from kiaro_cli.cli.context import location
from kiaro_cli.storage.reader import open_reader

export_app = typer.Typer(
    help="Export data as CSV, JSON or JSON lines, and follow-ups as a calendar.", no_args_is_help=True
)


class What(StrEnum):
    clients = "clients"
    contacts = "contacts"
    interactions = "interactions"


ExportFormatOpt = Annotated[
    opt.ExportFormat, typer.Option("--format", "-f", case_sensitive=False, help="File format.")
]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")]
StatusesOpt = Annotated[
    list[opt.Status] | None,
    typer.Option(
        "--status", case_sensitive=False, help="Only clients with this status (repeat for several)."
    ),
]
TagsOpt = Annotated[list[str] | None, typer.Option("--tag", help="Only clients with this tag (repeat: all).")]
AllOpt = Annotated[bool, typer.Option("--all", help="Include archived clients.")]
NoEscapeOpt = Annotated[
    bool, typer.Option("--no-escape", help="Do not prefix formula-like CSV cells with '.")
]


@export_app.command("clients")
def export_clients(
    ctx: typer.Context,
    fmt: ExportFormatOpt = opt.ExportFormat.csv,
    output_file: OutputOpt = None,
    status: StatusesOpt = None,
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
    fmt: ExportFormatOpt = opt.ExportFormat.csv,
    output_file: OutputOpt = None,
    status: StatusesOpt = None,
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
    fmt: ExportFormatOpt = opt.ExportFormat.csv,
    output_file: OutputOpt = None,
    status: StatusesOpt = None,
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
    from kiaro_cli.core.exports import follow_up_clients
    from kiaro_cli.formats import AtomicOutput
    from kiaro_cli.ics import write_calendar

    with open_reader(location(ctx)) as reader:
        if output_file is None:
            write_calendar(follow_up_clients(reader), sys.stdout)
            return
        with AtomicOutput(output_file) as handle:
            count = write_calendar(follow_up_clients(reader), handle)
    sys.stderr.write(f"Exported {count} follow-ups to {output_file}\n")


def _export(
    ctx: typer.Context,
    what: What,
    fmt: opt.ExportFormat,
    output_file: str | None,
    status: list[opt.Status] | None,
    tag: list[str] | None,
    all_: bool,
    no_escape: bool,
) -> None:
    from kiaro_cli.core import exports
    from kiaro_cli.formats import AtomicOutput, write_many

    rows_of = {
        What.clients: exports.client_rows,
        What.contacts: exports.contact_rows,
        What.interactions: exports.interaction_rows,
    }[what]
    with open_reader(location(ctx)) as reader:
        rows = rows_of(
            reader, statuses=[s.value for s in status or ()], tags=tag or (), include_archived=all_
        )
        columns = exports.columns_of(what.value)
        if output_file is None:
            write_many(fmt.value, rows, columns, sys.stdout, escape=not no_escape)
            return
        with AtomicOutput(output_file) as handle:
            count = write_many(fmt.value, rows, columns, handle, escape=not no_escape)
    sys.stderr.write(f"Exported {count} {what.value} to {output_file}\n")
