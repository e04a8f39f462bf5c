"""Cleaning an imported row: its cells, read through the column map, held to the field rules.

A row names a client (its organisation, or the person when it has none) and perhaps a
person; cleaning gives the client's values, tags, the stamps a file keeps, and the person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from kiaro_cli.core.cadence import clean_cadence
from kiaro_cli.core.choices import read_status
from kiaro_cli.core.client_rows import Person, check_dates
from kiaro_cli.core.custom_fields import CSV_PREFIX, CustomField, Stored, clean_custom
from kiaro_cli.core.fields import (
    CLIENT_FIELDS,
    MAX_NOTES,
    CleanContext,
    clean_client_values,
    clean_line,
    clean_tags,
    clean_text,
)
from kiaro_cli.core.imports import cells
from kiaro_cli.core.imports.columns import RawRow
from kiaro_cli.core.imports.headers import IMPORTABLE
from kiaro_cli.core.reach import Reach, clean_reach, same_value
from kiaro_cli.declarations.reach import DEFAULT_LABEL
from kiaro_cli.errors import InvalidValue

TRUE, FALSE = ("true", "yes", "1", "y"), ("false", "no", "0", "n", "")
STAMPS = ("last_followed_up_at", "created_at", "updated_at")
# Fields cleaned by the client rules (phone and country are cleaned as imports keep them).
RULED = tuple(
    key
    for key in IMPORTABLE
    if key not in ("tags", "archived", "phone", "country", "cadence") and not key.endswith("_at")
)
RULED_ORDER = {key: rank for rank, key in enumerate(RULED)}
# Fields whose value is a word: one without a letter is a code of the program that wrote the
# file (Zoho's source "1"), left out with a word.
CODED = ("source", "industry", "owner")
# Fields that describe a company: one a file's program took is never a reason to refuse a row.
DESCRIBED = ("industry", "company_size", "annual_revenue", "language", "timezone", "linkedin")
# Numbers a spreadsheet may write in E notation ("1.39E8").
NUMBERS = ("value", "annual_revenue", "company_size")


@dataclass
class Row:
    """One client to add or update: the cleaned values, tags, stamps kept, and its people
    (the first is a new client's primary contact)."""

    line: int
    values: dict[str, object]
    tags: list[str]
    archived: bool
    stamps: dict[str, str]
    people: list[Person] = field(default_factory=list)
    completes: bool = False  # a person's row: it fills what a client lacks, never replaces it
    custom: dict[str, Stored] = field(default_factory=dict)  # custom values by field key


@dataclass(frozen=True)
class Reading:
    """How a file's cells read: today (for dates), whether numbers use a decimal comma, and
    the custom fields its ``custom.KEY`` columns fill."""

    today: date
    decimal_comma: bool = False
    fields: Mapping[str, CustomField] = field(default_factory=dict)  # the custom fields by key
    own_export: bool = False  # kiaro wrote the file: every value is as kiaro keeps it


@dataclass
class Notes:
    """What cleaning a file has to say beyond errors: warnings, countries, unread stages."""

    warnings: list[str] = field(default_factory=list)
    countries: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # code, why not
    unread: Counter[tuple[str, str]] = field(default_factory=Counter)
    codes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (field, value): codes left out


def clean_row(line: int, raw: RawRow, reading: Reading, notes: Notes) -> Row:
    """A row cleaned by the field rules; raises InvalidValue naming every bad value."""
    name = raw.values.get("name") or raw.person
    if not name:
        raise InvalidValue("name is empty (no client and no person)")
    given = {
        key: raw.values[key] for key in sorted(raw.values.keys() & RULED_ORDER, key=RULED_ORDER.__getitem__)
    }
    given["name"] = name
    if raw.person:
        given["contact_person"] = raw.person
    _as_files_write_them(given, raw, notes, reading)
    extras = list(raw.extras)
    country = raw.address.get("country")
    if country:
        country = read_country(country, f"line {line}", notes, extras)
    if raw.address:
        given.update(_address_values(raw.address, country))
    extras += [(label, cells.one_line(parts)) for label, parts in raw.other_addresses]
    website = given.pop("website", None)
    if not given.get("status"):
        status = _status(raw.status_labels, notes)
        if status:
            given["status"] = status
    custom, problems = _custom(raw, reading)
    ctx = CleanContext(reading.today, country, past_follow_ups=True)
    _described(given, ctx, extras, notes.warnings, line)
    try:
        values = clean_client_values(given, ctx)
        check_dates(values.get("start_date"), values.get("end_date"))  # the row's own, told by its line
    except InvalidValue as error:
        problems = [*(error.details or [error.message]), *problems]
    cadence = _cadence(raw.values.get("cadence"), problems)
    if problems:
        raise InvalidValue("; ".join(problems), problems)
    values |= {"country": country, "cadence": cadence}
    kept = {"website": website, "phone": raw.values.get("phone")}
    for key, text in kept.items():
        if text:
            values[key], warning = (
                cells.import_phone(text, country) if key == "phone" else cells.import_website(text)
            )
            if warning:
                notes.warnings.append(f"line {line}: {warning}")
    person, unplaced = _person(values, raw, country)
    extras += unplaced
    if extras:
        values["notes"] = with_extras(values.get("notes"), extras)
    values = {key: value for key, value in values.items() if value is not None}
    stamps = {key: _stamp(raw.values[key], key) for key in STAMPS if raw.values.get(key)}
    if raw.values.get("last_interaction_at"):
        stamps["last_interaction_at"] = _day_or_stamp(raw.values["last_interaction_at"])
    tags = clean_tags(raw.tags)
    people = [person] if person else []
    return Row(line, values, tags, _flag(raw.values.get("archived", "")), stamps, people, custom=custom)


def _person(
    values: dict[str, object], raw: RawRow, country: str | None
) -> tuple[Person | None, list[tuple[str, str]]]:
    """The row's person, with every email and phone of the row labelled as its columns say;
    and the further ones left for the notes (all of them when the row names no person, or
    one that is no email or phone)."""
    further = [(said, value) for _, value, said, _ in raw.more_reach]
    if not values.get("contact_person"):
        return None, further
    job = clean_line(raw.job_title, "job title", limit=200) if raw.job_title else None
    email, phone = text_of(values.get("email")), text_of(values.get("phone"))
    reach: dict[str, list[Reach]] = {
        kind: [Reach(value, raw.first_labels.get(kind, DEFAULT_LABEL))] if value else []
        for kind, value in (("email", email), ("phone", phone))
    }
    unplaced = []
    for kind, value, said, label in raw.more_reach:
        try:
            cleaned = clean_reach(kind, value, country)
        except InvalidValue:
            unplaced.append((said, value))
            continue
        if not any(same_value(kind, known.value, cleaned) for known in reach[kind]):
            reach[kind].append(Reach(cleaned, label))
    person = Person(
        str(values["contact_person"]),
        email,
        phone,
        job,
        emails=tuple(reach["email"]),
        phones=tuple(reach["phone"]),
    )
    return person, unplaced


def _cadence(text: str | None, problems: list[str]) -> str | None:
    """A follow-up cadence as kiaro's export writes it (``6w``), read as ``--every`` reads
    it; one it cannot read is added to ``problems``."""
    try:
        return clean_cadence(text) if text else None
    except InvalidValue as error:
        problems.append(f"cadence: {error.message}")
        return None


def _as_files_write_them(given: dict[str, str], raw: RawRow, notes: Notes, reading: Reading) -> None:
    """What other programs write and people never type: a person with no organisation is
    an individual, a code is no word (left out, counted), a number in E notation written
    out, an amount with its currency sign."""
    if raw.individual and not given.get("kind"):
        given["kind"] = "individual"
    for key in () if reading.own_export else CODED:
        if given.get(key) and not any(c.isalpha() for c in given[key]):
            notes.codes[(key, given.pop(key))] += 1
    for key in NUMBERS:
        if given.get(key):
            given[key] = cells.plain_number(given[key])
    if given.get("value"):
        given["value"], currency = cells.amount(given["value"], decimal_comma=reading.decimal_comma)
        if currency and not given.get("currency"):
            given["currency"] = currency


def _described(
    given: dict[str, str], ctx: CleanContext, extras: list[tuple[str, str]], warnings: list[str], line: int
) -> None:
    """What describes a company, as its program took it (an industry, a revenue range, a
    size, a language, a time zone, a LinkedIn page): a value kiaro does not read is left
    out with a warning and kept in the notes, rather than refusing the row, since the
    file's own program accepted it."""
    for key in DESCRIBED:
        if given.get(key):
            try:
                CLIENT_FIELDS[key].clean(given[key], ctx)
            except InvalidValue as error:
                extras.append((CLIENT_FIELDS[key].label.capitalize(), given.pop(key)))
                warnings.append(f"line {line}: {error.message}; left out, kept in the notes")


def _address_values(address: Mapping[str, str], country: str | None) -> dict[str, str]:
    """The address fields a row's address gives: its lines, city, region and postal code."""
    line1, line2 = cells.street_lines(address, country)
    lines = {"address_line1": line1, "address_line2": line2}
    places = {key: address.get(key) for key in ("city", "region", "postal_code")}
    return {key: value for key, value in {**lines, **places}.items() if value}


def _custom(raw: RawRow, reading: Reading) -> tuple[dict[str, Stored], list[str]]:
    """A row's custom values by field key, and what is wrong with the others."""
    if not reading.fields:  # a file's custom columns name fields there are
        return {}, []
    found: dict[str, Stored] = {}
    problems: list[str] = []
    for name, text in raw.values.items():
        if name.startswith(CSV_PREFIX):
            key = name.removeprefix(CSV_PREFIX)
            try:
                fld = reading.fields[key]
                found[key] = clean_custom(fld, text, reading.today, decimal_comma=reading.decimal_comma)
            except InvalidValue as error:
                problems.append(error.message)
    return found, problems


def text_of(value: object) -> str | None:
    return str(value) if value else None


def read_country(text: str | None, where: str, notes: Notes, extras: list[tuple[str, str]]) -> str | None:
    """A row's country code; one kiaro cannot tell is left empty, with a warning, and its
    text kept among the row's further values."""
    if not text:
        return None
    if text not in notes.countries:
        notes.countries[text] = cells.import_country(text)
    code, warning = notes.countries[text]
    if warning:
        notes.warnings.append(f"{where}: {warning}")
        extras.append(("Country", text))
    return code


def _status(labels: Sequence[tuple[str, str]], notes: Notes) -> str | None:
    """The first stage or type that names a status; the others are counted for a note."""
    for _, label in labels:
        status = read_status(label)
        if status:
            return status
    for header, label in labels:
        notes.unread[(header, label)] += 1
    return None


def with_extras(text: object, extras: Sequence[tuple[str, str]]) -> str:
    """The notes with the row's further values under them, one a line ("Mobile Phone: …")."""
    lines = [str(text)] if text else []
    lines += [f"{label}: {value}" for label, value in extras]
    return clean_text("\n".join(lines), "notes", limit=MAX_NOTES) or ""


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise InvalidValue(f"archived must be true or false, not '{text}'")


def _stamp(text: str, key: str) -> str:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(f"{key} '{text}' is not an ISO timestamp (2026-11-23T09:30:00+00:00)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _day_or_stamp(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return _stamp(text, "last_interaction_at")
