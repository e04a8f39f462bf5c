"""The one place that knows what day and time it is.

``KIARO_TODAY=YYYY-MM-DD`` pins today's date, so that tests and demos that type
phrases like "in 2 weeks" get the same answer every day. ``KIARO_NOW`` (an ISO
timestamp with its offset) pins the instant too, and with it today, so that a demo's
history reads the same every time it is made.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    """Today's local date, or the one pinned by ``KIARO_TODAY`` (or ``KIARO_NOW``)."""
    pinned = os.environ.get("KIARO_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    if os.environ.get("KIARO_NOW"):
        return now_utc().astimezone().date()
    return date.today()


def now_utc() -> datetime:
    """The current instant in UTC, to the second (``KIARO_NOW`` when it is set)."""
    pinned = os.environ.get("KIARO_NOW")
    if pinned:
        return datetime.fromisoformat(pinned).astimezone(UTC)
    return datetime.now(UTC).replace(microsecond=0)


def timestamp() -> str:
    """The current instant as stored: ISO 8601 with its UTC offset."""
    return now_utc().isoformat()
