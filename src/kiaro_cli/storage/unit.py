"""The one doorway for writes: ``with write(location) as w:`` is one transaction.

A :class:`Writer` carries the session, a reader on the same connection (so a write sees
its own changes), the journal of the transaction, and the operations the core must not
do by hand: fetching a row that must exist, erasing a client for good, inserting rows
in bulk with their ids and undo steps, pausing the search index for a large insert,
taking the newest change back. The core says *what* changes; this module owns *how*.

``write`` also takes a Writer: a use case called inside another one's transaction joins
it, so several actions (the command bar's plan) commit together or not at all.
``dry_run=True`` does everything and then rolls it back: the one way a command previews.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, col, select

from kiaro_cli.errors import NotFound
from kiaro_cli.storage import changes
from kiaro_cli.storage.engine import checkpoint, first_free_id, transaction
from kiaro_cli.storage.journal import Journal
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import MAX_ID, SqlAlchemyReader
from kiaro_cli.storage.schema import (
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

Row = TypeVar("Row", bound=SQLModel)
# A client's rows in other tables, erased with it (children first).
CLIENT_ROWS: tuple[type[SQLModel], ...] = (
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


class Writer:
    """One write transaction, as the core sees it."""

    def __init__(self, session: Session, location: Location) -> None:
        self.session = session
        self.location = location
        self.reader = SqlAlchemyReader(session.connection())
        self.journal = Journal(session)
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

    def _row(self, model: type[Row], key: int, noun: str) -> Row:
        found = self.session.get(model, key) if 0 < key <= MAX_ID else None
        if found is None:
            raise NotFound(f"no {noun} with id {key}")
        return found

    def contacts_of(self, client_id: int) -> list[Contact]:
        """A client's contacts in the order they were added."""
        query = select(Contact).where(Contact.client_id == client_id).order_by(col(Contact.id))
        return list(self.session.exec(query))

    def addresses_of(self, client_id: int) -> list[Address]:
        """A client's address rows in the order they were added."""
        query = select(Address).where(Address.client_id == client_id).order_by(col(Address.id))
        return list(self.session.exec(query))

    def interaction(self, interaction_id: int) -> Interaction:
        """The interaction with this id (it must exist)."""
        return self._row(Interaction, interaction_id, "interaction")

    def rate(self, rate_id: int) -> Rate:
        """The rate with this id (it must exist)."""
        return self._row(Rate, rate_id, "rate")

    def events_of(self, client_id: int) -> list[Event]:
        """A client's events in the order added."""
        query = select(Event).where(Event.client_id == client_id).order_by(col(Event.id))
        return list(self.session.exec(query))

    def documents_of(self, client_id: int) -> list[Document]:
        """A client's documents in the order added."""
        query = select(Document).where(Document.client_id == client_id).order_by(col(Document.id))
        return list(self.session.exec(query))

    def document(self, document_id: int) -> Document:
        """The document with this id (it must exist)."""
        return self._row(Document, document_id, "document")

    def sha256_in_use(self, sha256: str) -> bool:
        """Whether any document row keeps this content."""
        return self.session.exec(select(Document.id).where(Document.sha256 == sha256)).first() is not None

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run ``action`` once this transaction has committed (never after a rollback):
        erasing files that rows no longer keep."""
        self.committed_actions.append(action)

    def seal(self) -> None:
        """Make this change final: undo does not go past it (what it erased is gone)."""
        changes.seal(self.session)

    def event(self, event_id: int) -> Event:
        """The event with this id (it must exist)."""
        return self._row(Event, event_id, "event")

    def address(self, address_id: int) -> Address:
        """The address with this id (it must exist)."""
        return self._row(Address, address_id, "address")

    def custom_field(self, key: str) -> CustomField | None:
        return self.session.exec(select(CustomField).where(CustomField.key == key)).first()

    def custom_values_of(self, client_id: int) -> dict[int, CustomValue]:
        """A client's custom values by field id."""
        query = select(CustomValue).where(CustomValue.client_id == client_id)
        query = query.order_by(col(CustomValue.field_id))
        return {row.field_id: row for row in self.session.exec(query)}

    def values_of_field(self, field_id: int) -> list[CustomValue]:
        """Every client's value of one custom field, by client."""
        query = select(CustomValue).where(CustomValue.field_id == field_id)
        query = query.order_by(col(CustomValue.client_id))
        return list(self.session.exec(query))

    def primary_contact(self, client_id: int) -> Contact | None:
        return next((contact for contact in self.contacts_of(client_id) if contact.is_primary), None)

    def tags_of(self, client_id: int) -> dict[str, Tag]:
        """A client's tags by their folded key."""
        return {tag.key: tag for tag in self.session.exec(select(Tag).where(Tag.client_id == client_id))}

    def tags_with_key(self, key: str) -> list[Tag]:
        """Every client's tag of one folded key, by client."""
        return list(self.session.exec(select(Tag).where(Tag.key == key).order_by(col(Tag.client_id))))

    def rows_of(self, model: type[Row], client_id: int) -> list[Row]:
        """Every row of ``model`` (contacts, tags, interactions, activity) that belongs to a client."""
        return list(self.session.exec(select(model).where(model.client_id == client_id)))  # type: ignore[attr-defined]

    def interactions_with(self, contact_id: int) -> list[Interaction]:
        return list(self.session.exec(select(Interaction).where(Interaction.contact_id == contact_id)))

    def setting(self, key: str) -> Setting | None:
        return self.session.get(Setting, key)

    def add(self, *rows: SQLModel) -> None:
        self.session.add_all(rows)

    def delete(self, row: SQLModel) -> None:
        self.session.delete(row)

    def flush(self) -> None:
        self.session.flush()

    # ---------------------------------------------------------------- operations

    def erase_client(self, client_id: int) -> None:
        """Erase a client and every row of it for good: its pieces in the search index are
        compacted away, the undo log is emptied and sealed (its before-images would keep the
        client), and the write-ahead log is checkpointed once the transaction commits."""
        from sqlmodel import delete

        for model in CLIENT_ROWS:
            self.session.execute(delete(model).where(col(model.client_id) == client_id))  # type: ignore[attr-defined]
        self.session.execute(delete(Client).where(col(Client.id) == client_id))
        compact_search_index(self.session.connection())
        changes.seal(self.session)
        self.checkpoint_after = True

    def bulk_insert(self, model: type[SQLModel], rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert rows past the ORM (every column given), note them for undo, return their ids.

        On SQLite the ids are given (the write lock is held, so the next free ids are known),
        which lets the driver insert many rows per statement; elsewhere the database returns them.
        """
        if not rows:
            return []
        from sqlalchemy import insert

        table: Any = model.__table__  # type: ignore[attr-defined]
        if self.session.get_bind().dialect.name == "sqlite":
            first = first_free_id(self.session.connection(), table.name)
            ids = list(range(first, first + len(rows)))
            items = [{**row, "id": key} for key, row in zip(ids, rows, strict=True)]
            self.session.execute(insert(table), items)
        else:
            statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids = [int(found) for found in self.session.execute(statement, list(rows)).scalars()]
        changes.note_inserted(self.session, table.name, ids)
        return ids

    def insert_history(self, rows: Sequence[dict[str, Any]]) -> None:
        """Activity rows in bulk, stamped with this transaction's batch (no undo steps: undo
        removes a batch's history with the batch)."""
        from sqlalchemy import insert

        stamped = [{**row, "batch": self.journal.batch, "made_by": self.journal.by} for row in rows]
        self.session.execute(insert(Activity), stamped)

    @contextmanager
    def new_clients_in_bulk(self) -> Iterator[None]:
        """Insert many new clients without indexing each for search; index them all at the end."""
        first = first_free_id(self.session.connection(), "client")
        with search_index_paused(self.session.connection(), first):
            yield

    def latest_change(self) -> str | None:
        """The batch id of the newest change that undo can take back, if any."""
        return changes.latest_batch(self.session)

    def take_back(self, batch: str) -> bool:
        """Put back every row ``batch`` changed (see :mod:`.changes`). False, with nothing
        changed, when the batch is a deletion: final, and undo does not go past it."""
        try:
            changes.take_back(self.session, batch)
        except changes.FinalChange:
            return False
        return True

    def find_client(self, client_id: int) -> Client | None:
        """The client with this id, or None (it may be gone)."""
        return self.session.get(Client, client_id)


Target = Location | Writer


class _DryRun(Exception):
    """Rolls a dry run back after everything was done."""


@contextmanager
def write(target: Target, *, undoable: bool = True, dry_run: bool = False) -> Iterator[Writer]:
    """One write transaction at ``target``, or the one ``target`` already is.

    Commits when the block ends, rolls back on any error (nothing changes), and with
    ``dry_run`` rolls back in any case. ``undoable=False`` keeps it out of the undo log.
    """
    if isinstance(target, Writer):
        yield target
        return
    writer: Writer | None = None
    try:
        with transaction(target, undoable=undoable) as session:
            writer = Writer(session, target)
            yield writer
            if dry_run:
                raise _DryRun
    except _DryRun:
        return
    if writer is not None and writer.checkpoint_after:
        checkpoint(target)
    if writer is not None and not dry_run:
        for action in writer.committed_actions:
            action()
