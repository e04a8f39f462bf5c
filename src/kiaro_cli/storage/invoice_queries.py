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
    INVOICE_STATUS,
    LINE_SELECT,
    PAYMENT_SELECT,
)

PAYMENT_BY_ID = f"{PAYMENT_SELECT} WHERE y.id = :id"


@dataclass(frozen=True)
class InvoiceListing:
    """The two queries of a listing: its invoices in order, and their lines."""

    invoices: str
    lines: str
    params: dict[str, Any]


def invoice_listing(client_id: int | None, statuses: Sequence[str], today: str) -> InvoiceListing:
    """Invoices of ``client_id`` (None: every client's) whose status on ``today`` is one of
    ``statuses`` (none: any), drafts first, then the latest issued first."""
    where: list[str] = []
    params: dict[str, Any] = {"today": today}
    if client_id is not None:
        where.append("i.client_id = :client_id")
        params["client_id"] = client_id
    if statuses:
        names = [f"status{n}" for n in range(len(statuses))]
        params.update(zip(names, statuses, strict=True))
        where.append(f"({INVOICE_STATUS}) IN ({', '.join(':' + name for name in names)})")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return InvoiceListing(
        invoices=f"{INVOICE_SELECT}{clause}{INVOICE_ORDER}",
        lines=(
            f"{LINE_SELECT} WHERE invoice_id IN (SELECT i.id FROM invoice i{clause})"
            " ORDER BY invoice_id, position"
        ),
        params=params,
    )
