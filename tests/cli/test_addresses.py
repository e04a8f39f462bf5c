"""The record beyond the client through the CLI: addresses, rates, quiet clients, when you last talked."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.helpers import FULL_ARGS, Run

POSTBUS = ["--line1", "Postbus 12", "--city", "Utrecht", "--postal-code", "3500 AA", "--country", "NL"]


def test_addresses_from_the_command_line(kiaro: Run) -> None:
    assert kiaro("client", "add", *FULL_ARGS).exit_code == 0
    added = kiaro("client", "address", "add", "brand", "--kind", "billing", *POSTBUS)
    assert added.exit_code == 0, added.stderr
    assert added.stdout == "Added invoicing address #2: Postbus 12, 3500 AA Utrecht, NL\n"
    listed = json.loads(kiaro("client", "address", "list", "brand", "--format", "json").stdout)
    assert [(a["id"], a["kind"], a["default"]) for a in listed] == [
        (1, "office", True),
        (2, "invoicing", False),
    ]
    shown = kiaro("client", "show", "brand").stdout
    assert "Addresses" in shown and "#2 invoicing" in shown
    assert shown.index("Postbus 12") < shown.index(
        "Addresses"
    )  # the Billing address card bills the invoicing one
    as_json = json.loads(kiaro("client", "show", "brand", "--format", "json").stdout)
    assert [a["line1"] for a in as_json["addresses"]] == ["12 Long Street", "Postbus 12"]
    assert as_json["address_line1"] == "12 Long Street"  # the default stays the client's own address
    made = kiaro("client", "address", "default", "2")
    assert made.stdout == "Default address is now #2: Postbus 12, 3500 AA Utrecht, NL\n"
    client = json.loads(kiaro("client", "show", "brand", "--format", "json").stdout)
    assert (client["address_line1"], client["postal_code"]) == ("Postbus 12", "3500 AA")
    edited = kiaro("client", "address", "edit", "1", "--label", "Head office", "--line2", "Floor 3")
    assert edited.exit_code == 0 and "Floor 3" in edited.stdout
    removed = kiaro("client", "address", "remove", "2", "--yes")
    assert removed.stdout.splitlines() == [
        "Removed invoicing address #2",
        "Default address is now #1: 12 Long Street, Floor 3, 8001 Cape Town, ZA",
    ]
    last = kiaro("client", "address", "remove", "1", "--yes")
    assert last.exit_code == 1 and "only address of Brand Factor" in last.stderr


def test_a_default_without_a_postal_code_notes_that_the_client_is_no_longer_ready(kiaro: Run) -> None:
    assert kiaro("client", "add", *FULL_ARGS).exit_code == 0
    office = ["--line1", "1 Dam", "--city", "Amsterdam", "--country", "NL"]
    assert kiaro("client", "address", "add", "brand", *office).exit_code == 0
    made = kiaro("client", "address", "default", "2")
    assert made.exit_code == 0
    assert made.stderr == (
        "Note: Brand Factor (#1) is no longer ready to invoice: missing postal code (--postal-code)\n"
    )
    assert kiaro("client", "address", "default", "1").stderr == ""  # ready again: nothing to note


def test_address_refusals_change_nothing(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    before = kiaro("client", "show", "acme", "--format", "json").stdout
    for args in (
        ["add", "acme", "--city", "Utrecht", "--country", "NL"],
        ["add", "acme", *POSTBUS, "--kind", "moon"],
        ["add", "acme", "--line1", "x", "--city", "y", "--country", "Atlantis"],
        ["edit", "99", "--city", "x"],
        ["remove", "99", "--yes"],
        ["default", "abc"],
    ):
        done = kiaro("client", "address", *args)
        assert done.exit_code in (1, 2), args
        assert "Error" in done.stderr, args
    assert kiaro("client", "show", "acme", "--format", "json").stdout == before


def test_rates_from_the_command_line(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert kiaro("settings", "set", "default-currency", "EUR").exit_code == 0
    added = kiaro("client", "rate", "add", "acme", "Senior designer", "--rate", "95", "--overtime", "120")
    assert added.stdout == "Added rate: Senior designer at 95.00 EUR, overtime 120.00 (#1)\n"
    again = kiaro("client", "rate", "add", "acme", "senior designer", "--rate", "90")
    assert again.exit_code == 1 and "already has a rate for Senior designer (#1)" in again.stderr
    assert "Senior designer" in kiaro("client", "show", "acme").stdout.split("Rates")[1]
    listed = json.loads(kiaro("client", "rate", "list", "acme", "--format", "json").stdout)
    assert listed == [
        {
            "id": 1,
            "client_id": 1,
            "position": "Senior designer",
            "rate": 95,
            "overtime": 120,
            "currency": "EUR",
        }
    ]
    removed = kiaro("client", "rate", "remove", "1")  # undo brings it back: no question
    assert removed.stdout == "Removed rate: Senior designer at 95.00 EUR, overtime 120.00 (#1)\n"
    kiaro("undo")
    assert kiaro("client", "rate", "remove", "1", "-q", "--yes").stdout == "1\n"  # --yes is taken
    assert json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)["rates"] == []


def test_a_rate_is_changed_in_place(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert (
        kiaro("client", "rate", "add", "acme", "Designer", "--rate", "95", "--overtime", "120").exit_code == 0
    )
    assert kiaro("client", "rate", "add", "acme", "Developer", "--rate", "80").exit_code == 0
    changed = kiaro("client", "rate", "edit", "1", "--rate", "105", "--overtime", "", "--currency", "eur")
    assert changed.stdout == "Changed rate: Designer at 105.00 EUR (#1)\n", changed.stderr
    renamed = kiaro("client", "rate", "edit", "1", "--position", "Lead designer", "-f", "json")
    assert json.loads(renamed.stdout) == {
        "id": 1,
        "client_id": 1,
        "position": "Lead designer",
        "rate": 105,
        "overtime": None,
        "currency": "EUR",
    }
    taken = kiaro("client", "rate", "edit", "1", "--position", "developer")
    assert (taken.exit_code, taken.stderr) == (1, "Error: Acme already has a rate for Developer (#2)\n")
    assert kiaro("client", "rate", "edit", "1", "--rate", "1,250").exit_code == 1  # the one number rule
    assert kiaro("undo").exit_code == 0
    assert (
        json.loads(kiaro("client", "rate", "list", "acme", "-f", "json").stdout)[0]["position"] == "Designer"
    )


def test_quiet_clients_are_listed_and_counted_on_the_home_screen(kiaro: Run, db_path: Path) -> None:
    for name in ("Old", "Talked", "New"):
        assert kiaro("client", "quick-add", name).exit_code == 0
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE client SET created_at = '2025-06-01T10:00:00+00:00' WHERE name <> 'New'")
    assert kiaro("interaction", "add", "talked", "Catch-up", "--on", "2026-10-01").exit_code == 0
    assert kiaro("client", "list", "--quiet-since", "12m", "-q").stdout.split() == ["1"]
    assert kiaro("client", "list", "--quiet-since", "2026-11-01", "-q").stdout.split() == ["1", "2"]
    assert "1 client quiet for 12+ months: kiaro client list --quiet-since 12m" in kiaro().stdout
    assert kiaro("settings", "set", "quiet-months", "1").exit_code == 0
    assert "2 clients quiet for 1+ months: kiaro client list --quiet-since 1m" in kiaro().stdout


def test_each_contact_shows_when_you_last_talked(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert kiaro("contact", "add", "acme", "--name", "Ann Lee").exit_code == 0
    assert kiaro("contact", "add", "acme", "--name", "Bo Chen").exit_code == 0
    assert kiaro("interaction", "add", "acme", "Lunch", "--contact", "2", "--on", "2026-11-20").exit_code == 0
    table = kiaro("contact", "list", "acme").stdout
    assert "Last talked" in table
    bo = next(line for line in table.splitlines() if "Bo Chen" in line)
    assert "20 Nov" in bo and "20 Nov" not in next(line for line in table.splitlines() if "Ann Lee" in line)
    listed = json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)
    assert [c["last_interaction_at"] for c in listed] == [None, "2026-11-20"]


def test_address_and_rate_listings_print_only_ids_with_q(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    kiaro("client", "address", "add", "acme", "--line1", "1 Main St", "--city", "Leeds", "--country", "GB")
    kiaro(
        "client",
        "address",
        "add",
        "acme",
        "--kind",
        "site",
        "--line1",
        "2 Dock Rd",
        "--city",
        "Hull",
        "--country",
        "GB",
    )
    kiaro("client", "rate", "add", "acme", "Designer", "--rate", "90", "--currency", "EUR")
    assert kiaro("client", "address", "list", "acme", "-q").stdout == "1\n2\n"
    assert kiaro("client", "rate", "list", "acme", "-q").stdout == "1\n"


def test_quiet_address_list_prints_no_id_for_the_client_s_own_address(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("client", "edit", "acme", "--address", "1 Main Street", "--city", "Utrecht", "-q")
    assert kiaro("client", "address", "list", "acme", "-q").stdout == ""  # it printed "None"
