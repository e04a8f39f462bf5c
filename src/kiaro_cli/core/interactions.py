"""Interactions: the calls, emails, meetings, texts and notes of a relationship.

An interaction is something that happened, so its day may be in the past but not
in the future (that is a follow-up). ``occurred_at`` is the day (``2026-11-20``), or
the moment with its UTC offset when a time was given (``2026-11-20T15:30:00+01:00``,
local time). Logging one moves the client's ``last_interaction_at`` to its day when
that is the latest.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.core.cadence import describe_cadence, next_by_cadence
from kiaro_cli.core.choices import INTERACTION_CLEARABLE as CLEARABLE
from kiaro_cli.core.choices import clean_interaction_type
from kiaro_cli.core.fields import clean_entry, clean_line
from kiaro_cli.core.references import resolve_client
from kiaro_cli.dates import parse_moment, parse_since
from kiaro_cli.declarations import Entry
from kiaro_cli.declarations.interaction import INTERACTION
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader, by_id, one, scalar

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client
    from kiaro_cli.storage.unit import Target, Writer

INTERACTION_KEYS = INTERACTION.keys  # the JSON object of an interaction, in order
SUMMARY_RULE = INTERACTION.by_key["summary"].rule
assert isinstance(SUMMARY_RULE, Entry)
MAX_SUMMARY = SUMMARY_RULE.limit


@dataclass(frozen=True)
class InteractionRecord:
    """An interaction: the fields of its declaration a read gives."""

    id: int
    client_id: int
    contact_id: int | None
    type: str
    occurred_at: str
    summary: str
    next_step: str | None
    client_name: str
    follow_up: str | None = None  # the follow-up the client's cadence set as it was logged

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> InteractionRecord:
        return cls(**{declared.key: row[declared.key] for declared in INTERACTION.read_fields})

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in INTERACTION_KEYS}


def interaction_moment(when: str | None, today: date) -> str:
    """When an interaction happened, as stored: today, a day, or a day and a local time.

    Past days are allowed, future ones refused (a follow-up is what comes next).
    """
    if when is None or not when.strip():
        return today.isoformat()
    day, time_of_day = parse_moment(when, today)
    if day > today:
        raise InvalidValue(
            f"'{when.strip()}' is in the future ({day.isoformat()}); log what happened, "
            "and schedule what is next with kiaro followup set"
        )
    if time_of_day is None:
        return day.isoformat()
    return datetime.combine(day, time_of_day).astimezone().isoformat()


def clean_summary(summary: str) -> str:
    """An interaction's summary as kept: a line or two, never empty."""
    cleaned = clean_entry(summary, "summary", limit=MAX_SUMMARY)
    if cleaned is None:
        raise InvalidValue("an interaction needs a summary")
    return cleaned


def add_interaction(
    target: Target,
    reference: str,
    summary: str,
    *,
    kind: str = "note",
    on: str | None = None,
    contact_id: int | None = None,
    next_step: str | None = None,
    today: date | None = None,
) -> InteractionRecord:
    """Log an interaction with a client (and with one of its contacts, if given)."""
    summary_said = clean_summary(summary)
    clean_kind = clean_interaction_type(kind)
    moment = interaction_moment(on, today or clock.today())
    day = moment[:10]
    clean_next = clean_line(next_step, "next step") if next_step is not None else None

    from kiaro_cli.storage.rows import Interaction
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client = w.clients.get(resolve_client(w.reader, reference))
        assert client.id is not None
        if contact_id is not None and contact_id not in {c.id for c in w.contacts.of_client(client.id)}:
            raise NotFound(f"{client.name} has no contact with id {contact_id}")
        interaction = Interaction(
            client_id=client.id,
            contact_id=contact_id,
            type=clean_kind,
            occurred_at=moment,
            summary=summary_said,
            next_step=clean_next,
            created_at=w.at,
        )
        w.add(interaction)
        w.flush()
        latest = client.last_interaction_at is None or client.last_interaction_at <= day
        if latest:
            client.last_interaction_at = day
        w.journal.log(
            client,
            "interaction logged",
            f"{clean_kind.capitalize()} logged for {day}: {_headline(summary_said)}",
            interaction_id=interaction.id,
        )
        # a cadence counts from the latest contact, not from one logged late
        moved = follow_up_by_cadence(w, client, date.fromisoformat(day)) if latest else None
        w.flush()
        assert interaction.id is not None
        return replace(get_interaction(w.reader, interaction.id), follow_up=moved)


def follow_up_by_cadence(w: Writer, client: Client, day: date) -> str | None:
    """With a cadence, the next follow-up that interval after the contact on ``day``: the
    day it was moved to, or None."""
    next_day = next_by_cadence(client, day)
    if next_day is None or next_day == client.follow_up_on:
        return None
    w.journal.log(
        client,
        "follow-up set",
        f"Follow-up on {next_day} ({describe_cadence(client.cadence)}, from this contact)",
        field="follow_up_on",
        old=client.follow_up_on,
        new=next_day,
    )
    client.follow_up_on = next_day
    w.add(client)
    return next_day


# How a corrected field reads in the timeline (a summary is named, not quoted: it may be long).
CHANGE_LABELS = {
    "summary": "summary",
    "type": "type",
    "occurred_at": "day",
    "contact_id": "contact",
    "next_step": "next step",
}


