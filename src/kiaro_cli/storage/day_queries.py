"""The ledger's reads for the day, in portable SQL with ``:name`` parameters: overdue
invoices and late projects (the home screen), the due days of unpaid invoices and the
deadlines of open projects (the calendar), and a client's open quote and last project (the
drafts). Archived clients are left out of the first two.

The home screen's reads walk an index: ``ix_invoice_unpaid`` (the issued invoices with
something still to pay, by state and due day) for the invoices, so paid ones are never
read, and ``ix_project_status (status, deadline)`` for the projects.
"""

from __future__ import annotations

from kiaro_cli.declarations.project import OPEN_STATUSES
from kiaro_cli.declarations.quote import OPEN_STATUSES as OPEN_QUOTES
from kiaro_cli.storage.ledger_queries import QUOTE_STATUS

_OPEN_PROJECT = "p.status IN ({})".format(", ".join(f"'{status}'" for status in OPEN_STATUSES))
_OPEN_QUOTE = "({}) IN ({})".format(QUOTE_STATUS, ", ".join(f"'{status}'" for status in OPEN_QUOTES))

# The client a row is of is not archived: the archived clients' ids are listed once (from
# an index on archived) and each row found is checked against that list, so a count walks
# the invoice or project index alone, however many rows it holds (a lookup of each row's
# client cost 0.49 s for 184,000 overdue invoices; this 0.03 s).
_KEPT = "{}.client_id NOT IN (SELECT c.id FROM client c WHERE c.archived = :true_flag)"
_CLIENT_NAME = "(SELECT c.name FROM client c WHERE c.id = {}.client_id) AS client_name"

# An issued invoice not yet paid in full, due before :today, of a client not archived.
_OVERDUE = f"""FROM invoice i
WHERE i.state = 'open' AND i.due_on < :today AND i.paid_cents < i.gross_cents AND {_KEPT.format("i")}"""
OVERDUE_INVOICES = f"""
SELECT i.id, i.number, i.client_id, {_CLIENT_NAME.format("i")}, i.currency,
       i.gross_cents - i.paid_cents AS outstanding_cents, i.due_on
{_OVERDUE}
ORDER BY i.due_on, i.id
LIMIT :limit"""
COUNT_OVERDUE_INVOICES = f"SELECT count(*) AS n {_OVERDUE}"

# An open project past its deadline, of a client not archived.
_LATE = f"""FROM project p
WHERE {_OPEN_PROJECT} AND p.deadline < :today AND {_KEPT.format("p")}"""
LATE_PROJECTS = f"""
SELECT p.id, p.name, p.client_id, {_CLIENT_NAME.format("p")}, p.deadline
{_LATE}
ORDER BY p.deadline, p.id
LIMIT :limit"""
COUNT_LATE_PROJECTS = f"SELECT count(*) AS n {_LATE}"

# The calendar: every unpaid issued invoice by its due day, every open project by its deadline.
UNPAID_INVOICES = """
SELECT i.id, i.number, c.name AS client_name, i.currency, i.gross_cents,
       i.gross_cents - i.paid_cents AS outstanding_cents, i.due_on, i.created_at, i.updated_at
FROM invoice i JOIN client c ON c.id = i.client_id
WHERE i.state = 'open' AND i.due_on IS NOT NULL AND i.paid_cents < i.gross_cents
  AND c.archived = :false_flag
ORDER BY i.due_on, i.id"""
PROJECT_DEADLINES = f"""
SELECT p.id, p.name, p.status, c.name AS client_name, p.deadline, p.created_at, p.updated_at
FROM project p JOIN client c ON c.id = p.client_id
WHERE {_OPEN_PROJECT} AND p.deadline IS NOT NULL AND c.archived = :false_flag
ORDER BY p.deadline, p.id"""

# A draft's facts: the client's open quote (a sent one before a draft, then the latest) and
# its last project done (the latest to end, else to be due, to start or be added).
OPEN_QUOTE_OF_CLIENT = f"""
SELECT q.issued_on, q.created_at, q.net_cents, q.currency, q.title
FROM quote q
WHERE q.client_id = :client_id AND {_OPEN_QUOTE}
ORDER BY CASE WHEN q.status = 'sent' THEN 0 ELSE 1 END,
         coalesce(q.issued_on, substr(q.created_at, 1, 10)) DESC, q.id DESC
LIMIT 1"""
LAST_PROJECT_OF_CLIENT = """
SELECT p.name
FROM project p
WHERE p.client_id = :client_id AND p.status = 'done'
ORDER BY coalesce(p.end_date, p.deadline, p.start_date, substr(p.created_at, 1, 10)) DESC, p.id DESC
LIMIT 1"""
