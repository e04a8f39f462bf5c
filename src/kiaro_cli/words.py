"""How a count reads in a sentence: "1 client", "3 contacts", "0 vCards"."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """``number`` with ``noun``, plural (an added ``s``) unless the number is one."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
