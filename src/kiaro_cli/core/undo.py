"""Undo: put back what the last command changed, one command at a time.

Every write transaction leaves the before-images of the rows it changed in the
undo log (kept by storage). Undo takes the newest batch,
restores its rows in reverse order, removes it from the log and records what it
did in the activity of each client concerned. A deletion seals the log: it cannot
be undone, and undo does not go back past it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiaro_cli.errors import Conflict, InvalidValue
from kiaro_cli.storage import queries

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target


@dataclass(frozen=True)
class UndoResult:
    """What was undone: the activity lines of that command, and when it ran."""

    details: tuple[str, ...]
    at: str | None
    by: str | None = None  # whose change it was (None in history older than schema version 9)


def undo_last(target: Target, *, anyone: bool = False) -> UndoResult:
    """Revert the newest command still in the undo log: only when it is the caller's own
    (see :mod:`kiaro_cli.who`), unless ``anyone``."""
    from kiaro_cli.storage.unit import write
    from kiaro_cli.who import current_user

    with write(target, undoable=False) as w:
        batch = w.latest_change()
        if batch is None:
            raise InvalidValue("nothing to undo")
        done = list(w.reader.rows(queries.BATCH_ACTIVITY, {"batch": batch}))
        by = next((row["made_by"] for row in done if row["made_by"]), None)
        if by is not None and by != current_user() and not anyone:
            what = done[0]["detail"] if done else "a change"
            raise Conflict(
                f"the newest change is {by}'s ({what}, {done[0]['at'][:16].replace('T', ' ')} UTC); "
                "kiaro undo --anyone takes it back"
            )
        if not w.take_back(batch):
            raise Conflict(_sealed_message(done))
        details = tuple(row["detail"] for row in done) or ("a change",)
        summary = "Undone: " + "; ".join(details)
        for client_id in dict.fromkeys(row["client_id"] for row in done):
            client = w.find_client(client_id) if client_id is not None else None
            if client is not None:
                w.journal.log(client, "undone", summary, undoes=batch)
            else:
                w.journal.record(None, "undone", summary, undoes=batch)
        return UndoResult(details, done[0]["at"] if done else None, by)


def _sealed_message(done: list[dict[str, Any]]) -> str:
    what = done[-1]["detail"] if done else "a deletion"
    return (
        f"the last change cannot be undone ({what}): deletions are final, and undo does not go back past them"
    )
