"""What a database file from elsewhere (a restore, ``db check``) holds that kiaro would
not have put there: schema objects kiaro did not create, and text a command refuses.

A trigger, view, table or index of its own runs or sits inside every later command (a
trigger may rewrite rows on each insert), so a restore refuses them and ``db check``
reports them. kiaro's own objects are those a fresh database of this version has, plus
the few an older version had that a later one dropped (a restored old file is upgraded
on first use); triggers and views must also have kiaro's very SQL.
"""

from __future__ import annotations

import sqlite3
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache

from kiaro_cli.declarations import Record
from kiaro_cli.declarations.client import CLIENT
from kiaro_cli.declarations.invoice import INVOICE, INVOICE_LINE
from kiaro_cli.declarations.payment import PAYMENT
from kiaro_cli.declarations.project import PROJECT
from kiaro_cli.declarations.quote import QUOTE

# Objects of older schema versions that later versions dropped or renamed.
OLDER_OBJECTS = frozenset({("index", "ix_client_archived")})
SQLITE_TABLES = frozenset({"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"})


# Fields that hold one line: no control character at all, and no Unicode format character
# (bidirectional overrides, invisible joiners), as typed input.
def _lines(record: Record) -> tuple[str, ...]:
    return tuple(str(declared.column_name) for declared in record.stored if declared.unit == "line")


SINGLE_LINE: dict[str, tuple[str, ...]] = {
    "client": tuple(str(declared.column_name) for declared in CLIENT.read if declared.unit == "line"),
    "contact": ("name", "email", "phone", "job_title", "role", "birthday"),
    "contact_reach": ("kind", "value", "label"),
    "address": ("kind", "label", "line1", "line2", "city", "region", "postal_code", "country"),
    "rate": ("position", "currency"),
    "event": ("kind", "priority"),
    "document": ("name", "kind"),
    "custom_field": ("key", "type", "label"),
    "tag": ("name", "key"),
    "interaction": ("type",),
    **{record.table: _lines(record) for record in (PROJECT, QUOTE, INVOICE, INVOICE_LINE, PAYMENT)},
    "ledger_number": ("series",),
    "vdir_card": ("folder", "uid", "file", "folder_sha256", "kiaro_sha256"),
    "client_date": ("label",),
}  # fmt: skip
ENTRIES: dict[str, tuple[str, ...]] = {  # lines and tabs, but no format characters
    "interaction": ("summary", "next_step"),
    "event": ("text",),
    "custom_value": ("value",),
}


@dataclass(frozen=True)
class Foreign:
    kind: str  # table, index, trigger or view
    name: str

    @property
    def droppable(self) -> bool:
        """Whether ``db check --repair`` may drop it: it holds no data."""
        return self.kind in ("trigger", "view")

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"


def _squeezed(sql: str | None) -> str:
    return " ".join((sql or "").split())


@cache
def kiaro_objects() -> dict[tuple[str, str], str]:
    """Each (type, name) a fresh kiaro database has, with its SQL (whitespace squeezed)."""
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    from kiaro_cli.storage import schema
    from kiaro_cli.storage.search_index import install_search_index

    assert schema  # the tables are registered on SQLModel.metadata
    engine = create_engine("sqlite://")
    try:
        with engine.begin() as connection:
            SQLModel.metadata.create_all(connection)
            install_search_index(connection)
            rows = connection.exec_driver_sql("SELECT type, name, sql FROM sqlite_master").all()
    finally:
        engine.dispose()
    return {(kind, name): _squeezed(sql) for kind, name, sql in rows}


def foreign_objects(connection: sqlite3.Connection) -> list[Foreign]:
    """The schema objects of a SQLite database that kiaro did not create."""
    known = kiaro_objects()
    found = []
    for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY rowid"):
        if name.startswith("sqlite_"):  # SQLite's own: its tables, and indexes of UNIQUE constraints
            if (kind == "table" and name in SQLITE_TABLES) or (kind == "index" and sql is None):
                continue
        elif (kind, name) in known:
            if kind not in ("trigger", "view") or _squeezed(sql) == known[(kind, name)]:
                continue
        elif (kind, name) in OLDER_OBJECTS:
            continue
        found.append(Foreign(kind, name))
    return found


def drop_foreign(connection: sqlite3.Connection, objects: list[Foreign]) -> list[str]:
    """Drop the foreign triggers and views (kiaro's own trigger of the same name is made
    again from its SQL); say what was done. Tables and indexes are left to the user."""
    from kiaro_cli.storage.search_index import SEARCH_DDL

    done = []
    for item in objects:
        if not item.droppable:
            continue
        quoted = '"' + item.name.replace('"', '""') + '"'
        connection.execute(f"DROP {item.kind.upper()} {quoted}")
        done.append(f"{item} dropped (kiaro did not create it)")
        own = [sql for sql in SEARCH_DDL if sql.startswith(f"CREATE TRIGGER {item.name} ")]
        if item.kind == "trigger" and own:
            connection.execute(own[0])
            done[-1] = f"{item} made again as kiaro creates it"
    return done


def _characters(*categories: str, keep: str = "") -> str:
    return "".join(
        c
        for c in map(chr, range(1, sys.maxunicode + 1))
        if unicodedata.category(c) in categories and c not in keep
    )


@cache
def _patterns() -> tuple[str, str, str]:
    """GLOB patterns of a refused character: on one line (control and format characters),
    in an entry (those but tab and line feed) and in any text (control characters but tab
    and line feed, as typed notes allow)."""
    lines = chr(9) + chr(10)
    return (
        f"*[{_characters('Cc', 'Cf')}]*",
        f"*[{_characters('Cc', 'Cf', keep=lines)}]*",
        f"*[{_characters('Cc', keep=lines)}]*",
    )


def refused_text(connection: sqlite3.Connection, limit: int = 3) -> list[str]:
    """Where a kiaro table holds text that typed input would refuse, or bytes (a blob, which
    kiaro never writes): ``table row id, field``."""
    one_line, entry, any_text = _patterns()
    tables = {
        name for kind, name in kiaro_objects() if kind == "table" and not name.startswith("client_search")
    }
    found: list[str] = []
    present = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in sorted(tables.intersection(present)):
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
        for column in columns:
            pattern = (
                one_line
                if column in SINGLE_LINE.get(table, ())
                else entry
                if column in ENTRIES.get(table, ())
                else any_text
            )
            where = (  # kiaro keeps no bytes: a blob is refused wherever it is
                f"typeof(\"{column}\") = 'blob' OR typeof(\"{column}\") = 'text'"
                f' AND ("{column}" GLOB :pattern OR instr(CAST("{column}" AS BLOB), x\'00\') > 0)'
            )
            sql = f'SELECT rowid FROM "{table}" WHERE {where} ORDER BY rowid LIMIT :limit'
            for (rowid,) in connection.execute(sql, {"pattern": pattern, "limit": limit}):
                found.append(f"{table} row {rowid}, field {column}")
                if len(found) >= limit:
                    return found
    return found
