"""The command bar's grammar: each form a sentence can take, and the steps it reads as.

Pure, like the rest of the grammar: ``core/sentences.py`` tries every form in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from kiaro_cli.core.choices import INTERACTION_ALIASES, INTERACTION_TYPES, pick_choice, read_status
from kiaro_cli.core.mentions import mentioned_fields
from kiaro_cli.core.sentence_events import REMIND_TO, event, event_of, meeting_planned
from kiaro_cli.core.sentence_ledger import GRAMMAR as LEDGER_GRAMMAR
from kiaro_cli.core.sentence_words import (
    CLAUSE_STARTS,
    CLEAR,
    CREATE,
    DATE_LINKS,
    DONE,
    FOLLOW,
    FOLLOW_UP,
    KIND_WORDS,
    LAST_WORD,
    LOG,
    NOTE,
    STATUS,
    SUMMARY_MARK,
    TAG,
    UNTAG,
    WHEN_LEADS,
    Step,
    client_and_when,
    client_words,
    looks_like_date,
    only_date_words,
    sentence_case,
    when_phrase,
)  # fmt: skip

Builder = Callable[[re.Match[str]], Iterator[Step]]


def _follow_up(match: re.Match[str]) -> Iterator[Step]:
    for client, when in client_and_when(match["rest"]):
        yield Step(FOLLOW_UP, client, when_phrase(when or ""))


def _follow_up_of(match: re.Match[str]) -> Iterator[Step]:
    yield Step(FOLLOW_UP, client_words(match["client"]), when_phrase(match["when"]))


def _follow_up_again(match: re.Match[str]) -> Iterator[Step]:
    if looks_like_date(match["when"]):  # "…, next steps and timeline" is no date
        yield Step(FOLLOW_UP, None, when_phrase(match["when"]))


def _follow_up_said_first(match: re.Match[str]) -> Iterator[Step]:
    """ "next week follow up with Acme", "remind me tomorrow to call Acme"."""
    if looks_like_date(match["when"]):
        yield Step(FOLLOW_UP, client_words(match["client"]), when_phrase(match["when"]))


_ARTICLES = frozenset(("the", "a", "an", "my", "our", "this", "that"))


def _clear(match: re.Match[str]) -> Iterator[Step]:
    client = client_words(match["client"])
    if client is None or client.lower() not in _ARTICLES:  # "delete the follow-up" names no client
        yield Step(CLEAR, client)


def _done(match: re.Match[str]) -> Iterator[Step]:
    client = client_words(match["client"])
    if client is None or client.lower() not in _ARTICLES:
        yield Step(DONE, client)


_STATUS_GLUE = r"(?:\s+(?:as|to|into|is|status|now|an?|the|back))+$"  # "Acme('s status) is now a" → "Acme"


def _status(match: re.Match[str]) -> Iterator[Step]:
    """ "mark Acme as active", "make Acme a past client": the status is the last words."""
    words = match["rest"].split(" ")
    for size in (3, 2, 1):
        if len(words) <= size:
            continue
        said = " ".join(words[-size:]).lower()
        said = re.sub(r"^(?:an?|the)\s+", "", re.sub(r"\s+(?:client|customer|stage)$", "", said)) or said
        status = read_status(said)
        if status is None:
            continue
        head = re.sub(_STATUS_GLUE, "", " ".join(words[:-size]), flags=re.I)
        head = re.sub(r"'s? status$|'s?$", "", head)
        client = client_words(head)
        if client or (client is None and head):  # "mark them as past": the client of the step before
            yield Step(STATUS, client, values=(("status", status),))


def _log(match: re.Match[str]) -> Iterator[Step]:
    kind = match.groupdict().get("kind")
    verb = match.groupdict().get("verb")
    picked = (
        KIND_WORDS[" ".join(verb.lower().split())]
        if verb
        else pick_choice(kind or "", INTERACTION_TYPES, {**INTERACTION_ALIASES, "chat": "call"})
    )
    if picked is None:
        return
    rest = match["rest"]
    marked = [(rest[: mark.start()], rest[mark.end() :].strip()) for mark in SUMMARY_MARK.finditer(rest)]
    for head, summary in [*marked, (rest, None)]:
        if not head.strip():
            continue
        for client, when in client_and_when(head.strip(), when_needed=False):
            yield _logged(picked, client, when, summary)
    # no mark: "emailed Acme the invoice", "called Acme yesterday pricing": what follows the
    # name (and its date) is the summary, the longest name first
    if not marked:
        yield from _unmarked(picked, rest.split(" "))
    # "called Jonas at Nordlicht", "spoke to Sanne from Kobalt yesterday": a person of the client
    person = _PERSON_AT.match(rest)
    if person is not None:
        for step in _log_at(picked, person["client"]):
            said = step.value("summary") or f"{picked.capitalize()} with {person['person']}"
            yield replace(step, values=(("type", picked), ("summary", said)))
    # "emailed the proposal to Acme", "sent the invoice to Acme yesterday"
    sent = _SENT_TO.match(rest) if picked == "email" else None
    if sent is not None:
        for client, when in client_and_when(sent["client"], when_needed=False):
            yield _logged(picked, client, when, sent["what"])


def _log_at(kind: str, rest: str) -> Iterator[Step]:
    marked = [(rest[: mark.start()], rest[mark.end() :].strip()) for mark in SUMMARY_MARK.finditer(rest)]
    for head, summary in [*marked, (rest, None)]:
        for client, when in client_and_when(head.strip(), when_needed=False):
            yield _logged(kind, client, when, summary)


_PERSON_AT = re.compile(
    r"^(?P<person>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)\s+(?:at|from|of)\s+(?P<client>.+)$", re.I
)
_SENT_TO = re.compile(r"^(?P<what>(?:the|a|an|our|my)\s.+?)\s+to\s+(?P<client>.+)$", re.I)


_SUMMARY_STARTS = frozenset(
    ("the", "a", "an", "my", "our", "their", "his", "her", "its", "for", "at", "to", "with", "over", "on",
     "in", "after", "before", "during", "that", "because", "since", "they", "she", "he", "we", "i")
)  # fmt: skip


def _unmarked(kind: str, words: list[str]) -> Iterator[Step]:
    """ "emailed Acme the invoice", "called Acme yesterday discussed pricing", "met Acme for
    lunch yesterday": a summary with no mark starts as one does ("the", "for", "discussed")."""
    for cut in range(len(words) - 1, 0, -1):
        client = client_words(" ".join(words[:cut]))
        if client is not None and only_date_words(client):
            continue
        for end in range(len(words) - 1, cut - 1, -1):
            when = " ".join(words[cut:end])
            if (end > cut and not looks_like_date(when)) or not _starts_summary(words[end]):
                continue
            said = words[end:]
            for at in range(1, len(said)):  # a date at its end: "for lunch yesterday"
                tail = " ".join(said[at:])
                starts = not when and said[at].lower() in WHEN_LEADS
                if starts and looks_like_date(tail) and not all(w.lower() in DATE_LINKS for w in said[at:]):
                    yield _logged(kind, client, tail, " ".join(said[:at]))
            if when or not looks_like_date(" ".join(said)):  # "on 3/12" is a day, never a summary
                yield _logged(kind, client, when or None, " ".join(said))