@dataclass(frozen=True)
class InteractionEdit:
    """What ``interaction edit`` asks for; None leaves a value as it is."""

    summary: str | None = None
    kind: str | None = None
    on: str | None = None
    contact_id: int | None = None
    next_step: str | None = None
    clear: Sequence[str] = ()


def edit_interaction(
    target: Target, interaction_id: int, wanted: InteractionEdit, *, today: date | None = None
) -> tuple[InteractionRecord, list[str]]:
    """Correct an interaction; return it and the labels of what changed (empty: nothing
    did). A moved day moves the client's last interaction with it."""
    from kiaro_cli.storage.unit import write

    values = _clean_edit(wanted, today or clock.today())
    with write(target) as w:
        interaction = w.interactions.get(interaction_id)
        client = w.clients.get(interaction.client_id)
        contact_id = values.get("contact_id")
        if contact_id is not None and contact_id not in {
            c.id for c in w.contacts.of_client(interaction.client_id)
        }:
            raise NotFound(f"{client.name} has no contact with id {contact_id}")
        changed = {key: value for key, value in values.items() if getattr(interaction, key) != value}
        if changed:
            line = ", ".join(
                _change_line(key, getattr(interaction, key), value) for key, value in changed.items()
            )
            for key, value in changed.items():
                setattr(interaction, key, value)
            w.add(interaction)
            _settle_last_interaction(w, client)
            w.journal.log(
                client,
                "interaction edited",
                f"{interaction.type.capitalize()} #{interaction_id} corrected: {line}",
                interaction_id=interaction_id,
            )
            w.flush()
        return get_interaction(w.reader, interaction_id), [CHANGE_LABELS[key] for key in changed]


def _change_line(key: str, old: Any, new: Any) -> str:
    if key == "summary":
        return "summary"
    return f"{CHANGE_LABELS[key]} {'none' if old is None else old} → {'none' if new is None else new}"


def _clean_edit(wanted: InteractionEdit, today: date) -> dict[str, Any]:
    """Every value of an edit, checked before anything is written."""
    unknown = [name for name in wanted.clear if name not in CLEARABLE]
    if unknown:
        raise InvalidValue(f"--clear takes {' or '.join(CLEARABLE)}, not '{unknown[0]}'")
    values: dict[str, Any] = {}
    if wanted.summary is not None:
        values["summary"] = clean_entry(wanted.summary, "summary", limit=MAX_SUMMARY)
        if values["summary"] is None:
            raise InvalidValue("an interaction needs a summary")
    if wanted.kind is not None:
        values["type"] = clean_interaction_type(wanted.kind)
    if wanted.on is not None:
        values["occurred_at"] = interaction_moment(wanted.on, today)
    if wanted.contact_id is not None:
        values["contact_id"] = wanted.contact_id
    if wanted.next_step is not None:
        values["next_step"] = clean_line(wanted.next_step, "next step")
    for name in wanted.clear:
        key = "contact_id" if name == "contact" else "next_step"
        if values.get(key) is not None:
            raise InvalidValue(f"give --{name} or --clear {name}, not both")
        values[key] = None
    if not values:
        raise InvalidValue("say what to change: --summary, --type, --on, --contact, --next-step or --clear")
    return values


def remove_interaction(target: Target, interaction_id: int) -> InteractionRecord:
    """Remove an interaction logged by mistake (undo brings it back)."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        removed = get_interaction(w.reader, interaction_id)
        interaction = w.interactions.get(interaction_id)
        client = w.clients.get(interaction.client_id)
        w.delete(interaction)
        w.flush()
        _settle_last_interaction(w, client)
        w.journal.log(
            client,
            "interaction removed",
            f"{removed.type.capitalize()} of {removed.occurred_at[:10]} removed: "
            + _headline(removed.summary),
            interaction_id=interaction_id,
        )
        return removed


def _settle_last_interaction(w: Writer, client: Client) -> None:
    """The client's last interaction day, from the interactions it has now."""
    w.flush()
    client.last_interaction_at = scalar(w.reader, queries.LATEST_INTERACTION_DAY, {"client_id": client.id})
    w.add(client)


def get_interaction(reader: Reader, interaction_id: int) -> InteractionRecord:
    row = by_id(reader, queries.INTERACTION_BY_ID, interaction_id)
    if row is None:
        raise NotFound(f"no interaction with id {interaction_id}")
    return InteractionRecord.from_row(row)


def iter_interactions(
    reader: Reader,
    *,
    reference: str | None = None,
    types: Sequence[str] = (),
    since: str | None = None,
    today: date | None = None,
    include_archived: bool = False,
) -> Iterator[InteractionRecord]:
    """Interactions newest first: of one client, or of every current client."""
    client_id = resolve_client(reader, reference) if reference is not None else None
    kinds = tuple(dict.fromkeys(clean_interaction_type(kind) for kind in types))
    day = today or clock.today()
    first_day = parse_since(since, day).isoformat() if since else None  # "2w": two weeks back
    sql, params = queries.interaction_list(client_id, kinds, first_day, include_archived)
    for row in reader.rows(sql, params):
        yield InteractionRecord.from_row(row)


def count_interactions(reader: Reader, client_id: int) -> int:
    row = one(reader, queries.COUNT_INTERACTIONS, {"client_id": client_id})
    return int(row["n"]) if row else 0


def _headline(summary: str, limit: int = 80) -> str:
    line = summary.splitlines()[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"
