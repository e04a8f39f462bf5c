"""The tables, defined once as SQLModel classes (a declared record's built from its declaration).

Ids are never reused: on SQLite the tables whose ids people and scripts hold (clients,
contacts, interactions, history) use AUTOINCREMENT, so a deleted row's id is never given
again; PostgreSQL sequences never go back.

Dates are stored as ``YYYY-MM-DD`` text and timestamps as ISO 8601 text with their UTC
offset, so both read drivers return the same values and both databases sort them
alike. Money and rates are integers of hundredths (exact, portable).
"""

from __future__ import annotations

import types
from typing import Any

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, UniqueConstraint, false, text
from sqlmodel import Field, SQLModel

from kiaro_cli.declarations import COLUMN_SUFFIX, Record
from kiaro_cli.declarations.address import ADDRESS
from kiaro_cli.declarations.client import CLIENT
from kiaro_cli.declarations.client_date import CLIENT_DATE
from kiaro_cli.declarations.contact import CONTACT
from kiaro_cli.declarations.document import DOCUMENT
from kiaro_cli.declarations.event import EVENT
from kiaro_cli.declarations.interaction import INTERACTION
from kiaro_cli.declarations.invoice import INVOICE, INVOICE_LINE
from kiaro_cli.declarations.payment import PAYMENT
from kiaro_cli.declarations.project import PROJECT
from kiaro_cli.declarations.quote import QUOTE
from kiaro_cli.declarations.rate import RATE
from kiaro_cli.declarations.reach import REACH
from kiaro_cli.storage.queries import COMPLETE, LACKING

NEVER_REUSED_IDS = {"sqlite_autoincrement": True}
UNPAID = "paid_cents < gross_cents"  # an invoice with something still to pay
# When a client was last heard from: its last interaction, else the day it was added.
# queries.QUIET_CONDITION compares the same expression, which this index serves.
# The day of the year a date falls on, MM-DD, whether kept with its year or as --MM-DD (a
# birthday without one); date_queries.DAY_OF_YEAR compares the same expression, which the
# indexes of birthdays and client dates serve.
DAY_OF_YEAR = "substr({0}, length({0}) - 4, 5)"
LAST_HEARD_FROM = "coalesce(last_interaction_at, substr(created_at, 1, 10))"


# Amounts, rates and quantities as integers of hundredths or thousandths: 64 bits on a server
# (PostgreSQL's INTEGER stops at 21,474,836.47), INTEGER on SQLite, whose integers are 64 bits.
WIDE = BigInteger().with_variant(Integer(), "sqlite")


def declared_table(record: Record, class_name: str, table_args: tuple[Any, ...]) -> type[SQLModel]:
    """The SQLModel table of a record declaration: one column a stored field, in its order,
    of the Python type its unit gives (an amount a 64-bit integer); NULL allowed unless the
    field is required or has a default."""
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {
        "__module__": __name__,
        "__qualname__": class_name,
        "__tablename__": record.table,
        "__table_args__": table_args,
    }
    for declared in record.stored:
        name, python = str(declared.column_name), declared.python_type
        options: dict[str, Any] = {"sa_type": WIDE} if declared.unit in COLUMN_SUFFIX else {}
        if declared.unit == "id":
            annotations[name], namespace[name] = python | None, Field(default=None, primary_key=True)
        elif declared.references:  # deleted with the row it points to, or emptied
            annotations[name] = python if declared.required else python | None
            pointer = ForeignKey(declared.references, ondelete=declared.on_delete)
            column = Column(Integer, pointer, nullable=not declared.required)
            namespace[name] = Field(sa_column=column) if declared.required else Field(None, sa_column=column)
        elif declared.required:
            annotations[name] = python
            if options:
                namespace[name] = Field(**options)
        elif declared.default is None:
            annotations[name] = python | None
            if declared.unique:  # a number kept once, when it has one
                options["unique"] = True
            namespace[name] = Field(default=None, **options) if options else None
        else:
            annotations[name] = python
            if declared.server_default:
                server = false() if declared.default is False else str(declared.default)
                options["sa_column_kwargs"] = {"server_default": server}
            namespace[name] = Field(default=declared.default, **options) if options else declared.default
    namespace["__annotations__"] = annotations
    return types.new_class(class_name, (SQLModel,), {"table": True}, lambda ns: ns.update(namespace))