def _starts_summary(word: str) -> bool:
    said = word.lower().strip(",;")
    return said in _SUMMARY_STARTS or (said.endswith("ed") and word[:1].islower())


def _logged_by_them(match: re.Match[str]) -> Iterator[Step]:
    """ "Acme called, they want a quote": the client spoke first."""
    verb = match["verb"].lower()
    kind = KIND_WORDS.get(verb, "call" if verb in ("rang", "phoned") else "email")
    words = match["summary"].split()
    said = next(
        (
            at
            for at in range(len(words), 0, -1)
            if words[0].lower() in WHEN_LEADS and looks_like_date(" ".join(words[:at]))
        ),
        0,
    )  # "Acme emailed us yesterday about the invoice"
    summary = re.sub(r"^(?:about|regarding|re:?|:|-)\s*", "", " ".join(words[said:]), flags=re.I)
    day = " ".join(words[:said]) or None
    for client, when in client_and_when(match["client"], when_needed=False):
        if when is None or day is None:
            yield _logged(kind, client, when or day, summary or None)


def _logged(kind: str, client: str | None, when: str | None, summary: str | None) -> Step:
    values = [("type", kind)] + ([("summary", sentence_case(summary.strip(" ,;")))] if summary else [])
    return Step(LOG, client, when_phrase(when) if when else None, tuple(values))


