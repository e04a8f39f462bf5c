"""vCards in and out, as plain :class:`Card` values: the only module that uses vobject.

Out: vCard 3.0, a card's street on two lines when it has a second, its legal name in
``X-KIARO-LEGAL-NAME`` and its kind in ``X-KIARO-KIND`` (contact or company), so that
what kiaro writes it reads back the same. Which cards a client makes is the core's
business (:func:`kiaro_cli.core.exports.address_book`).

In: vCard 3.0 and 4.0 as address books write them (Apple's item groups and photos,
Google's types, 4.0's ``tel:`` URIs and ``KIND:org``), read into plain :class:`Card`
values; a street on several lines is the address and its second line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from kiaro_cli.errors import InvalidValue

# Properties kiaro never imports that may hold large or broken data (photos, sounds, keys).
_SKIPPED = re.compile(r"^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)


@dataclass
class Card:
    """One vCard: what kiaro read from it, or what it will write."""

    line: int = 0  # where a card read from a file starts
    name: str | None = None
    organisation: str | None = None
    company: bool = False  # a card of the organisation itself, not of a person at it
    person: bool = False  # written by kiaro for one of a client's contacts
    given_name: str | None = None
    legal_name: str | None = None
    title: str | None = None
    role: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    street: str | None = None
    street2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    website: str | None = None
    note: str | None = None
    categories: list[str] = field(default_factory=list)
    uid: str | None = None


# ---------------------------------------------------------------- writing


def write_cards(cards: Iterable[Card], out: IO[str]) -> int:
    """Write each card as vCard 3.0; return how many."""
    count = 0
    for card in cards:
        out.write(card_text(card))
        count += 1
    return count


def card_text(card: Card) -> str:
    """One card, serialised. A company card says so the way Apple Contacts reads it
    (``X-ABShowAs:COMPANY``); ``X-KIARO-KIND`` tells kiaro its own contact cards apart."""
    import vobject

    out = vobject.vCard()
    name = card.name or card.organisation or ""
    out.add("fn").value = name
    family, given = (name, "") if card.company else split_name(name)
    out.add("n").value = vobject.vcard.Name(family=family, given=given)
    if card.organisation:
        out.add("org").value = [card.organisation]
    if card.legal_name:
        out.add("x-kiaro-legal-name").value = card.legal_name
    if card.company:
        out.add("x-abshowas").value = "COMPANY"
    out.add("x-kiaro-kind").value = "company" if card.company else "contact"
    if card.title:
        out.add("title").value = card.title
    if card.role:
        out.add("role").value = card.role
    for email in card.emails:
        _typed(out.add("email"), "INTERNET", "WORK").value = email
    for phone in card.phones:
        _typed(out.add("tel"), "WORK").value = phone
    if any((card.street, card.street2, card.city, card.region, card.postal_code, card.country)):
        street = card.street or ""
        if card.street2:
            street += "\n" + card.street2
        _typed(out.add("adr"), "WORK").value = vobject.vcard.Address(
            street=street,
            city=card.city or "",
            region=card.region or "",
            code=card.postal_code or "",
            country=card.country or "",
        )
    if card.website:
        out.add("url").value = card.website
    if card.categories:
        out.add("categories").value = list(card.categories)
    if card.uid:
        out.add("uid").value = card.uid
    serialised: str = out.serialize()
    return serialised


def _typed(line: Any, *types: str) -> Any:
    line.type_paramlist = list(types)
    return line


def split_name(name: str) -> tuple[str, str]:
    """(family, given) for the N property: the last word is taken as the family name."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])


# ---------------------------------------------------------------- reading


def read_cards(text: str, name: str = "the file") -> list[Card]:
    """Every vCard in ``text``; an unreadable file is refused, naming the card's line."""
    import vobject

    lines = _without_skipped(text)
    cards: list[Card] = []
    starts = [number for number, line in lines if line.strip().upper() == "BEGIN:VCARD"]
    if not starts:
        raise InvalidValue(f"{name} has no vCard in it (BEGIN:VCARD)")
    try:
        components = list(vobject.readComponents("\n".join(line for _, line in lines)))
    except Exception as error:  # vobject raises many kinds, all meaning "not readable"
        raise InvalidValue(f"{name} is not a readable vCard file: {str(error).splitlines()[0]}") from None
    for start, component in zip(starts, components, strict=False):
        cards.append(_read_card(component, start))
    return cards


def _without_skipped(text: str) -> list[tuple[int, str]]:
    """The file's lines with their numbers, minus skipped properties and their folded lines."""
    kept: list[tuple[int, str]] = []
    skipping = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line[:1] in (" ", "\t") and skipping:
            continue
        skipping = bool(_SKIPPED.match(line))
        if not skipping:
            kept.append((number, line))
    return kept


def _read_card(component: Any, line: int) -> Card:
    contents = component.contents
    card = Card(line)
    card.name = _text(contents, "fn") or _name_from_n(contents)
    org = _first(contents, "org")
    if org is not None:
        parts = org.value if isinstance(org.value, list) else [org.value]
        card.organisation = (parts[0] if parts else "").strip() or None
    card.company = (_text(contents, "x-abshowas") or "").upper() == "COMPANY" or (
        _text(contents, "kind") or ""
    ).lower() == "org"
    card.person = (_text(contents, "x-kiaro-kind") or "").lower() == "contact"
    card.given_name = _given_name(contents)
    card.legal_name = _text(contents, "x-kiaro-legal-name")
    card.title = _text(contents, "title")
    card.role = _text(contents, "role")
    card.emails = [str(e.value).strip() for e in contents.get("email", []) if str(e.value).strip()]
    card.phones = [_phone(str(t.value)) for t in contents.get("tel", []) if str(t.value).strip()]
    address = _first(contents, "adr")
    if address is not None:
        value = address.value
        street = value.street if isinstance(value.street, str) else "\n".join(value.street)
        first, *more = street.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        card.street = first.strip() or None
        card.street2 = ", ".join(line.strip() for line in more if line.strip()) or None
        card.city = _join(value.city)
        card.region = _join(value.region)
        card.postal_code = _join(value.code)
        card.country = _join(value.country)
    card.website = _text(contents, "url")
    card.note = _text(contents, "note")
    categories = _first(contents, "categories")
    if categories is not None:
        values = categories.value if isinstance(categories.value, list) else [categories.value]
        card.categories = [c.strip() for c in values if c.strip() and c.strip() != "myContacts"]
    return card


def _first(contents: dict[str, list[Any]], key: str) -> Any:
    found = contents.get(key)
    return found[0] if found else None


def _text(contents: dict[str, list[Any]], key: str) -> str | None:
    line = _first(contents, key)
    if line is None:
        return None
    return str(line.value).strip() or None


def _join(value: str | list[str]) -> str | None:
    text = value if isinstance(value, str) else " ".join(value)
    return text.strip() or None


def _given_name(contents: dict[str, list[Any]]) -> str | None:
    line = _first(contents, "n")
    return _join(line.value.given) if line is not None else None


def _name_from_n(contents: dict[str, list[Any]]) -> str | None:
    line = _first(contents, "n")
    if line is None:
        return None
    value = line.value
    return " ".join(part for part in (_join(value.given), _join(value.family)) if part) or None


def _phone(value: str) -> str:
    """A number as typed; vCard 4.0 writes it as a ``tel:`` URI."""
    value = value.strip()
    return value[4:] if value.lower().startswith("tel:") else value
