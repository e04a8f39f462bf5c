"""Follow-up drafts: a subject and a body built from what kiaro knows of a client.

The words live in data files (``drafts/<tone>.toml``), one per tone: ``lead``
(close toward one concrete next step), ``active`` (a relationship check-in) and
``reactivation`` (inactive and past clients: open the door, sell nothing). Each
part of a template lists variants; the first whose ``when`` facts are all known is
used, and a part with no such variant is left out. A file of the same name in
``<user config dir>/kiaro/drafts/`` replaces the packaged one.

A client's notes are the freelancer's own: a draft quotes only a line of them that
starts with ``Shared:`` (see :func:`shared_note`), never anything else.

This module composes text only: it reads no database and sends nothing.
"""

from __future__ import annotations

import calendar
import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from kiaro_cli.errors import InvalidValue

TONES = {"lead": "lead", "active": "active", "inactive": "reactivation", "past": "reactivation"}
PARTS = ("subject", "greeting", "opening", "recap", "ask", "closing", "sign_off")
CONVERSATIONS = {"call": "call", "meeting": "meeting", "email": "email exchange", "text": "messages"}
# Titles a name may start with, in the languages kiaro reads, as people write them; a
# greeting skips them (any case, with or without the closing period).
HONORIFICS = {
    "English": ("Mr.", "Mrs.", "Ms.", "Miss", "Mx.", "Dr.", "Prof.", "Sir", "Madam", "Dame", "Rev."),
    "German": ("Herr", "Frau", "Hr.", "Fr.", "Frl.", "Dr.-Ing.", "Dipl.-Ing.", "Mag.", "Mag.a", "Ing."),
    "French": ("M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Pr"),
    "Spanish": ("Sr.", "Sra.", "Srta.", "Sres.", "Dra.", "Lic.", "Lcda.", "Ing."),
    "Portuguese": ("Sr.", "Sra.", "Srª", "Dr.ª", "Dra.", "Eng.", "Eng.ª", "Exmo.", "Exma."),
    "Italian": ("Sig.", "Sig.ra", "Sig.na", "Dott.", "Dott.ssa", "Prof.ssa", "Avv.", "Arch.", "Geom."),
    "Dutch": ("Dhr.", "Mevr.", "Mej.", "ir.", "ing.", "drs.", "mr.", "dr."),
}
_TITLES = frozenset(title.casefold().rstrip(".") for titles in HONORIFICS.values() for title in titles)
NOTE_LIMIT = 160
SHARED = re.compile(r"^\s*shared\s*:\s*(\S.*)$", re.IGNORECASE | re.MULTILINE)
A_WHILE_DAYS = 45

# The facts a template may use. Those always known need no `when`; a fact listed in
# IMPLIED comes with the one it hangs on.
PLACEHOLDERS = {
    "client": "the client's name",
    "first_name": "the primary contact's first name",
    "industry": "the client's industry",
    "owner": "your name (kiaro settings set owner-name)",
    "note": "the first sentence of a notes line that starts with 'Shared:' (notes are private otherwise)",
    "last_contact": "the month of the last conversation or follow-up ('March 2025')",
    "meeting_days": "two working days to propose ('Wednesday 25 or Thursday 26 November')",
    "conversation": "the latest call, meeting, email exchange or messages",
    "conversation_day": "when it was ('on 16 November', 'yesterday')",
    "summary": "its summary",
    "next_step": "its next step, when one was noted",
    "proposal_amount": "the net amount of the client's open quote ('4,800.00 EUR')",
    "proposal_day": "the day of that quote ('3 November')",
    "last_project": "the name of the last project done for the client ('Website relaunch')",
}
ALWAYS_KNOWN = {"client", "meeting_days"}
IMPLIED = {"conversation": {"conversation_day"}, "proposal_amount": {"proposal_day"}}


@dataclass(frozen=True)
class Conversation:
    """The latest call, meeting, email or text with a client (internal notes excluded)."""

    type: str
    day: date
    summary: str
    next_step: str | None = None


@dataclass(frozen=True)
class Proposal:
    """A client's open quote as a draft speaks of it: its day and its amount as people read it."""

    day: date
    amount: str


