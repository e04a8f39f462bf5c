"""Plain records the core returns, and the rules derived from stored values.

The derived rules (missing invoice-ready fields, effective currency and VAT, the
cross-border hint, status context) are pure functions here, so every read path and
the write path share them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any

from kiaro_cli.core.reach import Reach, listed
from kiaro_cli.declarations import HUNDREDTHS, Field
from kiaro_cli.declarations.client import CLIENT, INVOICE_READY
from kiaro_cli.declarations.contact import CONTACT
from kiaro_cli.errors import Conflict

DOCUMENT_SIZE_LIMIT = 100 * 1024 * 1024  # bytes: the largest document kept, unless a setting says

CLIENT_KEYS = CLIENT.keys  # the JSON object of a client, in order


def client_columns(custom_keys: Iterable[str]) -> tuple[str, ...]:
    """The columns of clients in a CSV file: the contract's keys, then each custom field
    as ``custom.KEY``."""
    return (*(key for key in CLIENT_KEYS if key != "custom"), *(f"custom.{key}" for key in custom_keys))


CONTACT_KEYS = CONTACT.keys  # the JSON object of a contact, in order
STATUS_CONTEXT = {
    "lead": "Lead",
    "active": "Client",
    "inactive": "Inactive client",
    "past": "Past client",
}


INVOICE_PREFIX = "INV"  # the invoice-prefix setting when unset
QUIET_MONTHS = 12  # months without an interaction before home says a client went quiet
DATES_AHEAD_DAYS = 7  # days ahead that birthdays and dates show on the home screen, unless a setting says


@dataclass(frozen=True)
class Settings:
    """Workspace settings of one database."""

    default_currency: str | None = None
    default_vat_rate: Decimal | None = None
    home_country: str | None = None
    owner_name: str | None = None
    default_payment_terms: int | None = None
    quiet_months: int = QUIET_MONTHS
    document_size_limit: int = DOCUMENT_SIZE_LIMIT  # bytes
    documents_folder: str | None = None  # where documents live (else beside the database file)
    invoice_prefix: str = INVOICE_PREFIX  # numbers the invoices of clients without a code
    business_name: str | None = None  # the business block of a printed invoice
    business_address: str | None = None
    business_vat_number: str | None = None
    business_iban: str | None = None
    dates_ahead_days: int = DATES_AHEAD_DAYS  # how far ahead birthdays and dates show on the home screen

    @classmethod
    def from_pairs(cls, pairs: Mapping[str, str]) -> Settings:
        """The settings stored; a number ``settings set`` would refuse (a restored row, a
        teammate's) reads as unset, and ``kiaro db check`` names it."""
        return cls(
            default_currency=pairs.get("default-currency"),
            default_vat_rate=_stored_number(pairs.get("default-vat-rate"), Decimal, 0, 100),  # not NaN
            home_country=pairs.get("home-country"),
            owner_name=pairs.get("owner-name"),
            default_payment_terms=_stored_number(pairs.get("default-payment-terms"), int, 0, 365),
            quiet_months=_or(_stored_number(pairs.get("quiet-months"), int, 1, 120), QUIET_MONTHS),
            document_size_limit=_or(
                _stored_number(pairs.get("document-size-limit"), int, 1, 2**34), DOCUMENT_SIZE_LIMIT
            ),
            documents_folder=pairs.get("documents-folder"),
            invoice_prefix=pairs.get("invoice-prefix") or INVOICE_PREFIX,
            business_name=pairs.get("business-name"),
            business_address=pairs.get("business-address"),
            business_vat_number=pairs.get("business-vat-number"),
            business_iban=pairs.get("business-iban"),
            dates_ahead_days=_or(
                _stored_number(pairs.get("dates-ahead-days"), int, 0, 366), DATES_AHEAD_DAYS
            ),
        )


def _or(value: int | None, otherwise: int) -> int:
    return otherwise if value is None else value


def _stored_number(text: str | None, kind: Callable[[str], Any], least: int, most: int) -> Any:
    """A stored setting's number within ``least`` and ``most``; None for anything else."""
    try:
        number = kind(text) if text else None
        return number if number is not None and least <= number <= most else None
    except (ValueError, ArithmeticError):  # "abc", and NaN, which compares with nothing
        return None


@dataclass(frozen=True)
class ContactRecord:
    """A contact: every field of its declaration but the storage's own, typed."""

    id: int
    client_id: int
    name: str
    email: str | None
    phone: str | None
    job_title: str | None
    role: str
    primary: bool
    birthday: str | None = None  # YYYY-MM-DD, or --MM-DD without the year
    last_interaction_at: str | None = None  # the latest interaction logged with this person
    given_name: str | None = None  # as given (--given, a vCard's N); not in the JSON contract
    family_name: str | None = None
    emails: tuple[Reach, ...] = ()  # every email with its label, the first being ``email``
    phones: tuple[Reach, ...] = ()

    @classmethod
    def from_row(cls, row: Mapping[str, Any], reach: Iterable[Mapping[str, Any]] = ()) -> ContactRecord:
        """The record of a row of the contact queries and its rows of labelled emails and
        phones (core/reach.py): each field its declaration gives."""
        values = {declared.key: stored_value(declared, row) for declared in CONTACT.read_fields}
        rows = list(reach)
        values["emails"] = listed(values["email"], rows, "email")
        values["phones"] = listed(values["phone"], rows, "phone")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        values = {key: getattr(self, key) for key in CONTACT_KEYS}
        values["emails"] = [entry.to_dict("email") for entry in self.emails]
        values["phones"] = [entry.to_dict("phone") for entry in self.phones]
        return values


@dataclass(frozen=True)
class ClientRecord:
    """A client as every command shows it: stored fields plus derived ones.

    ``values`` is the whole object of the contract, every key its declaration gives
    (``record["owner"]``). The attributes below are the fields rules read by name, typed
    for the checker; a test holds each to its declaration. A new field needs no attribute
    until a rule reads it by name.
    """

    values: Mapping[str, Any]
    id: int
    name: str
    legal_name: str | None
    code: str | None
    email: str | None
    phone: str | None
    contact_person: str | None
    industry: str | None
    website: str | None
    address_line1: str | None
    address_line2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None
    currency: str | None
    vat_rate: Decimal | None
    vat_number: str | None
    status: str
    value: Decimal | None
    start_date: str | None
    end_date: str | None
    notes: str | None
    source: str | None
    invoice_email: str | None
    follow_up_on: str | None
    last_followed_up_at: str | None
    last_interaction_at: str | None
    last_activity_at: str | None
    archived: bool
    created_at: str
    updated_at: str
    tags: tuple[str, ...] = ()
    effective_currency: str | None = None
    effective_vat_rate: Decimal = Decimal(0)
    currency_from_default: bool = False
    vat_rate_from_default: bool = False
    missing_fields: tuple[str, ...] = field(default=())
    custom: Mapping[str, Any] = field(default_factory=dict)  # custom field key → value (None: unset)

    def __getitem__(self, key: str) -> Any:
        """The value of a key of the contract."""
        return self.values[key]

    @property
    def billing_name(self) -> str:
        """The name on invoices and billing exports: the legal name when set."""
        return self.legal_name or self.name

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the contract, keys in the contract's order (as ``values`` has
        them: :func:`client_values` makes them so)."""
        values = dict(self.values)
        values["tags"] = list(self.tags)
        values["missing_fields"] = list(self.missing_fields)
        values["custom"] = dict(self.custom)
        return values


# The attributes of a record that are keys of the contract.
NAMED = tuple(f.name for f in fields(ClientRecord) if f.name in CLIENT.by_key)
_NAMED_VALUES = itemgetter(*NAMED)
# Money fields and the columns that store them as integers of hundredths.
MONEY_COLUMNS = {f.key: str(f.column_name) for f in CLIENT.stored if f.unit == "cents"}


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def whole(value: Any) -> int | None:
    """A stored whole number (PostgreSQL gives a sum of them as a Decimal); None for anything
    else a restored row or a teammate's may hold in its column (text, a float past 64 bits),
    which ``kiaro db check`` names."""
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return None


def stored_day(value: Any) -> date | None:
    """A stored day (YYYY-MM-DD, as kiaro writes it); None for anything else a row may hold
    there (``2026-02-30``, ``soon``, a week day ``2026-W49-1``), which ``kiaro db check`` names."""
    if not (isinstance(value, str) and _DAY.fullmatch(value)):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def stored_date(value: Any) -> str | None:
    """A stored day as the contract gives it (YYYY-MM-DD); None for anything else a restored
    row or a teammate's may hold there, so that every screen shows the rest."""
    return value if value is None or stored_day(value) is not None else None


