"""The command bar's ledger: "new project Website relaunch for Acme, deadline March 1", "log
a €1,200 invoice for Acme due in 30 days", "Acme paid ACME-2026-004".

Pure, like the rest of the grammar (``core/sentence_rules.py`` holds the other forms).
An amount keeps the currency it was said in (``€1,200``, ``1200 USD``, ``500 pounds``);
one group of three digits after a comma or a dot is a thousand here (``€1,200``), since
the card shows the amount read before anything is saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kiaro_cli.core.sentence_words import Step, client_words, looks_like_date, when_phrase

PROJECT, INVOICE, PAY = "project", "invoice", "pay"

_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP"}
_WORDS = {"euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP"}
_CODE = r"(?-i:[A-Z]{3})|eur|usd|gbp|chf|euros?|dollars?|pounds?"
AMOUNT = rf"(?:[€$£]\s?)?\d(?:[\d,.']*\d)?(?:\s?k\b)?(?:\s?(?:{_CODE})\b)?|(?:{_CODE})\s?\d(?:[\d,.']*\d)?"
# An invoice's number: #ID, kiaro's ACME-2026-004, or any other tool's with a digit and a
# letter or a separator in it (INV-0001, AS-1, 2026/17, F2026-12); bare digits (1001) only
# after "invoice", where they cannot be an amount; never 5k, which is money.
NUMBER = r"#\d+|(?![\d.]+k\b)(?=[\w/.-]*\d)(?=[\w/.-]*[A-Za-z/-])[A-Za-z0-9][\w/.-]{0,30}(?<![.-])"
_DUE = re.compile(r",?\s+(?:due|payable|deadline|by|until)\s*:?\s+(?P<when>.+)$", re.I)
_TITLE = re.compile(r"\s+(?:for|about|re:?)\s+(?P<title>.+)$|\s*[:—–-]\s+(?P<said>.+)$", re.I)


def read_amount(text: str) -> tuple[str, str | None]:
    """An amount as said, as a plain number and the currency it names (None: none named):
    ``€1,200`` → ("1200", "EUR"), ``5k USD`` → ("5000", "USD"), ``1.250,50`` → ("1.250,50", None)."""
    said = text.strip()
    currency = None
    for symbol, named in _SYMBOLS.items():
        if symbol in said:
            currency, said = named, said.replace(symbol, "")
    code = re.search(rf"\b({_CODE})\b", said, re.I)
    if code is not None:
        word = code[1].lower()
        currency, said = _WORDS.get(word, word.upper()), (said[: code.start()] + said[code.end() :])
    said = said.strip()
    thousands = re.fullmatch(r"(\d+(?:\.\d+)?)\s?k", said, re.I)
    if thousands is not None:
        return str(int(float(thousands[1]) * 1000)), currency
    if re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", said):  # "€1,200": a thousand and two hundred
        said = said[:-4] + said[-3:]
    return said, currency


def project(match: re.Match[str]) -> Iterator[Step]:
    """ "new project Website relaunch for Acme, deadline March 1": the client is after the last
    "for" that leaves a name on both sides, the deadline after "deadline", "due" or "by"."""
    rest, when = _with_when(match["rest"])
    for cut in reversed([found.start() for found in re.finditer(r"\s+(?:for|with)\s+", rest, re.I)]):
        name, client = rest[:cut].strip(" \"'"), client_words(re.sub(r"^\s+(?:for|with)\s+", "", rest[cut:]))
        if name and client:
            yield Step(PROJECT, client, when, (("name", name),))


def project_for(match: re.Match[str]) -> Iterator[Step]:
    """ "new project for Acme: Website relaunch, deadline March 1"."""
    name, when = _with_when(match["name"])
    client = client_words(match["client"])
    if client and name.strip(" \"'"):
        yield Step(PROJECT, client, when, (("name", name.strip(" \"'")),))


def invoice(match: re.Match[str]) -> Iterator[Step]:
    """ "log a €1,200 invoice for Acme due in 30 days", "invoice Acme €800 for the audit"."""
    amount, currency = read_amount(match["amount"])
    rest, when = _with_when(match["rest"])
    titled = _TITLE.search(rest)
    title = (titled["title"] or titled["said"]).strip() if titled else None
    for head, said in ((rest[: titled.start()], title), (rest, None)) if titled else ((rest, None),):
        client = client_words(head)
        if client:
            values = [("amount", amount), ("title", said or "")] + (
                [("currency", currency)] if currency else []
            )
            yield Step(INVOICE, client, when, tuple((key, value) for key, value in values if value))


def invoice_client_first(match: re.Match[str]) -> Iterator[Step]:
    """ "invoice Acme €800 for the audit, due in 2 weeks"."""
    amount, currency = read_amount(match["amount"])
    rest, when = _with_when(match["rest"])
    titled = _TITLE.match(" " + rest) if rest.strip() else None
    if rest.strip() and titled is None:
        return
    title = (titled["title"] or titled["said"]).strip() if titled else None
    client = client_words(match["client"])
    if client:
        values = [("amount", amount), ("title", title or "")] + ([("currency", currency)] if currency else [])
        yield Step(INVOICE, client, when, tuple((key, value) for key, value in values if value))


def payment(match: re.Match[str]) -> Iterator[Step]:
    """ "Acme paid ACME-2026-004", "ACME-2026-004 was paid yesterday", "record a payment of
    €500 on ACME-2026-004": the client (when named) must be the invoice's."""
    groups = match.groupdict()
    tail = (groups.get("tail") or "").strip(" ,")
    tail = re.sub(r"^(?:on|in full|today)\b\s*", "", tail, flags=re.I) if tail.lower() != "today" else tail
    if tail and not looks_like_date(tail):
        return
    client = client_words(groups["client"]) if groups.get("client") else None
    values = [("number", (groups.get("number") or groups["digits"]).upper())]
    if groups.get("amount"):
        amount, currency = read_amount(groups["amount"])
        values += [("amount", amount)] + ([("currency", currency)] if currency else [])
    yield Step(PAY, client, when_phrase(tail) if tail else None, tuple(values))


