"""Find the one client a reference names: id (``12`` or ``#12``), code, exact name, or
unique substring; for the command bar, also a name typed with a slip (:func:`closest_client`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from kiaro_cli.errors import Ambiguous, InvalidValue, NotFound
from kiaro_cli.search import fold, name_key
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import MAX_ID, Reader, one

MAX_CANDIDATES = 10


def resolve_client(reader: Reader, reference: str, *, suggest: bool = True) -> int:
    """The id of the client ``reference`` names, tried in the contract's order.

    An id (digits, or ``#`` and digits: as kiaro prints ids), a code (exact, any case),
    an exact name or legal name (any case), then a unique substring of a name or legal
    name. Archived clients count too. When none matches, :func:`no_match` is raised; without
    ``suggest``, without the closest names (it reads every name).
    """
    text = reference.strip()
    if not text:
        raise InvalidValue("a client reference cannot be empty")
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise InvalidValue("a client reference cannot contain control characters")
    digits = text.removeprefix("#")
    if (
        digits.isascii()
        and digits.isdigit()
        and int(digits) <= MAX_ID
        and one(reader, queries.CLIENT_BY_ID, {"id": int(digits), **queries.BASE_PARAMS})
    ):
        return int(digits)
    for sql, params in (
        (queries.CLIENT_IDS_BY_CODE, {"code": text.upper()}),
        (queries.CLIENT_IDS_BY_EXACT_NAME, {"key": name_key(text)}),
        (queries.CLIENT_IDS_BY_NAME_PART, {"pattern": queries.like_pattern(name_key(text))}),
    ):
        matches = list(reader.rows(sql, params))
        if len(matches) == 1:
            return int(matches[0]["id"])
        if matches:
            raise _ambiguous(text, matches)
    raise no_match(reader, text) if suggest else NotFound(f"no client matches '{text}'")


def exact_name(reader: Reader, name: str) -> int | None:
    """The one client whose name or legal name is ``name`` (any case), if exactly one is."""
    matches = list(reader.rows(queries.CLIENT_IDS_BY_EXACT_NAME, {"key": name_key(name)}))
    return int(matches[0]["id"]) if len(matches) == 1 else None


def no_match(reader: Reader, reference: str) -> NotFound:
    """The refusal of a reference no client matches, naming the closest names."""
    text = reference.strip()
    return NotFound(f"no client matches '{text}'{_did_you_mean(reader, text)}")


SUGGESTED = 3
CLOSE_ENOUGH = 0.75


def _did_you_mean(reader: Reader, text: str) -> str:
    """ "; did you mean Acme Corp (#2)?" naming the closest names, or nothing when none is close.

    A name is as close as its best part: the whole name, or any of its words (a typo in
    "Acne" still finds "Acme Corp").
    """
    from difflib import SequenceMatcher

    wanted = fold(text)
    scored: list[tuple[float, int, str]] = []
    matcher = SequenceMatcher(b=wanted)
    for row in reader.rows(queries.CLIENT_NAMES):
        best = 0.0
        for part in (row["name_key"], *row["name_key"].split()):
            matcher.set_seq1(part)
            if matcher.real_quick_ratio() >= CLOSE_ENOUGH and matcher.quick_ratio() >= CLOSE_ENOUGH:
                best = max(best, matcher.ratio())
        if best >= CLOSE_ENOUGH:
            scored.append((best, row["id"], row["name"]))
    closest = sorted(scored, key=lambda item: (-item[0], item[1]))[:SUGGESTED]
    if not closest:
        return ""
    return "; did you mean " + ", ".join(f"{name} (#{client_id})" for _, client_id, name in closest) + "?"


def _ambiguous(text: str, matches: list[dict[str, Any]]) -> Ambiguous:
    ids = [f"#{row['id']}" for row in matches[:MAX_CANDIDATES]]
    width = max(map(len, ids), default=0)  # ids right-aligned, names in one column
    shown = [f"{said:>{width}}  {row['name']}" for said, row in zip(ids, matches, strict=False)]
    if len(matches) > MAX_CANDIDATES:
        shown.append(f"… and {len(matches) - MAX_CANDIDATES} more")
    return Ambiguous(f"'{text}' matches {len(matches)} clients; use an id or a longer name", shown)


# ---------------------------------------------------------------- a name typed with a slip


def slips_allowed(typed: str) -> int:
    """How many typing slips a name of this length may hold and still be read: none under
    four letters, one under eight, two from eight."""
    return 0 if len(typed) < 4 else 1 if len(typed) < 8 else 2


def closest_client(names: Iterable[Mapping[str, Any]], reference: str) -> int | None:
    """The one client whose name, or a run of its words, is ``reference`` with a slip or
    two (a letter missing, added or changed; case and accents aside), or None.

    ``names`` are the rows of ``queries.CLIENT_NAMES``. The nearest wins; several equally
    near are :class:`Ambiguous` (never a guess). Cut into one piece more than the slips it
    may hold, the typed name keeps at least one piece whole in any name that near: a name,
    or a run, holding none of them (or too long or short) is never compared letter by letter.
    """
    typed = name_key(reference)
    limit = slips_allowed(typed)
    if not limit:
        return None
    size = len(typed)
    pieces = [typed[i * size // (limit + 1) : (i + 1) * size // (limit + 1)] for i in range(limit + 1)]
    found: list[tuple[int, Mapping[str, Any]]] = []
    for row in names:
        if not any(piece in row["name_key"] for piece in pieces):
            continue
        words = row["name_key"].split()
        nearest = limit + 1
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                part = " ".join(words[start:end])
                if len(part) > size + limit:
                    break  # the runs from this word only grow
                if len(part) >= size - limit and any(piece in part for piece in pieces):
                    nearest = min(nearest, edit_distance(typed, part, limit))
        if nearest <= limit:
            found.append((nearest, row))
    if not found:
        return None
    best = min(distance for distance, _ in found)
    matches = [dict(row) for distance, row in found if distance == best]
    if len(matches) > 1:
        raise _ambiguous(reference.strip(), matches)
    return int(matches[0]["id"])


def edit_distance(a: str, b: str, limit: int) -> int:
    """The letters to add, remove or change to make ``a`` into ``b`` (Levenshtein), or
    ``limit + 1`` as soon as it must be more than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)
