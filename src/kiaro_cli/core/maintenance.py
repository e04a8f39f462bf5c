"""``kiaro db …``'s use cases on a workspace: check (with the documents' files), repair,
back up (with the documents, in one archive), copy to another database, restore.
Storage does the work; this says what each command asks of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiaro_cli.core.documents import (
    document_problems,
    erase_unkept_files,
    folder_of,
    kept_size,
    list_documents_everywhere,
    unkept_problems,
)
from kiaro_cli.core.workspace import Workspace
from kiaro_cli.errors import KiaroError
from kiaro_cli.storage.location import Location, resolve
from kiaro_cli.storage.reader import Reader

if TYPE_CHECKING:
    from kiaro_cli.storage.copy import TableCopy
    from kiaro_cli.storage.maintenance import CheckReport


def repair(ws: Workspace) -> list[str]:
    """Foreign triggers and views dropped, the search index rebuilt, stored files no
    document keeps erased: what was done, a line each."""
    from kiaro_cli.storage.maintenance import repair as run_repair

    return [*run_repair(ws.location), *(erase_unkept_files(ws.location) if ws.location.is_file else [])]


ROWS_NAMED = 20  # stored values db check names one by one; the rest are counted


def check(ws: Workspace, progress: Callable[[str, int], None] | None = None) -> CheckReport:
    """The database's integrity, foreign keys, schema and search index, and (on a current
    schema) every row's values by the rules a restored archive's rows pass (a whole number
    where kiaro keeps one, a real day, an amount kiaro's rules allow…), then the documents
    whose file is missing or changed and stored files no document keeps."""
    from kiaro_cli.storage.maintenance import check as run_check

    report = run_check(ws.location)
    if report.schema_version == report.expected_version:
        report.problems.extend(ws.read(stored_value_problems, progress))
        report.problems.extend(ws.read(_document_problems, ws.location))
    return report


def stored_value_problems(reader: Reader, progress: Callable[[str, int], None] | None = None) -> list[str]:
    """Each row, table by table, against the rules ``import all`` holds an archive's rows to:
    a value kiaro would never store (text in an amount, a day that is no day, a paid amount
    above the gross, a setting ``settings set`` refuses) named with its table, row and column."""
    from kiaro_cli.core.archive_rows import ArchiveRules
    from kiaro_cli.storage.rows import ROW_CLASSES

    rules, found, total = ArchiveRules(), list[str](), 0
    for row_class in ROW_CLASSES:
        table = row_class.TABLE
        for done, row in enumerate(reader.rows(f"SELECT * FROM {table}"), 1):
            problem = rules(table, row)
            if problem is not None:
                total += 1
                if len(found) < ROWS_NAMED:
                    key = row.get(row_class.KEY)
                    found.append(f"value: {table} row {key}: {problem[0]} {problem[1]}")
            if progress is not None and done % 5000 == 0:
                progress(table, done)
    if total > len(found):
        found.append(f"value: {total - len(found)} more values like these")
    return found + _ledger_disagreements(reader)


def _ledger_disagreements(reader: Reader) -> list[str]:
    """Rows of the ledger that disagree with each other as its commands never leave them."""
    from kiaro_cli.storage import ledger_queries as q

    paid = [row["id"] for row in reader.rows(q.PAID_NOT_ITS_PAYMENTS)]
    others = [row["id"] for row in reader.rows(q.PAYMENT_OF_ANOTHER_CLIENT)]
    return [
        *(
            f"ledger: invoice row {key}: its paid amount is not the sum of its payments"
            for key in paid[:ROWS_NAMED]
        ),
        *(f"ledger: payment row {key}: its client is not its invoice's" for key in others[:ROWS_NAMED]),
    ]


def _document_problems(reader: Reader, where: Location) -> list[str]:
    unkept = unkept_problems(reader, where) if where.is_file else []
    if not kept_size(reader)[0]:
        return unkept
    try:
        folder = folder_of(reader, where)
    except KiaroError as error:  # a server database without a documents folder
        return [error.message]
    return document_problems(reader, folder) + unkept


@dataclass(frozen=True)
class Backup:
    """A backup written, and the documents kept beside the database (in it, when
    ``with_documents``)."""

    written: Path
    documents: int
    size: int
    folder: Path | None
    with_documents: bool


def backup(ws: Workspace, target: Path | None, *, with_documents: bool = False) -> Backup:
    """A copy of the database made while it is in use; ``with_documents``: one archive of
    the copy and the documents' files."""
    from kiaro_cli.storage.maintenance import backup as run_backup
    from kiaro_cli.storage.maintenance import backup_archive

    where = ws.location
    if not where.is_file:
        run_backup(where, target)  # refuses: a server has its own tools

    def kept(reader: Reader) -> tuple[dict[str, int], Path | None]:
        sizes = {document.sha256: document.size for document in list_documents_everywhere(reader)}
        return sizes, folder_of(reader, where) if sizes or with_documents else None

    sizes, folder = ws.read(kept)
    if with_documents:
        assert folder is not None
        written = backup_archive(where, target, folder, sorted(sizes))
    else:
        written = run_backup(where, target)
    return Backup(written, len(sizes), sum(sizes.values()), folder, with_documents)


def copy_target(given: str) -> Location:
    """The database ``db copy --to`` names (a file or a URL)."""
    return resolve(given)


def copy_database(
    ws: Workspace, target: Location, progress: Callable[[str, int], None] | None = None
) -> list[TableCopy]:
    """Every row of the workspace's database copied into the empty ``target``, checked
    table by table before it commits."""
    from kiaro_cli.storage.copy import copy_database as run_copy

    return run_copy(ws.location, target, progress)


def inspect_backup(ws: Workspace, source: Path) -> None:
    """Refuse a file that is not a sound kiaro database, before anyone is asked to restore it."""
    from kiaro_cli.storage.maintenance import inspect_backup as inspect

    inspect(ws.location, source)


def restore(ws: Workspace, source: Path) -> Path | None:
    """The database replaced by the backup ``source``; where the previous one was saved."""
    from kiaro_cli.storage.maintenance import restore as run_restore

    return run_restore(ws.location, source)
