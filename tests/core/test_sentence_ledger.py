"""The command bar's ledger grammar: projects, invoices and payments as people say them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core.sentence_ledger import read_amount
from kiaro_cli.core.sentences import Step, readings


def first(sentence: str) -> Step:
    (step,) = readings(sentence)[0]
    return step


@pytest.mark.parametrize(
    ("sentence", "client", "when", "name"),
    [
        ("new project Website relaunch for Acme, deadline March 1", "Acme", "March 1", "Website relaunch"),
        ("start a project called Audit for Kobalt Labs due in 6 weeks", "Kobalt Labs", "in 6 weeks", "Audit"),
        ("new project Design for print for Acme", "Acme", None, "Design for print"),
        ("add a project for Brand Factor: Brand book, by Friday", "Brand Factor", "Friday", "Brand book"),
    ],
)
def test_a_project_names_its_client_deadline_and_name(
    sentence: str, client: str, when: str | None, name: str
) -> None:
    step = first(sentence)
    assert (step.action, step.client, step.when, step.value("name")) == ("project", client, when, name)


@pytest.mark.parametrize("join", ["; ", ", ", " and ", " then ", ", and "])
def test_two_projects_in_one_sentence_are_two_projects_first(join: str) -> None:
    reading = readings(f"new project Audit for Acme{join}new project Logo for Brand Factor")[0]
    assert [(step.action, step.client, step.value("name")) for step in reading] == [
        ("project", "Acme", "Audit"),
        ("project", "Brand Factor", "Logo"),
    ]  # never one project named "Audit for Acme; new project Logo" for Brand Factor


@pytest.mark.parametrize("name", ["Old and New Antiques", "Print, Record and Issue Ltd", "Open and Shut"])
def test_a_name_holding_a_ledger_verb_is_one_name(name: str) -> None:
    (step,) = readings(f"add {name} to my clients")[0]
    assert (step.action, step.value("name")) == ("create", name)


def test_a_ledger_clause_after_another_is_read_as_one() -> None:
    reading = readings("start a project for Acme: Audit; log a 500 invoice for Brand Factor")[0]
    read = [(step.action, step.client) for step in reading]
    assert read == [("project", "Acme"), ("invoice", "Brand Factor")]


@pytest.mark.parametrize(
    ("sentence", "client", "amount", "currency", "when", "title"),
    [
        ("log a €1,200 invoice for Acme due in 30 days", "Acme", "1200", "EUR", "in 30 days", None),
        ("invoice Acme €800 for the audit, due in 2 weeks", "Acme", "800", "EUR", "in 2 weeks", "the audit"),
        ("log an invoice of 500 USD for Acme", "Acme", "500", "USD", None, None),
        ("invoice Brand Factor 2.5k: logo work", "Brand Factor", "2500", None, None, "logo work"),
        ("raise a £300 invoice to Kobalt Labs", "Kobalt Labs", "300", "GBP", None, None),
    ],
)
def test_an_invoice_keeps_its_amount_currency_due_day_and_title(
    sentence: str, client: str, amount: str, currency: str | None, when: str | None, title: str | None
) -> None:
    step = first(sentence)
    assert (step.action, step.client, step.when) == ("invoice", client, when)
    assert (step.value("amount"), step.value("currency"), step.value("title")) == (amount, currency, title)


@pytest.mark.parametrize(
    ("sentence", "client", "number", "amount", "when"),
    [
        ("Acme paid ACM-2026-004", "Acme", "ACM-2026-004", None, None),
        ("ACM-2026-004 was paid yesterday", None, "ACM-2026-004", None, "yesterday"),
        ("mark inv-2026-002 as paid", None, "INV-2026-002", None, None),
        ("record a payment of €500 on ACM-2026-004", None, "ACM-2026-004", "500", None),
        ("Acme paid €300 of ACM-2026-004 on friday", "Acme", "ACM-2026-004", "300", "friday"),
        ("Acme paid INV-0001", "Acme", "INV-0001", None, None),  # other tools' numbers
        ("Acme Studio paid as-1", "Acme Studio", "AS-1", None, None),
        ("mark 2026/17 as paid", None, "2026/17", None, None),
        ("F2026-12 was paid yesterday", None, "F2026-12", None, "yesterday"),
        ("Acme paid invoice 1001", "Acme", "1001", None, None),  # digits alone after "invoice"
    ],
)
def test_a_payment_names_its_invoice(
    sentence: str, client: str | None, number: str, amount: str | None, when: str | None
) -> None:
    step = first(sentence)
    assert (step.action, step.client, step.value("number"), step.value("amount"), step.when) == (
        "pay", client, number, amount, when,
    )  # fmt: skip


def test_a_ledger_clause_joins_the_others() -> None:
    steps = readings("Acme paid ACM-2026-004 and follow up in 2 weeks")[0]
    assert [step.action for step in steps] == ["pay", "follow-up"]


@pytest.mark.parametrize("sentence", ["Acme paid 500", "Acme paid 5k", "Acme paid 1.200", "Acme paid 2.5k"])
def test_an_amount_alone_is_never_read_as_an_invoice_number(sentence: str) -> None:
    from kiaro_cli.core.sentence_words import NotUnderstood

    with pytest.raises(NotUnderstood):
        readings(sentence)


def test_paid_followed_by_words_that_are_no_date_is_not_a_payment() -> None:
    from kiaro_cli.core.sentence_words import NotUnderstood

    with pytest.raises(NotUnderstood):
        readings("Acme paid ACM-2026-004 twice, oddly")


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_a_thousand_said_with_a_symbol_reads_as_a_thousand(thousands: int, rest: int) -> None:
    assert read_amount(f"€{thousands},{rest:03d}") == (f"{thousands}{rest:03d}", "EUR")
    assert read_amount(f"{thousands}.{rest:03d} USD") == (f"{thousands}{rest:03d}", "USD")


def test_amounts_with_decimals_keep_them() -> None:
    assert read_amount("1,250.50 EUR") == ("1,250.50", "EUR")
    assert read_amount("eur 99.90") == ("99.90", "EUR")
    assert read_amount("300 pounds") == ("300", "GBP")
