"""The one doorway for writes: ``with write(location) as w:`` is one transaction.

A :class:`Writer` carries the transaction's connection (:mod:`.link`), the rows it loaded
and added (:mod:`.tracking`, which writes what changed and notes it for undo), a reader
on the same connection (so a write sees its own changes), the journal of the
transaction, and the operations the core must not
do by hand: fetching a row that must exist, erasing a client for good, inserting rows
in bulk with their ids and undo steps, pausing the search index for a large insert,
taking the newest change back. The core says *what* changes; this module owns *how*.

``write`` also takes a Writer: a use case called inside another one's transaction joins
it, so several actions (the command bar's plan) commit together or not at all.
``dry_run=True`` does everything and then rolls it back: the one way a command previews.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from kiaro_cli.errors import NotFound
from kiaro_cli.storage import changes
from kiaro_cli.storage.journal import Journal
from kiaro_cli.storage.link import Link, checkpoint, write_link
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import MAX_ID, Params, Reader, one
from kiaro_cli.storage.rows import (
    ROW_CLASSES,
    Activity,
    Address,
    Client,
    Contact,
    CustomField,
    CustomValue,
    Document,
    Event,
    Interaction,
    Rate,
    Setting,
    Tag,
)
from kiaro_cli.storage.search_index import compact_search_index, search_index_paused
from kiaro_cli.storage.tracking import Row, Tracker, quoted

AnyRow = TypeVar("AnyRow", bound=Row)
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
)


class _FlushFirst:
    """The transaction's reader, which writes pending changes before each query (so a
    write sees its own changes)."""

    def __init__(self, tracker: Tracker) -> None:
        self._tracker = tracker

    def rows(self, sql: str, params: Params | None = None) -> Iterator[dict[str, Any]]:
        self._tracker.flush()
        return self._tracker.link.reader.rows(sql, params or {})

    @property
    def has_search_index(self) -> bool:
        return self._tracker.link.reader.has_search_index


class Writer:
    """One write transaction, as the core sees it."""

    def __init__(self, link: Link, location: Location, batch: str, *, undoable: bool) -> None:
        self.link = link
        self.location = location
        self.undo = changes.UndoLog(link, batch, undoable=undoable)
        self.tracker = Tracker(link, self.undo, ROW_CLASSES)
        self.reader: Reader = _FlushFirst(self.tracker)
        self.journal = Journal(self.tracker, batch)
        self.checkpoint_after = False
        self.committed_actions: list[Callable[[], None]] = []

    @property
    def at(self) -> str:
        """The moment of this transaction, as its activity rows record it."""
        return self.journal.at

    # ---------------------------------------------------------------- rows

    def client(self, client_id: int) -> Client:
        """The client with this id (it must exist)."""
        return self._row(Client, client_id, "client")

    def contact(self, contact_id: int) -> Contact:
        """The contact with this id (it must exist)."""
        return self._row(Contact, contact_id, "contact")

    def _row(self, model: type[AnyRow], key: int, noun: str) -> AnyRow:
        found = self.tracker.get(model, key) if 0 < key <= MAX_ID else None
        if found is None:
            raise NotFound(f"no {noun} with id {key}")
        return found

    def _of(self, model: type[AnyRow], column: str, value: Any, order: str = "id") -> list[AnyRow]:
        """The rows of ``model`` whose ``column`` is ``value``, by ``order``."""
        return self.tracker.select(model, f"{quoted(column)} = :value", {"value": value}, quoted(order))

    def contacts_of(self, client_id: int) -> list[Contact]:
        """A client's contacts in the order they were added."""
        return self._of(Contact, "client_id", client_id)

    def addresses_of(self, client_id: int) -> list[Address]:
        """A client's address rows in the order they were added."""
        return self._of(Address, "client_id", client_id)

    def interaction(self, interaction_id: int) -> Interaction:
        """The interaction with this id (it must exist)."""
        return self._row(Interaction, interaction_id, "interaction")

    def rate(self, rate_id: int) -> Rate:
        """The rate with this id (it must exist)."""
        return self._row(Rate, rate_id, "rate")

    def events_of(self, client_id: int) -> list[Event]:
        """A client's events in the order added."""
        return self._of(Event, "client_id", client_id)

    def documents_of(self, client_id: int) -> list[Document]:
        """A client's documents in the order added."""
        return self._of(Document, "client_id", client_id)

    def document(self, document_id: int) -> Document:
        """The document with this id (it must exist)."""
        return self._row(Document, document_id, "document")

    def sha256_in_use(self, sha256: str) -> bool:
        """Whether any document row keeps this content."""
        found = self.reader.rows("SELECT 1 AS found FROM document WHERE sha256 = :sha", {"sha": sha256})
        return next(found, None) is not None

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run ``action`` once this transaction has committed (never after a rollback):
        erasing files that rows no longer keep."""
        self.committed_actions.append(action)

    def seal(self) -> None:
        """Make this change final: undo does not go past it (what it erased is gone)."""
        self.tracker.flush()
        self.undo.seal()

    def event(self, event_id: int) -> Event:
        """The event with this id (it must exist)."""
        return self._row(Event, event_id, "event")

    def address(self, address_id: int) -> Address:
        """The address with this id (it must exist)."""
        return self._row(Address, address_id, "address")

    def custom_field(self, key: str) -> CustomField | None:
        found = self._of(CustomField, "key", key)
        return found[0] if found else None

    def custom_values_of(self, client_id: int) -> dict[int, CustomValue]:
        """A client's custom values by field id."""
        return {row.field_id: row for row in self._of(CustomValue, "client_id", client_id, "field_id")}

    def values_of_field(self, field_id: int) -> list[CustomValue]:
        """Every client's value of one custom field, by client."""
        return self._of(CustomValue, "field_id", field_id, "client_id")

    def primary_contact(self, client_id: int) -> Contact | None:
        return next((contact for contact in self.contacts_of(client_id) if contact.is_primary), None)

    def tags_of(self, client_id: int) -> dict[str, Tag]:
        """A client's tags by their folded key."""
        return {tag.key: tag for tag in self._of(Tag, "client_id", client_id)}

    def tags_with_key(self, key: str) -> list[Tag]:
        """Every client's tag of one folded key, by client."""
        return self._of(Tag, "key", key, "client_id")

    def rows_of(self, model: type[AnyRow], client_id: int) -> list[AnyRow]:
        """Every row of ``model`` (contacts, tags, interactions, activity) that belongs to a client."""
        return self._of(model, "client_id", client_id)

    def interactions_with(self, contact_id: int) -> list[Interaction]:
        return self._of(Interaction, "contact_id", contact_id)

    def setting(self, key: str) -> Setting | None:
        return self.tracker.get(Setting, key)

    def add(self, *rows: Row) -> None:
        for row in rows:
            self.tracker.add(row)

    def delete(self, row: Row) -> None:
        self.tracker.delete(row)

    def flush(self) -> None:
        self.tracker.flush()

    # ---------------------------------------------------------------- operations

    def erase_client(self, client_id: int) -> None:
        """Erase a client and every row of it for good: its pieces in the search index are
        compacted away, the undo log is emptied and sealed (its before-images would keep the
        client), and the write-ahead log is checkpointed once the transaction commits."""
        self.tracker.flush()
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

    def find_client(self, client_id: int) -> Client | None:
        """The client with this id, or None (it may be gone)."""
        return self.tracker.get(Client, client_id)


