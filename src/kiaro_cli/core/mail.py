"""Mail in the history: the messages of a Maildir or an mbox file to or from a known
address become ``email`` interactions of that address's client.

A message is known by its Message-ID (else a hash of its date, sender and subject), kept
on the interaction once per client, so a mailbox read again adds nothing. Its direction
is the owner's: a message from a known address was received, any other (to or copied to
one) was sent. Its date and time are kept, in local time with their offset, as a time
given to ``interaction add --on`` is. Only header blocks are read; nothing is ever sent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiaro_cli.codecs.mail import MailHeaders, opened_mailbox
from kiaro_cli.core.interactions import follow_up_by_cadence
from kiaro_cli.dates import parse_since
from kiaro_cli.storage import reach_queries
from kiaro_cli.storage.reader import Reader

if TYPE_CHECKING:
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.unit import Writer

NO_SUBJECT = "(no subject)"
MAIL_IMPORTED = "mail imported"  # the history line of each client given interactions

# A client, and the contact of theirs an address belongs to (None: the client's own address).
Owner = tuple[int, int | None]


@dataclass(frozen=True)
class MailInteraction:
    """One interaction a message makes (or would make, on a dry run)."""

    client_id: int
    contact_id: int | None
    occurred_at: str
    direction: str  # "received" or "sent"
    summary: str
    message_id: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "contact_id": self.contact_id,
            "occurred_at": self.occurred_at,
            "direction": self.direction,
            "summary": self.summary,
            "message_id": self.message_id,
        }


@dataclass
class MailImport:
    """What reading a mailbox did: the interactions added, and the messages left out, why."""

    added: list[MailInteraction] = field(default_factory=list)
    already_there: int = 0  # interactions kept from an earlier run (or twice in this mailbox)
    no_known_address: int = 0  # messages from and to no address kiaro knows
    no_date: int = 0  # messages whose date does not read, or lies ahead
    before_since: int = 0  # messages before --since
    dry_run: bool = False
    follow_ups: dict[int, str] = field(default_factory=dict)  # clients' follow-ups a cadence moved

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "already_there": self.already_there,
            "no_known_address": self.no_known_address,
            "no_date": self.no_date,
            "before_since": self.before_since,
            "dry_run": self.dry_run,
            "interactions": [interaction.to_dict() for interaction in self.added],
            "follow_ups_moved": [
                {"client_id": client_id, "follow_up_on": day} for client_id, day in self.follow_ups.items()
            ],
        }


def known_addresses(reader: Reader) -> dict[str, list[Owner]]:
    """Every address a message may be matched by (lowercased), with whose it is: each
    contact's email and each client's own."""
    known: dict[str, list[Owner]] = defaultdict(list)
    for row in reader.rows(reach_queries.KNOWN_ADDRESSES):
        address = str(row["address"]).strip().lower()
        if address:
            known[address].append((int(row["client_id"]), row["contact_id"]))
    return known


def import_mail(
    target: Location, path: Path, *, today: date, since: str | None = None, dry_run: bool = False
) -> MailImport:
    """Read every message at ``path`` and add the interactions of the known ones, in one
    transaction (one undo step); with ``dry_run``, say what would be added and add nothing."""
    first_day = parse_since(since, today) if since else None  # "3m": three months back
    with opened_mailbox(path) as messages:  # refused here, before anything is written
        headers = list(messages)  # read before the write starts: the lock is not held meanwhile
    from kiaro_cli.storage.unit import write

    result = MailImport(dry_run=dry_run)
    with write(target, dry_run=dry_run) as w:
        known = known_addresses(w.reader)
        taken = {(row["client_id"], row["message_id"]) for row in w.reader.rows(reach_queries.MESSAGE_KEYS)}
        for message in headers:
            owners = _owners(message, known)
            if not owners:
                result.no_known_address += 1
                continue
            moment = message.date.astimezone().replace(microsecond=0) if message.date else None
            if moment is None or moment.date() > today:
                result.no_date += 1
                continue
            if first_day is not None and moment.date() < first_day:
                result.before_since += 1
                continue
            received = any(address in known for address in message.senders)
            direction = "received" if received else "sent"
            summary = message.subject or NO_SUBJECT
            for client_id, contact_id in owners.items():
                if (client_id, message.key) in taken:
                    result.already_there += 1
                    continue
                taken.add((client_id, message.key))
                result.added.append(
                    MailInteraction(
                        client_id, contact_id, moment.isoformat(), direction, summary, message.key
                    )
                )
        result.follow_ups = _write(w, result.added)
    return result


def _owners(message: MailHeaders, known: dict[str, list[Owner]]) -> dict[int, int | None]:
    """The clients a message is to or from, each with the contact it names first (its
    sender's, else a recipient's)."""
    owners: dict[int, int | None] = {}
    for address in (*message.senders, *message.recipients):
        for client_id, contact_id in known.get(address, ()):
            if owners.get(client_id) is None:
                owners[client_id] = contact_id
    return owners


def _write(w: Writer, added: Sequence[MailInteraction]) -> dict[int, str]:
    """The interactions in bulk, each client's last interaction moved, and one history line
    a client; the follow-ups a cadence moved, by client."""
    from kiaro_cli.storage.rows import Interaction

    rows = [
        {
            "client_id": interaction.client_id,
            "contact_id": interaction.contact_id,
            "type": "email",
            "occurred_at": interaction.occurred_at,
            "summary": interaction.summary,
            "next_step": None,
            "message_id": interaction.message_id,
            "created_at": w.at,
        }
        for interaction in added
    ]
    w.bulk_insert(Interaction, rows)
    days: dict[int, list[str]] = defaultdict(list)
    moved: dict[int, str] = {}
    for interaction in added:
        days[interaction.client_id].append(interaction.occurred_at[:10])
    for client_id, client_days in sorted(days.items()):
        client = w.clients.get(client_id)
        latest = max(client_days)
        newest = client.last_interaction_at is None or client.last_interaction_at <= latest
        if newest:
            client.last_interaction_at = latest
        count = len(client_days)
        span = latest if min(client_days) == latest else f"{min(client_days)} to {latest}"
        w.journal.log(client, MAIL_IMPORTED, f"{count} email{'s' * (count != 1)} imported from mail ({span})")
        if newest:  # as logging an interaction does: a cadence counts from the latest contact
            day = follow_up_by_cadence(w, client, date.fromisoformat(latest))
            if day is not None:
                moved[client_id] = day
    return moved
