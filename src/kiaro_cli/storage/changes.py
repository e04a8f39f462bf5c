"""The undo log: every row a write transaction changes, as it was before.

The write's :class:`~kiaro_cli.storage.tracking.Tracker` tells the :class:`UndoLog` of
each row it inserts, updates or deletes in the tables that hold user data; at each
flush their before-images go to ``undo_step`` under the transaction's batch id (the
same id its activity rows carry). Undo puts them back in reverse order. Nothing in
the core has to remember to record a change: a flush is enough.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiaro_cli.storage.row import as_stored, quoted

if TYPE_CHECKING:
    from kiaro_cli.storage.protocols import Link
    from kiaro_cli.storage.row import Row

TRACKED = frozenset(
    {
        "client",
        "contact",
        "contact_reach",
        "tag",
        "interaction",
        "setting",
        "address",
        "rate",
        "custom_field",
        "custom_value",
        "event",
        "document",
        # The ledger. Its numbers (ledger_number) are not: undo gives back only a series' last
        # numbers (see take_back), so a number is never given to two rows.
        "project",
        "quote",
        "invoice",
        "invoice_line",
        "payment",
        # What a folder sync last saw: undone with the contacts it changed, so the next
        # sync sees the folder's changes again.
        "vdir_card",
        "client_date",
    }
)
NUMBERED = frozenset({"invoice", "quote"})  # tables whose numbers come from a series
# History rows are only ever added, except when a merge moves them: that move is undone too.
TRACKED_CHANGES = TRACKED | {"activity"}

_INSERT_STEP = (
    "INSERT INTO undo_step (batch, table_name, row_key, before) "
    "VALUES (:batch, :table_name, :row_key, :before)"
)


class UndoLog:
    """The before-images of one transaction, written to ``undo_step`` at each flush."""

    def __init__(self, link: Link, batch: str, *, undoable: bool = True) -> None:
        self.link = link
        self.batch = batch
        self.undoable = undoable
        self._steps: list[dict[str, Any]] = []
        self._written = False

    def inserted(self, table: str, key: Any) -> None:
        if table in TRACKED:
            self._note(table, json.dumps(key), None)

    def changed(self, table: str, key: Any, before: dict[str, Any]) -> None:
        if table in TRACKED_CHANGES:
            self._note(table, json.dumps(key), json.dumps(before))

    def deleted(self, table: str, key: Any, before: dict[str, Any]) -> None:
        if table in TRACKED:
            self._note(table, json.dumps(key), json.dumps(before))

    def inserted_in_bulk(self, table: str, keys: list[int]) -> None:
        """Rows inserted in bulk: each run of consecutive ids is one step, ``[first, last]``."""
        for run in id_runs(keys):
            self._note(table, json.dumps(run), None)
        self.write()

    def _note(self, table: str, row_key: str, before: str | None) -> None:
        if self.undoable:
            self._steps.append({"table_name": table, "row_key": row_key, "before": before})

    def write(self) -> None:
        """Write the steps noted so far (the log keeps the order of the changes)."""
        steps, self._steps = self._steps, []
        if steps:
            self.link.run_many(_INSERT_STEP, [{"batch": self.batch, **step} for step in steps])
            self._written = True

    def forget_if_unchanged(self) -> None:
        """Drop this transaction's steps when every row they name is as it was before it (a
        value set and set back, a row added and removed): undo never takes back a change of
        nothing, and the change before it stays the one undo reverts."""
        if not (self.undoable and self._written):
            return
        query = "SELECT table_name, row_key, before FROM undo_step WHERE batch = :batch ORDER BY id"
        seen: set[tuple[str, str]] = set()
        for step in list(self.link.reader.rows(query, {"batch": self.batch})):
            name = (step["table_name"], step["row_key"])
            if name in seen:
                continue  # the row as it was before the transaction is its first step
            seen.add(name)
            if _differs(self.link, step["table_name"], json.loads(step["row_key"]), step["before"]):
                return
        self.link.run("DELETE FROM undo_step WHERE batch = :batch", {"batch": self.batch})

    def seal(self) -> None:
        """Make this transaction final: forget the undo log and leave a barrier in it.

        For deletions: what they erase must not live on in before-images, and undo
        must not reach past them.
        """
        self._steps = []
        self.undoable = False
        self.link.run("DELETE FROM undo_step")
        self.link.run(_INSERT_STEP, {"batch": self.batch, "table_name": "", "row_key": "", "before": None})


def _differs(link: Link, table: str, key: Any, before: str | None) -> bool:
    """Whether the row ``key`` of ``table`` is no longer as ``before`` (None: it did not exist)."""
    cls = _row_class(table)
    name, column = quoted(table), quoted(cls.KEY)
    if isinstance(key, list):  # rows inserted in bulk: a run of ids
        sql = f"SELECT 1 AS found FROM {name} WHERE {column} BETWEEN :first AND :last LIMIT 1"
        return next(link.reader.rows(sql, {"first": key[0], "last": key[1]}), None) is not None
    now = next(link.reader.rows(f"SELECT * FROM {name} WHERE {column} = :_key", {"_key": key}), None)
    if now is None or before is None:
        return (now is None) != (before is None)
    stored: dict[str, Any] = json.loads(json.dumps(as_stored(cls, now)))
    return stored != as_stored(cls, json.loads(before))


def id_runs(keys: list[int]) -> list[list[int]]:
    """[[first, last], …] for each run of consecutive ids, in order."""
    runs: list[list[int]] = []
    for key in keys:
        if runs and key == runs[-1][1] + 1:
            runs[-1][1] = key
        else:
            runs.append([key, key])
    return runs


# ---------------------------------------------------------------- taking a batch back


class FinalChange(Exception):
    """The newest batch in the log is a barrier: a deletion, which undo does not go past."""


def batches(link: Link) -> list[str]:
    """Every batch still in the undo log, newest first."""
    query = "SELECT batch, max(id) AS last FROM undo_step GROUP BY batch ORDER BY last DESC"
    return [row["batch"] for row in link.reader.rows(query)]


def later_batch_touching(link: Link, batch: str) -> str | None:
    """The newest batch after ``batch`` that changed a row ``batch`` changed, or None.

    A write's steps are contiguous in the log (writes are serialized), so "after" is
    every step past the batch's last one. Rows inserted in bulk are runs of ids.
    """
    steps = "SELECT batch, table_name, row_key FROM undo_step WHERE {} ORDER BY id DESC"
    own = [_span(row) for row in link.reader.rows(steps.format("batch = :batch"), {"batch": batch})]
    later = steps.format("id > (SELECT max(id) FROM undo_step WHERE batch = :batch)")
    for row in link.reader.rows(later, {"batch": batch}):
        table, first, last = _span(row)
        if table and any(table == name and first <= end and start <= last for name, start, end in own):
            return str(row["batch"])
    return None


def _span(step: Mapping[str, Any]) -> tuple[str, Any, Any]:
    """A step's table and the first and last key it names (one key, or a bulk run)."""
    key = json.loads(step["row_key"]) if step["row_key"] else None
    first, last = (key[0], key[1]) if isinstance(key, list) else (key, key)
    return str(step["table_name"]), first, last


