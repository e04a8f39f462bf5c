"""The workspace's own lists (settings, custom fields, tags, hooks), and any records cut down to
the fields a user chose (``--fields``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text

from kiaro_cli.render.console import console
from kiaro_cli.render.fit import Cell, Column
from kiaro_cli.render.tables import show_table

if TYPE_CHECKING:
    from kiaro_cli.core.custom_fields import CustomField
    from kiaro_cli.core.hooks import HookFile
    from kiaro_cli.core.tags import TagCount


def field_table(fields: Sequence[CustomField]) -> None:
    """The custom fields: key, type, label, choices and how many clients have a value."""
    if not fields:
        console.print("No custom fields: kiaro field add KEY --type text|number|date|choice|bool")
        return
    columns = [
        Column("Key"),
        Column("Type"),
        Column("Label", squeeze=True, drop=2),
        Column("Choices", squeeze=True, wrap=True, drop=1),
        Column("Clients", justify="right"),
    ]
    rows: list[list[Cell]] = [
        [fld.key, fld.type, fld.label or "", ", ".join(fld.choices), str(fld.clients)] for fld in fields
    ]
    show_table(columns, rows)


def settings_table(values: Mapping[str, str | None]) -> None:
    """Every setting and its value as people read it (a size in MiB, not in bytes)."""
    from kiaro_cli.words import setting_value

    columns = [Column("Setting"), Column("Value", squeeze=True)]
    rows: list[list[Cell]] = [
        [key, Text(setting_value(key, value)) if value else Text("not set", style="dim")]
        for key, value in values.items()
    ]
    show_table(columns, rows)


def fields_table(items: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> None:
    """Records as a table of the chosen fields, headed by their names, values as they are."""
    rows: list[list[Cell]] = [[_plain(item.get(name)) for name in fields] for item in items]
    show_table([Column(name, squeeze=True) for name in fields], rows)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items() if v is not None)
    return str(value)


def tag_table(tags: Sequence[TagCount]) -> None:
    """Every tag as first typed, with how many clients carry it."""
    if not tags:
        console.print("No tags yet: kiaro client tag CLIENT TAG")
        return
    rows: list[list[Cell]] = [[tag.tag, str(tag.clients)] for tag in tags]
    show_table([Column("Tag", squeeze=True), Column("Clients", justify="right")], rows)


def _runs(hook: HookFile) -> str:
    from kiaro_cli.core.hooks import ON_CHANGE

    if hook.runs:
        return "on every change"
    if hook.name != ON_CHANGE:
        return "never (not a hook name)"
    return f"never: not an executable file (chmod +x {hook.name})"


def hooks_table(hooks: Sequence[HookFile], folder: str) -> None:
    """Each file of the hooks folder: whether it may run, and whether kiaro runs it."""
    if not hooks:
        console.print(f"No hooks: put an executable named on-change in {folder}")
        return
    rows: list[list[Cell]] = [
        [
            hook.name,
            "yes" if hook.executable else "no",
            _runs(hook),
        ]
        for hook in hooks
    ]
    show_table([Column("Hook", squeeze=True), Column("Executable"), Column("Runs")], rows)
