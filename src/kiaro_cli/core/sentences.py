"""The command bar's grammar: a sentence becomes the steps it asks for.

Pure: no database and no clock. A client stays the words that name it and a date the
phrase that says it; ``core/command_bar.py`` resolves both. Where the words can be read
more than one way ("follow up with Studio May in 3 weeks": is the client "Studio May" or
"Studio"?), :func:`readings` returns every reading, the most likely first, and the
resolver keeps the first one whose client and date exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from kiaro_cli.core.choices import INTERACTION_ALIASES, INTERACTION_TYPES, pick_choice, read_status
from kiaro_cli.core.mentions import mentioned_fields
from kiaro_cli.errors import InvalidValue

CREATE, FOLLOW_UP, CLEAR, DONE, STATUS, LOG, TAG, UNTAG, NOTE = (
    "create", "follow-up", "clear-follow-up", "done", "status", "log", "tag", "untag", "note",
)  # fmt: skip


@dataclass(frozen=True)
class Step:
    """One thing a sentence asks for. ``client`` is the words naming the client (None: the
    client of the step before); ``when`` a date phrase as typed; ``values`` the rest
    (create: name and fields; status; log: type and summary; tag/untag: tags; note: text)."""

    action: str
    client: str | None = None
    when: str | None = None
    values: tuple[tuple[str, str], ...] = field(default=())

    def value(self, key: str) -> str | None:
        return dict(self.values).get(key)


Reading = tuple[Step, ...]


class NotUnderstood(InvalidValue):
    """A sentence the grammar cannot read; ``details`` hold examples close to it."""


# ---------------------------------------------------------------- the words

FOLLOW = r"follow[- ]?ups?"
_WHEN_WORDS = (
    "in on at by for to until till next this coming tomorrow today tonight yesterday end the after within "
    "before a an one two three four five six seven eight nine ten eleven twelve mid early late last "
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday "
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december"
)
WHEN_LEADS = frozenset(_WHEN_WORDS.split())  # the words a date phrase can start with
DATE_LINKS = frozenset(
    ("in", "on", "at", "by", "for", "to", "until", "till", "next", "this", "coming", "the", "a", "an", "end", "of",
     "within", "after", "before")
)  # fmt: skip
PRONOUNS = frozenset(("them", "it", "him", "her", "they", "this client", "that client"))
KIND_WORDS = {
    "called": "call", "phoned": "call", "rang": "call", "spoke to": "call", "spoke with": "call",
    "talked to": "call", "talked with": "call", "had a call with": "call", "had a chat with": "call",
    "emailed": "email", "e-mailed": "email", "mailed": "email", "wrote to": "email",
    "texted": "text", "messaged": "text",
    "met": "meeting", "met with": "meeting", "met up with": "meeting", "had a meeting with": "meeting",
    "visited": "meeting", "saw": "meeting",
}  # fmt: skip
SUMMARY_MARKS = (":", " about ", " regarding ", " re ", " to discuss ", " — ", " - ")
CLAUSE_STARTS = (
    "follow",
    "remind",
    "mark",
    "set",
    "clear",
    "cancel",
    "tag",
    "untag",
    "log",
    "add",
    "note",
    "move",
    "schedule",
    "change",
    "make",
    "then",
    "check",
    "push",
    "postpone",
    "remove",
    "next",
    "again",
)  # a clause after "and", "," or ";" starts with one of these


STRAIGHT_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalise(sentence: str) -> str:
    """One line, straight quotes, no polite words around it, no closing punctuation."""
    text = sentence.translate(STRAIGHT_QUOTES)
    text = " ".join(text.split())
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    text = re.sub(r"^(?:(?:hey |ok )?kiaro[,:]?\s+)?(?:please\s+|pls\s+)?", "", text, flags=re.I)
    text = re.sub(r"[\s,]*(?:please|thanks|thank you)?[.!?\s]*$", "", text, flags=re.I)
    return text.strip()


def client_words(text: str) -> str | None:
    """The words naming a client: quotes, possessives and "my client" set aside; a pronoun
    (them, it) is the client of the step before (None)."""
    words = text.strip().strip(",;:").strip()
    words = re.sub(r"^(?:my |our )?(?:client|customer|lead)\s+(?=\S)", "", words, flags=re.I)
    if len(words) > 1 and words[0] == words[-1] and words[0] in "\"'":
        words = words[1:-1].strip()
    words = re.sub(r"'s?$", "", words) if re.search(r"\w's$|s'$", words) else words
    if words.lower() in PRONOUNS:
        return None
    return words


# ---------------------------------------------------------------- reading


def readings(sentence: str) -> list[Reading]:
    """Every way the grammar reads ``sentence``, the most likely first.

    Raises :class:`NotUnderstood` when there is none, saying what it did recognise.
    """
    text = normalise(sentence)
    if not text:
        raise NotUnderstood("say what to do; try one of these", [f'kiaro do "{e}"' for e in EXAMPLES[3:5]])
    found = [merged(reading) for reading in _clauses(text, first=True)]
    if not found:
        raise not_understood(text)
    unique: list[Reading] = []
    for reading in found:
        if reading not in unique:
            unique.append(reading)
    return unique


def _clauses(text: str, *, first: bool) -> Iterator[Reading]:
    """Readings of ``text`` as clauses: split where a new clause starts, most steps first."""
    for match in re.finditer(r"\s*(?:,|;|\band\b|\bthen\b)\s*(?:and\s+|then\s+)?", text, flags=re.I):
        rest = text[match.end() :]
        if match.start() == 0 or not rest.lower().startswith(CLAUSE_STARTS):
            continue
        for head in _clause(text[: match.start()], first=first):
            for tail in _clauses(rest, first=False):
                yield (head, *tail)
    for step in _clause(text, first=first):
        yield (step,)


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


def _clause(text: str, *, first: bool) -> Iterator[Step]:
    for pattern, build in GRAMMAR:
        match = pattern.match(text)
        if match is None:
            continue
        for step in build(match):
            if first and step.client is None and step.action != CREATE:
                continue
            if step.action == CREATE and not first:
                continue
            yield step


def _client_and_when(rest: str, *, when_needed: bool = True) -> Iterator[tuple[str | None, str | None]]:
    """Where the client's name ends and the date begins in "Acme in 3 weeks": every split
    at a word a date can start with, the longest name first (then no date at all)."""
    words = rest.split(" ")
    cuts = [
        cut
        for cut in range(len(words) - 1, 0, -1)
        if words[cut].lower().strip(",") in WHEN_LEADS or words[cut][:1].isdigit()
    ]
    # a name rarely ends with a little word that starts a date ("Acme in" of "Acme in 3 weeks")
    cuts.sort(key=lambda cut: words[cut - 1].lower().strip(",") in DATE_LINKS)
    for cut in cuts:
        name = client_words(" ".join(words[:cut]).rstrip(","))
        if name is None or not _only_date_words(name):
            yield name, " ".join(words[cut:]).strip(", ")
    if not when_needed:
        yield client_words(rest), None


def _only_date_words(words: str) -> bool:
    """ "in" of "follow up with in 3 weeks": no client is named there."""
    return all(word.lower() in WHEN_LEADS for word in words.split())


def when_phrase(text: str) -> str:
    """A date phrase without the words that introduce it ("to October 15", "for next week")."""
    return re.sub(r"^(?:(?:to|for|until|till|from)\s+)+", "", text.strip(), flags=re.I).strip()


# ---------------------------------------------------------------- the grammar, a builder a form

Builder = Callable[[re.Match[str]], Iterator[Step]]


def _follow_up(match: re.Match[str]) -> Iterator[Step]:
    for client, when in _client_and_when(match["rest"]):
        yield Step(FOLLOW_UP, client, when_phrase(when or ""))


def _follow_up_of(match: re.Match[str]) -> Iterator[Step]:
    yield Step(FOLLOW_UP, client_words(match["client"]), when_phrase(match["when"]))


def _follow_up_again(match: re.Match[str]) -> Iterator[Step]:
    yield Step(FOLLOW_UP, None, when_phrase(match["when"]))


def _clear(match: re.Match[str]) -> Iterator[Step]:
    yield Step(CLEAR, client_words(match["client"]))


def _done(match: re.Match[str]) -> Iterator[Step]:
    yield Step(DONE, client_words(match["client"]))


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
        if client:
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
    splits: list[tuple[str, str | None]] = []
    for mark in SUMMARY_MARKS:
        at = rest.lower().find(mark)
        while at > 0:
            splits.append((rest[:at], rest[at + len(mark) :].strip()))
            at = rest.lower().find(mark, at + 1)
    splits.append((rest, None))
    for head, summary in splits:
        for client, when in _client_and_when(head.strip(), when_needed=False):
            values = [("type", picked)] + ([("summary", _sentence_case(summary))] if summary else [])
            yield Step(LOG, client, when, tuple(values))


def _tags(match: re.Match[str]) -> Iterator[Step]:
    action = UNTAG if match.groupdict().get("untag") else TAG
    yield Step(action, client_words(match["client"]), values=(("tags", _tag_list(match["tags"])),))


def _tag_last_word(match: re.Match[str]) -> Iterator[Step]:
    """ "tag Acme vip": the last word is the tag."""
    head, _, tag = match["rest"].rpartition(" ")
    client = client_words(head)
    if head and client != "" and not re.search(r"\s(?:as|with|from)$", head, re.I):
        yield Step(UNTAG if match.groupdict().get("untag") else TAG, client, values=(("tags", tag),))


def _note(match: re.Match[str]) -> Iterator[Step]:
    yield Step(NOTE, client_words(match["client"]), values=(("text", match["text"].strip()),))


def _tag_list(text: str) -> str:
    return ", ".join(p.strip() for p in re.split(r",|;|\band\b", text) if p.strip())


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


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
_REMIND_TO = r"(?:follow[- ]?up|check\s+in|get\s+back|reach\s+out|call|email|e-mail|ping|contact|write\s+to|text|chase)"
_KINDS = r"call|phone call|phone|meeting|email|e-mail|mail|text|sms|message|note|visit|chat"
_PAST_VERBS = (
    r"called|phoned|rang|spoke (?:to|with)|talked (?:to|with)|had a call with|had a chat with|e-?mailed|mailed|"
    r"wrote to|texted|messaged|met(?: up)?(?: with)?|had a meeting with|visited|saw"
)
_NEW = r"(?:client|lead|prospect)"
_TAIL = r"(?P<tail>(?:[\s,].*)?)"

GRAMMAR: tuple[tuple[re.Pattern[str], Builder], ...] = (
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
    _rule(r"mark\s+(?P<client>.+?)\s+(?:as\s+)?(?:done|followed up|contacted)", _done),
    _rule(rf"(?P<client>.+?)(?:'s?)?\s+{FOLLOW}\s+(?:is\s+)?(?:done|complete|completed)", _done),
    _rule(rf"(?:done|finished)\s+(?:with\s+)?(?:my\s+|the\s+)?{FOLLOW}\s+(?:with|for|of)\s+(?P<client>.+)", _done),
    _rule(r"(?:i\s+)?(?:just\s+)?(?:followed up|checked in)\s+with\s+(?P<client>.+)", _done),
    # follow-ups: clearing one
    _rule(rf"(?:clear|cancel|remove|delete|drop)\s+(?:the\s+|my\s+)?(?:next\s+)?{FOLLOW}\s+(?:for|with|of|on)\s+"
          r"(?P<client>.+)", _clear),
    _rule(rf"(?:clear|cancel|remove|delete|drop)\s+(?P<client>.+?)(?:'s?)?\s+(?:next\s+)?{FOLLOW}", _clear),
    _rule(r"(?:don't|do not|stop)\s+remind(?:ing)?\s+me\s+(?:about|of)\s+(?P<client>.+)", _clear),
    _rule(rf"no\s+(?:more\s+)?{FOLLOW}\s+(?:for|with)\s+(?P<client>.+)", _clear),
    # follow-ups: setting or moving one
    _rule(rf"remind\s+me\s+to\s+{_REMIND_TO}\s+(?:with\s+|to\s+|on\s+)?(?P<rest>.+)", _follow_up),
    _rule(r"remind\s+me\s+(?:about|of)\s+(?P<rest>.+)", _follow_up),
    _rule(r"(?:follow[- ]?up|check\s+in|circle\s+back)\s+(?:again\s+)?(?:with|on)\s+(?P<rest>.+)", _follow_up),
    _rule(rf"{_SET}\s+(?P<client>.+?)(?:'s?)\s+(?:next\s+)?{FOLLOW}(?:\s+date)?\s+(?P<when>.+)", _follow_up_of),
    _rule(rf"{_SET}\s+(?:a\s+|the\s+|my\s+)?(?:next\s+)?{FOLLOW}\s+(?:for|with|of|on)\s+(?P<rest>.+)", _follow_up),
    _rule(r"(?:and\s+)?(?:then\s+)?(?:follow[- ]?up|remind\s+me|check\s+in)(?:\s+again)?"
          r"(?:\s+with\s+(?:them|it|him|her))?\s+(?P<when>.+)", _follow_up_again),
    _rule(r"(?:next|again)\s+(?P<when>.+)", _follow_up_again),
    # status
    _rule(r"(?:mark|set|make|move|change|switch|turn|put)\s+(?P<rest>.+)", _status),
    _rule(r"(?P<rest>.+?\s+is\s+(?:now\s+)?(?:an?\s+|back\s+)?.+)", _status),
    # interactions
    _rule(rf"(?:log|record)\s+(?:an?\s+|the\s+|my\s+)?(?P<kind>{_KINDS})\s+(?:with|to|from|for|about|on)\s+(?P<rest>.+)",
          _log),
    _rule(r"add\s+(?:an?\s+|the\s+|my\s+)?(?P<kind>call|phone call|meeting|email|e-mail|text|sms|message|visit|chat)"
          r"\s+(?:with|to|from|for)\s+(?P<rest>.+)", _log),
    _rule(rf"(?:i\s+)?(?:just\s+)?(?P<verb>{_PAST_VERBS})\s+(?P<rest>.+)", _log),
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


# ---------------------------------------------------------------- when nothing reads

EXAMPLES = (
    "/client Acme Corp",
    "add Acme to my clients, based in Germany",
    "new lead Brand Factor in the fintech industry, hello@brandfactor.example",
    "remind me to follow up with Acme in 3 weeks",
    "set Acme's next follow-up to October 15",
    "clear Acme's follow-up",
    "mark my follow-up with Acme done, remind me again in a month",
    "mark Acme as active",
    "mark Acme as active and follow up in 2 weeks",
    "log a call with Acme: discussed the Q3 scope",
    "met Acme yesterday about the launch",
    "tag Acme as vip",
    "remove the vip tag from Acme",
    "add a note to Acme: prefers calls in the morning",
)
PROMPT_WORDS = (
    "remind me to follow up with", "follow up with", "set", "clear", "mark", "done", "log a call with",
    "log a meeting with", "met", "called", "emailed", "tag", "untag", "add", "to my clients", "new lead",
    "/client", "add a note to", "as active", "as past", "in 1 week", "in 2 weeks", "in 1 month",
    "in 3 months",
)  # fmt: skip  # what the prompt completes besides client names
_UNDERSTOOD = (
    (re.compile(rf"\b{FOLLOW}\b|\bremind\b", re.I), "a follow-up"),
    (re.compile(r"\b(?:call|called|meeting|met|email|emailed|text|texted|log)\b", re.I), "an interaction"),
    (re.compile(r"\b(?:lead|client|clients|new)\b", re.I), "a client"),
    (re.compile(r"\btag\b|\btags\b", re.I), "a tag"),
    (re.compile(r"\bnote\b", re.I), "a note"),
)


def not_understood(text: str) -> NotUnderstood:
    """The refusal: what was recognised, if anything, and the two closest examples."""
    recognised = next((what for pattern, what in _UNDERSTOOD if pattern.search(text)), None)
    if recognised and re.search(rf"\b{FOLLOW}\b|\bremind\b", text, re.I) and not _has_date_word(text):
        said = f"it reads as {recognised}, but no date was found in it"
    elif recognised:
        said = f"it reads as {recognised}, but not the rest of it"
    else:
        said = "no action in it was recognised"
    examples = [f'kiaro do "{example}"' for example in closest_examples(text)]
    return NotUnderstood(f"cannot understand '{text}': {said}; try one of these", examples)


def _has_date_word(text: str) -> bool:
    return any(w.lower() in WHEN_LEADS - {"the", "a", "an", "to", "for", "on", "at", "in"} or w[:1].isdigit()
               for w in text.split())  # fmt: skip


def closest_examples(text: str, count: int = 2) -> list[str]:
    """The examples whose words are closest to ``text``."""
    words = text.lower().split()

    def closeness(example: str) -> float:
        return SequenceMatcher(a=words, b=example.lower().split(), autojunk=False).ratio()

    return sorted(EXAMPLES, key=closeness, reverse=True)[:count]
