"""The journal: every change a command makes is written as activity rows.

All rows of one command share a ``batch`` id, the unit that ``undo`` reverts.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlmodel import Session

from kiaro_cli import clock
from kiaro_cli.storage.schema import Activity, Client


class Journal:
    """Records the activity of one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.batch = uuid.uuid4().hex
        self.at = clock.timestamp()

    def log(self, client: Client, kind: str, detail: str, **data: Any) -> None:
        """Write one activity row for ``client`` and stamp its last activity."""
        assert client.id is not None
        self.session.add(
            Activity(
                client_id=client.id,
                at=self.at,
                kind=kind,
                detail=detail,
                data=json.dumps(data, default=str, ensure_ascii=False) if data else None,
                batch=self.batch,
            )
        )
        client.last_activity_at = self.at
        client.updated_at = self.at
        self.session.add(client)


def show_value(value: object) -> str:
    """How a field value reads in an activity line."""
    if value is None or value == "":
        return "(empty)"
    return str(value)
