"""Options shared by several commands, declared once.

Every option that takes a value names it in words (``--limit N``, ``--tag TAG``). Fixed
choices accept any case, spaces or hyphens and the words other tools use ("Decision
Maker", "prospect", ``--sort revenue``), and refuse anything else in one sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from kiaro_cli.core.fields import (
    INTERACTION_ALIASES,
    ROLE_ALIASES,
    SORT_ALIASES,
    STATUS_ALIASES,
    pick_choice,
)


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


class OnDuplicate(StrEnum):
    error = "error"
    skip = "skip"
    update = "update"


Choice = TypeVar("Choice", bound=StrEnum)
MAX_LIMIT = 2**31 - 1


def refusal(template: str, **context: Any) -> Exception:
    """A refused value Typer shows as one sentence (a ValueError would read "Value error, …")."""
    from pydantic_core import PydanticCustomError

    return PydanticCustomError("kiaro", template, context)


def choice_parser(kind: type[Choice], aliases: Mapping[str, str] | None = None) -> Callable[[Any], Choice]:
    """Parse one of ``kind``'s values (any case, or an alias) into the enum member."""
    values = [member.value for member in kind]

    def parse(text: Any) -> Choice:
        if isinstance(text, kind):
            return text
        picked = pick_choice(str(text), values, aliases or {})
        if picked is None:
            raise refusal("'{text}' is not one of {choices}", text=str(text), choices=", ".join(values))
        return kind(picked)

    return parse


def choice_option(
    kind: type[StrEnum], *decls: str, help: str, aliases: Mapping[str, str] | None = None
) -> Any:
    """An option whose value is one of ``kind``'s, shown as ``[a|b|c]``."""
    metavar = "[" + "|".join(member.value for member in kind) + "]"
    return typer.Option(*decls, parser=choice_parser(kind, aliases), metavar=metavar, help=help)


def whole_number(low: int, high: int | None = None) -> Callable[[Any], int]:
    """Parse a whole number from ``low`` (to ``high``, when there is a limit)."""

    def parse(text: Any) -> int:
        value = str(text).strip()
        if not value.isdigit() or int(value) < low or (high is not None and int(value) > high):
            if high is None:
                raise refusal("'{text}' is not an id", text=value)
            raise refusal(
                "'{text}' is not a whole number from {low} to {high}", text=value, low=low, high=high
            )
        return int(value)

    return parse


