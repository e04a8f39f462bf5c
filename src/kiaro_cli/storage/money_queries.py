"""The reads of a client's money: its open projects and quotes for its Money card, and what
a listing of clients asks of the ledger (conditions on the client ``c``, the revenue order,
the Projects and Revenue columns of a page), in portable SQL with ``:name`` parameters.

Revenue is what was paid on issued invoices that are not void, in one currency: money is
never converted, so a listing counts the workspace currency and says how many clients it
leaves out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiaro_cli.declarations.project import OPEN_STATUSES as OPEN_PROJECTS
from kiaro_cli.declarations.quote import OPEN_STATUSES as OPEN_QUOTES
from kiaro_cli.storage import ledger_queries as ledger


def _among(column: str, words: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(word) for word in words)})"


# A client's open projects, the soonest deadline first; its open quotes, the latest first.
OPEN_PROJECTS_OF_CLIENT = (
    f"{ledger.PROJECT_SELECT} WHERE p.client_id = :client_id AND {_among('p.status', OPEN_PROJECTS)}"
    f"{ledger.PROJECT_ORDER}"
)
OPEN_QUOTES_OF_CLIENT = (
    f"{ledger.QUOTE_SELECT} WHERE q.client_id = :client_id"
    f" AND {_among(f'({ledger.QUOTE_STATUS})', OPEN_QUOTES)}{ledger.QUOTE_ORDER}"
)

# The conditions of client list --has-projects, --outstanding and --overdue (on :overdue_on),
# each an EXISTS that the invoice index (client_id, state) or the project index serves.
HAS_PROJECTS = "EXISTS (SELECT 1 FROM project pj WHERE pj.client_id = c.id)"
_UNPAID = (
    "SELECT 1 FROM invoice iv WHERE iv.client_id = c.id AND iv.state = 'open'"
    " AND iv.paid_cents < iv.gross_cents"
)
HAS_OUTSTANDING = f"EXISTS ({_UNPAID})"
HAS_OVERDUE = f"EXISTS ({_UNPAID} AND iv.due_on < :overdue_on)"

# What a client has been paid in :revenue_currency (client list --sort revenue).
REVENUE = (
    "(SELECT coalesce(sum(iv.paid_cents), 0) FROM invoice iv"
    " WHERE iv.client_id = c.id AND iv.state = 'open' AND iv.currency = :revenue_currency)"
)
# Clients paid in another currency than :revenue_currency: a revenue order leaves that out.
PAID_ELSEWHERE = (
    "EXISTS (SELECT 1 FROM invoice iv WHERE iv.client_id = c.id AND iv.state = 'open'"
    " AND iv.paid_cents > 0 AND iv.currency <> :revenue_currency)"
)


def conditions(
    has_projects: bool, outstanding: bool, overdue_on: str | None, paid_elsewhere_than: str | None
) -> tuple[list[str], dict[str, Any]]:
    """A listing's conditions on the ledger of each client ``c``, and their parameters."""
    where = [HAS_PROJECTS] if has_projects else []
    params: dict[str, Any] = {}
    if outstanding:
        where.append(HAS_OUTSTANDING)
    if overdue_on is not None:
        where.append(HAS_OVERDUE)
        params["overdue_on"] = overdue_on
    if paid_elsewhere_than is not None:
        where.append(PAID_ELSEWHERE)
        params["revenue_currency"] = paid_elsewhere_than
    return where, params


# The currencies issued invoices are paid in: one step along ix_invoice_currency for each
# currency invoiced (the next one after the last), then one look for a payment in it.
PAID_CURRENCIES = """
WITH RECURSIVE invoiced(currency) AS (
    SELECT min(currency) FROM invoice WHERE state = 'open'
    UNION ALL
    SELECT (SELECT min(iv.currency) FROM invoice iv
            WHERE iv.state = 'open' AND iv.currency > invoiced.currency)
    FROM invoiced WHERE invoiced.currency IS NOT NULL
)
SELECT currency FROM invoiced WHERE currency IS NOT NULL AND EXISTS (SELECT 1 FROM invoice iv
    WHERE iv.state = 'open' AND iv.currency = invoiced.currency AND iv.paid_cents > 0)
ORDER BY currency
"""

# The currency most invoices were paid in, for a workspace without a default currency paid in
# several (counted, never summed: amounts of two currencies do not add up).
MOST_PAID_CURRENCY = """
SELECT currency FROM invoice WHERE state = 'open' AND paid_cents > 0
GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1
"""


# How many clients one IN list names: SQLite's parser looks each new :name up among those
# before it, so a list of 10,000 names took 0.5 s to prepare, and 500 at a time 5 ms in all.
IDS_AT_ONCE = 500


def _ids(client_ids: Sequence[int]) -> tuple[str, dict[str, Any]]:
    names = [f"c{i}" for i in range(len(client_ids))]
    return ", ".join(":" + name for name in names), dict(zip(names, client_ids, strict=True))


def projects_of(client_ids: Sequence[int]) -> tuple[str, dict[str, Any]]:
    """How many projects (any status) each of some clients has."""
    names, params = _ids(client_ids)
    sql = f"SELECT client_id, count(*) AS n FROM project WHERE client_id IN ({names}) GROUP BY client_id"
    return sql, params


def outstanding_of(client_ids: Sequence[int]) -> tuple[str, dict[str, Any]]:
    """What each of some clients has left to pay, in each currency (as HAS_OUTSTANDING counts)."""
    names, params = _ids(client_ids)
    sql = (
        "SELECT client_id, currency, sum(gross_cents - paid_cents) AS cents FROM invoice"
        f" WHERE client_id IN ({names}) AND state = 'open' AND paid_cents < gross_cents"
        " GROUP BY client_id, currency ORDER BY client_id, currency"
    )
    return sql, params


def revenue_of(client_ids: Sequence[int], currency: str) -> tuple[str, dict[str, Any]]:
    """What each of some clients has paid in ``currency``."""
    names, params = _ids(client_ids)
    sql = (
        "SELECT client_id, sum(paid_cents) AS cents FROM invoice"
        f" WHERE client_id IN ({names}) AND state = 'open' AND currency = :revenue_currency"
        " GROUP BY client_id"
    )
    return sql, {**params, "revenue_currency": currency}
