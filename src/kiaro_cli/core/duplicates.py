"""Likely duplicate clients, and merging two clients into one.

Two clients are likely duplicates when their names are the same once case,
accents, punctuation and legal suffixes are set aside ("Acme Corp." and "ACME
Corporation"), when they share an email or a phone number, or when their names
are nearly identical (a typo apart). Merging keeps one, fills its empty fields
from the other, moves everything of the other onto it, and removes the other,
in one transaction that ``kiaro undo`` can take back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from kiaro_cli.declarations.client import CLIENT
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.core.records import ClientRecord
    from kiaro_cli.storage.reader import Reader
    from kiaro_cli.storage.unit import Target, Writer

LEGAL_SUFFIXES = {
    "ltd", "limited", "llc", "llp", "inc", "incorporated", "corp", "corporation", "co", "company",
    "gmbh", "ag", "kg", "ug", "bv", "nv", "vof", "pty", "plc", "sa", "sas", "sarl", "srl", "spa",
    "sl", "oy", "ab", "as", "aps", "se", "kk", "pte", "the",
}  # fmt: skip
SIMILAR = 0.9  # SequenceMatcher ratio of normalised names above which they are "nearly identical"
NEIGHBOURS = 6  # how many names around each one (sorted forwards and backwards) are compared
DUPLICATE_KEYS = ("id", "name", "other_id", "other_name", "reasons")


def normalised_name(name: str) -> str:
    """A name without case, accents, punctuation, 't/a' trading names or legal suffixes;
    "&" and "and" are both left out ("Smith & Sons" and "Smith and Sons" are "smith sons")."""
    trading = fold(name).split(" t/a ")[0].replace(".", "")  # "B.V." is "bv", "Inc." is "inc"
    words = [word for word in re.sub(r"[^0-9a-z]+", " ", trading).split() if word != "and"] or ["and"]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def phone_key(phone: str | None, country: str | None = None) -> tuple[str | None, str] | None:
    """(country code, national number) of a phone, the whole number: +81 3-1234-5678 and
    +353 1 234 5678 differ. A national number (020 123 4567) of a client whose country is
    unknown has no country code: it matches the same national number in any country."""
    number = re.sub(r"\s*(?:x|ext\.?|extension)\s*\d+$", "", phone or "", flags=re.IGNORECASE).strip()
    digits = re.sub(r"\D", "", number)
    if len(digits) < 6:
        return None
    international = number.startswith(("+", "00"))
    if international or country:
        import phonenumbers

        from kiaro_cli.phones import read_phone

        parsed = read_phone("+" + digits[2:] if number.startswith("00") else number, country)
        if parsed is not None:
            return str(parsed.country_code), phonenumbers.national_significant_number(parsed)
        if international:
            return "", digits.removeprefix("00")  # unreadable: the whole number as typed
    return None, digits.removeprefix("0")  # national: without its trunk prefix


@dataclass
class DuplicatePair:
    id: int
    name: str
    other_id: int
    other_name: str
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in DUPLICATE_KEYS}


def find_duplicates(reader: Reader) -> list[DuplicatePair]:
    """Every pair of clients that are likely the same, with why, lowest ids first."""
    from kiaro_cli.storage import queries

    clients = list(reader.rows(queries.DUPLICATE_CANDIDATES))
    names = {row["id"]: row["name"] for row in clients}
    pairs: dict[tuple[int, int], list[str]] = {}

    def note(a: int, b: int, reason: str) -> None:
        reasons = pairs.setdefault((min(a, b), max(a, b)), [])
        if reason not in reasons:
            reasons.append(reason)

    keys = {row["id"]: normalised_name(row["name"]) for row in clients}
    for reason, key_of in (
        ("same name", lambda row: keys[row["id"]] or None),
        ("same email", lambda row: fold(row["email"]) if row["email"] else None),
    ):
        for group in _groups(clients, key_of):
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    note(a, b, reason)
    for a, b in _same_phones(clients):
        note(a, b, "same phone")
    for a, b, ratio in _similar_names(keys):
        note(a, b, f"similar names ({ratio:.0%})")
    return [DuplicatePair(a, names[a], b, names[b], reasons) for (a, b), reasons in sorted(pairs.items())]


def _groups(rows: Iterable[Mapping[str, Any]], key_of: Any) -> Iterable[list[int]]:
    found: dict[str, list[int]] = {}
    for row in rows:
        key = key_of(row)
        if key:
            found.setdefault(key, []).append(row["id"])
    return (ids for ids in found.values() if len(ids) > 1)


def _same_phones(rows: Iterable[Mapping[str, Any]]) -> Iterable[tuple[int, int]]:
    """Pairs of clients with one phone number: the same national number, and the same
    country code where both are known."""
    by_number: dict[str, list[tuple[int, str | None]]] = {}
    for row in rows:
        key = phone_key(row["phone"], row["country"])
        if key is not None:
            by_number.setdefault(key[1], []).append((row["id"], key[0]))
    for group in by_number.values():
        for i, (a, code_a) in enumerate(group):
            for b, code_b in group[i + 1 :]:
                if code_a == code_b or code_a is None or code_b is None:
                    yield a, b


def _similar_names(keys: Mapping[int, str]) -> Iterable[tuple[int, int, float]]:
    """Nearly identical (not equal) names, comparing each with its neighbours in two sort orders."""
    seen: set[tuple[int, int]] = set()
    for order in (lambda item: item[1], lambda item: item[1][::-1]):
        ranked = sorted(((i, k) for i, k in keys.items() if k), key=order)
        for index, (a, name_a) in enumerate(ranked):
            for b, name_b in ranked[index + 1 : index + 1 + NEIGHBOURS]:
                pair = (min(a, b), max(a, b))
                if name_a == name_b or pair in seen:
                    continue
                seen.add(pair)
                ratio = SequenceMatcher(None, name_a, name_b).ratio()
                if ratio >= SIMILAR:
                    yield (*pair, ratio)


# ---------------------------------------------------------------- merging

# Fields a merge fills on KEEP from OTHER when KEEP's is empty.
FILLED = tuple(declared.key for declared in CLIENT.fields if declared.merged)


@dataclass(frozen=True)
class MergeResult:
    client: ClientRecord
    other: ClientRecord
    filled: tuple[str, ...]
    moved_contacts: int
    moved_interactions: int
    merged_contacts: int = 0  # OTHER's contacts that were already KEEP's (same email, or name)
    moved_ledger: str = ""  # what moved of OTHER's ledger: "1 project, 3 invoices, 2 payments"

    def to_dict(self) -> dict[str, Any]:
        """What ``--format json`` prints: KEEP as it is after the merge."""
        return self.client.to_dict()


def merged_values(keep: ClientRecord, other: ClientRecord) -> dict[str, object]:
    """What KEEP's fields become: its own, the empty ones filled, the earlier follow-up, both notes."""
    from kiaro_cli.core.client_rows import join_notes

    values: dict[str, object] = {key: other[key] for key in FILLED if keep[key] in (None, "")}
    values = {key: value for key, value in values.items() if value not in (None, "")}
    follow_ups = [day for day in (keep.follow_up_on, other.follow_up_on) if day]
    if follow_ups and min(follow_ups) != keep.follow_up_on:
        values["follow_up_on"] = min(follow_ups)
    notes = join_notes(keep.notes, other.notes)
    if notes != keep.notes:
        values["notes"] = notes
    return values