def _with_when(text: str) -> tuple[str, str | None]:
    """The words before a due day or deadline, and the day as said."""
    due = _DUE.search(text)
    if due is None or not looks_like_date(due["when"]):
        return text.strip(), None
    return text[: due.start()].strip(), when_phrase(due["when"])


_A = r"(?:an?\s+|the\s+|my\s+)?(?:new\s+)?"
# Where a ledger clause starts after "and", "then", a comma or a semicolon ("…; new project
# Logo for Brand Factor"): its verb with its noun, so "Old and New Antiques" stays a name.
LEDGER_CLAUSE = re.compile(
    rf"(?:(?:new|add|create|start|open|set\s+up)\s+{_A}project"
    rf"|(?:log|add|create|new|record|make|raise|write|send|issue)\s+{_A}(?:\S+\s+)?invoice"
    rf"|invoice\s+\S.*?\s(?:{AMOUNT})|(?:record|log|add)\s+{_A}payment)\b",
    re.I,
)
_NUMBER = (
    rf"(?:(?:the\s+)?invoice\s+(?:no\.?\s*)?(?P<digits>\d+)\b|(?:(?:the\s+)?invoice\s+)?(?P<number>{NUMBER}))"
)
_TAIL = r"(?P<tail>(?:[\s,].*)?)"

Builder = Callable[[re.Match[str]], Iterator[Step]]
_FORMS: tuple[tuple[str, Builder], ...] = (
    (rf"(?:new|add|create|start|open|set\s+up)\s+{_A}project\s+(?:for|with)\s+(?P<client>.+?)\s*[:—–-]\s*(?P<name>.+)",
     project_for),
    (rf"(?:new|add|create|start|open|set\s+up)\s+{_A}project\s+(?:called\s+|named\s+)?(?P<rest>.+)", project),
    (rf"(?:log|add|create|new|record|make|raise|write|send|issue)\s+{_A}(?P<amount>{AMOUNT})\s+invoice\s+"
     r"(?:for|to)\s+(?P<rest>.+)", invoice),
    (rf"(?:log|add|create|new|record|make|raise|write|send|issue)\s+{_A}invoice\s+(?:of|for)\s+(?P<amount>{AMOUNT})"
     r"\s+(?:for|to)\s+(?P<rest>.+)", invoice),
    (rf"invoice\s+(?P<client>.+?)\s+(?P<amount>{AMOUNT})(?P<rest>(?:[\s,:].*)?)", invoice_client_first),
    (rf"(?:record|log|add)\s+{_A}payment\s+(?:of\s+(?P<amount>{AMOUNT})\s+)?(?:for|on|of|to|against)\s+{_NUMBER}{_TAIL}",
     payment),
    (rf"(?P<client>.+?)\s+(?:has\s+)?paid\s+(?P<amount>{AMOUNT})\s+(?:of|on|for|towards|against)\s+{_NUMBER}{_TAIL}",
     payment),
    (rf"(?P<client>.+?)\s+(?:has\s+|just\s+)?paid\s+(?:(?:us|me)\s+)?(?:for\s+)?{_NUMBER}{_TAIL}", payment),
    (rf"(?:mark\s+)?{_NUMBER}\s+(?:is\s+|was\s+|as\s+|has\s+been\s+)?(?:now\s+)?paid{_TAIL}", payment),
)  # fmt: skip

GRAMMAR: tuple[tuple[re.Pattern[str], Builder], ...] = tuple(
    (re.compile("^" + pattern + "$", re.I), build) for pattern, build in _FORMS
)
