"""Exports (CSV/JSON/JSONL, formula escaping, --output)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from kiaro_cli.codecs.tabular import dumps
from kiaro_cli.declarations.invoice import INVOICE
from kiaro_cli.declarations.payment import PAYMENT
from kiaro_cli.declarations.project import PROJECT
from kiaro_cli.declarations.quote import QUOTE
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.fixtures.ledger_book import ledger_records, write_ledger
from tests.helpers import FULL_ARGS, Run, golden_keys


def test_csv_header_is_the_json_keys_and_archived_need_all(kiaro: Run) -> None:
    kiaro("client", "add", *FULL_ARGS, "--tag", "a", "--tag", "b")
    kiaro("client", "quick-add", "Gone")
    kiaro("client", "archive", "gone")
    rows = list(csv.reader(io.StringIO(kiaro("export", "clients").stdout)))
    keys = golden_keys("client")  # the custom object is a column a custom field: none here
    assert rows[0] == [key for key in keys if key != "custom"] and keys[-1] == "custom"
    assert [row[1] for row in rows[1:]] == ["Brand Factor"]
    assert rows[1][rows[0].index("tags")] == "a;b"
    everything = kiaro("export", "clients", "--all", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["name"] for line in everything] == ["Brand Factor", "Gone"]


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_formula_cells_are_escaped_unless_asked_not_to(kiaro: Run, lead: str) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("client", "edit", "acme", "--notes", f'{lead}HYPERLINK("http://x")')
    row = next(iter(csv.DictReader(io.StringIO(kiaro("export", "clients").stdout))))
    assert row["notes"] == f'\'{lead}HYPERLINK("http://x")'
    raw = next(iter(csv.DictReader(io.StringIO(kiaro("export", "clients", "--no-escape").stdout))))
    assert raw["notes"] == f'{lead}HYPERLINK("http://x")'


def test_export_to_a_private_file(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "add", *FULL_ARGS)
    target = tmp_path / "contacts.json"
    result = kiaro("export", "contacts", "--format", "json", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert f"Exported 1 contact to {target}" in result.stderr
    assert target.stat().st_mode & 0o777 == 0o600
    (contact,) = json.loads(target.read_text())
    assert list(contact) == golden_keys("contact-export") and contact["primary"] is True
    assert contact["client_name"] == "Brand Factor"
    sheet = next(iter(csv.DictReader(io.StringIO(kiaro("export", "contacts").stdout))))
    assert (sheet["client_name"], sheet["name"]) == ("Brand Factor", "Thandi Mokoena")


def test_export_to_an_unwritable_place_is_one_clear_line(kiaro: Run, tmp_path: Path) -> None:
    result = kiaro("export", "clients", "--output", str(tmp_path / "missing" / "x.csv"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot write")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_no_python_repr_reaches_any_output(kiaro: Run, fmt: str) -> None:
    kiaro("client", "add", *FULL_ARGS, "--tag", "design", "--value", "1200.50", "--follow-up", "1w")
    kiaro("contact", "add", "brand", "--name", "Lerato", "--role", "finance")
    kiaro("interaction", "add", "brand", "Kick-off", "--type", "meeting", "--on", "yesterday 15:30")
    for args in (
        ["client", "show", "brand"],
        ["client", "list"],
        ["client", "timeline", "brand"],
        ["contact", "list", "brand"],
        ["interaction", "list"],
        ["followup", "list"],
        ["settings", "show"],
        ["client", "duplicates"],
        ["db", "check"],
    ):
        shown = kiaro(*args, "--format", fmt)
        assert shown.exit_code == 0, (args, shown.stderr)
        for python_only in ("{'", "': ", "Decimal(", "datetime.", "None", "True", "False"):
            assert python_only not in shown.stdout, (args, python_only)
    row = next(iter(csv.DictReader(io.StringIO(kiaro("client", "show", "brand", "-f", "csv").stdout))))
    assert [contact["name"] for contact in json.loads(row["contacts"])] == ["Thandi Mokoena", "Lerato"]


OWASP_LEADS = ["=", "+", "-", "@", "\t", "\r"]  # OWASP's CSV injection list of leading characters


@pytest.mark.parametrize("lead", OWASP_LEADS, ids=["equals", "plus", "minus", "at", "tab", "cr"])
def test_every_csv_export_escapes_formula_cells(kiaro: Run, lead: str) -> None:
    printable = lead.strip() or "="  # names refuse control characters; notes and summaries keep tabs
    assert kiaro("client", "quick-add", "-q", "--", f"{printable}HYPERLINK(1)").exit_code == 0
    assert kiaro("client", "edit", "1", "--notes", f"{lead}SUM(A1)").exit_code in (0, 1)
    assert kiaro("contact", "add", "1", "--name", f"{printable}cmd|' /C calc'!A0").exit_code == 0
    assert kiaro("interaction", "add", "1", "--type", "call", "--", f"{lead}2+5").exit_code in (0, 1)
    for what, column in (("clients", "name"), ("contacts", "name"), ("interactions", "summary")):
        rows = list(csv.DictReader(io.StringIO(kiaro("export", what).stdout)))
        for row in rows:
            for key, cell in row.items():
                assert not cell.startswith(tuple(OWASP_LEADS)), (what, key, cell)
        if lead.strip():  # leading tabs and CRs are trimmed from values before they are stored
            assert rows[0][column].startswith("'" + lead), (what, rows[0][column])


LEDGER_RECORDS = {"projects": PROJECT, "quotes": QUOTE, "invoices": INVOICE, "payments": PAYMENT}


@pytest.mark.parametrize("what", list(LEDGER_RECORDS))
def test_a_ledger_export_is_its_records_json_in_every_format(
    kiaro: Run, location: Location, what: str
) -> None:
    write_ledger(location)
    with open_reader(location) as reader:
        expected = [
            json.loads(dumps(record))
            for record in ledger_records(reader)
            if list(record) == list(LEDGER_RECORDS[what].keys)
        ]
    assert expected
    assert json.loads(kiaro("export", what, "--format", "json").stdout) == expected
    lines = kiaro("export", what, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == expected
    sheet = list(csv.reader(io.StringIO(kiaro("export", what).stdout)))
    assert sheet[0] == list(LEDGER_RECORDS[what].keys) and len(sheet) == len(expected) + 1


def test_an_invoices_csv_has_amounts_of_two_places_and_its_lines_in_one_cell(
    kiaro: Run, location: Location
) -> None:
    write_ledger(location)
    first, paid, void, draft = csv.DictReader(io.StringIO(kiaro("export", "invoices").stdout))
    assert (first["net"], first["vat_rate"], first["gross"], first["outstanding"]) == (
        "1200.00", "20", "1440.00", "940.00"
    )  # fmt: skip
    assert first["lines"] == "Design × 1.5 @ 600.00; -Hosting; yearly × 12 @ 25.00"
    assert (first["status"], paid["status"], void["status"], draft["status"]) == (
        "partly-paid", "paid", "void", "draft"
    )  # fmt: skip
    assert (paid["paid_on"], paid["lines"], draft["number"]) == ("2026-11-15", "", "")


def test_ledger_csv_cells_that_read_as_formulas_are_escaped_unless_asked_not_to(
    kiaro: Run, location: Location
) -> None:
    write_ledger(location)
    (project,) = csv.DictReader(io.StringIO(kiaro("export", "projects").stdout))
    assert project["notes"] == "'=SUM(A1)\nsecond line"
    payments = list(csv.DictReader(io.StringIO(kiaro("export", "payments").stdout)))
    assert payments[1]["method"] == "'@card"
    raw = list(csv.DictReader(io.StringIO(kiaro("export", "payments", "--no-escape").stdout)))
    assert raw[1]["method"] == "@card"


def test_ledger_exports_follow_the_spreadsheets_locale_and_the_clients_filters(
    kiaro: Run, location: Location, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_ledger(location)
    write_ledger(location, "Gone Ltd")
    assert kiaro("client", "archive", "gone ltd").exit_code == 0
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    target = tmp_path / "invoices.csv"
    done = kiaro("export", "invoices", "--excel", "--output", str(target))
    assert done.exit_code == 0 and f"Exported 4 invoices to {target}" in done.stderr
    first = next(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert first["gross"] == "1440,00"
    assert first["lines"] == "Design × 1,5 @ 600,00; -Hosting; yearly × 12 @ 25,00"
    everyone = json.loads(kiaro("export", "payments", "--all", "--format", "json").stdout)
    assert [payment["client_id"] for payment in everyone] == [1, 1, 2, 2]
    assert kiaro("client", "tag", "acme", "vip").exit_code == 0
    chosen = ("--fields", "number,client_name", "-f", "json")
    tagged = kiaro("export", "quotes", "--all", "--tag", "vip", *chosen)
    assert json.loads(tagged.stdout) == [{"number": "Q-2026-001", "client_name": "Acme"}]


def test_a_carriage_return_inside_a_cell_is_quoted_so_no_row_starts_with_a_formula(
    kiaro: Run, location: Location, db_path: Path, tmp_path: Path
) -> None:
    write_ledger(location)
    formula = "=cmd|' /C calc'!A0"
    with sqlite3.connect(db_path) as connection:  # a restored database's or a teammate's rows
        connection.execute("UPDATE client SET name = 'Acme' || char(13) || ?", (formula,))
        connection.execute("UPDATE invoice SET title = 'Design' || char(13) || ?", (formula,))
        connection.execute("UPDATE payment SET method = 'bank' || char(13) || ?", (formula,))
    exported = {what: kiaro("export", what).stdout for what in ("clients", "invoices", "payments")}
    for what, text in exported.items():
        rows = list(csv.reader(io.StringIO(text, newline="")))  # a CR ends a row outside quotes
        assert not [row for row in rows if row and row[0].startswith(("=", "+", "-", "@"))], what
        assert f"\r{formula}" in text and f'\r{formula}"' in text, what  # the CR is inside quotes
    (invoice, *_) = csv.DictReader(io.StringIO(exported["invoices"], newline=""))
    assert invoice["title"] == f"Design\r{formula}" and invoice["client_name"] == f"Acme\r{formula}"
    archive = tmp_path / "all.zip"
    assert kiaro("export", "all", "--output", str(archive)).exit_code == 0
    with zipfile.ZipFile(archive) as opened:
        table = opened.read(next(n for n in opened.namelist() if n.endswith("tables/invoice.csv"))).decode()
    titles = [row["title"] for row in csv.DictReader(io.StringIO(table, newline=""))]
    assert titles[0] == f"Design\r{formula}"  # the archive's CSV keeps the cell whole
    refused = kiaro("--db", str(tmp_path / "restored.db"), "import", "all", str(archive))
    assert (refused.exit_code, refused.stderr.count("\n")) == (1, 1)  # a name of two lines: one clear line
