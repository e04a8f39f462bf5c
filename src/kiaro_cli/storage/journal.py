"""The journal: every change a write transaction makes is written as activity rows.

All rows of one transaction share its ``batch`` id, the unit that ``undo`` reverts.
"""

from __future__ import annotations

import json
from typing import Any

from kiaro_cli import clock
from kiaro_cli.storage.rows import Activity, Client
from kiaro_cli.storage.tracking import Tracker
from kiaro_cli.who import current_user


class Journal:
    """Records the activity of one transaction."""

    def __init__(self, tracker: Tracker, batch: str) -> None:
        self.tracker = tracker
        self.batch = batch
        self.at = clock.timestamp()
        self.by = current_user()

    def log(self, client: Client, kind: str, detail: str, **data: Any) -> None:
        """Write one activity row for ``client`` and stamp its last activity."""
        assert client.id is not None
        self.record(client.id, kind, detail, **data)
        client.last_activity_at = self.at
        client.updated_at = self.at
        self.tracker.add(client)

    def record(self, client_id: int | None, kind: str, detail: str, **data: Any) -> None:
        """Write one activity row (``client_id`` None: a change of no one client)."""
        self.tracker.add(
            Activity(
                client_id=client_id,
                at=self.at,
                kind=kind,
                detail=detail,
                data=json.dumps(data, default=str, ensure_ascii=False) if data else None,
                batch=self.batch,
                made_by=self.by,
            )
        )
