"""The rules a row read from an archive passes, as typed input does: the field that breaks
one is named with why; a row kiaro writes passes."""

from __future__ import annotations

from typing import Any

import pytest

from kiaro_cli.core.archive_rows import ArchiveRules, row_problem

SHA = "ab" * 32
DOCUMENT = {"id": 1, "client_id": 1, "name": "contract.pdf", "kind": "contract", "note": None}
DOCUMENT |= {"size": 3, "sha256": SHA, "created_at": "2026-11-23T10:00:00+00:00"}
INVOICE = {"id": 1, "client_id": 1, "number": "ACME-2026-001", "currency": "EUR", "net_cents": 1000}
INVOICE |= {"vat_rate_bp": 2000, "vat_cents": 200, "gross_cents": 1200, "paid_cents": 1200, "state": "open"}
INVOICE |= {"issued_on": "2026-11-01", "due_on": "2026-12-01", "paid_on": "2026-11-05", "title": None}


@pytest.mark.parametrize(
    ("table", "row"),
    [
        ("client", {"name": "Zoë & Co", "notes": "two\nlines\tand a tab", "follow_up_on": "2026-12-01"}),
        ("document", DOCUMENT),
        ("client", {"name": "Acme", "kind": "individual"}),
        ("address", {"kind": None, "city": "Berlin"}),  # an address's kind may be empty
        ("setting", {"key": "document-size-limit", "value": "1024"}),
        ("undo_step", {"batch": "b", "table_name": "client", "row_key": "[1, 3]", "before": None}),
        ("undo_step", {"batch": "b", "table_name": "", "row_key": "", "before": None}),
        ("activity", {"at": "2026-11-23T10:00:00+00:00", "data": '{"key": "x"}'}),
        ("invoice", INVOICE),
        ("invoice", INVOICE | {"number": None, "state": "draft", "paid_cents": 0, "paid_on": None}),
        ("quote", {"number": "Q-2026-001", "currency": "USD", "net_cents": 0, "status": "declined"}),
        ("project", {"name": "Web", "status": "on-hold", "budget_cents": None, "currency": None}),
        ("ledger_number", {"series": "INV-2026", "last": 7}),
    ],
)
def test_rows_kiaro_writes_pass(table: str, row: dict[str, Any]) -> None:
    assert row_problem(table, row) is None


@pytest.mark.parametrize(
    ("table", "row", "field", "why"),
    [
        ("client", {"name": "Ev\x1b[31mil"}, "name", "control characters"),
        ("client", {"notes": "bell\x07"}, "notes", "control characters"),
        ("contact", {"name": "two\nlines"}, "name", "on one line"),
        ("interaction", {"summary": "Sent\u202efdp.exe"}, "summary", "format character U+202E"),
        ("event", {"text": "Chase\u202eetouq"}, "text", "format character U+202E"),
        ("client", {"created_at": "yesterday"}, "created_at", "not a date and time"),
        ("client", {"follow_up_on": "2026-13-45"}, "follow_up_on", "not a date"),
        ("document", DOCUMENT | {"name": "../../x.sh"}, "name", "plain file name"),
        ("document", DOCUMENT | {"name": ".."}, "name", "plain file name"),
        ("document", DOCUMENT | {"sha256": "../" + SHA[3:]}, "sha256", "64 hex digits"),
        ("document", DOCUMENT | {"kind": "malware"}, "kind", "not a document kind"),
        ("document", DOCUMENT | {"size": -1}, "size", "not a size"),
        ("client", {"name": "Acme", "kind": "robot"}, "kind", "not one of company, individual"),
        ("interaction", {"type": "fax"}, "type", "not one of call, email"),
        ("event", {"kind": "note", "priority": "urgent!"}, "priority", "not one of critical"),
        ("setting", {"key": "documents-folder", "value": "relative/path"}, "value", "absolute path"),
        ("setting", {"key": "documents-folder", "value": "/a\n/b"}, "value", "on one line"),
        ("undo_step", {"table_name": "sqlite_master", "row_key": "1", "before": None}, "table_name", "table"),
        ("undo_step", {"table_name": "client", "row_key": "{", "before": None}, "row_key", "key"),
        ("undo_step", {"table_name": "client", "row_key": "1", "before": "[]"}, "before", "JSON object"),
        ("activity", {"data": "not json"}, "data", "JSON object"),
        ("invoice", INVOICE | {"paid_cents": 1201}, "paid_cents", "more than the invoice's gross"),
        (
            "invoice",
            INVOICE | {"gross_cents": 9_223_372_036_854_775_000},
            "gross_cents",
            "more than kiaro keeps",
        ),
        (
            "invoice",
            INVOICE | {"net_cents": 2 * 10**15, "gross_cents": 2 * 10**15 + 200},
            "net_cents",
            "2×10^13",
        ),
        ("invoice", INVOICE | {"gross_cents": 1, "paid_cents": 0}, "gross_cents", "net amount and the VAT"),
        ("invoice", INVOICE | {"vat_rate_bp": 10_001}, "vat_rate_bp", "a VAT rate up to 100%"),
        ("invoice", INVOICE | {"vat_cents": -1}, "vat_cents", "whole number ≥ 0"),
        ("invoice", INVOICE | {"state": "paid"}, "state", "not one of draft, open, void"),
        ("invoice", INVOICE | {"currency": "€"}, "currency", "currency code"),
        ("invoice", INVOICE | {"number": "A\u202e1"}, "number", "format character U+202E"),
        ("invoice", INVOICE | {"due_on": "soon"}, "due_on", "not a date"),
        ("quote", {"status": "won", "currency": "EUR"}, "status", "not one of draft, sent, accepted"),
        ("project", {"name": "Web", "status": "late"}, "status", "not one of planned"),
        ("project", {"name": "Web", "status": "active", "deadline": "2026-02-30"}, "deadline", "not a date"),
        ("invoice_line", {"description": "Design", "unit_price_cents": -1}, "unit_price_cents", "≥ 0"),
        ("payment", {"amount_cents": -1, "currency": "EUR"}, "amount_cents", "≥ 0"),
        ("ledger_number", {"series": "INV-2026", "last": 0}, "last", "≥ 1"),
    ],
)
def test_a_row_breaking_a_rule_names_its_field(table: str, row: dict[str, Any], field: str, why: str) -> None:
    problem = row_problem(table, row)
    assert problem is not None and problem[0] == field and why in problem[1], problem