def merge_clients(target: Target, keep_reference: str, other_reference: str) -> MergeResult:
    """Merge OTHER into KEEP and remove OTHER (see the module's description)."""
    from kiaro_cli.core.addresses import move_addresses
    from kiaro_cli.core.client_dates import move_client_dates
    from kiaro_cli.core.client_money import move_ledger
    from kiaro_cli.core.client_rows import apply_changes, refresh_search_text
    from kiaro_cli.core.clients import load_client
    from kiaro_cli.core.custom_fields import move_custom_values
    from kiaro_cli.core.documents import move_documents
    from kiaro_cli.core.draft_terms import follow_clients
    from kiaro_cli.core.events import move_events
    from kiaro_cli.core.rates import move_rates
    from kiaro_cli.core.references import resolve_client
    from kiaro_cli.core.settings import load_settings
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        keep_id = resolve_client(w.reader, keep_reference)
        other_id = resolve_client(w.reader, other_reference)
        if keep_id == other_id:
            raise InvalidValue(f"'{keep_reference}' and '{other_reference}' are the same client (#{keep_id})")
        keep, other = load_client(w.reader, keep_id), load_client(w.reader, other_id)
        keep_row, other_row = w.clients.get(keep_id), w.clients.get(other_id)
        values = merged_values(keep, other)
        if "code" in values:  # codes are unique: let go of OTHER's before KEEP takes it
            other_row.code = None
            w.flush()
        filled = apply_changes(w, keep_row, keep, values)
        _keep_latest_stamps(keep_row, other_row)
        contacts, twins = _move_contacts(w, keep_id, other_id, keep_row.country)
        interactions = _move_belongings(w, keep_id, other_id, twins)
        move_addresses(w, keep_row, other_row)
        move_rates(w, keep_row, other_row)
        move_custom_values(w, keep_row, other_row)
        move_events(w, keep_row, other_row)
        move_documents(w, keep_row, other_row)
        move_client_dates(w, keep_row, other_row)
        ledger = move_ledger(w, keep_row, other_row).said()
        follow_clients(
            w, load_settings(w.reader), {keep_id}
        )  # OTHER's drafts that followed it now follow KEEP
        same = f", {len(twins)} already there" if twins else ""
        w.journal.log(
            keep_row,
            "merged",
            f"Merged {other.name} (#{other.id}) into {keep.name}: {counted(contacts, 'contact')}{same}, "
            f"{counted(interactions, 'interaction')}" + (f", {ledger}" if ledger else ""),
            other_id=other.id,
        )
        w.delete(other_row)
        w.flush()
        refresh_search_text(w, keep_row)
        return MergeResult(
            load_client(w.reader, keep_id),
            other,
            tuple(c.field for c in filled),
            contacts,
            interactions,
            len(twins),
            ledger,
        )


