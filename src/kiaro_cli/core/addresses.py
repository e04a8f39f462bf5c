"""A client's addresses: office, invoicing, mailing, site; one of them the default.

The default address is also the client's own ``address_*`` fields, so every listing,
export, search and the invoice-ready rule keep reading those. A client with a single
address has no address rows: its own fields are that address. The first command that
adds a second address writes the first one down as a row too. From then on, a change to
the client's address fields changes the default row, and a change to the default row (or
a new default) changes the client's fields, each with its history line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.core.address_records import LINES, AddressRecord, addresses_of
from kiaro_cli.core.choices import clean_address_kind
from kiaro_cli.core.client_rows import apply_changes
from kiaro_cli.core.clients import load_client
from kiaro_cli.core.fields import CLIENT_FIELDS, CleanContext, clean_line, clean_values
from kiaro_cli.core.references import resolve_client
from kiaro_cli.core.workspace import Outcome, Workspace
from kiaro_cli.errors import Conflict, InvalidValue, NotFound
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader, by_id

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Address, Client
    from kiaro_cli.storage.unit import Target, Writer

REQUIRED = ("line1", "city", "country")


@dataclass(frozen=True)
class RemovedAddress:
    removed: AddressRecord
    new_default: AddressRecord | None


# ---------------------------------------------------------------- reading


def list_addresses(reader: Reader, reference: str) -> list[AddressRecord]:
    return addresses_of(reader, load_client(reader, resolve_client(reader, reference)))


def get_address(reader: Reader, address_id: int) -> AddressRecord:
    row = by_id(reader, queries.ADDRESS_BY_ID, address_id)
    if row is None:
        raise NotFound(f"no address with id {address_id}")
    return AddressRecord.from_row(row)


# ---------------------------------------------------------------- writing


def clean_address(
    values: Mapping[str, str | None], *, country: str | None = None, required: bool = False
) -> dict[str, Any]:
    """The address fields given (None: not given), cleaned by the client fields' rules."""
    given = {key: value for key, value in values.items() if value is not None}
    if required:
        missing = [key for key in REQUIRED if not (given.get(key) or "").strip()]
        if missing:
            options = ", ".join("--" + key.replace("_", "-") for key in missing)
            raise InvalidValue(f"an address needs {options}")
    raw = {LINES[key]: value for key, value in given.items()}
    cleaned = clean_values(CLIENT_FIELDS, raw, CleanContext(clock.today(), country))
    return {key: cleaned[field] for key, field in LINES.items() if field in cleaned}


def add_address(
    target: Target,
    reference: str,
    values: Mapping[str, str | None],
    *,
    kind: str = "office",
    label: str | None = None,
    default: bool = False,
) -> AddressRecord:
    """Add an address; the first a client has, or one added with ``default``, is the default."""
    cleaned = clean_address(values, required=True)
    clean_kind, clean_label = clean_address_kind(kind), clean_line(label or "", "label", limit=100)
    from kiaro_cli.storage.rows import Address
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client = w.clients.get(resolve_client(w.reader, reference))
        assert client.id is not None
        rows = _written_down(w, client)
        row = Address(client_id=client.id, kind=clean_kind, label=clean_label, created_at=w.at, **cleaned)
        w.add(row)
        w.flush()
        w.journal.log(client, "address added", f"{clean_kind.capitalize()} address added: {_line(row)}")
        if default or not rows:
            _make_default(w, client, row, rows)
        w.flush()
        assert row.id is not None
        return get_address(w.reader, row.id)


def edit_address(
    target: Target,
    address_id: int,
    values: Mapping[str, str | None],
    *,
    kind: str | None = None,
    label: str | None = None,
) -> AddressRecord:
    """Change an address (empty values clear line 2, region, postal code and label)."""
    for key in REQUIRED:
        if values.get(key) is not None and not (values.get(key) or "").strip():
            raise InvalidValue(f"{CLIENT_FIELDS[LINES[key]].label} cannot be empty")
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.addresses.get(address_id)
        client = w.clients.get(row.client_id)
        cleaned: dict[str, object] = clean_address(values, country=row.country)
        if kind is not None:
            cleaned["kind"] = clean_address_kind(kind)
        if label is not None:
            cleaned["label"] = clean_line(label, "label", limit=100)
        if not cleaned:
            raise InvalidValue("nothing to change: give --line1, --city, --kind… ")
        for key, value in cleaned.items():
            setattr(row, key, value)
        w.add(row)
        w.flush()
        w.journal.log(client, "address changed", f"{row.kind.capitalize()} address changed: {_line(row)}")
        if row.is_default:
            _copy_to_client(w, client, row)
        return get_address(w.reader, address_id)


