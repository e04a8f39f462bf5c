"""The command bar's words: a step, the words a date or a clause starts with, and how a
sentence is tidied and where a client's name ends and its date begins.

Pure, as the grammar (``core/sentences.py``) that uses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kiaro_cli.errors import InvalidValue

CREATE, FOLLOW_UP, CLEAR, DONE, STATUS, LOG, TAG, UNTAG, NOTE, EVENT = (
    "create", "follow-up", "clear-follow-up", "done", "status", "log", "tag", "untag", "note", "event",
)  # fmt: skip
LAST_WORD = "last_word"  # a step's value: its tag is the sentence's last word ("tag Acme vip")


@dataclass(frozen=True)
class Step:
    """One thing a sentence asks for. ``client`` is the words naming the client (None: the
    client of the step before); ``when`` a date phrase as typed; ``values`` the rest
    (create: name and fields; status; log: type and summary; tag/untag: tags; note: text;
    event: text and priority)."""

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
    "oct october nov november dec december "
    # German, French and Spanish, as dateparser reads them
    "am im ab bis nächsten nächste nächster kommenden morgen übermorgen heute gestern vorgestern "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz mai juni juli "
    "oktober dezember le la au à dans demain hier aujourd'hui lundi mardi mercredi jeudi vendredi samedi "
    "dimanche janvier février mars avril juin juillet août septembre octobre novembre décembre el en "
    "mañana ayer hoy próximo próxima proximo proxima lunes martes miércoles miercoles jueves viernes "
    "sábado sabado domingo enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre "
    "noviembre diciembre"
)
WHEN_LEADS = frozenset(_WHEN_WORDS.split())  # the words a date phrase can start with
DATE_LINKS = frozenset(
    ("in", "on", "at", "by", "for", "to", "until", "till", "next", "this", "coming", "the", "a", "an", "end", "of",
     "within", "after", "before", "am", "le", "el", "au", "à", "en", "dans")
)  # fmt: skip
# every word a date phrase may hold besides WHEN_LEADS and numbers ("in 2 weeks from now")
_MORE_DATE_WORDS = (
    "couple few day days week weeks month months year years fortnight ago from now time morning afternoon evening night "
    "noon midday weekend beginning start middle first second third fourth of week's weeks' "
    "tage tagen woche wochen monat monate monaten jahr jahre jahren ende des "
    "jour jours semaine semaines mois an ans prochain prochaine fin du de "
    "día días dia dias semana semanas mes meses año años del que viene"
)
_DATE_WORDS = WHEN_LEADS | frozenset(_MORE_DATE_WORDS.split())
_PREPOSITIONS = r"(?:to|for|until|till|from|on|am|le|el|au|à|en|by|at)"
_ABOUT = ((re.compile(r"\ba\s+couple\s+(?:of\s+)?", re.I), "2 "), (re.compile(r"\ba\s+few\s+", re.I), "3 "))


def looks_like_date(phrase: str) -> bool:
    """Whether every word of ``phrase`` can belong to a date ("next friday", "am 15. Januar",
    "in two weeks"), so "the invoice" of "emailed Acme the invoice" is never read as one."""
    words = [word.strip(".,;:!?()").lower() for word in phrase.split()]
    return bool(words) and all(
        word in _DATE_WORDS or any(c.isdigit() for c in word) for word in words if word
    )


PRONOUNS = frozenset(
    ("them", "it", "him", "her", "they", "this client", "that client", "the client", "the same client",
     "her company", "his company", "their company", "their", "its", "his", "them too", "them as well", "this one", "that one")
)  # fmt: skip
KIND_WORDS = {
    "called": "call", "phoned": "call", "rang": "call", "spoke to": "call", "spoke with": "call",
    "talked to": "call", "talked with": "call", "had a call with": "call", "had a chat with": "call",
    "emailed": "email", "e-mailed": "email", "mailed": "email", "wrote to": "email", "sent": "email",
    "texted": "text", "messaged": "text",
    "met": "meeting", "met with": "meeting", "met up": "meeting", "met up with": "meeting",
    "had a meeting with": "meeting",
    "visited": "meeting", "saw": "meeting",
}  # fmt: skip
# where a logged interaction's summary starts: "Acme: …", "Acme about …", "Acme re: …"
SUMMARY_MARK = re.compile(
    r"\s*:\s*|\s+(?:about|regarding|concerning|re:?|to discuss|to talk about|on the subject of)\s+|\s+[-—–]\s+",
    re.I,
)
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
    "create",
)  # a clause after "and", "," or ";" starts with one of these (or a ledger one: LEDGER_CLAUSE, PRONOUN_CLAUSE)
# "add Bright Ideas to my clients and call them tomorrow": a follow-up of the client just
# named ("call them on 020 7946 0018" is its phone number)
_PRONOUN_CLAUSE = re.compile(r"(?:call|email|e-mail|ping|text|ring)\s+(?:them|him|her)(?:\s+back)?\s+", re.I)


def pronoun_clause(rest: str) -> bool:
    """Whether ``rest`` is a follow-up of the client just named: "call them tomorrow" (not
    "email them the quote", a summary's words, nor "call them on 020 7946 0018", a phone)."""
    said = _PRONOUN_CLAUSE.match(rest)
    tail = rest[said.end() :] if said else ""
    return said is not None and looks_like_date(tail) and sum(c.isdigit() for c in tail) < 7  # 7: a phone


STRAIGHT_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalise(sentence: str) -> str:
    """One line, straight quotes, no polite words around it, no closing punctuation."""
    return _read_around(sentence)[0]


def left_out(sentence: str) -> tuple[str, ...]:
    """The polite words :func:`normalise` sets aside ("hey kiaro", "please", "thanks"), each
    run of them as one phrase, so the card can say how the sentence was read."""
    return _read_around(sentence)[1]


_LEADING_POLITE = re.compile(
    r"^(?:(?:hey |ok )?kiaro[,:]?\s+)?(?:(?:can|could|would) you\s+)?(?:please\s+|pls\s+|plz\s+)?", re.I
)
_CLAUSE_POLITE = re.compile(r"(,|;|\band\b|\bthen\b)\s+((?:also\s+|please\s+|pls\s+|plz\s+)+)", re.I)
_TRAILING_POLITE = re.compile(
    r"(?:[\s,]*\b((?:please|pls|plz|thanks|thank you|thx|ty)(?:\s+(?:so|very)\s+much|\s+a\s+lot)?))?[.!?\s]*$",
    re.I,
)
_WORD = re.compile(r"[\w'&@+#/-]+")


def _read_around(sentence: str) -> tuple[str, tuple[str, ...]]:
    """The sentence as the grammar reads it, and the polite words taken out of it, in order."""
    taken: list[str] = []

    def taking(match: re.Match[str], group: int, kept: str) -> str:
        phrase = " ".join(_WORD.findall(match.group(group) or ""))
        if phrase:
            taken.append(phrase)
        return kept

    text = sentence.translate(STRAIGHT_QUOTES)
    text = " ".join(text.split())
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    text = _LEADING_POLITE.sub(lambda match: taking(match, 0, ""), text)
    text = re.sub(r"\bw/\s*|(?<=\s)w(?=\s)", "with ", text, flags=re.I)  # "follow up w/ Acme"
    # "…, please follow up", "… and also tag them": the polite words of a second clause
    text = _CLAUSE_POLITE.sub(lambda match: taking(match, 2, match.group(1) + " "), text)
    middle = len(taken)
    while (shorter := _TRAILING_POLITE.sub(lambda match: taking(match, 1, ""), text, count=1)) != text:
        text = shorter  # "…, thank you so much, thanks!": each polite ending, the last first
    return text.strip(), (*taken[:middle], *reversed(taken[middle:]))


_MY_CLIENT = re.compile(r"^(?:my |our |the )?(?:client|customer|lead)\s+(?=\S)", re.I)
_POSSESSIVE = re.compile(r"\w's$|s'$")
_POSSESSIVE_END = re.compile(r"'s?$")
_LEADING_PREPOSITIONS = re.compile(rf"^(?:{_PREPOSITIONS}\s+)+", re.I)


def client_words(text: str) -> str | None:
    """The words naming a client: quotes, possessives and "my client" set aside; a pronoun
    (them, it) is the client of the step before (None)."""
    words = text.strip().strip(",;:").strip()
    words = _MY_CLIENT.sub("", words)
    if len(words) > 1 and words[0] == words[-1] and words[0] in "\"'":
        words = words[1:-1].strip()
    words = _POSSESSIVE_END.sub("", words) if _POSSESSIVE.search(words) else words
    if words.lower() in PRONOUNS:
        return None
    return words


def client_and_when(rest: str, *, when_needed: bool = True) -> Iterator[tuple[str | None, str | None]]:
    """Where the client's name ends and the date begins in "Acme in 3 weeks": every split
    at a word a date can start with, the longest name first (then no date at all)."""
    words = rest.split(" ")
    cuts = [
        cut
        for cut in range(len(words) - 1, 0, -1)
        if words[cut].lower().strip(",") in WHEN_LEADS or words[cut][:1].isdigit()
    ]
    # a name rarely ends with a little word that starts a date ("Acme in" of "Acme in 3 weeks")
    # nor with a number or "de" ("Casa Olivo el 15 de" of "… el 15 de enero")
    cuts.sort(key=lambda cut: inside_a_date(words[cut - 1]))
    if not when_needed:  # a name may end in a date word ("met Studio May"): the whole name first
        yield client_words(rest), None
    # a date phrase holds only date words; "Acme on someday" is tried last, to say why it fails
    cuts.sort(key=lambda cut: not looks_like_date(" ".join(words[cut:])))
    for cut in cuts:
        name = client_words(" ".join(words[:cut]).rstrip(","))
        if (name is None or not only_date_words(name)) and (
            when_needed or looks_like_date(" ".join(words[cut:]))
        ):
            yield name, " ".join(words[cut:]).strip(", ")


def inside_a_date(word: str) -> bool:
    said = word.lower().strip(",")
    joins = (
        "de",
        "del",
        "des",
        "du",
        "and",
        "&",
        "or",
        "with",
    )  # nor "Acme and" of "Acme and Next in 3 weeks"
    return said in DATE_LINKS or said in joins or any(c.isdigit() for c in said)


def only_date_words(words: str) -> bool:
    """ "in" of "follow up with in 3 weeks": no client is named there."""
    return all(word.lower() in WHEN_LEADS for word in words.split())


def sentence_case(text: str) -> str:
    """The text with a capital first letter, unless its first word has capitals of its own as
    typed ("iPhone app review", "eBay listing", "macOS upgrade" stay as they are)."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return text[:1].upper() + text[1:] if first == first.lower() else text


def when_phrase(text: str) -> str:
    """A date phrase without the words that introduce it ("to October 15", "for next week",
    "am 15. Januar", "le 3 décembre")."""
    phrase = _LEADING_PREPOSITIONS.sub("", text.strip()).strip()
    for said, count in _ABOUT:  # "in a couple of weeks" is "in 2 weeks"
        phrase = said.sub(count, phrase)
    return phrase
