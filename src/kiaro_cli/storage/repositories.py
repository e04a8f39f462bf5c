"""One repository a record type, inside a write: ``w.clients.get(id)``,
``w.contacts.of_client(id)``, ``w.tags.with_key(key)``.

Each finds rows of its table through the write's unit of work (:mod:`.tracking`): pending
changes are written first, so a write sees its own changes, and a row already loaded is
the very object returned again (setting an attribute on it is the change). Adding,
deleting and the operations of the whole transaction stay on the unit
(:class:`~kiaro_cli.storage.writer.Writer`).
"""

from __future__ import annotations

from typing import Any, Generic

from kiaro_cli.errors import NotFound
from kiaro_cli.storage.reader import MAX_ID
from kiaro_cli.storage.row import AnyRow, quoted
from kiaro_cli.storage.rows import (
    Activity,
    Address,
    Client,
    ClientDate,
    Contact,
    ContactReach,
    CustomField,
    CustomValue,
    Document,
    Event,
    Interaction,
    Invoice,
    InvoiceLine,
    Payment,
    Project,
    Quote,
    Rate,
    Setting,
    Tag,
    VdirCard,
)
from kiaro_cli.storage.tracking import Tracker


class Repository(Generic[AnyRow]):
    """The rows of one table in a write, found by key or by a column."""

    def __init__(self, tracker: Tracker, model: type[AnyRow], noun: str) -> None:
        self._tracker = tracker
        self._model = model
        self._noun = noun

    def get(self, key: int) -> AnyRow:
        """The row with this id (it must exist: else :class:`NotFound`, in the noun's words)."""
        found = self._tracker.get(self._model, key) if 0 < key <= MAX_ID else None
        if found is None:
            raise NotFound(f"no {self._noun} with id {key}")
        return found

    def find(self, key: Any) -> AnyRow | None:
        """The row with this key, or None (it may be gone)."""
        return self._tracker.get(self._model, key)

    def _where(self, column: str, value: Any, order: str = "id") -> list[AnyRow]:
        """The rows whose ``column`` is ``value``, by ``order``."""
        condition = f"{quoted(column)} = :value"
        return self._tracker.select(self._model, condition, {"value": value}, quoted(order))


class OfClient(Repository[AnyRow]):
    """Rows that belong to a client."""

    def of_client(self, client_id: int) -> list[AnyRow]:
        """A client's rows in the order they were added."""
        return self._where("client_id", client_id)


class Contacts(OfClient[Contact]):
    def primary_of(self, client_id: int) -> Contact | None:
        """A client's primary contact, if it has one."""
        return next((contact for contact in self.of_client(client_id) if contact.is_primary), None)


class Reach(Repository[ContactReach]):
    def of_contact(self, contact_id: int) -> list[ContactReach]:
        """A contact's labelled emails and phones, each kind in its order."""
        return self._where("contact_id", contact_id, "position")


class Interactions(OfClient[Interaction]):
    def with_contact(self, contact_id: int) -> list[Interaction]:
        """The interactions logged with one contact."""
        return self._where("contact_id", contact_id)


class Documents(OfClient[Document]):
    def sha256_in_use(self, sha256: str) -> bool:
        """Whether any document row keeps this content."""
        self._tracker.flush()
        sql = "SELECT 1 AS found FROM document WHERE sha256 = :sha"
        return next(self._tracker.link.reader.rows(sql, {"sha": sha256}), None) is not None


class Tags(Repository[Tag]):
    def of_client(self, client_id: int) -> dict[str, Tag]:
        """A client's tags by their folded key, in the order they were added."""
        return {tag.key: tag for tag in self._where("client_id", client_id)}

    def with_key(self, key: str) -> list[Tag]:
        """Every client's tag of one folded key, by client."""
        return self._where("key", key, "client_id")


class CustomFields(Repository[CustomField]):
    def with_key(self, key: str) -> CustomField | None:
        """The custom field of this key, if there is one."""
        found = self._where("key", key)
        return found[0] if found else None


class CustomValues(Repository[CustomValue]):
    def of_client(self, client_id: int) -> dict[int, CustomValue]:
        """A client's custom values by field id."""
        return {row.field_id: row for row in self._where("client_id", client_id, "field_id")}

    def of_field(self, field_id: int) -> list[CustomValue]:
        """Every client's value of one custom field, by client."""
        return self._where("field_id", field_id, "client_id")


class Quotes(OfClient[Quote]):
    def with_number(self, number: str) -> Quote | None:
        """The quote of this number, if there is one."""
        found = self._where("number", number)
        return found[0] if found else None

    def of_project(self, project_id: int) -> list[Quote]:
        return self._where("project_id", project_id)


class Invoices(OfClient[Invoice]):
    def with_number(self, number: str) -> Invoice | None:
        """The invoice of this number, if there is one (drafts have none)."""
        found = self._where("number", number)
        return found[0] if found else None

    def of_project(self, project_id: int) -> list[Invoice]:
        return self._where("project_id", project_id)

    def following(self, client_id: int | None = None) -> list[Invoice]:
        """The drafts that follow their client's currency or VAT rate: one client's (by its
        index of invoices), or everyone's."""
        where = "state = 'draft' AND (follows_currency OR follows_vat_rate)"
        if client_id is None:
            return self._tracker.select(Invoice, where, {}, "id")
        return self._tracker.select(
            Invoice, f"client_id = :client_id AND {where}", {"client_id": client_id}, "id"
        )


class InvoiceLines(Repository[InvoiceLine]):
    def of_invoice(self, invoice_id: int) -> list[InvoiceLine]:
        """An invoice's lines in their order on it."""
        return self._where("invoice_id", invoice_id, "position")


class Payments(OfClient[Payment]):
    def of_invoice(self, invoice_id: int) -> list[Payment]:
        """An invoice's payments in the order they were recorded."""
        return self._where("invoice_id", invoice_id)


class VdirCards(Repository[VdirCard]):
    def of_folder(self, folder: str) -> list[VdirCard]:
        """The cards kept in step with one folder, in the order they were first synced."""
        return self._where("folder", folder)


class Repositories:
    """Every record type's repository on one write's unit of work."""

    def __init__(self, tracker: Tracker) -> None:
        self.clients = Repository(tracker, Client, "client")
        self.contacts = Contacts(tracker, Contact, "contact")
        self.reach = Reach(tracker, ContactReach, "email or phone")
        self.addresses = OfClient(tracker, Address, "address")
        self.interactions = Interactions(tracker, Interaction, "interaction")
        self.rates = OfClient(tracker, Rate, "rate")
        self.events = OfClient(tracker, Event, "event")
        self.documents = Documents(tracker, Document, "document")
        self.tags = Tags(tracker, Tag, "tag")
        self.custom_fields = CustomFields(tracker, CustomField, "custom field")
        self.custom_values = CustomValues(tracker, CustomValue, "custom value")
        self.settings = Repository(tracker, Setting, "setting")
        self.history = OfClient(tracker, Activity, "activity")
        self.projects = OfClient(tracker, Project, "project")
        self.quotes = Quotes(tracker, Quote, "quote")
        self.invoices = Invoices(tracker, Invoice, "invoice")
        self.invoice_lines = InvoiceLines(tracker, InvoiceLine, "invoice line")
        self.payments = Payments(tracker, Payment, "payment")
        self.vdir_cards = VdirCards(tracker, VdirCard, "synced card")
        self.client_dates = OfClient(tracker, ClientDate, "client date")
