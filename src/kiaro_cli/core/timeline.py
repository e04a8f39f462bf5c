"""A client's timeline: its activity and its interactions, newest first, in one stream.

Interactions are placed on the day they happened (and, within a day, when they were
logged); the activity row that records logging one is left out, since the
interaction itself is there.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader

TIMELINE_KEYS = ("at", "source", "kind", "detail", "next_step", "id")


@dataclass(frozen=True)
class TimelineEntry:
    at: str  # a timestamp for activity, the day for an interaction
    source: str  # "activity" or "interaction"
    kind: str  # the activity kind, or the interaction type
    detail: str
    next_step: str | None
    id: int
    order: tuple[str, str, int]

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in TIMELINE_KEYS}


def timeline(reader: Reader, client_id: int, limit: int | None = None) -> Iterator[TimelineEntry]:
    """The client's history, newest first (at most ``limit`` entries)."""
    merged = heapq.merge(
        _activity(reader, client_id), _interactions(reader, client_id), key=lambda e: e.order, reverse=True
    )
    for count, entry in enumerate(merged):
        if limit is not None and count >= limit:
            return
        yield entry


def _activity(reader: Reader, client_id: int) -> Iterator[TimelineEntry]:
    for row in reader.rows(queries.TIMELINE_ACTIVITY, {"client_id": client_id}):
        at = row["at"]
        yield TimelineEntry(
            at, "activity", row["kind"], row["detail"], None, row["id"], (at[:10], at, row["id"])
        )


def _interactions(reader: Reader, client_id: int) -> Iterator[TimelineEntry]:
    for row in reader.rows(queries.TIMELINE_INTERACTIONS, {"client_id": client_id}):
        day = row["occurred_at"]
        yield TimelineEntry(
            day,
            "interaction",
            row["type"],
            row["summary"],
            row["next_step"],
            row["id"],
            (day, row["created_at"], row["id"]),
        )
