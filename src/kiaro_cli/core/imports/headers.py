"""What a column header means: the names kiaro's own exports and other programs give columns.

Headers are compared reduced (:func:`header_key`: "E-mail 2 Address" → "e mail 2 address").
A header is read, in this order, as one of kiaro's keys or a name other tools use for a
field (English, German, French, Spanish, Dutch); as a prefixed group (Business …,
Billing …, Mailing …, Home …, Address 1 - …, Organization - Address - …, Person - …)
followed by an address part or a field; by what it is about (any phone, e-mail or web
column: "Mobile Phone", "Person - Email - Work", "Telefon privat"); or squashed into one
word as Salesforce's Data Loader writes it ("BILLINGPOSTALCODE").

Several columns may give one field: the lowest :attr:`Meaning.rank` that has a value in
a row wins, and the others are kept in the client's notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kiaro_cli.core.records import CLIENT_KEYS
from kiaro_cli.declarations.client import CLIENT
from kiaro_cli.search import fold

# Columns of our own exports an import recognises and leaves out: they are derived, or
# they are the reason a rejects file gives for a row.
DERIVED = (
    *(declared.key for declared in CLIENT.fields if declared.contract and not declared.imported),
    "kiaro_error",
)
# Columns an import fills from kiaro's own export, in the order of `import template`.
IMPORTABLE = tuple(key for key in CLIENT_KEYS if key not in DERIVED)
ADDRESS_FIELDS = ("address_line1", "address_line2", "city", "region", "postal_code", "country")
# The person a row is about; joined into the contact's name when no column gives it whole.
PERSON_FIELDS = ("first_name", "middle_name", "last_name", "job_title")
MAPPABLE = (*IMPORTABLE, *PERSON_FIELDS)
# Parts of an address that are not a field of their own.
ADDRESS_PARTS = ("street3", "po_box", "house_number", "formatted")


@dataclass(frozen=True)
class Meaning:
    """What one column gives.

    ``field`` is a field of :data:`MAPPABLE`, an address part of :data:`ADDRESS_PARTS`,
    ``status_label`` (a status-like column read through a table of words), or ``label``
    (the name of another column's value, as "Work" for "Phone 1 - Value"). Address
    parts carry their ``group`` (billing, business, home…).
    """

    field: str
    group: str = ""
    rank: int = 0
    weak: bool = False  # used only when no other column gives the field ("Title", "Type")
    kind: str = ""  # what a label names: "phone", "email" or "address"


def header_key(text: str) -> str:
    """A column header reduced for matching: 'E-mail' → 'e mail', 'postal_code' → 'postal code'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def _words(text: str) -> list[str]:
    return text.split()


def _table(**names: str) -> dict[str, str]:
    """``field="name, other name"`` pairs as a mapping from each reduced name to its field."""
    return {header_key(name): field for field, text in names.items() for name in text.split(",")}


# Fields by the names tools give them, without a group prefix.
FIELD_NAMES = {
    **_table(**{declared.key: declared.synonyms for declared in CLIENT.fields if declared.synonyms}),
    **_table(
        first_name="first name, firstname, given name, first, forename, vorname, prenom, voornaam",
        middle_name=(
            "middle name, additional name, second name, zweiter vorname, segundo nombre, tussenvoegsel"
        ),
        last_name=(
            "last name, lastname, family name, surname, last, nachname, familienname, nom de famille, "
            "apellido, apellidos, achternaam"
        ),
        job_title=(
            "job title, position, organization title, organisation title, funktion, berufsbezeichnung, "
            "fonction, poste, cargo, puesto, functie, functietitel, designation"
        ),
        kind="customer sub type, contact sub type",
        is_company="is a company, is company",  # Odoo: the row's Name is an organisation's
        owner="lead owner, deal owner",  # Zoho CRM's leads
        company_size="no of employees, no employees",
        status_label=(
            "lifecycle stage, account type, stage, deal stage, customer status, kundenstatus, statut"
        ),
    ),
}
# Names that are a second choice for their field: other columns of a file come first.
SECOND_CHOICE = _table(
    name="associated company, related company",
    notes="public notes",
    website="personal web page, company domain name, web domain, domain",
    status_label="lead status",
)
# Names read as a field only when no other column of the file gives that field.
WEAK = _table(job_title="title", status_label="type")
# Names that mean the client in a file of clients and the person in a file of people:
# see :func:`kiaro_cli.core.imports.columns.map_columns`.
NAME_LIKE = ("name", "nombre", "naam", "nom")

# Parts of an address by their names, with or without a group prefix.
PART_NAMES = _table(
    address_line1=(
        "street, address, street address, address line 1, address1, address 1, line 1, street 1, "
        "street line 1, street road name, adresse, strasse, strasse und hausnummer, anschrift, rue, "
        "calle, direccion, straat, adres"
    ),
    address_line2=(
        "street 2, street2, address 2, address line 2, address2, line 2, street line 2, street address 2, "
        "suite, apt suite, apartment suite no, extended address, adresszusatz, complement d adresse, "
        "adresse 2, direccion 2, adres 2"
    ),
    street3="street 3, address 3, address line 3, line 3, street address 3",
    city=(
        "city, town, locality, city town village locality, ort, stadt, ortschaft, ville, localite, "
        "ciudad, localidad, poblacion, municipio, plaats, woonplaats, stad"
    ),
    region=(
        "region, state, province, county, state province, province state, state region, state county, "
        "bundesland, kanton, "
        "departement, provincia, estado, comunidad autonoma, provincie"
    ),
    postal_code=(
        "postal code, zip, zip code, zipcode, postcode, post code, zip postal code, postal code zip code, "
        "postal code zip, plz, postleitzahl, "
        "code postal, cp, codigo postal"
    ),
    country="country, country region, country code, country name, nation, land, pays, pais",
    po_box="po box, p o box, pobox, postfach, boite postale, apartado, postbus",
    house_number="house number, hausnummer, numero, huisnummer",
    formatted="formatted, formatted address, full address, full combined address",
)
# After a group prefix only: Zoho's "Billing Code" is a postal code.
PREFIXED_PART_NAMES = {"code": "postal_code", **PART_NAMES}

# Address groups by the prefixes that name them. A row's address comes from the most
# preferred group that has one (see :func:`group_rank`). Shipping addresses are not the
# client's: they are left out.
GROUP_NAMES = {
    **dict.fromkeys(_words("billing invoice rechnung facturation"), "billing"),
    **dict.fromkeys(_words("business work company office organization organisation"), "business"),
    **dict.fromkeys(("organization address", "organisation address"), "business"),
    **dict.fromkeys(_words("mailing postal"), "mailing"),
    **dict.fromkeys(_words("home private privat"), "home"),
    "other": "other",
    "address": "address",  # Google's "Address 1 - Street": numbered groups
}
GROUP_RANKS = {"billing": 0, "": 1, "business": 1, "mailing": 2, "address": 3, "home": 8, "other": 9}
UNUSED_GROUPS = ("shipping", "delivery", "lieferung")


def group_rank(group: str) -> tuple[int, int]:
    """How much an address group is preferred (lower first); numbered groups by their number."""
    base = group.rstrip("0123456789")
    number = group[len(base) :]
    return GROUP_RANKS.get(base, 5), int(number or 0)


# Prefixes that say whose field a column is: the person's or the organisation's.
OWNERS = ("person", "contact", "organization", "organisation", "company", "client", "account")
# Fields an owner prefix may be followed by, beyond :data:`FIELD_NAMES`.
OWNED_NAMES = {
    "person": _table(contact_person="name", name="organization, organisation, org", job_title="title"),
    "contact": _table(contact_person="name"),
    "organization": _table(name="name", job_title="title", formatted="address"),
    "company": _table(name="name"),
    "client": _table(name="name"),
    "account": _table(name="name"),
}
OWNED_NAMES["organisation"] = OWNED_NAMES["organization"]

# What any phone or e-mail column is about, and the words that rank it.
PHONE_WORDS = frozenset(
    _words(
        "phone phones telephone tel mobile cell cellphone mobil handy telefon telefono portable movil mobiel "
        "gsm telefoon"
    )
)
EMAIL_WORDS = frozenset(_words("email emails mail courriel correo emailadresse"))
NOT_CONTACT_DETAILS = frozenset(
    _words(
        "fax pager telex isdn tty tdd radio callback assistant assistants opt out bounce bounced "
        "unsubscribed display type label status domain verified invalid date last opened clicked sent count"
    )
)
QUALIFIER_RANKS = {
    **dict.fromkeys(_words("primary main preferred pref"), 0),
    **dict.fromkeys(_words("business work office company geschaftlich bureau trabajo werk"), 1),
    **dict.fromkeys(_words("mobile cell cellphone mobil handy portable movil mobiel gsm"), 2),
    **dict.fromkeys(_words("home private privat domicile casa thuis personal"), 3),
    **dict.fromkeys(_words("other car weitere autre otro overig"), 4),
}


OWN_KEYS = {header_key(key): key for key in IMPORTABLE}
DERIVED_KEYS = frozenset(header_key(key) for key in DERIVED)


# Columns only kiaro's own client export has: what kiaro works out of a client.
KIARO_ONLY = frozenset(header_key(key) for key in ("effective_currency", "missing_fields"))


def written_by_kiaro(header: Sequence[str]) -> bool:
    """Whether a file's header is that of kiaro's own client export."""
    return {header_key(cell) for cell in header} >= KIARO_ONLY


def meaning_of(header: str) -> Meaning | None:
    """What a header means, or None when kiaro does not know it."""
    return _meaning(header_key(header))


@cache
def _meaning(key: str) -> Meaning | None:
    if not key:
        return None
    if key in DERIVED_KEYS:
        return Meaning("derived")
    if key in OWN_KEYS:
        return Meaning(OWN_KEYS[key])
    words = key.split()
    numbers = [int(word) for word in words if word.isdigit()]
    index = numbers[0] if numbers else 0
    base = " ".join(word for word in words if not word.isdigit() and word not in ("value", "values"))
    return (
        _named(key, 0)
        or _named(base, index)
        or _labelled(base, index)
        or _of_address(base)
        or _grouped(key, index)
        or _owned(base, index)
        or _contact_detail(base.split(), index)
        or _squashed(base)
    )


def _named(key: str, index: int) -> Meaning | None:
    for table, rank, weak in ((FIELD_NAMES, 0, False), (SECOND_CHOICE, 5, False), (WEAK, 9, True)):
        if key in table:
            return Meaning(table[key], rank=rank + index, weak=weak)
    if key in PART_NAMES:
        return Meaning(PART_NAMES[key], rank=index)
    return None


def _labelled(base: str, index: int) -> Meaning | None:
    """ "Phone 1 - Label", "Address 1 - Label": the name of another column's value.
    "E-mail Type" columns ("SMTP") say nothing a person needs: they are left out."""
    stem, _, last = base.rpartition(" ")
    if last not in ("label", "type") or not stem:
        return None
    kind = "address" if stem == "address" else _detail_kind(stem.split())
    if not kind:
        return None
    return Meaning("label", group=f"address{index}" if kind == "address" else "", rank=index, kind=kind)


def _grouped(key: str, index: int) -> Meaning | None:
    """An address part after a group prefix: "Business Street 2", "Address 1 - City"."""
    for prefix in sorted((*GROUP_NAMES, *UNUSED_GROUPS), key=len, reverse=True):
        if not key.startswith(prefix + " "):
            continue
        rest = key[len(prefix) + 1 :]
        bare = " ".join(word for word in rest.split() if not word.isdigit())
        part = (
            "formatted"
            if rest == "address" or (bare == "address" and rest not in PREFIXED_PART_NAMES)
            else PREFIXED_PART_NAMES.get(rest) or PREFIXED_PART_NAMES.get(bare)
        )
        if part is None:
            return None
        if prefix in UNUSED_GROUPS:
            return Meaning("unused")
        group = GROUP_NAMES[prefix]
        return Meaning(part, group=f"address{index}" if group == "address" else group)
    return None


def _of_address(base: str) -> Meaning | None:
    """An address part named after the address it is part of, as Pipedrive writes them:
    "Organization - City/town/village/locality of Address", "Country of Address". An
    organisation's address (or one of no owner) is its business address, a person's
    their home."""
    owner = next((o for o in OWNERS if base.startswith(o + " ")), "")
    part_name, of, address = base.removeprefix(owner).strip().rpartition(" of ")
    if not of or not address.endswith("address") or part_name not in PART_NAMES:
        return None
    group = GROUP_NAMES.get(address.split()[0], "")
    if group in ("", "address"):
        group = "home" if owner in ("person", "contact") else "business"
    return Meaning(PART_NAMES[part_name], group=group)


def _owned(base: str, index: int) -> Meaning | None:
    """A field after whose it is: "Person - Name", "Organization - Labels", "Contact Email"."""
    for owner in OWNERS:
        if not base.startswith(owner + " "):
            continue
        rest = base[len(owner) + 1 :]
        own = OWNED_NAMES[owner].get(rest)
        if own == "formatted":
            return Meaning("formatted", group="business")
        if own is not None:
            return Meaning(own, rank=index)
        return _named(rest, index) or _contact_detail(rest.split(), index)
    return None


def _detail_kind(words: list[str]) -> str:
    if PHONE_WORDS & set(words):
        return "phone"
    if EMAIL_WORDS & set(words) or words[:2] == ["e", "mail"]:
        return "email"
    return ""


def _contact_detail(words: list[str], index: int) -> Meaning | None:
    """Any phone or e-mail column, ranked by what it says of itself (business before home)."""
    kind = _detail_kind(words)
    if not kind or NOT_CONTACT_DETAILS & set(words):
        return None
    qualifiers = [QUALIFIER_RANKS[word] for word in words if word in QUALIFIER_RANKS]
    rank = (min(qualifiers) if qualifiers else 1) * 100 + index
    return Meaning(kind, rank=rank)


def _squashed(base: str) -> Meaning | None:
    """A header written as one word, as Salesforce's Data Loader does: BILLINGSTREET,
    MAILINGPOSTALCODE, MOBILEPHONE."""
    if " " in base:
        return None
    found = SQUASHED.get(base)
    if found is not None:
        return found
    if "phone" in base and not any(word in base for word in NOT_CONTACT_DETAILS):
        return Meaning("phone", rank=200 if "mobile" in base else 100)
    return None


def _squashed_names() -> dict[str, Meaning]:
    names: dict[str, Meaning] = {}
    for key, field in FIELD_NAMES.items():
        names.setdefault(key.replace(" ", ""), Meaning(field))
    for key, part in PART_NAMES.items():
        names.setdefault(key.replace(" ", ""), Meaning(part))
    for prefix, group in GROUP_NAMES.items():
        if group == "address":
            continue
        for key, part in PREFIXED_PART_NAMES.items():
            names.setdefault(f"{prefix}{key}".replace(" ", ""), Meaning(part, group=group))
    names["email"] = Meaning("email", rank=100)
    names["emailid"] = Meaning("email", rank=100)  # Zoho Invoice's contact e-mail
    return names


SQUASHED = _squashed_names()
