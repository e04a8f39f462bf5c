"""The command bar's events: "remind me to chase Acme's quote on Friday, high priority"
becomes a task on the client its words name, with a due day and a priority.

Pure, like the rest of the grammar (``core/sentence_rules.py`` holds the forms).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kiaro_cli.core.sentence_words import (
    DATE_LINKS,
    EVENT,
    WHEN_LEADS,
    Step,
    client_and_when,
    client_words,
    looks_like_date,
    sentence_case,
    when_phrase,
)

_PRIORITY = re.compile(
    r"[\s,;]*(?:(?:with\s+|at\s+)?(?:a\s+)?(?P<level>high|low|medium|normal|critical|urgent|top)\s+priority|"
    r"priority\s*:?\s*(?P<said>high|low|medium|normal|critical|urgent)|(?P<urgent>urgent(?:ly)?|asap))$",
    re.I,
)
_PRIORITY_WORDS = {
    "top": "high",
    "normal": "medium",
    "urgent": "critical",
    "urgently": "critical",
    "asap": "high",
}
REMIND_TO = r"(?:follow[- ]?up|check\s+in|get\s+back|reach\s+out|call|email|e-mail|ping|contact|write\s+to|text|chase)"
NOT_A_NAME = frozenset(
    ("the", "a", "an", "my", "our", "their", "his", "her", "them", "him", "some", "this", "that", "up", "with",
     "to", "in", "back", "out", "about", "for", "on", "at", "by", "from", "of", "and")
)  # fmt: skip
_FOLLOWING = re.compile(r"(?:follow[- ]?up|check\s+in|get\s+back|reach\s+out|circle\s+back)\b", re.I)
_SEVERAL = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)
_FOLLOW_UP_TASK = re.compile(rf"^{REMIND_TO}\s+(?:with\s+|to\s+|on\s+)?(?P<client>.+)$", re.I)


def event(match: re.Match[str]) -> Iterator[Step]:
    """ "remind me to chase Acme's quote on Friday, high priority": an event on the client
    its words name, due that day. Every place the client's name may sit in the task is
    offered: a possessive first, then the words after the verb, then after a preposition."""
    task, level = _priority_of(match["task"])
    when = match.groupdict().get("when")
    if when is None:
        task, when = _task_and_when(task)
    words = task.split(" ")
    if len(words) < 2:
        return
    values = (("text", sentence_case(task)), ("priority", level))
    if level == "medium" and _FOLLOWING.match(task):
        return  # "remind me to follow up with Acme (whenever)": a follow-up, with a date or none
    plain = _FOLLOW_UP_TASK.match(task)  # "call Acme (and Kobalt)" alone is a follow-up, not an event
    named = {client_words(part) for part in _SEVERAL.split(plain["client"])} if plain else set()
    for client in _names_in(words):
        if client not in named:
            yield Step(EVENT, client, when_phrase(when) if when else None, values)


def event_of(match: re.Match[str]) -> Iterator[Step]:
    """ "add a task for Acme: send the quote by friday"."""
    task, level = _priority_of(match["task"])
    task, when = _task_and_when(task)
    values = (("text", sentence_case(task)), ("priority", level))
    yield Step(EVENT, client_words(match["client"]), when_phrase(when) if when else None, values)


def _priority_of(task: str) -> tuple[str, str]:
    said = _PRIORITY.search(task)
    if said is None:
        return task.strip(), "medium"
    level = (said["level"] or said["said"] or said["urgent"]).lower()
    return task[: said.start()].strip(" ,;"), _PRIORITY_WORDS.get(level, level)


# What a task is about, after its day: "call Acme tomorrow [about the invoice]".
_TOPIC = re.compile(r"\s(?:about|regarding|concerning|re:?|to\s+discuss)\s", re.I)


def _task_and_when(task: str) -> tuple[str, str | None]:
    """The task and the date said at its end ("chase the quote on Friday"), or before what
    the task is about ("call Acme tomorrow about the invoice")."""
    found = _date_at_end(task)
    if found[1] is None:
        for topic in _TOPIC.finditer(task):
            head, when = _date_at_end(task[: topic.start()])
            if when is not None:
                return head + task[topic.start() :], when
    return found


def _date_at_end(task: str) -> tuple[str, str | None]:
    words = task.split(" ")
    for cut in range(1, len(words)):
        tail = " ".join(words[cut:])
        starts = words[cut].lower() in WHEN_LEADS or words[cut][:1].isdigit()
        if starts and looks_like_date(tail) and not all(w.lower() in DATE_LINKS for w in words[cut:]):
            return " ".join(words[:cut]).strip(" ,;"), tail
    return task, None


def _names_in(words: list[str]) -> Iterator[str]:
    """Where a client may be named in a task ("chase [Acme]'s quote", "send [Acme] the
    quote", "book flights for the [Acme] shoot"): every run of words after the verb that
    neither starts nor ends with a little word, the longest first; never a number alone,
    which in a task counts something rather than naming a client by its id."""
    after = {at + 1 for at, word in enumerate(words) if word.lower() in ("to", "for", "with", "from")}
    spans = sorted(
        (
            (start, end)
            for start in range(1, len(words))
            for end in range(start + 1, min(len(words), start + 5) + 1)
        ),
        key=lambda span: (span[0] not in after, span[0] - span[1], span[0]),
    )
    seen: set[str] = set()
    for start, end in spans:
        name = client_words(" ".join(words[start:end]).strip(",;:"))
        if not name or name in seen or name.isdigit():  # "for 2 weeks of work": a number, not client #2
            continue
        first, last = name.split()[0].lower(), re.sub(r"'s?$", "", name.split()[-1].lower())
        if first not in NOT_A_NAME and last not in NOT_A_NAME:
            seen.add(name)
            yield name


def meeting_planned(match: re.Match[str]) -> Iterator[Step]:
    """ "schedule a call with Acme next tuesday": an event on that day."""
    for client, when in client_and_when(match["rest"]):
        if client and when and looks_like_date(when):
            text = f"{match['kind'].capitalize()} with {client}"
            yield Step(EVENT, client, when_phrase(when), (("text", text), ("priority", "medium")))
