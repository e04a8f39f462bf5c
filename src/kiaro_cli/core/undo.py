"""Undo: put back what the last command changed, one command at a time.

Every write transaction leaves the before-images of the rows it changed in the
undo log (see :mod:`kiaro_cli.storage.changes`). Undo takes the newest batch,
restores its rows in reverse order, removes it from the log and records what it
did in the activity of each client concerned. A deletion seals the log: it cannot
be undone, and undo does not go back past it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiaro_cli.errors import Conflict, InvalidValue
from kiaro_cli.storage import queries
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import one

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class UndoResult:
    """What was undone: the activity lines of that command, and when it ran."""

    details: tuple[str, ...]
    at: str | None


def undo_last(location: Location) -> UndoResult:
    """Revert the newest command still in the undo log."""
    from kiaro_cli.core.activity import Journal
    from kiaro_cli.storage.engine import transaction
    from kiaro_cli.storage.reader import SqlAlchemyReader
    from kiaro_cli.storage.schema import Client, UndoStep

    with transaction(location, undoable=False) as session:
        reader = SqlAlchemyReader(session.connection())
        latest = one(reader, queries.LATEST_UNDO_BATCH)
        if latest is None:
            raise InvalidValue("nothing to undo")
        batch = latest["batch"]
        steps = list(reader.rows(queries.UNDO_STEPS, {"batch": batch}))
        done = list(reader.rows(queries.BATCH_ACTIVITY, {"batch": batch}))
        if any(not step["table_name"] for step in steps):
            raise Conflict(_sealed_message(done))
        for step in steps:
            _put_back(session, step)
        session.execute(UndoStep.__table__.delete().where(UndoStep.__table__.c.batch == batch))  # type: ignore[attr-defined]
        details = tuple(row["detail"] for row in done) or ("a change",)
        journal = Journal(session)
        summary = "Undone: " + "; ".join(details)
        for client_id in dict.fromkeys(row["client_id"] for row in done):
            client = session.get(Client, client_id) if client_id is not None else None
            if client is not None:
                journal.log(client, "undone", summary, undoes=batch)
            else:
                journal.record(None, "undone", summary, undoes=batch)
        return UndoResult(details, done[0]["at"] if done else None)


def _sealed_message(done: list[dict[str, Any]]) -> str:
    what = done[-1]["detail"] if done else "a deletion"
    return (
        f"the last change cannot be undone ({what}): deletions are final, and undo does not go back past them"
    )


def _put_back(session: Session, step: dict[str, Any]) -> None:
    """Restore one row to its before-image (or remove it, if the command inserted it)."""
    from sqlmodel import SQLModel

    table = SQLModel.metadata.tables[step["table_name"]]
    (key_column,) = table.primary_key.columns
    key = json.loads(step["row_key"])
    if isinstance(key, list):  # rows inserted in bulk: a run of ids
        session.execute(table.delete().where(key_column.between(key[0], key[1])))
        return
    matches = key_column == key
    if step["before"] is None:
        session.execute(table.delete().where(matches))
        return
    image = json.loads(step["before"])
    if session.execute(table.select().where(matches)).first() is None:
        session.execute(table.insert().values(image))
    else:
        session.execute(table.update().where(matches).values(image))
