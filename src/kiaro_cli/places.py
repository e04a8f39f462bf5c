"""Countries and currencies: the only module that imports pycountry.

Countries are stored as ISO 3166 alpha-2 codes and accepted as a code, a name in
English or one of many other languages ("Deutschland", "Royaume-Uni", "Česko"), a common
alias ("UK", "Holland") or a close spelling ("Netherland") that points at one country
only. Currencies are ISO 4217 codes.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator
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
    "republic of china": "TW",  # not China: Taiwan's own name for itself
    "roc": "TW",
    "prc": "CN",
    "eire": "IE",
    "hellas": "GR",
    "nippon": "JP",
}


# Languages whose country names are understood besides English (pycountry's translations).
_LANGUAGES = (
    "de", "fr", "es", "nl", "it", "pt", "pt_BR", "ca", "cs", "sk", "pl", "sv", "da", "nb_NO", "fi",
    "ro", "hu", "tr", "el", "hr", "sl", "et", "lv", "lt", "bg", "ru", "uk",
)  # fmt: skip
# "The Republic of …", "Kingdom of the …", "République de …": a form of a state's name
# around its plain name, which is tried when the whole does not match.
_STATE_FORM = re.compile(
    r"^(?:the )?(?:(?:federal|islamic|democratic|people s|peoples|socialist|united|arab|hashemite"
    r"|plurinational|bolivarian|independent|sovereign|co operative) )*"
    r"(?:republic|kingdom|state|commonwealth|federation|principality|grand duchy|sultanate|emirate"
    r"|union|confederation|republique|republica|republik|republiek|konigreich|royaume|reino"
    r"|koninkrijk|repubblica|regno) (?:(?:of|de|du|des|d|del|der|van|di|dell) )?(?:(?:the|la|l|el) )?"
)
CLOSE = 0.85  # how alike a spelling must be to a country's name to be read as it
APART = 0.04  # how much better the best country must score than the next one


def _key(text: str) -> str:
    """A name reduced for comparing: folded, accents and punctuation gone ("Côte d'Ivoire" →
    "cote d ivoire")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).replace("_", " ").split())


def _forms(name: str) -> list[str]:
    """The keys of a name as written and, for "Korea, Republic of", as said ("republic of korea")."""
    forms = [_key(name)]
    head, comma, tail = name.partition(", ")
    if comma:
        forms.append(_key(f"{tail} {head}"))
    return forms


def _names_of(country: object, translate: Callable[[str], str] = str) -> Iterator[str]:
    for attribute in ("name", "official_name", "common_name"):
        value = getattr(country, attribute, None)
        if value:
            yield from _forms(translate(value))


