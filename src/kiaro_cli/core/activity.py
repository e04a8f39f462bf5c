"""How values read in history lines ("(empty)" for nothing)."""

from __future__ import annotations


def show_value(value: object) -> str:
    """How a field value reads in an activity line."""
    if value is None or value == "":
        return "(empty)"
    return str(value)
