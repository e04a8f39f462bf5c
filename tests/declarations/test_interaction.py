"""The interaction's declaration gives its table (its contact kept out when they go), rows,
reads, record and types; the options of interaction edit are held to it."""

from __future__ import annotations

import dataclasses
from typing import Any

from typer.main import get_command

from kiaro_cli.cli.app import app
from kiaro_cli.core.choices import INTERACTION_TYPES
from kiaro_cli.core.interactions import INTERACTION_KEYS, MAX_SUMMARY, InteractionRecord
from kiaro_cli.declarations import Words
from kiaro_cli.declarations.interaction import INTERACTION
from kiaro_cli.storage import queries
from kiaro_cli.storage.rows import Interaction


def test_the_table_rows_and_reads_have_the_declared_columns() -> None:
    from sqlmodel import SQLModel

    table = SQLModel.metadata.tables["interaction"]
    declared = tuple(str(field.column_name) for field in INTERACTION.stored)
    assert tuple(column.name for column in table.columns) == declared
    assert Interaction.columns() == declared
    (contact,) = table.columns["contact_id"].foreign_keys
    assert (contact.target_fullname, contact.ondelete) == ("contact.id", "SET NULL")
    assert table.columns["contact_id"].nullable and not table.columns["client_id"].nullable
    assert queries.INTERACTION_COLUMNS == (
        "i.id, i.client_id, i.contact_id, i.type, i.occurred_at, i.summary, i.next_step"
    )


def test_the_record_is_the_declared_keys_in_order() -> None:
    assert INTERACTION.keys == INTERACTION_KEYS
    assert INTERACTION.keys == (
        "id",
        "client_id",
        "contact_id",
        "type",
        "occurred_at",
        "summary",
        "next_step",
    )
    fields = {field.name for field in dataclasses.fields(InteractionRecord)}
    assert fields >= {*INTERACTION.keys, "client_name"}  # a record reads every declared key
    kind = INTERACTION.by_key["type"].rule
    assert isinstance(kind, Words) and kind.choices == INTERACTION_TYPES
    assert MAX_SUMMARY == 2000


def test_interaction_edit_offers_each_typed_field_as_declared() -> None:
    group: Any = get_command(app)
    params = {
        opt: param for param in group.commands["interaction"].commands["edit"].params for opt in param.opts
    }
    for field in INTERACTION.typed:
        assert params[field.option].help == field.help, field.key
