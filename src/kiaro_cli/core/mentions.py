"""What a sentence that adds a client says of it besides the name: an email, a phone
number, a website, a place (a country, or a city and its country), an industry and the
person to talk to (the primary contact, who gets the email and phone).

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
    r"\b(?:(?:with|and)\s+)?(?:(?:an?\s+|the\s+|their\s+|his\s+|her\s+)?(?:e-?mail(?:\s+address)?(?:\s+is)?|"
    r"(?:phone|telephone|mobile|cell)(?:\s+number)?(?:\s+is)?|tel|mob|website|web\s*site|site|url|web)|"
    r"(?:call|ring|phone|reach|text|email|e-mail|mail|write to)\s+(?:them|him|her|us|me)(?:\s+(?:on|at))?|"
    r"(?:reachable|available)\s+(?:on|at))\s*:?\s*(?=$|,|;|\s(?:and|with)\b)",
    re.I,
)  # the word before a value taken out ("email", "phone number:")
# "contact is Sarah Lee", "contact: Sarah Lee", "ask for Sarah", "main contact Sarah Lee"
_CONTACT = re.compile(
    r"(?:^|[,;]|\s)\s*(?:(?:and|with)\s+)?(?:(?:the|their|our|my|main|primary|key)\s+)*"
    r"(?:contact(?:\s+person)?|point of contact|person to talk to)\s*(?:is|:|-|=)?\s+"
    r"(?P<person>[^\W\d_][\w'.-]*(?:\s+[^\W\d_][\w'.-]*){0,3}?)\s*(?=,|;|$|\s(?:and|with)\b)"
    r"|(?:^|[,;]|\s)\s*(?:(?:and|with)\s+)?ask\s+for\s+"
    r"(?P<asked>[^\W\d_][\w'.-]*(?:\s+[^\W\d_][\w'.-]*){0,3}?)\s*(?=,|;|$|\s(?:and|with)\b)",
    re.I,
)
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
    contact = _CONTACT.search(rest)
    if contact:
        found.append(("contact_person", (contact["person"] or contact["asked"]).strip()))
        rest = _tidy(rest[: contact.start()] + " " + rest[contact.end() :])
    for pattern in (_INDUSTRY, _INDUSTRY_LABEL):
        hit = pattern.search(rest)
        if hit:
            found.append(("industry", hit["industry"].strip()))
            rest = _tidy(rest[: hit.start()] + " " + rest[hit.end() :])
            break
    for hit in _PLACE.finditer(rest):
        how = hit["how"].lower()
        said_apart = hit[0].lstrip().startswith((",", ";"))
        if how == "in" and not said_apart and not _complete_name(rest[: hit.start()]):
            continue  # "Made in Italy" is a name; "Acme GmbH in Italy", "Acme, in Italy" a place
        place = _place_fields(how, hit["place"].strip())
        if place:
            found.extend(place)
            rest = rest[: hit.start()] + " " + rest[hit.end() :]
            break
    name = re.sub(_GLUE, "", " ".join(rest.split()), flags=re.I)
    return name, found


# a word that makes "WORD in Italy" a phrase rather than a name and its country
_PHRASE = (
    "made born built brewed designed crafted lost love life once art style all home living sun summer winter "
    "spring autumn fall night day dream dreams hand handmade only"
)
_PHRASE_WORDS = frozenset(_PHRASE.split())


def _complete_name(before: str) -> bool:
    """Whether the words before a bare "in COUNTRY" read as a whole name on their own: a
    name that does not end in a word that reads on into the place ("Made", "Lost", "Living")."""
    words = re.sub(_GLUE, "", before, flags=re.I).split()
    if not words:
        return False
    last = words[-1].lower()
    return not (last in _PHRASE_WORDS or last.endswith(("ed", "ing")))


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
                code = resolve_country(candidate_country, exactly=True)  # "from Olivia": a person
            except InvalidValue:
                continue
            return [("city", candidate_city)] * bool(candidate_city) + [("country", code)]
    if how in ("based in", "located in", "headquartered in") and "," not in place:
        return [("city", place)]
    return []
