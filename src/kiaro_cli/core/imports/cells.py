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
from kiaro_cli.core.fields import clean_line, clean_phone, split_tags
from kiaro_cli.errors import InvalidValue

MULTI = ":::"  # Google Contacts puts several values in one cell this way
SOCIAL_HOSTS = ("linkedin.com", "xing.com", "facebook.com", "twitter.com", "x.com", "instagram.com")
SYSTEM_LABELS = ("mycontacts", "starred")  # Google's own groups, not the user's
# Countries whose addresses put the house number before the street ("12 Main Street").
NUMBER_FIRST = frozenset(["US", "CA", "GB", "IE", "AU", "NZ", "FR", "LU", "ZA", "IN", "SG", "MY", "PH", "HK"])
CURRENCY_SIGNS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₺": "TRY", "zł": "PLN"}
_CURRENCY = re.compile(
    r"^(?P<lead>[^\d\s.,]+)?\s*(?P<number>[\d\s.,'\u00a0\u202f]*\d)\s*(?P<trail>[^\d\s.,]+)?$"
)
_DOT_GROUPS_ONLY = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # 1.250 in a decimal-comma file: a thousand
_COMMA_DECIMAL = re.compile(r"^\d+,\d+$")


def cell_text(cell: str) -> str:
    """A cell's text as every import reads it: trimmed, without the ``'`` a spreadsheet
    export puts before a formula-like value (``'+27 82 555 1234`` is ``+27 82 555 1234``)."""
    return (unescape_formula(cell) if cell[:1] == "'" else cell).strip()


def values_of(cell: str) -> list[str]:
    """The values in one cell: Google's ``a ::: b`` is two."""
    if MULTI not in cell:
        return [cell.strip()] if cell.strip() else []
    return [part.strip() for part in cell.split(MULTI) if part.strip()]


def person_name(full: str | None, first: str | None, middle: str | None, last: str | None) -> str | None:
    """A person's name given whole, or joined from its parts."""
    if full:
        return full
    return " ".join(part for part in (first, middle, last) if part) or None


def street_lines(parts: Mapping[str, str], country: str | None) -> tuple[str | None, str | None]:
    """Address lines 1 and 2 from a street (perhaps on several lines), a house number, a
    second and third line, a PO box, or only a formatted address."""
    street = parts.get("address_line1") or ""
    if not street and not any(parts.get(key) for key in ("city", "postal_code")):
        street = parts.get("formatted", "")
    number = parts.get("house_number")
    if number and street:
        street = f"{number} {street}" if country in NUMBER_FIRST else f"{street} {number}"
    first, *more = [line.strip() for line in street.splitlines()] or [""]
    box = parts.get("po_box")
    rest = [*more, parts.get("address_line2", ""), parts.get("street3", ""), f"PO Box {box}" if box else ""]
    second = ", ".join(line.strip() for part in rest for line in part.splitlines() if line.strip())
    return first or None, second or None


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