Client = declared_table(
    CLIENT,
    "Client",
    (
        Index("ix_client_status", "status"),
        Index("ix_client_follow_up_on", "follow_up_on"),
        Index("ix_client_name_key", "name_key"),
        Index("ix_client_legal_key", "legal_key"),
        Index("ix_client_email", "email"),
        # What the home screen counts and listings page through, whatever the number of
        # clients: current clients (archived = false) by name, status, follow-up day and
        # last contact, each read from the index alone.
        Index("ix_client_archived_name", "archived", "name_key"),
        Index("ix_client_archived_status", "archived", "status"),
        Index("ix_client_archived_follow_up", "archived", "follow_up_on"),
        Index("ix_client_archived_heard_from", "archived", text(LAST_HEARD_FROM)),
        # The clients lacking a field an invoice needs, and those with all of them: the home
        # screen counts them from these alone (queries.COUNT_MISSING).
        Index("ix_client_lacking", "archived", sqlite_where=text(LACKING), postgresql_where=text(LACKING)),
        Index("ix_client_complete", "archived", sqlite_where=text(COMPLETE), postgresql_where=text(COMPLETE)),
        NEVER_REUSED_IDS,
    ),
)


Contact = declared_table(
    CONTACT,
    "Contact",
    (
        Index("ix_contact_client", "client_id"),
        # upcoming birthdays, read by the day of the year (the last five characters: MM-DD)
        Index("ix_contact_birthday", text(DAY_OF_YEAR.format("birthday"))),
        NEVER_REUSED_IDS,
    ),
)

# A contact's labelled emails and phones, in order: the first of each kind is also the
# contact's own ``email``/``phone``. A contact whose only email (or phone) is labelled
# work, or who has none, has no row of that kind: its own field says it all.
ContactReach = declared_table(
    REACH,
    "ContactReach",
    (Index("ix_contact_reach_contact", "contact_id", "kind", "position"), NEVER_REUSED_IDS),
)


# One of a client's addresses. The default one is also the client's own ``address_*``
# columns, which every listing, export and rule reads; a client whose only address is its
# own has no row here until a second is added.
Address = declared_table(ADDRESS, "Address", (Index("ix_address_client", "client_id"), NEVER_REUSED_IDS))


# What a client pays for a position (an hour of a designer, say): regular and overtime.
Rate = declared_table(
    RATE,
    "Rate",
    (UniqueConstraint("client_id", "position_key", name="uq_rate_client_position"), NEVER_REUSED_IDS),
)


# A note or reminder on a client, open until done.
Event = declared_table(
    EVENT,
    "Event",
    (
        Index("ix_event_client", "client_id"),
        Index("ix_event_open_due", "done_at", "due_on"),
        NEVER_REUSED_IDS,
    ),
)


# A file kept with a client: the store names it by its content's SHA-256.
Document = declared_table(
    DOCUMENT,
    "Document",
    (Index("ix_document_client", "client_id"), Index("ix_document_sha256", "sha256"), NEVER_REUSED_IDS),
)


# A piece of work for a client, open while planned, active or on hold.
Project = declared_table(
    PROJECT,
    "Project",
    (
        Index("ix_project_client", "client_id"),
        Index("ix_project_status", "status", "deadline"),
        NEVER_REUSED_IDS,
    ),
)


# A proposal to a client, numbered Q-YYYY-NNN unless given a number.
Quote = declared_table(
    QUOTE,
    "Quote",
    (Index("ix_quote_client", "client_id"), Index("ix_quote_project", "project_id"), NEVER_REUSED_IDS),
)


# An invoice: a draft until issued, then numbered and locked. Its number is unique (drafts
# have none). What is still owed is read by due day from ix_invoice_unpaid; what client
# list asks of a client's invoices (revenue in a currency, something outstanding or
# overdue) is read from ix_invoice_paid alone; the currencies paid in, from
# ix_invoice_currency, one step a currency; what a project has invoiced (its open invoices
# in its currency), from ix_invoice_project alone: with the project only, the planner took
# ix_invoice_currency and read every open invoice in that currency for each project.
Invoice = declared_table(
    INVOICE,
    "Invoice",
    (
        Index("ix_invoice_paid", "client_id", "state", "currency", "paid_cents", "gross_cents", "due_on"),
        # What is still owed, by due day: overdue invoices on the home screen and in lists
        # (a page of them ordered by issue day from the index alone), however many paid ones.
        Index(
            "ix_invoice_unpaid",
            "state",
            "due_on",
            "client_id",
            "issued_on",
            sqlite_where=text(UNPAID),
            postgresql_where=text(UNPAID),
        ),
        Index("ix_invoice_project", "project_id", "state", "currency", "gross_cents"),
        Index("ix_invoice_currency", "state", "currency", "paid_cents"),
        NEVER_REUSED_IDS,
    ),
)


InvoiceLine = declared_table(
    INVOICE_LINE, "InvoiceLine", (Index("ix_invoice_line_invoice", "invoice_id", "position"),)
)


# A payment of an invoice, in its currency.
Payment = declared_table(
    PAYMENT,
    "Payment",
    (
        Index("ix_payment_invoice", "invoice_id"),
        Index("ix_payment_client", "client_id", "paid_on"),
        NEVER_REUSED_IDS,
    ),
)


