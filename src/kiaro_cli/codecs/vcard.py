"""vCards in and out, as plain :class:`Card` values: the only module that uses vobject.

Out: vCard 3.0, a card's street on two lines when it has a second, its legal name in
``X-KIARO-LEGAL-NAME`` and its kind in ``X-KIARO-KIND`` (contact or company), so that
what kiaro writes it reads back the same. Which cards a client makes is the core's
business (:func:`kiaro_cli.core.exports.address_book`).

In: vCard 2.1, 3.0 and 4.0 as address books write them (quoted-printable text in any
charset, Apple's item groups and photos, Google's types and escaped ``\\:``, 4.0's
``tel:`` URIs with extensions and ``KIND:org``), read card by card into plain
:class:`Card` values, each with its line in the file and the properties left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from kiaro_cli.codecs.vcard_text import (
    OMITTED_YEAR,
    Charsets,
    birthday_of,
    east_asian,
    filed_as,
    joined,
    logical_lines,
    phone_of,
    plain_line,
    street_lines,
    unescaped,
    with_literal_commas,
)
from kiaro_cli.errors import InvalidValue

# Properties kiaro never imports that may hold large or broken data (photos, sounds, keys).
_SKIPPED = re.compile(r"^(?:[\w-]+\.)?(PHOTO|LOGO|SOUND|KEY|PROFILE|X-MS-CARDPICTURE)[;:]", re.IGNORECASE)


@dataclass
class Postal:
    """A postal address of a card."""

    street: str | None = None  # as read, it may hold several lines
    street2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    po_box: str | None = None
    types: tuple[str, ...] = ()  # as read, lower case: "work", "home", "pref"…
    label: str | None = None  # the X-ABLabel of its item group, as Apple and Google name one


BILLING_LABEL = "Billing"  # the X-ABLabel of a card's billing email and address
BILLING_LABELS = frozenset(("billing", "invoice", "invoices", "invoicing", "accounts payable"))


@dataclass
class Card:
    """One vCard: what kiaro read from it, or what it will write. A company card may carry
    where invoices go: an email and an address labelled Billing (as Apple and Google label
    them: an ``itemN.`` group with ``X-ABLabel:Billing``)."""

    line: int = 0  # where a card read from a file starts
    name: str | None = None
    organisation: str | None = None
    company: bool = False  # a card of the organisation itself, not of a person at it
    person: bool = False  # written by kiaro for one of a client's contacts
    group: str | None = None  # the property that makes it a group of cards, not one person or company
    given_name: str | None = None  # N's given and family names (a company card has neither)
    family_name: str | None = None
    legal_name: str | None = None
    title: str | None = None
    role: str | None = None
    birthday: str | None = None  # YYYY-MM-DD, or --MM-DD without its year, as kiaro keeps one
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    # each email's and phone's TYPE words, lower case, beside it ("home", "cell"); as written,
    # one missing is WORK
    email_types: list[tuple[str, ...]] = field(default_factory=list)
    phone_types: list[tuple[str, ...]] = field(default_factory=list)
    street: str | None = None  # the address written (a card read has its addresses below)
    street2: str | None = None
    po_box: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    website: str | None = None
    note: str | None = None
    billing_email: str | None = None
    billing_address: Postal | None = None
    categories: list[str] = field(default_factory=list)
    uid: str | None = None
    # as read: every address but the billing one (the street fields above are for writing),
    # the ORG units after the first (departments), the URLs after the first
    addresses: list[Postal] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    more_urls: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # LABEL: addresses formatted to print
    guessed_charset: str | None = None  # quoted-printable text naming no charset read in this one
    unread: list[str] = field(default_factory=list)  # properties of a card read that kiaro leaves out
    source: str = ""  # the card's text, as the file had it


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
    named = card.given_name is not None or card.family_name is not None
    family, given = (card.family_name or "", card.given_name or "") if named else (name, "")
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
    if card.birthday:
        _add_birthday(out, card.birthday)
    for number, email in enumerate(card.emails):
        types = card.email_types[number] if number < len(card.email_types) else ("work",)
        _typed(out.add("email"), "INTERNET", *(word.upper() for word in types)).value = email
    for number, phone in enumerate(card.phones):
        types = card.phone_types[number] if number < len(card.phone_types) else ("work",)
        _typed(out.add("tel"), *(word.upper() for word in types)).value = phone
    own = Postal(card.street, card.street2, card.city, card.region, card.postal_code, card.country)
    if any(vars(own).values()):
        _add_address(out, own, None, "WORK")
    if card.billing_email:
        _typed(out.add("email", group="item1"), "INTERNET", "WORK").value = card.billing_email
        out.add("x-ablabel", group="item1").value = BILLING_LABEL
    if card.billing_address is not None:
        _add_address(out, card.billing_address, "item2", "WORK")
        out.add("x-ablabel", group="item2").value = BILLING_LABEL
    for number, postal in enumerate(card.addresses, start=3):  # further ones, each with its label
        _add_address(out, postal, f"item{number}", *(word.upper() for word in postal.types))
        if postal.label:
            out.add("x-ablabel", group=f"item{number}").value = postal.label
    if card.website:
        out.add("url").value = card.website
    if card.categories:
        out.add("categories").value = list(card.categories)
    if card.uid:
        out.add("uid").value = card.uid
    serialised: str = out.serialize()
    return serialised


def _add_address(out: Any, postal: Postal, group: str | None, *types: str) -> None:
    import vobject

    street = postal.street or ""
    if postal.street2:
        street += "\n" + postal.street2
    _typed(out.add("adr", group=group), *types).value = vobject.vcard.Address(
        street=street,
        city=postal.city or "",
        region=postal.region or "",
        code=postal.postal_code or "",
        country=postal.country or "",
    )


def _add_birthday(out: Any, birthday: str) -> None:
    """BDAY as vCard 3.0 has it; without its year the way Apple writes one (a year that is
    not one, named by X-APPLE-OMIT-YEAR), which phones and CardDAV servers read."""
    line = out.add("bday")
    if birthday.startswith("--"):
        line.value = f"{OMITTED_YEAR}-{birthday[2:]}"
        line.params["X-APPLE-OMIT-YEAR"] = [OMITTED_YEAR]
    else:
        line.value = birthday


def _typed(line: Any, *types: str) -> Any:
    line.type_paramlist = list(types)
    return line


# ---------------------------------------------------------------- reading

# Properties kiaro reads, or that only say how a card was written.
READ = frozenset(
    [
        "version",
        "prodid",
        "rev",
        "uid",
        "n",
        "fn",
        "org",
        "title",
        "role",
        "bday",
        "email",
        "tel",
        "adr",
        "url",
        "note",
        "categories",
        "kind",
        "label",
        "profile",
        "name",
        "source",
        "sort-string",
        "x-abshowas",
        "x-abuid",
        "x-ablabel",
        "x-abadr",
        "x-kiaro-legal-name",
        "x-kiaro-kind",
        "x-evolution-file-as",
    ]
)
_VOBJECT_LINE = re.compile(r"^At line \d+: ")


@dataclass(frozen=True)
class Unreadable:
    """A card that cannot be read, where it starts, and why."""

    line: int
    reason: str
    text: str


def read_cards(
    text: str, name: str = "the file", *, encoding: str | None = None, file_encoding: str = "utf-8"
) -> tuple[list[Card], list[Unreadable]]:
    """Every vCard in ``text`` (2.1, 3.0 or 4.0), each read on its own: one that cannot be
    read is returned apart, with its line in the file, and the others are still read.
    Quoted-printable text naming no charset that is not UTF-8 is read in the charset
    ``encoding`` (--encoding) names, else the one the file's other cards name, else the
    file's own (:class:`Charsets`); a card says when that was a guess."""
    blocks = list(_blocks(text))
    if not blocks:
        raise InvalidValue(f"{name} has no vCard in it (BEGIN:VCARD)")
    charsets = Charsets.of(text, encoding, file_encoding)
    cards: list[Card] = []
    unreadable: list[Unreadable] = []
    for start, lines, skipped in blocks:
        source = "\n".join(lines)
        logical = logical_lines(lines, start)
        try:
            plain = [plain_line(line, charsets) for line in logical]
            card = _read_card(_parsed("\n".join(with_literal_commas([line for line, _ in plain]))), start)
        except Exception as error:  # vobject raises many kinds, all meaning "not readable"
            reason = _VOBJECT_LINE.sub("", str(error).splitlines()[0] if str(error) else type(error).__name__)
            unreadable.append(Unreadable(start, reason, source))
            continue
        card.unread = sorted({*card.unread, *skipped})
        card.source = source
        card.guessed_charset = next((guess for _, guess in plain if guess), None)
        cards.append(card)
    return cards, unreadable


