"""Lines for people wrapped to a terminal's width, measured in the cells a terminal gives
each character (a CJK character or an emoji takes two)."""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len

# A day as kiaro writes it ("Mon 21 Dec 2026", "1 Mar"), or an amount and its currency
# ("1,000.00 EUR"): one unit, never cut from its year or its currency.
_DAY = re.compile(
    r"\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"(?: \d{4})?\b|\b\d[\d,.]* [A-Z]{3}\b"
)


def wrapped(text: str, width: int) -> str:
    """Each line of ``text`` wrapped at spaces to ``width`` terminal cells (a CJK character
    or an emoji takes two); an indented line or a "- " item keeps its indent, a day stays on
    one line, and a word longer than the width stays whole on its own line."""
    lines = []
    for line in text.splitlines():
        body = line.lstrip(" ")
        indent = " " * (len(line) - len(body) + (2 if body.startswith("- ") else 0))
        lines += _filled(line, width, indent, cell_len)
    return "\n".join(lines) + "\n"


def _filled(line: str, width: int, indent: str, cells: Callable[[str], int]) -> list[str]:
    """``line`` cut at spaces into lines of at most ``width`` cells, each after the first
    starting with ``indent``."""
    start = len(line) - len(line.lstrip(" "))
    filled, current = [], line[:start]
    for word in _words(line[start:]):
        joined = f"{current} {word}" if current.strip() else current + word
        if current.strip() and word and cells(joined) > width:
            filled.append(current.rstrip())
            joined = indent + word
        current = joined
    return [*filled, current.rstrip() or line]


def _words(text: str) -> list[str]:
    """``text`` cut at its spaces, but not at those inside a day or an amount."""
    days = [found.span() for found in _DAY.finditer(text)]
    words, begin = [], 0
    for at, char in enumerate(text):
        if char == " " and not any(first < at < last for first, last in days):
            words.append(text[begin:at])
            begin = at + 1
    return [*words, text[begin:]]
