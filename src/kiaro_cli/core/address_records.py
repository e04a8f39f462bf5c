"""A client's addresses as commands show them, and where its invoices go: the reading side
of :mod:`kiaro_cli.core.addresses`, which cards, views and exports need without its writes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiaro_cli.storage import queries

if TYPE_CHECKING:
    from kiaro_cli.core.records import ClientRecord
    from kiaro_cli.storage.reader import Reader

# An address row's fields, and the client fields they are when the address is the default.
LINES = {
    "line1": "address_line1",
    "line2": "address_line2",
    "city": "city",
    "region": "region",
    "postal_code": "postal_code",
    "country": "country",
}
ADDRESS_KEYS = ("id", "client_id", "kind", "label", *LINES, "default")


@dataclass(frozen=True)
class AddressRecord:
    """An address as commands show it. ``id`` is None for a client's only address, which
    is its own fields and has no row."""

    id: int | None
    client_id: int
    kind: str
    label: str | None
    line1: str | None
    line2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None
    default: bool

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> AddressRecord:
        return cls(
            **{key: row[key] for key in ("id", "client_id", "kind", "label", *LINES)},
            default=bool(row["is_default"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in ADDRESS_KEYS}

    def one_line(self) -> str:
        """ "12 Long Street, Floor 3, 8001 Cape Town, ZA" """
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.line1, self.line2, town, self.region, self.country) if part)


def billing_address(addresses: Sequence[AddressRecord]) -> AddressRecord | None:
    """Where invoices go: the invoicing address (the default one first), else the default."""
    invoicing = [a for a in addresses if a.kind == "invoicing"]
    ranked = sorted(invoicing, key=lambda a: not a.default) or [a for a in addresses if a.default]
    return ranked[0] if ranked else None


def addresses_of(reader: Reader, client: ClientRecord) -> list[AddressRecord]:
    """A client's addresses: its rows, or its own fields as its one address (or none)."""
    found = reader.rows(queries.ADDRESSES_OF_CLIENT, {"client_id": client.id})
    rows = [AddressRecord.from_row(row) for row in found]
    if rows or not any(getattr(client, field) for field in LINES.values()):
        return rows
    own = {key: getattr(client, field) for key, field in LINES.items()}
    return [AddressRecord(None, client.id, "office", None, **own, default=True)]
