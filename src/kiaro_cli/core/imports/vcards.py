"""Importing an address book (vCards): each card's organisation is a client, each person
at it a contact.

A card's ORG is matched to a client by name or legal name, or becomes a new client; a
card without ORG is a client of its own with that person as its contact. Every card is
checked first; one bad card stops the import, naming its line. The same new-client and
primary-contact rows as every other way of adding a client, and the same dry run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.codecs.csv_table import decode
from kiaro_cli.codecs.vcard import Card, read_cards
from kiaro_cli.core.choices import ROLE_ALIASES, ROLES, pick_choice
from kiaro_cli.core.client_rows import add_missing_tags, new_client_row, refresh_search_text
from kiaro_cli.core.fields import CleanContext, clean_client_values, clean_tags
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import one

if TYPE_CHECKING:
    from kiaro_cli.storage.schema import Client
    from kiaro_cli.storage.unit import Target, Writer

CARD_STATUS = "active"  # people in an address book are clients you work with


@dataclass
class VcardResult:
    clients_added: list[str] = field(default_factory=list)
    clients_matched: list[str] = field(default_factory=list)
    contacts_added: int = 0
    contacts_skipped: int = 0
    written: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "clients_added": self.clients_added,
            "clients_matched": self.clients_matched,
            "contacts_added": self.contacts_added,
            "contacts_skipped": self.contacts_skipped,
            "dry_run": not self.written,
        }


@dataclass(frozen=True)
class CardPlan:
    """One card, checked: the client it names and the person on it (if any)."""

    card_line: int
    client_name: str
    client_values: dict[str, object]
    tags: list[str]
    contact: dict[str, Any] | None


def import_vcards(
    target: Target,
    data: bytes,
    *,
    name: str = "the file",
    dry_run: bool = False,
    today: date | None = None,
) -> VcardResult:
    """Import an address book in one transaction; all or nothing."""
    from kiaro_cli.storage.unit import write

    cards = read_cards(decode(data, name), name)
    plans: list[CardPlan] = []
    errors: list[str] = []
    for card in cards:
        try:
            plans.append(plan_card(card, today or clock.today()))
        except InvalidValue as error:
            errors.extend(
                f"card at line {card.line}: {reason}" for reason in (error.details or [error.message])
            )
    if errors:
        raise InvalidValue(f"{len(errors)} problem(s) in {name}; nothing was imported", errors)
    with write(target, dry_run=dry_run) as w:
        result = _write_cards(w, plans)
    result.written = not dry_run
    return result


def plan_card(card: Card, today: date) -> CardPlan:
    """What one card says, cleaned by the field rules."""
    from kiaro_cli.core.contacts import clean_contact_values

    person, organisation = card.name, card.organisation
    if not person and not organisation:
        raise InvalidValue("it has neither a name (FN) nor an organisation (ORG)")
    client_name = organisation or person
    is_person = card.person or (
        bool(person)
        and not card.company
        and (fold(person or "") != fold(client_name or "") or bool(card.given_name))
    )
    raw = {
        "name": client_name,
        "legal_name": card.legal_name,
        "address_line1": card.street,
        "address_line2": card.street2,
        "city": card.city,
        "region": card.region,
        "postal_code": card.postal_code,
        "country": card.country,
        "website": card.website,
        "email": card.emails[0] if card.emails else None,
        "phone": card.phones[0] if card.phones else None,
        "notes": None if is_person and organisation else card.note,  # a person at a company: not its notes
    }
    values = clean_client_values({key: value for key, value in raw.items() if value}, CleanContext(today))
    contact = None
    if is_person or not organisation:
        country = values.get("country")
        # another program's ROLE may be anything ("CEO"): kept when it is one of ours, else left out
        role = pick_choice(card.role, ROLES, ROLE_ALIASES) if card.role else None
        person_values = {
            "name": person,
            "email": raw["email"],
            "phone": raw["phone"],
            "job_title": card.title,
            "role": role,
        }
        contact = clean_contact_values(person_values, country if isinstance(country, str) else None)
    return CardPlan(card.line, str(values["name"]), values, clean_tags(card.categories), contact)


def _write_cards(w: Writer, plans: Sequence[CardPlan]) -> VcardResult:
    result = VcardResult()
    touched: dict[int, Client] = {}
    added: set[int | None] = set()
    for plan in plans:
        client = _client_of(w, plan, result)
        assert client.id is not None
        touched[client.id] = client
        add_missing_tags(w, client, plan.tags)
        if plan.contact is not None and _add_person(w, client, plan.contact, added):
            result.contacts_added += 1
        elif plan.contact is not None:
            result.contacts_skipped += 1
    for client in touched.values():
        refresh_search_text(w, client)
    return result


def _client_of(w: Writer, plan: CardPlan, result: VcardResult) -> Client:
    """The client a card names: found by name or legal name, or added."""
    from kiaro_cli.storage.schema import Client

    same_name = one(w.reader, queries.CLIENT_IDS_BY_EXACT_NAME, {"key": fold(plan.client_name)})
    if same_name is not None:
        client = w.client(same_name["id"])
        if client.name not in result.clients_added and client.name not in result.clients_matched:
            result.clients_matched.append(client.name)
        return client
    client = Client(**new_client_row({**plan.client_values, "status": CARD_STATUS}, w.at))
    w.add(client)
    w.flush()
    w.journal.log(client, "imported", f"Imported {client.name} (vCard, line {plan.card_line})")
    result.clients_added.append(client.name)
    return client


def _add_person(w: Writer, client: Client, person: dict[str, Any], added: set[int | None]) -> bool:
    """Add the person as a contact unless the client already had them (same name, or an
    address that was there before this import: two people of the file may share one)."""
    from kiaro_cli.storage.schema import Contact

    assert client.id is not None
    existing = w.contacts_of(client.id)
    names = {fold(c.name) for c in existing}
    emails = {fold(c.email) for c in existing if c.email and c.id not in added}
    email = person.get("email")
    if fold(str(person["name"])) in names or (email and fold(str(email)) in emails):
        return False
    contact = Contact(client_id=client.id, created_at=w.at, **person)
    contact.role = contact.role or "other"
    contact.is_primary = not existing
    w.add(contact)
    w.flush()
    w.journal.log(client, "contact added", f"Contact {contact.name} added (vCard)", contact_id=contact.id)
    added.add(contact.id)
    return True
