"""A draft invoice follows its client's currency and VAT rate until it is issued: the
client's own, the workspace defaults it takes, the client a merge gives it; a value given is
kept, and issuing locks them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from kiaro_cli.core import clients
from kiaro_cli.core.invoices import add_invoice, edit_invoice, issue_invoice
from kiaro_cli.core.ledger import InvoiceRecord, find_invoice
from kiaro_cli.core.settings import set_setting
from kiaro_cli.core.undo import undo_last
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


@pytest.fixture
def book(location: Location) -> Location:
    """Acme (EUR, VAT 20%) and Beta (no currency, no rate)."""
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    clients.add_client(location, {"name": "Beta"}, full_form=False, today=TODAY)
    clients.edit_client(location, "acme", {"currency": "EUR", "vat_rate": "20"}, today=TODAY)
    return location


def add(book: Location, client: str = "acme", **options: Any) -> InvoiceRecord:
    return add_invoice(book, client, today=TODAY, amount="1000", **options)


def read(book: Location, reference: str) -> InvoiceRecord:
    with open_reader(book) as reader:
        return find_invoice(reader, reference, TODAY)


def terms(record: InvoiceRecord) -> tuple[object, ...]:
    return record["currency"], record["vat_rate"], record["gross"]


def test_a_draft_follows_the_clients_currency_and_vat_until_it_is_issued(book: Location) -> None:
    add(book, draft=True)
    add(book, draft=True, currency="GBP")  # its currency given: only its VAT rate follows
    add(book, draft=True, vat_rate="0")
    clients.edit_client(book, "acme", {"currency": "USD", "vat_rate": "10"}, today=TODAY)
    assert [terms(read(book, f"#{n}")) for n in (1, 2, 3)] == [
        ("USD", Decimal("10"), Decimal("1100.00")),
        ("GBP", Decimal("10"), Decimal("1100.00")),
        ("USD", Decimal("0"), Decimal("1000.00")),
    ]
    assert "Draft invoice #1 takes Acme's currency USD and VAT rate 10%: 1,100.00 USD" in timeline(book)
    undo_last(book)  # the client's change and what its drafts took, at once
    assert terms(read(book, "#1")) == ("EUR", Decimal("20"), Decimal("1200.00"))
    issued = issue_invoice(book, "#1", today=TODAY)
    clients.edit_client(book, "acme", {"vat_rate": "5"}, today=TODAY)
    assert terms(read(book, issued.reference)) == ("EUR", Decimal("20"), Decimal("1200.00"))  # locked
    assert terms(read(book, "#2")) == ("GBP", Decimal("5"), Decimal("1050.00"))


def test_a_draft_follows_the_workspace_defaults_its_client_takes(book: Location) -> None:
    set_setting(book, "default-currency", "GBP")
    add(book, "beta", draft=True)
    set_setting(book, "default-currency", "CHF")
    set_setting(book, "default-vat-rate", "7.7")
    assert terms(read(book, "#1")) == ("CHF", Decimal("7.7"), Decimal("1077.00"))
    set_setting(book, "default-currency", "")  # no currency anywhere: it keeps the one it has
    assert terms(read(book, "#1"))[0] == "CHF"


def test_a_draft_given_a_currency_or_rate_by_edit_stops_following(book: Location) -> None:
    add(book, draft=True)
    edit_invoice(book, "#1", vat_rate="21", today=TODAY)
    clients.edit_client(book, "acme", {"currency": "USD", "vat_rate": "10"}, today=TODAY)
    assert terms(read(book, "#1")) == ("USD", Decimal("21"), Decimal("1210.00"))
    edit_invoice(book, "#1", currency="USD", today=TODAY)  # the same code, now given: a change of its own
    assert timeline(book)[0] == "Draft invoice #1 changed (currency): 1,210.00 USD"
    clients.edit_client(book, "acme", {"currency": "EUR"}, today=TODAY)
    assert terms(read(book, "#1"))[0] == "USD"


def test_a_merged_clients_drafts_follow_the_client_kept(book: Location) -> None:
    from kiaro_cli.core.duplicates import merge_clients

    add(book, "beta", draft=True, currency="CHF", vat_rate=None)
    merge_clients(book, "acme", "beta")
    assert terms(read(book, "#1")) == ("CHF", Decimal("20"), Decimal("1200.00"))


def timeline(book: Location) -> list[str]:
    from kiaro_cli.core.timeline import client_timeline

    with open_reader(book) as reader:
        return [entry.detail for entry in client_timeline(reader, "acme")]
