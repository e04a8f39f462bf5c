"""``kiaro export all`` and ``kiaro import all``: the whole database in one zip file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import output
from kiaro_cli.cli.context import workspace
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.core.archives import ArchiveCounts
    from kiaro_cli.core.workspace import Workspace


def export_all(
    ctx: typer.Context,
    output_file: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE.zip", help="The zip file to write (replaced).")
    ],
) -> None:
    """Export the whole database, documents included, to one zip file.

    Every table as CSV (all its columns, rows by id), the documents' files, and a
    manifest with the schema version and each table's rows and checksum. kiaro
    import all loads it into an empty database on another machine.

    \b
    Example:
      kiaro export all --output kiaro-$(date +%F).zip
    """
    from kiaro_cli.core.archives import archive_counts
    from kiaro_cli.core.archives import export_all as export

    ws = workspace(ctx)
    with _progress(ws, "Exporting") as advance:
        manifest = export(ws.location, output_file, advance)
    output.say(f"Exported {_summary(archive_counts(manifest))} to {output_file}", err=True)


def import_all(
    ctx: typer.Context,
    archive: Annotated[Path, typer.Argument(metavar="FILE.zip", help="A zip file of kiaro export all.")],
) -> None:
    """Load a zip file of kiaro export all into an empty database.

    Ids, history and the undo log come along. Every table is checked against the
    archive's manifest (rows and a checksum) before anything is saved, and a
    database that holds rows is refused.

    \b
    Examples:
      kiaro import all kiaro-2026-11-23.zip
      kiaro --db ~/new.db import all kiaro-2026-11-23.zip
    """
    from kiaro_cli.core.archives import archive_counts
    from kiaro_cli.core.archives import import_all as load

    ws = workspace(ctx)
    where = ws.location
    with _progress(ws, "Importing") as advance:
        manifest = load(archive, where, advance)
    output.say(f"Imported {_summary(archive_counts(manifest))} into {where}; every table checked")


def _summary(counts: ArchiveCounts) -> str:
    documents = f", {counted(counts.documents, 'document file')}" if counts.documents else ""
    return f"{counted(counts.rows, 'row')} ({counted(counts.clients, 'client')}{documents})"


@contextmanager
def _progress(ws: Workspace, label: str) -> Iterator[Callable[[str, int], None] | None]:
    """Rows done per table on a terminal's stderr; nothing when piped."""
    if not ws.stderr_is_tty:
        yield None
        return
    from kiaro_cli.render.progress import table_progress

    with table_progress(label) as advance:
        yield advance
