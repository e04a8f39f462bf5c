"""How an imported cell becomes a value: the forms other programs write that people never type.

Several values in one cell (Google's ``a ::: b``), a street on several lines, a street
and its house number in two columns, a person's name in parts, amounts with a currency
sign and the decimal comma of a ``;``-separated file, tags as labels, and phone numbers
or countries kiaro cannot check, which an import keeps (or leaves out) with a warning
where typed input would be refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kiaro_cli.codecs.tabular import unescape_formula
from kiaro_cli.core.fields import clean_line, clean_phone, clean_website, split_tags
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold

MULTI = ":::"  # Google Contacts puts several values in one cell this way
SOCIAL_HOSTS = ("linkedin.com", "xing.com", "facebook.com", "twitter.com", "x.com", "instagram.com")
YES = ("true", "yes", "1", "y", "x")  # a yes/no cell saying yes
SYSTEM_LABELS = ("mycontacts", "starred")  # Google's own groups, not the user's
# What people write as their company when they have none: they are clients of their own.
NO_ORGANISATION = frozenset(
    (
        "self employed",
        "selfemployed",
        "self",
        "freelance",
        "freelancer",
        "freelancing",
        "independent",
        "independent consultant",
        "stealth",
        "stealth startup",
        "stealth mode",
        "stealth mode startup",
        "sole trader",
        "sole proprietor",
        "none",
        "n a",
        "na",
        "private",
        "retired",
        "unemployed",
        "between jobs",
        "confidential",
        "selbststandig",
        "selbstandig",
        "freiberuflich",
        "freiberufler",
        "independant",
        "auto entrepreneur",
        "autoentrepreneur",
        "autonomo",
        "autonoma",
        "zelfstandige",
        "zelfstandig ondernemer",
        "zzp",
        "zzp er",
    )
)
NO_ORGANISATION_OPENINGS = (
    "self employed ",
    "freelance ",
    "freelancer ",
    "stealth mode ",
    "stealth startup ",
)
# Countries whose addresses put the house number before the street ("12 Main Street").
NUMBER_FIRST = frozenset(["US", "CA", "GB", "IE", "AU", "NZ", "FR", "LU", "ZA", "IN", "SG", "MY", "PH", "HK"])
CURRENCY_SIGNS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₺": "TRY", "zł": "PLN"}
_CURRENCY = re.compile(
    r"^(?P<lead>[^\d\s.,]+)?\s*(?P<number>[\d\s.,'\u00a0\u202f]*\d)\s*(?P<trail>[^\d\s.,]+)?$"
)
_DOT_GROUPS_ONLY = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # 1.250 in a decimal-comma file: a thousand
_COMMA_DECIMAL = re.compile(r"^\d+,\d+$")
_OTHER_SCHEME = re.compile(r"^(?!https?://)[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)  # not host:port
_E_NOTATION = re.compile(r"^\d+(?:\.\d+)?[eE]\+?\d{1,2}$")  # 1.39E8, 1.5E+06: Excel's large numbers


def cell_text(cell: str) -> str:
    """A cell's text as every import reads it: trimmed, without the ``'`` a spreadsheet
    export puts before a formula-like value (``'+27 82 555 1234`` is ``+27 82 555 1234``)."""
    return (unescape_formula(cell) if cell[:1] == "'" else cell).strip()


def values_of(cell: str) -> list[str]:
    """The values in one cell: Google's ``a ::: b`` is two."""
    if MULTI not in cell:
        return [cell.strip()] if cell.strip() else []
    return [part.strip() for part in cell.split(MULTI) if part.strip()]


def no_organisation(company: str) -> bool:
    """Whether a company cell names no organisation ("Self-employed", "Stealth Startup")."""
    key = " ".join(re.sub(r"[^0-9a-z]+", " ", fold(company)).split())
    return (
        key in NO_ORGANISATION
        or (key.startswith(NO_ORGANISATION_OPENINGS) and "." not in company)  # "Self-employed photographer"
        or (company.strip() != "" and not any(c.isalnum() for c in company))
    )


def person_name(full: str | None, first: str | None, middle: str | None, last: str | None) -> str | None:
    """A person's name given whole, or joined from its parts."""
    if full:
        return full
    return " ".join(part for part in (first, middle, last) if part) or None


def street_lines(parts: Mapping[str, str], country: str | None) -> tuple[str | None, str | None]:
    """Address lines 1 and 2 from a street (perhaps on several lines), a house number, a
    second and third line, a PO box, or only a formatted address."""
    street = parts.get("address_line1") or ""
    if not street and not _whole(parts):
        street = parts.get("formatted", "")
    number = parts.get("house_number")
    if number and street:
        street = f"{number} {street}" if country in NUMBER_FIRST else f"{street} {number}"
    first, *more = [line.strip() for line in street.splitlines()] or [""]
    box = parts.get("po_box")
    rest = [*more, parts.get("address_line2", ""), parts.get("street3", ""), f"PO Box {box}" if box else ""]
    second = ", ".join(line.strip() for part in rest for line in part.splitlines() if line.strip())
    return first or None, second or None


def _whole(parts: Mapping[str, str]) -> bool:
    """Whether a formatted address is the whole address, its city or postal code in it, as
    other columns give them ("5 King St, Manchester M2 4LQ"), rather than the street alone
    (Thunderbird's "Work Address", Zoho's "Billing Address")."""
    formatted = fold(parts.get("formatted", ""))
    places = [fold(parts[key]) for key in ("city", "postal_code") if parts.get(key)]
    return any(place in formatted for place in places)


def amount(text: str, *, decimal_comma: bool) -> tuple[str, str | None]:
    """An amount as :func:`~kiaro_cli.core.numbers.clean_value` reads it, and the currency
    its sign or code names ("€ 12.500,00", "1,250.00 USD"). In a file whose numbers use
    a decimal comma (``;``-separated), ``1.250`` is a thousand and ``1,25`` a decimal."""
    match = _CURRENCY.match(text.strip())
    if match is None:
        return text, None
    number = match["number"].strip()
    signs = [sign for sign in (match["lead"], match["trail"]) if sign]
    currency = _currency_of(signs[0]) if len(signs) == 1 else None
    if signs and currency is None and signs[0] not in ("$", "US$"):
        return text, None
    if decimal_comma and _DOT_GROUPS_ONLY.match(number):
        number = number.replace(".", "")
    elif decimal_comma and _COMMA_DECIMAL.match(number):
        number = number.replace(",", ".")
    return number, currency


def _currency_of(sign: str) -> str | None:
    if sign in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[sign]
    if sign == "US$":
        return "USD"
    if len(sign) == 3 and sign.isalpha() and sign.isupper():
        from kiaro_cli.places import resolve_currency

        try:
            return resolve_currency(sign)
        except InvalidValue:
            return None
    return None


def import_phone(text: str, country: str | None) -> tuple[str, str | None]:
    """A phone number cleaned as typed input is, else kept as written, with a warning."""
    try:
        return clean_phone(text, country), None
    except InvalidValue:
        pass
    if "/" in text:  # "030/1234567": an area code and its number, as Germans write them
        try:
            return clean_phone(text.replace("/", " "), country), None
        except InvalidValue:
            pass
    kept = clean_line(text, "phone", limit=100) or ""
    return kept, f"phone '{kept}' kept as written (not a number kiaro can check)"


def import_country(text: str) -> tuple[str | None, str | None]:
    """A country's code, else None and why: an unknown country, or two about as close,
    is never guessed in an import."""
    from kiaro_cli.places import UnknownCountry, resolve_country

    try:
        return resolve_country(text), None
    except UnknownCountry as error:
        unclear = f"could be {' or '.join(error.close)}" if error.close else "is not one kiaro knows"
        return None, f"country '{error.wanted}' {unclear}: left empty, kept in the notes"


def import_website(text: str) -> tuple[str, str | None]:
    """A website cleaned as typed input is, else kept as written (one line), with a warning:
    the file's own program took it, and the user cannot fix it there."""
    try:
        return clean_website(text), None
    except InvalidValue:
        if _OTHER_SCHEME.match(text.strip()):  # mailto:, javascript:… is no website at all
            raise
        kept = clean_line(text, "website", limit=300) or ""
        return kept, f"website '{kept}' kept as written (not an address kiaro can check)"


def plain_number(text: str) -> str:
    """A number in E notation written out ("1.39E8" → "139000000"); other text as it is."""
    if not _E_NOTATION.match(text.strip()):
        return text
    from decimal import Decimal

    return format(Decimal(text.strip()).normalize(), "f")


def one_line(parts: Mapping[str, str]) -> str:
    """An address's parts on one line, as they came: "7 Jacaranda Ave, 4001 Durban, South Africa"."""
    line1, line2 = street_lines(parts, None)
    town = " ".join(parts[key] for key in ("postal_code", "city") if parts.get(key))
    said = (line1, line2, town, parts.get("region"), parts.get("country"))
    return ", ".join(part for part in said if part)


def is_social(url: str) -> bool:
    """A profile on a social network: a person's page, not the client's website."""
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0]
    return any(host == site or host.endswith("." + site) for site in SOCIAL_HOSTS)


def tag_words(cells: Iterable[str]) -> list[str]:
    """Tags from tag or label cells: split on ``;``, ``,`` and ``:::``; Google's own groups
    (``* myContacts``) left out and its ``* `` marks dropped."""
    words = []
    for cell in cells:
        for value in values_of(cell):
            for tag in split_tags([value]):
                word = tag.strip().removeprefix("* ").strip()
                if word and word.lower().replace(" ", "") not in SYSTEM_LABELS:
                    words.append(word)
    return words
