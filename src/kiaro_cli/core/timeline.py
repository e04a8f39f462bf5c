"""A client's timeline: its activity and its interactions, newest first, in one list.

Interactions are placed on the day they happened and, within a day, at their time
when one was given, else where they were logged among the other changes (by the
activity row that records the logging, which is itself left out: the interaction is
there instead).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kiaro_cli.core.records import stored_moment
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader

TIMELINE_KEYS = ("at", "source", "kind", "detail", "next_step", "id", "by")
LOGGED = "interaction logged"


@dataclass(frozen=True)
class TimelineEntry:
    at: str  # a timestamp for activity, the day for an interaction
    source: str  # "activity" or "interaction"
    kind: str  # the activity kind, or the interaction type
    detail: str
    next_step: str | None
    id: int
    order: tuple[str, str, int]  # day, then when it was recorded, then the activity id
    by: str | None = None  # who recorded it (None in history older than schema version 9)

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in TIMELINE_KEYS}


def timeline(reader: Reader, client_id: int) -> list[TimelineEntry]:
    """The client's whole history, newest first."""
    entries: list[TimelineEntry] = []
    logged: dict[int, tuple[str, int, str | None]] = {}
    for row in reader.rows(queries.TIMELINE_ACTIVITY, {"client_id": client_id}):
        at, activity_id = row["at"], row["id"]
        if row["kind"] == LOGGED and (interaction_id := _logged_interaction(row["data"])) is not None:
            logged[interaction_id] = (at, activity_id, row["made_by"])
            continue
        order = (at[:10], at, activity_id)
        entry = TimelineEntry(
            at, "activity", row["kind"], row["detail"], None, activity_id, order, row["made_by"]
        )
        entries.append(entry)
    for row in reader.rows(queries.TIMELINE_INTERACTIONS, {"client_id": client_id}):
        moment, day = row["occurred_at"], row["occurred_at"][:10]
        recorded, activity_id, by = logged.get(row["id"], (row["created_at"], 0, None))
        if len(moment) > len(day) and stored_moment(moment):  # it has a time: that is its place in the day
            recorded, activity_id = _utc(moment), 0
        entries.append(
            TimelineEntry(
                moment,
                "interaction",
                row["type"],
                row["summary"],
                row["next_step"],
                row["id"],
                (day, recorded, activity_id),
                by,
            )
        )
    return sorted(entries, key=lambda entry: entry.order, reverse=True)


def _logged_interaction(data: object) -> int | None:
    """The interaction an "interaction logged" row names in its data (None: a restored row's
    or a teammate's data that is no such JSON object reads as none)."""
    try:
        found = json.loads(data) if isinstance(data, str) else None
    except ValueError:
        return None
    interaction_id = found.get("interaction_id") if isinstance(found, dict) else None
    return interaction_id if isinstance(interaction_id, int) else None


def _utc(moment: str) -> str:
    """A stored moment in UTC, so that it sorts among activity stamps (all kept in UTC)."""
    from datetime import UTC, datetime

    return datetime.fromisoformat(moment).astimezone(UTC).isoformat()


def client_timeline(reader: Reader, reference: str) -> list[TimelineEntry]:
    """The history of the client ``reference`` names, newest first."""
    from kiaro_cli.core.clients import get_client

    return timeline(reader, get_client(reader, reference).id)
