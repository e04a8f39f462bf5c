"""The write unit: one transaction as the core sees it.

A :class:`Writer` carries the transaction's connection (:mod:`.link`), a repository a
record type (:mod:`.repositories`: ``w.clients.get(id)``, ``w.contacts.of_client(id)``…)
over the rows it loaded and added (:mod:`.tracking`, which writes what changed and notes
it for undo), a reader on the same connection (so a write sees its own changes), the
journal of the transaction, and the operations the core must not do by hand: erasing a
client for good, inserting rows in bulk with their ids and undo steps, pausing the search
index for a large insert, taking the newest change back. The core says *what* changes;
this module owns *how*. It is opened by :mod:`.unit` (``with write(target) as w:``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from kiaro_cli.storage import changes
from kiaro_cli.storage.dialect import Dialect
from kiaro_cli.storage.journal import Journal
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.protocols import Link, Params, Reader
from kiaro_cli.storage.reader import one
from kiaro_cli.storage.repositories import Repositories
from kiaro_cli.storage.row import Row, quoted
from kiaro_cli.storage.rows import (
    ROW_CLASSES,
    Activity,
    Address,
    ClientDate,
    Contact,
    CustomValue,
    Document,
    Event,
    Interaction,
    Project,
    Quote,
    Rate,
    Tag,
)
from kiaro_cli.storage.search_index import compact_search_index, search_index_paused
from kiaro_cli.storage.tracking import Tracker

# A client's rows in other tables, erased with it (children first).
CLIENT_ROWS: tuple[type[Row], ...] = (
    Activity,
    Interaction,
    Tag,
    Contact,
    Address,
    Rate,
    CustomValue,
    Event,
    Document,
    Quote,
    Project,
    ClientDate,
)


class _FlushFirst:
    """The transaction's reader, which writes pending changes before each query (so a
    write sees its own changes)."""

    def __init__(self, tracker: Tracker) -> None:
        self._tracker = tracker

    @property
    def dialect(self) -> Dialect:
        return self._tracker.link.dialect

    def rows(self, sql: str, params: Params | None = None) -> Iterator[dict[str, Any]]:
        self._tracker.flush()
        return self._tracker.link.reader.rows(sql, params or {})

    def tuples(self, sql: str, params: Params) -> Iterator[tuple[Any, ...]]:
        self._tracker.flush()
        return self._tracker.link.reader.tuples(sql, params)

    @property
    def has_search_index(self) -> bool:
        return self._tracker.link.reader.has_search_index


class Writer(Repositories):
    """One write transaction, as the core sees it: a repository a record type
    (``w.clients``, ``w.contacts``…, from :class:`Repositories`), and what the whole
    transaction does (add, delete, flush, erase, insert in bulk, undo)."""

    def __init__(self, link: Link, location: Location, batch: str, *, undoable: bool) -> None:
        self.link = link
        self.location = location
        self.undo = changes.UndoLog(link, batch, undoable=undoable)
        self.tracker = Tracker(link, self.undo, ROW_CLASSES)
        super().__init__(self.tracker)
        self.reader: Reader = _FlushFirst(self.tracker)
        self.journal = Journal(self.tracker, batch)
        self.checkpoint_after = False
        self.committed_actions: list[Callable[[], None]] = []

    @property
    def at(self) -> str:
        """The moment of this transaction, as its activity rows record it."""
        return self.journal.at

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run ``action`` once this transaction has committed (never after a rollback):
        erasing files that rows no longer keep."""
        self.committed_actions.append(action)

    def seal(self) -> None:
        """Make this change final: undo does not go past it (what it erased is gone)."""
        self.tracker.flush()
        self.undo.seal()

    def add(self, *rows: Row) -> None:
        for row in rows:
            self.tracker.add(row)

    def delete(self, row: Row) -> None:
        self.tracker.delete(row)

    def flush(self) -> None:
        self.tracker.flush()

    # ---------------------------------------------------------------- operations

    def take_number(self, series: str) -> int:
        """The next number of a series (``INV-2026``): the counter is written outside the
        undo log, and undo gives a number back only while it is the series' last, so no
        number is ever given to two rows and issued ones run on without gaps. The
        statement locks the series' row until the transaction ends, so concurrent writers
        (on PostgreSQL too) get one number each."""
        self.tracker.flush()
        self.link.run(
            "INSERT INTO ledger_number (series, last) VALUES (:series, 1) "
            "ON CONFLICT (series) DO UPDATE SET last = ledger_number.last + 1",
            {"series": series},
        )
        (row,) = self.reader.rows("SELECT last FROM ledger_number WHERE series = :series", {"series": series})
        return int(row["last"])

    def erase_client(self, client_id: int) -> None:
        """Erase a client and every row of it for good: its pieces in the search index are
        compacted away, the undo log is emptied and sealed (its before-images would keep the
        client), and the write-ahead log is checkpointed once the transaction commits."""
        self.tracker.flush()
        reach = "DELETE FROM contact_reach WHERE contact_id IN (SELECT id FROM contact WHERE client_id = :id)"
        self.link.run(reach, {"id": client_id})
        for model in CLIENT_ROWS:
            self.link.run(f"DELETE FROM {quoted(model.TABLE)} WHERE client_id = :id", {"id": client_id})
        self.link.run("DELETE FROM client WHERE id = :id", {"id": client_id})
        self.tracker.forget_client(client_id)
        compact_search_index(self.link)
        self.undo.seal()
        self.checkpoint_after = True

    def bulk_insert(self, model: type[Row], rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert rows past the tracker, note them for undo, return their ids.

        The next free ids are taken first (the write lock is held), so the driver inserts
        the rows with one prepared statement for each set of columns they give.
        """
        if not rows:
            return []
        self.tracker.flush()
        ids = self.link.new_ids(model.TABLE, len(rows))
        _insert_given(self.link, model, [{"id": key, **row} for key, row in zip(ids, rows, strict=True)])
        self.undo.inserted_in_bulk(model.TABLE, ids)
        return ids

    def insert_history(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Activity rows in bulk, stamped with this transaction's batch (no undo steps: undo
        removes a batch's history with the batch)."""
        stamped = [{**row, "batch": self.journal.batch, "made_by": self.journal.by} for row in rows]
        _insert_given(self.link, Activity, stamped)

    @contextmanager
    def new_clients_in_bulk(self, expected: int = 0) -> Iterator[None]:
        """Insert many new clients without indexing each for search; index them all at the end.

        When about ``expected`` of them come, at least as many as the clients there are
        (and :data:`PAUSE_INDEXES_FROM`), the client table's own indexes are built once at
        the end as well, on SQLite: inserting a hundred thousand keys one by one into an
        index costs more than building it from them.
        """
        self.tracker.flush()
        with (
            search_index_paused(self.link, self.link.next_id("client")),
            _indexes_paused(self.link, expected),
        ):
            yield

    def undo_batches(self) -> list[str]:
        """The batch ids of every change undo could take back, newest first."""
        self.tracker.flush()
        return changes.batches(self.link)

    def later_change_touching(self, batch: str) -> str | None:
        """The newest later change that changed a row ``batch`` changed, if any."""
        return changes.later_batch_touching(self.link, batch)

    def take_back(self, batch: str) -> bool:
        """Put back every row ``batch`` changed (see :mod:`.changes`). False, with nothing
        changed, when the batch is a deletion: final, and undo does not go past it."""
        self.tracker.flush()
        try:
            changes.take_back(self.link, batch)
        except changes.FinalChange:
            return False
        return True


PAUSE_INDEXES_FROM = 5000  # new clients in one import from which their indexes are built at the end


@contextmanager
def _indexes_paused(link: Link, expected: int) -> Iterator[None]:
    """Drop the client table's indexes (not those that keep values unique) and create them
    again at the end, in the same transaction: other connections never see them missing,
    and an error puts them back with everything else."""
    if not link.dialect.index_sql or expected < PAUSE_INDEXES_FROM:
        yield
        return
    counted = one(link.reader, "SELECT count(*) AS clients FROM client")
    if counted is None or expected < counted["clients"]:
        yield
        return
    indexes = list(
        link.reader.rows(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'client' "
            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
        )
    )
    for index in indexes:
        link.run(f"DROP INDEX {quoted(index['name'])}")
    yield
    for index in indexes:
        link.run(index["sql"])


def _insert_given(link: Link, model: type[Row], rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows of ``model``, each with the columns it gives a value (None is left to
    the column: NULL), grouped by those columns, as the driver's values in order."""
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        given = {name: value for name, value in row.items() if value is not None}
        groups.setdefault(tuple(given), []).append(tuple(given.values()))
    for columns, values in groups.items():
        unknown = set(columns) - set(model.columns())
        if unknown:
            raise ValueError(f"{model.TABLE} has no column {sorted(unknown)[0]!r}")
        link.insert_many(model.TABLE, columns, values)
