"""Exports of clients and contacts: the rows of the contract, streamed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kiaro_cli.core.address_records import AddressRecord, addresses_of, billing_address
from kiaro_cli.core.clients import iter_client_values, iter_clients, make_filter
from kiaro_cli.core.custom_fields import list_fields
from kiaro_cli.core.events import EVENT_KEYS, list_events
from kiaro_cli.core.interactions import INTERACTION_KEYS, InteractionRecord
from kiaro_cli.core.reach import VCARD_TYPES, reach_by_contact
from kiaro_cli.core.records import (
    CONTACT_KEYS,
    ClientRecord,
    ContactRecord,
    client_columns,
    status_context,
    stored_moment,
)
from kiaro_cli.storage import entry_queries, queries, reach_queries
from kiaro_cli.storage.reader import Reader

if TYPE_CHECKING:
    from kiaro_cli.codecs.ics import DayEvent
    from kiaro_cli.codecs.vcard import Card, Postal
    from kiaro_cli.storage.csv_lines import JoinedRows

# A contact or interaction row of an export names its client (and contact) too, so that a
# spreadsheet reads without a lookup and another database can import it by name.
CONTACT_EXPORT_KEYS = (*CONTACT_KEYS[:2], "client_name", *CONTACT_KEYS[2:])
INTERACTION_EXPORT_KEYS = (
    *INTERACTION_KEYS[:2],
    "client_name",
    "contact_id",
    "contact_name",
    *INTERACTION_KEYS[3:],
)


def client_rows(
    reader: Reader, *, statuses: Sequence[str] = (), tags: Sequence[str] = (), include_archived: bool = False
) -> Iterator[dict[str, Any]]:
    """Every client to export, in id order (archived ones only when asked)."""
    flt = make_filter(statuses=statuses, tags=tags, archived="all" if include_archived else "active")
    return iter_client_values(reader, flt, sort="created")


def client_cells(
    reader: Reader,
    columns: Sequence[str],
    *,
    statuses: Sequence[str] = (),
    tags: Sequence[str] = (),
    include_archived: bool = False,
    escape: bool = True,
    decimal_comma: bool = False,
) -> JoinedRows | None:
    """The rows of a CSV export of clients as the database writes them, cell for cell what
    :func:`client_rows` gives through ``csv_row``; None where only that path serves (not
    SQLite, or too many custom fields)."""
    from kiaro_cli.codecs.tabular import csv_cell
    from kiaro_cli.core.fields import INVOICE_READY
    from kiaro_cli.core.records import effective_defaults
    from kiaro_cli.core.settings import load_settings
    from kiaro_cli.storage.client_cells import CustomColumn, client_cells_query
    from kiaro_cli.storage.csv_lines import joined_rows

    if not reader.dialect.sqlite_functions:
        return None
    settings = load_settings(reader)
    defaults = {
        key: csv_cell(value, decimal_comma) if isinstance(value, Decimal) else value
        for key, value in effective_defaults(settings).items()
    }
    custom = [CustomColumn(fld.key, fld.type, fld.id) for fld in list_fields(reader)]
    flt = make_filter(statuses=statuses, tags=tags, archived="all" if include_archived else "active")
    query = client_cells_query(
        flt, columns, custom, INVOICE_READY, defaults, escape=escape, decimal_comma=decimal_comma
    )
    return None if query is None else joined_rows(reader, query, query.params)


def _wanted_clients(
    reader: Reader, statuses: Sequence[str], tags: Sequence[str], include_archived: bool
) -> set[int] | None:
    """The ids of the clients the filters keep (None: no filter given)."""
    if not statuses and not tags:
        return None
    flt = make_filter(statuses=statuses, tags=tags, archived="all" if include_archived else "active")
    sql, params = queries.client_list(flt)
    return {row["id"] for row in reader.rows(sql, params)}


def contact_rows(
    reader: Reader, *, statuses: Sequence[str] = (), tags: Sequence[str] = (), include_archived: bool = False
) -> Iterator[dict[str, Any]]:
    """Every contact to export, grouped by client, primary first."""
    wanted = _wanted_clients(reader, statuses, tags, include_archived)
    sql, params = queries.contacts_export(include_archived)
    reach = reach_by_contact(reader, reach_queries.EVERY_REACH, {})
    for row in reader.rows(sql, params):
        if wanted is None or row["client_id"] in wanted:
            record = ContactRecord.from_row(row, reach.get(row["id"], ()))
            values = record.to_dict() | {"client_name": row["client_name"]}
            yield {key: values[key] for key in CONTACT_EXPORT_KEYS}


def interaction_rows(
    reader: Reader, *, statuses: Sequence[str] = (), tags: Sequence[str] = (), include_archived: bool = False
) -> Iterator[dict[str, Any]]:
    """Every interaction to export, newest first."""
    wanted = _wanted_clients(reader, statuses, tags, include_archived)
    sql, params = queries.interaction_list(include_archived=include_archived)
    for row in reader.rows(sql, params):
        if wanted is None or row["client_id"] in wanted:
            values = InteractionRecord.from_row(row).to_dict()
            values |= {"client_name": row["client_name"], "contact_name": row["contact_name"]}
            yield {key: values[key] for key in INTERACTION_EXPORT_KEYS}


def event_rows(
    reader: Reader, *, statuses: Sequence[str] = (), tags: Sequence[str] = (), include_archived: bool = False
) -> Iterator[dict[str, Any]]:
    """Every event, open and done, most urgent first (filters apply to their clients)."""
    wanted = _wanted_clients(reader, statuses, tags, include_archived)
    flt = entry_queries.EventFilter(state="all", include_archived=include_archived)
    for event in list_events(reader, flt):
        if wanted is None or event.client_id in wanted:
            yield event.to_dict()


def columns_of(reader: Reader, kind: str) -> tuple[str, ...]:
    """The columns of an export (a client's custom fields as ``custom.KEY``)."""
    if kind == "clients":
        return client_columns(fld.key for fld in list_fields(reader))
    return {"contacts": CONTACT_EXPORT_KEYS, "interactions": INTERACTION_EXPORT_KEYS, "events": EVENT_KEYS}[
        kind
    ]


def follow_up_clients(reader: Reader) -> Iterator[ClientRecord]:
    """Clients with a scheduled follow-up (archived left out), soonest first; a stored day
    that is no day reads as none."""
    flt = queries.ClientFilter(scheduled=True)
    found = iter_clients(reader, flt, sort="follow-up")
    return (client for client in found if client.follow_up_on is not None)


def address_book(reader: Reader, reference: str | None = None) -> Iterator[Card]:
    """The vCards of one client (``reference``), or of every current client, by name."""
    from kiaro_cli.core.clients import contacts_of, get_client

    chosen = [get_client(reader, reference)] if reference is not None else None
    for client in chosen or list(iter_clients(reader, make_filter(), sort="name")):
        addresses = addresses_of(reader, client)
        billing = billing_address(addresses)
        further = [a for a in addresses if not a.default and a is not billing and a.kind != "invoicing"]
        yield from client_cards(client, contacts_of(reader, client.id), billing, further)


def client_cards(
    client: ClientRecord,
    contacts: Sequence[ContactRecord],
    billing: AddressRecord | None = None,
    further: Sequence[AddressRecord] = (),
) -> list[Card]:
    """A card per contact, after a company card when the client has no contacts, an email
    or phone its primary contact does not carry, or billing details: the invoice email and
    an invoicing address other than the default, labelled Billing. The client's further
    addresses (a site, a warehouse) go on its first card, each with its label. Notes stay
    private: no card holds them."""
    cards = [_contact_card(client, contact) for contact in contacts]
    primary = contacts[0] if contacts else None
    invoicing = billing if billing is not None and not billing.default else None
    if (
        primary is None
        or (client.email, client.phone) != (primary.email, primary.phone)
        or client.invoice_email
        or invoicing
    ):
        company = _card(
            client, name=client.name, email=client.email, phone=client.phone, uid=f"kiaro-{client.id}-0"
        )
        postal = None if invoicing is None else _postal(invoicing)
        cards.insert(
            0, replace(company, company=True, billing_email=client.invoice_email, billing_address=postal)
        )
    if further:
        cards[0] = replace(cards[0], addresses=[_postal(address, labelled=True) for address in further])
    return cards


def _contact_card(client: ClientRecord, contact: ContactRecord) -> Card:
    given, family = _name_parts(contact)
    card = _card(
        client,
        name=contact.name,
        title=contact.job_title,
        role=contact.role if contact.role != "other" else None,
        email=contact.email,
        phone=contact.phone,
        uid=f"kiaro-{client.id}-{contact.id}",
    )
    return replace(
        card,
        given_name=given,
        family_name=family,
        birthday=contact.birthday,
        emails=[entry.value for entry in contact.emails],
        email_types=[(VCARD_TYPES[entry.label],) for entry in contact.emails],
        phones=[entry.value for entry in contact.phones],
        phone_types=[(VCARD_TYPES[entry.label],) for entry in contact.phones],
    )


def _name_parts(contact: ContactRecord) -> tuple[str, str]:
    """A contact's given and family names: as given, else split from the name (core.names);
    with only one given, the other is the rest of the name when the name starts or ends with it."""
    from kiaro_cli.core.names import split_name

    name, given, family = contact.name, contact.given_name, contact.family_name
    if given and family:
        return given, family
    if family and name.endswith(f" {family}"):
        return name.removesuffix(family).strip(), family
    if given and name.startswith(f"{given} "):
        return given, name.removeprefix(given).strip()
    parts = split_name(name)
    return given or parts.given, family or parts.family


# The vCard TYPE of each kind of address (an invoicing one is the card's Billing address).
_ADDRESS_TYPES = {"office": ("work",), "site": ("work",), "mailing": ("postal",), "other": ()}


def _postal(address: AddressRecord, *, labelled: bool = False) -> Postal:
    from kiaro_cli.codecs.vcard import Postal
    from kiaro_cli.places import country_name

    country = country_name(address.country) if address.country else None
    postal = Postal(address.line1, address.line2, address.city, address.region, address.postal_code, country)
    if labelled:
        return replace(postal, types=_ADDRESS_TYPES.get(address.kind, ()), label=address.label)
    return postal


def _card(
    client: ClientRecord,
    *,
    name: str,
    email: str | None,
    phone: str | None,
    uid: str,
    title: str | None = None,
    role: str | None = None,
) -> Card:
    """A card at ``client`` (its organisation, address, website and tags) for one person."""
    from kiaro_cli.codecs.vcard import Card
    from kiaro_cli.places import country_name

    return Card(
        name=name,
        organisation=client.name,
        legal_name=client.legal_name,
        title=title,
        role=role,
        emails=[email] if email else [],
        phones=[phone] if phone else [],
        street=client.address_line1,
        street2=client.address_line2,
        city=client.city,
        region=client.region,
        postal_code=client.postal_code,
        country=country_name(client.country) if client.country else None,
        website=client.website,
        categories=list(client.tags),
        uid=uid,
    )


def follow_up_events(reader: Reader) -> Iterator[DayEvent]:
    """Each scheduled follow-up (archived clients left out) as an all-day calendar item.

    The UID comes from the client's id and creation instant, which never change, so a
    calendar that imports a newer export moves the item rather than adding another.
    """
    from kiaro_cli.codecs.ics import DayEvent

    for client in follow_up_clients(reader):
        assert client.follow_up_on
        created, updated = _changed_moments(client.created_at, client.updated_at)
        stamp = "".join(ch for ch in client.created_at[:19] if ch.isdigit())
        yield DayEvent(
            uid=f"follow-up-{client.id}-{stamp}@kiaro",
            day=date.fromisoformat(client.follow_up_on),
            summary=f"Follow up: {client.name}",
            description=_follow_up_description(client),
            categories=[status_context(client.status)],
            updated=updated,
            sequence=max(0, int((updated - created).total_seconds())),
        )


def _changed_moments(created_at: object, updated_at: object) -> tuple[datetime, datetime]:
    """When a record was made and last changed, for a calendar item's stamp and sequence;
    one that is no moment (a restored row's) reads as the other, else as 1970."""
    from datetime import UTC

    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    created, updated = (
        datetime.fromisoformat(moment) if (moment := stored_moment(value)) else None
        for value in (created_at, updated_at)
    )
    return created or updated or epoch, updated or created or epoch


def event_items(reader: Reader) -> Iterator[DayEvent]:
    """Each open event with a due day (archived clients left out) as an all-day calendar item,
    its UID from the event's id and creation instant (apart from the follow-ups' UIDs)."""
    from kiaro_cli.codecs.ics import DayEvent

    for event in list_events(reader, entry_queries.EventFilter()):
        if event.due_on is None:
            continue
        created, updated = _changed_moments(event.created_at, event.updated_at)
        stamp = "".join(ch for ch in event.created_at[:19] if ch.isdigit())
        yield DayEvent(
            uid=f"event-{event.id}-{stamp}@kiaro",
            day=date.fromisoformat(event.due_on),
            summary=f"{event.priority.capitalize()} {event.kind}: {event.client_name}",
            description=f"{event.text}\nWhen it is done: kiaro event done {event.id}",
            categories=[event.priority, event.kind],
            updated=updated,
            sequence=max(0, int((updated - created).total_seconds())),
        )


def calendar_items(reader: Reader) -> Iterator[DayEvent]:
    """What ``export ics`` writes: the scheduled follow-ups, the events due some day, the due
    days of unpaid invoices and the deadlines of open projects, then the birthdays and
    clients' dates (yearly ones every year)."""
    from kiaro_cli.core import ledger_day, upcoming

    yield from follow_up_events(reader)
    yield from event_items(reader)
    yield from ledger_day.calendar_items(reader)
    yield from upcoming.calendar_items(reader)


def _follow_up_description(client: ClientRecord) -> str:
    lines = [status_context(client.status)]
    email = f"<{client.email}>" if client.email else None
    contact = " ".join(part for part in (client.contact_person, email) if part)
    if contact:
        lines.append(contact)
    if client.phone:
        lines.append(client.phone)
    lines.append(f"Draft the message: kiaro followup draft {client.id}")
    return "\n".join(lines)
