"""Copying a whole database to an empty one: a SQLite file to a server, or back.

Every table of the schema is copied row by row with its ids, parents before children,
in one transaction on the target. Before it commits, each table's row count and a
checksum of its content (the sum of every row's SHA-256, so that the order rows come
back in does not matter) must equal the source's; otherwise nothing is written. The
ids a table has given out are carried over too (SQLite's ``sqlite_sequence``,
PostgreSQL's sequences), so no id is ever given twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from kiaro_cli.errors import InvalidValue, StorageError
from kiaro_cli.storage.driver_errors import translate_errors
from kiaro_cli.storage.engine import forget_engine, get_engine
from kiaro_cli.storage.location import Location

BATCH = 1000
SKIPPED = ("kiaro_schema",)  # the target records its own schema versions
Progress = Callable[[str, int], None]  # (table, rows copied so far)


@dataclass(frozen=True)
class TableCopy:
    name: str
    rows: int
    checksum: str


def copy_database(source: Location, target: Location, progress: Progress | None = None) -> list[TableCopy]:
    """Copy every row of ``source`` into the empty database at ``target`` (a file is created
    when there is none, and removed again if the copy fails); return what each table holds,
    verified on both sides."""
    if source == target:
        raise InvalidValue("the target is the database itself; name another file or server")
    with removed_if_failed(target):
        return _copy(source, target, progress)


@contextmanager
def removed_if_failed(target: Location) -> Iterator[None]:
    """A database file that did not exist before is removed again if what follows fails."""
    created = target.path is not None and not target.path.exists()
    try:
        yield
    except BaseException:
        if created:
            assert target.path is not None
            forget_engine(target)
            for suffix in ("", "-wal", "-shm"):
                target.path.with_name(target.path.name + suffix).unlink(missing_ok=True)
        raise


def _copy(source: Location, target: Location, progress: Progress | None) -> list[TableCopy]:
    source_engine, target_engine = get_engine(source), get_engine(target)
    tables = copied_tables()
    with translate_errors(source), source_engine.connect() as reading:
        expected = {table.name: table_sum(reading, table) for table in tables}
        given = {table.name: ids_given(reading, table) for table in tables}
        with translate_errors(target), target_engine.connect() as writing, writing.begin():
            busy = [table.name for table in tables if count_rows(writing, table)]
            if busy:
                holding = ", ".join(busy[:3])
                raise StorageError(
                    f"{target} is not empty ({holding} hold rows); copy only into an empty database"
                )
            for table in tables:
                _copy_rows(reading, writing, table, progress)
            for table in tables:
                carry_ids(writing, table, given[table.name])
            after_copy(writing)
            for table in tables:
                found = table_sum(writing, table)
                if found != expected[table.name]:
                    raise StorageError(
                        f"the copy of {table.name} does not match ({found.rows} rows, "
                        f"{expected[table.name].rows} expected); nothing was written"
                    )
        reading.rollback()
    return [expected[table.name] for table in tables]


def copied_tables() -> list[Table]:
    """The schema's tables, parents before children."""
    from sqlmodel import SQLModel

    return [table for table in SQLModel.metadata.sorted_tables if table.name not in SKIPPED]


def count_rows(connection: Connection, table: Table) -> int:
    """How many rows ``table`` holds."""
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _copy_rows(reading: Connection, writing: Connection, table: Table, progress: Progress | None) -> None:
    done = 0
    rows = reading.execute(select(table)).mappings()
    while batch := rows.fetchmany(BATCH):
        writing.execute(insert(table), [dict(row) for row in batch])
        done += len(batch)
        if progress is not None:
            progress(table.name, done)


def table_sum(connection: Connection, table: Table) -> TableCopy:
    """How many rows a table holds, and the sum of their SHA-256s (order-free)."""
    total, rows = 0, 0
    for row in _rows(connection, table):
        digest = hashlib.sha256(repr(tuple(row)).encode()).digest()
        total = (total + int.from_bytes(digest, "big")) % (1 << 256)
        rows += 1
    return TableCopy(table.name, rows, f"{total:064x}")


def _rows(connection: Connection, table: Table) -> Iterator[Any]:
    columns = sorted(table.columns, key=lambda column: column.name)
    result = connection.execute(select(*columns))
    while batch := result.fetchmany(BATCH):
        yield from batch


# The sequence's last value where the role may read it (SELECT or USAGE on it); else NULL,
# and the highest id in use stands for it: a role granted SELECT on the tables alone (a
# reader) still backs up, though a deleted last row's id may then be given again.
READ_SEQUENCE = text(
    "SELECT CASE WHEN has_sequence_privilege(seq, 'SELECT, USAGE') THEN pg_sequence_last_value(seq) END"
    " FROM (SELECT pg_get_serial_sequence(:name, 'id') AS seq) AS serial"
)


def ids_given(connection: Connection, table: Table) -> int:
    """The highest id a table has ever given (0 for a table without an id); on PostgreSQL,
    the highest in use when the role may not read the table's sequence."""
    if "id" not in table.columns:
        return 0
    top = int(connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())
    if connection.dialect.name == "sqlite":
        known = connection.execute(
            text("SELECT seq FROM sqlite_sequence WHERE name = :name"), {"name": table.name}
        ).first()
        return max(top, int(known[0]) if known else 0)
    last = connection.execute(READ_SEQUENCE, {"name": table.name}).scalar()
    return max(top, int(last or 0))


def carry_ids(connection: Connection, table: Table, given: int) -> None:
    """Make the target's next id of ``table`` follow the highest the source ever gave."""
    if not given:
        return
    if connection.dialect.name == "sqlite":
        known = connection.execute(
            text("SELECT 1 FROM sqlite_sequence WHERE name = :name"), {"name": table.name}
        ).first()
        if known is not None:
            connection.execute(
                text("UPDATE sqlite_sequence SET seq = :seq WHERE name = :name"),
                {"seq": given, "name": table.name},
            )
        return
    connection.execute(
        text("SELECT setval(pg_get_serial_sequence(:name, 'id'), :seq, true)"),
        {"name": table.name, "seq": given},
    )


def after_copy(connection: Connection) -> None:
    """Refill the search index of a SQLite target from the copied clients."""
    from kiaro_cli.storage.search_index import has_search_index, rebuild_search_index

    if connection.dialect.name == "sqlite" and has_search_index(connection):
        rebuild_search_index(connection)
