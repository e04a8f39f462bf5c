"""Issuing invoice numbers as a command does, in the test's process or in a worker process
of its own (which imports this alone: kiaro, not pytest or hypothesis)."""

from __future__ import annotations

from kiaro_cli.storage.location import Location, resolve
from kiaro_cli.storage.unit import write


def issue(where: Location) -> int:
    """An invoice issued as a command issues one: its number taken, its row, its history line."""
    from kiaro_cli.storage.rows import Invoice

    with write(where) as w:
        serial = w.take_number("ACME-2026")
        number = f"ACME-2026-{serial:03d}"
        row = Invoice(client_id=1, number=number, state="open", currency="EUR", net_cents=1000,
                      vat_rate_bp=0, vat_cents=0, gross_cents=1000, issued_on="2026-11-23",
                      due_on="2026-12-23", created_at=w.at, updated_at=w.at)  # fmt: skip
        w.add(row)
        w.flush()
        w.journal.log(w.clients.get(1), "invoice issued", f"Invoice {number} issued", invoice_id=row.id)
    return serial


def issue_many(database: str, count: str) -> None:
    where = resolve(database)
    for _ in range(int(count)):
        print(issue(where), flush=True)
