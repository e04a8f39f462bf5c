"""The reads of the report's money: revenue by month, what is outstanding by client and by
owner, and how quotes ended. Every sum is made here, in SQL, per currency (nothing is ever
converted); only issued invoices that are not void count, and archived clients are left
out, as everywhere in the report."""

from __future__ import annotations

from kiaro_cli.storage.ledger_queries import QUOTE_STATUS

# Payments per month (YYYY-MM) and currency since :since, of current clients' issued invoices.
# The coalesce keeps SQLite's planner from starting at the clients and reaching each payment
# through an index (twice slower than walking the open invoices' payments).
REPORT_REVENUE = """
SELECT substr(y.paid_on, 1, 7) AS month, y.currency, sum(y.amount_cents) AS cents
FROM payment y JOIN invoice i ON i.id = y.invoice_id JOIN client c ON c.id = y.client_id
WHERE i.state = 'open' AND coalesce(c.archived, :false_flag) = :false_flag AND y.paid_on >= :since
GROUP BY substr(y.paid_on, 1, 7), y.currency
"""

# What each current client owes (gross − paid of its open invoices), per currency.
_OWED = """
SELECT i.client_id, i.currency, sum(i.gross_cents - i.paid_cents) AS cents
FROM invoice i JOIN client c ON c.id = i.client_id
WHERE i.state = 'open' AND i.gross_cents > i.paid_cents AND c.archived = :false_flag
GROUP BY i.client_id, i.currency
"""
# The :top clients that owe the most in each currency, one row each (place 1 owes the most),
# then one row per currency for all the others (client_id null, how many in ``clients``).
REPORT_OUTSTANDING_BY_CLIENT = f"""
WITH owed AS ({_OWED}),
ranked AS (
  SELECT client_id, currency, cents,
         row_number() OVER (PARTITION BY currency ORDER BY cents DESC, client_id) AS place
  FROM owed
),
kept AS (
  SELECT currency, cents, place, CASE WHEN place <= :top THEN client_id END AS shown FROM ranked
),
grouped AS (
  SELECT currency, shown, min(place) AS place, count(*) AS clients, sum(cents) AS cents
  FROM kept GROUP BY currency, shown
)
SELECT g.currency, g.shown AS client_id, c.name, g.clients, g.cents, g.place
FROM grouped g LEFT JOIN client c ON c.id = g.shown
ORDER BY g.currency, g.place
"""
# What the clients of each owner owe, per currency; owners are one whatever their case.
REPORT_OUTSTANDING_BY_OWNER = """
SELECT coalesce(lower(trim(c.owner)), '') AS owner_key, min(trim(c.owner)) AS owner, i.currency,
       count(DISTINCT i.client_id) AS clients, sum(i.gross_cents - i.paid_cents) AS cents
FROM invoice i JOIN client c ON c.id = i.client_id
WHERE i.state = 'open' AND i.gross_cents > i.paid_cents AND c.archived = :false_flag
GROUP BY coalesce(lower(trim(c.owner)), ''), i.currency
"""
# Quotes of current clients: how many issued since :since were accepted or declined, and how
# many are open (draft, or sent and still valid on :today) whenever they were made.
_QUOTE_DAY = "coalesce(q.issued_on, substr(q.created_at, 1, 10))"
REPORT_QUOTES = f"""
SELECT coalesce(sum(CASE WHEN q.status = 'accepted' AND {_QUOTE_DAY} >= :since THEN 1 ELSE 0 END), 0)
         AS accepted,
       coalesce(sum(CASE WHEN q.status = 'declined' AND {_QUOTE_DAY} >= :since THEN 1 ELSE 0 END), 0)
         AS declined,
       coalesce(sum(CASE WHEN ({QUOTE_STATUS}) IN ('draft', 'sent') THEN 1 ELSE 0 END), 0) AS open_quotes
FROM quote q JOIN client c ON c.id = q.client_id
WHERE c.archived = :false_flag
"""
