"""A contact's labelled emails and phones (work, home, mobile, other), in order.

The first of each kind is the contact's own ``email`` or ``phone``: :func:`write_reach`
keeps the two equal, and every change goes through it. A contact whose only email (or
phone) is labelled work, or who has none, keeps no row of that kind: its own field says
it all, so contacts made before labels were kept, and any import, need nothing more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiaro_cli.declarations.reach import DEFAULT_LABEL, KINDS, LABEL_SYNONYMS, LABELS
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold
from kiaro_cli.storage import reach_queries

if TYPE_CHECKING:
    from kiaro_cli.storage.reader import Reader
    from kiaro_cli.storage.rows import Client, Contact
    from kiaro_cli.storage.unit import Writer

# How the JSON object of a contact names each kind's value.
VALUE_KEYS = {"email": "address", "phone": "number"}
# The vCard TYPE word a label is written as (a mobile is a CELL).
VCARD_TYPES = {"work": "work", "home": "home", "mobile": "cell", "other": "other"}


@dataclass(frozen=True)
class Reach:
    """One email address or phone number of a contact, and its label."""

    value: str
    label: str = DEFAULT_LABEL

    def to_dict(self, kind: str) -> dict[str, str]:
        return {VALUE_KEYS[kind]: self.value, "label": self.label}


@dataclass(frozen=True)
class ReachChanges:
    """What ``contact edit`` adds and removes; ``label`` labels every one added."""

    add_emails: tuple[str, ...] = ()
    remove_emails: tuple[str, ...] = ()
    add_phones: tuple[str, ...] = ()
    remove_phones: tuple[str, ...] = ()
    label: str | None = None

    def __bool__(self) -> bool:
        return any((self.add_emails, self.remove_emails, self.add_phones, self.remove_phones))

    def of(self, kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The values added and removed of ``kind``."""
        if kind == "email":
            return self.add_emails, self.remove_emails
        return self.add_phones, self.remove_phones


def clean_label(text: str) -> str:
    """A label as typed or as another tool writes it ("cell" is mobile), or refused."""
    word = fold(text.strip())
    label = LABEL_SYNONYMS.get(word, word)
    if label not in LABELS:
        raise InvalidValue(f"unknown label '{text.strip()}': use {', '.join(LABELS)}")
    return label


def label_of_types(types: Iterable[str], otherwise: str = DEFAULT_LABEL) -> str:
    """The label a vCard's TYPE words (or a column's) give: the first that is one
    (``voice,cell`` is mobile), else ``otherwise``."""
    for word in types:
        label = LABEL_SYNONYMS.get(word, word)
        if label in LABELS:
            return label
    return otherwise


def clean_reach(kind: str, value: str, country: str | None) -> str:
    """An email or phone as the contact's own field would take it."""
    from kiaro_cli.core.fields import clean_email, clean_phone  # the cleaners: only writes need them

    return clean_email(value) if kind == "email" else clean_phone(value, country)


def listed(own: str | None, rows: Iterable[Mapping[str, Any]], kind: str) -> tuple[Reach, ...]:
    """A contact's emails or phones: its rows of ``kind`` in order, else its own field."""
    kept = tuple(Reach(row["value"], row["label"]) for row in rows if row["kind"] == kind)
    return kept or ((Reach(own),) if own else ())


def reach_by_contact(reader: Reader, sql: str, params: Mapping[str, Any]) -> dict[int, list[dict[str, Any]]]:
    """The rows of a reach query, by contact, each kind in its order."""
    found: dict[int, list[dict[str, Any]]] = {}
    for row in reader.rows(sql, params):
        found.setdefault(row["contact_id"], []).append(dict(row))
    return found


def reach_of_client(reader: Reader, client_id: int) -> dict[int, list[dict[str, Any]]]:
    return reach_by_contact(reader, reach_queries.REACH_OF_CLIENT, {"client_id": client_id})


def reach_of_contact(reader: Reader, contact_id: int) -> list[dict[str, Any]]:
    return reach_by_contact(reader, reach_queries.REACH_OF_CONTACT, {"id": contact_id}).get(contact_id, [])


def read_labelled(cell: str, otherwise: str = DEFAULT_LABEL) -> list[Reach]:
    """A CSV cell of labelled values (``work:ann@acme.com;home:ann@home.org``, as
    codecs/tabular.py writes them) read back; a value with no known label before a colon
    is labelled ``otherwise`` (``ann@acme.com;+27 21 555 0100``)."""
    found = []
    for part in cell.split(";"):
        text = part.strip()
        if not text:
            continue
        label, colon, value = text.partition(":")
        word = fold(label.strip())
        if colon and (word in LABELS or word in LABEL_SYNONYMS):
            found.append(Reach(value.strip(), LABEL_SYNONYMS.get(word, word)))
        else:
            found.append(Reach(text, otherwise))
    return found


# ---------------------------------------------------------------- inside a write


