"""``kiaro import …``: clients from any spreadsheet or CRM export, address books, invoices from
invoicing tools, and kiaro's own contact and interaction exports."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import import_messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.archives import import_all
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import workspace

if TYPE_CHECKING:
    from kiaro_cli.core.imports.plan import Reject

import_app = KiaroTyper(
    help="Import clients, address books and invoices from other tools, and kiaro's own exports.",
    no_args_is_help=True,
)

FileArg = Annotated[
    Path,
    typer.Argument(
        metavar="FILE",
        help="A CSV file (any encoding Excel or a CRM writes; , ; or tab) or an .xlsx workbook.",
    ),
]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Check and preview; write nothing.")]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="NAME",
        help="Read the file in this encoding (default: UTF-8 or UTF-16 by their mark, else Windows-1252).",
    ),
]
SkipInvalidOpt = Annotated[
    bool,
    typer.Option("--skip-invalid", help="Import the good rows; list the others (default: all or nothing)."),
]
RejectsOpt = Annotated[
    Path | None,
    typer.Option(
        "--rejects",
        metavar="FILE",
        help="With --skip-invalid: write the rows set aside to FILE, to fix and import again.",
    ),
]


@import_app.command("clients")
def import_clients(
    ctx: typer.Context,
    file: FileArg,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=field",
            help="Read COLUMN as field (COLUMN= leaves it out; COLUMN#2 is its second column of that name).",
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    on_duplicate: opt.OnDuplicateOpt = "error",
    encoding: EncodingOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    rejects: RejectsOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Import clients from a CSV file or .xlsx workbook: all rows, or none if any is invalid.

    Reads kiaro's own export and what Outlook, Google, Thunderbird, HubSpot,
    Pipedrive, Zoho, Salesforce, Odoo, Invoice Ninja, Wave, FreshBooks, LinkedIn,
    Numbers and Excel write: columns are matched by the names those tools give
    them, in English, German, French, Spanish or Dutch.
    A file with a row per person becomes one client per organisation with a
    contact per person. Columns kiaro does not know are listed and left out.

    \b
    Examples:
      kiaro import clients contacts.csv --dry-run
      kiaro import clients export.csv --map "Org Nr=code" --map "Internal id=" \\
        --on-duplicate update
      kiaro import clients outlook.csv --skip-invalid --rejects fix-me.csv
    """
    from kiaro_cli.core.imports import import_clients as run_import
    from kiaro_cli.core.imports import parse_map

    out = output.formatter(fmt)
    _check_rejects(skip_invalid, rejects)
    data = _read_file(file)
    show = out.people
    with _progress(show, "Checking rows" if dry_run else "Importing rows") as progress:
        result = run_import(
            workspace(ctx).location,
            data,
            name=file.name,
            mapping=parse_map(map_ or []),
            on_duplicate=on_duplicate,
            encoding=encoding,
            skip_invalid=skip_invalid,
            dry_run=dry_run,
            today=workspace(ctx).today,
            progress=progress,
        )
    _note_reading(file, result.table.fallback, result.table.encoding, result.header_line)
    if rejects is not None:
        table = result.table
        _write_rejects(
            rejects, result.header, result.plan.rejected, (table.delimiter, table.encoding, table.bom)
        )
    if not show:
        summary = result.to_dict()
        out.result(summary, list(summary), "")
        return
    from kiaro_cli.render.tables import import_preview

    plan = result.plan
    import_preview(result)
    for line in import_messages.import_updates(result.updated):
        output.say(line)
    _say_what_else(
        [*import_messages.skipped(plan.skips), *import_messages.set_aside(plan.rejected)], plan.warnings
    )
    output.say(import_messages.import_summary(result, dry_run=dry_run))


