"""A follow-up's message, drafted from what the database knows of the client: its
primary contact, the latest conversation, an open quote and the last project.

The words themselves are :mod:`kiaro_cli.drafting`'s; this module gathers what they draw on.
"""

from __future__ import annotations

from datetime import date

from kiaro_cli.core.clients import contacts_of, get_client
from kiaro_cli.core.ledger_day import last_project, open_proposal
from kiaro_cli.core.records import ClientRecord, stored_day
from kiaro_cli.core.settings import load_settings
from kiaro_cli.drafting import Conversation, Draft, DraftContext, compose, shared_note
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader, one

REACTIVATION_STATUSES = ("inactive", "past")  # the clients an outreach draft is for


def draft_for(reader: Reader, reference: str, today: date, *, outreach: bool = False) -> Draft:
    """The follow-up draft for a client; ``outreach`` only for inactive or past clients."""
    settings = load_settings(reader)
    client = get_client(reader, reference, settings)
    if outreach and client.status not in REACTIVATION_STATUSES:
        kind = "a lead" if client.status == "lead" else "an active client"
        raise InvalidValue(
            f"outreach drafts are for inactive or past clients, and {client.name} (#{client.id}) "
            f"is {kind}; use kiaro followup draft {client.id}"
        )
    return compose(draft_context(reader, client, today, settings.owner_name))


def draft_context(reader: Reader, client: ClientRecord, today: date, owner: str | None) -> DraftContext:
    """What a draft of this client may draw on, gathered from the database: its contact,
    latest conversation, open quote and last project.

    The draft goes to the primary contact and greets them; when they have no email,
    ``To`` stays empty (the client's general address would reach someone else) and the
    notice says how to add one. A client without contacts gets its own email.
    """
    contacts = contacts_of(reader, client.id)
    primary = contacts[0] if contacts else None
    conversation = _latest_conversation(reader, client.id)
    notice = None
    if primary is not None and not primary.email:
        notice = (
            f"{primary.name}, the primary contact, has no email: "
            f"kiaro contact edit {primary.id} --email ADDRESS"
        )
    return DraftContext(
        client=client.name,
        status=client.status,
        today=today,
        contact_name=primary.name if primary else None,
        to=primary.email if primary else client.email,
        industry=client.industry,
        note=shared_note(client.notes),
        conversation=conversation,
        last_contact=_last_contact(client, conversation),
        owner=owner,
        notice=notice,
        proposal=open_proposal(reader, client.id, today),
        last_project=last_project(reader, client.id),
    )


def _latest_conversation(reader: Reader, client_id: int) -> Conversation | None:
    row = one(reader, queries.LATEST_CONVERSATION, {"client_id": client_id})
    if row is None:
        return None
    day = stored_day(str(row["occurred_at"])[:10])
    if day is None:  # a restored row's or a teammate's day that is no day reads as none
        return None
    return Conversation(
        type=row["type"],
        day=day,
        summary=row["summary"],
        next_step=row["next_step"],
    )


def _last_contact(client: ClientRecord, conversation: Conversation | None) -> date | None:
    """The last time there was contact: a conversation, a follow-up done, or the end date."""
    known = [
        conversation.day if conversation else None,
        _day(client.last_followed_up_at),
        _day(client.end_date),
    ]
    days = [day for day in known if day is not None]
    return max(days) if days else None


def _day(value: str | None) -> date | None:
    """The day of a stored day or moment; None for none, or for one that is no day."""
    return stored_day(value[:10]) if isinstance(value, str) else None
