"""The rules of a client's company and billing profile: size and revenue ranges, payment
terms, yes/no answers, LinkedIn addresses, IBAN and BIC.

Each cleaner takes the text as typed and returns the value to store, or raises
:class:`InvalidValue` quoting what was refused.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from kiaro_cli.errors import InvalidValue

COMPANY_SIZES = ("1-10", "11-50", "51-200", "201-500", "500+")  # people
REVENUE_RANGES = ("<1M", "1-5M", "5-20M", "20-100M", "100M+")  # a year, in the client's currency
SIZE_BOUNDS = (10, 50, 200, 500)  # the upper end of each size but the last
REVENUE_BOUNDS = (999_999.99, 5e6, 2e7, 1e8)
MAX_PAYMENT_TERMS = 365
YES = frozenset(("yes", "y", "true", "1", "on", "ja", "oui", "si", "sí"))
NO = frozenset(("no", "n", "false", "0", "off", "nee", "nein", "non"))

_CURRENCY_MARKS = re.compile(r"[$€£¥]|\b(?:eur|usd|gbp|chf|zar|aud|cad)\b")
_DASHES = re.compile(r"\s*(?:[-–—]|\bto\b)\s*")


def _range_key(text: str) -> str:
    """A typed range reduced for matching: "1 – 10 employees" → "1-10", "$1M to $5M" → "1-5m",
    "more than 500" → "500+", "under 1 million" → "<1m"."""
    key = _CURRENCY_MARKS.sub("", text.strip().lower().replace("million", "m"))
    key = re.sub(r"(\d)\s+m\b", r"\1m", key)
    key = re.sub(r"(?<!\w)[a-z]{1,3}(?=\d)", "", key)  # a currency before the amount: R20M, kr5m
    key = re.sub(r"\b(?:employees|people|staff|persons|a year|per year|revenue)\b", "", key)
    key = _DASHES.sub("-", key)
    key = re.sub(r"^(?:more than|over|above|>)\s*(\S+)$", r"\1+", key.strip())
    key = re.sub(r"^(?:less than|under|below|<)\s*(\S+)$", r"<\1", key)
    key = re.sub(r"\s+|plus$", lambda m: "+" if m.group(0) == "plus" else "", key)
    return re.sub(r"(\d+)m-(\d+)m", r"\1-\2m", key)


def _clean_range(value: str, choices: tuple[str, ...], label: str, bounds: tuple[float, ...]) -> str:
    """The range ``value`` names, or the one a plain number falls in (a count of people, or
    an amount as HubSpot and Salesforce export them: "25", "2500000")."""
    wanted = _range_key(value)
    for choice in choices:
        if _range_key(choice) == wanted:
            return choice
    number = re.fullmatch(r"\d+(?:\.\d+)?", wanted.replace(",", ""))
    if number:
        return choices[sum(float(number.group(0)) > bound for bound in bounds)]
    raise InvalidValue(f"unknown {label} '{value.strip()}' (use {', '.join(choices)})")


def clean_company_size(value: str) -> str:
    """One of 1-10, 11-50, 51-200, 201-500, 500+ ("1–10 employees", "more than 500", "25")."""
    return _clean_range(value, COMPANY_SIZES, "company size", SIZE_BOUNDS)


def clean_annual_revenue(value: str) -> str:
    """One of <1M, 1-5M, 5-20M, 20-100M, 100M+ ("$1M to $5M", "under 1 million", "2500000")."""
    return _clean_range(value, REVENUE_RANGES, "annual revenue", REVENUE_BOUNDS)


def clean_yes_no(value: str, label: str) -> bool:
    """yes/no, true/false, 1/0 (and the same in a few languages)."""
    said = value.strip().lower()
    if said in YES:
        return True
    if said in NO:
        return False
    raise InvalidValue(f"{label} '{value.strip()}' must be yes or no")


def clean_payment_terms(value: str) -> int:
    """Days to pay an invoice, 0 to 365: "30", "30 days", "net 30"."""
    match = re.fullmatch(r"(?:net\s*)?(\d{1,4})(?:\s*d(?:ays?)?)?", value.strip().lower())
    if match is None or int(match.group(1)) > MAX_PAYMENT_TERMS:
        raise InvalidValue(f"payment terms '{value.strip()}' must be 0 to {MAX_PAYMENT_TERMS} days")
    return int(match.group(1))


def clean_linkedin(url: str) -> str:
    """A LinkedIn page: an http(s) address on linkedin.com (a checked website address)."""
    host = (urlsplit(url).hostname or "").lower()
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        raise InvalidValue(f"LinkedIn '{url}' is not a linkedin.com address")
    return url


def clean_iban(value: str) -> str:
    """An IBAN with a valid checksum and its country's length and format, stored compact."""
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    try:
        return str(IBAN(value.strip()).compact)
    except SchwiftyException as error:
        raise InvalidValue(f"invalid IBAN '{value.strip()}': {_reason(error)}") from None


def clean_bic(value: str) -> str:
    """A BIC (SWIFT code) of 8 or 11 characters with a real country, stored compact."""
    from schwifty import BIC
    from schwifty.exceptions import SchwiftyException

    try:
        return str(BIC(value.strip(), allow_invalid=False).compact)
    except SchwiftyException as error:
        raise InvalidValue(f"invalid BIC '{value.strip()}': {_reason(error)}") from None


def _reason(error: Exception) -> str:
    said = str(error).rstrip(".")
    return said[:1].lower() + said[1:]
