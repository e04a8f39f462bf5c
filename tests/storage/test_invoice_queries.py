"""The invoice listing's status conditions, which an index serves, say what the status
worked out on the day says: every invoice is found under its one status."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.storage.invoice_queries import STATUS_CONDITIONS
from kiaro_cli.storage.ledger_queries import INVOICE_STATUS

invoices = st.tuples(
    st.sampled_from(("draft", "open", "void")),
    st.integers(min_value=0, max_value=300),  # gross
    st.integers(min_value=0, max_value=300),  # paid
    st.one_of(st.none(), st.sampled_from(("2026-11-22", "2026-11-23", "2026-11-24"))),  # due
)


@given(invoices)
def test_each_invoice_is_found_under_its_status_and_no_other(
    invoice: tuple[str, int, int, str | None],
) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE invoice (state TEXT, gross_cents INT, paid_cents INT, due_on TEXT)")
    connection.execute("INSERT INTO invoice VALUES (?, ?, ?, ?)", invoice)
    today = {"today": "2026-11-23"}
    (status,) = connection.execute(f"SELECT {INVOICE_STATUS} FROM invoice i", today).fetchone()
    found = {
        name
        for name, condition in STATUS_CONDITIONS.items()
        if connection.execute(f"SELECT count(*) FROM invoice i WHERE {condition}", today).fetchone()[0]
    }
    assert found == {status}