PAUSE_INDEXES_FROM = 5000  # new clients in one import from which their indexes are built at the end


@contextmanager
def _indexes_paused(link: Link, expected: int) -> Iterator[None]:
    """Drop the client table's indexes (not those that keep values unique) and create them
    again at the end, in the same transaction: other connections never see them missing,
    and an error puts them back with everything else."""
    if link.dialect != "sqlite" or expected < PAUSE_INDEXES_FROM:
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


Target = Location | Writer


class _DryRun(Exception):
    """Rolls a dry run back after everything was done."""


@contextmanager
def write(target: Target, *, undoable: bool = True, dry_run: bool = False) -> Iterator[Writer]:
    """One write transaction at ``target``, or the one ``target`` already is.

    Commits when the block ends, rolls back on any error (nothing changes), and with
    ``dry_run`` rolls back in any case. ``undoable=False`` keeps it out of the undo log,
    and so does changing nothing (every row it touched ends as it was).
    """
    if isinstance(target, Writer):
        yield target
        return
    import uuid

    writer: Writer | None = None
    try:
        with write_link(target) as link:
            writer = Writer(link, target, uuid.uuid4().hex, undoable=undoable)
            yield writer
            writer.tracker.flush()
            writer.undo.forget_if_unchanged()
            if dry_run:
                raise _DryRun
    except _DryRun:
        return
    if writer is not None and writer.checkpoint_after:
        checkpoint(target)
    if writer is not None and not dry_run:
        for action in writer.committed_actions:
            action()
