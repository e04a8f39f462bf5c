"""The reads of what is kept on a client besides its fields: events (reminders and notes)
and documents, in portable SQL with ``:name`` parameters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiaro_cli.declarations import Record
from kiaro_cli.declarations.document import DOCUMENT
from kiaro_cli.declarations.event import EVENT


def select_list(record: Record, alias: str) -> str:
    """What a read of a record kept on a client selects: each stored field it holds, as
    ``alias.column``, and the client's name (joined as ``c``) where the record has one."""
    return ", ".join(
        f"{alias}.{declared.column_name}" if declared.column_name else "c.name AS client_name"
        for declared in record.read_fields
        if declared.column_name or declared.key == "client_name"
    )


# Events, most urgent first: by priority, then the soonest due (undated last), then the oldest.
EVENT_SELECT = f"SELECT {select_list(EVENT, 'e')} FROM event e JOIN client c ON c.id = e.client_id"
EVENT_ORDER = """
ORDER BY CASE e.priority WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END,
         CASE WHEN e.due_on IS NULL THEN 1 ELSE 0 END, e.due_on, e.id
"""
EVENT_BY_ID = f"{EVENT_SELECT} WHERE e.id = :id"


@dataclass(frozen=True)
class EventFilter:
    """What ``event list`` asks for (values already normalised)."""

    client_id: int | None = None
    state: str = "open"  # open, done or all
    priorities: Sequence[str] = ()
    due_on_or_before: str | None = None
    sticky: bool = False
    include_archived: bool = False


def event_list(flt: EventFilter, limit: int | None = None) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters listing events, most urgent first."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if flt.client_id is not None:
        where.append("e.client_id = :client_id")
        params["client_id"] = flt.client_id
    elif not flt.include_archived:
        where.append("c.archived = :false_flag")
        params["false_flag"] = False
    if flt.state == "open":
        where.append("e.done_at IS NULL")
    elif flt.state == "done":
        where.append("e.done_at IS NOT NULL")
    if flt.priorities:
        names = [f"priority_{i}" for i in range(len(flt.priorities))]
        where.append(f"e.priority IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, flt.priorities, strict=True))
    if flt.due_on_or_before is not None:
        where.append("e.due_on <= :due")
        params["due"] = flt.due_on_or_before
    if flt.sticky:
        where.append("e.sticky = :true_flag")
        params["true_flag"] = True
    sql = EVENT_SELECT + (" WHERE " + " AND ".join(where) if where else "") + EVENT_ORDER
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return sql, params


DOCUMENT_SELECT = f"SELECT {select_list(DOCUMENT, 'd')} FROM document d JOIN client c ON c.id = d.client_id"
DOCUMENT_BY_ID = f"{DOCUMENT_SELECT} WHERE d.id = :id"
COUNT_DOCUMENTS = "SELECT count(*) AS n FROM document WHERE client_id = :client_id"


def document_list(client_id: int | None, *, include_archived: bool = False) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters listing documents, the newest first."""
    if client_id is not None:
        sql = f"{DOCUMENT_SELECT} WHERE d.client_id = :client_id ORDER BY d.id DESC"
        return sql, {"client_id": client_id}
    if include_archived:
        return f"{DOCUMENT_SELECT} ORDER BY d.id DESC", {}
    return f"{DOCUMENT_SELECT} WHERE c.archived = :false_flag ORDER BY d.id DESC", {"false_flag": False}
