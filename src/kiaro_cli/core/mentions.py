"""What a sentence that adds a client says of it besides the name: an email, a phone
number, a website, a place (a country, or a city and its country) and an industry.

Pure, like the grammar that calls it; a place is checked against the countries
``places`` knows, so "from Germany" is a country and "Made in Berlin" stays a name.
"""

from __future__ import annotations

import re

from kiaro_cli.errors import InvalidValue

_EMAIL = re.compile(r"(?P<value>[\w.+'-]+@[\w-]+(?:\.[\w-]+)*)", re.I)  # checked as any email is, later
_LABELLED_SITE = re.compile(
    r"\b(?:website|web\s*site|site|url|web)\s*:?\s+(?P<value>[\w-]+(?:\.[\w-]+)+\S*)", re.I
)
_WEBSITE = re.compile(r"\b(?P<value>https?://\S+|www\.[\w-]+(?:\.[\w-]+)+\S*)", re.I)
_PHONE = re.compile(r"(?<![\w@])(?P<value>\+?\(?\d[\d ()./-]{5,}\d)(?!\w)")
MIN_PHONE_DIGITS = 7
_INDUSTRY = re.compile(
    r"\b(?:in|from)\s+the\s+(?P<industry>[\w&/ -]+?)\s+(?:industry|sector|space|business|market)\b", re.I
)
_INDUSTRY_LABEL = re.compile(r"\bindustry\s*:?\s+(?P<industry>[\w&/ -]+?)(?=,|;|$)", re.I)
_PLACE = re.compile(
    r"(?:^|,|;|\s)\s*(?P<how>based in|located in|headquartered in|from|in)\s+"
    r"(?P<place>[^,;]+?(?:,\s*[^,;]+?)?)\s*(?=,|;|$)",
    re.I,
)
_LABELS = re.compile(
    r"\b(?:with\s+)?(?:(?:an?\s+|the\s+)?(?:e-?mail(?:\s+address)?|phone(?:\s+number)?|tel|mobile|"
    r"website|web\s*site|site|url|web))\s*:?\s*(?=$|,|;|\s(?:and|with)\b)",
    re.I,
)  # the word before a value taken out ("email", "phone number:")
_VALUES = (("email", _EMAIL), ("website", _LABELLED_SITE), ("website", _WEBSITE), ("phone", _PHONE))
_GLUE = r"^(?:[\s,;]|\band\b|\bwith\b)+|(?:[\s,;:]|\band\b|\bwith\b)+$"  # left around a name


def mentioned_fields(text: str) -> tuple[str, list[tuple[str, str]]]:
    """What is left of ``text`` once the fields it mentions are taken out (the new client's
    name), and those fields: email, phone, website, country, city, industry."""
    found: list[tuple[str, str]] = []
    rest = text
    for key, pattern in _VALUES:
        hit = pattern.search(rest)
        if hit and not any(k == key for k, _ in found) and _plausible(key, hit["value"]):
            found.append((key, hit["value"].rstrip(".,")))
            rest = _tidy(rest[: hit.start()] + " " + rest[hit.end() :])
    rest = _tidy(_LABELS.sub(" ", rest))
    for pattern in (_INDUSTRY, _INDUSTRY_LABEL):
        hit = pattern.search(rest)
        if hit:
            found.append(("industry", hit["industry"].strip()))
            rest = _tidy(rest[: hit.start()] + " " + rest[hit.end() :])
            break
    for hit in _PLACE.finditer(rest):
        place = _place_fields(hit["how"].lower(), hit["place"].strip())
        if place:
            found.extend(place)
            rest = rest[: hit.start()] + " " + rest[hit.end() :]
            break
    name = re.sub(_GLUE, "", " ".join(rest.split()), flags=re.I)
    return name, found


def _tidy(text: str) -> str:
    """Commas and semicolons left by what was taken out, as one ", "."""
    return " ".join(re.sub(r"\s*[,;](?:\s*[,;])*\s*", ", ", text).strip(" ,;").split())


def _plausible(key: str, value: str) -> bool:
    return key != "phone" or sum(c.isdigit() for c in value) >= MIN_PHONE_DIGITS


def _place_fields(how: str, place: str) -> list[tuple[str, str]]:
    """ "based in Berlin, Germany": a city and a country; "from Germany": a country; "in
    Berlin" alone is part of the name unless said as "based in" or "located in"."""
    from kiaro_cli.places import resolve_country

    city, _, country = place.rpartition(",")
    for candidate_city, candidate_country in ((city.strip(), country.strip()), ("", place)):
        if candidate_country and (candidate_city or not city):
            try:
                code = resolve_country(candidate_country)
            except InvalidValue:
                continue
            return [("city", candidate_city)] * bool(candidate_city) + [("country", code)]
    if how in ("based in", "located in", "headquartered in") and "," not in place:
        return [("city", place)]
    return []
