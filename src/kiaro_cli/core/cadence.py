"""A follow-up cadence: how often to follow a client up (every 6 weeks, every month), opt-in.

Kept as a number and a unit letter: ``10d``, ``6w``, ``1m``, ``1y``. With one, marking the
follow-up done or logging an interaction schedules the next follow-up that interval after
that day. Pure: no database, no clock.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from kiaro_cli.errors import InvalidValue
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client

_UNIT_WORDS = {
    "d": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "m": "m", "mo": "m", "month": "m", "months": "m",
    "y": "y", "yr": "y", "yrs": "y", "year": "y", "years": "y",
}  # fmt: skip
_SPAN = re.compile(r"^(?:every\s+)?(\d{1,3})\s*([a-z]+)$")
_NAMES = {"d": "day", "w": "week", "m": "month", "y": "year"}
_SHIFT_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
# The longest a cadence may be, in its unit: a year at most.
_MOST = {"d": 366, "w": 52, "m": 12, "y": 1}
OFF = frozenset({"off", "none", "never", "no"})


def clean_cadence(text: str) -> str | None:
    """A cadence as typed, as kept: ``6w``, "6 weeks", ``1m``, ``10d``; ``off`` is None."""
    phrase = " ".join(text.strip().lower().split())
    if phrase in OFF:
        return None
    match = _SPAN.match(phrase)
    unit = _UNIT_WORDS.get(match.group(2)) if match else None
    if match is None or unit is None:
        raise InvalidValue(f"cannot read the interval '{text.strip()}' (try 2w, 6 weeks, 1m, 10d or off)")
    amount = int(match.group(1))
    if amount < 1:
        raise InvalidValue(f"the interval '{text.strip()}' must be at least 1 {_NAMES[unit]}")
    if amount > _MOST[unit]:
        longest = counted(_MOST[unit], _NAMES[unit])
        raise InvalidValue(f"the interval '{text.strip()}' must be at most {longest}")
    return f"{amount}{unit}"


def describe_cadence(cadence: str) -> str:
    """ "every 6 weeks", "every month", "every 10 days"."""
    amount, unit = int(cadence[:-1]), _NAMES[cadence[-1]]
    return f"every {unit}" if amount == 1 else f"every {counted(amount, unit)}"


def after(cadence: str, day: date) -> date:
    """The day one interval of ``cadence`` after ``day`` (calendar months)."""
    from kiaro_cli.dates import shift

    return shift(day, int(cadence[:-1]), _SHIFT_UNITS[cadence[-1]])


def next_by_cadence(client: Client, day: date) -> str | None:
    """The follow-up a client's cadence schedules after contact on ``day`` (None: no cadence,
    or an archived client, which is never due)."""
    found = next_follow_up(client.cadence, bool(client.archived), day)
    return found.isoformat() if found else None


def next_follow_up(cadence: str | None, archived: bool, day: date) -> date | None:
    """The follow-up ``cadence`` schedules after contact on ``day``; none for an archived
    client (never due) or without a cadence."""
    if not cadence or archived:
        return None
    return after(cadence, day)
