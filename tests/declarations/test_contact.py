"""The contact's declaration is the one source of its table, rows, reads, record and rules;
the options of contact add and edit are checked against it."""

from __future__ import annotations

import dataclasses
from typing import Any

from typer.main import get_command

from kiaro_cli.cli.app import app
from kiaro_cli.core.fields import CONTACT_FIELDS
from kiaro_cli.core.records import CONTACT_KEYS, ContactRecord
from kiaro_cli.declarations.contact import CONTACT
from kiaro_cli.storage import queries
from kiaro_cli.storage.rows import Contact


def test_the_table_rows_and_reads_have_the_declared_columns() -> None:
    from sqlmodel import SQLModel

    declared = tuple(str(field.column_name) for field in CONTACT.stored)
    assert tuple(column.name for column in SQLModel.metadata.tables["contact"].columns) == declared
    assert Contact.columns() == declared
    assert all(f"ct.{field.column_name}" in queries.CONTACT_COLUMNS for field in CONTACT.read)


def test_the_record_holds_every_declared_field_and_its_json_the_contract_keys() -> None:
    assert {field.name for field in dataclasses.fields(ContactRecord)} == {f.key for f in CONTACT.read_fields}
    assert CONTACT_KEYS == ("id", "client_id", "name", "email", "phone", "emails", "phones", "job_title",
                            "role", "primary", "birthday", "last_interaction_at")  # fmt: skip


def test_contact_add_and_edit_offer_each_typed_field_as_declared() -> None:
    group: Any = get_command(app)
    for verb in ("add", "edit"):
        params = {
            opt: param for param in group.commands["contact"].commands[verb].params for opt in param.opts
        }
        for field in CONTACT.typed:
            assert CONTACT_FIELDS[field.key].option == field.option
            # add takes several emails and phones, and says so after the declared help
            assert params[field.option].help.startswith(field.help), (verb, field.key)