def _parsed(source: str) -> Any:
    """A card's component (its quoted-printable text already decoded)."""
    import vobject

    return vobject.readOne(source)


def _blocks(text: str) -> Iterator[tuple[int, list[str], set[str]]]:
    """Each card's first line number, its lines (photos and PROFILE left out, so that a
    broken photo never stops a card) and the names of the properties left out."""
    lines: list[str] = []
    skipped: set[str] = set()
    start = 0
    skipping = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().upper() == "BEGIN:VCARD":
            start, lines, skipped, skipping = number, [], set(), False
        if not start or not line.strip():  # some programs write a blank line between lines
            continue
        if line[:1] in (" ", "\t") and skipping:
            continue
        dropped = _SKIPPED.match(line)
        skipping = bool(dropped)
        if dropped:
            if dropped.group(1).upper() != "PROFILE":  # PROFILE only says it is a vCard
                skipped.add(dropped.group(1).upper())
            continue
        lines.append(line)
        if line.strip().upper() == "END:VCARD":
            yield start, lines, skipped
            start = 0


def _read_card(component: Any, line: int) -> Card:
    contents = component.contents
    card = Card(line)
    card.name = (
        _text(contents, "fn")
        or _name_from_n(contents)
        or filed_as(_text(contents, "x-evolution-file-as"))  # Evolution's, when FN is bare
        or _text(contents, "nickname")
    )
    org = _first(contents, "org")
    if org is not None:
        # "ORG:Company, The;Department": vobject splits the unescaped comma too
        parts = [",".join(p) if isinstance(p, list) else p for p in _listed(org.value)]
        units = [unescaped(part) for part in parts]
        card.organisation = units[0] if units and units[0] else None
        card.departments = [unit for unit in units[1:] if unit]
    card.company = (_text(contents, "x-abshowas") or "").upper() == "COMPANY" or (
        _text(contents, "kind") or ""
    ).lower() == "org"
    card.person = (_text(contents, "x-kiaro-kind") or "").lower() == "contact"
    groups = {"kind": "group", "x-addressbookserver-kind": "group", "x-evolution-list": "true"}
    card.group = next((k.upper() for k, v in groups.items() if (_text(contents, k) or "").lower() == v), None)
    card.given_name, card.family_name = _name_part(contents, "given"), _name_part(contents, "family")
    card.legal_name = _text(contents, "x-kiaro-legal-name")
    card.title = _text(contents, "title")
    card.role = _text(contents, "role")
    card.birthday = _birthday(contents)
    billing = _billing_groups(contents)
    emailed = [e for e in contents.get("email", []) if e.group not in billing and unescaped(str(e.value))]
    card.email_types = [_types(e) for e in emailed]
    card.phone_types = [_types(t) for t in contents.get("tel", []) if str(t.value).strip()]
    emails = [(e.group in billing, unescaped(str(e.value))) for e in contents.get("email", [])]
    card.emails = [email for billed, email in emails if email and not billed]
    card.billing_email = next((email for billed, email in emails if email and billed), None)
    card.phones = [phone_of(str(t.value)) for t in contents.get("tel", []) if str(t.value).strip()]
    labels = {
        label.group: unescaped(str(label.value)).strip("_$!<>") for label in contents.get("x-ablabel", [])
    }
    for adr in contents.get("adr", []):
        postal = _postal(adr, labels.get(adr.group) if adr.group else None)
        if adr.group in billing and card.billing_address is None:
            card.billing_address = postal
        elif any(value for value in vars(postal).values() if isinstance(value, str)):
            card.addresses.append(postal)
    card.labels = [text for label in contents.get("label", []) if (text := unescaped(str(label.value)))]
    urls = [unescaped(str(url.value)) for url in contents.get("url", [])]
    urls = [url for url in urls if url]
    card.website, card.more_urls = (urls[0], urls[1:]) if urls else (None, [])
    notes = [unescaped(str(note.value)) for note in contents.get("note", [])]
    card.note = "\n".join(note for note in notes if note) or None
    card.uid = _text(contents, "uid")
    categories = _first(contents, "categories")
    if categories is not None:
        values = categories.value if isinstance(categories.value, list) else [categories.value]
        card.categories = [c.strip() for c in values if c.strip() and c.strip() != "myContacts"]
    card.unread = [key.upper() for key in contents if key not in READ and not key.startswith("x-kiaro")]
    if "bday" in contents and card.birthday is None:
        card.unread.append("BDAY")  # not a day kiaro can read
    return card


