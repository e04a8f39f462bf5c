"""Ledger rows written straight into a database (projects, quotes, invoices), for the tests of
what reads them: the home screen, the calendar and the drafts."""

from __future__ import annotations

from kiaro_cli.storage.location import Location
from kiaro_cli.storage.unit import write


def add_project(
    where: Location,
    client_id: int,
    name: str,
    *,
    status: str = "active",
    deadline: str | None = None,
    **more: str,
) -> int:
    """A project of the client; ``more`` sets other columns (``end_date``, ``created_at``…)."""
    from kiaro_cli.storage.rows import Project

    with write(where) as w:
        row = Project(
            client_id=client_id, name=name, status=status, currency="EUR", deadline=deadline,
            created_at=w.at, updated_at=w.at,
        )  # fmt: skip
        for key, value in more.items():
            setattr(row, key, value)
        w.add(row)
        w.flush()
        return int(row.id)


def add_invoice(
    where: Location,
    client_id: int,
    number: str | None,
    *,
    gross_cents: int,
    due_on: str,
    paid_cents: int = 0,
    state: str = "open",
    currency: str = "EUR",
) -> int:
    """An invoice of the client (no VAT: its net is its gross), issued on 1 October."""
    from kiaro_cli.storage.rows import Invoice

    with write(where) as w:
        row = Invoice(
            client_id=client_id, number=number, state=state, currency=currency, net_cents=gross_cents,
            vat_rate_bp=0, vat_cents=0, gross_cents=gross_cents, paid_cents=paid_cents,
            issued_on="2026-10-01", due_on=due_on, created_at=w.at, updated_at=w.at,
        )  # fmt: skip
        w.add(row)
        w.flush()
        return int(row.id)


def add_quote(
    where: Location,
    client_id: int,
    number: str,
    *,
    net_cents: int,
    issued_on: str | None,
    status: str = "sent",
    valid_until: str | None = None,
    currency: str = "EUR",
) -> int:
    """A quote of the client (no VAT)."""
    from kiaro_cli.storage.rows import Quote

    with write(where) as w:
        row = Quote(
            client_id=client_id, number=number, currency=currency, net_cents=net_cents, vat_rate_bp=0,
            vat_cents=0, gross_cents=net_cents, status=status, issued_on=issued_on, valid_until=valid_until,
            created_at=w.at, updated_at=w.at,
        )  # fmt: skip
        w.add(row)
        w.flush()
        return int(row.id)