def stored_moment(value: Any) -> str | None:
    """A stored moment (ISO 8601, beginning with its day) as the contract gives it; None for
    anything else a row may hold there (``soon``, ``2026-02-30T10:00``, a number)."""
    if not (isinstance(value, str) and _DAY.match(value)):
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return None
    return value


def hundredths(value: Any) -> Decimal | None:
    """A stored integer of hundredths as an exact Decimal (None: not a whole number)."""
    cents = whole(value)
    return None if cents is None else Decimal(cents).scaleb(-2).normalize() + Decimal(0)


def thousandths(value: Any) -> Decimal | None:
    """A stored integer of thousandths (a quantity) as an exact Decimal (None: not a whole number)."""
    milli = whole(value)
    return None if milli is None else Decimal(milli).scaleb(-3).normalize() + Decimal(0)


# How a stored value of a unit becomes the contract's (the others are as stored).
_FROM_STORED: dict[str, Callable[[Any], Any]] = {
    "date": stored_date,
    "cents": hundredths,
    "basis points": hundredths,
    "quantity": thousandths,
    "bool": bool,
}
# Each key of the client's contract: the column (or joined value) it is read from, and how.
_READS = tuple(
    (f.key, f.column_name or f.key, _FROM_STORED.get(f.unit) if f.column_name else None)
    for f in CLIENT.fields
    if f.contract
)


