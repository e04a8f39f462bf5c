"""The client commands as a script or a person uses them (CliRunner, no terminal)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FULL_ARGS, Run, add_many, dump, golden_keys


def add_full(kiaro: Run, *extra: str) -> dict[str, Any]:
    result = kiaro("client", "add", *FULL_ARGS, *extra, "--format", "json")
    assert result.exit_code == 0, result.stderr
    record: dict[str, Any] = json.loads(result.stdout)
    return record


def test_add_prints_one_line_with_the_id(kiaro: Run) -> None:
    result = kiaro("client", "add", *FULL_ARGS)
    assert result.exit_code == 0
    assert result.stdout == "Added Brand Factor (#1)\n"


def test_add_off_a_terminal_names_every_missing_field(kiaro: Run) -> None:
    result = kiaro("client", "add", "--name", "Acme", "--city", "Paris")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: missing invoice-ready fields: contact person (--contact), email")
    assert "postal code (--postal-code), country (--country)" in result.stderr
    assert "Traceback" not in result.output


def test_add_json_is_the_record_with_every_key(kiaro: Run) -> None:
    record = add_full(kiaro, "--tag", "design", "--vat-rate", "15", "--value", "1200.5")
    assert list(record) == golden_keys("client")
    assert record["country"] == "ZA" and record["tags"] == ["design"]
    assert record["vat_rate"] == 15 and record["value"] == 1200.5
    assert record["created_at"].endswith("+00:00")


def test_quick_add_quiet_prints_only_the_id(kiaro: Run) -> None:
    result = kiaro("client", "quick-add", "Acme Corp", "-q")
    assert (result.exit_code, result.stdout) == (0, "1\n")


def test_quick_add_prints_the_resolved_follow_up_date(kiaro: Run) -> None:
    result = kiaro("client", "quick-add", "Acme Corp", "--follow-up", "in 3 weeks")
    assert result.stdout == "Added lead Acme Corp (#1), follow up on Mon 14 Dec 2026\n"


def test_refusals_exit_1_with_one_error_line_and_change_nothing(kiaro: Run, db_path: Path) -> None:
    add_full(kiaro)
    before = dump(db_path)
    for args in (
        ["client", "add", *FULL_ARGS],  # duplicate name
        ["client", "edit", "brand", "--country", "Atlantis"],
        ["client", "edit", "brand", "--vat-rate", "101"],
        ["client", "edit", "brand", "--email", "nope"],
        ["client", "edit", "brand", "--follow-up", "last week"],
        ["client", "edit", "brand", "--website", "ftp://x.com"],
        ["client", "edit", "nobody", "--city", "X"],
        ["client", "edit", "brand"],
        ["client", "show", ""],
        ["client", "show", "9" * 30],
        ["contact", "edit", "9" * 30, "--name", "X"],
        ["client", "delete", "brand"],  # needs --yes off a terminal
    ):
        result = kiaro(*args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith("Error: "), args
        assert "Traceback" not in result.output
    assert dump(db_path) == before


def test_usage_errors_exit_2(kiaro: Run) -> None:
    for args in (
        ["client", "list", "--format", "xml"],
        ["client", "list", "--sort", "colour"],
        ["client", "add", "--status", "vip"],
        ["client", "status", "x", "vip"],
        ["client", "list", "--bogus"],
        ["contact", "add", "x", "--name", "A", "--role", "boss"],
    ):
        done = kiaro(*args)
        assert done.exit_code == 2, args
        command = " ".join(arg for arg in args[:2] if not arg.startswith("-"))
        assert done.stderr.splitlines() == [f"{done.stderr.split('; see ')[0]}; see kiaro {command} --help"]
        assert done.stderr.startswith("Error: ") and "Usage:" not in done.stderr and "Try " not in done.stderr


def test_ambiguous_reference_lists_candidates(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme North")
    kiaro("client", "quick-add", "Acme South")
    result = kiaro("client", "show", "acme")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: 'acme' matches 2 clients; use an id or a longer name",
        "  #1  Acme North",
        "  #2  Acme South",
    ]
    for n in range(10):
        kiaro("client", "quick-add", f"Beta {n}")
    listed = kiaro("client", "show", "beta").stderr.splitlines()[1:]
    assert listed[-2:] == ["  #11  Beta 8", "  #12  Beta 9"] and listed[0] == "   #3  Beta 0"


def test_show_json_has_the_contacts(kiaro: Run) -> None:
    add_full(kiaro)
    shown = json.loads(kiaro("client", "show", "brand", "--format", "json").stdout)
    assert shown["contacts"][0]["name"] == "Thandi Mokoena" and shown["contacts"][0]["primary"] is True


def test_show_banner_names_exactly_the_missing_fields_until_they_are_saved(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme", "--follow-up", "1w")
    kiaro("client", "edit", "acme", "--email", "hi@acme.com", "--contact", "Ann Lee")
    shown = kiaro("client", "show", "acme").stdout
    assert "Missing invoice details: address, city, postal code, country" in shown
    assert "kiaro client complete 1" in shown
    kiaro(
        "client",
        "edit",
        "acme",
        "--address",
        "1 Main St",
        "--city",
        "Utrecht",
        "--postal-code",
        "3511 AA",
        "--country",
        "NL",
    )
    shown = kiaro("client", "show", "acme").stdout
    assert "Missing invoice details" not in shown
    assert "Ann Lee" in shown and "Netherlands (NL)" in shown


def test_show_says_where_currency_and_vat_come_from(kiaro: Run) -> None:
    add_full(kiaro, "--vat-number", "4123")
    kiaro("settings", "set", "default-currency", "EUR")
    kiaro("settings", "set", "home-country", "Netherlands")
    shown = kiaro("client", "show", "brand").stdout
    assert "EUR  (workspace default)" in shown
    assert "reverse charge may apply" in shown


def test_list_table_pages_at_50_and_says_how_many_more(kiaro: Run, tmp_path: Path) -> None:
    add_many(kiaro, tmp_path, [f"Client {i:02d}" for i in range(53)])
    table = kiaro("client", "list").stdout
    assert "Client 49" in table and "Client 50" not in table
    assert "… and 3 more" in table
    assert len(kiaro("client", "list", "--format", "jsonl").stdout.splitlines()) == 53
    assert kiaro("client", "list", "-q", "--limit", "2").stdout == "1\n2\n"


def test_list_formats_and_filters(kiaro: Run) -> None:
    add_full(kiaro, "--tag", "design")
    kiaro("client", "quick-add", "Acme")
    leads = json.loads(kiaro("client", "list", "--status", "LEAD", "--format", "json").stdout)
    assert [c["name"] for c in leads] == ["Acme"]
    rows = list(
        csv.DictReader(io.StringIO(kiaro("client", "list", "--tag", "design", "--format", "csv").stdout))
    )
    assert [r["name"] for r in rows] == ["Brand Factor"] and rows[0]["tags"] == "design"
    assert json.loads(kiaro("client", "list", "--missing", "--format", "json").stdout)[0]["name"] == "Acme"
    assert kiaro("client", "list", "--format", "json", "--search", "nothing").stdout == "[]\n"


def test_edit_clear_status_tag_archive_and_delete(kiaro: Run) -> None:
    add_full(kiaro, "--vat-rate", "15")
    assert (
        kiaro("client", "edit", "brand", "--clear", "vat_rate").stdout
        == "Updated Brand Factor (#1): VAT rate cleared\n"
    )
    assert kiaro("client", "status", "brand", "Past").stdout == "Brand Factor (#1): active → past\n"
    assert kiaro("client", "tag", "brand", "vip", "VIP").stdout == "Tagged Brand Factor (#1): vip\n"
    assert kiaro("client", "untag", "brand", "Vip").stdout == "Untagged Brand Factor (#1): vip\n"
    assert kiaro("client", "archive", "brand").stdout == "Archived Brand Factor (#1)\n"
    assert kiaro("client", "list", "-q").stdout == ""
    assert kiaro("client", "list", "--archived", "-q").stdout == "1\n"
    assert kiaro("client", "unarchive", "brand").stdout == "Unarchived Brand Factor (#1)\n"
    deleted = kiaro("client", "delete", "brand", "--yes")
    assert deleted.stdout == "Deleted Brand Factor (#1) and everything of it\n"
    assert kiaro("client", "show", "brand").exit_code == 1


def test_complete_off_a_terminal_names_what_is_missing(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    result = kiaro("client", "complete", "acme")
    assert result.exit_code == 1
    assert "Acme is missing contact person (--contact), email (--email)" in result.stderr
    add_full(kiaro)
    assert kiaro("client", "complete", "brand").stdout == "Brand Factor (#2) has every invoice-ready field\n"


def test_home_shows_a_welcome_then_counts(kiaro: Run) -> None:
    assert "Welcome to kiaro" in kiaro().stdout
    kiaro("client", "quick-add", "Acme")
    home = kiaro("home").stdout
    assert "1 lead" in home and "1 client missing invoice details" in home


def test_the_invoicing_settings_are_checked_as_typed(kiaro: Run) -> None:
    assert kiaro("settings", "set", "invoice-prefix", "studio").stdout == "invoice-prefix = STUDIO\n"
    for key, bad in (("invoice-prefix", "ST-1"), ("business-iban", "NL00 1234"), ("business-name", "a\x1bb")):
        refused = kiaro("settings", "set", key, bad)
        said = refused.stderr.lower()
        assert refused.exit_code == 1 and said.startswith("error: ") and key.split("-")[-1] in said, said
        assert said.count("\n") == 1
    assert kiaro("settings", "set", "business-address", "Keizersgracht 1\\n1015 CJ Amsterdam").exit_code == 0
    shown = json.loads(kiaro("settings", "show", "--format", "json").stdout)
    assert shown["invoice-prefix"] == "STUDIO"
    assert shown["business-address"] == "Keizersgracht 1\n1015 CJ Amsterdam"


def test_settings_validate_and_refuse_unknown_keys(kiaro: Run) -> None:
    assert kiaro("settings", "set", "default-vat-rate", "21").stdout == "default-vat-rate = 21\n"
    assert kiaro("settings", "set", "home-country", "holland").stdout == "home-country = NL\n"
    assert kiaro("settings", "set", "default-currency", "bitcoin").exit_code == 1
    bad = kiaro("settings", "set", "colour", "blue")
    assert bad.exit_code == 1 and "unknown setting 'colour'" in bad.stderr
    terms = kiaro("settings", "set", "default-payment-terms", "net 30")
    assert terms.stdout == "default-payment-terms = 30\n"
    assert kiaro("settings", "set", "default-payment-terms", "400").exit_code == 1
    shown = json.loads(kiaro("settings", "show", "--format", "json").stdout)
    assert shown == {
        "default-currency": None,
        "default-vat-rate": "21",
        "home-country": "NL",
        "owner-name": None,
        "default-payment-terms": "30",
        "quiet-months": "12",
        "document-size-limit": "104857600",  # 100 MiB
        "documents-folder": None,
        "invoice-prefix": "INV",
        "business-name": None,
        "business-address": None,
        "business-vat-number": None,
        "business-iban": None,
        "dates-ahead-days": "7",
        "user-name": None,
        "command-model": None,
    }
    assert kiaro("settings", "set", "home-country", "").stdout == "home-country cleared\n"
    for said in ("50MB", "50MiB", "50 MB"):
        limit = kiaro("settings", "set", "document-size-limit", said)
        assert limit.stdout == "document-size-limit = 50 MiB\n"
    assert "document-size-limit     50 MiB" in kiaro("settings", "show").stdout


def test_every_command_has_help_with_an_example(kiaro: Run) -> None:
    from typer.main import get_command

    from kiaro_cli.cli.app import app

    def leaves(command: object, path: list[str]) -> list[list[str]]:
        children = getattr(command, "commands", None)
        if children is None:
            return [path]
        return [leaf for name, child in children.items() for leaf in leaves(child, [*path, name])]

    paths = leaves(get_command(app), [])
    assert len(paths) > 20 and ["client", "address", "add"] in paths
    for path in paths:
        text = kiaro(*path, "--help").stdout
        assert "Example" in text, path


def test_a_value_outside_the_choices_is_one_clean_sentence_and_exit_2(kiaro: Run) -> None:
    for args, line in (
        (["client", "list", "--format", "xml"], "'xml' is not one of table, json, jsonl, csv"),
        (
            ["client", "list", "--sort", "size"],
            "'size' is not one of name, value, activity, created, follow-up, revenue",
        ),
        (["client", "list", "--limit", "0"], "'0' is not a whole number from 1 to 2147483647"),
        (["contact", "edit", "abc", "--name", "X"], "'abc' is not an id"),
    ):
        result = kiaro(*args)
        assert result.exit_code == 2, args
        assert result.stderr.rstrip().endswith(f"{line}; see kiaro {' '.join(args[:2])} --help"), (
            result.stderr
        )
        assert "Value error" not in result.stderr and "Input should" not in result.stderr


def test_the_words_other_tools_use_are_understood(kiaro: Run, tmp_path: Path) -> None:
    assert kiaro("client", "add", *FULL_ARGS, "--status", "Potential", "--value", "100").exit_code == 0
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert kiaro("client", "edit", "acme", "--value", "900").exit_code == 0
    assert kiaro("client", "status", "acme", "Prospect").exit_code == 0
    by_value = kiaro("client", "list", "--sort", "amount", "--desc", "-q").stdout.split()
    assert by_value == ["2", "1"]
    assert kiaro("client", "list", "--status", "prospect", "-q").stdout.split() == ["2", "1"]
    contact = kiaro("contact", "add", "acme", "--name", "Ann", "--role", "Decision Maker", "-f", "json")
    assert json.loads(contact.stdout)["role"] == "decision-maker"
    call = kiaro("interaction", "add", "acme", "Rang them", "--type", "phone", "-f", "json")
    assert json.loads(call.stdout)["type"] == "call"
    sheet = tmp_path / "crm.csv"
    sheet.write_text('Company,Stage,Tags\nNordic Forge,Prospect,"design, web"\n')
    assert kiaro("import", "clients", str(sheet)).exit_code == 0
    imported = json.loads(kiaro("client", "show", "nordic", "-f", "json").stdout)
    assert (imported["status"], imported["tags"]) == ("lead", ["design", "web"])


def test_an_edit_says_what_was_stored(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    done = kiaro(
        "client", "edit", "acme", "--country", "south korea", "--phone", "02 312 3456", "--value", "12 000",
        "--website", "acme.kr", "--currency", "krw", "--follow-up", "friday", "--notes", "x" * 60,
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.stdout == (
        "Updated Acme (#1): country → KR (South Korea), phone → +82 2-312-3456, "
        "website → https://acme.kr, currency → KRW, value → 12000.00, notes → " + "x" * 39 + "…, "
        "follow-up date → Fri 27 Nov 2026\n"
    )
    assert kiaro("client", "edit", "acme", "--clear", "value").stdout == "Updated Acme (#1): value cleared\n"


def test_a_rename_onto_another_clients_name_needs_allow_duplicate(kiaro: Run, db_path: Path) -> None:
    add_full(kiaro)
    kiaro("client", "quick-add", "Acme")
    before = dump(db_path)
    refused = kiaro("client", "edit", "acme", "--name", "BRAND FACTOR")
    assert refused.exit_code == 1 and "already exists (#1)" in refused.stderr
    assert dump(db_path) == before
    assert kiaro("client", "edit", "acme", "--name", "BRAND FACTOR", "--allow-duplicate").exit_code == 0


def test_adding_a_client_with_an_email_in_use_adds_it_with_a_note(kiaro: Run) -> None:
    add_full(kiaro)
    added = kiaro("client", "quick-add", "CDF Marketing")
    edited = kiaro("client", "edit", "CDF Marketing", "--email", "thandi@brandfactor.co.za")
    assert added.exit_code == 0 and edited.exit_code == 0
    assert edited.stderr == "Note: thandi@brandfactor.co.za is also the email of Brand Factor (#1)\n"
    again = kiaro("client", "add", *FULL_ARGS, "--allow-duplicate")
    assert again.exit_code == 0 and again.stdout == "Added Brand Factor (#3)\n"
    assert "is also the email of Brand Factor (#1), CDF Marketing (#2)" in again.stderr


def test_no_match_suggests_the_closest_names_and_counts_archived_ones(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme Corp")
    kiaro("client", "quick-add", "Brand Factor")
    missing = kiaro("client", "show", "Brnad Factor")
    assert missing.stderr == "Error: no client matches 'Brnad Factor'; did you mean Brand Factor (#2)?\n"
    assert kiaro("client", "show", "zzz").stderr == "Error: no client matches 'zzz'\n"
    kiaro("client", "archive", "acme")
    assert kiaro("client", "list", "--search", "acme").stdout == "No clients match (1 archived; add --all).\n"
    assert kiaro("client", "list", "--search", "nobody").stdout == "No clients match.\n"


def test_cards_show_times_in_local_friendly_words(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme", "--follow-up", "today")
    kiaro("followup", "done", "acme", "--next", "the 30th")
    cards = kiaro("client", "show", "acme").stdout
    assert "Mon 30 Nov 2026 (in 7 days)" in cards
    assert "Last done" in cards and "+00:00" not in cards and "T0" not in cards


def test_the_profile_options_store_show_and_clear(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    edited = kiaro(
        "client", "edit", "acme", "--owner", "Sam Rivera", "--language", "Dutch", "--timezone", "Amsterdam",
        "--company-size", "more than 500", "--iban", "NL91 ABNA 0417 1643 00", "--bic", "abnanl2a",
        "--payment-terms-days", "net 14", "--internal", "yes", "--format", "json",
    )  # fmt: skip
    assert edited.exit_code == 0, edited.stderr
    stored = json.loads(edited.stdout)
    assert {k: stored[k] for k in ("owner", "language", "timezone", "company_size", "iban", "bic")} == {
        "owner": "Sam Rivera",
        "language": "nl",
        "timezone": "Europe/Amsterdam",
        "company_size": "500+",
        "iban": "NL91ABNA0417164300",
        "bic": "ABNANL2A",
    }
    assert (stored["payment_terms_days"], stored["effective_payment_terms_days"], stored["internal"]) == (
        14,
        14,
        True,
    )
    shown = kiaro("client", "show", "acme").stdout
    assert "Company" in shown and "Dutch (nl)" in shown and "NL91 ABNA 0417 1643 00" in shown
    assert "yes: an internal client" in shown
    cleared = kiaro("client", "edit", "acme", "--clear", "iban", "--clear", "internal", "--format", "json")
    assert (json.loads(cleared.stdout)["iban"], json.loads(cleared.stdout)["internal"]) == (None, False)
    refused = kiaro("client", "edit", "acme", "--iban", "NL91 ABNA 0417 1643 01")
    assert refused.exit_code == 1 and "invalid IBAN" in refused.stderr and "checksum" in refused.stderr


def test_names_are_stored_and_compared_without_extra_spaces(kiaro: Run) -> None:
    added = kiaro("client", "quick-add", "  Padded   Name  ", "--format", "json")
    assert json.loads(added.stdout)["name"] == "Padded Name"
    refused = kiaro("client", "quick-add", "padded name")
    assert refused.exit_code == 1 and "a client named 'Padded Name' already exists (#1)" in refused.stderr
    assert json.loads(kiaro("client", "show", "padded  NAME", "--format", "json").stdout)["id"] == 1


def test_client_edit_takes_add_s_tags_and_no_input(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    tagged = kiaro("client", "edit", "acme", "--tag", "vip", "--tag", "design, web", "--no-input")
    assert (tagged.exit_code, tagged.stdout) == (0, "Updated Acme (#1): tagged vip, design, web\n")
    both = kiaro("client", "edit", "acme", "--city", "Utrecht", "--tag", "VIP", "--tag", "retainer")
    assert both.stdout == "Updated Acme (#1): city → Utrecht, tagged retainer\n"  # vip it has, in any case
    shown = json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)
    assert (shown["tags"], shown["city"]) == (["vip", "design", "web", "retainer"], "Utrecht")
    before = kiaro("client", "show", "acme", "--format", "json").stdout
    refused = kiaro("client", "edit", "acme", "--email", "bad", "--tag", "later")
    assert refused.exit_code == 1 and kiaro("client", "show", "acme", "--format", "json").stdout == before


def test_an_empty_value_clears_an_optional_field_and_a_required_one_says_why_not(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    assert kiaro("client", "edit", "acme", "--industry", "Retail", "--vat-rate", "21").exit_code == 0
    cleared = kiaro("client", "edit", "acme", "--industry", "", "--vat-rate", " ")
    assert cleared.exit_code == 0, cleared.stderr
    shown = json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)
    assert (shown["industry"], shown["vat_rate"]) == (None, None)
    nameless = kiaro("client", "edit", "acme", "--name", "")
    assert (nameless.exit_code, nameless.stderr) == (
        1,
        "Error: name cannot be empty: every client has one; give the new name instead\n",
    )


def test_a_client_is_a_company_unless_its_kind_says_individual(kiaro: Run) -> None:
    assert add_full(kiaro)["kind"] == "company"
    edited = kiaro("client", "edit", "1", "--kind", "Private Person", "--format", "json")
    assert edited.exit_code == 0, edited.stderr
    assert json.loads(edited.stdout)["kind"] == "individual"  # the words other tools use
    assert "Kind        individual" in kiaro("client", "show", "1").stdout
    exported = list(csv.DictReader(io.StringIO(kiaro("export", "clients").stdout)))
    assert exported[0]["kind"] == "individual"
    assert kiaro("client", "edit", "1", "--kind", "organisation", "-f", "json").stdout.count('"company"') == 1
    refused = kiaro("client", "edit", "1", "--kind", "robot")
    assert refused.exit_code == 2 and "'robot' is not one of company, individual" in refused.stderr
    cleared = kiaro("client", "edit", "1", "--clear", "kind")
    assert cleared.exit_code == 1 and "kind" in cleared.stderr


def test_adding_a_client_opens_the_database_once_and_notes_a_shared_email(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_full(kiaro)
    opened: list[object] = []
    connect = sqlite3.connect

    def counted(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(args[0])
        connection: sqlite3.Connection = connect(*args, **kwargs)
        return connection

    monkeypatch.setattr(sqlite3, "connect", counted)
    again = kiaro("client", "add", *FULL_ARGS, "--allow-duplicate")
    assert again.exit_code == 0 and again.stdout == "Added Brand Factor (#2)\n"
    assert again.stderr == "Note: thandi@brandfactor.co.za is also the email of Brand Factor (#1)\n"
    assert len(opened) == 1, opened
