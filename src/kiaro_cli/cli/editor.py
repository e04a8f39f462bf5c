"""Opening the user's editor on a text: ``$VISUAL``, else ``$EDITOR``, else ``vi``."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from kiaro_cli.errors import InvalidValue


def editor_command() -> list[str]:
    """The editor to run, as words (``code --wait`` works)."""
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen and chosen.strip():
        return shlex.split(chosen)
    for fallback in ("vi", "nano"):
        if shutil.which(fallback):
            return [fallback]
    raise InvalidValue("no editor found: set VISUAL or EDITOR (e.g. export EDITOR=nano)")


def edit_text(text: str, *, suffix: str) -> str:
    """Let the user edit ``text`` in their editor and return what they saved.

    The file is private (0600, in a private temporary folder) and removed afterwards.
    An editor that exits with an error changes nothing.
    """
    command = editor_command()
    with tempfile.TemporaryDirectory(prefix="kiaro-") as folder:
        path = Path(folder) / f"kiaro{suffix}"
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
        try:
            done = subprocess.run([*command, str(path)], check=False)
        except OSError as error:
            raise InvalidValue(f"cannot start the editor '{command[0]}': {error.strerror}") from None
        if done.returncode != 0:
            raise InvalidValue(f"the editor exited with status {done.returncode}; nothing was changed")
        return path.read_text(encoding="utf-8")
