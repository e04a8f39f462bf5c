"""The reads of the ledger: projects, quotes, invoices with their lines, and payments, in
portable SQL with ``:name`` parameters.

What a record's status is on a day is worked out here, in SQL, so listings filter and
count by it: an open invoice fully paid is ``paid``, due before ``:today`` ``overdue``,
partly paid ``partly-paid``; a sent quote past its ``valid_until`` is ``expired``; an open
project past its deadline is ``late``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiaro_cli.declarations.invoice import INVOICE, INVOICE_LINE
from kiaro_cli.declarations.payment import PAYMENT
from kiaro_cli.declarations.project import OPEN_STATUSES, PROJECT
from kiaro_cli.declarations.quote import QUOTE
from kiaro_cli.storage.entry_queries import select_list

_OPEN_PROJECT = "p.status IN ({})".format(", ".join(f"'{status}'" for status in OPEN_STATUSES))

# An invoice's status on :today.
INVOICE_STATUS_OF = """CASE
  WHEN i.state <> 'open' THEN {}
  WHEN i.paid_cents >= i.gross_cents THEN 'paid'
  WHEN i.due_on < :today THEN 'overdue'
  WHEN i.paid_cents > 0 THEN 'partly-paid'
  ELSE 'open' END"""  # {}: the stored state, as the status of a draft or a void invoice
INVOICE_STATUS = INVOICE_STATUS_OF.format("i.state")
# A quote's status on :today.
QUOTE_STATUS_OF = "CASE WHEN q.status = 'sent' AND q.valid_until < :today THEN 'expired' ELSE {} END"
QUOTE_STATUS = QUOTE_STATUS_OF.format("q.status")
# Whether a project is late on :today.
PROJECT_LATE = f"CASE WHEN {_OPEN_PROJECT} AND p.deadline < :today THEN 1 ELSE 0 END"
# What a project has invoiced: the gross of its issued invoices that are not void, in the
# project's currency (amounts of other currencies are never added to them).
# PROJECT_INVOICED_AS is that subquery with what it gives left to fill in (``{}``): an export
# makes the cell of the sum there, so the invoices are read once a project.
PROJECT_INVOICED_SUM = "coalesce(sum(i.gross_cents), 0)"
PROJECT_INVOICED_AS = (
    "(SELECT {} FROM invoice i WHERE i.project_id = p.id AND i.state = 'open' AND i.currency = p.currency)"
)
PROJECT_INVOICED = PROJECT_INVOICED_AS.format(PROJECT_INVOICED_SUM)

PROJECT_SELECT = (
    f"SELECT {select_list(PROJECT, 'p')}, {PROJECT_INVOICED} AS invoiced_cents, {PROJECT_LATE} AS late"
    " FROM project p JOIN client c ON c.id = p.client_id"
)
PROJECT_BY_ID = f"{PROJECT_SELECT} WHERE p.id = :id"
# Open projects first, the soonest deadline first (none last), then by name.
PROJECT_ORDER = (
    f" ORDER BY CASE WHEN {_OPEN_PROJECT} THEN 0 ELSE 1 END,"
    " CASE WHEN p.deadline IS NULL THEN 1 ELSE 0 END, p.deadline, p.name, p.id"
)

QUOTE_SELECT = (
    f"SELECT {select_list(QUOTE, 'q').replace('q.status', f'{QUOTE_STATUS} AS status')}"
    " FROM quote q JOIN client c ON c.id = q.client_id"
)
QUOTE_BY_ID = f"{QUOTE_SELECT} WHERE q.id = :id"
QUOTE_BY_NUMBER = f"{QUOTE_SELECT} WHERE q.number = :number"
QUOTE_ORDER = " ORDER BY q.issued_on DESC, q.id DESC"

INVOICE_SELECT = (
    f"SELECT {select_list(INVOICE, 'i')}, {INVOICE_STATUS} AS status"
    " FROM invoice i JOIN client c ON c.id = i.client_id"
)
INVOICE_BY_ID = f"{INVOICE_SELECT} WHERE i.id = :id"
INVOICE_BY_NUMBER = f"{INVOICE_SELECT} WHERE i.number = :number"
# Drafts first, then the latest issued first.
INVOICE_ORDER = " ORDER BY CASE WHEN i.state = 'draft' THEN 0 ELSE 1 END, i.issued_on DESC, i.id DESC"

LINE_SELECT = f"SELECT {', '.join(str(f.column_name) for f in INVOICE_LINE.read)} FROM invoice_line"
LINES_OF = f"{LINE_SELECT} WHERE invoice_id = :invoice_id ORDER BY position"

PAYMENT_SELECT = (
    f"SELECT {select_list(PAYMENT, 'y')}, i.number AS number"
    " FROM payment y JOIN invoice i ON i.id = y.invoice_id"
)
PAYMENTS_OF_INVOICE = f"{PAYMENT_SELECT} WHERE y.invoice_id = :invoice_id ORDER BY y.paid_on, y.id"
PAYMENT_ORDER = " ORDER BY y.paid_on DESC, y.id DESC"

# A client's money per currency on :today: invoiced (the gross of issued invoices that are
# not void), paid, outstanding and overdue.
CLIENT_FINANCE = """
SELECT i.currency,
       sum(i.gross_cents) AS invoiced_cents,
       sum(i.paid_cents) AS paid_cents,
       sum(i.gross_cents - i.paid_cents) AS outstanding_cents,
       sum(CASE WHEN i.due_on < :today THEN i.gross_cents - i.paid_cents ELSE 0 END) AS overdue_cents
