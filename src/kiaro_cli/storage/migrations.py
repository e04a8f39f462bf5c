"""Versioned schema changes, recorded in the ``kiaro_schema`` table.

A fresh database gets the current schema at once and every version recorded. An
older one is backed up, then upgraded one version at a time inside one write
transaction, so a failed migration leaves it as it was. A newer one is refused.

To change the schema: edit :mod:`.schema`, then append a :class:`Migration` whose
``upgrade`` brings a database of the previous version to the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    upgrade: Callable[[Connection], None]


def _initial(connection: Connection) -> None:
    """Version 1 is the first schema: a fresh database is created from :mod:`.schema`."""
    raise AssertionError("version 1 is created fresh, never upgraded to")


def _undo_and_search(connection: Connection) -> None:
    """Version 2: the undo log, and (on SQLite) the full-text search index."""
    from kiaro_cli.storage.schema import UndoStep

    UndoStep.__table__.create(connection)  # type: ignore[attr-defined]
    install_search_index(connection)


# Tables whose ids people and scripts hold: never reused (rebuilt with AUTOINCREMENT on SQLite).
KEPT_IDS = ("client", "contact", "interaction", "activity")


def _ids_kept_and_search_widened(connection: Connection) -> None:
    """Version 3: ids are never reused; search covers addresses and phone numbers by their digits.

    SQLite cannot add AUTOINCREMENT to a table, so each table is rebuilt (foreign keys are
    off while migrating, see the engine) with its rows and ids, then its indexes. The search
    text of every client is computed again under the new rule.
    """
    if connection.dialect.name == "sqlite":
        indexed = _has_index(connection)
        for name in KEPT_IDS:
            _rebuild_table(connection, name)
        if indexed:  # the index's triggers went with the old client table
            for statement in _SEARCH_DDL[1:]:
                connection.exec_driver_sql(statement)
    refresh_search_texts(connection)


def _rebuild_table(connection: Connection, name: str) -> None:
    """Recreate a table from the current schema, keeping every row and id."""
    from sqlalchemy.schema import CreateTable
    from sqlmodel import SQLModel

    table = SQLModel.metadata.tables[name]
    columns = ", ".join(column.name for column in table.columns)
    ddl = str(CreateTable(table).compile(dialect=connection.dialect))
    connection.exec_driver_sql(ddl.replace(f"CREATE TABLE {name} (", f"CREATE TABLE {name}_rebuilt (", 1))
    connection.exec_driver_sql(f"INSERT INTO {name}_rebuilt ({columns}) SELECT {columns} FROM {name}")
    connection.exec_driver_sql(f"DROP TABLE {name}")
    connection.exec_driver_sql(f"ALTER TABLE {name}_rebuilt RENAME TO {name}")
    for index in table.indexes:
        index.create(connection)


def refresh_search_texts(connection: Connection) -> None:
    """Compute every client's search text again (and refill the index where there is one)."""
    from sqlalchemy import text

    from kiaro_cli.search import search_text_of

    contacts: dict[int, list[tuple[str, str | None, str | None]]] = {}
    for row in connection.execute(text("SELECT client_id, name, email, phone FROM contact ORDER BY id")):
        contacts.setdefault(row.client_id, []).append((row.name, row.email, row.phone))
    clients = connection.execute(text("SELECT * FROM client")).mappings().all()
    updates = [
        {"id": row["id"], "search_text": search_text_of(dict(row), contacts.get(row["id"], []))}
        for row in clients
    ]
    if updates:
        connection.execute(text("UPDATE client SET search_text = :search_text WHERE id = :id"), updates)
    if connection.dialect.name == "sqlite" and _has_index(connection):
        rebuild_search_index(connection)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "clients, contacts, tags, interactions, activity, settings", _initial),
    Migration(2, "undo log; full-text search index", _undo_and_search),
    Migration(3, "ids never reused; search by address and phone digits", _ids_kept_and_search_widened),
)


# ---------------------------------------------------------------- search index

SEARCH_INDEX = "client_search"
_SEARCH_DDL = (
    # Trigram tokens give substring matches, as LIKE '%text%' does, through an index.
    # The indexed text is the client's search_text: already case- and accent-folded.
    f"CREATE VIRTUAL TABLE {SEARCH_INDEX} USING fts5("
    "search_text, content='client', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {SEARCH_INDEX}_insert AFTER INSERT ON client BEGIN "
    f"INSERT INTO {SEARCH_INDEX}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER {SEARCH_INDEX}_delete AFTER DELETE ON client BEGIN "
    f"INSERT INTO {SEARCH_INDEX}({SEARCH_INDEX}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER {SEARCH_INDEX}_update AFTER UPDATE OF search_text ON client BEGIN "
    f"INSERT INTO {SEARCH_INDEX}({SEARCH_INDEX}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {SEARCH_INDEX}(rowid, search_text) VALUES (new.id, new.search_text); END",
)


def install_search_index(connection: Connection) -> bool:
    """Create and fill the search index on SQLite with FTS5; False where there is none.

    Triggers keep it in step with every write to ``client``, whichever code makes it.
    """
    if connection.dialect.name != "sqlite" or not _has_fts5(connection):
        return False
    for statement in _SEARCH_DDL:
        connection.exec_driver_sql(statement)
    rebuild_search_index(connection)
    return True


def rebuild_search_index(connection: Connection) -> None:
    """Refill the search index from the client table."""
    connection.exec_driver_sql(f"INSERT INTO {SEARCH_INDEX}({SEARCH_INDEX}) VALUES ('rebuild')")


@contextmanager
def search_index_paused(connection: Connection, first_id: int) -> Iterator[None]:
    """Insert many clients without the per-row index trigger, then index them at once.

    Inside, only new clients (ids from ``first_id`` on) may be inserted. Updating the
    index row by row costs more than inserting the clients; one ``INSERT … SELECT``
    afterwards takes a fraction of it. The trigger is dropped and created again in
    the same transaction, so other connections never see it missing.
    """
    if connection.dialect.name != "sqlite" or not _has_index(connection):
        yield
        return
    connection.exec_driver_sql(f"DROP TRIGGER {SEARCH_INDEX}_insert")
    yield
    connection.exec_driver_sql(
        f"INSERT INTO {SEARCH_INDEX}(rowid, search_text) SELECT id, search_text FROM client WHERE id >= ?",
        (first_id,),
    )
    connection.exec_driver_sql(_SEARCH_DDL[1])


def _has_index(connection: Connection) -> bool:
    found = connection.exec_driver_sql(f"SELECT 1 FROM sqlite_master WHERE name = '{SEARCH_INDEX}'").first()
    return found is not None


def compact_search_index(connection: Connection) -> None:
    """Merge the index so that deleted text is gone from it, not only marked deleted."""
    if connection.dialect.name == "sqlite":
        found = connection.exec_driver_sql(
            f"SELECT 1 FROM sqlite_master WHERE name = '{SEARCH_INDEX}'"
        ).first()
        if found is not None:
            connection.exec_driver_sql(f"INSERT INTO {SEARCH_INDEX}({SEARCH_INDEX}) VALUES ('optimize')")


def _has_fts5(connection: Connection) -> bool:
    options = {row[0] for row in connection.exec_driver_sql("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options


SCHEMA_VERSION = MIGRATIONS[-1].version
