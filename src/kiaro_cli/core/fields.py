"""The rules for each client and contact field: how typed text becomes a stored value.

Every cleaner takes the text as typed and returns the value to store, or raises
:class:`InvalidValue` with a one-line reason that quotes the rejected value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from urllib.parse import urlsplit

from kiaro_cli.characters import first_unseen
from kiaro_cli.core.choices import (
    clean_role,
    clean_status,
)
from kiaro_cli.core.profile import (
    clean_annual_revenue,
    clean_bic,
    clean_company_size,
    clean_iban,
    clean_linkedin,
    clean_payment_terms,
    clean_yes_no,
)
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold

INVOICE_READY = ("contact_person", "email", "address_line1", "city", "postal_code", "country")
MAX_TEXT = 2000
MAX_NOTES = 20000
MAX_VALUE = Decimal("1e13")

_CODE = re.compile(r"^[A-Z0-9]{2,8}$")
_PHONE_CHARS = re.compile(r"^[0-9 +\-().]+$")
_EXTENSION = re.compile(r"^(.*?)\s*(?:x|ext\.?|extension)\s*(\d{1,6})$", re.IGNORECASE)
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$", re.IGNORECASE)
# Amounts, rates and numbers: the forms read one way only (see read_number).
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")  # 1250, 1250.5
_COMMA_DECIMAL = re.compile(r"^\d+,\d{1,2}$")  # 1250,5  1250,50
_SPACED = re.compile(r"^\d{1,3}(?:[ _'\u00a0\u202f]\d{3})+(?:[.,]\d+)?$")  # 12 000,50  12'000.50
_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+\.\d+$|^\d{1,3}(?:,\d{3}){2,}$")  # 1,250.00  1,250,000
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$|^\d{1,3}(?:\.\d{3}){2,}$")  # 1.250,00  1.250.000
_ONE_GROUP = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")  # 1,250 or 1.250: a thousand, or a decimal?


def clean_text(value: str, label: str, *, limit: int = MAX_TEXT) -> str | None:
    """Trimmed text (notes: lines and tabs allowed) without control characters; empty
    becomes None. Format characters (bidi marks) are kept, and shown escaped."""
    text = value.strip()
    if first_unseen(text, lines=True):
        raise InvalidValue(f"{label} contains control characters")
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

    try:
        parsed = phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    formatted = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return f"{formatted} x{extension}" if extension else str(formatted)


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


def one_group(text: str) -> bool:
    """Whether a number is one group of three digits alone (``1,250``, ``1.250``): a
    thousand, or a decimal? :func:`read_number` refuses it without a convention."""
    return _ONE_GROUP.match(text) is not None


def read_number(
    value: str, label: str, *, signed: bool = False, decimals: int | None = 2, decimal_comma: bool = False
) -> Decimal:
    """A number typed in a form that reads one way only: the one rule of every amount and
    number (``--value``, rates, VAT rates, custom number fields, imported cells).

    Accepted: ``1250``, ``1250.50`` and ``1250,50`` (a decimal comma with one or two
    digits), thousands grouped by spaces, apostrophes or underscores (``12 000,50``),
    by commas before a decimal point (``1,250.00``) or by dots before a decimal comma
    (``1.250,00``), and two or more groups (``1,250,000``). One group of three digits
    alone (``1,250`` or ``1.250``: a thousand, or a decimal?) is refused with both
    readings, unless ``decimal_comma`` says how the text writes numbers (a ``;``-separated
    file: ``1.250`` is a thousand, ``1,25`` a decimal). ``signed`` allows a leading sign;
    ``decimals`` is how many decimals it may have (None: any).
    """
    shown = value.strip()
    text = shown.rstrip("%").strip()
    sign = text[0] if signed and text[:1] in ("-", "+") else ""
    text = text[len(sign) :].strip()
    if decimal_comma:  # read as if written with a decimal point
        text = text.translate(str.maketrans(",.", ".,"))
    if one_group(text):
        if not decimal_comma:
            big, small = Decimal(text[:-4] + text[-3:]), Decimal(f"{text[:-4]}.{text[-3:]}").normalize()
            said = f"{sign}{big} or {sign}{small}"
            raise InvalidValue(f"{label} '{shown}' could mean {said}; type {said} instead")
        number_text = text.replace(",", "")
    elif _PLAIN.match(text):
        number_text = text
    elif _COMMA_DECIMAL.match(text):
        number_text = text.replace(",", ".")
    elif _SPACED.match(text):
        number_text = re.sub(r"[ _'\u00a0\u202f]", "", text).replace(",", ".")
    elif _COMMA_GROUPS.match(text):
        number_text = text.replace(",", "")
    elif _DOT_GROUPS.match(text):
        number_text = text.replace(".", "").replace(",", ".")
    else:
        examples = "42, -3.5 or 12 000" if signed else "1250 or 1250.50"
        raise InvalidValue(f"{label} '{shown}' is not a number{'' if signed else ' ≥ 0'} (e.g. {examples})")
    number = Decimal(sign + number_text)
    if decimals is not None and number.as_tuple().exponent < -decimals:  # type: ignore[operator]
        raise InvalidValue(f"{label} '{shown}' has more than {decimals} decimals")
    return number


def clean_vat_rate(value: str) -> Decimal:
    """A VAT rate in percent: 0–100 with up to 2 decimals."""
    rate = read_number(value, "VAT rate")
    if rate > 100:
        raise InvalidValue(f"VAT rate '{value.strip()}' must be between 0 and 100")
    return rate


def clean_value(value: str, label: str = "value") -> Decimal:
    """A money amount ≥ 0 with up to 2 decimals."""
    amount = read_number(value, label)
    if amount >= MAX_VALUE:
        raise InvalidValue(f"{label} '{value.strip()}' is too large")
    return amount


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
    """How one field is typed, named and checked: the one place each of these is said.

    The command line's options, ``--clear`` names, prompts, cards and messages all read
    them from here.
    """

    key: str
    label: str
    option: str
    clean: Callable[[str, CleanContext], object]
    clearable: bool = True
    question: str = ""  # what a prompt asks, when it says more than the label

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


def _date_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.dates import parse_when

    return parse_when(value, ctx.today, allow_past=True).isoformat()


def _follow_up_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.dates import parse_when

    return parse_when(value, ctx.today, allow_past=ctx.past_follow_ups).isoformat()


def _country_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.places import resolve_country

    return resolve_country(value)


def _currency_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.places import resolve_currency

    return resolve_currency(value)


def _line(label: str) -> Callable[[str, CleanContext], object]:
    return lambda value, ctx: clean_line(value, label)


def _language_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.places import resolve_language

    return resolve_language(value)


def _timezone_rule(value: str, ctx: CleanContext) -> str:
    from kiaro_cli.places import resolve_timezone

    return resolve_timezone(value)


def _money(label: str) -> Callable[[str, CleanContext], object]:
    return lambda value, ctx: clean_value(value, label)


# The company and billing profile: key, label, rule (options are named after the keys).
PROFILE_RULES: tuple[tuple[str, str, Callable[[str, CleanContext], object]], ...] = (
    ("owner", "account owner", _line("account owner")),
    ("language", "correspondence language", _language_rule),
    ("timezone", "time zone", _timezone_rule),
    ("registration_number", "registration number", _line("registration number")),
    ("reference", "reference", _line("reference")),
    ("company_size", "company size", lambda v, c: clean_company_size(v)),
    ("annual_revenue", "annual revenue", lambda v, c: clean_annual_revenue(v)),
    ("linkedin", "LinkedIn", lambda v, c: clean_linkedin(clean_website(v, "LinkedIn"))),
    ("tax_id", "tax id", _line("tax id")),
    ("internal", "internal client", lambda v, c: clean_yes_no(v, "internal")),
    ("payment_terms_days", "payment terms (days)", lambda v, c: clean_payment_terms(v)),
    ("invoice_email", "invoice email", lambda v, c: clean_email(v)),
    ("iban", "IBAN", lambda v, c: clean_iban(v)),
    ("bic", "BIC", lambda v, c: clean_bic(v)),
    ("debtor_id", "debtor id", _line("debtor id")),
    ("minimum_rate", "minimum rate", _money("minimum rate")),
    ("invoice_tolerance", "invoice tolerance", _money("invoice tolerance")),
    ("financial_note", "financial note", lambda v, c: clean_text(v, "financial note", limit=MAX_NOTES)),
)


CLIENT_FIELDS: dict[str, FieldRule] = {
    rule.key: rule
    for rule in (  # in the order the full form and its options list them
        FieldRule(
            "name", "name", "--name", lambda v, c: clean_name(v), clearable=False, question="Client name"
        ),
        FieldRule(
            "contact_person",
            "contact person",
            "--contact",
            lambda v, c: clean_name(v, "contact person"),
            clearable=False,
        ),
        FieldRule("email", "email", "--email", lambda v, c: clean_email(v)),
        FieldRule("phone", "phone", "--phone", lambda v, c: clean_phone(v, c.country)),
        FieldRule(
            "address_line1", "address", "--address", _line("address"), question="Address (street and number)"
        ),
        FieldRule("address_line2", "address line 2", "--address2", _line("address line 2")),
        FieldRule("city", "city", "--city", _line("city")),
        FieldRule("region", "region", "--region", _line("region")),
        FieldRule("postal_code", "postal code", "--postal-code", _line("postal code")),
        FieldRule("country", "country", "--country", _country_rule),
        FieldRule(
            "legal_name", "legal name", "--legal-name", lambda v, c: clean_line(v, "legal name", limit=300)
        ),
        FieldRule("code", "code", "--code", lambda v, c: clean_code(v)),
        FieldRule("industry", "industry", "--industry", _line("industry")),
        FieldRule("website", "website", "--website", lambda v, c: clean_website(v)),
        FieldRule("currency", "currency", "--currency", _currency_rule),
        FieldRule("vat_rate", "VAT rate", "--vat-rate", lambda v, c: clean_vat_rate(v)),
        FieldRule("vat_number", "VAT number", "--vat-number", _line("VAT number")),
        FieldRule("status", "status", "--status", lambda v, c: clean_status(v), clearable=False),
        FieldRule("value", "value", "--value", lambda v, c: clean_value(v)),
        FieldRule("start_date", "start date", "--start", _date_rule),
        FieldRule("end_date", "end date", "--end", _date_rule),
        FieldRule("notes", "notes", "--notes", lambda v, c: clean_text(v, "notes", limit=MAX_NOTES)),
        FieldRule("source", "source", "--source", _line("source")),
        *(FieldRule(key, label, "--" + key.replace("_", "-"), rule) for key, label, rule in PROFILE_RULES),
        FieldRule("follow_up_on", "follow-up date", "--follow-up", _follow_up_rule),
    )
}

CLEARABLE = tuple(key for key, rule in CLIENT_FIELDS.items() if rule.clearable)


CONTACT_FIELDS: dict[str, FieldRule] = {
    rule.key: rule
    for rule in (
        FieldRule(
            "name", "contact name", "--name", lambda v, c: clean_name(v, "contact name"), clearable=False
        ),
        FieldRule("given_name", "given name", "--given", lambda v, c: clean_name(v, "given name")),
        FieldRule("family_name", "family name", "--family", lambda v, c: clean_name(v, "family name")),
        FieldRule("email", "email", "--email", lambda v, c: clean_email(v)),
        FieldRule("phone", "phone", "--phone", lambda v, c: clean_phone(v, c.country)),
        FieldRule("job_title", "job title", "--title", lambda v, c: clean_line(v, "job title", limit=200)),
        FieldRule("role", "role", "--role", lambda v, c: clean_role(v)),
    )
}


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
