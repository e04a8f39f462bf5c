"""The company and billing profile: each field's rule, the card, the defaults, search and undo."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiaro_cli.core import clients
from kiaro_cli.core.profile import (
    clean_annual_revenue,
    clean_bic,
    clean_company_size,
    clean_iban,
    clean_linkedin,
    clean_payment_terms,
    clean_yes_no,
)
from kiaro_cli.core.settings import set_setting
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1-10", "1-10"), ("1 – 10 employees", "1-10"), ("11 to 50", "11-50"), ("51-200 people", "51-200"),
     ("more than 500", "500+"), ("500 plus", "500+"), ("35", "11-50"), ("500", "201-500"), ("501", "500+")],
)  # fmt: skip
def test_company_size_reads_ranges_and_head_counts(typed: str, stored: str) -> None:
    assert clean_company_size(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("<1M", "<1M"), ("under 1 million", "<1M"), ("$1M to $5M", "1-5M"), ("€20M-€100M", "20-100M"),
     ("over 100m", "100M+"), ("2500000", "1-5M"), ("999999", "<1M"), ("1,500,000", "1-5M")],
)  # fmt: skip
def test_annual_revenue_reads_ranges_and_amounts(typed: str, stored: str) -> None:
    assert clean_annual_revenue(typed) == stored


@pytest.mark.parametrize(
    ("typed", "days"), [("30", 30), ("30 days", 30), ("Net 30", 30), ("net14", 14), ("0", 0)]
)
def test_payment_terms_are_days(typed: str, days: int) -> None:
    assert clean_payment_terms(typed) == days


@pytest.mark.parametrize("typed", ["366", "-1", "thirty", "net", "30 weeks"])
def test_payment_terms_outside_a_year_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match="0 to 365 days"):
        clean_payment_terms(typed)


def test_iban_and_bic_are_checked_and_stored_compact() -> None:
    assert clean_iban("nl91 abna 0417 1643 00") == "NL91ABNA0417164300"
    assert clean_bic("deutdeff500") == "DEUTDEFF500"
    with pytest.raises(InvalidValue, match="checksum"):
        clean_iban("NL91 ABNA 0417 1643 01")
    with pytest.raises(InvalidValue, match="country code"):
        clean_bic("ABNAXX2A")


def test_yes_no_and_linkedin() -> None:
    assert (clean_yes_no("Yes", "internal"), clean_yes_no("nee", "internal")) == (True, False)
    with pytest.raises(InvalidValue, match="must be yes or no"):
        clean_yes_no("maybe", "internal")
    assert clean_linkedin("https://www.linkedin.com/company/acme") == "https://www.linkedin.com/company/acme"
    with pytest.raises(InvalidValue, match=r"not a linkedin\.com address"):
        clean_linkedin("https://notlinkedin.com/acme")


PROFILE = {
    "owner": "Sam Rivera",
    "language": "Deutsch",
    "timezone": "Berlin",
    "registration_number": "HRB 12345",
    "reference": "REF-7",
    "company_size": "35",
    "annual_revenue": "$1M to $5M",
    "linkedin": "linkedin.com/company/acme",
    "tax_id": "12/345/67890",
    "internal": "yes",
    "payment_terms_days": "net 14",
    "invoice_email": "AP@Acme.Example",
    "iban": "DE89 3704 0044 0532 0130 00",
    "bic": "COBADEFFXXX",
    "debtor_id": "D-7",
    "minimum_rate": "850",
    "invoice_tolerance": "12,50",
    "financial_note": "PO number on every invoice",
}


def test_a_profile_is_stored_as_its_rules_read_it(location: Location) -> None:
    record = clients.add_client(location, {"name": "Acme", **PROFILE}, full_form=False, today=TODAY)
    assert {key: record[key] for key in PROFILE} == {
        "owner": "Sam Rivera",
        "language": "de",
        "timezone": "Europe/Berlin",
        "registration_number": "HRB 12345",
        "reference": "REF-7",
        "company_size": "11-50",
        "annual_revenue": "1-5M",
        "linkedin": "https://linkedin.com/company/acme",
        "tax_id": "12/345/67890",
        "internal": True,
        "payment_terms_days": 14,
        "invoice_email": "AP@acme.example",
        "iban": "DE89370400440532013000",
        "bic": "COBADEFFXXX",
        "debtor_id": "D-7",
        "minimum_rate": Decimal("850"),
        "invoice_tolerance": Decimal("12.5"),
        "financial_note": "PO number on every invoice",
    }
    assert record.missing_fields == (
        "contact_person",
        "email",
        "address_line1",
        "city",
        "postal_code",
        "country",
    )


def test_payment_terms_fall_back_to_the_workspace_default(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    clients.add_client(location, {"name": "Beta", "payment_terms_days": "7"}, full_form=False, today=TODAY)
    set_setting(location, "default-payment-terms", "30")
    with open_reader(location) as reader:
        acme, beta = clients.get_client(reader, "Acme"), clients.get_client(reader, "Beta")
    assert (acme["payment_terms_days"], acme["effective_payment_terms_days"]) == (None, 30)
    assert (beta["payment_terms_days"], beta["effective_payment_terms_days"]) == (7, 7)


def test_profile_text_is_searched_and_an_edit_is_undone(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    clients.edit_client(
        location, "Acme", {"owner": "Dana Whitfield", "reference": "PO-4411", "iban": "NL91ABNA0417164300"}
    )
    with open_reader(location) as reader:
        for query in ("whitfield", "po-4411"):
            found = list(clients.iter_clients(reader, clients.make_filter(search=query)))
            assert [c.name for c in found] == ["Acme"], query
    undo_last(location)
    with open_reader(location) as reader:
        acme = clients.get_client(reader, "Acme")
    assert (acme["owner"], acme["reference"], acme["iban"]) == (None, None, None)


def test_an_internal_client_is_no_longer_internal_once_cleared(location: Location) -> None:
    clients.add_client(location, {"name": "Acme", "internal": "yes"}, full_form=False, today=TODAY)
    cleared = clients.edit_client(location, "Acme", {}, clear=["internal"]).client
    assert cleared["internal"] is False


def test_clients_gone_quiet_are_those_not_heard_from_since(location: Location) -> None:
    import sqlite3

    from kiaro_cli.core.home import home_summary
    from kiaro_cli.core.interactions import add_interaction

    for name in ("Old", "Talked", "New", "Archived"):
        clients.add_client(location, {"name": name}, full_form=False, today=TODAY)
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        connection.execute("UPDATE client SET created_at = '2025-06-01T10:00:00+00:00' WHERE name <> 'New'")
    add_interaction(location, "Talked", "Catch-up", kind="call", on="2026-10-01", today=TODAY)
    clients.set_archived(location, "Archived", True)
    with open_reader(location) as reader:

        def quiet(since: str) -> list[str]:
            flt = clients.make_filter(quiet_since=since, today=TODAY)
            return sorted(c.name for c in clients.iter_clients(reader, flt))

        assert quiet("12m") == ["Old"]
        assert quiet("1 year ago") == ["Old"]
        assert quiet("2026-11-01") == ["Old", "Talked"]
        assert quiet("the last 6 weeks") == ["Old", "Talked"]
        with pytest.raises(InvalidValue, match="is in the future"):
            quiet("tomorrow")
        assert (home_summary(reader, TODAY).quiet, home_summary(reader, TODAY).quiet_months) == (1, 12)
    set_setting(location, "quiet-months", "1")
    with open_reader(location) as reader:
        assert home_summary(reader, TODAY).quiet == 2
    with pytest.raises(InvalidValue, match="1 to 120 months"):
        set_setting(location, "quiet-months", "0")
