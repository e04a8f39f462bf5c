"""What the command bar says when no form of its grammar reads a sentence: what it did
recognise, and the examples closest to what was typed.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from kiaro_cli.core.sentence_words import FOLLOW, WHEN_LEADS, NotUnderstood

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
    "in 3 months", "remind me to", "add a task for", "contact is", "high priority",
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
