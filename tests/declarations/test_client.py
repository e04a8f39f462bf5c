"""The client's declaration is the one source: the table, the rows, the reads, the record,
the options, the form, the cards and the import headers are all made from it."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from kiaro_cli.core.fields import CLIENT_FIELDS
from kiaro_cli.core.imports.headers import FIELD_NAMES, header_key
from kiaro_cli.core.records import CLIENT_KEYS, ClientRecord
from kiaro_cli.declarations import UNITS
from kiaro_cli.declarations.client import CLIENT
from kiaro_cli.storage import queries
from kiaro_cli.storage.rows import Client

# What a record's attribute holds, for each unit, beyond None.
RECORD_TYPES: dict[str, type | str] = {
    **UNITS,
    "cents": Decimal,
    "basis points": Decimal,
    "list": tuple,
    "map": "Mapping[str, Any]",
}
NOT_KEYS = {"values", "currency_from_default", "vat_rate_from_default"}


def test_the_table_and_the_rows_have_the_declared_columns_in_order() -> None:
    from sqlmodel import SQLModel

    declared = tuple(str(field.column_name) for field in CLIENT.stored)
    assert tuple(column.name for column in SQLModel.metadata.tables["client"].columns) == declared
    assert Client.columns() == declared


def test_a_read_selects_every_stored_key_of_the_contract() -> None:
    selected = {part.strip().removeprefix("c.") for part in queries.CLIENT_COLUMNS.split(",")}
    assert selected == {str(field.column_name) for field in CLIENT.read} | {"p.name AS contact_person"}


def test_each_typed_attribute_of_the_record_is_a_declared_key_of_its_unit() -> None:
    for attribute in dataclasses.fields(ClientRecord):
        if attribute.name in NOT_KEYS:
            continue
        declared = CLIENT.by_key[attribute.name]
        wanted = RECORD_TYPES[declared.unit]
        name = wanted if isinstance(wanted, str) else wanted.__name__
        assert name in str(attribute.type), (attribute.name, attribute.type, declared.unit)
    assert tuple(field.key for field in CLIENT.fields if field.contract) == CLIENT_KEYS


def test_each_typed_field_is_an_option_with_its_help_and_its_names_are_read_on_import() -> None:
    assert tuple(CLIENT_FIELDS) == CLIENT.form
    for field in CLIENT.typed:
        rule = CLIENT_FIELDS[field.key]
        assert (rule.option, rule.help, rule.label) == (field.option, field.help, field.label)
        for name in filter(None, field.synonyms.split(",")):
            assert FIELD_NAMES[header_key(name)] == field.key, name


def test_every_card_line_is_a_declared_field_with_its_card_label() -> None:
    for card in CLIENT.cards:
        for key in card.keys:
            assert CLIENT.by_key[key].card, key
