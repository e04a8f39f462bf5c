"""Every read query, written once in portable SQL with ``:name`` parameters.

Listing queries are composed from fixed fragments by :func:`client_list`; nothing
typed by a user is ever put into SQL text, only into parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiaro_cli.declarations.address import ADDRESS
from kiaro_cli.declarations.client import CLIENT, INVOICE_READY
from kiaro_cli.declarations.contact import CONTACT
from kiaro_cli.declarations.interaction import INTERACTION
from kiaro_cli.declarations.rate import RATE
from kiaro_cli.storage import money_queries as money

# A client as every read gives it: each stored field of its declaration, and its primary
# contact's name.
CLIENT_COLUMNS = ", ".join(
    (*(f"c.{declared.column_name}" for declared in CLIENT.read), "p.name AS contact_person")
)
CLIENT_FROM = """
FROM client c
LEFT JOIN contact p ON p.client_id = c.id AND p.is_primary = :primary_flag
"""
BASE_PARAMS: dict[str, Any] = {"primary_flag": True}
# A client that lacks one of the fields an invoice needs (core.records.missing_fields).
MISSING_CONDITION = "({})".format(
    " OR ".join(
        "p.name IS NULL" if key == "contact_person" else f"c.{CLIENT.by_key[key].column_name} IS NULL"
        for key in INVOICE_READY
    )
)
# The client's own fields of those (the contact person aside), lacking one or all present:
# the conditions of the partial indexes ix_client_lacking and ix_client_complete, which
# COUNT_MISSING counts from.
_OWN_READY = [CLIENT.by_key[key].column_name for key in INVOICE_READY if key != "contact_person"]
LACKING = " OR ".join(f"{column} IS NULL" for column in _OWN_READY)
COMPLETE = " AND ".join(f"{column} IS NOT NULL" for column in _OWN_READY)

CLIENT_BY_ID = f"SELECT {CLIENT_COLUMNS} {CLIENT_FROM} WHERE c.id = :id"

CLIENT_IDS_BY_CODE = "SELECT id, name FROM client WHERE code = :code"
CLIENT_IDS_BY_EXACT_NAME = """
SELECT id, name FROM client WHERE name_key = :key OR legal_key = :key ORDER BY id
"""
CLIENT_IDS_BY_EMAIL = """
SELECT id FROM client WHERE lower(email) = lower(:email)
UNION SELECT client_id AS id FROM contact WHERE lower(email) = lower(:email)
ORDER BY id
"""
# A part of a name or legal name: each looked for in its own index alone (a scan of the
# client rows took 0.26 s at 100,000 clients; the two indexes 0.02 s).
CLIENT_IDS_BY_NAME_PART = """
SELECT id, name FROM client WHERE id IN (
  SELECT id FROM client WHERE name_key LIKE :pattern ESCAPE '\\'
  UNION ALL SELECT id FROM client WHERE legal_key LIKE :pattern ESCAPE '\\')
ORDER BY name_key, id
"""
CLIENT_NAMES = "SELECT id, name, name_key FROM client ORDER BY id"
CLIENT_NAME_TAKEN = """
SELECT id, name FROM client WHERE name_key = :key AND id <> :exclude ORDER BY id
"""
# What the shell offers on <Tab>: clients by the start of a name or code, current ones first.
CLIENT_CANDIDATES = """
SELECT id, name, code, status FROM client
WHERE name_key LIKE :pattern ESCAPE '\\' OR lower(code) LIKE :pattern ESCAPE '\\'
ORDER BY archived, name_key, id LIMIT :limit
"""
CLIENT_NAME_BY_ID = "SELECT id, name FROM client WHERE id = :id"
CONTACT_CANDIDATES = """
SELECT ct.id, ct.name, c.name AS client FROM contact ct JOIN client c ON c.id = ct.client_id
WHERE CAST(ct.id AS TEXT) LIKE :pattern ESCAPE '\\' ORDER BY ct.id LIMIT :limit
"""
# Each tag once, spelled as it was first typed, with how many clients carry it.
TAG_COUNTS = """
SELECT (SELECT f.name FROM tag f WHERE f.key = t.key ORDER BY f.id LIMIT 1) AS name,
       t.key, count(*) AS clients
