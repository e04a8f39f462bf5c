"""Every table's rows as plain classes, for the write path. Written by
``python -m kiaro_cli.storage.row_classes`` from :mod:`kiaro_cli.storage.schema`, the one
schema (a test keeps them equal): do not edit by hand.

``ROW_CLASSES`` lists them parents first, the order new rows are inserted in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from kiaro_cli.storage.row import Row


@dataclass(kw_only=True, eq=False)
class Client(Row):
    TABLE: ClassVar[str] = "client"

    id: int | None = None
    name: str
    name_key: str
    legal_name: str | None = None
    legal_key: str | None = None
    code: str | None = None
    email: str | None = None
    phone: str | None = None
    industry: str | None = None
    website: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    currency: str | None = None
    vat_rate_bp: int | None = None
    vat_number: str | None = None
    status: str = "lead"
    value_cents: int | None = None
    start_date: str | None = None
    end_date: str | None = None
    notes: str | None = None
    source: str | None = None
    owner: str | None = None
    language: str | None = None
    timezone: str | None = None
    registration_number: str | None = None
    reference: str | None = None
    company_size: str | None = None
    annual_revenue: str | None = None
    linkedin: str | None = None
    tax_id: str | None = None
    internal: bool = False
    payment_terms_days: int | None = None
    invoice_email: str | None = None
    iban: str | None = None
    bic: str | None = None
    debtor_id: str | None = None
    minimum_rate_cents: int | None = None
    invoice_tolerance_cents: int | None = None
    financial_note: str | None = None
    follow_up_on: str | None = None
    last_followed_up_at: str | None = None
    last_interaction_at: str | None = None
    last_activity_at: str | None = None
    archived: bool = False
    search_text: str = ""
    created_at: str
    updated_at: str


@dataclass(kw_only=True, eq=False)
class CustomField(Row):
    TABLE: ClassVar[str] = "custom_field"

    id: int | None = None
    key: str
    type: str
    label: str | None = None
    choices: str | None = None
    created_at: str


@dataclass(kw_only=True, eq=False)
class Setting(Row):
    TABLE: ClassVar[str] = "setting"
    KEY: ClassVar[str] = "key"

    key: str
    value: str


@dataclass(kw_only=True, eq=False)
class Activity(Row):
    TABLE: ClassVar[str] = "activity"

    id: int | None = None
    client_id: int | None = None
    at: str
    kind: str
    detail: str
    data: str | None = None
    batch: str
    made_by: str | None = None


@dataclass(kw_only=True, eq=False)
class Address(Row):
    TABLE: ClassVar[str] = "address"

    id: int | None = None
    client_id: int
    kind: str = "office"
    label: str | None = None
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    is_default: bool = False
    created_at: str


@dataclass(kw_only=True, eq=False)
class Contact(Row):
    TABLE: ClassVar[str] = "contact"

    id: int | None = None
    client_id: int
    name: str
    given_name: str | None = None
    family_name: str | None = None
    email: str | None = None
    phone: str | None = None
    job_title: str | None = None
    role: str = "other"
    is_primary: bool = False
    created_at: str


@dataclass(kw_only=True, eq=False)
class CustomValue(Row):
    TABLE: ClassVar[str] = "custom_value"

    id: int | None = None
    client_id: int
    field_id: int
    value: str
    value_key: str
    value_number: float | None = None


@dataclass(kw_only=True, eq=False)
class Document(Row):
    TABLE: ClassVar[str] = "document"

    id: int | None = None
    client_id: int
    name: str
    kind: str = "other"
    note: str | None = None
    size: int
    sha256: str
    created_at: str


@dataclass(kw_only=True, eq=False)
class Event(Row):
    TABLE: ClassVar[str] = "event"

    id: int | None = None
    client_id: int
    text: str
    kind: str = "reminder"
    priority: str = "medium"
    due_on: str | None = None
    sticky: bool = False
    done_at: str | None = None
    created_at: str
    updated_at: str


@dataclass(kw_only=True, eq=False)
class Rate(Row):
    TABLE: ClassVar[str] = "rate"

    id: int | None = None
    client_id: int
    position: str
    position_key: str
    rate_cents: int
    overtime_cents: int | None = None
    currency: str | None = None
    created_at: str


@dataclass(kw_only=True, eq=False)
class Tag(Row):
    TABLE: ClassVar[str] = "tag"

    id: int | None = None
    client_id: int
    name: str
    key: str


@dataclass(kw_only=True, eq=False)
class Interaction(Row):
    TABLE: ClassVar[str] = "interaction"

    id: int | None = None
    client_id: int
    contact_id: int | None = None
    type: str
    occurred_at: str
    summary: str
    next_step: str | None = None
    created_at: str


ROW_CLASSES: tuple[type[Row], ...] = (
    Client,
    CustomField,
    Setting,
    Activity,
    Address,
    Contact,
    CustomValue,
    Document,
    Event,
    Rate,
    Tag,
    Interaction,
)
