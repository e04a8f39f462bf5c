"""A plan of the command bar carried out: every action that changes something, through
the same use cases the commands use, in one write (see :mod:`kiaro_cli.core.command_bar`
for how a sentence becomes a plan)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from kiaro_cli.core.clients import load_client
from kiaro_cli.core.plans import Action, Plan
from kiaro_cli.core.sentences import (
    CLEAR,
    CREATE,
    DONE,
    EVENT,
    FOLLOW_UP,
    INVOICE,
    LOG,
    NOTE,
    PAY,
    PROJECT,
    STATUS,
    TAG,
    UNTAG,
)

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target, Writer


def carry_out(target: Target, plan: Plan, today: date) -> Plan:
    """Every action of ``plan`` that changes something, in one transaction: all of them, or
    (on any refusal) none. A plan that changes nothing writes nothing and is not applied."""
    if not plan.changes:
        return plan
    from kiaro_cli.storage.unit import write

    done: list[Action] = []
    with write(target) as w:
        created: int | None = None
        for action in plan.actions:
            client_id = action.client_id if action.client_id is not None else created
            if action.action == CREATE:
                created = _carry_out_create(w, action, today)
                client_id = created
            elif not action.unchanged:
                CARRY_OUT[action.action](w, str(client_id), action, today)
            done.append(replace(action, client_id=client_id))
    return replace(plan, actions=tuple(done), applied=True)


def _carry_out_create(w: Writer, action: Action, today: date) -> int:
    from kiaro_cli.core.clients import add_client

    values = {key: str(value) for key, value in action.values.items() if key != "status"}
    record = add_client(w, values, full_form=False, today=today)
    return record.id


def _carry_out_follow_up(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.followups import set_follow_up

    assert action.day is not None
    set_follow_up(w, reference, action.day.isoformat(), today)


def _carry_out_clear(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.followups import clear_follow_up

    clear_follow_up(w, reference)


def _carry_out_done(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.followups import mark_done

    mark_done(w, reference, action.day.isoformat() if action.day else None, today)


def _carry_out_status(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.clients import set_status

    set_status(w, reference, action.values["to"])


def _carry_out_log(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.interactions import add_interaction

    add_interaction(
        w, reference, action.values["summary"], kind=action.values["type"], on=action.when, today=today
    )


def _carry_out_tags(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.tags import add_tags, remove_tags

    (remove_tags if action.action == UNTAG else add_tags)(w, reference, action.values["tags"])


def _carry_out_note(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.clients import edit_client

    notes = load_client(w.reader, int(reference)).notes
    text = action.values["text"]
    edit_client(w, reference, {"notes": f"{notes}\n{text}" if notes else text}, today=today)


def _carry_out_event(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.events import add_event

    due = action.day.isoformat() if action.day else None
    add_event(w, reference, action.values["text"], priority=action.values["priority"], due=due, today=today)


def _carry_out_project(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.projects import add_project

    values = action.values
    deadline = action.day.isoformat() if action.day else None
    add_project(w, reference, values["name"], currency=values["currency"], deadline=deadline, today=today)


def _carry_out_invoice(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.invoices import add_invoice

    values = action.values
    due = action.day.isoformat() if action.day and values["due_said"] else None
    add_invoice(
        w,
        reference,
        amount=str(values["net"]),
        currency=values["currency"],
        title=values["title"],
        due=due,
        today=today,
    )


def _carry_out_payment(w: Writer, reference: str, action: Action, today: date) -> None:
    from kiaro_cli.core.payments import pay_invoice

    paid_on = action.day.isoformat() if action.day else None
    pay_invoice(w, action.values["number"], amount=str(action.values["amount"]), on=paid_on, today=today)


CARRY_OUT: dict[str, Callable[[Writer, str, Action, date], None]] = {
    FOLLOW_UP: _carry_out_follow_up,
    CLEAR: _carry_out_clear,
    DONE: _carry_out_done,
    STATUS: _carry_out_status,
    LOG: _carry_out_log,
    TAG: _carry_out_tags,
    UNTAG: _carry_out_tags,
    NOTE: _carry_out_note,
    EVENT: _carry_out_event,
    PROJECT: _carry_out_project,
    INVOICE: _carry_out_invoice,
    PAY: _carry_out_payment,
}