FROM tag t GROUP BY t.key ORDER BY t.key
"""
VALUES_IN_USE = {
    "currency": "SELECT DISTINCT currency AS value FROM client WHERE currency IS NOT NULL ORDER BY 1",
    "country": "SELECT DISTINCT country AS value FROM client WHERE country IS NOT NULL ORDER BY 1",
}
DUPLICATE_KEYS = "SELECT id, name, code, email FROM client"
DUPLICATE_CANDIDATES = "SELECT id, name, email, phone, country FROM client ORDER BY id"
CLIENTS_WITH_EMAIL = "SELECT id, name FROM client WHERE lower(email) = lower(:email) ORDER BY id"
RATE_COLUMNS = ", ".join(str(declared.column_name) for declared in RATE.read)
RATES_OF_CLIENT = f"SELECT {RATE_COLUMNS} FROM rate WHERE client_id = :client_id ORDER BY position_key, id"
RATE_BY_ID = f"SELECT {RATE_COLUMNS} FROM rate WHERE id = :id"
ADDRESS_COLUMNS = ", ".join(str(declared.column_name) for declared in ADDRESS.read)
ADDRESSES_OF_CLIENT = (
    f"SELECT {ADDRESS_COLUMNS} FROM address WHERE client_id = :client_id ORDER BY is_default DESC, id"
)
ADDRESS_BY_ID = f"SELECT {ADDRESS_COLUMNS} FROM address WHERE id = :id"
CLIENT_CODE_TAKEN = "SELECT id, name FROM client WHERE code = :code AND id <> :exclude"

# A contact, and the day of the latest interaction logged with them.
CONTACT_COLUMNS = ", ".join(
    (
        *(f"ct.{declared.column_name}" for declared in CONTACT.read),
        "(SELECT max(substr(i.occurred_at, 1, 10)) FROM interaction i WHERE i.contact_id = ct.id)"
        " AS last_interaction_at",
    )
)
CONTACTS_OF_CLIENT = f"""
SELECT {CONTACT_COLUMNS} FROM contact ct WHERE ct.client_id = :client_id
ORDER BY ct.is_primary DESC, ct.id
"""
CONTACT_BY_ID = f"SELECT {CONTACT_COLUMNS} FROM contact ct WHERE ct.id = :id"


def contacts_export(include_archived: bool) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters listing contacts for export, by client then primary first."""
    sql = f"SELECT {CONTACT_COLUMNS}, c.name AS client_name"
    sql += " FROM contact ct JOIN client c ON c.id = ct.client_id"
    params: dict[str, Any] = {}
    if not include_archived:
        sql += " WHERE c.archived = :false_flag"
        params["false_flag"] = False
    return sql + " ORDER BY ct.client_id, ct.is_primary DESC, ct.id", params


INTERACTION_COLUMNS = ", ".join(f"i.{declared.column_name}" for declared in INTERACTION.read)
INTERACTION_SELECT = f"""
SELECT {INTERACTION_COLUMNS}, c.name AS client_name, p.name AS contact_name
FROM interaction i JOIN client c ON c.id = i.client_id LEFT JOIN contact p ON p.id = i.contact_id
"""
INTERACTION_BY_ID = f"{INTERACTION_SELECT} WHERE i.id = :id"
LATEST_INTERACTION_DAY = (
    "SELECT max(substr(occurred_at, 1, 10)) AS day FROM interaction WHERE client_id = :client_id"
)
COUNT_INTERACTIONS = "SELECT count(*) AS n FROM interaction WHERE client_id = :client_id"
LATEST_INTERACTION = """
SELECT type, occurred_at, summary FROM interaction WHERE client_id = :client_id
ORDER BY occurred_at DESC, created_at DESC, id DESC LIMIT 1
"""
CLIENT_IMPORTED = (
    "SELECT 1 AS imported FROM activity WHERE client_id = :client_id AND kind = 'imported' LIMIT 1"
)


