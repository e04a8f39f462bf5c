"""Exports of clients and contacts: the rows of the contract, streamed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from kiaro_cli.core.clients import iter_client_values, iter_clients, make_filter
from kiaro_cli.core.interactions import INTERACTION_KEYS, InteractionRecord
from kiaro_cli.core.records import CLIENT_KEYS, CONTACT_KEYS, ClientRecord, ContactRecord
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader

EXPORTABLE = ("clients", "contacts", "interactions")
# A contact row of an export names its client too, so a spreadsheet reads without a lookup.
CONTACT_EXPORT_KEYS = (*CONTACT_KEYS[:2], "client_name", *CONTACT_KEYS[2:])


def client_rows(
    reader: Reader, *, statuses: Sequence[str] = (), tags: Sequence[str] = (), include_archived: bool = False
) -> Iterator[dict[str, Any]]:
    """Every client to export, in id order (archived ones only when asked)."""
    flt = make_filter(statuses=statuses, tags=tags, archived="all" if include_archived else "active")
    return iter_client_values(reader, flt, sort="created")


def _wanted_clients(
    reader: Reader, statuses: Sequence[str], tags: Sequence[str], include_archived: bool
) -> set[int] | None:
    """The ids of the clients the filters keep (None: no filter given)."""
    if not statuses and not tags:
        return None
    flt = make_filter(statuses=statuses, tags=tags, archived="all" if include_archived else "active")
    sql, params = queries.client_list(flt)
    return {row["id"] for row in reader.rows(sql, params)}


def contact_rows(
    reader: Reader, *, statuses: Sequence[str] = (), tags: Sequence[str] = (), include_archived: bool = False
) -> Iterator[dict[str, Any]]:
    """Every contact to export, grouped by client, primary first."""
    wanted = _wanted_clients(reader, statuses, tags, include_archived)
    sql, params = queries.contacts_export(include_archived)
    for row in reader.rows(sql, params):
        if wanted is None or row["client_id"] in wanted:
            values = ContactRecord.from_row(row).to_dict() | {"client_name": row["client_name"]}
            yield {key: values[key] for key in CONTACT_EXPORT_KEYS}


def interaction_rows(
    reader: Reader, *, statuses: Sequence[str] = (), tags: Sequence[str] = (), include_archived: bool = False
) -> Iterator[dict[str, Any]]:
    """Every interaction to export, newest first."""
    wanted = _wanted_clients(reader, statuses, tags, include_archived)
    sql, params = queries.interaction_list(include_archived=include_archived)
    for row in reader.rows(sql, params):
        if wanted is None or row["client_id"] in wanted:
            yield InteractionRecord.from_row(row).to_dict()


def columns_of(kind: str) -> tuple[str, ...]:
    """The columns (JSON keys) of an export."""
    return {"clients": CLIENT_KEYS, "contacts": CONTACT_EXPORT_KEYS, "interactions": INTERACTION_KEYS}[kind]


def follow_up_clients(reader: Reader) -> Iterator[ClientRecord]:
    """Clients with a scheduled follow-up (archived left out), soonest first."""
    flt = queries.ClientFilter(scheduled=True)
    return iter_clients(reader, flt, sort="follow-up")


def vcard_entries(
    reader: Reader, reference: str | None = None
) -> Iterator[tuple[ClientRecord, list[ContactRecord]]]:
    """One client (``reference``), or every current client, with its contacts."""
    from kiaro_cli.core.clients import contacts_of, get_client

    if reference is not None:
        client = get_client(reader, reference)
        yield client, contacts_of(reader, client.id)
        return
    for client in list(iter_clients(reader, make_filter(), sort="name")):
        yield client, contacts_of(reader, client.id)
