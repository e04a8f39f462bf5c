"""Ledger rows written straight into a test's database: projects, quotes, invoices and their
payments, as the ledger's commands would leave them."""

from __future__ import annotations

from kiaro_cli.storage.location import Location
from kiaro_cli.storage.unit import write


def project(
    where: Location, client_id: int, name: str, *, status: str = "active", deadline: str | None = None
) -> int:
    from kiaro_cli.storage.rows import Project

    with write(where) as w:
        row = Project(
            client_id=client_id, name=name, status=status, currency="EUR", deadline=deadline,
            created_at=w.at, updated_at=w.at,
        )  # fmt: skip
        w.add(row)
        w.flush()
        return int(row.id)


def quote(
    where: Location,
    client_id: int,
    number: str,
    net: int,
    *,
    status: str = "sent",
    title: str | None = None,
    currency: str = "EUR",
) -> int:
    """A quote of ``net`` cents, VAT 20 %, valid until the end of the year."""
    from kiaro_cli.storage.rows import Quote

    with write(where) as w:
        row = Quote(
            client_id=client_id, number=number, title=title, currency=currency, net_cents=net,
            vat_rate_bp=2000, vat_cents=net // 5, gross_cents=net + net // 5, status=status,
            issued_on="2026-11-03", valid_until="2026-12-31", created_at=w.at, updated_at=w.at,
        )  # fmt: skip
        w.add(row)
        w.flush()
        return int(row.id)


def invoice(
    where: Location,
    client_id: int,
    gross: int,
    *,
    paid: int = 0,
    currency: str = "EUR",
    state: str = "open",
    due: str = "2026-12-15",
    number: str | None = None,
    project_id: int | None = None,
) -> int:
    """An invoice of ``gross`` cents (no VAT), with one payment of ``paid`` cents if any."""
    from kiaro_cli.storage.rows import Invoice, InvoiceLine, Payment

    with write(where) as w:
        row = Invoice(
            client_id=client_id, project_id=project_id, number=None if state == "draft" else number,
            state=state, currency=currency, net_cents=gross, vat_rate_bp=0, vat_cents=0, gross_cents=gross,
            paid_cents=paid, issued_on="2026-10-01", due_on=due, created_at=w.at, updated_at=w.at,
        )  # fmt: skip
        w.add(row)
        w.flush()
        w.add(InvoiceLine(invoice_id=row.id, position=1, description="Work", quantity_milli=1000,
                          unit_price_cents=gross, amount_cents=gross))  # fmt: skip
        if paid:
            w.add(Payment(invoice_id=row.id, client_id=client_id, paid_on="2026-11-02", amount_cents=paid,
                          currency=currency, created_at=w.at))  # fmt: skip
        return int(row.id)