FormatOpt = Annotated[Format, choice_option(Format, "--format", "-f", help="Output format.")]
ExportFormatOpt = Annotated[ExportFormat, choice_option(ExportFormat, "--format", "-f", help="File format.")]
DraftFormatOpt = Annotated[
    DraftFormat, choice_option(DraftFormat, "--format", "-f", help="text (default) or json.")
]
StatusesOpt = Annotated[
    list[Status] | None,
    choice_option(Status, "--status", aliases=STATUS_ALIASES, help="Only this status (repeat for several)."),
]
SortOpt = Annotated[Sort, choice_option(Sort, "--sort", aliases=SORT_ALIASES, help="Sort order.")]
RoleOpt = Annotated[
    Role | None, choice_option(Role, "--role", aliases=ROLE_ALIASES, help="Role at the client.")
]
TypeOpt = Annotated[
    InteractionType,
    choice_option(InteractionType, "--type", "-t", aliases=INTERACTION_ALIASES, help="What kind of contact."),
]
TypesOpt = Annotated[
    list[InteractionType] | None,
    choice_option(
        InteractionType,
        "--type",
        "-t",
        aliases=INTERACTION_ALIASES,
        help="Only this type (repeat for several).",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the id(s).")]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        parser=whole_number(1, MAX_LIMIT),
        help="At most N rows (tables: 50 by default).",
    ),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do it without asking.")]
NoInputOpt = Annotated[bool, typer.Option("--no-input", help="Never prompt; fail naming what is missing.")]
ClientArg = Annotated[
    str, typer.Argument(metavar="CLIENT", help="Client id, code, name or a unique part of a name.")
]
StatusArg = Annotated[
    Status,
    typer.Argument(
        metavar="STATUS",
        parser=choice_parser(Status, STATUS_ALIASES),
        help="lead, active, inactive or past (prospect and potential are leads).",
    ),
]
OptionalClientArg = Annotated[
    str | None,
    typer.Argument(metavar="CLIENT", help="Only this client (default: every current client)."),
]


def id_argument(help: str) -> Any:
    """An id argument: a whole number, refused in one sentence otherwise."""
    return typer.Argument(metavar="ID", parser=whole_number(0), help=help)


def text_option(decl: str, metavar: str, help: str) -> Any:
    """An option that takes one value, named ``metavar`` in the help."""
    return typer.Option(decl, metavar=metavar, help=help)


# Client fields, shared by `client add` and `client edit`.
Name = Annotated[str | None, text_option("--name", "NAME", "Display name (1–200 characters).")]
LegalName = Annotated[
    str | None, text_option("--legal-name", "NAME", "Legal/billing entity used on billing output.")
]
Code = Annotated[str | None, text_option("--code", "CODE", "Short unique handle, 2–8 letters/digits.")]
Contact = Annotated[str | None, text_option("--contact", "NAME", "Primary contact's name.")]
Email = Annotated[str | None, text_option("--email", "EMAIL", "Email address.")]
Phone = Annotated[str | None, text_option("--phone", "PHONE", "Phone number, e.g. '+31 20 123 4567'.")]
Address = Annotated[str | None, text_option("--address", "TEXT", "Billing address, line 1.")]
Address2 = Annotated[str | None, text_option("--address2", "TEXT", "Billing address, line 2.")]
City = Annotated[str | None, text_option("--city", "CITY", "City.")]
Region = Annotated[str | None, text_option("--region", "REGION", "State, province or region.")]
PostalCode = Annotated[str | None, text_option("--postal-code", "CODE", "Postal code.")]
Country = Annotated[
    str | None, text_option("--country", "COUNTRY", "Country name or ISO code ('Netherlands', 'NL').")
]
Industry = Annotated[str | None, text_option("--industry", "INDUSTRY", "Industry, free text.")]
Website = Annotated[str | None, text_option("--website", "URL", "http(s) address.")]
Currency = Annotated[
    str | None, text_option("--currency", "CODE", "ISO 4217 code; empty = workspace default.")
]
VatRate = Annotated[str | None, text_option("--vat-rate", "RATE", "VAT rate in percent, 0–100.")]
VatNumber = Annotated[str | None, text_option("--vat-number", "NUMBER", "VAT or tax number.")]
StatusOpt = Annotated[
    Status | None, choice_option(Status, "--status", aliases=STATUS_ALIASES, help="Pipeline status.")
]
Value = Annotated[
    str | None, text_option("--value", "AMOUNT", "Lifetime or contract value ≥ 0: 1250 or 1250.50.")
]
Start = Annotated[str | None, text_option("--start", "WHEN", "Start date (ISO or a phrase).")]
End = Annotated[str | None, text_option("--end", "WHEN", "End date (ISO or a phrase).")]
Notes = Annotated[
    str | None, text_option("--notes", "TEXT", "Private notes; drafts quote only a line starting 'Shared:'.")
]
Source = Annotated[
    str | None,
    text_option(
        "--source", "SOURCE", "Where the client came from: referral, website, social, repeat, other…"
    ),
]
FollowUp = Annotated[
    str | None, text_option("--follow-up", "WHEN", "Follow-up date: 2w, 1m, 'next friday', 2026-10-15.")
]
Tags = Annotated[list[str] | None, text_option("--tag", "TAG", "A tag (repeat, or 'design, web').")]
AllowDuplicate = Annotated[
    bool, typer.Option("--allow-duplicate", help="Go ahead even if a client has the same name.")
]
