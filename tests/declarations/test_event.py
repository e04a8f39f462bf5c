"""The event's declaration gives its table, rows, reads, record and words; the options of
event edit are held to it."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from typer.main import get_command

from kiaro_cli.cli.app import app
from kiaro_cli.core.choices import EVENT_KINDS, PRIORITIES
from kiaro_cli.core.events import EVENT_KEYS, MAX_EVENT_TEXT, EventRecord
from kiaro_cli.core.fields import CleanContext, field_rule
from kiaro_cli.declarations import Words
from kiaro_cli.declarations.event import EVENT
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage import entry_queries
from kiaro_cli.storage.rows import Event


def test_the_table_rows_and_reads_have_the_declared_columns() -> None:
    from sqlmodel import SQLModel

    declared = tuple(str(field.column_name) for field in EVENT.stored)
    assert tuple(column.name for column in SQLModel.metadata.tables["event"].columns) == declared
    assert Event.columns() == declared
    assert entry_queries.EVENT_SELECT.startswith(
        "SELECT e.id, e.client_id, c.name AS client_name, e.text, e.kind, e.priority, e.due_on, e.sticky, "
        "e.done_at, e.created_at, e.updated_at FROM event e"
    )


def test_the_record_is_the_declared_keys_in_order() -> None:
    assert EVENT.keys == EVENT_KEYS
    record = tuple(field.name for field in dataclasses.fields(EventRecord))
    assert record == tuple(key for key in EVENT.keys if key != "done")  # done: whether done_at is set
    assert MAX_EVENT_TEXT == 2000


def test_the_kinds_and_priorities_are_the_declared_words() -> None:
    kind, priority = EVENT.by_key["kind"].rule, EVENT.by_key["priority"].rule
    assert isinstance(kind, Words) and kind.choices == EVENT_KINDS
    assert isinstance(priority, Words) and priority.choices == PRIORITIES
    assert PRIORITIES == ("critical", "high", "medium", "low")


def test_event_edit_offers_each_typed_field_as_declared() -> None:
    group: Any = get_command(app)
    params = {opt: param for param in group.commands["event"].commands["edit"].params for opt in param.opts}
    for field in EVENT.typed:
        assert params[field.option].help == field.help, field.key


def test_the_text_rule_takes_lines_and_refuses_a_format_character() -> None:
    rule, context = field_rule(EVENT.by_key["text"]), CleanContext(date(2026, 3, 2))
    assert rule.clean("  Chase the quote\nand the NDA ", context) == "Chase the quote\nand the NDA"
    with pytest.raises(InvalidValue, match="event text contains the invisible format character U\\+202E"):
        rule.clean("evil \u202etxt.exe", context)
    with pytest.raises(InvalidValue, match="event text is longer than 2000 characters"):
        rule.clean("x" * 2001, context)
