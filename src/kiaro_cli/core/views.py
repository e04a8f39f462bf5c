"""What a command shows of one client, gathered in one read: the ``client show`` view."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kiaro_cli import clock
from kiaro_cli.core.address_records import AddressRecord, addresses_of
from kiaro_cli.core.client_dates import ClientDateRecord, dates_of
from kiaro_cli.core.client_money import MoneyView, money_view
from kiaro_cli.core.clients import contacts_of, get_client
from kiaro_cli.core.custom_fields import CustomField, list_fields
from kiaro_cli.core.events import EventRecord, open_events_of
from kiaro_cli.core.interactions import count_interactions
from kiaro_cli.core.rates import RateRecord, rates_of
from kiaro_cli.core.records import CLIENT_KEYS, ClientRecord, ContactRecord, Settings, cross_border_hint
from kiaro_cli.core.settings import load_settings
from kiaro_cli.core.timeline import TimelineEntry, timeline
from kiaro_cli.storage import entry_queries, queries
from kiaro_cli.storage.reader import Reader, one, scalar

RECENT = 6  # history entries shown with a client
# The JSON object of `client show`.
VIEW_KEYS = (
    *CLIENT_KEYS,
    "contacts",
    "addresses",
    "rates",
    "events",
    "finance",
    "projects_open",
    "quotes_open",
)


@dataclass(frozen=True)
class LastInteraction:
    """A client's last interaction, from the facts: the latest one logged, or else the day
    the client's own record keeps (an import brings it from the tool it came from)."""

    at: str  # the logged interaction's moment, or the kept day
    kind: str | None = None  # the logged interaction's type; None for a kept day
    summary: str | None = None  # its summary's first line
    before_import: bool = False  # a kept day of an imported client: the timeline tells more


def last_interaction(reader: Reader, client: ClientRecord) -> LastInteraction | None:
    """The latest interaction logged with the client, unless the day its record keeps is
    later (an imported client's last contact, before kiaro knew it)."""
    row = one(reader, queries.LATEST_INTERACTION, {"client_id": client.id})
    kept = client.last_interaction_at
    if row is not None and (not kept or str(row["occurred_at"])[:10] >= kept[:10]):
        summary = str(row["summary"] or "").splitlines()
        return LastInteraction(str(row["occurred_at"]), str(row["type"]), summary[0] if summary else "")
    if not kept:
        return None
    imported = one(reader, queries.CLIENT_IMPORTED, {"client_id": client.id}) is not None
    return LastInteraction(kept, before_import=imported)


@dataclass(frozen=True)
class ClientView:
    """One client with everything its cards show."""

    client: ClientRecord
    contacts: tuple[ContactRecord, ...]
    addresses: tuple[AddressRecord, ...]
    rates: tuple[RateRecord, ...]
    recent: tuple[TimelineEntry, ...]
    interactions: int
    settings: Settings
    hint: str | None  # the cross-border reverse-charge hint, when it applies
    fields: tuple[CustomField, ...] = ()  # the custom fields, for their titles and types
    events: tuple[EventRecord, ...] = ()  # open ones, most urgent first
    documents: int = 0  # how many documents are kept with the client
    last: LastInteraction | None = None  # the last interaction, for the Relationship card
    money: MoneyView = field(default_factory=MoneyView)  # per currency, open projects and quotes
    dates: tuple[ClientDateRecord, ...] = ()  # its dates that matter, earliest first

    @property
    def pinned(self) -> tuple[EventRecord, ...]:
        """The sticky open events, shown above the cards."""
        return tuple(event for event in self.events if event.sticky)

    def to_dict(self) -> dict[str, Any]:
        """The client object of the contract plus its ``contacts``, ``addresses``, ``rates``,
        open ``events``, its ``dates``, and its money: ``finance`` per currency,
        ``projects_open``, ``quotes_open``."""
        return (
            self.client.to_dict()
            | {
                "contacts": [contact.to_dict() for contact in self.contacts],
                "addresses": [address.to_dict() for address in self.addresses],
                "rates": [rate.to_dict() for rate in self.rates],
                "events": [event.to_dict() for event in self.events],
                "dates": [day.to_dict() for day in self.dates],
            }
            | self.money.to_dict()
        )


def client_view(reader: Reader, reference: str, today: date | None = None) -> ClientView:
    """The client ``reference`` names, with its contacts, latest history, counts and money on
    ``today``."""
    settings = load_settings(reader)
    client = get_client(reader, reference, settings)
    history = timeline(reader, client.id)
    return ClientView(
        client=client,
        contacts=tuple(contacts_of(reader, client.id)),
        addresses=tuple(addresses_of(reader, client)),
        rates=tuple(rates_of(reader, client.id)),
        recent=tuple(history[:RECENT]),
        interactions=count_interactions(reader, client.id),
        settings=settings,
        hint=cross_border_hint(client, settings),
        fields=tuple(list_fields(reader)),
        events=tuple(open_events_of(reader, client.id)),
        documents=int(scalar(reader, entry_queries.COUNT_DOCUMENTS, {"client_id": client.id}) or 0),
        last=last_interaction(reader, client),
        money=money_view(reader, client.id, today or clock.today()),
        dates=tuple(dates_of(reader, client.id)),
    )


def form_sources(reader: Reader, reference: str | None) -> tuple[list[CustomField], ClientView | None]:
    """What a client's editor form is made from: the custom fields the database has, and
    the client ``reference`` names with its contacts (None: a new client)."""
    return list_fields(reader), client_view(reader, reference) if reference is not None else None
