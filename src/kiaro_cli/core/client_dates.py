"""A client's dates that matter: a renewal, a company anniversary; once, or every year on
that day (``--yearly``). The timeline records each one added or removed; undo takes it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.core.fields import clean_line
from kiaro_cli.core.records import stored_value
from kiaro_cli.core.references import resolve_client
from kiaro_cli.dates import parse_day
from kiaro_cli.declarations import Line
from kiaro_cli.declarations.client_date import CLIENT_DATE
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage import date_queries
from kiaro_cli.storage.reader import Reader, by_id, scalar

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client, ClientDate
    from kiaro_cli.storage.unit import Target, Writer

CLIENT_DATE_KEYS = CLIENT_DATE.keys  # the JSON object of a client's date, in order
LABEL_RULE = CLIENT_DATE.by_key["label"].rule
assert isinstance(LABEL_RULE, Line)
MAX_LABEL = LABEL_RULE.limit


@dataclass(frozen=True)
class ClientDateRecord:
    """A client's date: the fields of its declaration a read gives, and the client's name."""

    id: int
    client_id: int
    label: str
    date: str
    yearly: bool
    client_name: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ClientDateRecord:
        values = {declared.key: stored_value(declared, row) for declared in CLIENT_DATE.read_fields}
        return cls(**values, client_name=str(row.get("client_name") or ""))

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in CLIENT_DATE_KEYS}


def dates_of(reader: Reader, client_id: int) -> list[ClientDateRecord]:
    """A client's dates, earliest first."""
    rows = reader.rows(date_queries.CLIENT_DATES_OF_CLIENT, {"client_id": client_id})
    return [ClientDateRecord.from_row(row) for row in rows]


def list_client_dates(reader: Reader, reference: str) -> list[ClientDateRecord]:
    return dates_of(reader, resolve_client(reader, reference))


def get_client_date(reader: Reader, date_id: int) -> ClientDateRecord:
    row = by_id(reader, date_queries.CLIENT_DATE_BY_ID, date_id)
    if row is None:
        raise NotFound(f"no client date with id {date_id}")
    return ClientDateRecord.from_row(row)


def add_client_date(
    target: Target, reference: str, label: str, when: str, *, yearly: bool = False, today: date | None = None
) -> ClientDateRecord:
    """Add a date to a client: a day of any year (past ones too: an anniversary began then);
    ``yearly`` makes it come back every year on that day."""
    name = clean_line(label, "label", limit=MAX_LABEL)
    if not name:
        raise InvalidValue("a date needs a label, e.g. 'Contract renewal'")
    day = parse_day(when, today or clock.today())
    from kiaro_cli.storage.rows import ClientDate
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client = w.clients.get(resolve_client(w.reader, reference))
        row = ClientDate(
            client_id=client.id, label=name, falls_on=day.isoformat(), yearly=yearly, created_at=w.at
        )
        w.add(row)
        w.flush()
        w.journal.log(client, "date added", f"Date added: {_said(row)}", client_date_id=row.id)
        assert row.id is not None
        return get_client_date(w.reader, row.id)


def client_date_of(reader: Reader, reference: str | None, date_id: int) -> ClientDateRecord:
    """A client's date by its id; with ``reference``, refused when the id is another
    client's."""
    named = resolve_client(reader, reference) if reference is not None else None  # the client first
    record = get_client_date(reader, date_id)
    if named is not None and record.client_id != named:
        name = scalar(reader, date_queries.CLIENT_NAME, {"client_id": named})
        raise NotFound(f"{name} has no date with id {date_id}")
    return record


def remove_client_date(target: Target, reference: str | None, date_id: int) -> ClientDateRecord:
    """Remove a client's date by its id; with ``reference``, refused when the id is another
    client's."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        removed = client_date_of(w.reader, reference, date_id)
        row = w.client_dates.get(date_id)
        client = w.clients.get(row.client_id)
        w.delete(row)
        w.flush()
        w.journal.log(client, "date removed", f"Date removed: {_said(row)}", client_date_id=date_id)
        return removed


def move_client_dates(w: Writer, keep: Client, other: Client) -> None:
    """Give KEEP the dates of OTHER (a merge); one KEEP has already (the same label, in any
    case, on the same day, as often) is not kept twice."""
    from kiaro_cli.search import fold

    assert keep.id is not None and other.id is not None
    known = {(fold(row.label), row.falls_on, row.yearly) for row in w.client_dates.of_client(keep.id)}
    for row in w.client_dates.of_client(other.id):
        if (fold(row.label), row.falls_on, row.yearly) in known:
            w.delete(row)
        else:
            row.client_id = keep.id
            w.add(row)
    w.flush()


def _said(row: ClientDate) -> str:
    return f"{row.label} on {row.falls_on}{', every year' if row.yearly else ''}"
