"""Write :mod:`kiaro_cli.storage.rows` from the SQLModel classes of :mod:`.schema`.

The schema is defined once, in SQLModel; the write path works on plain classes that
do not import it (SQLModel and SQLAlchemy's ORM cost more to import than a write does).
``python -m kiaro_cli.storage.row_classes`` writes them again after the schema changes;
a test fails while the two differ.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Tables the write path never builds rows of: the schema's own record, and the undo
# log, which storage.changes writes as statements.
NOT_ROWS = frozenset({"kiaro_schema", "undo_step"})

HEADER = '''"""Every table's rows as plain classes, for the write path. Written by
``python -m kiaro_cli.storage.row_classes`` from :mod:`kiaro_cli.storage.schema`, the one
schema (a test keeps them equal): do not edit by hand.

``ROW_CLASSES`` lists them parents first, the order new rows are inserted in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from kiaro_cli.storage.row import Row
'''


def rows_module_text() -> str:
    """The text of ``rows.py`` for the schema as it is now."""
    from sqlmodel import SQLModel

    from kiaro_cli.storage import schema

    models = {model.__tablename__: model for model in _table_models(schema)}
    ordered = [models[table.name] for table in SQLModel.metadata.sorted_tables if table.name in models]
    classes = "".join(_class_text(model) for model in ordered)
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


def _class_text(model: Any) -> str:
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