def entries_of(w: Writer, contact: Contact, kind: str) -> list[Reach]:
    assert contact.id is not None
    rows = [row.values() for row in w.reach.of_contact(contact.id)]
    return list(listed(getattr(contact, kind), rows, kind))


def write_reach(w: Writer, contact: Contact, kind: str, entries: Sequence[Reach]) -> None:
    """The one rule: the contact's own email (or phone) is the first of its list; its rows
    are the list, unless the list is that one value labelled work (or nothing)."""
    from kiaro_cli.storage.rows import ContactReach

    assert contact.id is not None
    for row in w.reach.of_contact(contact.id):
        if row.kind == kind:
            w.delete(row)
    setattr(contact, kind, entries[0].value if entries else None)
    w.add(contact)
    for columns in reach_rows(contact.id, kind, entries):
        w.add(ContactReach(**columns))


def add_missing_reach(w: Writer, contact: Contact, kind: str, entries: Sequence[Reach]) -> bool:
    """Give a contact the emails (or phones) it lacks, after its own; False if none."""
    mine = entries_of(w, contact, kind)
    more = [entry for entry in entries if not any(same_value(kind, m.value, entry.value) for m in mine)]
    if more:
        write_reach(w, contact, kind, [*mine, *more])
    return bool(more)


def reach_rows(contact_id: int, kind: str, entries: Sequence[Reach]) -> list[dict[str, Any]]:
    """The contact_reach rows of a contact's emails (or phones): none when the list is its
    own email alone, labelled work (the contact's column says it all)."""
    if len(entries) <= 1 and (not entries or entries[0].label == DEFAULT_LABEL):
        return []
    return [
        {
            "contact_id": contact_id,
            "kind": kind,
            "value": entry.value,
            "label": entry.label,
            "position": position,
        }
        for position, entry in enumerate(entries)
    ]


def replace_first(w: Writer, contact: Contact, kind: str, value: str | None) -> None:
    """The contact's own email or phone set: the first of its list, keeping its label;
    emptied, the next one takes its place."""
    entries = entries_of(w, contact, kind)
    if value is None:
        entries = entries[1:]
    elif entries:  # an address it had further down moves up with its label: never twice
        found = next((entry for entry in entries[1:] if same_value(kind, entry.value, value)), entries[0])
        rest = [entry for entry in entries[1:] if entry is not found]
        entries = [Reach(value, found.label), *rest]
    else:
        entries = [Reach(value)]
    write_reach(w, contact, kind, entries)


def change_reach(w: Writer, client: Client, contact: Contact, changes: ReachChanges) -> None:
    """Add and remove the contact's emails and phones, each with its history line. A
    value added again takes the label given; one not there is refused."""
    label = clean_label(changes.label) if changes.label is not None else None
    for kind in KINDS:
        added, removed = changes.of(kind)
        if not added and not removed:
            continue
        entries = entries_of(w, contact, kind)
        for typed in removed:
            index = _index(entries, kind, clean_reach(kind, typed, client.country))
            if index is None:
                raise InvalidValue(f"{contact.name} has no {kind} '{typed.strip()}'")
            gone = entries.pop(index)
            _log(w, client, contact, f"{kind} {gone.value} removed")
        for typed in added:
            value = clean_reach(kind, typed, client.country)
            index = _index(entries, kind, value)
            if index is None:
                entries.append(Reach(value, label or DEFAULT_LABEL))
                _log(w, client, contact, f"{kind} {value} added ({label or DEFAULT_LABEL})")
            elif label is not None and entries[index].label != label:
                entries[index] = Reach(entries[index].value, label)
                _log(w, client, contact, f"{kind} {value} labelled {label}")
        write_reach(w, contact, kind, entries)


def card_reach(
    kind: str, written: Sequence[str], types: Sequence[Sequence[str]], country: str | None
) -> list[Reach]:
    """A card's emails (or phones) as a contact keeps them: cleaned, labelled from their
    TYPE words, each once; one that is no email or phone is left out."""
    kept: list[Reach] = []
    for number, value in enumerate(written):
        try:
            cleaned = clean_reach(kind, value, country)
        except InvalidValue:
            continue
        if not any(same_value(kind, entry.value, cleaned) for entry in kept):
            kept.append(Reach(cleaned, label_of_types(types[number] if number < len(types) else ())))
    return kept


def same_value(kind: str, one: str, other: str) -> bool:
    """Whether two emails (any case) or two phones (the same digits) are one."""
    if kind == "email":
        return one.casefold() == other.casefold()
    return _digits(one) == _digits(other)


def _index(entries: Sequence[Reach], kind: str, value: str) -> int | None:
    return next((i for i, entry in enumerate(entries) if same_value(kind, entry.value, value)), None)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _log(w: Writer, client: Client, contact: Contact, what: str) -> None:
    w.journal.log(client, "contact changed", f"Contact {contact.name}: {what}", contact_id=contact.id)
