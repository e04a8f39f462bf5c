"""Options shared by several commands, declared once."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class DraftFormat(StrEnum):
    text = "text"
    json = "json"


class Status(StrEnum):
    lead = "lead"
    active = "active"
    inactive = "inactive"
    past = "past"


class Role(StrEnum):
    decision_maker = "decision-maker"
    project_manager = "project-manager"
    finance = "finance"
    technical_lead = "technical-lead"
    other = "other"


class InteractionType(StrEnum):
    call = "call"
    email = "email"
    meeting = "meeting"
    text = "text"
    note = "note"


class Sort(StrEnum):
    name = "name"
    value = "value"
    activity = "activity"
    created = "created"
    follow_up = "follow-up"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")]
DraftFormatOpt = Annotated[
    DraftFormat, typer.Option("--format", "-f", case_sensitive=False, help="text (default) or json.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the id(s).")]
MAX_LIMIT = 2**31 - 1
LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", "-n", min=1, max=MAX_LIMIT, help="At most N rows (tables: 50 by default)."),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do it without asking.")]
NoInputOpt = Annotated[bool, typer.Option("--no-input", help="Never prompt; fail naming what is missing.")]
ClientArg = Annotated[
    str, typer.Argument(metavar="CLIENT", help="Client id, code, name or a unique part of a name.")
]

# Client fields, shared by `client add` and `client edit`.
Name = Annotated[str | None, typer.Option("--name", help="Display name (1–200 characters).")]
LegalName = Annotated[
    str | None, typer.Option("--legal-name", help="Legal/billing entity used on billing output.")
]
Code = Annotated[str | None, typer.Option("--code", help="Short unique handle, 2–8 letters/digits.")]
Contact = Annotated[str | None, typer.Option("--contact", help="Primary contact's name.")]
Email = Annotated[str | None, typer.Option("--email", help="Email address.")]
Phone = Annotated[str | None, typer.Option("--phone", help="Phone number, e.g. '+31 20 123 4567'.")]
Address = Annotated[str | None, typer.Option("--address", help="Billing address, line 1.")]
Address2 = Annotated[str | None, typer.Option("--address2", help="Billing address, line 2.")]
City = Annotated[str | None, typer.Option("--city", help="City.")]
Region = Annotated[str | None, typer.Option("--region", help="State, province or region.")]
PostalCode = Annotated[str | None, typer.Option("--postal-code", help="Postal code.")]
Country = Annotated[
    str | None, typer.Option("--country", help="Country name or ISO code ('Netherlands', 'NL').")
]
Industry = Annotated[str | None, typer.Option("--industry", help="Industry, free text.")]
Website = Annotated[str | None, typer.Option("--website", help="http(s) address.")]
Currency = Annotated[str | None, typer.Option("--currency", help="ISO 4217 code; empty = workspace default.")]
VatRate = Annotated[str | None, typer.Option("--vat-rate", help="VAT rate in percent, 0–100.")]
VatNumber = Annotated[str | None, typer.Option("--vat-number", help="VAT or tax number.")]
StatusOpt = Annotated[Status | None, typer.Option("--status", case_sensitive=False, help="Pipeline status.")]
Value = Annotated[str | None, typer.Option("--value", help="Lifetime or contract value (≥ 0).")]
Start = Annotated[str | None, typer.Option("--start", help="Start date (ISO or a phrase).")]
End = Annotated[str | None, typer.Option("--end", help="End date (ISO or a phrase).")]
Notes = Annotated[str | None, typer.Option("--notes", help="Free-text notes.")]
Source = Annotated[
    str | None,
    typer.Option("--source", help="Where the client came from: referral, website, social, repeat, other…"),
]
FollowUp = Annotated[
    str | None, typer.Option("--follow-up", help="Follow-up date: 2w, 1m, 'next friday', 2026-10-15.")
]
Tags = Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeat for more).")]
AllowDuplicate = Annotated[
    bool, typer.Option("--allow-duplicate", help="Add even if a client has the same name.")
]
