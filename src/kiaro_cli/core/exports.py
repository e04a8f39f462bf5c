"""Exports of clients and contacts: the rows of the contract, streamed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from kiaro_cli.core.clients import iter_clients, make_filter
from kiaro_cli.core.records import CONTACT_KEYS, ClientRecord, ContactRecord
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader

EXPORTABLE = ("clients", "contacts")


def client_rows(
    reader: Reader, *, statuses: Sequence[str] = (), tags: Sequence[str] = (), include_archived: bool = False
) -> Iterator[dict[str, Any]]:
    """Every client to export, in id order (archived ones only when asked)."""
    flt = make_filter(statuses=statuses, tags=tags, archived="all" if include_archived else "active")
    for client in iter_clients(reader, flt, sort="created"):
        yield client.to_dict()


def contact_rows(
    reader: Reader, *, statuses: Sequence[str] = (), tags: Sequence[str] = (), include_archived: bool = False
) -> Iterator[dict[str, Any]]:
    """Every contact to export, grouped by client, primary first."""
    wanted: set[int] | None = None
    if statuses or tags:
        flt = make_filter(statuses=statuses, tags=tags, archived="all" if include_archived else "active")
        sql, params = queries.client_list(flt)
        wanted = {row["id"] for row in reader.rows(sql, params)}
    sql, params = queries.contacts_export(include_archived)
    for row in reader.rows(sql, params):
        if wanted is None or row["client_id"] in wanted:
            yield ContactRecord.from_row(row).to_dict()


def columns_of(kind: str) -> tuple[str, ...]:
    from kiaro_cli.core.records import CLIENT_KEYS

    return CLIENT_KEYS if kind == "clients" else CONTACT_KEYS


def follow_up_clients(reader: Reader) -> Iterator[ClientRecord]:
    """Clients with a scheduled follow-up (archived left out), soonest first."""
    flt = queries.ClientFilter(scheduled=True)
    return iter_clients(reader, flt, sort="follow-up")
