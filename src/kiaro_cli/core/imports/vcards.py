"""Importing an address book (vCards): each card's organisation is a client, each person
at it a contact.

A card's ORG is matched to a client by name, or becomes a new client; a card without ORG
is a client of its own with that person as its contact. What a card holds beyond one
email and one phone (more addresses of either, a person's note) is kept in the client's
notes; a phone or country kiaro cannot check is kept or left out with a warning, as in
a CSV import. Every card is checked first: one bad card stops the import, naming its
line, unless bad cards are set aside. The same new-client and contact rows as every
other way of adding a client, and the same dry run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.codecs.vcard import Card, read_cards
from kiaro_cli.codecs.vcard_text import decode_vcards
from kiaro_cli.core.addresses import add_address, clean_address
from kiaro_cli.core.choices import ROLE_ALIASES, ROLES, pick_choice
from kiaro_cli.core.client_rows import (
    Person,
    add_missing_tags,
    add_person,
    apply_changes,
    new_client_row,
    refresh_search_text,
)
from kiaro_cli.core.fields import (
    CleanContext,
    clean_client_values,
    clean_email,
    clean_line,
    clean_name,
    clean_tags,
)
from kiaro_cli.core.imports import cells
from kiaro_cli.core.imports.card_addresses import (
    CardAddress,
    add_card_addresses,
    address_values,
    card_address,
    main_address,
)
from kiaro_cli.core.imports.clean import Notes, with_extras
from kiaro_cli.core.imports.plan import Reject
from kiaro_cli.core.reach import Reach, label_of_types, same_value
from kiaro_cli.core.yearly import clean_birthday
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import one
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client
    from kiaro_cli.storage.unit import Target, Writer

CARD_STATUS = "active"  # people in an address book are clients you work with


@dataclass
class VcardResult:
    clients_added: list[str] = field(default_factory=list)
    clients_matched: list[str] = field(default_factory=list)
    contacts_added: int = 0
    contacts_skipped: int = 0
    addresses_added: int = 0  # further addresses of clients (a card's home address, another office)
    written: bool = False
    rejected: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_kept: dict[str, int] = field(default_factory=dict)  # a property left out → how many cards had it
    encoding: str = "utf-8"
    fallback: bool = False  # not UTF-8: read as Windows-1252

    def to_dict(self) -> dict[str, object]:
        return {
            "clients_added": self.clients_added,
            "clients_matched": self.clients_matched,
            "contacts_added": self.contacts_added,
            "contacts_skipped": self.contacts_skipped,
            "addresses_added": self.addresses_added,
            "rejected": [{"line": r.line, "reasons": r.reasons} for r in self.rejected],
            "warnings": self.warnings,
            "not_kept": self.not_kept,
            "encoding": self.encoding,
            "dry_run": not self.written,
        }


@dataclass(frozen=True)
class CardPlan:
    """One card, checked: the client it names, the person on it (if any), the lines it
    adds to the client's notes, and its addresses: the main one (a new client's own
    address) and the others (further addresses of the client)."""

    card_line: int
    client_name: str
    client_values: dict[str, object]
    tags: list[str]
    person: Person | None
    notes: list[str]
    billing: dict[str, str | None] | None = None  # an invoicing address (a new client's)
    main: CardAddress | None = None
    others: list[CardAddress] = field(default_factory=list)
    speaker: str | None = None  # whose lines they are in the notes of the company they work at


def import_vcards(
    target: Target,
    data: bytes,
    *,
    name: str = "the file",
    encoding: str | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    today: date | None = None,
) -> VcardResult:
    """Import an address book in one transaction; all or nothing unless bad cards are set aside."""
    from kiaro_cli.storage.unit import write

    decoded = decode_vcards(data, name, encoding)
    cards, unreadable = read_cards(decoded.text, name, encoding=encoding, file_encoding=decoded.encoding)
    notes = Notes()
    plans: list[CardPlan] = []
    rejected = [Reject(card.line, [card.reason], [card.text]) for card in unreadable]
    for card in cards:
        try:
            plans.append(plan_card(card, today or clock.today(), notes))
        except InvalidValue as error:
            rejected.append(Reject(card.line, error.details or [error.message], [card.source]))
    rejected.sort(key=lambda reject: reject.line)
    if rejected and not skip_invalid:
        problems = [f"card at line {r.line}: {reason}" for r in rejected for reason in r.reasons]
        raise InvalidValue(
            f"{counted(len(rejected), 'card')} cannot be imported; nothing was imported", problems
        )
    with write(target, dry_run=dry_run) as w:
        result = _write_cards(w, plans)
    result.written = not dry_run
    result.rejected = rejected
    result.warnings = [*_guessed(cards), *notes.warnings]
    result.not_kept = dict(sorted(Counter(key for card in cards for key in card.unread).items()))
    result.encoding, result.fallback = decoded.encoding, decoded.fallback
    return result


def plan_card(card: Card, today: date, notes: Notes) -> CardPlan:
    """What one card says, cleaned by the field rules."""
    person, organisation = card.name, card.organisation
    if card.group:
        raise InvalidValue(f"it is a group of contacts ({card.group}), not a person or a company")
    if not person and not organisation:
        raise InvalidValue("it has neither a name (FN) nor an organisation (ORG)")
    client_name = organisation or person or ""
    is_person = card.person or (
        bool(person)
        and not card.company
        and (fold(person or "") != fold(client_name) or bool(card.given_name))
    )
    at_company = is_person and bool(organisation)
    made = is_person or not organisation  # a contact is made of the card
    where = f"card at line {card.line}"
    # a contact's further emails and phones are its own; a company's go to its notes
    extras = [] if made else [("Email", email) for email in _further(card.emails)]
    extras += (
        []
        if made
        else [("Phone", phone) for phone in _further(card.phones)]
        + [
            ("Birthday", day)
            for day in (card.birthday,)
            if day  # a company card's
        ]
    )
    main, more = main_address(card.addresses)
    fields = address_values(main, where, notes, extras) if main is not None else {}
    first = card_address(main, where, Notes(), [], person if at_company else None) if main else None
    others = [card_address(postal, where, notes, extras, person if at_company else None) for postal in more]
    extras += [address.note for address in others if address.values is None]
    if not card.addresses:  # an address only formatted to print (LABEL with no ADR)
        extras += [
            ("Address", ", ".join(filter(None, map(str.strip, label.splitlines())))) for label in card.labels
        ]
    urls = [url for url in (card.website, *card.more_urls) if url]
    website = next((url for url in urls if not cells.is_social(url)), None)
    extras += [("Website", url) for url in urls if url != website]
    extras += [("Department", unit) for unit in card.departments]
    role = pick_choice(card.role, ROLES, ROLE_ALIASES) if card.role else None
    title = card.title or (card.role if role is None and is_person else None)
    if card.role and role is None and title != card.role:
        extras.append(("Role", card.role))
    if card.title and not is_person:
        extras.append(("Title", card.title))
    raw = {
        "name": client_name,
        "legal_name": card.legal_name,
        **{key: value for key, value in fields.items() if key != "country"},
        "website": website,
        "email": card.emails[0] if card.emails else None,
        "invoice_email": card.billing_email,
    }
    country = fields.get("country")
    values = clean_client_values(
        {key: value for key, value in raw.items() if value}, CleanContext(today, country)
    )
    values["country"] = country
    if card.phones:
        values["phone"], warning = cells.import_phone(card.phones[0], country)
        if warning:
            notes.warnings.append(f"{where}: {warning}")
    contact = _person(card, values, (title, role), notes, extras, today) if made else None
    lines: list[str] = []
    if at_company:  # the person's own note and details: the client's notes, under their name
        said = with_extras(card.note, extras) if card.note or extras else ""
        lines = [f"{person}: {line}" for line in said.splitlines() if line.strip()]
    elif card.note or extras:
        values["notes"] = with_extras(card.note, extras)
    values = {key: value for key, value in values.items() if value is not None}
    tags = clean_tags(card.categories)
    billing = _billing(card, notes)
    kept = [address for address in others if address.values is not None]
    speaker = person if at_company else None
    return CardPlan(
        card.line, str(values["name"]), values, tags, contact, lines, billing, first, kept, speaker
    )


def _guessed(cards: Sequence[Card]) -> list[str]:
    """One warning for the cards whose quoted-printable text named no charset and was not
    UTF-8: which charset it was read in."""
    guessed = [card for card in cards if card.guessed_charset]
    if not guessed:
        return []
    lines = ", ".join(str(card.line) for card in guessed[:5]) + (", …" if len(guessed) > 5 else "")
    return [
        f"quoted-printable text naming no charset on {counted(len(guessed), 'card')} (line {lines}) "
        f"read as {guessed[0].guessed_charset}; if names read wrong, give the charset with --encoding"
    ]


def _billing(card: Card, notes: Notes) -> dict[str, str | None] | None:
    """The card's billing address as an invoicing address, or None (with a warning when it
    cannot be one)."""
    postal = card.billing_address
    if postal is None:
        return None
    values = {
        "line1": postal.street,
        "line2": postal.street2,
        "city": postal.city,
        "region": postal.region,
        "postal_code": postal.postal_code,
        "country": postal.country,
    }
    try:
        clean_address(values, required=True)
    except InvalidValue as error:
        notes.warnings.append(f"card at line {card.line}: billing address left out: {error.message}")
        return None
    return values


def _further(values: Sequence[str]) -> list[str]:
    """The values after the first, each once (a card may list one number as work and cell)."""
    seen = {values[0].casefold()} if values else set()
    further = []
    for value in values[1:]:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            further.append(value)
    return further


def _labelled(
    card: Card, kind: str, country: str | None, notes: Notes, extras: list[tuple[str, str]]
) -> tuple[Reach, ...]:
    """A person's emails or phones with the labels their TYPE words give, each once, the
    first being the one the client took; a further email that is no address goes to the notes."""
    values, types = (card.emails, card.email_types) if kind == "email" else (card.phones, card.phone_types)
    kept: list[Reach] = []
    for number, value in enumerate(values):
        label = label_of_types(types[number] if number < len(types) else ())
        try:
            if kind == "email":
                cleaned = clean_email(value)
            else:
                cleaned, warning = cells.import_phone(value, country)
                if warning and number:
                    notes.warnings.append(f"card at line {card.line}: {warning}")
        except InvalidValue:
            extras.append(("Email", value))
            continue
        if not any(same_value(kind, entry.value, cleaned) for entry in kept):
            kept.append(Reach(cleaned, label))
    return tuple(kept)


def _person(
    card: Card,
    values: dict[str, Any],
    title_and_role: tuple[str | None, str | None],
    notes: Notes,
    extras: list[tuple[str, str]],
    today: date,
) -> Person:
    # another program's ROLE may be anything ("CEO"): a role when it is one of ours, else
    # the job title when the card has none, else a line of the notes
    title, role = title_and_role
    title = clean_line(title, "job title", limit=200) if title else None
    email, phone = values.get("email"), values.get("phone")
    name = clean_name(card.name or "", "contact name")
    given, family = (
        clean_line(part or "", "name", limit=200) for part in (card.given_name, card.family_name)
    )
    country = values.get("country")
    emails = _labelled(card, "email", country, notes, extras)
    phones = _labelled(card, "phone", country, notes, extras)
    if phone and phones:  # the number the client took, cleaned for its country
        phones = (Reach(str(phone), phones[0].label), *phones[1:])
    return Person(
        name,
        str(email) if email else None,
        str(phone) if phone else None,
        title,
        role,
        given,
        family,
        emails if email else (),
        phones if phone else (),
        _birthday(card, today, notes, extras),
    )


def _birthday(card: Card, today: date, notes: Notes, extras: list[tuple[str, str]]) -> str | None:
    """A card's birthday, as a contact keeps it; one that is not (a day ahead) goes to the
    notes, said in a warning."""
    if not card.birthday:
        return None
    try:
        return clean_birthday(card.birthday, today)
    except InvalidValue as error:
        notes.warnings.append(f"card at line {card.line}: {error.message}; kept in the notes")
        extras.append(("Birthday", card.birthday))
        return None


def _write_cards(w: Writer, plans: Sequence[CardPlan]) -> VcardResult:
    result = VcardResult()
    touched: dict[int, Client] = {}
    lines: dict[str, list[str]] = {}
    firsts: dict[str, CardPlan] = {}
    for plan in plans:
        key = fold(plan.client_name)
        first = firsts.setdefault(key, plan)
        lines.setdefault(key, []).extend(plan.notes)
        if first is not plan:  # a further card of one client: its address joins the client's
            lines[key].extend(_joining(plan, first))
    fresh: set[int] = set()
    matched: set[int] = set()
    for plan in plans:
        client, created = _client_of(w, plan, result, lines, matched)
        assert client.id is not None
        touched[client.id] = client
        add_missing_tags(w, client, plan.tags)
        if plan.billing is not None and client.name in result.clients_added:
            add_address(w, str(client.id), plan.billing, kind="invoicing")
        if not created and firsts[fold(plan.client_name)] is plan:  # a client there before
            lines.setdefault(fold(client.name), []).extend(_joining(plan, None))
        joining = [plan.main] if plan.main is not None and not created else []
        result.addresses_added += add_card_addresses(w, client, [*joining, *plan.others])
        if plan.person is not None and add_person(w, client, plan.person, fresh, how="vCard"):
            result.contacts_added += 1
        elif plan.person is not None:
            result.contacts_skipped += 1
    for client_id in matched:
        _add_notes(w, touched[client_id], lines.get(fold(touched[client_id].name), []))
    for client in touched.values():
        refresh_search_text(w, client)
    return result


def _joining(plan: CardPlan, first: CardPlan | None) -> list[str]:
    """The notes line of a card's main address that cannot be an address of its own, when
    the client's own address is not it (another card's, or one the client had before)."""
    main = plan.main
    if main is None or main.values is not None or (first is not None and first.main == main):
        return []
    label, text = main.note
    return [f"{plan.speaker}: {label}: {text}" if plan.speaker else f"{label}: {text}"]


def _client_of(
    w: Writer, plan: CardPlan, result: VcardResult, lines: dict[str, list[str]], matched: set[int]
) -> tuple[Client, bool]:
    """The client a card names: found by name, or added with the notes its cards bring;
    and whether this card added it."""
    from kiaro_cli.storage.rows import Client

    same_name = one(w.reader, queries.CLIENT_IDS_BY_EXACT_NAME, {"key": fold(plan.client_name)})
    if same_name is not None:
        client = w.clients.get(same_name["id"])
        if client.name not in result.clients_added and client.name not in result.clients_matched:
            result.clients_matched.append(client.name)
            matched.add(same_name["id"])
        return client, False
    values = dict(plan.client_values)
    brought = lines.pop(fold(plan.client_name), [])
    if brought:
        values["notes"] = "\n".join([*([str(values["notes"])] if values.get("notes") else []), *brought])
    client = Client(**new_client_row({**values, "status": CARD_STATUS}, w.at))
    w.add(client)
    w.flush()
    w.journal.log(client, "imported", f"Imported {client.name} (vCard, line {plan.card_line})")
    result.clients_added.append(client.name)
    return client, True


def _add_notes(w: Writer, client: Client, lines: Sequence[str]) -> None:
    """Add what the cards said of a client that was already there to its notes."""
    if not lines:
        return
    from kiaro_cli.core.clients import load_client

    assert client.id is not None
    notes = "\n".join([*([client.notes] if client.notes else []), *lines])
    apply_changes(w, client, load_client(w.reader, client.id), {"notes": notes})
