"""The ledger's exports: each record as the ledger reads it one by one, invoices with their
own lines whatever ids they skip, streamed, and lines in one spreadsheet cell."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.core import ledger
from kiaro_cli.core.ledger_exports import _with_lines, ledger_columns, ledger_rows, lines_text
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from kiaro_cli.storage.unit import write
from tests.fixtures.ledger_book import write_ledger
from tests.helpers import TODAY


@settings(max_examples=10)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=8), st.data())
def test_each_invoice_exported_has_its_own_lines(
    tmp_path: Path, counts: list[int], data: st.DataObject
) -> None:
    from kiaro_cli.storage.rows import Invoice, InvoiceLine

    where = Location(path=tmp_path / uuid.uuid4().hex / "kiaro.db")
    write_ledger(where)
    with write(where) as w:
        for serial, count in enumerate(counts, start=10):
            row = Invoice(client_id=1, number=f"ACME-2026-{serial}", state="open", currency="EUR",
                          net_cents=100 * count, vat_rate_bp=0, vat_cents=0, gross_cents=100 * count,
                          issued_on="2026-11-01", due_on="2026-11-20", created_at=w.at,
                          updated_at=w.at)  # fmt: skip
            w.add(row)
            w.flush()
            for position in data.draw(st.permutations(range(1, count + 1))):
                w.add(InvoiceLine(invoice_id=row.id, position=position, description=f"{serial}.{position}",
                                  quantity_milli=1000, unit_price_cents=100, amount_cents=100))  # fmt: skip
        doomed = data.draw(st.sampled_from(range(1, len(counts) + 5)))
        w.delete(w.invoices.get(doomed))
    with open_reader(where) as reader:
        exported = list(ledger_rows(reader, "invoices", TODAY))
        ids = [row["id"] for row in exported]
        assert ids == sorted(ids) and doomed not in ids
        assert exported == [ledger.get_invoice(reader, key, TODAY).to_dict() for key in ids]
        assert [list(row) for row in exported] == [list(ledger_columns("invoices"))] * len(ids)


def test_an_export_gives_its_first_invoice_before_it_reads_the_next() -> None:
    def invoices() -> Iterator[dict[str, Any]]:
        yield {"id": 1}
        raise AssertionError("read past the first invoice")

    lines = iter([{"invoice_id": 1, "n": 1}, {"invoice_id": 1, "n": 2}, {"invoice_id": 3, "n": 1}])
    paired = _with_lines(invoices(), lines)
    assert next(paired) == ({"id": 1}, [{"invoice_id": 1, "n": 1}, {"invoice_id": 1, "n": 2}])


def test_lines_read_in_one_cell_with_the_spreadsheets_decimal_mark() -> None:
    lines = [
        {"description": "Design", "quantity": Decimal("1.5"), "unit_price": Decimal("600.00")},
        {"description": "Hosting", "quantity": Decimal("12"), "unit_price": Decimal("0.50")},
    ]
    assert lines_text(lines) == "Design × 1.5 @ 600.00; Hosting × 12 @ 0.50"
    assert lines_text(lines, decimal_comma=True) == "Design × 1,5 @ 600,00; Hosting × 12 @ 0,50"
    assert lines_text([]) == ""


def test_archived_clients_records_come_only_when_asked(location: Location) -> None:
    from kiaro_cli.core.clients import set_archived

    write_ledger(location)
    write_ledger(location, "Gone Ltd")
    set_archived(location, "gone ltd", True)
    with open_reader(location) as reader:
        for kind in ("projects", "quotes", "invoices", "payments"):
            current = {row["client_id"] for row in ledger_rows(reader, kind, TODAY)}
            everyone = {row["client_id"] for row in ledger_rows(reader, kind, TODAY, include_archived=True)}
            assert (current, everyone) == ({1}, {1, 2}), kind
