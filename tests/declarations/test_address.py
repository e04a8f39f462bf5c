"""The address's declaration gives its table, rows and reads; its record and the options of
client address add/edit are held to it."""

from __future__ import annotations

import dataclasses
from typing import Any

from typer.main import get_command

from kiaro_cli.cli.app import app
from kiaro_cli.core.address_records import ADDRESS_KEYS, AddressRecord
from kiaro_cli.declarations.address import ADDRESS
from kiaro_cli.storage import queries
from kiaro_cli.storage.rows import Address


def test_the_table_rows_and_reads_have_the_declared_columns() -> None:
    from sqlmodel import SQLModel

    declared = tuple(str(field.column_name) for field in ADDRESS.stored)
    assert tuple(column.name for column in SQLModel.metadata.tables["address"].columns) == declared
    assert Address.columns() == declared
    assert queries.ADDRESS_BY_ID.startswith(f"SELECT {', '.join(str(f.column_name) for f in ADDRESS.read)} ")


def test_the_record_is_the_declared_keys_in_order() -> None:
    assert ADDRESS.keys == ADDRESS_KEYS
    assert tuple(field.name for field in dataclasses.fields(AddressRecord)) == ADDRESS.keys


def test_address_add_offers_the_kind_and_label_as_declared() -> None:
    group: Any = get_command(app)
    command = group.commands["client"].commands["address"].commands["add"]
    params = {opt: param for param in command.params for opt in param.opts}
    for field in ADDRESS.typed:
        assert params[field.option].help == field.help, field.key
