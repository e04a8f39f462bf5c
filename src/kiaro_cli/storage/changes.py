"""The undo log: every row a write transaction changes, as it was before.

A listener on the write session notes, at each flush, the rows that are inserted,
updated or deleted in the tables that hold user data; when the transaction ends,
their before-images are written to ``undo_step`` under the transaction's batch id
(the same id its activity rows carry). Undo puts them back in reverse order.
Nothing in the core has to remember to record a change: a flush is enough.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import LoaderCallableStatus, Session

from kiaro_cli.storage.schema import (
    Activity,
    Address,
    Client,
    Contact,
    CustomField,
    CustomValue,
    Document,
    Event,
    Interaction,
    Rate,
    Setting,
    Tag,
    UndoStep,
)

if TYPE_CHECKING:
    from sqlmodel import Session as ModelSession

TRACKED = (
    Client,
    Contact,
    Tag,
    Interaction,
    Setting,
    Address,
    Rate,
    CustomField,
    CustomValue,
    Event,
    Document,
)
# History rows are only ever added, except when a merge moves them: that move is undone too.
TRACKED_CHANGES = (*TRACKED, Activity)
STEPS = "kiaro_undo_steps"
BATCH = "kiaro_batch"


def start(session: Session, batch: str, *, undoable: bool = True) -> None:
    """Mark ``session`` as one command's transaction; note its changes when undoable."""
    session.info[BATCH] = batch
    if undoable:
        session.info[STEPS] = []


def finish(session: Session) -> None:
    """Write the noted before-images (flushing what is still pending first)."""
    if STEPS in session.info:
        _write_steps(session)
        del session.info[STEPS]
    else:
        session.flush()


def note_inserted(session: Session, table_name: str, keys: list[int]) -> None:
    """Note rows inserted in bulk (past the ORM), so that undo removes them.

    Runs of consecutive ids are noted as one step whose key is ``[first, last]``.
    The steps noted so far are written first, so the log keeps the order of the changes.
    """
    if STEPS not in session.info:
        return
    _write_steps(session)
    steps = [{"table_name": table_name, "row_key": json.dumps(run), "before": None} for run in id_runs(keys)]
    session.info[STEPS] = steps
    _write_steps(session)


def id_runs(keys: list[int]) -> list[list[int]]:
    """[[first, last], …] for each run of consecutive ids, in order."""
    runs: list[list[int]] = []
    for key in keys:
        if runs and key == runs[-1][1] + 1:
            runs[-1][1] = key
        else:
            runs.append([key, key])
    return runs


def _write_steps(session: Session) -> None:
    session.flush()
    steps, session.info[STEPS] = session.info[STEPS], []
    if steps:
        batch = session.info[BATCH]
        session.execute(insert(UndoStep), [{"batch": batch, **step} for step in steps])


def seal(session: Session) -> None:
    """Make this transaction final: forget the undo log and leave a barrier in it.

    For deletions: what they erase must not live on in before-images, and undo
    must not reach past them.
    """
    from sqlalchemy import delete

    session.info.pop(STEPS, None)
    session.execute(delete(UndoStep))
    session.execute(insert(UndoStep), [{"batch": session.info[BATCH], "table_name": "", "row_key": ""}])


def row_key(obj: Any) -> str:
    """The primary key of a tracked row, as stored in ``undo_step.row_key``."""
    return json.dumps(inspect(obj).mapper.primary_key_from_instance(obj)[0])


def _image(obj: Any) -> str:
    """The row as it was when loaded (its committed values), as JSON."""
    state = inspect(obj)
    values = {}
    for column in state.mapper.columns:
        name = column.key
        old = state.committed_state.get(name, LoaderCallableStatus.NO_VALUE)
        values[name] = state.dict.get(name) if old is LoaderCallableStatus.NO_VALUE else old
    return json.dumps(values)


def _note(session: Session, obj: Any, before: str | None) -> None:
    session.info[STEPS].append({"table_name": obj.__tablename__, "row_key": row_key(obj), "before": before})


@event.listens_for(Session, "before_flush")
def _note_updates_and_deletes(session: Session, _context: Any, _instances: Any) -> None:
    if STEPS not in session.info:
        return
    for obj in session.dirty:
        if isinstance(obj, TRACKED_CHANGES) and session.is_modified(obj, include_collections=False):
            _note(session, obj, _image(obj))
    for obj in session.deleted:
        if isinstance(obj, TRACKED):
            _note(session, obj, _image(obj))


@event.listens_for(Session, "after_flush")
def _note_inserts(session: Session, _context: Any) -> None:
    if STEPS not in session.info:
        return
    for obj in session.new:
        if isinstance(obj, TRACKED):
            _note(session, obj, None)


# ---------------------------------------------------------------- taking a batch back


class FinalChange(Exception):
    """The newest batch in the log is a barrier: a deletion, which undo does not go past."""


def latest_batch(session: ModelSession) -> str | None:
    """The newest batch still in the undo log, or None when it is empty."""
    from sqlmodel import col, select

    return session.exec(select(UndoStep.batch).order_by(col(UndoStep.id).desc()).limit(1)).first()


def take_back(session: ModelSession, batch: str) -> None:
    """Put back every row ``batch`` changed, newest step first, and drop its steps from the log.

    Raises :class:`FinalChange` when the batch is a deletion's barrier.
    """
    from sqlmodel import col, delete, select

    query = select(UndoStep).where(UndoStep.batch == batch).order_by(col(UndoStep.id).desc())
    steps = list(session.exec(query))
    if any(not step.table_name for step in steps):
        raise FinalChange(batch)
    for step in steps:
        _put_back(session, step)
    session.execute(delete(UndoStep).where(col(UndoStep.batch) == batch))


def _put_back(session: Session, step: UndoStep) -> None:
    """Restore one row to its before-image (or remove it, if the batch inserted it)."""
    from sqlmodel import SQLModel

    table = SQLModel.metadata.tables[step.table_name]
    (key_column,) = table.primary_key.columns
    key = json.loads(step.row_key)
    if isinstance(key, list):  # rows inserted in bulk: a run of ids
        session.execute(table.delete().where(key_column.between(key[0], key[1])))
        return
    matches = key_column == key
    if step.before is None:
        session.execute(table.delete().where(matches))
        return
    image = json.loads(step.before)
    if session.execute(table.select().where(matches)).first() is None:
        session.execute(table.insert().values(image))
    else:
        session.execute(table.update().where(matches).values(image))
