"""A row of one table, as a plain dataclass of its columns (no ORM), and SQL names quoted.

:mod:`.rows` has one :class:`Row` class per table; the write's unit of work
(:mod:`.tracking`) loads, compares and writes them, and the undo log (:mod:`.changes`)
keeps their before-images.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from kiaro_cli.declarations import Record

AnyRow = TypeVar("AnyRow", bound="Row")


CHANGED = "_changed"  # where a tracked row notes that it changed: its tracker's dict of such rows


class Row:
    """One row of :attr:`TABLE`; its columns are the dataclass fields of the subclass."""

    TABLE: ClassVar[str]
    KEY: ClassVar[str] = "id"
    touched: bool = True  # set since it was last stored: the tracker compares only these

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        object.__setattr__(self, "touched", True)
        changed = self.__dict__.get(CHANGED)
        if changed is not None:  # its tracker's rows changed since a flush: only those are compared
            changed[id(self)] = self

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        return _columns(cls)

    @classmethod
    def flags(cls) -> frozenset[str]:
        """The boolean columns (SQLite stores them as 0 and 1)."""
        return _flags(cls)

    def key_value(self) -> Any:
        """The value of this row's primary key (``KEY``)."""
        return getattr(self, self.KEY)

    def values(self) -> dict[str, Any]:
        """Every column and its value."""
        return {name: getattr(self, name) for name in self.columns()}


_COLUMNS: dict[type[Row], tuple[str, ...]] = {}
_FLAGS: dict[type[Row], frozenset[str]] = {}


def _columns(cls: type[Row]) -> tuple[str, ...]:
    if cls not in _COLUMNS:
        _COLUMNS[cls] = tuple(field.name for field in dataclasses.fields(cls))  # type: ignore[arg-type]
    return _COLUMNS[cls]


def _flags(cls: type[Row]) -> frozenset[str]:
    if cls not in _FLAGS:
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        _FLAGS[cls] = frozenset(field.name for field in fields if field.type == "bool")
    return _FLAGS[cls]


def as_stored(cls: type[Row], values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` of ``cls``'s columns only, flags as booleans (however the driver gave them)."""
    flags = cls.flags()
    return {
        name: bool(values[name]) if name in flags and values[name] is not None else values[name]
        for name in cls.columns()
        if name in values
    }


def quoted(name: str) -> str:
    """A column or table name as an SQL identifier (some are words SQL also uses: key, type)."""
    return f'"{name}"'


def declared_row(record: Record) -> type[Row]:
    """The row class of a declared record: a dataclass of its stored fields' columns, in order."""
    columns: list[tuple[str, str, Any]] = []
    for declared in record.stored:
        name, python = str(declared.column_name), declared.python_type.__name__
        if declared.unit == "id":
            columns.append((name, f"{python} | None", dataclasses.field(default=None)))
        elif declared.required:
            columns.append((name, python, dataclasses.field()))
        else:
            optional = f"{python} | None" if declared.default is None else python
            columns.append((name, optional, dataclasses.field(default=declared.default)))
    return dataclasses.make_dataclass(
        record.name.title().replace("_", "").replace(" ", ""),
        columns,
        bases=(Row,),
        namespace={"TABLE": record.table, "__module__": "kiaro_cli.storage.rows"},
        kw_only=True,
        eq=False,
    )