def make_default(target: Target, address_id: int) -> AddressRecord:
    """Make an address the client's default: its own address fields become it."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.addresses.get(address_id)
        client = w.clients.get(row.client_id)
        if not row.is_default:
            _make_default(w, client, row, w.addresses.of_client(row.client_id))
        return get_address(w.reader, address_id)


def remove_address(target: Target, address_id: int) -> RemovedAddress:
    """Remove an address. The only address of an invoice-ready client stays; a removed
    default hands over to the next address."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.addresses.get(address_id)
        client = w.clients.get(row.client_id)
        removed = get_address(w.reader, address_id)
        others = [other for other in w.addresses.of_client(row.client_id) if other.id != address_id]
        if not others and not load_client(w.reader, row.client_id).missing_fields:
            raise Conflict(
                f"this is the only address of {client.name}, who is ready to invoice; add another first"
            )
        w.delete(row)
        w.flush()
        said = f"{removed.kind.capitalize()} address removed: {removed.one_line()}"
        w.journal.log(client, "address removed", said)
        new_default = None
        if removed.default and others:
            _make_default(w, client, others[0], others)
            new_default = get_address(w.reader, others[0].id or 0)
        elif removed.default:
            _copy_to_client(w, client, None)
        return RemovedAddress(removed, new_default)


def move_addresses(w: Writer, keep: Client, other: Client) -> None:
    """Give KEEP the addresses of OTHER it lacks (a merge): its own default stays default."""
    assert keep.id is not None and other.id is not None
    theirs = w.addresses.of_client(other.id) or _written_down(w, other)
    if not theirs:
        return
    rows = _written_down(w, keep)
    known = {_line(row) for row in rows}
    for row in theirs:
        if _line(row) in known:
            w.delete(row)
            continue
        row.client_id, row.is_default = keep.id, False
        w.add(row)
        rows.append(row)
    w.flush()
    if rows and not any(row.is_default for row in rows):
        _make_default(w, keep, rows[0], rows)


def _written_down(w: Writer, client: Client) -> list[Address]:
    """A client's address rows, its own address first written down as one when it has none."""
    from kiaro_cli.storage.rows import Address

    assert client.id is not None
    rows = w.addresses.of_client(client.id)
    if rows or not any(getattr(client, field) for field in LINES.values()):
        return rows
    own = Address(
        client_id=client.id,
        kind="office",
        is_default=True,
        created_at=w.at,
        **{key: getattr(client, field) for key, field in LINES.items()},
    )
    w.add(own)
    w.flush()
    return [own]


def _make_default(w: Writer, client: Client, row: Address, rows: Sequence[Address]) -> None:
    for other in rows:
        if other.is_default and other.id != row.id:
            other.is_default = False
            w.add(other)
    row.is_default = True
    w.add(row)
    w.flush()
    w.journal.log(client, "default address", f"Default address: {_line(row)}")
    _copy_to_client(w, client, row)


def _copy_to_client(w: Writer, client: Client, row: Address | None) -> None:
    """The client's own address fields become ``row`` (or empty)."""
    assert client.id is not None
    before = load_client(w.reader, client.id)
    values = {field: getattr(row, key) if row is not None else None for key, field in LINES.items()}
    apply_changes(w, client, before, values)


def _line(row: Address) -> str:
    return AddressRecord(
        row.id, row.client_id, row.kind, row.label, **{key: getattr(row, key) for key in LINES}, default=False
    ).one_line()


def default_noting_readiness(ws: Workspace, address_id: int) -> Outcome[AddressRecord]:
    """An address made the client's default, with a note when the client was ready to
    invoice and the new default leaves it missing what an invoice needs."""
    from kiaro_cli.core.fields import label_with_option
    from kiaro_cli.storage.unit import write

    with write(ws.location) as w:
        ready = not load_client(w.reader, get_address(w.reader, address_id).client_id).missing_fields
        address = make_default(w, address_id)
        client = load_client(w.reader, address.client_id)
    if not ready or not client.missing_fields:
        return Outcome(address)
    lacking = ", ".join(label_with_option(key) for key in client.missing_fields)
    note = f"{client.name} (#{client.id}) is no longer ready to invoice: missing {lacking}"
    return Outcome(address, (), (note,))
