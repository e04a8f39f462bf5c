"""The lines ``kiaro do`` prints: each action of a plan, how a client was read, what was
saved (every other result line is in :mod:`kiaro_cli.cli.messages`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from kiaro_cli.core.money import amount_label
from kiaro_cli.words import counted, with_article

if TYPE_CHECKING:
    from kiaro_cli.core.plans import Action

CREATED_FIELDS = ("contact_person", "email", "phone", "website", "city", "country", "industry")


def planned(action: Action, today: date) -> str:
    """One action of a command bar plan, with the client, the day and the change it makes."""
    from kiaro_cli.dates import day_label, describe, moment_label

    who = action.client_name if action.client_id is None else f"{action.client_name} (#{action.client_id})"
    day = f"{day_label(action.day)} ({describe(action.day, today)})" if action.day else ""
    values = action.values
    previous = values.get("previous")
    was = f" (was {moment_label(previous)})" if previous else ""
    match action.action:
        case "create":
            given = [f"{key.replace('_', ' ')} {_created_value(key, values[key])}" for key in CREATED_FIELDS
                     if values.get(key)]  # fmt: skip
            follow = [f"follow up on {day}"] if day else []
            return f"Add {who} as a new lead" + (": " + ", ".join(given + follow) if given or follow else "")
        case "follow-up":
            if action.unchanged:
                return f"Keep the follow-up with {who} on {day} (it already is)"
            return f"Follow up with {who} on {day}{was}"
        case "clear-follow-up":
            return f"Clear the follow-up with {who}{was or ' (none is scheduled)'}"
        case "done":
            then = f"next on {day}" if day else "no next follow-up"
            return f"Mark the follow-up with {who} done{was}; {then}"
        case "status":
            if values["from"] == values["to"]:
                return f"Keep {who} {values['to']} (it already is)"
            return f"Move {who} from {values['from']} to {values['to']}"
        case "log":
            kind = with_article(values["type"])
            return f"Log {kind} with {who} on {moment_label(values['at'])}: {values['summary']}"
        case "tag":
            already = " (already tagged)" if action.unchanged else ""
            return f"Tag {who}: {', '.join(values['tags'])}{already}"
        case "event":
            due = f", due {day}" if day else ""
            return f"Add an event to {who}: {values['text']}{due} ({values['priority']} priority)"
        case "project":
            deadline = f", deadline {day}" if day else ""
            return f"Add the project {values['name']} to {who}{deadline} ({values['currency']})"
        case "invoice":
            return _invoice_planned(who, values, day)
        case "pay":
            if action.unchanged:
                return f"Keep {values['number']} of {who} paid (it already is)"
            left = values["left"]
            then = "paid in full" if left == 0 else f"{amount_label(left, values['currency'])} left to pay"
            paid = amount_label(values["amount"], values["currency"])
            on = day_label(action.day) if action.day else ""
            return f"Record a payment of {paid} on {values['number']} of {who} on {on}: {then}"
        case "untag":
            return f"Remove the tag{'s' * (len(values['tags']) > 1)} {', '.join(values['tags'])} from {who}"
        case _:
            return f"Add a note to {who}: {values['text']}"


def _invoice_planned(who: str, values: Mapping[str, Any], day: str) -> str:
    """ "Invoice Acme (#3): 1,200.00 EUR + VAT 20% = 1,440.00 EUR, due …"."""
    net, gross = values["net"], values["gross"]
    what = f" for {values['title']}" if values.get("title") else ""
    vat = f" + VAT {values['vat_rate']}% = {amount_label(gross, values['currency'])}" if gross != net else ""
    return f"Invoice {who}{what}: {amount_label(net, values['currency'])}{vat}, due {day}"


def _created_value(key: str, value: str) -> str:
    if key != "country":
        return value
    from kiaro_cli.places import country_name

    return f"{country_name(value)} ({value})"


NOTHING_TO_CHANGE = "Nothing to change"


def client_read_as(typed: str, name: str, client_id: int) -> str:
    """How the command bar read a client named by part of its name or with a slip."""
    return f"read '{typed}' as {name} (#{client_id})"


def left_out(phrases: tuple[str, ...]) -> str:
    """The polite words the command bar read around."""
    return "left out " + ", ".join(f"'{phrase}'" for phrase in phrases)


def plan_saved(count: int) -> str:
    return f"Saved {counted(count, 'change')} (kiaro undo reverts {'them' if count > 1 else 'it'})"