@dataclass(frozen=True)
class DraftContext:
    """Everything a draft may draw on."""

    client: str
    status: str
    today: date
    contact_name: str | None = None
    to: str | None = None
    industry: str | None = None
    note: str | None = None  # what the notes mark as safe to share, never the notes themselves
    conversation: Conversation | None = None
    last_contact: date | None = None
    owner: str | None = None
    notice: str | None = None  # for the person drafting, not the draft (e.g. "has no email")
    proposal: Proposal | None = None  # the open quote
    last_project: str | None = None  # the name of the last project done for the client


@dataclass(frozen=True)
class Draft:
    to: str | None
    subject: str
    body: str
    tone: str
    notice: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"to": self.to, "subject": self.subject, "body": self.body}

    def as_text(self) -> str:
        """The draft as a mail program shows it: ``To:`` and ``Subject:`` lines, a blank
        line, then the body."""
        return f"To: {self.to or ''}".rstrip() + f"\nSubject: {self.subject}\n\n{self.body}"

    def mailto(self) -> str:
        """A ``mailto:`` URL (RFC 6068) a mail program opens as this draft."""
        from urllib.parse import quote

        body = self.body.replace("\r\n", "\n").replace("\n", "\r\n")
        query = f"subject={quote(self.subject, safe='')}&body={quote(body, safe='')}"
        return f"mailto:{quote(self.to or '', safe='@,')}?{query}"


def draft_from_text(text: str, tone: str) -> Draft:
    """A draft read back from :meth:`Draft.as_text` after someone edited it: ``To:`` and
    ``Subject:`` lines (in any case, either may go) up to a blank line, then the body. Text
    without those lines is all body."""
    lines = text.splitlines()
    headers: dict[str, str] = {}
    start = len(lines)
    for number, line in enumerate(lines):
        if not line.strip():
            start = number + 1
            break
        name, colon, value = line.partition(":")
        if not colon or name.strip().lower() not in ("to", "subject"):
            headers, start = {}, 0
            break
        headers[name.strip().lower()] = value.strip()
    body = "\n".join(lines[start:]).strip("\n")
    if not body and not headers.get("subject"):
        raise InvalidValue("the draft was emptied; nothing printed")
    return Draft(headers.get("to") or None, headers.get("subject", ""), f"{body}\n" if body else "", tone)


def compose(context: DraftContext) -> Draft:
    """The draft for a client, in the tone its status calls for."""
    tone = TONES.get(context.status, TONES["active"])  # an unknown status (a restored row's) as a client's
    template = load_template(tone)
    facts = draft_facts(context)
    rendered = {part: _render(template, part, facts) for part in PARTS}
    paragraphs = [text for part in PARTS[1:] if (text := rendered[part])]
    body = "\n\n".join(paragraphs) + "\n"
    return Draft(context.to, rendered["subject"] or context.client, body, tone, context.notice)


def draft_facts(context: DraftContext) -> dict[str, str]:
    """The placeholders a template may use; a fact that is unknown is absent."""
    facts: dict[str, str | None] = {
        "client": context.client,
        "first_name": first_name(context.contact_name),
        "industry": context.industry,
        "owner": context.owner,
        "note": first_sentence(context.note),
        "last_contact": _long_ago(context.last_contact, context.today),
        "last_project": context.last_project.strip() if context.last_project else None,
    }
    facts["meeting_days"] = _two_days(*meeting_days(context.today))
    talk = context.conversation
    if talk is not None and talk.type in CONVERSATIONS:
        facts["conversation"] = CONVERSATIONS[talk.type]
        facts["conversation_day"] = _spoken_day(talk.day, context.today)
        facts["summary"] = talk.summary.strip().rstrip(".")
        facts["next_step"] = talk.next_step.strip().rstrip(".") if talk.next_step else None
    if context.proposal is not None:
        facts["proposal_amount"] = context.proposal.amount
        facts["proposal_day"] = _day_of_month(context.proposal.day, context.today)
    return {key: value for key, value in facts.items() if value}


def first_name(full_name: str | None) -> str | None:
    """The name to greet someone by: the first word that is not a title."""
    for word in (full_name or "").split():
        if not is_title(word):
            return word
    return None


def is_title(word: str) -> bool:
    """Whether a word is a title (:data:`HONORIFICS`): "Herr", "mme", "Sig.ra", "Dipl.-Ing."."""
    return word.casefold().rstrip(".") in _TITLES


def shared_note(notes: str | None) -> str | None:
    """The text of the first notes line marked ``Shared:``: the one part of the notes a draft may quote."""
    found = SHARED.search(notes or "")
    return found.group(1).strip() if found else None