FROM invoice i
WHERE i.client_id = :client_id AND i.state = 'open'
GROUP BY i.currency
ORDER BY i.currency
"""
COUNT_OPEN_PROJECTS = (
    f"SELECT count(*) AS n FROM project p WHERE p.client_id = :client_id AND {_OPEN_PROJECT}"
)
COUNT_OPEN_QUOTES = (
    "SELECT count(*) AS n FROM quote q WHERE q.client_id = :client_id"
    f" AND ({QUOTE_STATUS}) IN ('draft', 'sent')"
)
# Whether archived clients have any projects, quotes or invoices: what a listing of every
# current client's leaves out.
_ARCHIVED_IDS = "SELECT c.id FROM client c WHERE c.archived = :true_flag"
ARCHIVED_HOLD = {
    table: f"SELECT 1 FROM {table} x WHERE x.client_id IN ({_ARCHIVED_IDS}) LIMIT 1"
    for table in ("project", "quote", "invoice")
}
# What the ledger's rows must agree on, as its commands keep it: an invoice's paid amount is
# the sum of its payments, and a payment is its invoice's client's.
PAID_NOT_ITS_PAYMENTS = """
SELECT i.id FROM invoice i
WHERE i.paid_cents != coalesce((SELECT sum(y.amount_cents) FROM payment y WHERE y.invoice_id = i.id), 0)
ORDER BY i.id
"""
PAYMENT_OF_ANOTHER_CLIENT = """
SELECT y.id FROM payment y JOIN invoice i ON i.id = y.invoice_id
WHERE y.client_id != i.client_id ORDER BY y.id
"""
# Whether a client has anything a deletion would lose from its money history.
COUNT_LEDGER_OF_CLIENT = """
SELECT (SELECT count(*) FROM invoice WHERE client_id = :client_id) AS invoices,
       (SELECT count(*) FROM payment WHERE client_id = :client_id) AS payments
"""


def quote_list(client_id: int | None, statuses: Sequence[str], today: str) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters listing quotes (of one client, or of every current client), in any of
    ``statuses`` as they read on ``today`` (none: every status), the latest issued first."""
    where: list[str] = []
    params: dict[str, Any] = {"today": today}
    if client_id is not None:
        where.append("q.client_id = :client_id")
        params["client_id"] = client_id
    else:  # every current client's: archived clients are out of lists, as in every listing
        where.append("c.archived = :false_flag")
        params["false_flag"] = False
    if statuses:
        names = [f"status_{i}" for i in range(len(statuses))]
        where.append(f"({QUOTE_STATUS}) IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, statuses, strict=True))
    return QUOTE_SELECT + (" WHERE " + " AND ".join(where) if where else "") + QUOTE_ORDER, params


# The exports: every record in id order (those of archived clients only when asked); an
# invoice's lines are read beside the invoices in one pass, in the same order.
_EXPORTS = {
    "projects": (PROJECT_SELECT, "p"),
    "quotes": (QUOTE_SELECT, "q"),
    "invoices": (INVOICE_SELECT, "i"),
    "payments": (f"{PAYMENT_SELECT} JOIN client c ON c.id = y.client_id", "y"),
}
LINES_EXPORT = f"{LINE_SELECT} ORDER BY invoice_id, position"


def ledger_export(kind: str, include_archived: bool) -> str:
    """The SELECT of an export of ``kind`` (projects, quotes, invoices or payments)."""
    select, alias = _EXPORTS[kind]
    where = "" if include_archived else " WHERE c.archived = :false_flag"
    return f"{select}{where} ORDER BY {alias}.id"
