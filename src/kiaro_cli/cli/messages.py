"""Every result line a command prints for people, worded in one place.

A line says what was done and names the record by name and id (``Added Acme (#12)``);
a date reads with its weekday (``Fri 27 Nov 2026``), and a changed field says what was
stored once kiaro normalised it (``country → KR (South Korea)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.core.address_records import AddressRecord
    from kiaro_cli.core.client_dates import ClientDateRecord
    from kiaro_cli.core.client_rows import Change
    from kiaro_cli.core.custom_fields import CustomField
    from kiaro_cli.core.documents import DocumentRecord
    from kiaro_cli.core.duplicates import MergeResult
    from kiaro_cli.core.events import EventRecord
    from kiaro_cli.core.interactions import InteractionRecord
    from kiaro_cli.core.ledger import ProjectRecord, QuoteRecord
    from kiaro_cli.core.quotes import StatusChange
    from kiaro_cli.core.rates import RateRecord
    from kiaro_cli.core.records import ClientRecord, ContactRecord
    from kiaro_cli.core.tags import TagChange

DATE_FIELDS = ("start_date", "end_date", "follow_up_on")
NOTE_SHOWN = 40  # characters of a long new value (notes) repeated in the result line


def named(client: ClientRecord) -> str:
    return f"{client.name} (#{client.id})"


# ---------------------------------------------------------------- clients


def added(client: ClientRecord, *, lead: bool = False) -> str:
    """``Added Acme (#12)``, and each day it was given as the day it resolved to: ``, start
    date Mon 30 Nov 2026, follow up on Fri 11 Dec 2026``."""
    from kiaro_cli.dates import moment_label

    days = [
        f"{said} {moment_label(day)}"
        for said, day in (
            ("start date", client.start_date),
            ("end date", client.end_date),
            ("follow up on", client.follow_up_on),
        )
        if day
    ]
    return f"Added {'lead ' if lead else ''}{named(client)}" + "".join(f", {day}" for day in days)


def updated(client: ClientRecord, changes: Sequence[Change]) -> str:
    if not changes:
        return f"{named(client)} already had those values; nothing changed"
    fields = [stored_text(c.field, c.new) for c in changes if c.field != "tags"]
    tags = [str(c.new) for c in changes if c.field == "tags"]  # client edit --tag adds them
    tagged = [f"tagged {', '.join(tags)}"] if tags else []
    return f"Updated {named(client)}: " + ", ".join(fields + tagged)


def stored_text(field: str, new: object) -> str:
    """What was stored: ``country → KR (South Korea)``, ``value → 12000.00``,
    ``follow-up date → Fri 27 Nov 2026``, ``VAT rate cleared``, ``sector → Retail``."""
    from kiaro_cli.core.custom_fields import CSV_PREFIX
    from kiaro_cli.core.fields import CLIENT_FIELDS
    from kiaro_cli.dates import moment_label

    custom = field.startswith(CSV_PREFIX)
    label = field.removeprefix(CSV_PREFIX) if custom else CLIENT_FIELDS[field].label
    if new is None or new == "":
        return f"{label} cleared"
    if field in DATE_FIELDS:
        shown = moment_label(str(new))
    elif field == "country":
        from kiaro_cli.places import country_name

        shown = f"{new} ({country_name(str(new))})"
    elif field == "value" and isinstance(new, Decimal):
        shown = f"{new:.2f}"
    elif field == "vat_rate":
        shown = f"{new}%"
    else:
        text = " ".join(str(new).split())
        shown = text if len(text) <= NOTE_SHOWN else text[: NOTE_SHOWN - 1] + "…"
    return f"{label} → {shown}"


def completed(client: ClientRecord, *, already: bool = False) -> str:
    if already:
        return f"{named(client)} has every invoice-ready field"
    return f"Completed {named(client)}"


def status_moved(client: ClientRecord, changes: Sequence[Change]) -> str:
    if not changes:
        return f"{named(client)} is already {client.status}"
    return f"{named(client)}: {changes[0].old} → {client.status}"


def tagged(client: ClientRecord, added_tags: Sequence[str]) -> str:
    if not added_tags:
        return f"{named(client)} already has those tags"
    return f"Tagged {named(client)}: {', '.join(added_tags)}"


def untagged(client: ClientRecord, removed: Sequence[str]) -> str:
    return f"Untagged {named(client)}: {', '.join(removed)}"


def tag_renamed(change: TagChange) -> str:
    merged = f" ({change.merged} had '{change.new}' already and keep one)" if change.merged else ""
    return f"Renamed the tag '{change.old}' to '{change.new}' on {counted(change.clients, 'client')}{merged}"


def tag_removed(change: TagChange) -> str:
    return f"Removed the tag '{change.old}' from {counted(change.clients, 'client')}"


def archived(client: ClientRecord, *, archive: bool, changed: bool) -> str:
    if not changed:
        return f"{named(client)} is already {'archived' if archive else 'not archived'}"
    return f"{'Archived' if archive else 'Unarchived'} {named(client)}"


def deleted(client: ClientRecord) -> str:
    return f"Deleted {named(client)} and everything of it"


def merged(result: MergeResult) -> str:
    from kiaro_cli.declarations.client import CLIENT

    labels = [CLIENT.by_key[key].label for key in result.filled]
    filled = f"; filled {', '.join(labels)}" if labels else ""
    same = f" ({result.merged_contacts} already there, merged)" if result.merged_contacts else ""
    return (
        f"Merged {named(result.other)} into {named(result.client)}: "
        f"{counted(result.moved_contacts, 'contact')} moved{same}, "
        f"{counted(result.moved_interactions, 'interaction')}"
        f"{f', {result.moved_ledger}' if result.moved_ledger else ''}{filled}"
    )


def note(warning: str) -> str:
    """What a change's warning reads as (an email two clients share, a namesake)."""
    return f"Note: {warning}"


# ---------------------------------------------------------------- follow-ups


def follow_up(client: ClientRecord, today: date) -> str:
    """``follow up on Fri 27 Nov 2026 (in 4 days)``, or that none is scheduled."""
    from kiaro_cli.dates import day_label, describe

    if not client.follow_up_on:
        return "no follow-up scheduled"
    day = date.fromisoformat(client.follow_up_on)
    return f"follow up on {day_label(day)} ({describe(day, today)})"


def scheduled(client: ClientRecord, today: date) -> str:
    return f"{named(client)}: {follow_up(client, today)}"


def cadence_set(client: ClientRecord, today: date) -> str:
    """ "Acme (#1): every 6 weeks; follow up on Fri 27 Nov 2026 (in 4 days)", or no cadence."""
    from kiaro_cli.core.cadence import describe_cadence

    every = describe_cadence(client["cadence"]) if client["cadence"] else "no cadence"
    return f"{named(client)}: {every}; {follow_up(client, today)}"


def cleared(client: ClientRecord, changes: Sequence[Change]) -> str:
    from kiaro_cli.dates import moment_label

    if not changes:
        return f"{named(client)}: had no follow-up scheduled"
    return f"{named(client)}: follow-up of {moment_label(str(changes[0].old))} cleared"


def followed_up(client: ClientRecord, today: date) -> str:
    from kiaro_cli.core.cadence import describe_cadence

    every = f", {describe_cadence(client['cadence'])}" if client["cadence"] and client.follow_up_on else ""
    return f"Followed up with {named(client)}; {follow_up(client, today)}{every}"


# ---------------------------------------------------------------- contacts and interactions


def contact_added(contact: ContactRecord, birthday: str | None = None) -> str:
    said = f"Added contact {contact.name} (#{contact.id}{', primary' if contact.primary else ''})"
    return said + _birthday_said(contact, birthday)


def contact_updated(contact: ContactRecord, birthday: str | None = None) -> str:
    return f"Updated contact {contact.name} (#{contact.id})" + _birthday_said(contact, birthday)


def _birthday_said(contact: ContactRecord, typed: str | None) -> str:
    """The birthday a command was given, as it was read (``; birthday 17 May``), or cleared."""
    if typed is None:
        return ""
    from kiaro_cli.core.yearly import birthday_label

    return f"; birthday {birthday_label(contact.birthday)}" if contact.birthday else "; birthday cleared"


def contact_removed(removed: ContactRecord, promoted: ContactRecord | None) -> str:
    line = f"Removed contact {removed.name} (#{removed.id})"
    if promoted is not None:
        line += f"\n{promoted.name} (#{promoted.id}) is now the primary contact"
    return line


def _address(address: AddressRecord) -> str:
    default = ", default" if address.default else ""
    return f"{address.kind} address #{address.id}{default}: {address.one_line()}"


def address_added(address: AddressRecord) -> str:
    return f"Added {_address(address)}"


def address_updated(address: AddressRecord) -> str:
    return f"Updated {_address(address)}"


def address_default(address: AddressRecord) -> str:
    return f"Default address is now #{address.id}: {address.one_line()}"


def address_removed(removed: AddressRecord, new_default: AddressRecord | None) -> str:
    line = f"Removed {removed.kind} address #{removed.id}"
    if new_default is not None:
        line += "\n" + address_default(new_default)
    return line


def _rate(rate: RateRecord) -> str:
    extra = f", overtime {rate.overtime:,.2f}" if rate.overtime is not None else ""
    return f"{rate.position} at {rate.rate:,.2f} {rate.currency or ''}".rstrip() + f"{extra} (#{rate.id})"


def rate_added(rate: RateRecord) -> str:
    return f"Added rate: {_rate(rate)}"


def rate_changed(rate: RateRecord) -> str:
    return f"Changed rate: {_rate(rate)}"


def rate_removed(rate: RateRecord) -> str:
    return f"Removed rate: {_rate(rate)}"


def _client_date(record: ClientDateRecord) -> str:
    from kiaro_cli.dates import day_label

    every = ", every year" if record.yearly else ""
    return f"{record.label} on {day_label(date.fromisoformat(record.date))}{every} (#{record.id})"


def client_date_added(record: ClientDateRecord) -> str:
    return f"Added date to {record.client_name}: {_client_date(record)}"


def client_date_removed(record: ClientDateRecord) -> str:
    return f"Removed date of {record.client_name}: {_client_date(record)}"


def interaction_named(record: InteractionRecord) -> str:
    """``the call #5 with Acme Corp of 20 Nov 2026``."""
    from kiaro_cli.dates import moment_label

    return f"the {record.type} #{record.id} with {record.client_name} of {moment_label(record.occurred_at)}"


def interaction_edited(record: InteractionRecord, changed: Sequence[str]) -> str:
    if not changed:
        return f"Nothing to change: {interaction_named(record)} already reads so"
    return f"Corrected {interaction_named(record)}: {', '.join(changed)}"


def logged(record: InteractionRecord) -> str:
    from kiaro_cli.dates import moment_label

    said = (
        f"Logged {record.type} with {record.client_name} on {moment_label(record.occurred_at)} (#{record.id})"
    )
    if record.follow_up:  # moved by the client's cadence
        said += f"; next follow-up {moment_label(record.follow_up)}, by its cadence"
    return said


def setting_stored(key: str, stored: str | None) -> str:
    from kiaro_cli.words import setting_value

    return f"{key} = {setting_value(key, stored)}" if stored is not None else f"{key} cleared"


def field_added(fld: CustomField) -> str:
    choices = f": {', '.join(fld.choices)}" if fld.choices else ""
    hint = f"kiaro client edit CLIENT --set {fld.key}=…"
    return f"Added custom field {fld.key} ({fld.type}{choices}); set it with {hint}"


def field_removed(fld: CustomField) -> str:
    values = f" and its values on {counted(fld.clients, 'client')}" if fld.clients else ""
    return f"Removed custom field {fld.key}{values}"


def event_line(verb: str, event: EventRecord) -> str:
    """``Added high complaint #3 for Acme (#1), due Fri 27 Nov 2026, pinned: Invoice disputed``:
    one line when piped (unless COLUMNS gives a width); on a terminal, a text too long for
    the line goes on the next one, cut to its width."""
    import os
    import shutil
    import sys

    from kiaro_cli.dates import moment_label

    facts = [f"{event.priority} {event.kind} #{event.id} for {event.client_name} (#{event.client_id})"]
    if event.due_on:
        facts.append(f"due {moment_label(event.due_on)}")
    if event.sticky:
        facts.append("pinned")
    said, text = f"{verb} {', '.join(facts)}:", " ".join(event.text.split())
    width = shutil.get_terminal_size().columns
    width_known = sys.stdout.isatty() or bool(os.environ.get("COLUMNS"))
    if len(said) + 1 + len(text) <= width or not width_known:
        return f"{said} {text}"
    room = max(NOTE_SHOWN, width - 2)  # the text on a line of its own, under the facts
    return f"{said}\n  " + (text if len(text) <= room else text[: room - 1] + "…")


def event_added(event: EventRecord) -> str:
    return event_line("Added", event)


def event_changed(event: EventRecord) -> str:
    return event_line("Changed", event)


def event_done(event: EventRecord, changed: bool) -> str:
    return event_line("Done:", event) if changed else f"Event #{event.id} was already done"


def event_reopened(event: EventRecord, changed: bool) -> str:
    return event_line("Reopened", event) if changed else f"Event #{event.id} is already open"


def event_removed(event: EventRecord) -> str:
    return event_line("Removed", event)


def _document(document: DocumentRecord) -> str:
    from kiaro_cli.words import human_size

    return f"{document.name} ({document.kind}, {human_size(document.size)})"


def document_added(document: DocumentRecord) -> str:
    return f"Kept {_document(document)} for {document.client_name} as document #{document.id}"


def document_already(given: str, document: DocumentRecord) -> str:
    return f"Note: {given} is kept for {document.client_name} already, as document #{document.id}"


def document_copied(document: DocumentRecord, target: object) -> str:
    return f"Copied document #{document.id} ({document.name}) to {target}"


def document_removed(document: DocumentRecord) -> str:
    return f"Removed document #{document.id}: {_document(document)} of {document.client_name}"


# ---------------------------------------------------------------- quotes


def quote_line(verb: str, quote: QuoteRecord, today: date) -> str:
    """``Added quote Q-2026-001 (#4, Website relaunch) for Acme: 4,800.00 EUR net, 5,808.00 EUR
    gross (draft), valid until Wed 6 Jan 2027``; the day it was issued when not today."""
    from kiaro_cli.core.money import amount_label
    from kiaro_cli.dates import moment_label

    net, gross = (
        amount_label(quote["net"], quote["currency"]),
        amount_label(quote["gross"], quote["currency"]),
    )
    named = f"#{quote.id}, {quote['title']}" if quote["title"] else f"#{quote.id}"
    issued = quote["issued_on"]
    days = [] if issued in (None, today.isoformat()) else [f"issued {moment_label(issued)}"]
    if quote["valid_until"]:
        days.append(f"valid until {moment_label(quote['valid_until'])}")
    return (
        f"{verb} quote {quote['number']} ({named}) for {quote['client_name']}: "
        f"{net} net, {gross} gross ({quote['status']})" + "".join(f", {day}" for day in days)
    )


def quote_added(quote: QuoteRecord, today: date) -> str:
    return quote_line("Added", quote, today)


def quote_changed(quote: QuoteRecord, today: date) -> str:
    return quote_line("Changed", quote, today)


def quote_removed(quote: QuoteRecord, today: date) -> str:
    return quote_line("Removed", quote, today)


QUOTE_VERBS = {"draft": "Made a draft again:", "sent": "Sent", "accepted": "Accepted", "declined": "Declined"}


def quote_status(done: StatusChange, today: date) -> str:
    """``Accepted Q-2026-003 (#3); Acme is now an active client``, ``Q-2026-003 (#3) is
    already sent``, ``Sent Q-2026-003 (#3); it reads as expired: it was valid until Sun 1 Nov
    2026``."""
    from kiaro_cli.dates import moment_label

    quote, asked, activated = done.quote, done.asked, done.activated
    number, status = f"{quote['number']} (#{quote.id})", quote["status"]
    if not done.changed:
        return f"{number} is already {status}"
    day = quote["valid_until"]
    ended = status == "expired" and day is not None and day < today.isoformat()
    until = f"it was valid until {moment_label(day)}" if ended else ""  # else expired by hand today
    if asked == "expired":
        return f"{number} has expired ({until})" if until else f"{number} has expired"
    said = f"{QUOTE_VERBS[asked]} {number}"
    if until:
        said += f"; it reads as expired: {until}"
    return f"{said}; {activated} is now an active client" if activated else said


def project_from_quote(project: ProjectRecord) -> str:
    return f"Added project {project['name']} (#{project.id}), planned, for {project['client_name']}"


def only_archived_clients_hold(plural: str) -> str:
    """An empty listing of every current client's, when archived clients have some."""
    return f"No {plural} of current clients; name an archived one to see its {plural}."
