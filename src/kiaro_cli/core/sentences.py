"""The command bar's grammar: a sentence becomes the steps it asks for.

Pure: no database and no clock. A client stays the words that name it and a date the
phrase that says it; ``core/command_bar.py`` resolves both. Where the words can be read
more than one way ("follow up with Studio May in 3 weeks": is the client "Studio May" or
"Studio"?), :func:`readings` returns every reading, the most likely first, and the
resolver keeps the first one whose client and date exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kiaro_cli.core.sentence_ledger import INVOICE, LEDGER_CLAUSE, PAY, PROJECT
from kiaro_cli.core.sentence_refusals import EXAMPLES, PROMPT_WORDS, not_understood
from kiaro_cli.core.sentence_rules import GRAMMAR
from kiaro_cli.core.sentence_words import (
    CLAUSE_STARTS,
    CLEAR,
    CREATE,
    DONE,
    EVENT,
    FOLLOW_UP,
    LOG,
    NOTE,
    STATUS,
    TAG,
    UNTAG,
    NotUnderstood,
    Reading,
    Step,
    client_words,
    inside_a_date,
    left_out,
    normalise,
    pronoun_clause,
    when_phrase,
)  # fmt: skip

__all__ = [
    "CLEAR", "CREATE", "DONE", "EVENT", "EXAMPLES", "FOLLOW_UP", "INVOICE", "LOG", "NOTE", "PAY", "PROJECT",
    "PROMPT_WORDS", "STATUS", "TAG", "UNTAG",
    "NotUnderstood", "Reading", "Step", "left_out", "normalise", "readings", "when_phrase",
]  # fmt: skip


def readings(sentence: str) -> list[Reading]:
    """Every way the grammar reads ``sentence``, the most likely first.

    Raises :class:`NotUnderstood` when there is none, saying what it did recognise.
    """
    text = normalise(sentence)
    if not text:
        said = " ".join(sentence.split())
        what = f"nothing to do in '{said}': say what to do" if said else "say what to do"
        raise NotUnderstood(f"{what}; try one of these", [f'kiaro do "{e}"' for e in EXAMPLES[3:5]])
    found = [merged(reading) for reading in _clauses(ungapped(text), first=True)]
    if not found:
        raise not_understood(text)
    unique: list[Reading] = []
    for reading in found:
        if reading not in unique:
            unique.append(reading)
    return unique


_JOINS = re.compile(r"\s*(?:,|;|\band\b|\bthen\b)\s*(?:and\s+|then\s+)?", re.I)  # where a clause may end


def _clauses(text: str, *, first: bool) -> Iterator[Reading]:
    """Readings of ``text`` as clauses: split where a new clause starts, most steps first."""
    for match in _JOINS.finditer(text):
        rest = text[match.end() :]
        starts = rest.lower().startswith(CLAUSE_STARTS) or LEDGER_CLAUSE.match(rest) or pronoun_clause(rest)
        if match.start() == 0 or not starts:
            continue
        for head in _clause(text[: match.start()], first=first):
            for tail in _clauses(rest, first=False):
                yield (*head, *tail)
    yield from _clause(text, first=first)


def merged(reading: Reading) -> Reading:
    """A follow-up date after a creation or a done becomes part of it ("…, remind me again
    in a month" is the next date of the follow-up just done)."""
    steps: list[Step] = []
    for step in reading:
        previous = steps[-1] if steps else None
        dated = step.action == FOLLOW_UP and step.client is None
        if previous and previous.action in (CREATE, DONE) and previous.when is None and dated:
            steps[-1] = replace(previous, when=step.when)
            continue
        steps.append(step)
    return tuple(steps)


def _clause(text: str, *, first: bool) -> Iterator[Reading]:
    for pattern, build in GRAMMAR:
        match = pattern.match(text)
        if match is None:
            continue
        for step in build(match):
            if first and step.client is None and step.action not in (CREATE, PAY):
                continue  # a payment names its invoice, and the invoice its client
            if step.action == CREATE and not first:
                continue
            yield (step,)
            ampersand = _and_as_ampersand(step)
            if ampersand is not None:
                yield (ampersand,)
            several = _each_client(step)
            if several:
                yield several


_SEVERAL = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)


def _each_client(step: Step) -> Reading:
    """ "tag Kobalt Labs and Casa Olivo as vip": the same step for each client named (after
    the reading where "Kobalt Labs and Casa Olivo" is one name)."""
    if step.client is None or step.action == CREATE:
        return ()
    if '"' in step.client or inside_a_date(step.client.split()[-1]):
        return ()  # a quoted name is one name; "Acme and Next in" of "… in 3 weeks" is none
    names = [client_words(part) for part in _SEVERAL.split(step.client)]
    if len(names) < 2 or not all(names):
        return ()
    return tuple(replace(step, client=name) for name in names)


def _and_as_ampersand(step: Step) -> Step | None:
    """ "Moss and Stone" said of "Moss & Stone"."""
    if step.client is None or not re.search(r"\sand\s", step.client, re.I):
        return None
    return replace(step, client=re.sub(r"\s+and\s+", " & ", step.client, flags=re.I))


# "tag Acme as vip and Kobalt as design": the verb said once for two clauses
_GAPPED = re.compile(
    r"^(?P<verb>(?:un)?tag|mark|set|make|move)\s+(?P<first>\S.*?\s(?:as|to|with)\s+\S.*?)"
    r"(?P<sep>\s*,\s*(?:and\s+)?|\s+and\s+)"
    rf"(?P<second>(?!(?:{'|'.join(CLAUSE_STARTS)}|them|it|him|her)\b)\S.*?\s(?:as|to|with)\s+\S.*)$",
    re.I,
)


_FOLLOW_UP_AGAIN = re.compile(
    r"^(?P<head>(?:remind me to )?(?:follow[- ]?up|check in)\s+with\s.+?)(?P<sep>\s*,\s*(?:and\s+)?|\s+and\s+)with\s",
    re.I,
)


def ungapped(text: str) -> str:
    """The verb said again where it was left out: "tag Acme as vip and tag Kobalt as design",
    "follow up with Acme in 2 weeks and follow up with Kobalt in 3 weeks"."""
    while (again := _FOLLOW_UP_AGAIN.match(text)) is not None:
        text = f"{again['head']}{again['sep']}follow up with " + text[again.end() :]
    match = _GAPPED.match(text)
    if match is None:
        return text
    verb = match["verb"]
    return f"{verb} {match['first']}{match['sep']}" + ungapped(f"{verb} {match['second']}")
