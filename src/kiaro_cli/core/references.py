"""Find the one client a reference names: id, code, exact name, or unique substring."""

from __future__ import annotations

import unicodedata

from kiaro_cli.errors import Ambiguous, InvalidValue, NotFound
from kiaro_cli.search import fold, name_key
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import MAX_ID, Reader, one

MAX_CANDIDATES = 10


def resolve_client(reader: Reader, reference: str) -> int:
    """The id of the client ``reference`` names, tried in the contract's order.

    An id (digits), a code (exact, any case), an exact name or legal name (any case),
    then a unique substring of a name or legal name. Archived clients count too.
    """
    text = reference.strip()
    if not text:
        raise InvalidValue("a client reference cannot be empty")
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise InvalidValue("a client reference cannot contain control characters")
    if (
        text.isdigit()
        and int(text) <= MAX_ID
        and one(reader, queries.CLIENT_BY_ID, {"id": int(text), **queries.BASE_PARAMS})
    ):
        return int(text)
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
    raise NotFound(f"no client matches '{text}'{_did_you_mean(reader, text)}")


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


def _ambiguous(text: str, matches: list[dict[str, object]]) -> Ambiguous:
    ids = [f"#{row['id']}" for row in matches[:MAX_CANDIDATES]]
    width = max(map(len, ids), default=0)  # ids right-aligned, names in one column
    shown = [f"{said:>{width}}  {row['name']}" for said, row in zip(ids, matches, strict=False)]
    if len(matches) > MAX_CANDIDATES:
        shown.append(f"… and {len(matches) - MAX_CANDIDATES} more")
    return Ambiguous(f"'{text}' matches {len(matches)} clients; use an id or a longer name", shown)
