"""The unit of work of one write transaction, without an ORM.

A :class:`~kiaro_cli.storage.row.Row` is a plain dataclass of one table's columns
(:mod:`.rows` has one per table). The :class:`Tracker` keeps every row the transaction
loaded or added, once per key, with its values as stored; :meth:`Tracker.flush` writes what changed since:
updates, then inserts (parents first), then deletions, each noted in the undo log
(:mod:`.changes`) with the row as it was. The core sets attributes and adds rows; it
never writes SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kiaro_cli.storage.row import CHANGED, AnyRow, Row, as_stored, quoted

if TYPE_CHECKING:
    from kiaro_cli.storage.changes import UndoLog
    from kiaro_cli.storage.protocols import Link


def _by_key(cls: type[Row]) -> str:
    """The condition finding a row of ``cls`` by its key (the parameter ``_key``)."""
    return f"{quoted(cls.KEY)} = :_key"


class Tracker:
    """The rows of one write transaction, and what changed in them since they were stored."""

    def __init__(self, link: Link, undo: UndoLog, order: Iterable[type[Row]]) -> None:
        self.link = link
        self.undo = undo
        self._order = {cls.TABLE: rank for rank, cls in enumerate(order)}
        self._known: dict[tuple[str, Any], Row] = {}
        self._stored: dict[int, dict[str, Any]] = {}  # id(row): its values as stored
        self._changed: dict[int, Row] = {}  # id(row): a stored row set since the last flush
        self._new: list[Row] = []
        self._new_ids: set[int] = set()
        self._gone: list[Row] = []

    # ---------------------------------------------------------------- loading

    def get(self, cls: type[AnyRow], key: Any) -> AnyRow | None:
        """The row of ``cls`` with this key: the one already loaded, else from the database."""
        known = self._known.get((cls.TABLE, key))
        if known is not None:
            return known  # type: ignore[return-value]
        found = self.select(cls, _by_key(cls), {"_key": key})
        return found[0] if found else None

    def select(
        self, cls: type[AnyRow], where: str, params: Mapping[str, Any], order: str | None = None
    ) -> list[AnyRow]:
        """The rows of ``cls`` matching ``where`` (pending changes written first), each the
        one already loaded when it was."""
        self.flush()
        sql = f"SELECT * FROM {quoted(cls.TABLE)} WHERE {where}" + (f" ORDER BY {order}" if order else "")
        return [self._adopt(cls, stored) for stored in self.link.reader.rows(sql, params)]

    def _adopt(self, cls: type[AnyRow], stored: Mapping[str, Any]) -> AnyRow:
        values = as_stored(cls, stored)
        known = self._known.get((cls.TABLE, values[cls.KEY]))
        if known is not None:
            return known  # type: ignore[return-value]
        row = cls(**values)
        self._remember(row, values)
        return row

    def _remember(self, row: Row, values: dict[str, Any]) -> None:
        self._known[row.TABLE, row.key_value()] = row
        self._stored[id(row)] = values
        object.__setattr__(row, "touched", False)
        object.__setattr__(row, CHANGED, self._changed)

    # ---------------------------------------------------------------- changing

    def add(self, row: Row) -> None:
        """Insert ``row`` at the next flush (a row already tracked stays as it is)."""
        if id(row) in self._stored or id(row) in self._new_ids:
            return
        self._new.append(row)
        self._new_ids.add(id(row))

    def delete(self, row: Row) -> None:
        """Delete ``row`` at the next flush (a row never stored is only forgotten)."""
        if id(row) in self._new_ids:
            self._new = [new for new in self._new if new is not row]
            self._new_ids.discard(id(row))
        elif id(row) in self._stored and not any(row is gone for gone in self._gone):
            self._gone.append(row)

    def forget(self, table: str, key: Any) -> None:
        """Stop tracking a row that a statement removed."""
        row = self._known.pop((table, key), None)
        if row is not None:
            self._stored.pop(id(row), None)
            self._changed.pop(id(row), None)

    def forget_client(self, client_id: int) -> None:
        """Stop tracking a client and its rows, which statements erased."""
        for table, key in list(self._known):
            row = self._known[table, key]
            if (table == "client" and key == client_id) or getattr(row, "client_id", None) == client_id:
                self.forget(table, key)

    def flush(self) -> None:
        """Write every change since the last flush, and note each in the undo log."""
        self._write_updates()
        self._write_inserts()
        self._write_deletions()
        self.undo.write()

    def _write_updates(self) -> None:
        gone = {id(row) for row in self._gone}
        touched = [row for row in self._changed.values() if row.touched and id(row) not in gone]
        self._changed.clear()  # cleared in place: every tracked row notes its changes in this one
        for row in touched:
            before = self._stored[id(row)]
            now = row.values()
            object.__setattr__(row, "touched", False)
            changed = [name for name in row.columns() if now[name] != before[name]]
            if not changed:
                continue
            assignments = ", ".join(f"{quoted(name)} = :{name}" for name in changed)
            params = {name: now[name] for name in changed} | {"_key": before[row.KEY]}
            self.link.run(f"UPDATE {quoted(row.TABLE)} SET {assignments} WHERE {_by_key(type(row))}", params)
            self.undo.changed(row.TABLE, before[row.KEY], before)
            self._stored[id(row)] = now

    def _write_inserts(self) -> None:
        new, self._new = self._new, []
        self._new_ids.clear()
        for row in sorted(new, key=lambda pending: self._order[pending.TABLE]):
            values = row.values()
            if values[row.KEY] is None:  # the database gives it
                del values[row.KEY]
            setattr(row, row.KEY, self.link.insert(row.TABLE, values, row.KEY))
            self.undo.inserted(row.TABLE, row.key_value())
            self._remember(row, row.values())

    def _write_deletions(self) -> None:
        gone, self._gone = self._gone, []
        for row in gone:
            before = self._stored[id(row)]
            self.link.run(
                f"DELETE FROM {quoted(row.TABLE)} WHERE {_by_key(type(row))}", {"_key": row.key_value()}
            )
            self.undo.deleted(row.TABLE, row.key_value(), before)
            self.forget(row.TABLE, row.key_value())
