"""What every connection to a database is opened with: SQLite's pragmas and busy timeout,
and the numbers of the advisory locks writers take on a server.

The stdlib connections of :mod:`.reader` and :mod:`.link` and SQLAlchemy's of
:mod:`.engine` all take them from here, so a command that reads and then writes behaves
the same whichever opened the file.
"""

from __future__ import annotations

BUSY_TIMEOUT_MS = 10_000
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
)
# PostgreSQL advisory locks (numbers of kiaro's own): one writer at a time, as SQLite's
# BEGIN IMMEDIATE gives, and one process migrating the schema at a time.
WRITE_LOCK = 0x6B6961726F01
MIGRATION_LOCK = 0x6B6961726F02
