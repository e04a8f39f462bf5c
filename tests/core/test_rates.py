"""Service rates: one a position, in the client's currency unless said, undone and merged."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiaro_cli.core import clients, rates
from kiaro_cli.core.duplicates import merge_clients
from kiaro_cli.core.settings import set_setting
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import Conflict, InvalidValue
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


def listed(location: Location, ref: str = "Acme") -> list[tuple[str, Decimal, Decimal | None, str | None]]:
    with open_reader(location) as reader:
        return [(r.position, r.rate, r.overtime, r.currency) for r in rates.list_rates(reader, ref)]


def test_a_rate_takes_the_client_s_currency_unless_one_is_given(location: Location) -> None:
    set_setting(location, "default-currency", "EUR")
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    rates.add_rate(location, "acme", "Senior designer", "95", overtime="120,50")
    rates.add_rate(location, "acme", "Developer", "1,250.00", currency="usd")
    assert listed(location) == [
        ("Developer", Decimal("1250"), None, "USD"),
        ("Senior designer", Decimal("95"), Decimal("120.5"), "EUR"),
    ]


def test_one_rate_a_position_and_amounts_checked(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    rates.add_rate(location, "acme", "Designer", "80")
    with pytest.raises(Conflict, match="already has a rate for Designer"):
        rates.add_rate(location, "acme", "  designer ", "90")
    for position, rate, overtime in (
        ("", "80", None),
        ("PM", "-1", None),
        ("PM", "80", "abc"),
        ("PM", "1,250", None),
    ):
        with pytest.raises(InvalidValue):
            rates.add_rate(location, "acme", position, rate, overtime=overtime)
    with pytest.raises(InvalidValue, match="currency"):
        rates.add_rate(location, "acme", "PM", "80", currency="bitcoin")
    assert listed(location) == [("Designer", Decimal("80"), None, None)]


def test_removing_a_rate_is_undone_and_a_merge_keeps_rates_by_position(location: Location) -> None:
    for name in ("Acme", "Acme BV"):
        clients.add_client(location, {"name": name}, full_form=False, today=TODAY)
    first = rates.add_rate(location, "acme", "Designer", "80")
    rates.remove_rate(location, first.id)
    assert listed(location) == []
    undo_last(location)
    assert listed(location) == [("Designer", Decimal("80"), None, None)]
    rates.add_rate(location, "acme bv", "designer", "70")
    rates.add_rate(location, "acme bv", "Copywriter", "60")
    merge_clients(location, "acme", "acme bv")
    assert listed(location) == [
        ("Copywriter", Decimal("60"), None, None),
        ("Designer", Decimal("80"), None, None),
    ]
