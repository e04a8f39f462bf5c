"""Undo: put back what the last command changed, one command at a time.

Every write transaction leaves the before-images of the rows it changed in the
undo log (kept by storage). Undo takes the caller's newest batch (past a teammate's
later ones that touched other records),
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
    from kiaro_cli.storage.unit import Target, Writer


@dataclass(frozen=True)
class UndoResult:
    """What was undone: the activity lines of that command, and when it ran."""

    details: tuple[str, ...]
    at: str | None
    by: str | None = None  # whose change it was (None in history older than schema version 9)


def undo_last(target: Target, *, anyone: bool = False) -> UndoResult:
    """Revert the caller's own newest command still in the undo log (see
    :mod:`kiaro_cli.who`), or with ``anyone`` the newest of all.

    A teammate's later change does not stand in the way unless it changed a row the
    caller's change did: then undoing it alone would lose theirs, and it is refused,
    naming that change and who made it.
    """
    from kiaro_cli.storage.unit import write

    with write(target, undoable=False) as w:
        batches = w.undo_batches()
        if not batches:
            raise InvalidValue("nothing to undo")
        batch, done = batches[0], _activity(w, batches[0])
        if not anyone and not _mine(done):
            batch, done = _own_newest(w, batches, done)
        if not w.take_back(batch):
            raise Conflict(_sealed_message(done))
        details = tuple(row["detail"] for row in done) or ("a change",)
        summary = "Undone: " + "; ".join(details)
        for client_id in dict.fromkeys(row["client_id"] for row in done):
            client = w.clients.find(client_id) if client_id is not None else None
            if client is not None:
                w.journal.log(client, "undone", summary, undoes=batch)
            else:
                w.journal.record(None, "undone", summary, undoes=batch)
        return UndoResult(details, done[0]["at"] if done else None, _made_by(done))


Activity = list[dict[str, Any]]  # a change's history rows


def _activity(w: Writer, batch: str) -> Activity:
    return list(w.reader.rows(queries.BATCH_ACTIVITY, {"batch": batch}))


def _made_by(done: Activity) -> str | None:
    return next((row["made_by"] for row in done if row["made_by"]), None)


def _mine(done: Activity) -> bool:
    """Whether the caller made this change (history older than schema version 9 says no
    one: it counts as anyone's own)."""
    from kiaro_cli.who import current_user

    by = _made_by(done)
    return by is None or by == current_user()


def _said(done: Activity) -> str:
    """A change as a refusal names it: ``lee's change (Tag 'vip' added, 2026-11-23 09:30 UTC)``."""
    what = done[0]["detail"] if done else "a change"
    when = f", {done[0]['at'][:16].replace('T', ' ')} UTC" if done else ""
    return f"{_made_by(done) or 'someone'}'s change ({what}{when})"


def _own_newest(w: Writer, batches: list[str], newest: Activity) -> tuple[str, Activity]:
    """The caller's newest change, when no later change touched the same records: a row
    it changed, or a client it changed (a tag, contact or note added to it since)."""
    index = next((i for i, b in enumerate(batches) if i and _mine(_activity(w, b))), None)
    if index is None:
        raise Conflict(
            f"nothing of yours to undo; the newest is {_said(newest)}; kiaro undo --anyone takes it back"
        )
    own, done = batches[index], _activity(w, batches[index])
    touching = w.later_change_touching(own)
    clients = {row["client_id"] for row in done} - {None}
    later = next(
        (
            b
            for b in batches[:index]
            if b == touching or clients & {row["client_id"] for row in _activity(w, b)}
        ),
        None,
    )
    if later is not None:
        raise Conflict(
            f"your newest change ({done[0]['detail'] if done else 'a change'}) cannot be taken back alone: "
            f"{_said(_activity(w, later))} changed the same records since; "
            "kiaro undo --anyone takes that back first"
        )
    return own, done


def _sealed_message(done: list[dict[str, Any]]) -> str:
    what = done[-1]["detail"] if done else "a deletion"
    return (
        f"the last change cannot be undone ({what}): deletions are final, and undo does not go back past them"
    )
