"""The one doorway to a database: ``with write(target) as w:`` is one transaction, and a
:class:`Database` opened from a :class:`Location` hands out read sessions and write units,
as sqlite-utils' ``Database`` does.

``write`` also takes a :class:`~kiaro_cli.storage.writer.Writer`: a use case called inside
another one's transaction joins it, so several actions (the command bar's plan) commit
together or not at all. ``dry_run=True`` does everything and then rolls it back: the one
way a command previews.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from kiaro_cli.storage.link import checkpoint, write_link
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import Reader, note_committed, open_reader
from kiaro_cli.storage.writer import Writer

__all__ = ["Database", "Target", "Writer", "write"]

Target = Location | Writer


class _DryRun(Exception):
    """Rolls a dry run back after everything was done."""


class Database:
    """The database at one location: a read session over one snapshot, or a write unit
    (one transaction: ``BEGIN IMMEDIATE`` on a file, the writers' lock on a server)."""

    def __init__(self, location: Location) -> None:
        self.location = location

    def read(self) -> AbstractContextManager[Reader]:
        """A reader over one consistent snapshot (see :func:`~.reader.open_reader`)."""
        return open_reader(self.location)

    @contextmanager
    def write(self, *, undoable: bool = True, dry_run: bool = False) -> Iterator[Writer]:
        """One write transaction: committed when the block ends, rolled back on any error
        (nothing changes), and with ``dry_run`` rolled back in any case. ``undoable=False``
        keeps it out of the undo log, and so does changing nothing (every row it touched
        ends as it was). What it erased leaves the write-ahead log once it commits; the
        actions it left for after the commit run then."""
        import uuid

        writer: Writer | None = None
        try:
            with _rehearsed(self.location, dry_run) as location, write_link(location) as link:
                writer = Writer(link, location, uuid.uuid4().hex, undoable=undoable)
                yield writer
                writer.tracker.flush()
                writer.undo.forget_if_unchanged()
                if dry_run:
                    raise _DryRun
        except _DryRun:
            return
        if writer is not None and writer.checkpoint_after:
            checkpoint(self.location)
        if writer is not None and not dry_run:
            note_committed(self.location, writer.journal.batch)
            for action in writer.committed_actions:
                action()


@contextmanager
def _rehearsed(location: Location, dry_run: bool) -> Iterator[Location]:
    """Where a write goes: ``location``; for a dry run of a database file not made yet, an
    empty one in a private temporary folder, gone after it, so that a dry run makes nothing."""
    if not (dry_run and location.path is not None and not location.path.exists()):
        yield location
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kiaro-dry-run-") as folder:
        yield Location(path=Path(folder) / location.path.name)


@contextmanager
def write(target: Target, *, undoable: bool = True, dry_run: bool = False) -> Iterator[Writer]:
    """One write transaction at ``target`` (see :meth:`Database.write`), or the one
    ``target`` already is."""
    if isinstance(target, Writer):
        yield target
        return
    with Database(target).write(undoable=undoable, dry_run=dry_run) as writer:
        yield writer