def first_sentence(text: str | None) -> str | None:
    """The first sentence of some notes, short enough to quote."""
    if not text or not text.strip():
        return None
    line = text.strip().splitlines()[0]
    sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0].rstrip(".")
    if len(sentence) > NOTE_LIMIT:
        sentence = sentence[: NOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def meeting_days(today: date) -> tuple[date, date]:
    """Two working days to propose for a call: the first two at least two days away."""
    found: list[date] = []
    day = today + timedelta(days=2)
    while len(found) < 2:
        if day.weekday() < 5:
            found.append(day)
        day += timedelta(days=1)
    return found[0], found[1]


def _two_days(first: date, second: date) -> str:
    """'Wednesday 25 or Thursday 26 November' (the month once when it is the same)."""
    day_name = calendar.day_name
    head = f"{day_name[first.weekday()]} {first.day}"
    if first.month != second.month:
        head += f" {calendar.month_name[first.month]}"
    return f"{head} or {day_name[second.weekday()]} {second.day} {calendar.month_name[second.month]}"


def _spoken_day(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"on {_day_of_month(day, today)}"


def _day_of_month(day: date, today: date) -> str:
    """'3 November', with the year when it is not this one."""
    suffix = f" {day.year}" if day.year != today.year else ""
    return f"{day.day} {calendar.month_name[day.month]}{suffix}"


def _long_ago(day: date | None, today: date) -> str | None:
    """The month of ``day`` when it is long enough ago to say "it's been a while"."""
    if day is None or (today - day).days < A_WHILE_DAYS:
        return None
    if day.year == today.year:
        return calendar.month_name[day.month]
    return f"{calendar.month_name[day.month]} {day.year}"


def _render(template: Mapping[str, Any], part: str, facts: Mapping[str, str]) -> str | None:
    for variant in template.get(part, ()):
        if all(fact in facts for fact in variant.get("when", ())):
            return str(variant["text"]).format_map(facts).strip()
    return None


def load_template(tone: str) -> dict[str, Any]:
    """A tone's template: the user's copy when there is one, else the packaged one."""
    return _parse_template(tone, *_template_source(tone))


def _template_source(tone: str) -> tuple[str, str]:
    from platformdirs import user_config_path

    own = user_config_path("kiaro") / "drafts" / f"{tone}.toml"
    if own.is_file():
        return own.read_text(encoding="utf-8"), str(own)
    packaged = resources.files("kiaro_cli") / "drafts" / f"{tone}.toml"
    return packaged.read_text(encoding="utf-8"), f"the packaged {tone}.toml"


@cache
def _parse_template(tone: str, text: str, origin: str) -> dict[str, Any]:
    try:
        template = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidValue(f"draft template {origin} is not valid TOML: {error}") from None
    check_template(template, origin)
    return template


def check_template(template: Mapping[str, Any], origin: str) -> None:
    """Refuse a template whose parts, variants or placeholders could not render.

    Every placeholder must be a known fact, and one that may be unknown must be
    named in the variant's ``when``, so a draft never shows a raw ``{brace}``.
    """
    for part, variants in template.items():
        where = f"draft template {origin}, part '{part}'"
        if part not in PARTS:
            raise InvalidValue(f"{where}: unknown part (parts: {', '.join(PARTS)})")
        if not isinstance(variants, list):
            raise InvalidValue(f"{where}: write it as [[{part}]] tables")
        for variant in variants:
            if not isinstance(variant, Mapping) or not isinstance(variant.get("text"), str):
                raise InvalidValue(f"{where}: every variant needs a text")
            when = variant.get("when", [])
            if not isinstance(when, list) or not all(isinstance(name, str) for name in when):
                raise InvalidValue(f'{where}: write when as a list of facts, e.g. when = ["owner"]')
            used = _placeholders(variant["text"], where)
            unknown = sorted((used | set(when)) - set(PLACEHOLDERS))
            if unknown:
                raise InvalidValue(f"{where}: unknown fact '{unknown[0]}'")
            implied = {fact for name in when for fact in IMPLIED.get(name, ())}
            unsure = sorted(used - set(when) - implied - ALWAYS_KNOWN)
            if unsure:
                raise InvalidValue(f"{where}: uses '{unsure[0]}' without when = [\"{unsure[0]}\"]")


def _placeholders(text: str, where: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as error:
        raise InvalidValue(f"{where}: {error}") from None
