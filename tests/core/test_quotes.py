"""Quotes: numbered per year, VAT on the net, the client's currency and rate, refusals that
change nothing, statuses read on a day, a lead made active, a project made of a quote, undo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core import clients
from kiaro_cli.core.ledger import get_project
from kiaro_cli.core.quotes import (
    add_quote,
    edit_quote,
    find_quotes,
    project_from_quote,
    remove_quote,
    set_quote_status,
)
from kiaro_cli.core.settings import set_setting
from kiaro_cli.core.timeline import timeline
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import Conflict, InvalidValue, KiaroError, MissingFields, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from kiaro_cli.storage.unit import write
from tests.helpers import SERVER, TODAY, dump


@pytest.fixture
def book(location: Location) -> Location:
    """Acme (a lead, EUR, 21% VAT) and Beta (a lead with no currency of its own)."""
    clients.add_client(location, {"name": "Acme", "currency": "EUR", "vat_rate": "21"}, full_form=False)
    clients.add_client(location, {"name": "Beta"}, full_form=False)
    return location


def numbers(location: Location, client: str | None = None, *statuses: str, today: date = TODAY) -> list[str]:
    with open_reader(location) as reader:
        return [q["number"] for q in find_quotes(reader, client, statuses, today)]


def test_numbers_are_sequential_per_year_of_issue(book: Location) -> None:
    first = add_quote(book, "acme", amount="100", today=TODAY)
    second = add_quote(book, "acme", amount="200", today=TODAY)
    older = add_quote(book, "acme", amount="300", issued="2025-03-02", today=TODAY)
    assert [first["number"], second["number"], older["number"]] == ["Q-2026-001", "Q-2026-002", "Q-2025-001"]
    assert (first["status"], first["issued_on"], older["issued_on"]) == ("draft", "2026-11-23", "2025-03-02")


def test_a_removed_quote_keeps_its_number_taken(book: Location) -> None:
    add_quote(book, "acme", amount="100", today=TODAY)
    remove_quote(book, "Q-2026-001", TODAY)
    assert add_quote(book, "acme", amount="100", today=TODAY)["number"] == "Q-2026-002"


def test_a_given_number_is_unique_and_the_next_number_skips_it(book: Location, db_path: Path) -> None:
    assert add_quote(book, "acme", amount="1", number="q-2026-002", today=TODAY)["number"] == "Q-2026-002"
    before = dump(db_path)
    with pytest.raises(Conflict, match=r"^quote number Q-2026-002 exists$"):
        add_quote(book, "beta", amount="1", number="Q-2026-002", currency="EUR", today=TODAY)
    assert dump(book.path) == before  # type: ignore[arg-type]
    assert add_quote(book, "acme", amount="1", today=TODAY)["number"] == "Q-2026-001"
    assert add_quote(book, "acme", amount="1", today=TODAY)["number"] == "Q-2026-003"


def test_vat_is_on_the_net_rounded_half_up_with_the_clients_rate_and_currency(book: Location) -> None:
    quote = add_quote(book, "acme", amount="0.50", vat_rate="5", today=TODAY)  # 2.5 cents
    assert (quote["net"], quote["vat_rate"], quote["vat"], quote["gross"]) == (
        Decimal("0.50"),
        Decimal("5"),
        Decimal("0.03"),
        Decimal("0.53"),
    )
    default = add_quote(book, "acme", amount="1,250.00", today=TODAY)
    assert (default["currency"], default["vat_rate"], default["vat"], default["gross"]) == (
        "EUR",
        Decimal("21"),
        Decimal("262.50"),
        Decimal("1512.50"),
    )


def test_without_any_currency_it_asks_for_one_and_the_vat_rate_is_0(book: Location) -> None:
    with pytest.raises(MissingFields, match=r"needs a currency \(--currency CODE: Beta has none") as missing:
        add_quote(book, "beta", amount="10", today=TODAY)
    assert missing.value.fields == ["currency"]
    set_setting(book, "default-currency", "CHF")
    quote = add_quote(book, "beta", amount="10", today=TODAY)
    assert (quote["currency"], quote["vat_rate"], quote["gross"]) == ("CHF", Decimal("0"), Decimal("10.00"))


@pytest.mark.parametrize(
    ("options", "refusal"),
    [
        ({"amount": "-5"}, "amount '-5' is not a number ≥ 0"),
        ({"amount": "ten"}, "amount 'ten' is not a number"),
        ({"amount": "1.0055"}, "more than 2 decimals"),
        ({"amount": "5", "currency": "XYZ"}, "unknown currency 'XYZ'"),
        ({"amount": "5", "vat_rate": "120"}, "VAT rate '120' must be between 0 and 100"),
        ({"amount": "5", "issued": "2026-11-20", "valid_until": "2026-11-10"}, "before the issue day"),
        ({"amount": "5", "project_id": 1}, "project 1 belongs to Beta"),
        ({"amount": "5", "project_id": 9}, "no project with id 9"),
        ({"amount": "5", "number": "#4"}, "cannot start with #"),
    ],
)
def test_each_refusal_changes_nothing(
    book: Location, db_path: Path, options: dict[str, object], refusal: str
) -> None:
    from kiaro_cli.storage.rows import Project

    with write(book) as w:
        w.add(Project(client_id=2, name="Beta's", status="planned", created_at=w.at, updated_at=w.at))
    add_quote(book, "acme", amount="1", today=TODAY)
    before = dump(db_path)
    with pytest.raises(KiaroError, match=refusal):
        add_quote(book, "acme", today=TODAY, **options)  # type: ignore[arg-type]
    with pytest.raises(KiaroError, match=refusal):
        edit_quote(book, "Q-2026-001", today=TODAY, **{"amount": "5", **options})  # type: ignore[arg-type]
    assert dump(book.path) == before  # type: ignore[arg-type]


def test_a_sent_quote_past_its_day_reads_expired_and_open_ones_are_draft_and_sent(book: Location) -> None:
    add_quote(book, "acme", amount="1", valid_until="2026-11-30", today=TODAY)
    add_quote(book, "acme", amount="2", valid_until="2026-11-30", today=TODAY)
    set_quote_status(book, "Q-2026-001", "sent", TODAY)
    later = date(2026, 12, 1)
    assert numbers(book, None, "expired", today=later) == ["Q-2026-001"]
    assert numbers(book, "acme", "draft", "sent", today=later) == ["Q-2026-002"]
    assert numbers(book, None, "sent", today=TODAY) == ["Q-2026-001"]
    assert numbers(book, "beta") == []


def test_expired_by_hand_ends_its_validity_yesterday(book: Location) -> None:
    add_quote(book, "acme", amount="1", issued="2026-11-01", valid_until="2026-12-31", today=TODAY)
    done = set_quote_status(book, "q-2026-001", "expired", TODAY)
    assert (done.quote["status"], done.quote["valid_until"], done.changed) == ("expired", "2026-11-22", True)
    again = set_quote_status(book, "Q-2026-001", "expired", TODAY)
    assert not again.changed
    with pytest.raises(InvalidValue, match="was valid until 2026-11-22"):
        set_quote_status(book, "Q-2026-001", "sent", TODAY)


def test_a_quote_expired_the_day_it_was_issued_keeps_its_day(book: Location) -> None:
    add_quote(book, "acme", amount="1", valid_until="2026-12-31", today=TODAY)
    done = set_quote_status(book, "Q-2026-001", "expired", TODAY)
    assert (done.quote["status"], done.quote["valid_until"], done.changed) == ("expired", "2026-12-31", True)
    assert numbers(book, None, "expired") == ["Q-2026-001"] and numbers(book, None, "sent") == []
    sent = set_quote_status(book, "Q-2026-001", "sent", TODAY)  # still valid: it can be sent again
    assert (sent.quote["status"], sent.changed) == ("sent", True)
    add_quote(book, "acme", amount="1", issued="2026-12-10", today=TODAY)
    with pytest.raises(InvalidValue, match="was issued on 2026-12-10; it cannot have expired yet"):
        set_quote_status(book, "Q-2026-002", "expired", TODAY)


def test_accepting_a_leads_quote_makes_it_active_once_and_is_on_the_timeline(book: Location) -> None:
    add_quote(book, "acme", amount="1", today=TODAY)
    add_quote(book, "acme", amount="2", today=TODAY)
    done = set_quote_status(book, "Q-2026-001", "won", TODAY)
    assert (done.quote["status"], done.activated) == ("accepted", "Acme")
    with open_reader(book) as reader:
        assert clients.get_client(reader, "acme").status == "active"
        kinds = [entry.kind for entry in timeline(reader, 1)]
    assert kinds[:3] == ["status changed", "quote accepted", "quote added"]
    assert set_quote_status(book, "Q-2026-002", "signed", TODAY).activated is None  # active already


def test_undo_takes_back_an_accept_and_the_clients_activation(book: Location) -> None:
    add_quote(book, "acme", amount="1", today=TODAY)
    set_quote_status(book, "Q-2026-001", "accepted", TODAY)
    undo_last(book)
    with open_reader(book) as reader:
        assert clients.get_client(reader, "acme").status == "lead"
    assert numbers(book, "acme", "draft") == ["Q-2026-001"]
    undo_last(book)
    assert numbers(book) == []
    assert add_quote(book, "acme", amount="1", today=TODAY)["number"] == "Q-2026-001"  # undone: no gap


def test_edit_works_out_vat_again_and_refuses_a_taken_number(book: Location) -> None:
    add_quote(book, "acme", amount="100", today=TODAY)
    add_quote(book, "acme", amount="100", today=TODAY)
    edited = edit_quote(book, "#1", amount="200", vat_rate="10", title="Logo", today=TODAY)
    assert (edited["net"], edited["vat"], edited["gross"], edited["title"]) == (
        Decimal("200.00"),
        Decimal("20.00"),
        Decimal("220.00"),
        "Logo",
    )
    with pytest.raises(Conflict, match="quote number Q-2026-002 exists"):
        edit_quote(book, "Q-2026-001", number="q-2026-002", today=TODAY)
    assert edit_quote(book, "Q-2026-001", number="Q-2026-001", today=TODAY)["number"] == "Q-2026-001"
    with pytest.raises(InvalidValue, match="nothing to change"):
        edit_quote(book, "Q-2026-001", today=TODAY)
    with pytest.raises(NotFound, match="no quote numbered 'Q-9'"):
        edit_quote(book, "Q-9", title="x", today=TODAY)


def test_a_project_made_of_a_quote_is_linked_to_it(book: Location) -> None:
    titled = add_quote(book, "acme", amount="4800", title="Website relaunch", currency="USD", today=TODAY)
    untitled = add_quote(book, "acme", amount="10", today=TODAY)
    project = project_from_quote(book, titled.id, TODAY)
    assert (project["name"], project["status"], project["budget"], project["currency"]) == (
        "Website relaunch",
        "planned",
        Decimal("4800.00"),
        "USD",
    )
    assert project_from_quote(book, untitled.id, TODAY)["name"] == "Quote Q-2026-002"
    with open_reader(book) as reader:
        assert [q["project_id"] for q in find_quotes(reader, "acme", (), TODAY)] == [2, 1]
        assert get_project(reader, 1, TODAY)["client_name"] == "Acme"
    with pytest.raises(Conflict, match="linked to project 1 already"):
        project_from_quote(book, titled.id, TODAY)
    undo_last(book)  # the second project goes, and its quote is for no project again
    with open_reader(book) as reader:
        assert [q["project_id"] for q in find_quotes(reader, "acme", (), TODAY)] == [None, 1]
        with pytest.raises(NotFound):
            get_project(reader, 2, TODAY)


@given(net=st.integers(min_value=0, max_value=10**11), rate=st.integers(min_value=0, max_value=10000))
def test_gross_is_net_plus_vat_rounded_half_up(book: Location, net: int, rate: int) -> None:
    amount, vat_rate = str(Decimal(net).scaleb(-2)), str(Decimal(rate).scaleb(-2))
    quote = add_quote(book, "acme", amount=amount, vat_rate=vat_rate, today=TODAY)
    exact = Decimal(net).scaleb(-2) * Decimal(rate).scaleb(-4)
    assert quote["vat"] == exact.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert quote["gross"] == quote["net"] + quote["vat"]


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)")
def test_on_a_server_quotes_number_read_expired_and_undo(postgres_url: str) -> None:
    server = Location(url=postgres_url)
    clients.add_client(server, {"name": "Acme", "currency": "EUR"}, full_form=False)
    add_quote(server, "acme", amount="100", valid_until="2026-11-30", today=TODAY)
    add_quote(server, "acme", amount="1", number="Q-2026-002", today=TODAY)
    assert add_quote(server, "acme", amount="1", today=TODAY)["number"] == "Q-2026-003"
    set_quote_status(server, "q-2026-001", "sent", TODAY)
    assert numbers(server, None, "expired", today=date(2026, 12, 1)) == ["Q-2026-001"]
    assert set_quote_status(server, "Q-2026-003", "accepted", TODAY).activated == "Acme"
    undo_last(server)
    with open_reader(server) as reader:
        assert clients.get_client(reader, "acme").status == "lead"
    assert numbers(server, "acme", "draft") == ["Q-2026-003", "Q-2026-002"]


WRITER = """
import sys
from datetime import date
from kiaro_cli.core.quotes import add_quote
from kiaro_cli.storage.location import resolve

where = resolve(sys.argv[1])
for _ in range(int(sys.argv[2])):
    print(add_quote(where, "acme", amount="10", today=date(2026, 11, 23))["number"])
"""


@pytest.mark.slow
def test_eight_writers_at_once_never_get_the_same_number(book: Location, db_path: Path) -> None:
    import subprocess
    import sys

    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), "5"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    given: list[str] = []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        given += out.split()
    assert sorted(given) == [f"Q-2026-{serial:03d}" for serial in range(1, 41)]
