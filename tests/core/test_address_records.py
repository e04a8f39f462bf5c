"""An address as commands show it, and where a client's invoices go."""

from __future__ import annotations

from kiaro_cli.core.address_records import ADDRESS_KEYS, AddressRecord, billing_address


def address(kind: str, line1: str, *, default: bool = False) -> AddressRecord:
    return AddressRecord(None, 1, kind, None, line1, None, "Rotterdam", None, "3011", "NL", default)


def test_invoices_go_to_the_default_invoicing_address_else_the_default_one() -> None:
    office = address("office", "Kade 4", default=True)
    postbus, second = address("invoicing", "Postbus 12"), address("invoicing", "Postbus 40", default=True)
    assert billing_address([office, postbus, second]) == second
    assert billing_address([office, postbus]) == postbus
    assert billing_address([office, address("site", "Haven 1")]) == office
    assert billing_address([address("site", "Haven 1")]) is None


def test_an_address_reads_on_one_line_and_keeps_its_keys_from_a_row() -> None:
    row = {"id": 7, "client_id": 1, "kind": "office", "label": None, "line1": "Kade 4", "line2": "Floor 3",
           "city": "Rotterdam", "region": None, "postal_code": "3011", "country": "NL",
           "is_default": 1}  # fmt: skip
    made = AddressRecord.from_row(row)
    assert made.one_line() == "Kade 4, Floor 3, 3011 Rotterdam, NL"
    assert list(made.to_dict()) == list(ADDRESS_KEYS) and made.to_dict()["default"] is True
