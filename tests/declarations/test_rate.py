"""The rate's declaration gives its table, rows, reads and record; the options of client rate
edit are held to it."""

from __future__ import annotations

import dataclasses
from typing import Any

from typer.main import get_command

from kiaro_cli.cli.app import app
from kiaro_cli.core.rates import MAX_POSITION, RATE_KEYS, RateRecord
from kiaro_cli.declarations.rate import RATE
from kiaro_cli.storage import queries
from kiaro_cli.storage.rows import Rate


def test_the_table_rows_and_reads_have_the_declared_columns() -> None:
    from sqlmodel import SQLModel

    declared = tuple(str(field.column_name) for field in RATE.stored)
    assert tuple(column.name for column in SQLModel.metadata.tables["rate"].columns) == declared
    assert Rate.columns() == declared
    assert queries.RATE_BY_ID.startswith(f"SELECT {', '.join(str(f.column_name) for f in RATE.read)} ")
    assert "rate_cents" in declared and "position_key" in declared


def test_the_record_is_the_declared_keys_in_order() -> None:
    assert RATE.keys == RATE_KEYS == ("id", "client_id", "position", "rate", "overtime", "currency")
    assert tuple(field.name for field in dataclasses.fields(RateRecord)) == RATE.keys
    assert MAX_POSITION == 100


def test_rate_edit_offers_each_typed_field_as_declared() -> None:
    group: Any = get_command(app)
    command = group.commands["client"].commands["rate"].commands["edit"]
    params = {opt: param for param in command.params for opt in param.opts}
    for field in RATE.typed:
        assert params[field.option].help == field.help, field.key
        assert params[field.option].metavar == field.metavar, field.key
