"""The rules for each client and contact field: how typed text becomes a stored value.

Every cleaner takes the text as typed and returns the value to store, or raises
:class:`InvalidValue` with a one-line reason that quotes the rejected value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from urllib.parse import urlsplit

from kiaro_cli.characters import first_unseen, visible
from kiaro_cli.core.choices import STATUS_ALIASES, STATUSES, clean_choice, clean_status
from kiaro_cli.core.numbers import clean_value, clean_vat_rate
from kiaro_cli.core.profile import (
    clean_annual_revenue,
    clean_bic,
    clean_company_size,
    clean_iban,
    clean_linkedin,
    clean_payment_terms,
    clean_yes_no,
)
from kiaro_cli.declarations import Entry, Field, Line, Text, Words
from kiaro_cli.declarations import client as declared_client
from kiaro_cli.declarations.contact import CONTACT
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold

CLIENT = declared_client.CLIENT
INVOICE_READY = declared_client.INVOICE_READY
MAX_TEXT = 2000
MAX_NOTES = declared_client.MAX_NOTES

_CODE = re.compile(r"^[A-Z0-9]{2,8}$")
_PHONE_CHARS = re.compile(r"^[0-9 +\-().]+$")
_EXTENSION = re.compile(r"^(.*?)\s*(?:x|ext\.?|extension)\s*(\d{1,6})$", re.IGNORECASE)
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$", re.IGNORECASE)


def clean_text(value: str, label: str, *, limit: int = MAX_TEXT) -> str | None:
    """Trimmed text (notes: lines and tabs allowed) without control characters; empty
    becomes None. Format characters (bidi marks) are kept, and shown escaped."""
    text = value.strip()
    if refused := first_unseen(text, lines=True):
        if "\ud800" <= refused <= "\udfff":  # stands for a byte of an argument or file that is not UTF-8
            raise InvalidValue(f"{label} holds bytes that are not UTF-8 ({visible(refused)})")
        raise InvalidValue(f"{label} contains control characters (U+{ord(refused):04X})")
    if len(text) > limit:
        raise InvalidValue(f"{label} is longer than {limit} characters")
    return text or None


def clean_entry(value: str, label: str, *, limit: int = MAX_TEXT) -> str | None:
    """Like :func:`clean_text` (lines allowed) but without format characters: what is said
    of a client in a line or two (a summary, an event, a custom value), where a bidi
    override would make it read backwards. Only notes keep them, shown escaped."""
    text = clean_text(value, label, limit=limit)
    if text and (hidden := first_unseen(text.replace("\n", " ").replace("\t", " "))):
        raise InvalidValue(f"{label} contains the invisible format character U+{ord(hidden):04X}")
    return text


def clean_line(value: str, label: str, *, limit: int = MAX_TEXT) -> str | None:
    """Like :func:`clean_text` but on one line, and without format characters: a bidi
    override (U+202E) would make a name read backwards (see :mod:`kiaro_cli.characters`)."""
    text = clean_text(value, label, limit=limit)
    if text and ("\n" in text or "\t" in text):
        raise InvalidValue(f"{label} must be on one line")
    if text and (hidden := first_unseen(text)):
        raise InvalidValue(f"{label} contains the invisible format character U+{ord(hidden):04X}")
    return text


def clean_name(value: str, label: str = "name") -> str:
    """A required name: trimmed, its inner spaces collapsed, 1–200 characters, one line."""
    text = clean_line(value, label, limit=200)
    text = " ".join(text.split()) if text else text
    if not text:
        raise InvalidValue(f"{label} cannot be empty")
    return text


def clean_code(value: str) -> str:
    """A client code: 2–8 letters or digits, stored upper-case."""
    code = value.strip().upper()
    if not _CODE.match(code):
        raise InvalidValue(f"code '{value.strip()}' must be 2–8 letters or digits")
    return code


def clean_email(value: str) -> str:
    """A syntactically valid address with its domain lower-cased (email-validator's rules).

    An address with a plain ASCII local part has its domain checked once per domain
    (imports repeat domains); anything else goes through email-validator whole.
    """
    text = value.strip()
    local, at, domain = text.rpartition("@")
    if at and len(local) <= 64 and len(text.encode()) <= 254 and _PLAIN_LOCAL.match(local):
        normalised, problem = _checked_domain(domain)
        if problem:
            raise InvalidValue(f"invalid email '{text}': {problem}")
        return f"{local}@{normalised}"
    return _validated_email(text)


_PLAIN_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")


def _validated_email(text: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidValue(f"invalid email '{text}': {error}") from None
    return str(checked.normalized)


@cache
def _checked_domain(domain: str) -> tuple[str, str | None]:
    """A domain as email-validator normalises it, or why it refuses it."""
    try:
        return _validated_email(f"postmaster@{domain}").partition("@")[2], None
    except InvalidValue as error:
        return "", error.message.split("': ", 1)[1]


def clean_phone(value: str, country: str | None = None) -> str:
    """A phone number in international form when it parses for ``country``, else as typed."""
    text = " ".join(value.split())
    match = _EXTENSION.match(text)
    number, extension = (match.group(1), match.group(2)) if match else (text, None)
    digits = sum(c.isdigit() for c in number)
    if not _PHONE_CHARS.match(number) or not 6 <= digits <= 20:
        raise InvalidValue(
            f"invalid phone '{text}': use 6–20 digits with spaces or +-(). and an optional 'x123'"
        )
    return _international(number, country, extension) or text


def _international(number: str, country: str | None, extension: str | None) -> str | None:
    import phonenumbers

    from kiaro_cli.phones import read_phone, remember_as

    parsed = read_phone(number, country)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return None
    formatted = str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    remember_as(formatted, parsed)  # stored so, then keyed and indexed without a parse
    return f"{formatted} x{extension}" if extension else formatted


def clean_website(value: str, label: str = "website") -> str:
    """An http(s) URL; a bare domain gets ``https://``."""
    text = clean_line(value, label) or ""
    candidate = text if "://" in text else f"https://{text}"
    parts = urlsplit(candidate)
    if (
        parts.scheme not in ("http", "https")
        or any(c.isspace() for c in candidate)
        or not _valid_host(parts.hostname or "")
    ):
        raise InvalidValue(f"invalid {label} '{text}': use an http(s) address like https://acme.com")
    return candidate


def _valid_host(host: str) -> bool:
    if host == "localhost":
        return True
    labels = host.split(".")
    return len(labels) >= 2 and all(_HOST_LABEL.match(label) for label in labels) and labels[-1].isalpha()


TAG_SEPARATORS = re.compile(r"[;,]")


def clean_tag(value: str) -> str:
    """A tag: one line, up to 50 characters, no ';' or ',' (they separate tags)."""
    tag = clean_line(value, "tag", limit=50)
    if not tag:
        raise InvalidValue("a tag cannot be empty")
    if TAG_SEPARATORS.search(tag):
        raise InvalidValue(f"tag '{tag}' cannot contain ';' or ','")
    return tag


def split_tags(values: Iterable[str]) -> list[str]:
    """Tags as typed: each value may hold several, separated by ';' or ','."""
    return [part for value in values for part in TAG_SEPARATORS.split(value) if part.strip()]


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags checked and made unique (case-insensitively; the first spelling is kept).

    A value may hold several tags separated by ';' or ',' ("design, web").
    """
    cleaned: dict[str, str] = {}
    for tag in split_tags(tags):
        value = clean_tag(tag)
        cleaned.setdefault(fold(value), value)
    return list(cleaned.values())


@dataclass(frozen=True)
class FieldRule:
    """How one field is typed, named and checked, as its record's declaration says.

    The command line's options, ``--clear`` names, prompts, cards and messages all read
    them from here.
    """

    key: str
    label: str
    option: str
    clean: Callable[[str, CleanContext], object]
    clearable: bool = True
    question: str = ""  # what a prompt asks, when it says more than the label
    metavar: str = ""
    help: str = ""
    choices: tuple[str, ...] = ()  # a choice of words: its words (a status: the statuses)
    synonyms: Mapping[str, str] = field(default_factory=dict)  # and the words other tools use

    @property
    def prompt(self) -> str:
        from kiaro_cli.words import first_upper

        return self.question or first_upper(self.label)


@dataclass(frozen=True)
class CleanContext:
    """What a cleaner may need beyond the text: today's date, the client's country."""

    today: date
    country: str | None = None
    past_follow_ups: bool = False  # imported data keeps its dates, past ones included


Cleaner = Callable[[str, CleanContext], object]


def _date_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.dates import parse_when

    return parse_when(value, ctx.today, allow_past=True).isoformat()


def _follow_up_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.dates import parse_when

    return parse_when(value, ctx.today, allow_past=ctx.past_follow_ups).isoformat()


def _birthday_rule(value: str, ctx: CleanContext) -> str | None:
    from kiaro_cli.core.yearly import clean_birthday

    return clean_birthday(value, ctx.today)


def _country_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.places import resolve_country

    return resolve_country(value)


def _currency_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.places import resolve_currency

    return resolve_currency(value)


def _language_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.places import resolve_language

    return resolve_language(value)


def _timezone_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.places import resolve_timezone

    return resolve_timezone(value)


# The rules a declaration names, each made for a field's label and key.
NAMED_RULES: dict[str, Callable[[str, str], Cleaner]] = {
    "name": lambda label, key: lambda v, c: clean_name(v, label),
    "email": lambda label, key: lambda v, c: clean_email(v),
    "phone": lambda label, key: lambda v, c: clean_phone(v, c.country),
    "code": lambda label, key: lambda v, c: clean_code(v),
    "website": lambda label, key: lambda v, c: clean_website(v, label),
    "linkedin": lambda label, key: lambda v, c: clean_linkedin(clean_website(v, label)),
    "country": lambda label, key: _country_rule,
    "currency": lambda label, key: _currency_rule,
    "language": lambda label, key: _language_rule,
    "timezone": lambda label, key: _timezone_rule,
    "vat rate": lambda label, key: lambda v, c: clean_vat_rate(v),
    "money": lambda label, key: lambda v, c: clean_value(v, label),
    "date": lambda label, key: _date_rule,
    "follow-up": lambda label, key: _follow_up_rule,
    "birthday": lambda label, key: _birthday_rule,
    "status": lambda label, key: lambda v, c: clean_status(v),
    "company size": lambda label, key: lambda v, c: clean_company_size(v),
    "annual revenue": lambda label, key: lambda v, c: clean_annual_revenue(v),
    "yes/no": lambda label, key: lambda v, c: clean_yes_no(v, key.replace("_", " ")),
    "payment terms": lambda label, key: lambda v, c: clean_payment_terms(v),
    "iban": lambda label, key: lambda v, c: clean_iban(v),
    "bic": lambda label, key: lambda v, c: clean_bic(v),
}


def cleaner(declared: Field) -> Cleaner:
    """The cleaner of a declared field: its named rule, or its declarative one."""
    rule, label = declared.rule, declared.label
    if isinstance(rule, str):
        return NAMED_RULES[rule](label, declared.key)
    if isinstance(rule, Line):
        return lambda v, c: clean_line(v, label, limit=rule.limit)
    if isinstance(rule, Text):
        return lambda v, c: clean_text(v, label, limit=rule.limit)
    if isinstance(rule, Entry):
        return lambda v, c: clean_entry(v, label, limit=rule.limit)
    if isinstance(rule, Words):
        return lambda v, c: clean_choice(v, rule.choices, rule.synonyms, label)
    raise AssertionError(f"{declared.key} is not typed")


def field_rule(declared: Field) -> FieldRule:
    """The rule of a declared field."""
    rule = declared.rule
    choices, synonyms = (rule.choices, rule.synonyms) if isinstance(rule, Words) else ((), {})
    if rule == "status":
        choices, synonyms = STATUSES, STATUS_ALIASES
    return FieldRule(
        declared.key,
        declared.label,
        declared.option,
        cleaner(declared),
        clearable=declared.clearable,
        question=declared.question,
        metavar=declared.metavar,
        help=declared.help,
        choices=choices,
        synonyms=synonyms,
    )


# In the order the full form and its options list them.
CLIENT_FIELDS: dict[str, FieldRule] = {declared.key: field_rule(declared) for declared in CLIENT.typed}

CLEARABLE = tuple(key for key, rule in CLIENT_FIELDS.items() if rule.clearable)


CONTACT_FIELDS: dict[str, FieldRule] = {declared.key: field_rule(declared) for declared in CONTACT.typed}


def clean_values(
    rules: Mapping[str, FieldRule], raw: Mapping[str, str], ctx: CleanContext
) -> dict[str, object]:
    """Clean every given field by its rule; raise one :class:`InvalidValue` naming all that fail.

    The country is cleaned first so that phone numbers are read for it. An empty value
    clears a field that may be cleared (it becomes None); a required one refuses it.
    """
    errors: list[str] = []
    cleaned: dict[str, object] = {}
    for key in sorted(raw, key=lambda key: key != "country") if "country" in raw else raw:
        rule, text = rules[key], raw[key]
        try:
            value = None if rule.clearable and not text.strip() else rule.clean(text, ctx)
        except InvalidValue as error:
            errors.append(error.message)
            continue
        if key == "country":
            ctx = replace(ctx, country=value if isinstance(value, str) else None)
        cleaned[key] = value
    if len(errors) == 1:
        raise InvalidValue(errors[0])
    if errors:
        raise InvalidValue(f"{len(errors)} values are invalid", errors)
    return cleaned


def clean_client_values(raw: Mapping[str, str], ctx: CleanContext) -> dict[str, object]:
    """The client fields given, cleaned (see :func:`clean_values`)."""
    return clean_values(CLIENT_FIELDS, raw, ctx)


def field_for(name: str) -> str | None:
    """The client field a key or an option names: ``vat_rate``, ``--vat-rate``, ``follow-up``."""
    wanted = name.strip().lower().lstrip("-").replace("_", "-")
    for key, rule in CLIENT_FIELDS.items():
        if wanted in (key.replace("_", "-"), rule.option.lstrip("-")):
            return key
    return None


def label_with_option(key: str) -> str:
    """'postal code (--postal-code)' for messages that tell what to type."""
    rule = CLIENT_FIELDS[key]
    return f"{rule.label} ({rule.option})"
