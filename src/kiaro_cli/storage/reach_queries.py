"""The reads of kiaro beyond the terminal, in portable SQL with ``:name`` parameters: the
addresses mail is matched against, the Message-IDs already kept, and one change's history
rows (what the hooks are given)."""

from __future__ import annotations

# Every address a message may be matched by: each of a contact's emails (with the contact), and
# each client's own (with no contact).
KNOWN_ADDRESSES = """
SELECT email AS address, client_id, id AS contact_id FROM contact WHERE email IS NOT NULL
UNION ALL
SELECT email AS address, id AS client_id, NULL AS contact_id FROM client WHERE email IS NOT NULL
UNION ALL
SELECT r.value AS address, ct.client_id, ct.id AS contact_id FROM contact_reach r
JOIN contact ct ON ct.id = r.contact_id WHERE r.kind = 'email'
"""
MESSAGE_KEYS = "SELECT client_id, message_id FROM interaction WHERE message_id IS NOT NULL"
BATCH_ACTIVITY = """
SELECT id, client_id, at, kind, detail, made_by FROM activity WHERE batch = :batch ORDER BY id
"""