def take_back(link: Link, batch: str) -> None:
    """Put back every row ``batch`` changed, newest step first, and drop its steps from the log.

    Raises :class:`FinalChange` when the batch is a deletion's barrier.
    """
    query = "SELECT table_name, row_key, before FROM undo_step WHERE batch = :batch ORDER BY id DESC"
    steps = list(link.reader.rows(query, {"batch": batch}))
    if any(not step["table_name"] for step in steps):
        raise FinalChange(batch)
    numbered = _numbers_held(link, steps)
    for step in steps:
        _put_back(link, step["table_name"], json.loads(step["row_key"]), step["before"])
    link.run("DELETE FROM undo_step WHERE batch = :batch", {"batch": batch})
    _give_back_numbers(link, numbered)


def _numbers_held(link: Link, steps: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """The numbers the numbered rows of ``steps`` hold now, by table."""
    held: set[tuple[str, str]] = set()
    for step in steps:
        table, first, last = _span(step)
        if table in NUMBERED:
            sql = f"SELECT number FROM {quoted(table)} WHERE id BETWEEN :first AND :last"
            rows = link.reader.rows(sql, {"first": first, "last": last})
            held |= {(table, str(row["number"])) for row in rows if row["number"]}
    return held


_LAST_NUMBER = "SELECT last FROM ledger_number WHERE series = :series"
_SET_LAST_NUMBER = "UPDATE ledger_number SET last = :last WHERE series = :series"
_NO_NUMBER_YET = "DELETE FROM ledger_number WHERE series = :series"  # its first number given back


def _give_back_numbers(link: Link, held: set[tuple[str, str]]) -> None:
    """Give each series back the numbers at its end that the undone change gave and no row
    holds any more (``ACME-2026-013`` undone: the next is 013 again), so the numbers of a
    series run on without a gap. A number another change took after it stays taken. Only
    the numbers at a series' end are looked up: an undone import of other tools' numbers
    costs one read a series, not one a number."""
    by_series: dict[str, dict[int, tuple[str, str]]] = {}
    for table, number in held:
        series, _, serial = number.rpartition("-")
        if serial.isdigit():
            by_series.setdefault(series, {})[int(serial)] = (table, number)
    for series, serials in by_series.items():
        found = next(link.reader.rows(_LAST_NUMBER, {"series": series}), None)
        last = found["last"] if found else None
        if not isinstance(last, int) or last not in serials:
            continue
        given_back = last
        while given_back in serials and not _held(link, *serials[given_back]):
            given_back -= 1
        if given_back == last:
            continue
        if given_back > 0:
            link.run(_SET_LAST_NUMBER, {"series": series, "last": given_back})
        else:
            link.run(_NO_NUMBER_YET, {"series": series})


def _held(link: Link, table: str, number: str) -> bool:
    sql = f"SELECT 1 AS found FROM {quoted(table)} WHERE number = :number"
    return next(link.reader.rows(sql, {"number": number}), None) is not None


def _put_back(link: Link, table: str, key: Any, before: str | None) -> None:
    """Restore one row to its before-image (or remove it, if the batch inserted it)."""
    cls = _row_class(table)
    name, column = quoted(table), quoted(cls.KEY)
    if isinstance(key, list):  # rows inserted in bulk: a run of ids
        link.run(
            f"DELETE FROM {name} WHERE {column} BETWEEN :first AND :last", {"first": key[0], "last": key[1]}
        )
        return
    if before is None:
        link.run(f"DELETE FROM {name} WHERE {column} = :_key", {"_key": key})
        return
    image = as_stored(cls, json.loads(before))
    if next(link.reader.rows(f"SELECT 1 AS found FROM {name} WHERE {column} = :_key", {"_key": key}), None):
        assignments = ", ".join(f"{quoted(column_name)} = :{column_name}" for column_name in image)
        link.run(f"UPDATE {name} SET {assignments} WHERE {column} = :_key", {**image, "_key": key})
    else:
        link.insert(table, image, cls.KEY)


def _row_class(table: str) -> type[Row]:
    from kiaro_cli.storage.rows import ROW_CLASSES

    for cls in ROW_CLASSES:
        if table == cls.TABLE:
            return cls
    raise ValueError(f"the undo log names an unknown table {table!r}")
