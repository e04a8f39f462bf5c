"""Countries and currencies: the only module that imports pycountry.

Countries are stored as ISO 3166 alpha-2 codes and accepted as a name, an
alpha-2 or alpha-3 code, a common alias ("UK", "Holland") or a close spelling
("Netherland"). Currencies are ISO 4217 codes.
"""

from __future__ import annotations

import difflib
import unicodedata
from functools import cache

from kiaro_cli.errors import InvalidValue

_ALIASES = {
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states of america": "US",
    "holland": "NL",
    "the netherlands": "NL",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
    "north korea": "KP",
    "iran": "IR",
    "syria": "SY",
    "vietnam": "VN",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "taiwan": "TW",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "uae": "AE",
    "emirates": "AE",
    "turkey": "TR",
    "macedonia": "MK",
    "swaziland": "SZ",
    "burma": "MM",
    "cape verde": "CV",
    "vatican": "VA",
    "palestine": "PS",
    "brunei": "BN",
    "deutschland": "DE",
    "espana": "ES",
    "schweiz": "CH",
    "suisse": "CH",
    "osterreich": "AT",
    "italia": "IT",
    "nederland": "NL",
    "belgie": "BE",
    "belgique": "BE",
    "sverige": "SE",
    "norge": "NO",
    "danmark": "DK",
    "suomi": "FI",
    "polska": "PL",
    "brasil": "BR",
    "eire": "IE",
    "hellas": "GR",
    "nippon": "JP",
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@cache
def _country_names() -> dict[str, str]:
    """Every folded name, official name and common name → alpha-2."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(_fold(value), country.alpha_2)
    for alias, code in _ALIASES.items():
        names.setdefault(alias, code)
    return names


def resolve_country(text: str) -> str:
    """The alpha-2 code of the country ``text`` names, or InvalidValue with suggestions."""
    import pycountry

    wanted = text.strip()
    if not wanted:
        raise InvalidValue("country cannot be empty")
    folded = _fold(wanted)
    if len(folded) in (2, 3) and folded.isalpha():
        code = folded.upper()
        found = (
            pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
        )
        if found is not None:
            return str(found.alpha_2)
    names = _country_names()
    if folded in names:
        return names[folded]
    close = difflib.get_close_matches(folded, names, n=3, cutoff=0.6)
    if close and difflib.SequenceMatcher(None, folded, close[0]).ratio() >= 0.85:
        return names[close[0]]
    prefixed = sorted({names[name] for name in names if name.startswith(folded)})
    if len(prefixed) == 1 and len(folded) >= 4:
        return prefixed[0]
    suggestions = [country_name(names[name]) for name in close] or [
        country_name(code) for code in prefixed[:3]
    ]
    hint = f"; did you mean {', '.join(dict.fromkeys(suggestions))}?" if suggestions else ""
    raise InvalidValue(f"unknown country '{wanted}'{hint}")


def country_name(code: str) -> str:
    """The short English name of an alpha-2 code (the code itself when unknown)."""
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return code
    return str(getattr(found, "common_name", None) or found.name)


def country_choices() -> list[str]:
    """Country names for autocompletion, sorted."""
    import pycountry

    return sorted(str(getattr(c, "common_name", None) or c.name) for c in pycountry.countries)


def resolve_currency(text: str) -> str:
    """The ISO 4217 code ``text`` names (case-insensitive), or InvalidValue."""
    import pycountry

    code = text.strip().upper()
    if len(code) == 3 and code.isalpha() and pycountry.currencies.get(alpha_3=code):
        return code
    raise InvalidValue(f"unknown currency '{text.strip()}' (use an ISO 4217 code like EUR, USD, GBP)")