def _tags(match: re.Match[str]) -> Iterator[Step]:
    action = UNTAG if match.groupdict().get("untag") else TAG
    yield Step(action, client_words(match["client"]), values=(("tags", _tag_list(match["tags"])),))


def _tag_last_word(match: re.Match[str]) -> Iterator[Step]:
    """ "tag Acme vip": the last word is the tag."""
    head, _, tag = match["rest"].rpartition(" ")
    client = client_words(head)
    named_on = re.fullmatch(r"[A-Z][a-z].*", tag) is not None  # "tag Kobalt Labs": "Labs" is no tag
    if head and client != "" and not named_on and not re.search(r"\s(?:as|with|from)$", head, re.I):
        action = UNTAG if match.groupdict().get("untag") else TAG
        yield Step(action, client, values=(("tags", tag), (LAST_WORD, "yes")))


def _note(match: re.Match[str]) -> Iterator[Step]:
    yield Step(NOTE, client_words(match["client"]), values=(("text", match["text"].strip()),))


def _tag_list(text: str) -> str:
    return ", ".join(p.strip() for p in re.split(r",|;|\band\b", text) if p.strip())


# A name never holds a second clause ("Zenith, follow up yesterday" is a name and a date).
_NEXT_CLAUSE = re.compile(
    r"(?:,|;|\band\b|\bthen\b)\s*(?:and\s+|then\s+)?(?:" + "|".join(CLAUSE_STARTS) + r")\b", re.I
)


def _create(match: re.Match[str]) -> Iterator[Step]:
    text = " ".join(part for part in (match["rest"], match.groupdict().get("tail") or "") if part)
    said, fields = mentioned_fields(text)
    name = client_words(said) or ""
    values = dict(fields)
    if name and not _NEXT_CLAUSE.search(name):
        yield Step(CREATE, values=(("name", name), *sorted(values.items())))


def _rule(pattern: str, build: Builder) -> tuple[re.Pattern[str], Builder]:
    return re.compile("^" + pattern + "$", re.I), build


_DONE = r"(?:as\s+)?(?:done|complete|completed|finished)"
_SET = r"(?:set|move|change|push|postpone|reschedule|schedule|put|plan)"
_KINDS = r"call|phone call|phone|meeting|email|e-mail|mail|text|sms|message|note|visit|chat"
PAST_VERBS = (  # each one a key of KIND_WORDS, as typed in any case
    r"called|phoned|rang|spoke (?:to|with)|talked (?:to|with)|had a call with|had a chat with|e-?mailed|mailed|"
    r"wrote to|sent|texted|messaged|met(?: up)?(?: with)?|had a meeting with|visited|saw"
)
_NEW = r"(?:client|lead|prospect)"
_TAIL = r"(?P<tail>(?:[\s,].*)?)"

