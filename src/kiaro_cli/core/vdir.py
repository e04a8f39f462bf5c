"""``kiaro sync vdir``: every contact kept in step with a folder of vCards, both ways.

Each card of the folder has a row (``vdir_card``): its UID and file, the contact it is, the
SHA-256 of the file as kiaro last read or wrote it and of the card kiaro made of the
contact then. A sync compares both sides with what it saw last:

- a card changed in the folder updates its contact (name, emails, phones, title, role;
  the client's details on a card are kiaro's); a contact changed in kiaro rewrites its
  card; a change on both sides keeps kiaro's card and the folder's beside it as
  ``NAME.conflict.vcf``;
- a card new in the folder becomes a contact: its ORG names the client (matched by name,
  else added), a card without one a client of its own, as ``import vcard`` does. A card
  of a contact kiaro has (its UID, or the same name or email at that client) is linked,
  nothing rewritten;
- a contact new in kiaro is written as ``<uid>.vcf`` (its UID ``kiaro-CLIENT-CONTACT``,
  as ``export vcard`` gives it);
- a card removed from the folder, or a contact removed in kiaro, is reported; only
  ``delete`` removes the other side (a card changed in the folder since is kept, a
  contact changed in kiaro since is written again).

The database side is one transaction (one undo step); the folder's files are written just
before it commits, and undo does not touch them: the next sync sees the folder as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.core.choices import ROLE_ALIASES, ROLES, pick_choice
from kiaro_cli.core.client_rows import Person, contact_row, new_client_row, refresh_search_text
from kiaro_cli.core.clients import iter_clients, load_client, make_filter
from kiaro_cli.core.contacts import clean_contact_values, get_contact, remove_contact, set_contact_field
from kiaro_cli.core.exports import client_cards
from kiaro_cli.core.imports.clean import Notes
from kiaro_cli.core.imports.vcards import CARD_STATUS, CardPlan, plan_card
from kiaro_cli.core.names import split_name
from kiaro_cli.core.reach import card_reach, entries_of, reach_by_contact, write_reach
from kiaro_cli.core.records import ClientRecord, ContactRecord
from kiaro_cli.core.vdir_folder import (
    FolderCard,
    Scan,
    card_file_name,
    conflict_name,
    open_folder,
    read_folder,
    remove_file,
    sha256,
    write_file,
)
from kiaro_cli.errors import Conflict, InvalidValue
from kiaro_cli.search import fold
from kiaro_cli.storage import queries, reach_queries
from kiaro_cli.storage.reader import one

if TYPE_CHECKING:
    from kiaro_cli.codecs.vcard import Card
    from kiaro_cli.storage.rows import Contact, VdirCard
    from kiaro_cli.storage.unit import Target, Writer

# What a sync did with each card, and on which side it counts.
KIARO_SIDE = {"added": "added", "updated": "updated", "removed": "removed"}
FOLDER_SIDE = {"written": "added", "rewritten": "updated", "deleted": "removed"}
REPORTED_ONLY = frozenset(("card-missing", "contact-missing", "kept"))  # nothing written
_KIARO_UID = re.compile(r"kiaro-\d+-(\d+)")


@dataclass(frozen=True)
class SyncChange:
    """One card: what the sync did with it (or saw and left), and the contact it is."""

    file: str
    action: str  # a key of KIARO_SIDE or FOLDER_SIDE, conflict, linked, card-missing, contact-missing, kept
    name: str
    contact_id: int | None
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "action": self.action,
            "name": self.name,
            "contact_id": self.contact_id,
            "detail": self.detail,
        }


@dataclass
class SyncResult:
    folder: str
    dry_run: bool
    changes: list[SyncChange] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, why)

    def counts(self, side: dict[str, str]) -> dict[str, int]:
        counted = dict.fromkeys(("added", "updated", "removed"), 0)
        for change in self.changes:
            if change.action in side:
                counted[side[change.action]] += 1
        return counted

    @property
    def conflicts(self) -> int:
        return sum(change.action == "conflict" for change in self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "kiaro": self.counts(KIARO_SIDE),
            "cards": self.counts(FOLDER_SIDE),
            "conflicts": self.conflicts,
            "changes": [change.to_dict() for change in self.changes],
            "problems": [{"file": file, "reason": reason} for file, reason in self.problems],
            "dry_run": self.dry_run,
        }


def sync_vdir(
    target: Target, path: str, *, delete: bool = False, dry_run: bool = False, today: date | None = None
) -> SyncResult:
    """Sync every contact with the folder ``path`` (made when missing); with ``dry_run``
    say what would change and write nothing, in the folder or the database."""
    from kiaro_cli.storage.unit import write

    folder = open_folder(path, create=not dry_run)
    scan = read_folder(folder)
    key = str(folder or Path(path).expanduser().absolute())
    result = SyncResult(key, dry_run, problems=list(scan.problems))
    with write(target, dry_run=dry_run) as w:
        sync = _Sync(w, key, scan, result, delete=delete, today=today or clock.today())
        sync.run()
        w.flush()
        if folder is not None and not dry_run:
            sync.write_files(folder)
    return result


class _Sync:
    """One sync inside its write: the folder's cards, kiaro's contacts, what it saw last."""

    def __init__(
        self, w: Writer, folder: str, scan: Scan, result: SyncResult, *, delete: bool, today: date
    ) -> None:
        self.w, self.folder, self.scan, self.result = w, folder, scan, result
        self.delete, self.today = delete, today
        sql, params = queries.contacts_export(True)
        reach = reach_by_contact(w.reader, reach_queries.EVERY_REACH, {})
        self.contacts = {
            row["id"]: ContactRecord.from_row(row, reach.get(row["id"], []))
            for row in w.reader.rows(sql, params)
        }
        self.clients = {c.id: c for c in iter_clients(w.reader, make_filter(archived="all"))}
        self.files: list[tuple[str, bytes | None]] = []  # (name, bytes), None: remove it
        self.synced: set[int] = set()  # contacts with a card in this folder

    def run(self) -> None:
        known = self.w.vdir_cards.of_folder(self.folder)
        self.synced = {row.contact_id for row in known if row.contact_id is not None}
        for row in known:
            self._compare(row)
        uids = {row.uid for row in known}
        for found in self.scan.cards.values():
            if found.uid not in uids:
                self._new_card(found)
        for contact in list(self.contacts.values()):
            if contact.id not in self.synced:
                self._new_contact(contact)
        if any(change.action not in REPORTED_ONLY for change in self.result.changes):
            self.w.journal.record(None, "synced", f"Contacts synced with the folder {self.folder}")

    def write_files(self, folder: Path) -> None:
        for name, data in self.files:
            if data is None:
                remove_file(folder, name)
            else:
                write_file(folder, name, data)

    # ------------------------------------------------------------ a card seen before

    def _compare(self, row: VdirCard) -> None:
        contact = self.contacts.get(row.contact_id) if row.contact_id is not None else None
        found = self.scan.cards.get(row.uid)
        if found is None and row.file in self.scan.names:
            return  # there, but unreadable: reported as a problem, left as it was
        if contact is None and found is None:
            self.w.delete(row)
        elif found is None:
            assert contact is not None
            self._card_missing(row, contact)
        elif contact is None:
            self._contact_missing(row, found)
        else:
            self._both(row, contact, found)

    def _both(self, row: VdirCard, contact: ContactRecord, found: FolderCard) -> None:
        row.file = found.file
        ours = self._card_bytes(contact, row.uid)
        in_folder = found.sha256 != row.folder_sha256
        in_kiaro = sha256(ours) != row.kiaro_sha256
        ours_in_folder = row.folder_sha256 == row.kiaro_sha256  # the folder had the card kiaro wrote
        if not (in_folder or in_kiaro or ours_in_folder) and self._take_birthday(contact, found):
            # a phone's card, linked by a kiaro that read no BDAY: its birthday comes in now
            row.kiaro_sha256 = sha256(self._card_bytes(self.contacts[contact.id], row.uid))
            self._note(found.file, "updated", self.contacts[contact.id])
        if in_folder and not in_kiaro:
            try:
                changed = self._update(contact, found, replaced_ours=ours_in_folder)
            except InvalidValue as error:
                self.result.problems.append((found.file, error.message))
                return
            ours = self._card_bytes(self.contacts[contact.id], row.uid)
            row.folder_sha256, row.kiaro_sha256 = found.sha256, sha256(ours)
            if changed:
                self._note(found.file, "updated", self.contacts[contact.id])
            client = self._client(contact.client_id).name
            if fold(found.card.organisation or "") != fold(client):  # a client's details are kiaro's
                self.files.append((found.file, ours))
                row.folder_sha256 = sha256(ours)
                detail = f"ORG {client} written back: the client a contact is with is kiaro's"
                self._note(found.file, "rewritten", self.contacts[contact.id], detail)
        elif in_kiaro:
            if ours == found.data:
                pass  # both sides made the same card
            elif in_folder:
                kept = conflict_name(found.file)
                self.files += [(kept, found.data), (found.file, ours)]
                self._note(
                    found.file,
                    "conflict",
                    contact,
                    f"the folder's card kept as {kept}; delete it once settled",
                )
            else:
                self.files.append((found.file, ours))
                self._note(found.file, "rewritten", contact)
            row.folder_sha256 = row.kiaro_sha256 = sha256(ours)
        self.w.add(row)

    def _card_missing(self, row: VdirCard, contact: ContactRecord) -> None:
        ours = self._card_bytes(contact, row.uid)
        if sha256(ours) != row.kiaro_sha256:  # changed in kiaro since: kiaro's change wins
            row.file = card_file_name(row.uid, self.scan.names | {name for name, _ in self.files})
            row.folder_sha256 = row.kiaro_sha256 = sha256(ours)
            self.files.append((row.file, ours))
            self.w.add(row)
            self._note(row.file, "written", contact, "removed from the folder, changed in kiaro since")
            return
        if not self.delete:
            self._note(
                row.file, "card-missing", contact, "removed from the folder; --delete removes the contact"
            )
            return
        try:
            remove_contact(self.w, contact.id)
        except Conflict as error:
            self._note(row.file, "kept", contact, error.message)
            return
        self.w.delete(row)
        del self.contacts[contact.id]
        self._note(row.file, "removed", contact)

    def _contact_missing(self, row: VdirCard, found: FolderCard) -> None:
        name = found.card.name or found.file
        if not self.delete:
            self._note(found.file, "contact-missing", name, "removed in kiaro; --delete removes the card")
        elif found.sha256 != row.folder_sha256:
            self._note(found.file, "kept", name, "removed in kiaro, but the card changed in the folder since")
        else:
            self.files.append((found.file, None))
            self.w.delete(row)
            self._note(found.file, "deleted", name)

    def _update(self, contact: ContactRecord, found: FolderCard, *, replaced_ours: bool) -> bool:
        """The contact as the card has it; whether anything changed. A card without a
        birthday clears the contact's only when it replaced a card kiaro wrote (which had
        it); a birthday that is not a day is left out, said as a problem."""
        card = found.card
        name = (card.name or "").strip()
        if not name:
            raise InvalidValue("has no name (FN or N); left as it was")
        parts = split_name(name)
        named = (card.given_name or "", card.family_name or "") != (parts.given, parts.family)
        role = pick_choice(card.role, ROLES, ROLE_ALIASES) if card.role else "other"
        values = {
            "name": name,
            "given_name": (card.given_name or "") if named else "",
            "family_name": (card.family_name or "") if named else "",
            "email": card.emails[0] if card.emails else "",
            "phone": card.phones[0] if card.phones else "",
            "job_title": card.title or "",
            "role": role,  # another program's role ("CEO") leaves kiaro's as it is
        }
        client = self.w.clients.get(contact.client_id)
        values["birthday"] = self._birthday_of(card, found.file, client.country, cleared=replaced_ours)
        cleaned = clean_contact_values(values, client.country)
        stored = self.w.contacts.get(contact.id)
        changed = False
        for key, value in cleaned.items():
            changed = set_contact_field(self.w, client, stored, key, value) or changed
        if self._take_reach(stored, card, client.country):
            detail = f"Contact {stored.name}: emails and phones as its card has them ({found.file})"
            self.w.journal.log(client, "contact changed", detail, contact_id=stored.id)
            changed = True
        if changed:
            self.w.flush()  # read back below as the card kiaro now makes of it
            refresh_search_text(self.w, client)
            self.contacts[contact.id] = get_contact(self.w.reader, contact.id)
        return changed

    def _birthday_of(self, card: Card, file: str, country: str | None, *, cleared: bool) -> str | None:
        """What a changed card says of the birthday: its own, "" to clear one (``cleared``:
        the card it replaced had kiaro's), or None to leave the contact's as it is."""
        if not card.birthday:
            return "" if cleared else None
        try:
            clean_contact_values({"birthday": card.birthday}, country)
        except InvalidValue as error:
            self.result.problems.append((file, f"{error.message}; kiaro's birthday kept"))
            return None
        return card.birthday

    def _take_birthday(self, contact: ContactRecord, found: FolderCard) -> bool:
        """Give a contact without a birthday the one of a card kiaro did not write (a phone's,
        read before kiaro wrote BDAY); whether it did. One that is not a day is left out."""
        if contact.birthday or not found.card.birthday:
            return False
        client = self.w.clients.get(contact.client_id)
        try:
            cleaned = clean_contact_values({"birthday": found.card.birthday}, client.country)
        except InvalidValue:
            return False
        set_contact_field(self.w, client, self.w.contacts.get(contact.id), "birthday", cleaned["birthday"])
        self.w.flush()
        self.contacts[contact.id] = get_contact(self.w.reader, contact.id)
        return True

    def _take_reach(self, stored: Contact, card: Card, country: str | None) -> bool:
        """Give the contact every email and phone of the card, labelled from its TYPE words;
        whether that changed them."""
        changed = False
        for kind, written, types in (
            ("email", card.emails, card.email_types),
            ("phone", card.phones, card.phone_types),
        ):
            wanted = card_reach(kind, written, types, country)
            if entries_of(self.w, stored, kind) != wanted:
                write_reach(self.w, stored, kind, wanted)
                changed = True
        return changed

    # ------------------------------------------------------------ a card new to this folder

    def _new_card(self, found: FolderCard) -> None:
        try:
            plan = plan_card(found.card, self.today, Notes())
        except InvalidValue as error:
            self.result.problems.append((found.file, error.details[0] if error.details else error.message))
            return
        client_id = one(self.w.reader, queries.CLIENT_IDS_BY_EXACT_NAME, {"key": fold(plan.client_name)})
        person = plan.person or Person(plan.client_name, _text(plan.client_values.get("email")))
        known = self._known_contact(found, client_id["id"] if client_id else None, person)
        if known is not None and known.id in self.synced:
            self.result.problems.append(
                (found.file, f"is a second card of {known.name} (#{known.id}); left alone")
            )
            return
        if known is not None:
            contact, action = known, "linked"
            if self._take_birthday(contact, found):
                contact = self.contacts[contact.id]
        else:
            client = self.w.clients.get(client_id["id"]) if client_id else self._new_client(plan)
            contact, action = self._add_contact(client.id, person, found), "added"
        self._remember(found.uid, found.file, contact, found.sha256)
        self._note(found.file, action, contact)

    def _known_contact(
        self, found: FolderCard, client_id: int | None, person: Person
    ) -> ContactRecord | None:
        """The contact a new card is: its kiaro UID, or the same name or email at its client."""
        by_uid = _KIARO_UID.fullmatch(found.uid)
        if by_uid and int(by_uid[1]) in self.contacts:
            return self.contacts[int(by_uid[1])]
        for contact in self.contacts.values():
            if contact.client_id == client_id and (
                fold(contact.name) == fold(person.name)
                or (person.email and contact.email and fold(contact.email) == fold(person.email))
            ):
                return contact
        return None

    def _new_client(self, plan: CardPlan) -> Any:
        from kiaro_cli.storage.rows import Client

        client = Client(**new_client_row({**plan.client_values, "status": CARD_STATUS}, self.w.at))
        self.w.add(client)
        self.w.flush()
        self.w.journal.log(client, "imported", f"Added {client.name} (a card in {self.folder})")
        assert client.id is not None
        self.clients[client.id] = load_client(self.w.reader, client.id)
        return client

    def _add_contact(self, client_id: int, person: Person, found: FolderCard) -> ContactRecord:
        """A contact made of a new card, with every email and phone it holds."""
        from kiaro_cli.storage.rows import Contact

        client = self.w.clients.get(client_id)
        first = not self.w.contacts.of_client(client_id)
        contact = Contact(**contact_row(client_id, person, self.w.at, primary=first))
        self.w.add(contact)
        self.w.flush()
        self._take_reach(contact, found.card, client.country)
        self.w.flush()
        self.w.journal.log(
            client, "contact added", f"Contact {person.name} added ({found.file})", contact_id=contact.id
        )
        refresh_search_text(self.w, client)
        assert contact.id is not None
        self.contacts[contact.id] = get_contact(self.w.reader, contact.id)
        return self.contacts[contact.id]

    # ------------------------------------------------------------ a contact new to this folder

    def _new_contact(self, contact: ContactRecord) -> None:
        uid = f"kiaro-{contact.client_id}-{contact.id}"
        taken = self.scan.names | {name for name, _ in self.files}
        name = card_file_name(uid, taken)
        data = self._card_bytes(contact, uid)
        self.files.append((name, data))
        self._remember(uid, name, contact, sha256(data), sha256(data))
        self._note(name, "written", contact)

    # ------------------------------------------------------------ helpers

    def _remember(
        self, uid: str, file: str, contact: ContactRecord, folder_sha256: str, kiaro_sha256: str | None = None
    ) -> None:
        from kiaro_cli.storage.rows import VdirCard

        kiaro_sha256 = kiaro_sha256 or sha256(self._card_bytes(contact, uid))
        row = VdirCard(
            folder=self.folder,
            uid=uid,
            file=file,
            contact_id=contact.id,
            folder_sha256=folder_sha256,
            kiaro_sha256=kiaro_sha256,
        )
        self.w.add(row)
        self.synced.add(contact.id)

    def _card_bytes(self, contact: ContactRecord, uid: str) -> bytes:
        """The card kiaro makes of a contact (as ``export vcard`` does), with its UID here."""
        from kiaro_cli.codecs.vcard import card_text

        client = self._client(contact.client_id)
        card = client_cards(client, [contact])[-1]
        return card_text(replace(card, uid=uid)).encode("utf-8")

    def _client(self, client_id: int) -> ClientRecord:
        if client_id not in self.clients:
            self.clients[client_id] = load_client(self.w.reader, client_id)
        return self.clients[client_id]

    def _note(self, file: str, action: str, who: ContactRecord | str, detail: str | None = None) -> None:
        name, contact_id = (who, None) if isinstance(who, str) else (who.name, who.id)
        self.result.changes.append(SyncChange(file, action, name, contact_id, detail))


def _text(value: object) -> str | None:
    return str(value) if value else None
