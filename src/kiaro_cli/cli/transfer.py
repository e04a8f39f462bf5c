"""``kiaro export …``: data out as CSV, JSON, vCard or iCalendar."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import completion, import_messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.archives import export_all
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import workspace

if TYPE_CHECKING:
    from kiaro_cli.codecs.tabular import Spreadsheet
    from kiaro_cli.core.export_cases import Table
    from kiaro_cli.core.workspace import Workspace

export_app = KiaroTyper(
    help="Export data as CSV, Excel workbooks, JSON or JSON lines, and follow-ups as a calendar.",
    no_args_is_help=True,
)


class What(StrEnum):
    clients = "clients"
    contacts = "contacts"
    interactions = "interactions"
    events = "events"
    projects = "projects"
    quotes = "quotes"
    invoices = "invoices"
    payments = "payments"


OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")
]
TagsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        metavar="TAG",
        help="Only clients with this tag (repeat: all).",
        autocompletion=completion.complete_tag,
    ),
]
AllOpt = Annotated[bool, typer.Option("--all", help="Include archived clients.")]
NoEscapeOpt = Annotated[
    bool, typer.Option("--no-escape", help="Do not prefix formula-like CSV cells with '.")
]
BomOpt = Annotated[
    bool, typer.Option("--bom", help="Start the CSV with a byte-order mark (Excel reads UTF-8).")
]
ExcelOpt = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="CSV for Excel here: a byte-order mark, and ';' with decimal commas where the locale uses them.",
    ),
]


@export_app.command("clients")
def export_clients(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    fields: opt.FieldsOpt = None,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
    bom: BomOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Export clients (header = the JSON keys; archived ones only with --all).

    CSV cells starting with = + - @ tab or CR get a ' so spreadsheets do not run
    them (an international phone shows as '+31…); kiaro's import removes it again.
    --excel writes what Excel opens by double-click on this system; --format xlsx
    a workbook with typed cells (postal codes as text, amounts as numbers, days as
    dates), to --output FILE or a pipe.

    \b
    Examples:
      kiaro export clients > clients.csv
      kiaro export clients --excel --output clients.csv
      kiaro export clients --format xlsx --output clients.xlsx
      kiaro export clients --format jsonl --status active --output active.jsonl
    """
    _export(
        ctx,
        What.clients,
        fmt,
        output_file,
        Scope(status, tag, all_),
        no_escape,
        _sheet(fmt, bom, excel),
        fields,
    )


