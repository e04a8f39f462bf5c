"""Hooks: an executable named ``on-change`` in kiaro's config folder ``hooks/`` is given
each committed change, as one JSON object on its stdin, after the commit.

The object is the change's timeline entry (``at``, ``source``, ``kind``, ``detail``,
``next_step``, ``id``, ``by``) with ``client_id``, the ``batch`` of the command that
made it (one undo step) and ``record``, the client as ``client show --format json`` gives
it now (None when it is gone or the change is of no one client). The hook runs once a
change, one after the other; what it prints is not shown. A hook that cannot run, fails
or runs over its time is stopped, said in one line, and not run again for the rest of
the command; the change is saved whatever the hook does. A hook that runs kiaro itself
runs no hooks (``KIARO_IN_HOOK``), so a hook that writes cannot call itself forever.
"""

from __future__ import annotations

import os
import signal
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kiaro_cli.core.timeline import TIMELINE_KEYS
from kiaro_cli.errors import KiaroError

if TYPE_CHECKING:
    from subprocess import Popen

    from kiaro_cli.core.workspace import Workspace
    from kiaro_cli.storage.reader import Reader

ON_CHANGE = "on-change"
IN_HOOK = "KIARO_IN_HOOK"  # set for a hook's process: the kiaro it runs runs no hooks
HOOK_KEYS = (*TIMELINE_KEYS, "client_id", "batch", "record")
ERROR_TAIL = 4096  # how much of a failed hook's error output is read for its last line
HOOK_LIST_KEYS = ("name", "executable", "runs", "path")


@dataclass(frozen=True)
class HookFile:
    """A file in the hooks folder."""

    name: str
    executable: bool
    runs: bool  # kiaro runs it: named as a hook (on-change), and executable
    path: str

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in HOOK_LIST_KEYS}


def hooks_folder() -> Path:
    """``hooks/`` in kiaro's config folder (``~/.config/kiaro/hooks`` on Linux)."""
    from platformdirs import user_config_path

    return user_config_path("kiaro") / "hooks"


def list_hooks(folder: Path) -> list[HookFile]:
    """Every file in the hooks folder, by name, and whether it may run."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if not path.name.startswith("."):
            executable = path.is_file() and os.access(path, os.X_OK)
            found.append(HookFile(path.name, executable, executable and path.name == ON_CHANGE, str(path)))
    return found


def after_changes(ws: Workspace, folder: Path | None = None) -> list[str]:
    """Run the on-change hook on every change the command committed to its database; the
    lines saying what went wrong (none when all went well)."""
    from kiaro_cli.storage.reader import committed

    batches = [batch for location, batch in committed() if location == ws.location]
    if not batches or os.environ.get(IN_HOOK):
        return []
    hook = (folder or hooks_folder()) / ON_CHANGE
    try:
        hook.stat()  # the one look at the folder a change costs when there is no hook
    except OSError:
        return []
    if not hook.is_file() or not os.access(hook, os.X_OK):
        return [f"the hook {hook} was not run: it is not an executable file (chmod +x it)"]
    try:
        with ws.opened() as reader:
            entries = [entry for batch in batches for entry in change_entries(reader, batch)]
    except KiaroError as error:
        return [f"the hook {hook} was not run: {error}"]
    for done, entry in enumerate(entries):
        problem = run_hook(hook, entry, ws.hook_timeout_s)
        if problem is not None:
            left = len(entries) - done - 1
            return [problem + (f"; not run on {left} more change{'s' * (left != 1)}" if left else "")]
    return []


def change_entries(reader: Reader, batch: str) -> list[dict[str, Any]]:
    """Each history row of one change as a hook is given it."""
    from kiaro_cli.core.clients import load_client
    from kiaro_cli.errors import NotFound
    from kiaro_cli.storage.reach_queries import BATCH_ACTIVITY

    records: dict[int, dict[str, Any] | None] = {}
    entries = []
    for row in reader.rows(BATCH_ACTIVITY, {"batch": batch}):
        client_id = row["client_id"]
        if client_id is not None and client_id not in records:
            try:
                records[client_id] = load_client(reader, client_id).to_dict()
            except NotFound:  # erased by this change
                records[client_id] = None
        entry = {
            "at": row["at"],
            "source": "activity",
            "kind": row["kind"],
            "detail": row["detail"],
            "next_step": None,
            "id": row["id"],
            "by": row["made_by"],
            "client_id": client_id,
            "batch": batch,
            "record": records.get(client_id) if client_id is not None else None,
        }
        entries.append(entry)
    return entries


def run_hook(hook: Path, entry: dict[str, Any], timeout_s: float) -> str | None:
    """Run ``hook`` with ``entry`` as JSON on its stdin; what went wrong, or None."""
    import subprocess
    import tempfile

    from kiaro_cli.codecs.tabular import dumps

    data = (dumps(entry) + "\n").encode("utf-8")  # amounts as numbers, as client show gives them
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                [str(hook)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env={**os.environ, IN_HOOK: "1"},
                start_new_session=True,  # its own process group: stopped with whatever it started
            )
        except OSError as error:
            return f"the hook {hook} could not run: {error.strerror or error}"
        try:
            process.communicate(data, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            _stop(process)
            return f"the hook {hook} ran over {timeout_s:g} s and was stopped"
        if process.returncode != 0:
            said = _last_line(errors)
            return f"the hook {hook} failed (exit {process.returncode})" + (f": {said}" if said else "")
    return None


def _stop(process: Popen[bytes]) -> None:
    killpg = getattr(os, "killpg", None)
    if killpg is not None:
        with suppress(ProcessLookupError):  # ended meanwhile
            killpg(process.pid, signal.SIGKILL)
    else:  # no process groups: the hook alone
        process.kill()
    process.wait()


def _last_line(errors: IO[bytes]) -> str:
    """The last line a failed hook wrote to its error output (shown escaped, cut, by the caller)."""
    size = errors.seek(0, os.SEEK_END)
    errors.seek(max(0, size - ERROR_TAIL))
    lines = [line.strip() for line in errors.read().decode("utf-8", "replace").splitlines()]
    return next((line for line in reversed(lines) if line), "")[:200]
