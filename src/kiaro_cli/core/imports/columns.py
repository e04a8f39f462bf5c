"""Which field each column of a file fills: by key, by the names other tools use, or ``--map``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiaro_cli.core.records import CLIENT_KEYS
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold

# Columns of our own exports that an import recognises and leaves out: they are derived.
DERIVED = ("id", "effective_currency", "effective_vat_rate", "missing_fields", "last_activity_at")
# Columns an import fills, in the order of `import template`: every other key of the client.
IMPORTABLE = tuple(key for key in CLIENT_KEYS if key not in DERIVED)
FIELD_VALUES = tuple(key for key in IMPORTABLE if key not in ("tags", "archived") and not key.endswith("_at"))
STAMPS = ("last_followed_up_at", "created_at", "updated_at")

ALIASES = {
    "name": "company, company name, organisation, organization, org, client, client name, account, business",
    "legal_name": "legal name, legal entity, billing name, registered name, company legal name",
    "code": "client code, short code, handle",
    "email": "e mail, email address, e mail address, mail, primary email",
    "phone": "phone number, telephone, tel, mobile, mobile phone, cell, work phone",
    "contact_person": "contact, contact name, contact person, primary contact, person, full name",
    "industry": "sector, vertical",
    "website": "web, web site, url, homepage, site",
    "address_line1": "street, address, street address, address 1, address line 1, billing address",
    "address_line2": "address 2, address line 2, street 2, suite",
    "city": "town, locality",
    "region": "state, province, county, state province",
    "postal_code": "zip, zip code, postcode, post code, postal code",
    "country": "country code, nation",
    "currency": "currency code",
    "vat_rate": "vat rate, vat percent, tax rate",
    "vat_number": "vat, vat no, vat id, tax id, tax number, vat number",
    "status": "stage, pipeline status",
    "value": "deal value, contract value, lifetime value",
    "start_date": "start, started",
    "end_date": "end, ended",
    "notes": "note, comments, comment, description",
    "source": "lead source, referral source, channel",
    "tags": "tag, labels, label, categories",
    "follow_up_on": "follow up, follow up date, next follow up, follow up on",
}


def header_key(text: str) -> str:
    """A column header reduced for matching: 'E-mail' → 'e mail', 'postal_code' → 'postal code'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


COLUMN_NAMES: dict[str, str] = {header_key(key): key for key in (*IMPORTABLE, *DERIVED)}
for _key, _names in ALIASES.items():
    COLUMN_NAMES.update({header_key(name): _key for name in _names.split(",")})


@dataclass(frozen=True)
class ColumnMap:
    """Which field each column fills (None: left out), and the columns left out unknown."""

    fields: list[str | None]
    unknown: list[str]


def map_columns(header: Sequence[str], overrides: Mapping[str, str]) -> ColumnMap:
    """Map headers to fields by key, alias or ``--map COLUMN=field`` (``COLUMN=`` leaves it out)."""
    wanted = {header_key(column): target for column, target in overrides.items()}
    headers = {header_key(column) for column in header}
    missing = [column for column in overrides if header_key(column) not in headers]
    if missing:
        raise InvalidValue(f"--map names a column the file does not have: '{missing[0]}'")
    fields: list[str | None] = []
    unknown: list[str] = []
    for column in header:
        key = header_key(column)
        if key in wanted:
            target = _mapped_field(wanted[key], column)
        else:
            target = COLUMN_NAMES.get(key)
            if target is None and key:
                unknown.append(column)
        fields.append(target if target in IMPORTABLE else None)
    taken = [f for f in fields if f is not None]
    twice = sorted({f for f in taken if taken.count(f) > 1})
    if twice:
        columns = [c for c, f in zip(header, fields, strict=True) if f == twice[0]]
        raise InvalidValue(
            f"columns {', '.join(repr(c) for c in columns)} all fill {twice[0]}; "
            f"keep one with --map '{columns[-1]}='"
        )
    if "name" not in fields:
        raise InvalidValue("no column gives the client's name (e.g. name, Company); use --map COLUMN=name")
    return ColumnMap(fields, unknown)


def _mapped_field(target: str, column: str) -> str | None:
    key = target.strip().lower().replace("-", "_")
    if not key:
        return None
    if key not in IMPORTABLE:
        raise InvalidValue(f"--map {column}={target}: unknown field (fields: {', '.join(IMPORTABLE)})")
    return key


def parse_map(pairs: Sequence[str]) -> dict[str, str]:
    """``--map COLUMN=field`` options as a mapping."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip():
            raise InvalidValue(f"--map takes COLUMN=field, not '{pair}'")
        mapping[column.strip()] = target.strip()
    return mapping


def template() -> str:
    """An empty CSV with every importable column."""
    return ",".join(IMPORTABLE) + "\n"