# A date of a client that matters (a renewal, an anniversary), once or every year; the
# upcoming ones are read by the day of the year they fall on.
ClientDate = declared_table(
    CLIENT_DATE,
    "ClientDate",
    (
        Index("ix_client_date_client", "client_id"),
        Index("ix_client_date_day", text(DAY_OF_YEAR.format("falls_on"))),
        Index("ix_client_date_falls_on", "falls_on"),
        NEVER_REUSED_IDS,
    ),
)


class LedgerNumber(SQLModel, table=True):
    """The last number given in a series: a prefix and a year (``INV-2026``, ``Q-2026``).
    It grows with each number given; undo takes it back only while the undone number is
    still the last (see ``changes.take_back``), so no number is given to two rows."""

    __tablename__ = "ledger_number"

    series: str = Field(primary_key=True)
    last: int


class CustomField(SQLModel, table=True):
    """A field the user added to every client: its key, type, label and choices."""

    __tablename__ = "custom_field"
    __table_args__ = (NEVER_REUSED_IDS,)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    type: str  # text, number, date, choice or bool
    label: str | None = None
    choices: str | None = None  # a choice field's choices, one a line
    created_at: str


class CustomValue(SQLModel, table=True):
    """One client's value of a custom field: as shown (``value``), folded for matching
    (``value_key``) and, for a number, as a number for comparing (``value_number``)."""

    __tablename__ = "custom_value"
    __table_args__ = (
        UniqueConstraint("client_id", "field_id", name="uq_custom_value_client_field"),
        Index("ix_custom_value_field", "field_id", "value_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(
        sa_column=Column(Integer, ForeignKey("client.id", ondelete="CASCADE"), nullable=False)
    )
    field_id: int = Field(
        sa_column=Column(Integer, ForeignKey("custom_field.id", ondelete="CASCADE"), nullable=False)
    )
    value: str
    value_key: str
    value_number: float | None = None


class Tag(SQLModel, table=True):
    __tablename__ = "tag"
    __table_args__ = (UniqueConstraint("client_id", "key", name="uq_tag_client_key"),)

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(
        sa_column=Column(Integer, ForeignKey("client.id", ondelete="CASCADE"), nullable=False)
    )
    name: str
    key: str


# A call, email, meeting, text or note logged with a client.
Interaction = declared_table(
    INTERACTION,
    "Interaction",
    (
        Index("ix_interaction_client", "client_id", "occurred_at"),
        Index("ux_interaction_message", "client_id", "message_id", unique=True),  # NULLs repeat
        NEVER_REUSED_IDS,
    ),
)


class Activity(SQLModel, table=True):
    """One recorded change. ``batch`` groups the rows of one command's transaction."""

    __tablename__ = "activity"
    __table_args__ = (
        Index("ix_activity_client", "client_id", "at"),
        Index("ix_activity_batch", "batch"),
        NEVER_REUSED_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("client.id", ondelete="CASCADE"), nullable=True),
    )
    at: str
    kind: str
    detail: str
    data: str | None = None
    batch: str
    made_by: str | None = None  # who made the change (KIARO_USER, else the login); None before version 9


class UndoStep(SQLModel, table=True):
    """How to put back one row a command changed: its image before the command.

    ``before`` is the row as JSON, or None when the command inserted it. A step with
    an empty ``table_name`` is a barrier: a deletion, which undo does not go past.
    """

    __tablename__ = "undo_step"
    __table_args__ = (Index("ix_undo_step_batch", "batch"),)

    id: int | None = Field(default=None, primary_key=True)
    batch: str
    table_name: str
    row_key: str
    before: str | None = None


class Setting(SQLModel, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


class VdirCard(SQLModel, table=True):
    """A card kept in step with a folder of vCards (``kiaro sync vdir``): its folder, UID
    and file there, the contact it is, and the SHA-256 of the file as kiaro last read or
    wrote it and of the card kiaro made of the contact then, so that the next sync tells a
    change in the folder from a change in kiaro. ``contact_id`` is no link: a contact
    removed in kiaro leaves its card's row, and the next sync sees it gone."""

    __tablename__ = "vdir_card"
    __table_args__ = (UniqueConstraint("folder", "uid", name="uq_vdir_card_folder_uid"),)

    id: int | None = Field(default=None, primary_key=True)
    folder: str
    uid: str
    file: str
    contact_id: int | None = None
    folder_sha256: str
    kiaro_sha256: str


class SchemaVersion(SQLModel, table=True):
    """One row per applied schema version."""

    __tablename__ = "kiaro_schema"

    version: int = Field(primary_key=True)
    applied_at: str
    description: str