def _birthday(contents: dict[str, list[Any]]) -> str | None:
    """A card's BDAY as kiaro keeps a birthday (:func:`birthday_of`), or None."""
    line = _first(contents, "bday")
    if line is None:
        return None
    return birthday_of(str(line.value), [str(value) for value in line.params.get("X-APPLE-OMIT-YEAR", [])])


def _postal(line: Any, label: str | None) -> Postal:
    value = line.value
    return Postal(
        street_lines(value.street),
        joined(value.extended),
        joined(value.city),
        joined(value.region),
        joined(value.code),
        joined(value.country),
        po_box=joined(value.box),
        types=_types(line),
        label=label or None,
    )


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _types(line: Any) -> tuple[str, ...]:
    """A property's TYPE words, lower case ("TYPE=INTERNET,HOME;type=pref", vCard 2.1's "HOME;VOICE")."""
    given = [*line.params.get("TYPE", []), *getattr(line, "singletonparams", [])]
    return tuple(word.strip().lower() for value in given for word in str(value).split(",") if word.strip())


def _billing_groups(contents: dict[str, list[Any]]) -> set[str]:
    """The ``itemN`` groups labelled as billing (``X-ABLabel:Billing``)."""
    return {
        label.group
        for label in contents.get("x-ablabel", [])
        if label.group and unescaped(str(label.value)).strip("_$!<>").lower() in BILLING_LABELS
    }


def _first(contents: dict[str, list[Any]], key: str) -> Any:
    found = contents.get(key)
    return found[0] if found else None


def _text(contents: dict[str, list[Any]], key: str) -> str | None:
    line = _first(contents, key)
    if line is None:
        return None
    return unescaped(str(line.value)).strip() or None


def _name_part(contents: dict[str, list[Any]], part: str) -> str | None:
    line = _first(contents, "n")
    return joined(getattr(line.value, part)) if line is not None else None


def _name_from_n(contents: dict[str, list[Any]]) -> str | None:
    line = _first(contents, "n")
    if line is None:
        return None
    value = line.value
    given, family = joined(value.given), joined(value.family)
    parts = (family, given) if family and east_asian(family) else (given, family)
    return " ".join(part for part in parts if part) or None
