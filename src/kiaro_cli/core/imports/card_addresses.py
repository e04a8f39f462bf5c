"""A card's addresses in an address-book import: the work one is the client's own address,
the others (home, a warehouse, a second office) are the client's further addresses.

An address kiaro cannot keep as an address (no street, town or country) is kept as a line
of the client's notes, never dropped. An address the client has already is not added twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiaro_cli.codecs.vcard import Postal
from kiaro_cli.core.address_records import LINES
from kiaro_cli.core.addresses import REQUIRED, add_address, clean_address
from kiaro_cli.core.fields import clean_line
from kiaro_cli.core.imports import cells
from kiaro_cli.core.imports.clean import Notes, read_country
from kiaro_cli.search import fold

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client
    from kiaro_cli.storage.unit import Writer

# What a vCard's TYPE says an address is for, as kiaro's kinds of address.
KINDS = {"work": "office", "postal": "mailing", "parcel": "mailing", "dom": "mailing", "intl": "mailing"}


@dataclass(frozen=True)
class CardAddress:
    """One of a card's addresses: its fields (None when it cannot be an address of its
    own), how it reads on one line, what it is for, and its name and label."""

    values: dict[str, str] | None
    text: str
    kind: str
    named: str | None  # "Home", "Work", or the card's own label ("Warehouse")
    label: str | None  # the address's label: its name, and whose it is

    @property
    def note(self) -> tuple[str, str]:
        """The address as a line of the notes: "Address (Home)", "12 rue…"."""
        return (f"Address ({self.named})" if self.named else "Address", self.text)


def main_address(addresses: Sequence[Postal]) -> tuple[Postal | None, list[Postal]]:
    """The address a client's own is: the work one, else the preferred one, else the
    first; and the others, in the card's order."""
    if not addresses:
        return None, []
    ranked = sorted(addresses, key=lambda a: ("work" not in a.types, "pref" not in a.types))
    main = ranked[0]
    return main, [address for address in addresses if address is not main]


def address_values(postal: Postal, where: str, notes: Notes, extras: list[tuple[str, str]]) -> dict[str, str]:
    """An address's fields as the client's address fields (country read as imports read it;
    Google writes a whole address in the extended part, with no street: it is the street)."""
    country = read_country(postal.country, where, notes, extras)
    street, extended = (postal.street, postal.street2) if postal.street else (postal.street2, None)
    parts = {"address_line1": street or "", "address_line2": extended or "", "po_box": postal.po_box or ""}
    line1, line2 = cells.street_lines(parts, country)
    values = {
        "address_line1": line1,
        "address_line2": line2,
        "city": postal.city,
        "region": postal.region,
        "postal_code": postal.postal_code,
        "country": country,
    }
    return {key: value for key, value in values.items() if value}


def card_address(
    postal: Postal, where: str, notes: Notes, extras: list[tuple[str, str]], person: str | None
) -> CardAddress:
    """One address of a card as a client's further address, or as a line of its notes;
    ``person`` is whose card it is when the client is the company they work at."""
    fields = address_values(postal, where, notes, extras)
    values = {key: fields.get(field) for key, field in LINES.items()}
    kind = next((KINDS[t] for t in postal.types if t in KINDS), "other")
    named = postal.label or next((t.capitalize() for t in postal.types if t in ("work", "home")), None)
    whose = person if person and "home" in postal.types else None  # a person's home, at a company
    label = f"{named} ({whose})" if named and whose else named
    town = " ".join(part for part in (fields.get("postal_code"), fields.get("city")) if part)
    street = fields.get("address_line1", "").splitlines()
    parts = (
        *street,
        fields.get("address_line2"),
        town,
        fields.get("region"),
        fields.get("country") or postal.country,
    )
    text = ", ".join(part for part in parts if part)
    if not all(values.get(name) for name in REQUIRED):
        return CardAddress(None, text, kind, named, label)
    kept = {name: str(value) for name, value in clean_address(values, required=True).items() if value}
    return CardAddress(
        kept, text, kind, named, clean_line(label, "address label", limit=100) if label else None
    )


def key(values: Mapping[str, object]) -> tuple[str, ...]:
    """What tells two addresses apart (an address's fields or a client's, by their names)."""
    return tuple(
        fold(str(values.get(name) or "")) for name in ("line1", "line2", "postal_code", "city", "country")
    )


def add_card_addresses(w: Writer, client: Client, addresses: Sequence[CardAddress]) -> int:
    """Add the addresses the client does not have yet; return how many were added."""
    assert client.id is not None
    if not any(address.values is not None for address in addresses):
        return 0
    own = {name: getattr(client, field) for name, field in LINES.items()}
    rows = w.addresses.of_client(client.id)
    known = {key(own), *(key({name: getattr(row, name) for name in LINES}) for row in rows)}
    added = 0
    for address in addresses:
        if address.values is None or key(address.values) in known:
            continue
        known.add(key(address.values))
        add_address(w, str(client.id), address.values, kind=address.kind, label=address.label)
        added += 1
    return added
