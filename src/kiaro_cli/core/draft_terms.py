"""What an invoice takes from its client unless told otherwise (its currency, VAT rate and
payment terms), and the drafts that follow their client until they are issued.

A draft added without ``--currency`` (``--vat-rate``) takes the client's effective one
again whenever it changes: the client's own, or the workspace default a client without its
own takes. Issuing locks them (:mod:`kiaro_cli.core.invoices`). This module imports
neither the client commands nor the settings, which both call :func:`follow_clients`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from kiaro_cli.core import money
from kiaro_cli.core.records import Settings, client_from_row
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader, one

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Invoice
    from kiaro_cli.storage.unit import Writer

DEFAULT_TERMS = 30  # days to pay when neither the client nor the settings say


@dataclass(frozen=True)
class Effective:
    """What an invoice of a client takes unless told otherwise."""

    currency: str | None
    vat_rate: int  # hundredths of a percent
    terms: int  # days


def effective_terms(reader: Reader, client_id: int, settings: Settings) -> Effective:
    """The client's effective currency, VAT rate and payment terms: its own, else the
    workspace's (VAT: else 0; terms: else 30 days)."""
    row = one(reader, queries.CLIENT_BY_ID, {"id": client_id, **queries.BASE_PARAMS})
    assert row is not None, f"client #{client_id} of a write is gone"
    record = client_from_row(row, (), settings)
    terms = record["effective_payment_terms_days"]
    return Effective(
        record.effective_currency,
        money.rate_basis_points(record.effective_vat_rate),
        DEFAULT_TERMS if terms is None else int(terms),
    )


def follow(row: Invoice, effective: Effective) -> list[str]:
    """Give a draft the client's currency and VAT rate where it follows them (its VAT and
    gross anew); what changed, as words."""
    taken = []
    if row.follows_currency and effective.currency and effective.currency != row.currency:
        row.currency = effective.currency
        taken.append(f"currency {effective.currency}")
    if row.follows_vat_rate and effective.vat_rate != row.vat_rate_bp:
        for key, value in amount_columns(row.net_cents, effective.vat_rate).items():
            setattr(row, key, value)
        taken.append(f"VAT rate {Decimal(effective.vat_rate).scaleb(-2).normalize():f}%")
    return taken


def follow_clients(w: Writer, settings: Settings, client_ids: Collection[int] | None = None) -> None:
    """Give each draft that follows its client's currency or VAT rate the client's effective
    ones as they now are (``settings`` as the write leaves them): after the client's own or
    the workspace's change, or a merge gave the draft another client. Only these clients'
    drafts (None: everyone's); each change is a line of the client's history."""
    following = (
        w.invoices.following()
        if client_ids is None
        else [draft for client_id in client_ids for draft in w.invoices.following(client_id)]
    )
    for row in following:
        taken = follow(row, effective_terms(w.reader, row.client_id, settings))
        if taken:
            row.updated_at = w.at
            w.add(row)
            w.flush()
            client = w.clients.get(row.client_id)
            gross = money.amount_label(money.money(row.gross_cents), row.currency)
            detail = f"Draft invoice #{row.id} takes {client.name}'s {' and '.join(taken)}: {gross}"
            w.journal.log(client, "invoice changed", detail, invoice_id=row.id)


def amount_columns(net: int, rate: int) -> dict[str, int]:
    """An invoice's amount columns: the net, the rate, the VAT on the net and the gross."""
    totals = money.totals(net, rate)
    return {"net_cents": net, "vat_rate_bp": rate, "vat_cents": totals.vat, "gross_cents": totals.gross}
