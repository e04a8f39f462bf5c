"""The full-text search index (SQLite FTS5, trigram): its tables and triggers, filling,
pausing, compacting, and the search text it indexes.

The index mirrors ``client.search_text`` (the folded text of :mod:`kiaro_cli.search`);
triggers keep it in step with every write to ``client``, whichever code makes it. On
PostgreSQL a trigram GIN index (``pg_trgm``) on ``client.search_text`` serves the same
``LIKE '%text%'`` query, where the extension can be installed; elsewhere search scans,
with the same results.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from kiaro_cli.storage.protocols import Link

SEARCH_INDEX = "client_search"
SEARCH_DDL = (
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


SERVER_INDEX = "ix_client_search_trgm"


def install_search_index(connection: Connection) -> bool:
    """Create and fill the search index (SQLite FTS5, PostgreSQL pg_trgm); False where
    there can be none.

    Triggers keep SQLite's in step with every write to ``client``, whichever code makes it.
    """
    if connection.dialect.name == "postgresql":
        return _install_server_index(connection)
    if connection.dialect.name != "sqlite" or not _has_fts5(connection):
        return False
    for statement in SEARCH_DDL:
        connection.exec_driver_sql(statement)
    rebuild_search_index(connection)
    return True


def rebuild_search_index(connection: Connection) -> None:
    """Refill the search index from the client table."""
    connection.exec_driver_sql(f"INSERT INTO {SEARCH_INDEX}({SEARCH_INDEX}) VALUES ('rebuild')")


@contextmanager
def search_index_paused(link: Link, first_id: int) -> Iterator[None]:
    """Insert many clients without the per-row index trigger, then index them at once.

    Inside, only new clients (ids from ``first_id`` on) may be inserted. Updating the
    index row by row costs more than inserting the clients; one ``INSERT … SELECT``
    afterwards takes a fraction of it. The trigger is dropped and created again in
    the same transaction, so other connections never see it missing.
    """
    if not link.reader.has_search_index:
        yield
        return
    link.run(f"DROP TRIGGER {SEARCH_INDEX}_insert")
    yield
    link.run(
        f"INSERT INTO {SEARCH_INDEX}(rowid, search_text) "
        "SELECT id, search_text FROM client WHERE id >= :first",
        {"first": first_id},
    )
    link.run(SEARCH_DDL[1])


def _install_server_index(connection: Connection) -> bool:
    """A trigram GIN index on the search text, when pg_trgm is (or may be) installed. A role
    that may not install the extension leaves search scanning, and ``db check`` says so."""
    from sqlalchemy.exc import DBAPIError

    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError:
        return False
    connection.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {SERVER_INDEX} ON client USING gin (search_text gin_trgm_ops)"
    )
    return True


def has_server_index(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        f"SELECT 1 FROM pg_indexes WHERE indexname = '{SERVER_INDEX}' AND tablename = 'client'"
    )
    return found.first() is not None


def has_search_index(connection: Connection) -> bool:
    found = connection.exec_driver_sql(f"SELECT 1 FROM sqlite_master WHERE name = '{SEARCH_INDEX}'").first()
    return found is not None


def compact_search_index(link: Link) -> None:
    """Merge the index so that deleted text is gone from it, not only marked deleted."""
    if link.reader.has_search_index:
        link.run(f"INSERT INTO {SEARCH_INDEX}({SEARCH_INDEX}) VALUES ('optimize')")


def _has_fts5(connection: Connection) -> bool:
    options = {row[0] for row in connection.exec_driver_sql("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options


def refresh_search_texts(connection: Connection) -> None:
    """Compute every client's search text again (and refill the index where there is one)."""
    from sqlalchemy import inspect, text

    from kiaro_cli.search import search_text_of

    contacts: dict[int, list[tuple[str, str | None, str | None]]] = {}
    for row in connection.execute(text("SELECT client_id, name, email, phone FROM contact ORDER BY id")):
        contacts.setdefault(row.client_id, []).append((row.name, row.email, row.phone))
    texts: dict[int, list[str]] = {}  # events' texts and documents' names
    tables = inspect(connection)
    if tables.has_table("contact_reach"):  # every email and phone of a contact beside the first
        reach = "SELECT c.client_id, c.name, r.kind, r.value FROM contact_reach r"
        for row in connection.execute(text(reach + " JOIN contact c ON c.id = r.contact_id ORDER BY r.id")):
            pair = (row.value, None) if row.kind == "email" else (None, row.value)
            contacts.setdefault(row.client_id, []).append((row.name, *pair))
    for table, column in (("event", "text"), ("document", "name")):
        if tables.has_table(table):  # a migration before the table's version runs this too
            query = text(f"SELECT client_id, {column} AS said FROM {table} ORDER BY id")
            for row in connection.execute(query):
                texts.setdefault(row.client_id, []).append(row.said)
    clients = connection.execute(text("SELECT * FROM client")).mappings().all()
    updates = [
        {
            "id": row["id"],
            "search_text": search_text_of(dict(row), contacts.get(row["id"], []), texts.get(row["id"], [])),
        }
        for row in clients
    ]
    if updates:
        connection.execute(text("UPDATE client SET search_text = :search_text WHERE id = :id"), updates)
    if connection.dialect.name == "sqlite" and has_search_index(connection):
        rebuild_search_index(connection)
