"""The one place that knows what day and time it is.

``KIARO_TODAY=YYYY-MM-DD`` pins today's date, so that tests and demos that type
phrases like "in 2 weeks" get the same answer every day. ``KIARO_NOW`` (an ISO
timestamp with its offset) pins the instant too, and with it today, so that a demo's
history reads the same every time it is made.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from kiaro_cli.errors import InvalidValue

EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)  # the days a pin may name
_YEARS = f"of {EARLIEST.year} to {LATEST.year}"


def today() -> date:
    """Today's local date, or the one pinned by ``KIARO_TODAY`` (or ``KIARO_NOW``)."""
    pinned = os.environ.get("KIARO_TODAY")
    if pinned:
        return _pinned_day(pinned)
    if os.environ.get("KIARO_NOW"):
        return now_utc().astimezone().date()
    return date.today()


def now_utc() -> datetime:
    """The current instant in UTC, to the second (``KIARO_NOW`` when it is set)."""
    pinned = os.environ.get("KIARO_NOW")
    if pinned:
        return _pinned_moment(pinned).astimezone(UTC)
    return datetime.now(UTC).replace(microsecond=0)


def _pinned_day(text: str) -> date:
    """The day ``KIARO_TODAY`` pins, or one line saying why it cannot."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        day = None
    if day is None or not EARLIEST <= day <= LATEST:
        raise InvalidValue(f"KIARO_TODAY '{text}' is not a day (YYYY-MM-DD) {_YEARS}")
    return day


def _pinned_moment(text: str) -> datetime:
    """The instant ``KIARO_NOW`` pins, or one line saying why it cannot."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        moment = None
    if moment is None or not EARLIEST <= moment.date() <= LATEST:
        raise InvalidValue(f"KIARO_NOW '{text}' is not an ISO moment (2026-11-23T09:00:00+00:00) {_YEARS}")
    return moment


def timestamp() -> str:
    """The current instant as stored: ISO 8601 with its UTC offset."""
    return now_utc().isoformat()
