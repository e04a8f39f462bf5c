"""Write :mod:`kiaro_cli.storage.rows` from the SQLModel classes of :mod:`.schema`.

The schema is defined once, in SQLModel; the write path works on plain classes that
do not import it (SQLModel and SQLAlchemy's ORM cost more to import than a write does).
A declared record's row class is made when rows is imported, from its declaration
(:func:`declared_row`); the others are written out by
``python -m kiaro_cli.storage.row_classes`` after the schema changes; a test fails while
the two differ.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

# Tables whose rows are made from a record declaration: the name of each declaration.
DECLARED = {
    "client": "CLIENT",
    "contact": "CONTACT",
    "address": "ADDRESS",
    "rate": "RATE",
    "event": "EVENT",
    "document": "DOCUMENT",
    "interaction": "INTERACTION",
    "project": "PROJECT",
    "quote": "QUOTE",
    "invoice": "INVOICE",
    "invoice_line": "INVOICE_LINE",
    "payment": "PAYMENT",
    "contact_reach": "REACH",
    "client_date": "CLIENT_DATE",
}

# Tables the write path never builds rows of: the schema's own record, and the undo
# log, which storage.changes writes as statements.
NOT_ROWS = frozenset({"kiaro_schema", "undo_step"})

HEADER = '''"""Every table's rows as plain classes, for the write path. Written by
``python -m kiaro_cli.storage.row_classes`` from :mod:`kiaro_cli.storage.schema`, the one
schema (a test keeps them equal): do not edit by hand. A declared record's row class is
made from its declaration when this module is imported.

``ROW_CLASSES`` lists them parents first, the order new rows are inserted in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from kiaro_cli.declarations.address import ADDRESS
from kiaro_cli.declarations.client import CLIENT
from kiaro_cli.declarations.client_date import CLIENT_DATE
from kiaro_cli.declarations.contact import CONTACT
from kiaro_cli.declarations.document import DOCUMENT
from kiaro_cli.declarations.event import EVENT
from kiaro_cli.declarations.interaction import INTERACTION
from kiaro_cli.declarations.invoice import INVOICE, INVOICE_LINE
from kiaro_cli.declarations.payment import PAYMENT
from kiaro_cli.declarations.project import PROJECT
from kiaro_cli.declarations.quote import QUOTE
from kiaro_cli.declarations.rate import RATE
from kiaro_cli.declarations.reach import REACH
from kiaro_cli.storage.row import Row, declared_row
'''


def rows_module_text() -> str:
    """The text of ``rows.py`` for the schema as it is now."""
    from sqlmodel import SQLModel

    from kiaro_cli.storage import schema

    models = {model.__tablename__: model for model in _table_models(schema)}
    ordered = [models[table.name] for table in SQLModel.metadata.sorted_tables if table.name in models]
    # The declared rows last: their definition is a statement, not a class.
    classes = "".join(
        _class_text(model) for model in sorted(ordered, key=lambda m: m.__tablename__ in DECLARED)
    )
    names = "".join(f"    {model.__name__},\n" for model in ordered)
    return f"{HEADER}{classes}\n\nROW_CLASSES: tuple[type[Row], ...] = (\n{names})\n"


def _table_models(schema: Any) -> list[Any]:
    from sqlmodel import SQLModel

    found = [
        value
        for value in vars(schema).values()
        if isinstance(value, type) and issubclass(value, SQLModel) and hasattr(value, "__table__")
    ]
    return [model for model in found if model.__tablename__ not in NOT_ROWS]


def _declared_text(model: Any) -> str:
    """A declared record's row class: typed for the checker as a row of any columns."""
    return f"""

if TYPE_CHECKING:

    class {model.__name__}(Row):
        \"\"\"A row of {model.__tablename__}: the stored fields of its declaration.\"\"\"

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    {model.__name__} = declared_row({DECLARED[model.__tablename__]})
"""


def _class_text(model: Any) -> str:
    if model.__tablename__ in DECLARED:
        return _declared_text(model)
    (key,) = model.__table__.primary_key.columns
    lines = ["", "", "@dataclass(kw_only=True, eq=False)", f"class {model.__name__}(Row):"]
    lines.append(f'    TABLE: ClassVar[str] = "{model.__tablename__}"')
    if key.name != "id":
        lines.append(f'    KEY: ClassVar[str] = "{key.name}"')
    lines.append("")
    for name, field in model.model_fields.items():
        annotation = model.__annotations__[name]
        default = "" if field.is_required() else f" = {_literal(field.default)}"
        lines.append(f"    {name}: {annotation}{default}")
    return "\n".join(lines) + "\n"


def _literal(value: Any) -> str:
    """A default as the formatter writes it (strings in double quotes)."""
    return json.dumps(value) if isinstance(value, str) else repr(value)


def main() -> None:
    target = Path(__file__).with_name("rows.py")
    target.write_text(rows_module_text(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
