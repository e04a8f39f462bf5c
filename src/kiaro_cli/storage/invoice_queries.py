"""The reads of the invoice listing and of one payment, in portable SQL with ``:name``
parameters: invoices of a client or of everyone, by the status they have on ``:today``
(worked out in SQL, see :data:`~kiaro_cli.storage.ledger_queries.INVOICE_STATUS`), with
their lines in one more query."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiaro_cli.storage.ledger_queries import (
    INVOICE_ORDER,
    INVOICE_SELECT,
    LINE_SELECT,
    PAYMENT_SELECT,
)

PAYMENT_BY_ID = f"{PAYMENT_SELECT} WHERE y.id = :id"
LINE_ORDER = "ORDER BY invoice_id, position"


# Of a client not archived: the archived clients' ids are listed once, from their index, so
# a listing still walks the invoices' own indexes.
_CURRENT = "i.client_id NOT IN (SELECT c.id FROM client c WHERE c.archived = :true_flag)"


@dataclass(frozen=True)
class InvoiceListing:
    """The queries of a listing: its invoices in order, their lines, and how many match."""

    invoices: str
    lines: str
    count: str
    page: str  # the ids of a page, in order (with :limit)
    params: dict[str, Any]


# Each status as a condition an index serves (the same cases as INVOICE_STATUS): what is
# still owed is read from ix_invoice_unpaid, whatever the number of paid invoices.
_OWED = "i.state = 'open' AND i.paid_cents < i.gross_cents"
_NOT_DUE = "(i.due_on IS NULL OR i.due_on >= :today)"
STATUS_CONDITIONS = {
    "draft": "i.state = 'draft'",
    "void": "i.state = 'void'",
    "paid": "i.state = 'open' AND i.paid_cents >= i.gross_cents",
    "overdue": f"{_OWED} AND i.due_on < :today",
    "partly-paid": f"{_OWED} AND i.paid_cents > 0 AND {_NOT_DUE}",
    "open": f"{_OWED} AND i.paid_cents = 0 AND {_NOT_DUE}",
}


def invoice_listing(
    client_id: int | None, statuses: Sequence[str], today: str, limit: int | None = None
) -> InvoiceListing:
    """Invoices of ``client_id`` (None: every current client's) whose status on ``today`` is one of
    ``statuses`` (none: any), drafts first, then the latest issued first; at most ``limit``
    (its lines with it), and how many there are in all."""
    where: list[str] = []
    params: dict[str, Any] = {"today": today}
    if client_id is not None:
        where.append("i.client_id = :client_id")
        params["client_id"] = client_id
    else:  # every current client's: archived clients are out of lists, as in every listing
        where.append(_CURRENT)
        params["true_flag"] = True
    if statuses:
        where.append("(" + " OR ".join(f"({STATUS_CONDITIONS[status]})" for status in statuses) + ")")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    if limit is not None:
        params["limit"] = limit
    return InvoiceListing(
        invoices=f"{INVOICE_SELECT}{clause}{INVOICE_ORDER}",
        lines=f"{LINE_SELECT} WHERE invoice_id IN (SELECT i.id FROM invoice i{clause}) {LINE_ORDER}",
        count=f"SELECT count(*) AS n FROM invoice i{clause}",
        page=f"SELECT i.id FROM invoice i{clause}{INVOICE_ORDER} LIMIT :limit",
        params=params,
    )


def invoices_by_id(count: int) -> tuple[str, str]:
    """The invoices of a page and their lines, by ``:id0`` … (a page's ids, found first: only
    its rows are read whole and joined)."""
    ids = ", ".join(f":id{n}" for n in range(count))
    return (
        f"{INVOICE_SELECT} WHERE i.id IN ({ids}){INVOICE_ORDER}",
        f"{LINE_SELECT} WHERE invoice_id IN ({ids}) {LINE_ORDER}",
    )
