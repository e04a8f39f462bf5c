"""Service rates: what a client pays for a position, regular and overtime, in a currency.

A position is named once per client (any case). The currency is the one given, else the
client's effective currency (its own, else the workspace default).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kiaro_cli.core.clients import load_client
from kiaro_cli.core.fields import clean_line
from kiaro_cli.core.numbers import clean_value
from kiaro_cli.core.records import hundredths, stored_value, to_hundredths
from kiaro_cli.core.references import resolve_client
from kiaro_cli.declarations import Line
from kiaro_cli.declarations.rate import RATE
from kiaro_cli.errors import Conflict, InvalidValue, NotFound
from kiaro_cli.search import fold
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader, by_id

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client, Rate
    from kiaro_cli.storage.unit import Target, Writer

RATE_KEYS = RATE.keys  # the JSON object of a rate, in order
POSITION_RULE = RATE.by_key["position"].rule
assert isinstance(POSITION_RULE, Line)
MAX_POSITION = POSITION_RULE.limit


@dataclass(frozen=True)
class RateRecord:
    """A rate: the fields of its declaration a read gives, typed."""

    id: int
    client_id: int
    position: str
    rate: Decimal
    overtime: Decimal | None
    currency: str | None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> RateRecord:
        """The record of a row of the rate queries: each field its declaration gives."""
        return cls(**{declared.key: stored_value(declared, row) for declared in RATE.read_fields})

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in RATE_KEYS}


def rates_of(reader: Reader, client_id: int) -> list[RateRecord]:
    """A client's rates by position."""
    return [
        RateRecord.from_row(row) for row in reader.rows(queries.RATES_OF_CLIENT, {"client_id": client_id})
    ]


def list_rates(reader: Reader, reference: str) -> list[RateRecord]:
    return rates_of(reader, resolve_client(reader, reference))


def get_rate(reader: Reader, rate_id: int) -> RateRecord:
    row = by_id(reader, queries.RATE_BY_ID, rate_id)
    if row is None:
        raise NotFound(f"no rate with id {rate_id}")
    return RateRecord.from_row(row)


def add_rate(
    target: Target,
    reference: str,
    position: str,
    rate: str,
    *,
    overtime: str | None = None,
    currency: str | None = None,
) -> RateRecord:
    """Add a client's rate for a position (refused when the client already has one for it)."""
    name = clean_line(position, "position", limit=MAX_POSITION)
    if not name:
        raise InvalidValue("a rate needs a position, e.g. 'Senior designer'")
    amount = clean_value(rate, "rate")
    extra = clean_value(overtime, "overtime rate") if overtime is not None and overtime.strip() else None
    code = _currency(currency) if currency else None
    from kiaro_cli.storage.rows import Rate
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client_id = resolve_client(w.reader, reference)
        client = w.clients.get(client_id)
        code = code or load_client(w.reader, client_id).effective_currency
        taken = next((r for r in rates_of(w.reader, client_id) if fold(r.position) == fold(name)), None)
        if taken is not None:
            raise Conflict(
                f"{client.name} already has a rate for {taken.position} (#{taken.id}); "
                f"kiaro client rate edit {taken.id} changes it"
            )
        row = Rate(
            client_id=client_id,
            position=name,
            position_key=fold(name),
            rate_cents=to_hundredths(amount),
            overtime_cents=None if extra is None else to_hundredths(extra),
            currency=code,
            created_at=w.at,
        )
        w.add(row)
        w.flush()
        w.journal.log(client, "rate added", f"Rate added: {_said(row)}")
        assert row.id is not None
        return get_rate(w.reader, row.id)


def edit_rate(
    target: Target,
    rate_id: int,
    *,
    position: str | None = None,
    rate: str | None = None,
    overtime: str | None = None,
    currency: str | None = None,
) -> RateRecord:
    """Change a rate's position, amount, overtime (an empty one clears it) or currency;
    what is not given stays. A position another of the client's rates has is refused."""
    if position is None and rate is None and overtime is None and currency is None:
        raise InvalidValue("nothing to change: give --position, --rate, --overtime or --currency")
    name = clean_line(position, "position", limit=MAX_POSITION) if position is not None else None
    if position is not None and not name:
        raise InvalidValue("a rate needs a position, e.g. 'Senior designer'")
    amount = clean_value(rate, "rate") if rate is not None else None
    extra = clean_value(overtime, "overtime rate") if overtime is not None and overtime.strip() else None
    code = _currency(currency) if currency is not None else None
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.rates.get(rate_id)
        before = _said(row)
        if name is not None:
            others = [r for r in rates_of(w.reader, row.client_id) if r.id != rate_id]
            taken = next((r for r in others if fold(r.position) == fold(name)), None)
            if taken is not None:
                owner = w.clients.get(row.client_id).name
                raise Conflict(f"{owner} already has a rate for {taken.position} (#{taken.id})")
            row.position, row.position_key = name, fold(name)
        if amount is not None:
            row.rate_cents = to_hundredths(amount)
        if overtime is not None:
            row.overtime_cents = None if extra is None else to_hundredths(extra)
        if code is not None:
            row.currency = code
        w.add(row)
        w.flush()
        if _said(row) != before:
            w.journal.log(
                w.clients.get(row.client_id), "rate changed", f"Rate changed: {before} → {_said(row)}"
            )
        return get_rate(w.reader, rate_id)


def remove_rate(target: Target, rate_id: int) -> RateRecord:
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.rates.get(rate_id)
        removed = get_rate(w.reader, rate_id)
        w.delete(row)
        w.flush()
        w.journal.log(w.clients.get(row.client_id), "rate removed", f"Rate removed: {_said(row)}")
        return removed


def move_rates(w: Writer, keep: Client, other: Client) -> None:
    """Give KEEP the rates of OTHER for positions it has no rate for (a merge)."""

    assert keep.id is not None and other.id is not None
    known = {rate.position_key for rate in w.rates.of_client(keep.id)}
    for rate in w.rates.of_client(other.id):
        if rate.position_key in known:
            w.delete(rate)
        else:
            rate.client_id = keep.id
            w.add(rate)
    w.flush()


def _currency(text: str) -> str:
    from kiaro_cli.places import resolve_currency

    return resolve_currency(text)


def _said(row: Rate) -> str:
    money = f"{hundredths(row.rate_cents)} {row.currency or ''}".strip()
    extra = f", overtime {hundredths(row.overtime_cents)}" if row.overtime_cents is not None else ""
    return f"{row.position} at {money}{extra}"
