"""The reads of a contact's reach and of kiaro beyond the terminal, in portable SQL with
``:name`` parameters: contacts' labelled emails and phones, the addresses to write to and
to complete, the addresses mail is matched against, the Message-IDs already kept, and one
change's history rows (what the hooks are given)."""

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

# Contacts' labelled emails and phones, each kind in its order (core/reach.py).
REACH_COLUMNS = "r.contact_id, r.kind, r.value, r.label"
REACH_OF_CLIENT = f"""
SELECT {REACH_COLUMNS} FROM contact_reach r JOIN contact ct ON ct.id = r.contact_id
WHERE ct.client_id = :client_id ORDER BY r.contact_id, r.kind, r.position
"""
REACH_OF_CONTACT = (
    f"SELECT {REACH_COLUMNS} FROM contact_reach r WHERE r.contact_id = :id ORDER BY r.kind, r.position"
)
EVERY_REACH = f"SELECT {REACH_COLUMNS} FROM contact_reach r ORDER BY r.contact_id, r.kind, r.position"
# Every email (or phone) of contacts starting with a pattern: their own, and their others.
REACH_CANDIDATES = {
    kind: f"""
SELECT ct.{kind} AS value, ct.name, c.name AS client FROM contact ct JOIN client c ON c.id = ct.client_id
WHERE lower(ct.{kind}) LIKE :pattern ESCAPE '\\'
UNION
SELECT r.value, ct.name, c.name AS client FROM contact_reach r
JOIN contact ct ON ct.id = r.contact_id JOIN client c ON c.id = ct.client_id
WHERE r.kind = :kind AND lower(r.value) LIKE :pattern ESCAPE '\\'
ORDER BY value LIMIT :limit
"""
    for kind in ("email", "phone")
}
# Every address to write to: each contact's (its first, then the others in order), and
# each client's own (under its primary contact's name), of current clients.
EMAIL_ADDRESSES = """
SELECT ct.email AS email, ct.name AS name, c.name AS client, 0 AS position FROM contact ct
JOIN client c ON c.id = ct.client_id
WHERE ct.email IS NOT NULL AND c.archived = :false_flag
UNION ALL
SELECT r.value AS email, ct.name AS name, c.name AS client, r.position AS position FROM contact_reach r
JOIN contact ct ON ct.id = r.contact_id JOIN client c ON c.id = ct.client_id
WHERE r.kind = 'email' AND r.position > 0 AND c.archived = :false_flag
UNION ALL
SELECT c.email AS email, coalesce(p.name, c.name) AS name, c.name AS client, 0 AS position FROM client c
LEFT JOIN contact p ON p.client_id = c.id AND p.is_primary = :primary_flag
WHERE c.email IS NOT NULL AND c.archived = :false_flag
ORDER BY client, name, position, email
"""