def _keep_latest_stamps(keep: Any, other: Any) -> None:
    for column in ("last_followed_up_at", "last_interaction_at"):
        latest = max((v for v in (getattr(keep, column), getattr(other, column)) if v), default=None)
        setattr(keep, column, latest)


# Contact fields a merged twin gives to the contact kept, where that one has none.
CONTACT_FILLED = ("job_title", "birthday")


def same_person(a: Sequence[str], a_name: str, b: Sequence[str], b_name: str) -> bool:
    """Two contacts, each of its emails and name, are one person: an email in common, or
    the same name where one has no email."""
    if a and b:
        return bool({fold(email) for email in a} & {fold(email) for email in b})
    return fold(" ".join(a_name.split())) == fold(" ".join(b_name.split()))


def _move_contacts(w: Writer, keep_id: int, other_id: int, country: str | None) -> tuple[int, dict[int, int]]:
    """Move OTHER's contacts to KEEP; one KEEP already has is merged into it instead.

    Returns how many moved, and for each merged contact the id of the one it became.
    KEEP's primary contact stays primary; a merged twin fills the kept one's empty fields,
    and its emails and phones the kept one lacks follow the kept one's, labels and all.
    """
    from kiaro_cli.core.reach import entries_of, write_reach

    keep_contacts = w.contacts.of_client(keep_id)
    emails = {id(mine): [e.value for e in entries_of(w, mine, "email")] for mine in keep_contacts}
    twins: dict[int, int] = {}
    moved = 0
    for contact in w.contacts.of_client(other_id):
        theirs = [e.value for e in entries_of(w, contact, "email")]
        kept = next(
            (
                mine
                for mine in keep_contacts
                if same_person(emails[id(mine)], mine.name, theirs, contact.name)
            ),
            None,
        )
        if kept is None:
            contact.client_id = keep_id
            contact.is_primary = contact.is_primary and not keep_contacts
            w.add(contact)
            moved += 1
            continue
        for field_name in CONTACT_FILLED:
            if not getattr(kept, field_name) and getattr(contact, field_name):
                setattr(kept, field_name, getattr(contact, field_name))
        for kind in ("email", "phone"):
            mine = entries_of(w, kept, kind)
            more = [
                e
                for e in entries_of(w, contact, kind)
                if not any(_same_value(kind, m.value, e.value, country) for m in mine)
            ]
            if more:
                write_reach(w, kept, kind, [*mine, *more])
        if kept.role == "other":
            kept.role = contact.role
        w.add(kept)
        assert contact.id is not None and kept.id is not None
        twins[contact.id] = kept.id
    return moved, twins


def _same_value(key: str, kept: str | None, other: str, country: str | None) -> bool:
    """Whether OTHER's email or phone is the kept contact's (any case; a phone as a number)."""
    if key == "email":
        return fold(kept or "") == fold(other)
    return kept == other or (phone_key(kept, country) or ()) == phone_key(other, country)


def _move_belongings(w: Writer, keep_id: int, other_id: int, twins: Mapping[int, int]) -> int:
    """Move OTHER's interactions (to the merged contacts; a mail KEEP has already goes), tags
    and history to KEEP."""

    keep_tags = w.tags.of_client(keep_id)
    for tag in w.tags.of_client(other_id).values():
        if tag.key in keep_tags:
            w.delete(tag)
        else:
            tag.client_id = keep_id
            w.add(tag)
    mails = {each.message_id for each in w.interactions.of_client(keep_id) if each.message_id is not None}
    moved_interactions = []
    for interaction in w.interactions.of_client(other_id):
        if interaction.message_id is not None and interaction.message_id in mails:
            w.delete(interaction)  # the same mail, which KEEP has already
            continue
        moved_interactions.append(interaction)
        interaction.contact_id = twins.get(interaction.contact_id or 0, interaction.contact_id)
        interaction.client_id = keep_id
        w.add(interaction)
    for row in w.history.of_client(other_id):
        row.client_id = keep_id
        w.add(row)
    w.flush()
    for twin_id in twins:
        for reach in w.reach.of_contact(twin_id):
            w.delete(reach)
        w.delete(w.contacts.get(twin_id))
    w.flush()
    return len(moved_interactions)


def clients_to_merge(reader: Reader, keep: str, other: str) -> tuple[ClientRecord, ClientRecord]:
    """The client kept and the one merged into it, as ``client merge`` names them."""
    from kiaro_cli.core.clients import get_client

    return get_client(reader, keep), get_client(reader, other)
