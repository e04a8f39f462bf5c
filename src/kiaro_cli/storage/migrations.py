"""Versioned schema changes, recorded in the ``kiaro_schema`` table.

A fresh database gets the current schema at once and every version recorded. An
older one is backed up, then upgraded one version at a time inside one write
transaction, so a failed migration leaves it as it was. A newer one is refused.

To change the schema: edit :mod:`.schema`, then append a :class:`Migration` whose
``upgrade`` brings a database of the previous version to the new one.
"""

from __future__ import annotations

from collections.abc import Callable
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


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "clients, contacts, tags, interactions, activity, settings", _initial),
)

SCHEMA_VERSION = MIGRATIONS[-1].version
