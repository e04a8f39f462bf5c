"""Who is at the keyboard: ``KIARO_USER``, else the login of this machine's user.

Every change records it, so that a team sharing a database on a server can tell who made
which change, and ``kiaro undo`` takes back only your own.
"""

from __future__ import annotations

import os

MAX_NAME = 100


def current_user() -> str:
    """The name changes are recorded under."""
    named = " ".join(os.environ.get("KIARO_USER", "").split())[:MAX_NAME]
    if named:
        return named
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"
