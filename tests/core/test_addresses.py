"""A client's addresses: the default is the client's own address, both ways; billing uses
the invoicing address; removal, merge and undo keep them right."""

from __future__ import annotations

import pytest

from kiaro_cli.core import address_records, addresses, clients
from kiaro_cli.core.duplicates import merge_clients
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import Conflict, InvalidValue
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import FULL, TODAY

POSTBUS = {"line1": "Postbus 12", "city": "Utrecht", "postal_code": "3500 AA", "country": "NL"}
SITE = {"line1": "Kade 4", "city": "Rotterdam", "country": "Netherlands"}


def listed(location: Location, ref: str = "Brand Factor") -> list[tuple[str, str | None, bool]]:
    with open_reader(location) as reader:
        return [(a.kind, a.line1, a.default) for a in addresses.list_addresses(reader, ref)]


def own(location: Location, ref: str = "Brand Factor") -> tuple[str | None, str | None, str | None]:
    with open_reader(location) as reader:
        client = clients.get_client(reader, ref)
    return client.address_line1, client.city, client.country


@pytest.fixture
def brand(location: Location) -> None:
    clients.add_client(location, FULL, today=TODAY)


@pytest.mark.usefixtures("brand")
def test_a_client_s_own_address_is_its_one_address_until_another_is_added(location: Location) -> None:
    assert listed(location) == [("office", "12 Long Street", True)]
    added = addresses.add_address(location, "brand", POSTBUS, kind="billing")
    assert (added.kind, added.default, added.country) == ("invoicing", False, "NL")
    assert listed(location) == [("office", "12 Long Street", True), ("invoicing", "Postbus 12", False)]
    with open_reader(location) as reader:
        billing = address_records.billing_address(addresses.list_addresses(reader, "brand"))
    assert billing is not None and billing.line1 == "Postbus 12"  # invoices go to the invoicing address


@pytest.mark.usefixtures("brand")
def test_the_default_address_and_the_client_s_own_fields_follow_each_other(location: Location) -> None:
    site = addresses.add_address(location, "brand", SITE, kind="site", default=True)
    assert own(location) == ("Kade 4", "Rotterdam", "NL")
    clients.edit_client(location, "brand", {"city": "Schiedam"})
    with open_reader(location) as reader:
        assert addresses.get_address(reader, site.id or 0).city == "Schiedam"
    addresses.edit_address(location, site.id or 0, {"line1": "Kade 5"})
    assert own(location)[0] == "Kade 5"
    assert ("office", "12 Long Street", False) in listed(location)
    addresses.make_default(location, 1)
    assert own(location) == ("12 Long Street", "Cape Town", "ZA")


@pytest.mark.usefixtures("brand")
def test_removing_the_default_hands_over_and_undo_brings_it_back(location: Location) -> None:
    site = addresses.add_address(location, "brand", SITE, kind="site", default=True)
    removed = addresses.remove_address(location, site.id or 0)
    assert removed.new_default is not None and removed.new_default.line1 == "12 Long Street"
    assert own(location)[0] == "12 Long Street"
    undo_last(location)
    assert own(location)[0] == "Kade 4"
    assert [kind for kind, _, _ in listed(location)] == ["site", "office"]  # the default first


@pytest.mark.usefixtures("brand")
def test_the_only_address_of_a_client_ready_to_invoice_stays(location: Location) -> None:
    site = addresses.add_address(location, "brand", SITE, kind="site")
    addresses.remove_address(location, site.id or 0)
    with pytest.raises(Conflict, match="only address"):
        addresses.remove_address(location, 1)


def test_an_address_needs_its_lines_and_a_real_country(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with pytest.raises(InvalidValue, match="--line1, --city"):
        addresses.add_address(location, "acme", {"country": "NL"})
    with pytest.raises(InvalidValue, match="Atlantis"):
        addresses.add_address(location, "acme", {**SITE, "country": "Atlantis"})
    with pytest.raises(InvalidValue, match="address kind"):
        addresses.add_address(location, "acme", SITE, kind="moon base")
    first = addresses.add_address(location, "acme", SITE, kind="site")
    assert first.default and own(location, "acme") == (
        "Kade 4",
        "Rotterdam",
        "NL",
    )  # the first is the default


def test_a_merge_keeps_the_addresses_of_both(location: Location) -> None:
    main_street = {"name": "Acme", "address_line1": "1 Main St", "city": "Utrecht", "country": "NL"}
    clients.add_client(location, main_street, full_form=False, today=TODAY)
    clients.add_client(location, {"name": "Acme BV"}, full_form=False, today=TODAY)
    addresses.add_address(location, "acme bv", SITE, kind="site")
    addresses.add_address(location, "acme bv", POSTBUS, kind="invoicing")
    merge_clients(location, "acme", "acme bv")
    assert listed(location, "acme") == [
        ("office", "1 Main St", True),
        ("site", "Kade 4", False),
        ("invoicing", "Postbus 12", False),
    ]
