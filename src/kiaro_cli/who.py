"""Who is at the keyboard: ``KIARO_USER``, else the ``user-name`` kept on this machine
(``kiaro settings set user-name``), else the login of this machine's user.

Every change records it, so that a team sharing a database on a server can tell who made
which change, and ``kiaro undo`` takes back only your own.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiaro_cli.characters import first_unseen
from kiaro_cli.errors import InvalidValue

MAX_NAME = 100


def current_user() -> str:
    """The name changes are recorded under.

    ``KIARO_USER`` is a name, as ``settings set user-name`` takes one: a control or format
    character in it (an escape sequence every teammate's timeline would print) is refused.
    """
    given = " ".join(os.environ.get("KIARO_USER", "").split())[:MAX_NAME]
    _refuse_unseen(given, "KIARO_USER", "set it to a plain name")
    named = given or machine_user_name()
    if named:
        return named
    import getpass

    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"
    _refuse_unseen(login, "the login name", "set KIARO_USER to a plain name")
    return login


def _name_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path("kiaro") / "user-name"


def machine_user_name() -> str | None:
    """The name kept on this machine (not in a database a team shares), if any."""
    path = _name_file()
    try:
        named = " ".join(path.read_text(encoding="utf-8").split())[:MAX_NAME]
    except OSError:
        return None
    _refuse_unseen(named, f"the user name kept in {path}", "kiaro settings set user-name NAME replaces it")
    return named or None


def _refuse_unseen(name: str, said: str, hint: str) -> None:
    """A name with a control or format character is refused: it would print in every
    teammate's timeline."""
    hidden = first_unseen(name)
    if hidden:
        raise InvalidValue(f"{said} has the control or format character U+{ord(hidden):04X}; {hint}")


def save_machine_user_name(name: str | None) -> None:
    """Keep ``name`` on this machine (None forgets it), in a file only you can read."""
    keep_on_machine(_name_file(), name)


def keep_on_machine(path: Path, value: str | None) -> None:
    """Write ``value`` as the one line of ``path``, readable by you alone (None removes it)."""
    if value is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    partial.replace(path)
