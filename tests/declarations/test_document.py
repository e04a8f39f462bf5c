"""The document's declaration gives its table, rows, reads, record and kinds; the options of
doc add are held to it."""

from __future__ import annotations

import dataclasses
from typing import Any

from typer.main import get_command

from kiaro_cli.cli.app import app
from kiaro_cli.core.choices import DOCUMENT_KINDS
from kiaro_cli.core.documents import DOCUMENT_KEYS, MAX_NOTE, DocumentRecord
from kiaro_cli.declarations import Words
from kiaro_cli.declarations.document import DOCUMENT
from kiaro_cli.storage import entry_queries
from kiaro_cli.storage.rows import Document


def test_the_table_rows_and_reads_have_the_declared_columns() -> None:
    from sqlmodel import SQLModel

    declared = tuple(str(field.column_name) for field in DOCUMENT.stored)
    assert tuple(column.name for column in SQLModel.metadata.tables["document"].columns) == declared
    assert Document.columns() == declared
    assert entry_queries.DOCUMENT_SELECT.startswith(
        "SELECT d.id, d.client_id, c.name AS client_name, d.name, d.kind, d.note, d.size, d.sha256, "
        "d.created_at FROM document d"
    )


def test_the_record_is_the_declared_keys_in_order() -> None:
    assert DOCUMENT.keys == DOCUMENT_KEYS
    assert tuple(field.name for field in dataclasses.fields(DocumentRecord)) == DOCUMENT.keys
    kind = DOCUMENT.by_key["kind"].rule
    assert isinstance(kind, Words) and kind.choices == DOCUMENT_KINDS
    assert MAX_NOTE == 2000


def test_doc_add_offers_each_typed_field_as_declared() -> None:
    group: Any = get_command(app)
    params = {opt: param for param in group.commands["doc"].commands["add"].params for opt in param.opts}
    for field in DOCUMENT.typed:
        assert params[field.option].help == field.help, field.key
