"""The one place that knows what day and time it is.

``KIARO_TODAY=YYYY-MM-DD`` pins today's date, so that tests and demos that type
phrases like "in 2 weeks" get the same answer every day.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    """Today's local date, or the one pinned by ``KIARO_TODAY``."""
    pinned = os.environ.get("KIARO_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    return date.today()


def now_utc() -> datetime:
    """The current instant in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def timestamp() -> str:
    """The current instant as stored: ISO 8601 with its UTC offset."""
    return now_utc().isoformat()