@import_app.command("vcard")
def import_vcard(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .vcf file (vCard 2.1, 3.0 or 4.0).")],
    dry_run: DryRunOpt = False,
    encoding: EncodingOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    rejects: RejectsOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Import an address book export: ORG becomes the client, each person a contact.

    A card's organisation is matched to a client by name (or added); a card
    without one becomes a client of its own. Contacts a client already has (same
    name or email) are left alone. The work address is the client's own, other
    addresses its further ones. Further emails, phones and web pages, the
    department and a person's notes go to the client's notes; photos and
    birthdays are not imported, and what is not kept is listed.

    \b
    Examples:
      kiaro import vcard ~/Downloads/contacts.vcf --dry-run
      kiaro import vcard ~/Downloads/contacts.vcf \\
        --skip-invalid --rejects fix-me.vcf
    """
    from kiaro_cli.core.imports import import_vcards

    out = output.formatter(fmt)
    _check_rejects(skip_invalid, rejects)
    result = import_vcards(
        workspace(ctx).location,
        _read_file(file),
        name=file.name,
        encoding=encoding,
        skip_invalid=skip_invalid,
        dry_run=dry_run,
        today=workspace(ctx).today,
    )
    _note_reading(file, result.fallback, result.encoding, 0)
    if rejects is not None:
        _write_cards(rejects, result.rejected)
    summary = result.to_dict()
    out.result(summary, list(summary), import_messages.vcards_imported(result))
    if out.people:
        _say_what_else(import_messages.set_aside(result.rejected, "card at line"), result.warnings)
        _say(import_messages.not_kept(result.not_kept))


@import_app.command("contacts")
def import_contacts(
    ctx: typer.Context,
    file: FileArg,
    dry_run: DryRunOpt = False,
    encoding: EncodingOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    rejects: RejectsOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Import contacts from a kiaro contacts export (clients matched by name).

    Import the clients first. A contact a client already has (same name) is
    completed with what it lacks: email, phone, title, role.

    \b
    Example:
      kiaro import contacts contacts.csv --dry-run
    """
    from kiaro_cli.core.imports.records import import_contacts as run_import

    out = output.formatter(fmt)
    _import_records(ctx, run_import, file, dry_run, encoding, skip_invalid, rejects, out, "contact")


@import_app.command("interactions")
def import_interactions(
    ctx: typer.Context,
    file: FileArg,
    dry_run: DryRunOpt = False,
    encoding: EncodingOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    rejects: RejectsOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Import interactions from a kiaro interactions export (clients matched by name).

    Import the clients and contacts first. An interaction the client already has
    (same day, type and summary) is not logged twice.

    \b
    Example:
      kiaro import interactions interactions.csv
    """
    from kiaro_cli.core.imports.records import import_interactions as run_import

    out = output.formatter(fmt)
    _import_records(ctx, run_import, file, dry_run, encoding, skip_invalid, rejects, out, "interaction")


@import_app.command("invoices")
def import_invoices(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="A CSV export of invoices (Xero, QuickBooks, Zoho…) or an .xlsx."
        ),
    ],
    dry_run: DryRunOpt = False,
    create_clients: Annotated[
        bool, typer.Option("--create-clients", help="Add a lead for each client kiaro does not know.")
    ] = False,
    date_format: Annotated[
        str | None,
        opt.choice_option(
            ("dmy", "mdy"),
            "--date-format",
            help="How the file writes 03/04/2026 (default: told from it).",
        ),
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="COLUMN=field", help="Read COLUMN as field (COLUMN= leaves it out)."),
    ] = None,
    encoding: EncodingOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    rejects: RejectsOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Import invoices from Invoice Ninja, FreshBooks, QuickBooks, Xero, Wave or Zoho Invoice.

    Each row's client is matched by name (or legal name), then by email; a
    client kiaro does not know is skipped, or added as a lead with
    --create-clients. Invoices keep their numbers, currency, amounts and days;
    what was paid becomes a payment.
    A number kiaro has already is skipped, so a second run adds nothing. All
    rows, or none if any is invalid.

    \b
    Examples:
      kiaro import invoices Invoices.csv --dry-run
      kiaro import invoices invoice-list.csv --date-format mdy --create-clients
    """
    from kiaro_cli.core.imports import parse_map
    from kiaro_cli.core.imports.invoices import import_invoices as run_import

    out = output.formatter(fmt)
    _check_rejects(skip_invalid, rejects)
    ws = workspace(ctx)
    with _progress(out.people, "Checking rows" if dry_run else "Importing rows") as progress:
        result = run_import(
            ws.location,
            _read_file(file),
            name=file.name,
            mapping=parse_map(map_ or []),
            encoding=encoding,
            date_format=date_format,
            create_clients=create_clients,
            skip_invalid=skip_invalid,
            dry_run=dry_run,
            today=ws.today,
            progress=progress,
        )
    table = result.table
    _note_reading(file, table.fallback, table.encoding, result.columns.header_line)
    if rejects is not None:
        written = (table.delimiter, table.encoding, table.bom)
        _write_rejects(rejects, result.columns.header, result.rejected, written)
    if not out.people:
        summary = result.to_dict()
        out.result(summary, list(summary), "")
        return
    for line in import_messages.invoices_listed(result):
        output.say(line)
    if result.columns.unknown:
        from kiaro_cli.render.tables import left_out_columns

        output.say(left_out_columns(result.columns.unknown))
    skipped = import_messages.skipped(result.skipped)
    _say_what_else([*skipped, *import_messages.set_aside(result.rejected)], result.warnings)
    output.say(import_messages.invoices_imported(result))


@import_app.command("template")
def import_template(ctx: typer.Context) -> None:
    """Print an empty CSV with every column kiaro imports (custom fields as custom.KEY).

    \b
    Example:
      kiaro import template > clients.csv
    """
    from kiaro_cli.core.custom_fields import list_fields
    from kiaro_cli.core.imports import template

    ws = workspace(ctx)
    ws.stdout.write(template([fld.key for fld in ws.read(list_fields)]))


def _import_records(
    ctx: typer.Context,
    run_import: Callable[..., object],
    file: Path,
    dry_run: bool,
    encoding: str | None,
    skip_invalid: bool,
    rejects: Path | None,
    out: output.Formatter,
    noun: str,
) -> None:
    from kiaro_cli.core.imports.records import RecordsResult

    _check_rejects(skip_invalid, rejects)
    data = _read_file(file)
    where = workspace(ctx).location
    result = run_import(
        where, data, name=file.name, encoding=encoding, skip_invalid=skip_invalid, dry_run=dry_run
    )
    assert isinstance(result, RecordsResult)
    if rejects is not None:
        _write_rejects(
            rejects, result.header, result.rejected, (result.delimiter, result.encoding, result.bom)
        )
    summary = result.to_dict()
    out.result(summary, list(summary), import_messages.records_imported(result, noun))
    if out.people:
        _say_what_else(import_messages.set_aside(result.rejected), [])


def _check_rejects(skip_invalid: bool, rejects: Path | None) -> None:
    if rejects is not None and not skip_invalid:
        from kiaro_cli.errors import InvalidValue

        raise InvalidValue("--rejects names where the rows --skip-invalid sets aside go; add --skip-invalid")


IMPORT_LIMIT = 1 << 30  # bytes of one file to import: a million rows take a few hundred MiB


def _read_file(file: Path) -> bytes:
    """The bytes of a file to import, read at most to the limit: a larger file (or an
    endless one, a device or a pipe) is refused before it fills the memory."""
    from kiaro_cli.errors import InvalidValue

    try:
        with file.expanduser().open("rb") as reader:
            too_large = os.fstat(reader.fileno()).st_size > IMPORT_LIMIT  # 0 for a device or a pipe
            data = b"" if too_large else reader.read(IMPORT_LIMIT + 1)
    except OSError as error:
        raise InvalidValue(f"cannot read {file}: {error.strerror}") from None
    if too_large or len(data) > IMPORT_LIMIT:
        raise InvalidValue(f"{file} is over 1 GiB, more than kiaro imports at once; split it")
    return data


def _note_reading(file: Path, fallback: bool, encoding: str, header_line: int) -> None:
    """Say on stderr what kiaro chose when reading a file: its encoding, where its header is."""
    if fallback:
        output.say(import_messages.read_as(file.name, encoding), err=True)
    if header_line > 1:
        output.say(import_messages.header_found(header_line), err=True)


def _write_rejects(
    path: Path, header: Sequence[str], rejected: Sequence[Reject], written: tuple[str, str, bool]
) -> None:
    """The rows set aside under the file's header and a kiaro_error column, written as the
    file was (delimiter, encoding, byte-order mark), so that they read back the same. A cell
    a spreadsheet would run as a formula gets the ``'`` every import reads past: the file is
    one to open and fix."""
    from kiaro_cli.codecs.csv_table import table_bytes
    from kiaro_cli.codecs.tabular import FORMULA_LEADS
    from kiaro_cli.core.export_cases import written_whole

    delimiter, encoding, bom = written
    rows = [
        [
            "'" + cell if cell.startswith(FORMULA_LEADS) else cell
            for cell in [*reject.cells, "; ".join(reject.reasons)]
        ]
        for reject in rejected
    ]
    data = table_bytes([*header, "kiaro_error"], rows, delimiter=delimiter, encoding=encoding, bom=bom)
    with written_whole(str(path), binary=True) as handle:
        handle.write(data)
    output.say(import_messages.rejects_written(len(rejected), str(path)), err=True)


def _write_cards(path: Path, rejected: Sequence[Reject]) -> None:
    from kiaro_cli.core.export_cases import written_whole

    with written_whole(str(path)) as handle:
        handle.write("".join(reject.cells[0] + "\n" for reject in rejected))
    output.say(import_messages.rejects_written(len(rejected), str(path)), err=True)


def _say_what_else(set_aside: Sequence[str], warnings: Sequence[str]) -> None:
    """Rows left out and why, and notes: on stderr, a line each (one line when piped)."""
    for line in [*set_aside, *import_messages.warned(warnings)]:
        output.say(line, err=True)


def _say(line: str | None) -> None:
    if line:
        output.say(line)


@contextmanager
def _progress(show: bool, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress line on a terminal for long imports; nothing elsewhere. An import checks
    and writes its rows in one pass (a dry run only checks them)."""
    if not (show and sys.stderr.isatty()):
        yield None
        return
    from kiaro_cli.render.progress import row_progress

    with row_progress(label) as advance:
        yield advance


import_app.command("all")(import_all)