def to_hundredths(value: Decimal) -> int:
    """An exact Decimal as stored: an integer of hundredths."""
    return int(value.scaleb(2))


def client_values(
    row: Mapping[str, Any],
    tags: Sequence[str],
    settings: Settings,
    custom: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The client object of the contract (keys in order) for a row of the client queries,
    with its custom values (every field's key; None when unset)."""
    values = {
        key: row.get(column) if convert is None else convert(row.get(column))
        for key, column, convert in _READS
    }
    for declared in CLIENT.derived:
        assert declared.effective is not None
        values[declared.key] = effective_value(declared, values[declared.effective.own], settings)
    values["tags"] = list(tags)
    values["missing_fields"] = list(missing_fields(row))
    values["custom"] = dict(custom or {})
    return values


def stored_value(declared: Field, row: Mapping[str, Any]) -> Any:
    """A field's value as the contract gives it, from a row of the client queries."""
    column = declared.column_name
    if column is None:
        return row.get(declared.key)
    value = row.get(column)
    convert = _FROM_STORED.get(declared.unit)
    return value if convert is None else convert(value)


def effective_value(declared: Field, own: Any, settings: Settings) -> Any:
    """A derived field's value: its own field's when set, else the workspace setting, else
    what it is otherwise."""
    assert declared.effective is not None
    if own not in (None, ""):
        return own
    default = getattr(settings, declared.effective.setting)
    otherwise = declared.effective.otherwise
    if default is None and otherwise is not None:
        return Decimal(otherwise) if declared.unit in HUNDREDTHS else otherwise
    return default


def effective_defaults(settings: Settings) -> dict[str, Any]:
    """What each derived field is for a client without a value of its own."""
    return {declared.key: effective_value(declared, None, settings) for declared in CLIENT.derived}


def client_from_row(
    row: Mapping[str, Any],
    tags: tuple[str, ...],
    settings: Settings,
    custom: Mapping[str, Any] | None = None,
) -> ClientRecord:
    """Build a record from a row of the client queries, deriving what is derived."""
    values = client_values(row, tags, settings, custom)
    values["tags"], values["missing_fields"] = tags, tuple(values["missing_fields"])
    record = object.__new__(ClientRecord)
    # What __init__ would set, set at once: a frozen dataclass's __init__ sets each of its
    # forty fields through object.__setattr__, as long again as reading the client's row.
    record.__dict__.update(
        zip(NAMED, _NAMED_VALUES(values), strict=True),
        values=values,
        currency_from_default=effective_currency(row["currency"], settings)[1],
        vat_rate_from_default=effective_vat_rate(values["vat_rate"], settings)[1],
    )
    return record


def missing_fields(values: Mapping[str, Any]) -> tuple[str, ...]:
    """The invoice-ready fields that are empty, in the contract's order."""
    return tuple(key for key in INVOICE_READY if not values.get(key))


def effective_currency(own: str | None, settings: Settings) -> tuple[str | None, bool]:
    """The client's currency, else the workspace default; and whether it is the default."""
    if own:
        return own, False
    return settings.default_currency, settings.default_currency is not None


def effective_vat_rate(own: Decimal | None, settings: Settings) -> tuple[Decimal, bool]:
    """The client's VAT rate, else the workspace default, else 0; and whether defaulted."""
    if own is not None:
        return own, False
    if settings.default_vat_rate is not None:
        return settings.default_vat_rate, True
    return Decimal(0), True


def cross_border_hint(client: ClientRecord, settings: Settings) -> str | None:
    """A reverse-charge hint for a client abroad with a VAT number (never applied)."""
    if not (settings.home_country and client.country and client.vat_number):
        return None
    if client.country == settings.home_country:
        return None
    return (
        f"{client.country} is not your home country ({settings.home_country}) and the client "
        "has a VAT number: reverse charge may apply (0% VAT plus a note on the invoice). "
        "Check with your accountant; nothing was changed."
    )


def status_context(status: str) -> str:
    """How a status reads on cards: Lead, Client, Inactive client, Past client (a status
    kiaro does not know, from a restored row or a teammate's, reads as Client)."""
    return STATUS_CONTEXT.get(status, "Client")


def refuse_follow_up_if_archived(client: ClientRecord) -> None:
    """An archived client is never due, so a follow-up set on it would never be shown:
    refused, saying how to bring the client back."""
    if client.archived:
        raise Conflict(f"{client.name} is archived; unarchive it first: kiaro client unarchive {client.id}")
