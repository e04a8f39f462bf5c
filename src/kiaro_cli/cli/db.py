"""``kiaro db …``: where the database is, whether it is sound, and copies of it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kiaro_cli.cli import options as opt
from kiaro_cli.cli import output
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import interactive, workspace
from kiaro_cli.errors import KiaroError
from kiaro_cli.words import counted

app = KiaroTyper(help="Locate, check, repair, back up and restore the database.", no_args_is_help=True)


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print where the database is (--db, KIARO_DB or the per-user default).

    \b
    Example:
      kiaro db path
    """
    output.say(str(workspace(ctx).location))


@app.command("check")
def check(
    ctx: typer.Context,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="First drop foreign triggers and views, rebuild the search index, erase unkept files.",
        ),
    ] = False,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Check integrity, foreign keys, the schema, every row's values, the search index and the documents.

    Exits 1 when a problem is found: also for a trigger, view, table or index kiaro
    did not create, a value kiaro would never store (text in an amount, a day that is
    no day; named by table, row and column), or a stored file no document keeps. --repair first drops the
    triggers and views kiaro did not create, rebuilds the search index and erases
    the stored files no document keeps. What cannot be checked (a read-only file)
    is said in a note.

    \b
    Examples:
      kiaro db check
      kiaro db check --repair
    """
    from kiaro_cli.core import maintenance

    out = output.formatter(fmt)
    ws = workspace(ctx)
    if repair:
        for done in maintenance.repair(ws):
            output.say(f"Repaired: {done}", err=not out.people)
    if ws.stderr_is_tty:
        from kiaro_cli.render.progress import table_progress

        with table_progress("Checking") as advance:
            report = maintenance.check(ws, advance)
    else:
        report = maintenance.check(ws)

    def lines() -> None:
        output.say(f"Database: {report.location}")
        version = "cannot be read" if report.schema_version is None else report.schema_version
        output.say(f"Schema version: {version} (this kiaro: {report.expected_version})")
        for note in report.notes:
            output.say(f"Note: {note}")
        output.say("Integrity: ok" if report.ok else "Problems found:")

    item = report.to_dict()
    out.one(item, list(item), lines)
    if not report.ok:
        raise KiaroError(f"the database has {counted(len(report.problems), 'problem')}", report.problems)


@app.command("backup")
def backup(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(metavar="FILE", help="Where to write the copy (default: a stamped file in backups/)."),
    ] = None,
    with_documents: Annotated[
        bool, typer.Option("--with-documents", help="One .zip archive: the database and its documents.")
    ] = False,
) -> None:
    """Copy the database safely while it is in use (SQLite online backup).

    The copy is a normal kiaro database: open it with --db. Documents live in
    files beside it; --with-documents writes one .zip archive holding the copy
    (kiaro.db) and the documents (documents/), to unzip where the database lives.

    \b
    Examples:
      kiaro db backup ~/kiaro-2026-11-23.db
      kiaro db backup --with-documents ~/kiaro-2026-11-23.zip
      kiaro --db ~/kiaro-2026-11-23.db client list
    """
    from kiaro_cli.core import maintenance
    from kiaro_cli.words import human_size

    done = maintenance.backup(workspace(ctx), file, with_documents=with_documents)
    kept = f"{counted(done.documents, 'document')} ({human_size(done.size)})"
    if done.with_documents:
        output.say(f"Backed up the database and {kept} to {done.written}")
        return
    output.say(f"Backed up to {done.written}")
    if done.documents:
        output.say(f"Documents are not in it: {kept} in {done.folder}; --with-documents writes one archive")


@app.command("copy")
def copy(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option("--to", metavar="PATH_OR_URL", help="An empty database: a file, or a SQLAlchemy URL."),
    ],
    yes: opt.YesOpt = False,
) -> None:
    """Copy every row of this database into an empty one: a file to a server, or back.

    Ids, history and the undo log come along; the copy is checked table by table
    (rows and a checksum) before it is committed, and a target that holds rows is
    refused. Documents' files are not copied: they stay in their folder.

    \b
    Examples:
      kiaro db copy --to postgresql+psycopg://kiaro@db.studio.lan/kiaro
      kiaro --db postgresql+psycopg://kiaro@db.studio.lan/kiaro \\
        db copy --to ~/kiaro.db
    """
    from kiaro_cli.core import maintenance

    ws = workspace(ctx)
    source, target = ws.location, maintenance.copy_target(to)
    output.confirm_or_refuse(
        f"Copy {source} into {target}?",
        f"copying into {target} needs confirming",
        yes=yes,
        interactive=interactive(),
        declined="Nothing copied.",
    )
    if ws.stderr_is_tty:
        from kiaro_cli.render.progress import table_progress

        with table_progress("Copying") as advance:
            copied = maintenance.copy_database(ws, target, advance)
    else:
        copied = maintenance.copy_database(ws, target)
    rows = sum(table.rows for table in copied)
    clients = next((table.rows for table in copied if table.name == "client"), 0)
    output.say(
        f"Copied {counted(rows, 'row')} ({counted(clients, 'client')}) into {target}; "
        f"every table checked ({len(copied)})"
    )


@app.command("restore")
def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A backup made by kiaro db backup.")],
    yes: opt.YesOpt = False,
) -> None:
    """Replace the database with a backup (checked first; the current one is saved).

    The backup must be a sound kiaro database. The current database is first copied
    to backups/, so a restore can itself be undone by restoring that copy.

    \b
    Example:
      kiaro db restore ~/kiaro-2026-11-23.db
    """
    from kiaro_cli.core import maintenance

    ws = workspace(ctx)
    where = ws.location
    maintenance.inspect_backup(ws, file)
    output.confirm_or_refuse(
        f"Replace the database {where} with {file}? (the current one is saved first)",
        "restoring replaces the whole database",
        yes=yes,
        interactive=interactive(),
        declined="Nothing restored.",
    )
    saved = maintenance.restore(ws, file)
    kept = f"; the previous database is saved as {saved}" if saved else ""
    output.say(f"Restored {where} from {file}{kept}")