GRAMMAR: tuple[tuple[re.Pattern[str], Builder], ...] = (
    # the ledger: projects, invoices and payments (core/sentence_ledger.py)
    *LEDGER_GRAMMAR,
    # creating a lead
    _rule(r"/(?:client|lead|new|add)\s+(?P<rest>.+)", _create),
    _rule(r"(?:add|put)\s+(?P<rest>.+?)\s+(?:to|in|into|on)\s+(?:my\s+|the\s+|our\s+)?"
          r"(?:client list|clients?|leads?|crm|pipeline|contacts)" + _TAIL, _create),
    _rule(rf"(?:add|create|make)\s+(?:a\s+)?(?:new\s+)?{_NEW}(?:\s+called|\s+named)?:?\s+(?P<rest>.+)", _create),
    _rule(rf"new\s+{_NEW}(?:\s+called|\s+named)?:?\s+(?P<rest>.+)", _create),
    _rule(rf"add\s+(?P<rest>.+?)\s+as\s+(?:a\s+)?(?:new\s+)?{_NEW}" + _TAIL, _create),
    _rule(rf"(?P<rest>.+?)\s+is\s+a\s+new\s+{_NEW}" + _TAIL, _create),
    # follow-ups: marking one done (before setting one: "mark … done, remind me again …")
    _rule(rf"(?:mark|set|tick off|check off)\s+(?:my\s+|the\s+)?(?:next\s+)?{FOLLOW}\s+(?:with|for|of|on)\s+"
          rf"(?P<client>.+?)\s+{_DONE}", _done),
    _rule(rf"(?:mark|set|tick off|check off)\s+(?P<client>.+?)(?:'s?)?\s+(?:next\s+)?{FOLLOW}\s+{_DONE}", _done),
    _rule(rf"(?:tick off|check off|complete|close)\s+(?:my\s+|the\s+)?{FOLLOW}\s+(?:with|for|of|on)\s+(?P<client>.+)", _done),
    _rule(r"mark\s+(?P<client>.+?)\s+(?:as\s+)?(?:done|followed up|contacted)", _done),
    _rule(rf"(?P<client>.+?)(?:'s?)?\s+{FOLLOW}\s+(?:is\s+)?(?:done|complete|completed)", _done),
    _rule(rf"(?:done|finished)\s+(?:with\s+)?(?:my\s+|the\s+)?{FOLLOW}\s+(?:with|for|of)\s+(?P<client>.+)", _done),
    _rule(r"(?:i\s+)?(?:just\s+)?(?:followed up|checked in)\s+with\s+(?P<client>.+)", _done),
    # follow-ups: clearing one
    _rule(rf"(?:clear|cancel|remove|delete|drop)\s+(?:the\s+|my\s+)?(?:next\s+)?{FOLLOW}\s+(?:for|with|of|on)\s+"
          r"(?P<client>.+)", _clear),
    _rule(rf"(?:clear|cancel|remove|delete|drop)\s+(?P<client>.+?)(?:'s?)?\s+(?:next\s+)?{FOLLOW}", _clear),
    _rule(r"(?:don't|do not|stop)\s+remind(?:ing)?\s+me\s+(?:about|of)\s+(?P<client>.+?)(?:\s+any\s?more)?", _clear),
    _rule(rf"no\s+(?:more\s+)?{FOLLOW}\s+(?:for|with)\s+(?P<client>.+)", _clear),
    # follow-ups: setting or moving one
    _rule(rf"remind\s+me\s+to\s+{REMIND_TO}\s+(?:with\s+|to\s+|on\s+)?(?P<rest>.+)", _follow_up),
    _rule(r"remind\s+me\s+(?:about|of)\s+(?P<rest>.+)", _follow_up),
    _rule(rf"remind\s+me\s+(?P<when>.+?)\s+to\s+{REMIND_TO}\s+(?:with\s+|to\s+|on\s+)?(?P<client>.+)",
          _follow_up_said_first),
    _rule(rf"(?P<when>.+?),?\s+(?:remind\s+me\s+to\s+)?{REMIND_TO}\s+(?:with\s+|to\s+|on\s+)?(?P<client>.+)",
          _follow_up_said_first),
    _rule(rf"{REMIND_TO}\s+(?:with\s+|to\s+)?(?!again\b|up\b)(?P<rest>.+)", _follow_up),
    _rule(r"(?:set|add|create)\s+(?:a\s+)?reminder\s+(?:for|about)\s+(?P<rest>.+)", _follow_up),
    _rule(r"(?:schedule|book|plan|set\s+up|arrange)\s+(?:an?\s+)?(?P<kind>call|meeting|demo|visit|lunch|coffee|workshop)"
          r"\s+(?:with|at)\s+(?P<rest>.+)", meeting_planned),
    # events: a task on a client, with a day and a priority
    _rule(r"remind\s+me\s+to\s+(?P<task>.+)", event),
    _rule(r"remind\s+me\s+(?P<when>(?:on\s+|next\s+|this\s+)?\S+(?:\s+\d+)?)\s+to\s+(?P<task>.+)", event),
    _rule(r"(?:add|create|new|set)\s+(?:an?\s+)?(?:event|task|to-?do|reminder)\s+(?:for|to|on|with)\s+(?P<client>.+?)"
          r"\s*(?::|-|—|\bto\b)\s*(?P<task>.+)", event_of),
    _rule(r"(?:to-?do|task)\s+(?:for|on)\s+(?P<client>.+?)\s*(?::|-|—)\s*(?P<task>.+)", event_of),
    _rule(r"(?:follow[- ]?up|check\s+in|circle\s+back)\s+(?:again\s+)?(?:with|on)\s+(?P<rest>.+)", _follow_up),
    _rule(rf"{_SET}\s+(?P<client>.+?)(?:'s?)\s+(?:next\s+)?{FOLLOW}(?:\s+date)?\s+(?P<when>.+)", _follow_up_of),
    _rule(rf"{_SET}\s+(?:a\s+|the\s+|my\s+)?(?:next\s+)?{FOLLOW}\s+(?:for|with|of|on)\s+(?P<rest>.+)", _follow_up),
    _rule(r"(?:and\s+)?(?:then\s+)?(?:follow[- ]?up|remind\s+me(?:\s+to\s+(?:follow[- ]?up|check\s+in))?|check\s+in)(?:\s+again)?"
          r"(?:\s+with\s+(?:them|it|him|her))?\s+(?P<when>.+)", _follow_up_again),
    _rule(r"(?:next|again)\s+(?P<when>.+)", _follow_up_again),
    # status
    _rule(r"(?:mark|set|make|move|change|switch|turn|put)\s+(?P<rest>.+)", _status),
    _rule(r"(?P<rest>.+?\s+is\s+(?:now\s+)?(?:an?\s+|back\s+)?.+)", _status),
    # interactions
    _rule(rf"(?:log|record)\s+(?:an?\s+|the\s+|my\s+)?(?P<kind>{_KINDS})\s+(?:(?:with|to|from|for|about|on)\s+)?(?P<rest>.+)",
          _log),
    _rule(r"add\s+(?:an?\s+|the\s+|my\s+)?(?P<kind>call|phone call|meeting|email|e-mail|text|sms|message|visit|chat)"
          r"\s+(?:with|to|from|for)\s+(?P<rest>.+)", _log),
    _rule(rf"(?:i\s+)?(?:just\s+)?(?P<verb>{PAST_VERBS})\s+(?P<rest>.+)", _log),
    _rule(r"(?P<client>.+?)\s+(?P<verb>called|rang|phoned|emailed|texted|messaged|wrote)(?:\s+(?:me|us|back))*"
          r"(?:\s*[,:;-]\s*|\s+)?(?P<summary>.*)", _logged_by_them),
    # tags
    _rule(r"(?P<untag>un)?tag\s+(?P<client>.+?)\s+(?:as|with|from)\s+(?P<tags>.+)", _tags),
    _rule(r"(?:add|put)\s+(?:the\s+)?tags?\s+(?P<tags>.+?)\s+(?:to|on)\s+(?P<client>.+)", _tags),
    _rule(r"(?:add|put)\s+(?:the\s+)?(?P<tags>.+?)\s+tags?\s+(?:to|on)\s+(?P<client>.+)", _tags),
    _rule(r"(?P<untag>remove|delete|drop)\s+(?:the\s+)?tags?\s+(?P<tags>.+?)\s+from\s+(?P<client>.+)", _tags),
    _rule(r"(?P<untag>remove|delete|drop)\s+(?:the\s+)?(?P<tags>.+?)\s+tags?\s+from\s+(?P<client>.+)", _tags),
    _rule(r"(?P<untag>un)tag\s+(?P<tags>.+?)\s+from\s+(?P<client>.+)", _tags),
    _rule(r"(?P<untag>un)?tag\s+(?P<rest>.+\s.+)", _tag_last_word),
    # notes on the client
    _rule(r"(?:add\s+)?(?:a\s+)?note\s+(?:to|for|on|about)\s+(?P<client>.+?)(?:\s*:|\s+[-—])\s+(?P<text>.+)", _note),
    _rule(r"(?:add\s+)?(?:a\s+)?note\s+(?:to|for|on|about)\s+(?P<client>.+?)\s+(?:saying|that)\s+(?P<text>.+)",
          _note),
)  # fmt: skip
