"""Clients: adding, reading, listing and changing them, with their rules.

Write functions validate everything first, then make their changes in one
transaction with the activity rows that record them; on any error nothing changes.
Read functions take a :class:`~kiaro_cli.storage.reader.Reader` and return records.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.core import records
from kiaro_cli.core.client_rows import (
    ADDED_STATUS,
    NEW_CLIENT_DEFAULTS,
    Change,
    add_tag,
    apply_changes,
    create_primary_contact,
    new_client_row,
    refresh_search_text,
)
from kiaro_cli.core.custom_fields import custom_values, list_fields, set_custom_values
from kiaro_cli.core.fields import (
    CLEARABLE,
    CLIENT_FIELDS,
    INVOICE_READY,
    CleanContext,
    clean_client_values,
    clean_tags,
    field_for,
    label_with_option,
)
from kiaro_cli.core.records import ClientRecord, ContactRecord, Settings, client_from_row, client_values
from kiaro_cli.core.references import resolve_client
from kiaro_cli.core.settings import load_settings
from kiaro_cli.dates import parse_since
from kiaro_cli.errors import Conflict, InvalidValue, MissingFields, NotFound
from kiaro_cli.search import fold, name_key, query_forms
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader, one

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target

REQUIRED_FOR_FULL_FORM = ("name", *INVOICE_READY)
TAG_BATCH = 500


# ---------------------------------------------------------------- reading


def get_client(reader: Reader, reference: str, settings: Settings | None = None) -> ClientRecord:
    """The client ``reference`` names."""
    client_id = resolve_client(reader, reference)
    return load_client(reader, client_id, settings)


def load_client(reader: Reader, client_id: int, settings: Settings | None = None) -> ClientRecord:
    """The client with id ``client_id``."""
    row = one(reader, queries.CLIENT_BY_ID, {"id": client_id, **queries.BASE_PARAMS})
    if row is None:
        raise NotFound(f"no client with id {client_id}")
    settings = settings if settings is not None else load_settings(reader)
    tags = tuple(_tags(reader, [client_id]).get(client_id, ()))
    custom = custom_values(reader, [client_id], list_fields(reader)).get(client_id)
    return client_from_row(row, tags, settings, custom)


def iter_clients(
    reader: Reader,
    flt: queries.ClientFilter,
    *,
    sort: str = "name",
    descending: bool = False,
    limit: int | None = None,
    settings: Settings | None = None,
    currency: str | None = None,
) -> Iterator[ClientRecord]:
    """Stream the clients matching ``flt``, with their tags, in batches (by revenue: paid in
    ``currency``, else in the workspace's)."""
    settings = settings if settings is not None else load_settings(reader)
    if sort == "revenue" and currency is None:
        from kiaro_cli.core.client_money import revenue_currency  # the ledger: only by revenue

        currency = revenue_currency(reader, settings)
    sql, params = queries.client_list(
        flt, sort, descending, limit, search_index=_indexed(reader, flt), revenue_currency=currency
    )
    fields = list_fields(reader)
    rows = reader.rows(sql, params)
    while batch := list(islice(rows, TAG_BATCH)):
        ids = [row["id"] for row in batch]
        tags, custom = _tags(reader, ids), custom_values(reader, ids, fields)
        for row in batch:
            yield client_from_row(row, tuple(tags.get(row["id"], ())), settings, custom.get(row["id"]))


def iter_client_values(
    reader: Reader,
    flt: queries.ClientFilter,
    *,
    sort: str = "name",
    settings: Settings | None = None,
) -> Iterator[dict[str, Any]]:
    """Stream the client objects of the contract (for exports: no records built)."""
    settings = settings if settings is not None else load_settings(reader)
    sql, params = queries.client_list(flt, sort, search_index=_indexed(reader, flt))
    fields = list_fields(reader)
    rows = reader.rows(sql, params)
    while batch := list(islice(rows, TAG_BATCH)):
        ids = [row["id"] for row in batch]
        tags, custom = _tags(reader, ids), custom_values(reader, ids, fields)
        for row in batch:
            yield client_values(row, tags.get(row["id"], ()), settings, custom.get(row["id"]))


def count_clients(reader: Reader, flt: queries.ClientFilter) -> int:
    """How many clients match ``flt``."""
    sql, params = queries.client_count(flt, search_index=_indexed(reader, flt))
    row = one(reader, sql, params)
    return int(row["n"]) if row else 0


def archived_matches(reader: Reader, flt: queries.ClientFilter) -> int:
    """How many archived clients a listing of current clients left out (0 if it showed them)."""
    if flt.archived != "active":
        return 0
    return count_clients(reader, replace(flt, archived="archived"))


def _indexed(reader: Reader, flt: queries.ClientFilter) -> bool:
    return bool(flt.search) and reader.has_search_index


def contacts_of(reader: Reader, client_id: int) -> list[ContactRecord]:
    """The contacts of a client, primary first."""
    from kiaro_cli.core.reach import reach_of_client

    rows = list(reader.rows(queries.CONTACTS_OF_CLIENT, {"client_id": client_id}))
    reach = reach_of_client(reader, client_id) if rows else {}
    return [ContactRecord.from_row(row, reach.get(row["id"], ())) for row in rows]


def make_filter(
    *,
    statuses: Sequence[str] = (),
    tags: Sequence[str] = (),
    industry: str | None = None,
    source: str | None = None,
    search: str | None = None,
    due: bool = False,
    missing: bool = False,
    quiet_since: str | None = None,
    owner: str | None = None,
    archived: str = "active",
    today: date | None = None,
    has_projects: bool = False,
    outstanding: bool = False,
    overdue: bool = False,
) -> queries.ClientFilter:
    """A listing filter from what a user typed (normalised here, once)."""
    day = today or clock.today()
    return queries.ClientFilter(
        statuses=tuple(dict.fromkeys(s.strip().lower() for s in statuses)),
        tag_keys=tuple(dict.fromkeys(fold(t.strip()) for t in tags)),
        industry_key=industry.strip() if industry else None,
        source_key=source.strip() if source else None,
        search=query_forms(search) if search and search.strip() else (),
        due_on_or_before=day.isoformat() if due else None,
        missing=missing,
        quiet_before=parse_since(quiet_since, day).isoformat() if quiet_since is not None else None,
        archived=archived,
        owner=_owner(owner),
        has_projects=has_projects,
        outstanding=outstanding,
        overdue_on=day.isoformat() if overdue else None,
    )


def _owner(name: str | None) -> str | None:
    """``--owner``: a name, or ``me`` (who is at the keyboard, see :mod:`kiaro_cli.who`)."""
    if name is None or not name.strip():
        return None
    from kiaro_cli.who import current_user

    return current_user() if name.strip().lower() == "me" else " ".join(name.split())


def _tags(reader: Reader, client_ids: Sequence[int]) -> dict[int, list[str]]:
    if not client_ids:
        return {}
    sql, params = queries.tags_of(client_ids)
    found: dict[int, list[str]] = {}
    for row in reader.rows(sql, params):
        found.setdefault(row["client_id"], []).append(row["name"])
    return found


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class EditResult:
    """A client after a change, and what changed (empty: it already had those values)."""

    client: ClientRecord
    changes: tuple[Change, ...]

    def to_dict(self) -> dict[str, Any]:
        """What ``--format json`` prints: the client as it is now."""
        return self.client.to_dict()


def missing_fields_error(fields: Sequence[str], client: ClientRecord | None = None) -> MissingFields:
    """The refusal naming missing invoice-ready fields with the option that fills each."""
    names = ", ".join(label_with_option(key) for key in fields)
    if client is None:
        return MissingFields(f"missing invoice-ready fields: {names}", fields)
    return MissingFields(
        f"{client.name} is missing {names}; run this on a terminal or use kiaro client edit", fields
    )


def missing_for_full_form(values: Mapping[str, str | None]) -> list[str]:
    """The required fields of the full form that ``values`` leaves empty."""
    return [key for key in REQUIRED_FOR_FULL_FORM if not (values.get(key) or "").strip()]


def check_new_client(
    reader: Reader,
    values: Mapping[str, str | None],
    *,
    tags: Sequence[str] = (),
    allow_duplicate: bool = False,
    today: date | None = None,
) -> None:
    """Refuse now what ``add_client`` would refuse whatever else is typed: a bad value among
    those given, a name or code already taken. Run before asking for the missing fields."""
    given = {k: v for k, v in values.items() if v is not None and v.strip()}
    cleaned = clean_client_values(given, CleanContext(today or clock.today()))
    clean_tags(tags)
    _check_unique(reader, cleaned, exclude=0, allow_duplicate=allow_duplicate)


def shared_email_warning(reader: Reader, client: ClientRecord) -> str | None:
    """A note when another client already uses this client's email (allowed, but worth knowing)."""
    if not client.email:
        return None
    rows = reader.rows(queries.CLIENTS_WITH_EMAIL, {"email": client.email})
    others = [row for row in rows if row["id"] != client.id]
    if not others:
        return None
    names = ", ".join(f"{row['name']} (#{row['id']})" for row in others[:3])
    return f"{client.email} is also the email of {names}"


def add_client(
    target: Target,
    values: Mapping[str, str | None],
    *,
    tags: Sequence[str] = (),
    custom: Mapping[str, str] | None = None,
    full_form: bool = True,
    allow_duplicate: bool = False,
    today: date | None = None,
) -> ClientRecord:
    """Add a client. The full form needs every invoice-ready field; quick add a name.

    Given a contact person, the client's email and phone go to that new primary contact too.
    """
    given = {k: v for k, v in values.items() if v is not None and v.strip()}
    if full_form:
        missing = missing_for_full_form(given)
        if missing:
            raise missing_fields_error(missing)
    elif "name" not in given:
        raise MissingFields("a client needs a name", ["name"])
    day = today or clock.today()
    cleaned = clean_client_values(given, CleanContext(day))
    cleaned.setdefault("status", ADDED_STATUS if full_form else NEW_CLIENT_DEFAULTS["status"])
    new_tags = clean_tags(tags)

    from kiaro_cli.storage.rows import Client
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        _check_unique(w.reader, cleaned, exclude=0, allow_duplicate=allow_duplicate)
        client = Client(**new_client_row(cleaned, w.at))
        w.add(client)
        w.flush()
        form = "full form" if full_form else "quick add"
        w.journal.log(client, "created", f"Added {client.name} ({form})", status=client.status)
        if "contact_person" in cleaned:
            create_primary_contact(w, client, str(cleaned["contact_person"]))
        for tag in new_tags:
            add_tag(w, client, tag)
        if custom:
            set_custom_values(w, client, custom, today=day)
        if client.follow_up_on:
            w.journal.log(
                client,
                "follow-up set",
                f"Follow-up set for {client.follow_up_on}",
                old=None,
                new=client.follow_up_on,
            )
        refresh_search_text(w, client)
        assert client.id is not None
        return load_client(w.reader, client.id)


def edit_client(
    target: Target,
    reference: str,
    values: Mapping[str, str | None],
    *,
    clear: Sequence[str] = (),
    custom: Mapping[str, str] | None = None,
    unset: Sequence[str] = (),
    allow_duplicate: bool = False,
    today: date | None = None,
) -> EditResult:
    """Change the given fields (and clear others) of one client, and set or unset its custom
    values; touch nothing else.

    A new name another client has (in any case) is refused unless ``allow_duplicate``.
    """
    given = {k: v for k, v in values.items() if v is not None}
    to_clear = clearable_fields(clear)
    both = sorted(set(given) & set(to_clear))
    if both:
        raise InvalidValue(f"cannot both set and clear {', '.join(both)}")
    if not given and not to_clear and not custom and not unset:
        raise InvalidValue("nothing to change: give a field option, --clear FIELD or --set KEY=VALUE")
    required = [key for key, value in given.items() if not value.strip() and not CLIENT_FIELDS[key].clearable]
    if required:  # an empty value clears an optional field (as --clear does); these stay
        label = CLIENT_FIELDS[required[0]].label
        raise InvalidValue(f"{label} cannot be empty: every client has one; give the new {label} instead")

    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client_id = resolve_client(w.reader, reference)
        client = w.clients.get(client_id)
        before = load_client(w.reader, client_id)
        day = today or clock.today()
        cleaned = clean_client_values(given, CleanContext(day, client.country))
        cleaned.update(dict.fromkeys(to_clear))
        _check_unique(w.reader, cleaned, exclude=client_id, allow_duplicate=allow_duplicate)
        if cleaned.get("follow_up_on"):
            records.refuse_follow_up_if_archived(before)
        changes = apply_changes(w, client, before, cleaned)
        if custom or unset:
            changes += tuple(set_custom_values(w, client, custom or {}, unset, today=day))
        return EditResult(load_client(w.reader, client_id) if changes else before, changes)


def set_status(target: Target, reference: str, status: str) -> EditResult:
    """Move a client to another status; its follow-up date stays."""
    return edit_client(target, reference, {"status": status})


def set_archived(target: Target, reference: str, archived: bool) -> EditResult:
    """Archive (hide from lists, due follow-ups and exports) or unarchive a client."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client_id = resolve_client(w.reader, reference)
        client = w.clients.get(client_id)
        if bool(client.archived) == archived:
            return EditResult(load_client(w.reader, client_id), ())
        client.archived = archived
        kind = "archived" if archived else "unarchived"
        w.journal.log(client, kind, f"{client.name} {kind}")
        return EditResult(load_client(w.reader, client_id), (Change("archived", not archived, archived),))


def delete_client(target: Target, reference: str) -> ClientRecord:
    """Erase a client with its contacts, tags, interactions, activity, documents (their
    files too), projects and quotes, for good; refused while it has invoices or payments.

    Nothing of it stays behind, not even in the undo log, which is why a deletion
    cannot be undone and undo does not reach past it.
    """
    from kiaro_cli.core.client_money import refuse_deletion
    from kiaro_cli.core.documents import erase_unkept
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client_id = resolve_client(w.reader, reference)
        record = load_client(w.reader, client_id)
        refuse_deletion(w.reader, record)  # its invoices and payments are its money's history
        shas = [document.sha256 for document in w.documents.of_client(client_id)]
        w.erase_client(client_id)
        erase_unkept(w, shas)  # its documents' files, unless another client keeps the same
        w.journal.record(None, "deleted", f"Deleted client #{client_id}", deleted_id=client_id)
    return record


# ---------------------------------------------------------------- helpers


def clearable_fields(fields: Sequence[str]) -> list[str]:
    """The fields ``--clear`` names, by key or by option (``--clear follow-up``, ``address2``)."""
    keys = []
    for name in fields:
        key = field_for(name)
        if key is None:
            raise InvalidValue(f"unknown field '{name}' (clearable: {', '.join(CLEARABLE)})")
        if key not in CLEARABLE:
            raise InvalidValue(f"{CLIENT_FIELDS[key].label} cannot be cleared")
        keys.append(key)
    return list(dict.fromkeys(keys))


def _check_unique(
    reader: Reader, cleaned: Mapping[str, object], *, exclude: int, allow_duplicate: bool
) -> None:
    name = cleaned.get("name")
    if isinstance(name, str) and not allow_duplicate:
        taken = one(reader, queries.CLIENT_NAME_TAKEN, {"key": name_key(name), "exclude": exclude})
        if taken:
            raise Conflict(
                f"a client named '{taken['name']}' already exists (#{taken['id']}); "
                f"add --allow-duplicate to {'add another' if not exclude else 'use the name anyway'}"
            )
    code = cleaned.get("code")
    if isinstance(code, str):
        taken = one(reader, queries.CLIENT_CODE_TAKEN, {"code": code, "exclude": exclude})
        if taken:
            raise Conflict(f"code {code} is already used by {taken['name']} (#{taken['id']})")
