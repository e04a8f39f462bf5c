"""Every table's rows as plain classes, for the write path. Written by
``python -m kiaro_cli.storage.row_classes`` from :mod:`kiaro_cli.storage.schema`, the one
schema (a test keeps them equal): do not edit by hand. A declared record's row class is
made from its declaration when this module is imported.

``ROW_CLASSES`` lists them parents first, the order new rows are inserted in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

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
from kiaro_cli.storage.row import Row, declared_row


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
class LedgerNumber(Row):
    TABLE: ClassVar[str] = "ledger_number"
    KEY: ClassVar[str] = "series"

    series: str
    last: int


@dataclass(kw_only=True, eq=False)
class Setting(Row):
    TABLE: ClassVar[str] = "setting"
    KEY: ClassVar[str] = "key"

    key: str
    value: str


@dataclass(kw_only=True, eq=False)
class VdirCard(Row):
    TABLE: ClassVar[str] = "vdir_card"

    id: int | None = None
    folder: str
    uid: str
    file: str
    contact_id: int | None = None
    folder_sha256: str
    kiaro_sha256: str


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
class CustomValue(Row):
    TABLE: ClassVar[str] = "custom_value"

    id: int | None = None
    client_id: int
    field_id: int
    value: str
    value_key: str
    value_number: float | None = None


@dataclass(kw_only=True, eq=False)
class Tag(Row):
    TABLE: ClassVar[str] = "tag"

    id: int | None = None
    client_id: int
    name: str
    key: str


if TYPE_CHECKING:

    class Client(Row):
        """A row of client: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Client = declared_row(CLIENT)


if TYPE_CHECKING:

    class Address(Row):
        """A row of address: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Address = declared_row(ADDRESS)


if TYPE_CHECKING:

    class ClientDate(Row):
        """A row of client_date: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    ClientDate = declared_row(CLIENT_DATE)


if TYPE_CHECKING:

    class Contact(Row):
        """A row of contact: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Contact = declared_row(CONTACT)


if TYPE_CHECKING:

    class Document(Row):
        """A row of document: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Document = declared_row(DOCUMENT)


if TYPE_CHECKING:

    class Event(Row):
        """A row of event: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Event = declared_row(EVENT)


if TYPE_CHECKING:

    class Project(Row):
        """A row of project: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Project = declared_row(PROJECT)


if TYPE_CHECKING:

    class Rate(Row):
        """A row of rate: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Rate = declared_row(RATE)


if TYPE_CHECKING:

    class ContactReach(Row):
        """A row of contact_reach: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    ContactReach = declared_row(REACH)


if TYPE_CHECKING:

    class Interaction(Row):
        """A row of interaction: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Interaction = declared_row(INTERACTION)


if TYPE_CHECKING:

    class Invoice(Row):
        """A row of invoice: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Invoice = declared_row(INVOICE)


if TYPE_CHECKING:

    class Quote(Row):
        """A row of quote: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Quote = declared_row(QUOTE)


if TYPE_CHECKING:

    class InvoiceLine(Row):
        """A row of invoice_line: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    InvoiceLine = declared_row(INVOICE_LINE)


if TYPE_CHECKING:

    class Payment(Row):
        """A row of payment: the stored fields of its declaration."""

        def __init__(self, **columns: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    Payment = declared_row(PAYMENT)


ROW_CLASSES: tuple[type[Row], ...] = (
    Client,
    CustomField,
    LedgerNumber,
    Setting,
    VdirCard,
    Activity,
    Address,
    ClientDate,
    Contact,
    CustomValue,
    Document,
    Event,
    Project,
    Rate,
    Tag,
    ContactReach,
    Interaction,
    Invoice,
    Quote,
    InvoiceLine,
    Payment,
)