@cache
def _english_names() -> dict[str, str]:
    """Every key of a country's English names, and the aliases → alpha-2."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for key in _names_of(country):
            names.setdefault(key, country.alpha_2)
    for alias, code in _ALIASES.items():
        names.setdefault(_key(alias), code)
    return names


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _spelled_out(translate: Callable[[str], str]) -> Callable[[str], str]:
    """A translation with its umlauts written out, as a keyboard without them types it."""
    return lambda name: translate(name).translate(_UMLAUTS)


@cache
def _translated_names() -> dict[str, str]:
    """Every key of a country's names in :data:`_LANGUAGES` → alpha-2, English ones
    aside; a name two countries share in different languages is left out."""
    import gettext

    import pycountry

    english = _english_names()
    translated: dict[str, set[str]] = {}
    for language in _LANGUAGES:
        try:
            catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            for translate in (catalog.gettext, _spelled_out(catalog.gettext)):  # Österreich, Oesterreich
                for key in _names_of(country, translate):
                    translated.setdefault(key, set()).add(country.alpha_2)
    return {
        key: next(iter(codes)) for key, codes in translated.items() if len(codes) == 1 and key not in english
    }


def resolve_country(text: str, *, exactly: bool = False) -> str:
    """The alpha-2 code of the country ``text`` names, or InvalidValue saying why not.

    A code, a name in English or another language (official, short or "Korea, Republic
    of" said the other way round), an alias, the plain name inside a state's form
    ("Republic of Ireland"), each with or without "the"; or, unless ``exactly`` (a
    sentence, where "from Olivia" names a person, not Bolivia), a close spelling of an
    English name that one country matches clearly better than any other. When two
    countries are about as close, neither is guessed.
    """
    wanted = text.strip()
    if not wanted:
        raise InvalidValue("country cannot be empty")
    if exactly:
        named = _named(_key(wanted))
        if named is None:
            raise UnknownCountry(wanted, [], [])
        return named
    found = _lookup(_key(wanted))
    if isinstance(found, str):
        return found
    raise UnknownCountry(wanted, *found)


class UnknownCountry(InvalidValue):
    """A country kiaro cannot tell: none matches, or two or more are about as close."""

    def __init__(self, wanted: str, close: list[str], suggestions: list[str]) -> None:
        self.wanted, self.close = wanted, close
        if close:
            message = f"country '{wanted}' could be {' or '.join(close)}; type its name or code"
        else:
            hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
            message = f"unknown country '{wanted}'{hint}"
        super().__init__(message)


@cache
def _named(key: str) -> str | None:
    """The code a key names exactly (a code, a name, the name inside a state's form), with
    or without a leading "the" ("the UK", "The Gambia"); None if it names none."""
    import pycountry

    for form in dict.fromkeys((key, key.removeprefix("the "))):
        if len(form) in (2, 3) and form.isalpha():
            code = form.upper()
            found = (
                pycountry.countries.get(alpha_2=code)
                if len(code) == 2
                else pycountry.countries.get(alpha_3=code)
            )
            if found is not None:
                return str(found.alpha_2)
        plain = _STATE_FORM.sub("", form)
        for names in (_english_names(), _translated_names()):
            for candidate in (form, plain):
                if candidate in names:
                    return names[candidate]
    return None


@cache
def _lookup(key: str) -> str | tuple[list[str], list[str]]:
    """The code a key names, else (countries too alike to choose, suggestions)."""
    named = _named(key)
    if named is not None:
        return named
    plain = _STATE_FORM.sub("", key)
    # A close spelling is one of an English name: in other languages a name is read exactly,
    # or "Neverland" would be a slip of the Dutch "Nederland".
    ranked = _closest(plain or key, _english_names())
    if ranked and ranked[0][1] >= CLOSE:
        if len(ranked) == 1 or ranked[1][1] < ranked[0][1] - APART:
            return ranked[0][0]
        return [country_name(code) for code, score in ranked if score >= ranked[0][1] - APART], []
    names = _english_names() | _translated_names()
    prefixed = sorted({names[name] for name in names if name.startswith(key)})
    if len(prefixed) == 1 and len(key) >= 4:
        return prefixed[0]
    near = _closest(plain or key, names)  # suggested in any language
    suggestions = [country_name(code) for code, _ in near[:3]] or [country_name(c) for c in prefixed[:3]]
    return [], list(dict.fromkeys(suggestions))


def _closest(key: str, names: dict[str, str]) -> list[tuple[str, float]]:
    """Countries whose names look like ``key``, best first, each with its best score."""
    best: dict[str, float] = {}
    for name in difflib.get_close_matches(key, names, n=12, cutoff=0.6):
        score = difflib.SequenceMatcher(None, key, name).ratio()
        code = names[name]
        best[code] = max(best.get(code, 0.0), score)
    return sorted(best.items(), key=lambda item: -item[1])


def country_name(code: str) -> str:
    """The short English name of an alpha-2 code (the code itself when unknown), from the
    table pycountry's names were written to: a card that names a country then loads no
    pycountry (50 ms)."""
    from kiaro_cli.country_names import COUNTRY_NAMES

    return COUNTRY_NAMES.get(code.upper(), code) if code.isascii() else code  # "ß".upper() is "SS"


def country_names() -> dict[str, str]:
    """Each alpha-2 code and its short English name, as pycountry gives them."""
    import pycountry

    return {c.alpha_2: str(getattr(c, "common_name", None) or c.name) for c in pycountry.countries}


def write_country_names() -> str:
    """The source of ``kiaro_cli/country_names.py``: :func:`country_names` as a table."""
    import json

    lines = [
        '"""Each ISO 3166 alpha-2 code and its short English name, as pycountry gives them.',
        "",
        "Written by ``python -m kiaro_cli.places``; a test fails while it differs from pycountry.",
        '"""',
        "",
        "COUNTRY_NAMES = {",
        *(
            f"    {json.dumps(code)}: {json.dumps(name, ensure_ascii=False)},"
            for code, name in sorted(country_names().items())
        ),
        "}",
        "",
    ]
    return "\n".join(lines)


def country_choices() -> list[str]:
    """Country names for autocompletion, sorted."""
    import pycountry

    return sorted(str(getattr(c, "common_name", None) or c.name) for c in pycountry.countries)


# ISO 4217 codes of no money anyone is paid in: what each stands for, in a refusal.
NOT_MONEY = {
    "XXX": "no currency",
    "XTS": "testing",
    **dict.fromkeys(("XAU", "XAG", "XPD", "XPT"), "a precious metal"),
    **dict.fromkeys(("XBA", "XBB", "XBC", "XBD"), "a bond market unit"),
    **dict.fromkeys(("XDR", "XSU", "XUA"), "a unit of account"),
}


def resolve_currency(text: str) -> str:
    """The ISO 4217 code of a currency ``text`` names (case-insensitive), or InvalidValue;
    the codes of :data:`NOT_MONEY` are refused."""
    import pycountry

    code = text.strip().upper()
    if code in NOT_MONEY:
        what = f"ISO 4217's code for {NOT_MONEY[code]}"
        raise InvalidValue(f"'{code}' is {what}, not a currency (use one like EUR, USD, GBP)")
    if len(code) == 3 and code.isalpha() and pycountry.currencies.get(alpha_3=code):
        return code
    raise InvalidValue(f"unknown currency '{text.strip()}' (use an ISO 4217 code like EUR, USD, GBP)")


# ---------------------------------------------------------------- languages

# Names of a language in itself, for the languages people most often write that way.
_ENDONYMS = {
    "deutsch": "de", "francais": "fr", "espanol": "es", "castellano": "es", "nederlands": "nl",
    "vlaams": "nl", "flemish": "nl", "italiano": "it", "portugues": "pt", "svenska": "sv", "dansk": "da",
    "norsk": "no", "suomi": "fi", "polski": "pl", "cestina": "cs", "magyar": "hu", "turkce": "tr",
    "ellinika": "el", "russkij": "ru", "afrikaans": "af", "isizulu": "zu", "catala": "ca",
    "farsi": "fa", "mandarin": "zh", "cantonese": "zh", "chinese": "zh",
}  # fmt: skip


@cache
def _language_names() -> dict[str, str]:
    """Every key of an ISO 639-1 language's codes and names (English and, through pycountry's
    translations, the languages country names are read in) → its two-letter code."""
    import gettext

    import pycountry

    names: dict[str, str] = {}
    languages = [language for language in pycountry.languages if hasattr(language, "alpha_2")]
    for language in languages:
        codes = (language.alpha_2, language.alpha_3, getattr(language, "bibliographic", ""))
        for text in (*codes, language.name):
            if text:
                names.setdefault(_key(text), language.alpha_2)
    for locale in _LANGUAGES:
        try:
            catalog = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        for language in languages:
            names.setdefault(_key(catalog.gettext(language.name)), language.alpha_2)
    for name, code in _ENDONYMS.items():
        names.setdefault(name, code)
    return names


def resolve_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` names: a code ("de", "deu", "ger") or a
    name in English, in the language itself or in another common one ("German",
    "Deutsch", "allemand")."""
    wanted = text.strip()
    names = _language_names()
    code = names.get(_key(wanted))
    if code is not None:
        return code
    close = difflib.get_close_matches(_key(wanted), [n for n in names if len(n) > 3], n=3, cutoff=CLOSE)
    suggested = ", ".join(dict.fromkeys(language_name(names[key]) for key in close))
    hint = f"; did you mean {suggested}?" if close else " (use a name like German or a code like de)"
    raise InvalidValue(f"unknown language '{wanted}'{hint}")


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code (the code itself when unknown)."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return str(found.name) if found is not None else code


# ---------------------------------------------------------------- time zones


@cache
def _time_zones() -> dict[str, str]:
    """Each IANA zone by its lower-case name, and by its city ("amsterdam", "new york")."""
    from zoneinfo import available_timezones

    zones = sorted(zone for zone in available_timezones() if "/" in zone and not zone.startswith("Etc/"))
    by_key = {zone.lower(): zone for zone in available_timezones()}
    cities: dict[str, list[str]] = {}
    for zone in zones:
        cities.setdefault(_key(zone.rsplit("/", 1)[1]), []).append(zone)
    for city, found in cities.items():
        if len(found) == 1:
            by_key.setdefault(city, found[0])
    return by_key


CITY = 0.6  # how alike a spelling must be to a zone's name to be suggested
# The main zones of countries that span several, most people first: suggested ahead of
# the rest of the system's table (which lists a country's zones by region, not by size).
MAIN_ZONES: dict[str, tuple[str, ...]] = {
    "US": ("America/New_York", "America/Chicago", "America/Los_Angeles", "America/Denver", "America/Phoenix"),
    "CA": ("America/Toronto", "America/Vancouver", "America/Edmonton", "America/Winnipeg", "America/Halifax"),
    "AU": ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth"),
    "BR": ("America/Sao_Paulo", "America/Fortaleza", "America/Manaus"),
    "MX": ("America/Mexico_City", "America/Monterrey", "America/Tijuana", "America/Cancun"),
    "RU": ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok"),
    "ID": ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"),
    "AR": ("America/Argentina/Buenos_Aires", "America/Argentina/Cordoba"),
    "KZ": ("Asia/Almaty", "Asia/Qyzylorda"),
    "CN": ("Asia/Shanghai", "Asia/Urumqi"),
}


def resolve_timezone(text: str) -> str:
    """The IANA time zone ``text`` names: the zone ("Europe/Amsterdam", any case), UTC, or
    a city the zone is named after ("Amsterdam", "new york"); else a refusal with the
    closest zones."""
    wanted = text.strip()
    zones = _time_zones()
    found = zones.get(wanted.lower()) or zones.get(_key(wanted))
    if found is not None:
        return found
    in_country = _zones_of_country(wanted)
    if len(in_country) == 1:
        return in_country[0]
    similar = difflib.get_close_matches(wanted.lower(), list(zones), cutoff=CITY)
    close = in_country or [zones[key] for key in similar]
    hint = ", ".join(list(dict.fromkeys(close))[:4])
    said = f"; did you mean {hint}?" if hint else " (use an IANA name like Europe/Amsterdam or a city)"
    raise InvalidValue(f"unknown time zone '{wanted}'{said}")


def _zones_of_country(text: str) -> list[str]:
    """The zones of the country ``text`` names, its main ones first (``MAIN_ZONES``), then
    the rest of the system's zone table (none when the text is no country or the table
    is missing)."""
    from pathlib import Path
    from zoneinfo import TZPATH

    try:
        code = resolve_country(text)
    except InvalidValue:
        return []
    for folder in TZPATH:
        try:
            with (Path(folder) / "zone.tab").open(encoding="utf-8") as table:
                rows = [line.split("\t") for line in table if not line.startswith("#")]
        except OSError:
            continue
        listed = [row[2].strip() for row in rows if len(row) > 2 and row[0] == code]
        main = [zone for zone in MAIN_ZONES.get(code, ()) if zone in listed]
        return list(dict.fromkeys([*main, *listed]))
    return []


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).with_name("country_names.py").write_text(write_country_names(), encoding="utf-8")