def test_the_largest_invoice_kiaro_writes_passes() -> None:
    largest = 999_999_999_999_999  # cents: --amount 9999999999999.99, at a VAT rate of 100%
    row = INVOICE | {"net_cents": largest, "vat_rate_bp": 10_000, "vat_cents": largest, "paid_cents": 0}
    assert row_problem("invoice", row | {"gross_cents": 2 * largest}) is None


def test_a_number_is_given_once_in_an_archive_whatever_its_case() -> None:
    rules = ArchiveRules()
    assert rules("invoice", INVOICE) is None
    assert rules("invoice", INVOICE | {"number": None, "state": "draft", "paid_cents": 0}) is None
    assert rules("invoice", INVOICE | {"number": None, "state": "draft", "paid_cents": 0}) is None
    assert rules("quote", {"number": "ACME-2026-001", "currency": "EUR", "status": "sent"}) is None
    assert rules("invoice", INVOICE | {"number": "acme-2026-001"}) == (
        "number",
        "acme-2026-001 is given to another invoice before it",
    )


@pytest.mark.parametrize(
    ("table", "row", "broken"),
    [
        ("contact", {"name": "Ann", "birthday": "1984-02-30"}, None),
        ("contact", {"name": "Ann", "birthday": "--13-01"}, None),
        ("contact", {"name": "Ann", "birthday": "soon"}, None),
        ("contact", {"name": "Ann", "birthday": "1984-5-7"}, None),
        ("client", {"name": "Acme", "cadence": "0w"}, None),
        ("client", {"name": "Acme", "cadence": "6 weeks"}, None),
        ("client_date", {"label": "Re\x1bnewal", "falls_on": "2027-03-01"}, "label"),
        ("client_date", {"label": "Renewal", "falls_on": "2027-02-30"}, "falls_on"),
    ],
)
def test_a_birthday_cadence_or_client_date_not_as_kiaro_keeps_it_is_refused(
    table: str, row: dict[str, Any], broken: str | None
) -> None:
    problem = row_problem(table, row)
    assert problem is not None and problem[0] == (broken or next(iter(set(row) - {"name"})))


@pytest.mark.parametrize(
    ("table", "row"),
    [
        ("contact", {"name": "Ann", "birthday": "1984-05-17"}),
        ("contact", {"name": "Ann", "birthday": "--02-29"}),
        ("contact", {"name": "Ann", "birthday": None}),
        ("client", {"name": "Acme", "cadence": "6w"}),
        ("client_date", {"label": "Renewal", "falls_on": "2027-03-01", "yearly": True}),
    ],
)
def test_a_birthday_cadence_and_client_date_kiaro_keeps_pass(table: str, row: dict[str, Any]) -> None:
    assert row_problem(table, row) is None
