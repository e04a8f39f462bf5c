"""Who is at the keyboard: ``KIARO_USER``, else the ``user-name`` kept on this machine
(``kiaro settings set user-name``), else the login of this machine's user.

Every change records it, so that a team sharing a database on a server can tell who made
which change, and ``kiaro undo`` takes back only your own.
"""

from __future__ import annotations

import os
from pathlib import Path

MAX_NAME = 100


def current_user() -> str:
    """The name changes are recorded under."""
    named = " ".join(os.environ.get("KIARO_USER", "").split())[:MAX_NAME] or machine_user_name()
    if named:
        return named
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


def _name_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path("kiaro") / "user-name"


def machine_user_name() -> str | None:
    """The name kept on this machine (not in a database a team shares), if any."""
    try:
        return " ".join(_name_file().read_text(encoding="utf-8").split())[:MAX_NAME] or None
    except OSError:
        return None


def save_machine_user_name(name: str | None) -> None:
    """Keep ``name`` on this machine (None forgets it), in a file only you can read."""
    path = _name_file()
    if name is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")
    partial.replace(path)
