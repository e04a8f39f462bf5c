"""A person's name split into given and family names, for a vCard's N and wherever the
two are needed apart and were not given.

The rules, in order:

- "Family, Given" (one comma) is read as such: "O'Brien, Seán" is Seán O'Brien.
- A name in Chinese, Japanese or Korean script is written family name first: its first
  word is the family name ("山田 太郎"); written without a space, all of it is.
- Otherwise the last word is the family name, with the particles just before it
  ("Lerato van der Merwe", "Marieke de Vries", "Ana dos Santos"); the first word is
  always a given name, so "Van Morrison" stays Van Morrison.
- A name of one word is a family name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Words that belong to the family name that follows them (any case).
PARTICLES = frozenset(
    ("van", "von", "der", "den", "dem", "des", "de", "da", "das", "dos", "do", "di", "du", "del",
     "della", "delle", "dei", "degli", "le", "la", "les", "lo", "ter", "ten", "te", "op", "in", "'t",
     "zu", "zum", "zur", "af", "av", "bin", "binti", "bint", "ibn", "al", "el", "abu")
)  # fmt: skip


@dataclass(frozen=True)
class PersonName:
    given: str
    family: str


def split_name(name: str) -> PersonName:
    """The given and family names of ``name`` by the rules above (spaces collapsed)."""
    words = name.split()
    text = " ".join(words)
    if text.count(",") == 1:
        family, given = (" ".join(part.split()) for part in text.split(","))
        if family and given:
            return PersonName(given, family)
    if any(_is_cjk(c) for c in text):
        return PersonName(" ".join(words[1:]), words[0] if words else "")
    if len(words) < 2:
        return PersonName("", text)
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in PARTICLES:
        start -= 1
    return PersonName(" ".join(words[:start]), " ".join(words[start:]))


def _is_cjk(char: str) -> bool:
    name = unicodedata.name(char, "")
    return name.startswith(("CJK ", "HIRAGANA", "KATAKANA", "HANGUL"))