def interaction_list(
    client_id: int | None = None,
    types: Sequence[str] = (),
    since: str | None = None,
    include_archived: bool = False,
) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters listing interactions, newest first."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if client_id is not None:
        where.append("i.client_id = :client_id")
        params["client_id"] = client_id
    elif not include_archived:
        where.append("c.archived = :false_flag")
        params["false_flag"] = False
    if types:
        names = [f"type_{i}" for i in range(len(types))]
        where.append(f"i.type IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, types, strict=True))
    if since is not None:
        where.append("i.occurred_at >= :since")
        params["since"] = since
    sql = INTERACTION_SELECT
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + " ORDER BY i.occurred_at DESC, i.created_at DESC, i.id DESC", params


TIMELINE_ACTIVITY = """
SELECT id, at, kind, detail, data, made_by FROM activity WHERE client_id = :client_id ORDER BY id DESC
"""
TIMELINE_INTERACTIONS = """
SELECT id, occurred_at, created_at, type, summary, next_step, contact_id FROM interaction
WHERE client_id = :client_id ORDER BY occurred_at DESC, created_at DESC, id DESC
"""

LATEST_CONVERSATION = """
SELECT type, occurred_at, summary, next_step FROM interaction
WHERE client_id = :client_id AND type <> 'note'
ORDER BY occurred_at DESC, id DESC LIMIT 1
"""

SETTINGS = "SELECT key, value FROM setting ORDER BY key"

CUSTOM_FIELDS = "SELECT id, key, type, label, choices FROM custom_field ORDER BY id"
CUSTOM_FIELDS_IN_USE = """
SELECT f.id, f.key, f.type, f.label, f.choices,
       (SELECT count(*) FROM custom_value v WHERE v.field_id = f.id) AS clients
FROM custom_field f ORDER BY f.id
"""


def custom_values_of(client_ids: Sequence[int]) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters reading the custom values of some clients, field by field."""
    names = [f"c{i}" for i in range(len(client_ids))]
    sql = (
        "SELECT v.client_id, f.key, v.value FROM custom_value v JOIN custom_field f ON f.id = v.field_id "
        f"WHERE v.client_id IN ({', '.join(':' + n for n in names)}) ORDER BY v.client_id, f.id"
    )
    return sql, dict(zip(names, client_ids, strict=True))


BATCH_ACTIVITY = "SELECT client_id, at, kind, detail, made_by FROM activity WHERE batch = :batch ORDER BY id"

# The report: the pipeline by status and currency, where clients came from, follow-ups by
# day, interactions by month (current clients only).
REPORT_PIPELINE = """
SELECT status, currency, count(*) AS clients, coalesce(sum(value_cents), 0) AS value_cents
FROM client WHERE archived = :false_flag GROUP BY status, currency
"""
REPORT_SOURCES = """
SELECT lower(trim(source)) AS source_key, min(source) AS source, count(*) AS clients,
       sum(CASE WHEN status <> 'lead' THEN 1 ELSE 0 END) AS became_clients
FROM client WHERE archived = :false_flag GROUP BY lower(trim(source))
"""
REPORT_FOLLOW_UPS = """
SELECT follow_up_on AS day, count(*) AS clients FROM client
WHERE archived = :false_flag AND follow_up_on IS NOT NULL AND follow_up_on < :until
GROUP BY follow_up_on
"""
REPORT_INTERACTIONS = """
SELECT substr(i.occurred_at, 1, 7) AS month, count(*) AS interactions
FROM interaction i JOIN client c ON c.id = i.client_id
WHERE c.archived = :false_flag AND i.occurred_at >= :since
GROUP BY substr(i.occurred_at, 1, 7)
"""
COUNT_BY_STATUS = """
SELECT status, count(*) AS n FROM client WHERE archived = :false_flag GROUP BY status
"""
# Reads every current client: one pass in table order (the coalesce keeps the planner from
# walking an index on archived and jumping to each row from it, five times slower).
# The clients MISSING_CONDITION finds (archived left out), counted from two partial indexes:
# those lacking one of their own fields, and those with all of them but no primary contact
# with a name (0.13 s at 100,000 clients read from the table; 6 ms from the indexes).
COUNT_MISSING = f"""
SELECT (SELECT count(*) FROM client WHERE archived = :false_flag AND ({LACKING}))
     + (SELECT count(*) FROM client c WHERE c.archived = :false_flag AND {COMPLETE}
        AND NOT EXISTS (SELECT 1 FROM contact p WHERE p.client_id = c.id
                        AND p.is_primary = :primary_flag AND p.name IS NOT NULL)) AS n
"""
COUNT_ALL = "SELECT count(*) AS n FROM client"
# Clients not heard from: the last interaction, or (without one) the day they were added, is older.
# The expression is schema.LAST_HEARD_FROM's, so that its index serves it.
QUIET_CONDITION = "coalesce(c.last_interaction_at, substr(c.created_at, 1, 10)) < :quiet_before"
COUNT_QUIET = f"SELECT count(*) AS n FROM client c WHERE c.archived = :false_flag AND {QUIET_CONDITION}"

SCHEMA_VERSION = "SELECT max(version) AS version FROM kiaro_schema"

SORTS = {
    "name": ("c.name_key", False),
    "value": ("c.value_cents", True),
    "activity": ("c.last_activity_at", True),
    "created": ("c.created_at", False),
    "follow-up": ("c.follow_up_on", True),
    "revenue": (money.REVENUE, False),  # highest first (needs :revenue_currency)
}


@dataclass(frozen=True)
class CustomCondition:
    """``--where``: a custom field compared with a value in one of its stored forms.

    ``column`` is ``value_key`` (folded text, dates, choices, yes/no) or ``value_number``;
    ``value`` None asks whether the client has a value at all.
    """

    field_id: int
    operator: str  # = != < <= > >=
    column: str
    value: str | float | None


CUSTOM_OPERATORS = ("=", "!=", "<", "<=", ">", ">=")
CUSTOM_COLUMNS = ("value_key", "value_number")


def _custom_condition(condition: CustomCondition, i: int) -> tuple[str, dict[str, Any]]:
    """A client-level condition for one ``--where``: "!=" also keeps clients without a value."""
    assert condition.operator in CUSTOM_OPERATORS and condition.column in CUSTOM_COLUMNS
    has = f"SELECT 1 FROM custom_value v WHERE v.client_id = c.id AND v.field_id = :where_field_{i}"
    params: dict[str, Any] = {f"where_field_{i}": condition.field_id}
    if condition.value is None:
        return (f"NOT EXISTS ({has})" if condition.operator == "=" else f"EXISTS ({has})"), params
    params[f"where_value_{i}"] = condition.value
    if condition.operator == "!=":
        return f"NOT EXISTS ({has} AND v.{condition.column} = :where_value_{i})", params
    return f"EXISTS ({has} AND v.{condition.column} {condition.operator} :where_value_{i})", params


@dataclass
class ClientFilter:
    """What ``client list`` (and exports) may ask for. Values are already normalised."""

    statuses: Sequence[str] = ()
    tag_keys: Sequence[str] = ()
    industry_key: str | None = None
    source_key: str | None = None
    search: Sequence[str] = ()  # folded forms of one query; a client matching any of them matches
    due_on_or_before: str | None = None
    scheduled: bool = False
    missing: bool = False
    quiet_before: str | None = None  # last interaction (or, without one, creation) before this day
    archived: str = "active"  # "active" (not archived), "archived" or "all"
    custom: Sequence[CustomCondition] = ()
    owner: str | None = None  # the account owner's name, in any case
    has_projects: bool = False
    outstanding: bool = False  # something left to pay on an issued invoice
    overdue_on: str | None = None  # an issued invoice unpaid and due before this day
    paid_elsewhere_than: str | None = None  # paid in another currency than this one


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


SEARCH_INDEX_MIN = 3  # trigrams: shorter text cannot use the index


def _search_condition(forms: Sequence[str], use_index: bool) -> tuple[str, dict[str, Any]]:
    """Clients whose folded search text contains one of ``forms``: through the index when possible."""
    if use_index and all(len(form) >= SEARCH_INDEX_MIN for form in forms):
        phrases = " OR ".join('"' + form.replace('"', '""') + '"' for form in forms)
        return "c.id IN (SELECT rowid FROM client_search WHERE client_search MATCH :search)", {
            "search": phrases
        }
    names = [f"search_{i}" for i in range(len(forms))]
    condition = " OR ".join(f"c.search_text LIKE :{name} ESCAPE '\\'" for name in names)
    return f"({condition})", {name: like_pattern(form) for name, form in zip(names, forms, strict=True)}


def client_conditions(flt: ClientFilter, search_index: bool = False) -> tuple[list[str], dict[str, Any]]:
    """The conditions of ``flt`` on the client ``c`` (and its primary contact ``p``), and their parameters."""
    where: list[str] = []
    params: dict[str, Any] = dict(BASE_PARAMS)
    if flt.archived == "active":
        where.append("c.archived = :false_flag")
        params["false_flag"] = False
    elif flt.archived == "archived":
        where.append("c.archived = :true_flag")
        params["true_flag"] = True
    if flt.statuses:
        names = [f"status_{i}" for i in range(len(flt.statuses))]
        where.append(f"c.status IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, flt.statuses, strict=True))
    for i, key in enumerate(flt.tag_keys):
        where.append(f"EXISTS (SELECT 1 FROM tag t WHERE t.client_id = c.id AND t.key = :tag_{i})")
        params[f"tag_{i}"] = key
    if flt.industry_key is not None:
        where.append("lower(c.industry) = lower(:industry)")
        params["industry"] = flt.industry_key
    if flt.source_key is not None:
        where.append("lower(c.source) = lower(:source)")
        params["source"] = flt.source_key
    if flt.search:
        condition, values = _search_condition(flt.search, search_index)
        where.append(condition)
        params.update(values)
    if flt.due_on_or_before is not None:
        where.append("c.follow_up_on <= :due")
        params["due"] = flt.due_on_or_before
    if flt.scheduled:
        where.append("c.follow_up_on IS NOT NULL")
    if flt.missing:
        where.append(MISSING_CONDITION)
    if flt.quiet_before is not None:
        where.append(QUIET_CONDITION)
        params["quiet_before"] = flt.quiet_before
    if flt.owner is not None:
        where.append("lower(c.owner) = lower(:owner)")
        params["owner"] = flt.owner
    on_ledger = (flt.has_projects, flt.outstanding, flt.overdue_on, flt.paid_elsewhere_than)
    ledger, values = money.conditions(*on_ledger)
    where.extend(ledger)
    params.update(values)
    for i, custom in enumerate(flt.custom):
        sql, values = _custom_condition(custom, i)
        where.append(sql)
        params.update(values)
    return where, params


def client_list(
    flt: ClientFilter,
    sort: str = "name",
    descending: bool = False,
    limit: int | None = None,
    *,
    search_index: bool = False,
    revenue_currency: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters listing clients that match ``flt`` (by revenue: what was paid
    in ``revenue_currency``, highest first, then by name)."""
    where, params = client_conditions(flt, search_index)
    column, nulls_matter = SORTS[sort]
    direction = "DESC" if descending else "ASC"
    order = f"{column} {direction}, c.id {direction}"
    if sort == "revenue":
        order = f"{column} {'ASC' if descending else 'DESC'}, c.name_key {direction}, c.id {direction}"
        params["revenue_currency"] = revenue_currency or ""
    if nulls_matter and not _excludes_no_follow_up(flt, sort):
        order = f"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END, {order}"
    matched = " WHERE " + " AND ".join(where) if where else ""
    if limit is not None:
        params["limit"] = limit
    if sort == "revenue" and limit is not None:  # a page: its ids from the indexes, then their rows
        source = CLIENT_FROM if flt.missing else "FROM client c"
        page = f"SELECT c.id {source}{matched} ORDER BY {order} LIMIT :limit"
        return f"SELECT {CLIENT_COLUMNS} {CLIENT_FROM} WHERE c.id IN ({page}) ORDER BY {order}", params
    return f"SELECT {CLIENT_COLUMNS} {CLIENT_FROM}{matched} ORDER BY {order}" + (
        " LIMIT :limit" if limit is not None else ""
    ), params


def _excludes_no_follow_up(flt: ClientFilter, sort: str) -> bool:
    """Whether every client ``flt`` matches has a follow-up day, when sorting by it: then
    an index gives the order, and clients without one need not be put last."""
    return sort == "follow-up" and (flt.due_on_or_before is not None or flt.scheduled)


def client_count(flt: ClientFilter, *, search_index: bool = False) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters counting clients that match ``flt`` (the primary contact is
    joined only when a condition reads it: a count then comes from an index alone)."""
    where, params = client_conditions(flt, search_index)
    sql = f"SELECT count(*) AS n {CLIENT_FROM if flt.missing else 'FROM client c'}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql, params


def tags_of(client_ids: Sequence[int]) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters reading the tags of some clients, in the order added."""
    names = [f"c{i}" for i in range(len(client_ids))]
    sql = (
        "SELECT client_id, name FROM tag "
        f"WHERE client_id IN ({', '.join(':' + n for n in names)}) ORDER BY client_id, id"
    )
    return sql, dict(zip(names, client_ids, strict=True))
