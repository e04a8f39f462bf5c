"""Characters a terminal acts on instead of showing: the one rule for refusing and showing them.

They are Unicode's control characters (category Cc: C0, DEL and C1, the escape that
starts ``ESC [2J``), its format characters (Cf: the bidi marks, embeddings, overrides
and isolates U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C, zero-width characters), the
line and paragraph separators (Zl, Zp), and the lone surrogates (Cs) that stand for bytes of
an argument or a file that were not UTF-8. A single line of text refuses them all; a
multi-line text (notes) refuses only the control characters other than newline and tab,
and the surrogates.

Whatever is printed for people shows each of them as Python writes it in a string:
``\\x1b``, ``\\u202e``, ``\\t``, ``\\n``; where lines are allowed (cards, result lines) a
newline and a tab stay what they are: they lay text out and can erase nothing.
"""

from __future__ import annotations

import unicodedata
from functools import cache

UNSEEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
NEVER_KEPT = frozenset({"Cc", "Cs"})  # refused even where lines are allowed (but newline and tab)


def unseen(char: str) -> bool:
    """Whether a terminal would act on ``char`` (or hide it) rather than show it."""
    return unicodedata.category(char) in UNSEEN


def first_unseen(text: str, *, lines: bool = False) -> str | None:
    """The first character of ``text`` a single line may not hold, or None; with ``lines``,
    the first control character of a multi-line text other than a newline or a tab."""
    if text.isprintable():
        return None
    for char in text:
        category = unicodedata.category(char)
        if category in UNSEEN and not (lines and (char in "\n\t" or category not in NEVER_KEPT)):
            return char
    return None


@cache
def escaped(char: str) -> str:
    """One character as Python writes it in a string: ``\\x1b``, ``\\u202e``, ``\\n``."""
    return repr(char)[1:-1] if unseen(char) else char


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with every unseen character shown escaped; with ``lines``, newlines and
    tabs kept."""
    if text.isprintable() or (lines and text.translate(_LAYOUT).isprintable()):
        return text
    return "".join(char if lines and char in "\n\t" else escaped(char) for char in text)


_LAYOUT = str.maketrans("", "", "\n\t")  # what a multi-line text keeps: newlines and tabs


def json_escaped(text: str) -> str:
    """``text`` with every unseen character but newline and tab written as JSON writes one
    (``\\u001b``, ``\\u202e``; a surrogate pair past U+FFFF): JSON stays the same JSON,
    and other text shows the character."""
    if text.translate(_LAYOUT).isprintable():
        return text
    return "".join(_json_escape(char) if unseen(char) and char not in "\n\t" else char for char in text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