@export_app.command("contacts")
def export_contacts(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    fields: opt.FieldsOpt = None,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
    bom: BomOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Export contacts with their client ids (filters apply to their clients).

    \b
    Example:
      kiaro export contacts --output contacts.csv
    """
    _export(
        ctx,
        What.contacts,
        fmt,
        output_file,
        Scope(status, tag, all_),
        no_escape,
        _sheet(fmt, bom, excel),
        fields,
    )


@export_app.command("interactions")
def export_interactions(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    fields: opt.FieldsOpt = None,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
    bom: BomOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Export interactions with their client ids, newest first (filters apply to clients).

    \b
    Example:
      kiaro export interactions --format jsonl --output interactions.jsonl
    """
    scope = Scope(status, tag, all_)
    _export(ctx, What.interactions, fmt, output_file, scope, no_escape, _sheet(fmt, bom, excel), fields)


@export_app.command("events")
def export_events(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    fields: opt.FieldsOpt = None,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
    bom: BomOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Export events, open and done, most urgent first (filters apply to their clients).

    \b
    Example:
      kiaro export events --format json --output events.json
    """
    _export(
        ctx,
        What.events,
        fmt,
        output_file,
        Scope(status, tag, all_),
        no_escape,
        _sheet(fmt, bom, excel),
        fields,
    )


@export_app.command("projects")
def export_projects(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    fields: opt.FieldsOpt = None,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
    bom: BomOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Export projects, done and cancelled ones too, by id (filters apply to their clients).

    \b
    Example:
      kiaro export projects --output projects.csv
    """
    scope = Scope(status, tag, all_)
    _export(ctx, What.projects, fmt, output_file, scope, no_escape, _sheet(fmt, bom, excel), fields)


@export_app.command("quotes")
def export_quotes(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    fields: opt.FieldsOpt = None,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
    bom: BomOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Export quotes by id, each with its status today (filters apply to their clients).

    \b
    Example:
      kiaro export quotes --format json --output quotes.json
    """
    scope = Scope(status, tag, all_)
    _export(ctx, What.quotes, fmt, output_file, scope, no_escape, _sheet(fmt, bom, excel), fields)


@export_app.command("invoices")
def export_invoices(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    fields: opt.FieldsOpt = None,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
    bom: BomOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Export invoices with their lines by id, each with its status today.

    In JSON each invoice has its lines as a list; a CSV has one row an invoice and
    its lines in one cell: Design × 1.5 @ 66.67; Hosting × 12 @ 10.00. Filters
    apply to their clients.

    \b
    Examples:
      kiaro export invoices --output invoices.csv
      kiaro export invoices --format jsonl --all > invoices.jsonl
    """
    scope = Scope(status, tag, all_)
    _export(ctx, What.invoices, fmt, output_file, scope, no_escape, _sheet(fmt, bom, excel), fields)


@export_app.command("payments")
def export_payments(
    ctx: typer.Context,
    fmt: opt.ExportFormatOpt = opt.ExportFormat.csv,
    fields: opt.FieldsOpt = None,
    output_file: OutputOpt = None,
    status: opt.StatusesOpt = None,
    tag: TagsOpt = None,
    all_: AllOpt = False,
    no_escape: NoEscapeOpt = False,
    bom: BomOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Export payments by id, with their invoices' numbers (filters apply to their clients).

    \b
    Example:
      kiaro export payments --excel --output payments.csv
    """
    scope = Scope(status, tag, all_)
    _export(ctx, What.payments, fmt, output_file, scope, no_escape, _sheet(fmt, bom, excel), fields)


@export_app.command("ics")
def export_ics(ctx: typer.Context, output_file: OutputOpt = None) -> None:
    """Scheduled follow-ups and open events with a due day as all-day calendar items.

    Unpaid invoices come on their due day and open projects on their deadline;
    birthdays and yearly client dates come back every year, other client dates
    once. Each item keeps the same UID, so importing a newer export into your calendar
    moves it rather than adding another. Archived clients are left out.

    \b
    Examples:
      kiaro export ics --output ~/follow-ups.ics
      kiaro export ics > follow-ups.ics
    """
    from kiaro_cli.core.export_cases import export_calendar, written_whole

    ws = workspace(ctx)
    if output_file is None:
        export_calendar(ws, output.for_programs(ws.stdout))
        return
    with written_whole(output_file) as handle:
        count = export_calendar(ws, handle)
    output.say(import_messages.exported(count, "calendar item", output_file), err=True)


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
    from kiaro_cli.core.export_cases import export_cards, written_whole

    ws = workspace(ctx)
    if output_file is None:
        export_cards(ws, client, output.for_programs(ws.stdout))
        return
    with written_whole(output_file) as handle:
        count = export_cards(ws, client, handle)
    output.say(import_messages.exported(count, "vCard", output_file), err=True)


@dataclass(frozen=True)
class Scope:
    """Which clients an export covers: statuses, tags, and whether archived ones too."""

    statuses: list[str] | None
    tags: list[str] | None
    include_archived: bool


def _export(
    ctx: typer.Context,
    what: What,
    fmt: opt.ExportFormat,
    output_file: str | None,
    scope: Scope,
    no_escape: bool,
    sheet: Spreadsheet,
    fields: str | None,
) -> None:
    from kiaro_cli.core.export_cases import Table, export_table, written_whole

    ws = workspace(ctx)
    table = Table(
        what.value,
        fmt.value,
        statuses=scope.statuses or (),
        tags=scope.tags or (),
        include_archived=scope.include_archived,
        fields=fields,
        escape=not no_escape,
    )
    if fmt is opt.ExportFormat.xlsx:
        count = _export_workbook(ws, table, output_file)
    elif output_file is None:
        export_table(ws, table, sheet, output.for_programs(ws.stdout))
        return
    else:
        with written_whole(output_file) as handle:
            count = export_table(ws, table, sheet, handle)
    if output_file is not None:
        output.say(import_messages.exported(count, what.value.removesuffix("s"), output_file), err=True)


def _export_workbook(ws: Workspace, table: Table, output_file: str | None) -> int:
    """An Excel workbook to a file, or to stdout when it is not a terminal."""
    from kiaro_cli.core.export_cases import export_workbook, written_whole

    if output_file is not None:
        with written_whole(output_file, binary=True) as handle:
            return export_workbook(ws, table, handle)
    if ws.stdout.isatty():
        from kiaro_cli.errors import InvalidValue

        raise InvalidValue(f"a workbook is not for a terminal: add --output {table.kind}.xlsx")
    import io

    buffer = io.BytesIO()
    count = export_workbook(ws, table, buffer)
    ws.stdout.flush()
    ws.stdout.buffer.write(buffer.getvalue())
    ws.stdout.buffer.flush()
    return count


def _sheet(fmt: opt.ExportFormat, bom: bool, excel: bool) -> Spreadsheet:
    """How a CSV is written for a spreadsheet: plain, with a BOM, or as Excel reads it here."""
    from kiaro_cli.codecs.tabular import PLAIN, Spreadsheet, excel_sheet

    if (bom or excel) and fmt is not opt.ExportFormat.csv:
        from kiaro_cli.errors import InvalidValue

        raise InvalidValue("--bom and --excel are for CSV files (--format csv)")
    if excel:
        return excel_sheet(os.environ)
    return Spreadsheet(bom=True) if bom else PLAIN


export_app.command("all")(export_all)
