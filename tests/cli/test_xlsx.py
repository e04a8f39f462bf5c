"""Spreadsheets as spreadsheets: every export as an Excel workbook with typed cells, and
clients, contacts and interactions imported from one."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pexpect
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from kiaro_cli.codecs.tabular import PLAIN
from kiaro_cli.core import clients
from kiaro_cli.core.export_cases import Table, export_table, export_workbook
from kiaro_cli.core.imports import import_clients
from kiaro_cli.core.workspace import Workspace
from kiaro_cli.storage.location import Location
from tests.fixtures.ledger_book import write_ledger
from tests.helpers import FULL_ARGS, TODAY, Run
from tests.test_prompts import said, spawn

KINDS = ["clients", "contacts", "interactions", "events", "projects", "quotes", "invoices", "payments"]


def sheet_rows(path: Path) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def same(cell: Any, text: str) -> bool:
    """Whether a typed cell holds what the CSV's text says."""
    if cell is None:
        return text == ""
    if isinstance(cell, bool):
        return text == ("true" if cell else "false")
    if isinstance(cell, int | float):
        return Decimal(str(cell)) == Decimal(text)
    if isinstance(cell, datetime):
        if len(text) == 10:
            return cell == datetime.combine(date.fromisoformat(text), datetime.min.time())
        return cell == datetime.fromisoformat(text).astimezone(UTC).replace(tzinfo=None)
    return bool(cell == text)


@pytest.mark.parametrize("kind", KINDS)
def test_every_export_as_a_workbook_holds_what_its_csv_holds_typed(
    kiaro: Run, location: Location, tmp_path: Path, kind: str
) -> None:
    kiaro("client", "add", *FULL_ARGS, "--tag", "a", "--tag", "b")
    kiaro("interaction", "add", "brand factor", "Call about the logo", "--type", "call")
    kiaro("event", "add", "brand factor", "Send the proposal", "--due", "2026-12-01")
    write_ledger(location)
    target = tmp_path / f"{kind}.xlsx"
    done = kiaro("export", kind, "--format", "xlsx", "--output", str(target))
    assert done.exit_code == 0, done.output
    header, *body = sheet_rows(target)
    expected = list(csv.reader(io.StringIO(kiaro("export", kind, "--no-escape").stdout)))
    assert header == expected[0] and len(body) == len(expected) - 1 > 0
    for row, text_row in zip(body, expected[1:], strict=True):
        for name, cell, text in zip(header, row, text_row, strict=True):
            assert same(cell, text), (name, cell, text)
    assert f"Exported {len(body)} " in done.stderr


def test_phones_and_postal_codes_are_text_amounts_numbers_and_days_dates(
    kiaro: Run, location: Location, tmp_path: Path
) -> None:
    kiaro("client", "add", *FULL_ARGS)
    kiaro("client", "edit", "brand factor", "--postal-code", "01234", "--notes", "=1+1", "--value", "1200.5")
    kiaro("client", "edit", "brand factor", "--follow-up", "2026-12-20", "--phone", "+27 21 555 0100")
    write_ledger(location)
    kiaro("export", "clients", "--format", "xlsx", "--output", str(tmp_path / "c.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    assert sheet is not None and sheet.freeze_panes == "A2" and sheet["A1"].font.b
    header = [cell.value for cell in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert (cells["postal_code"].value, cells["postal_code"].data_type) == ("01234", "s")
    assert (cells["phone"].value, cells["phone"].data_type) == ("+27 21 555 0100", "s")
    assert (cells["notes"].value, cells["notes"].data_type) == ("=1+1", "s")  # never a formula
    assert (cells["value"].value, cells["value"].number_format) == (1200.5, "0.00")
    assert (cells["follow_up_on"].value, cells["follow_up_on"].number_format) == (
        datetime(2026, 12, 20),
        "yyyy-mm-dd",
    )
    kiaro("contact", "edit", "1", "--birthday", "1984-05-17")
    kiaro("contact", "add", "brand factor", "--name", "Bo Berg", "--birthday", "--06-11")
    kiaro("export", "contacts", "--format", "xlsx", "--output", str(tmp_path / "p.xlsx"))
    people = openpyxl.load_workbook(tmp_path / "p.xlsx").active
    assert people is not None
    born = [
        row[[cell.value for cell in people[1]].index("birthday")].value for row in people.iter_rows(min_row=2)
    ]
    assert born == [datetime(1984, 5, 17), "--06-11"]  # a day, and one without its year as text
    kiaro("export", "invoices", "--format", "xlsx", "--output", str(tmp_path / "i.xlsx"))
    invoices = openpyxl.load_workbook(tmp_path / "i.xlsx").active
    assert invoices is not None
    names = [cell.value for cell in invoices[1]]
    gross = invoices.cell(2, names.index("gross") + 1)
    assert (gross.value, gross.data_type, gross.number_format) == (1440, "n", "0.00")


def test_a_workbook_goes_to_stdout_only_when_it_is_piped(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "quick-add", "Acme")
    piped = kiaro("export", "clients", "--format", "xlsx")
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"PK\x03\x04")
    (tmp_path / "piped.xlsx").write_bytes(piped.stdout_bytes)
    assert sheet_rows(tmp_path / "piped.xlsx")[1][1] == "Acme"
    refused = kiaro("export", "clients", "--format", "xlsx", "--bom")
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1


@pytest.mark.slow
def test_a_workbook_is_not_written_to_a_terminal(db_path: Path) -> None:
    child = spawn("export", "clients", "--format", "xlsx")
    child.expect(pexpect.EOF)
    assert said(child.before) == ["Error: a workbook is not for a terminal: add --output clients.xlsx"]
    child.close()
    assert child.exitstatus == 1


def test_clients_contacts_and_interactions_move_by_workbook(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "add", *FULL_ARGS, "--tag", "a")
    kiaro("client", "edit", "brand factor", "--postal-code", "01234", "--value", "1200.5")
    kiaro("client", "edit", "brand factor", "--phone", "021 555 0100")
    kiaro("contact", "add", "brand factor", "--name", "Ann Lee", "--email", "ann@brandfactor.example")
    kiaro("interaction", "add", "brand factor", "Call about the logo", "--type", "call")
    for kind in ("clients", "contacts", "interactions"):
        kiaro("export", kind, "--format", "xlsx", "--output", str(tmp_path / f"{kind}.xlsx"))
    before = [kiaro("export", kind).stdout for kind in ("clients", "contacts")]
    moved = str(tmp_path / "moved.db")
    for kind in ("clients", "contacts", "interactions"):
        done = kiaro("--db", moved, "import", kind, str(tmp_path / f"{kind}.xlsx"))
        assert done.exit_code == 0, done.output
    after = [kiaro("--db", moved, "export", kind).stdout for kind in ("clients", "contacts")]
    fields = ("name", "email", "phone", "postal_code", "value", "tags", "country", "vat_number")
    for was, now in zip(before, after, strict=True):
        old, new = list(csv.DictReader(io.StringIO(was))), list(csv.DictReader(io.StringIO(now)))
        assert [{f: r.get(f) for f in fields} for r in old] == [{f: r.get(f) for f in fields} for r in new]
    assert "01234" in after[0] and ",1200.5," in after[0] and "+27 21 555 0100" in "".join(after)
    logged = kiaro("--db", moved, "export", "interactions", "--format", "jsonl").stdout
    assert "Call about the logo" in logged


def test_a_spreadsheet_saved_by_hand_is_read_by_the_same_header_rules(kiaro: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Exported from a spreadsheet"])
    sheet.append(["Company", "E-mail", "Telephone", "Zip", "Annual revenue", "Next follow-up"])
    sheet.append(["Acme", "ann@acme.example", 442079460000, "01234", 139000000.0, datetime(2026, 12, 20)])
    book.save(tmp_path / "by-hand.xlsx")
    done = kiaro("import", "clients", str(tmp_path / "by-hand.xlsx"))
    assert done.exit_code == 0, done.output
    (client,) = list(csv.DictReader(io.StringIO(kiaro("export", "clients").stdout)))
    assert (client["email"], client["postal_code"], client["annual_revenue"]) == (
        "ann@acme.example", "01234", "100M+"
    )  # fmt: skip
    assert (client["follow_up_on"], client["phone"].replace(" ", "")) == ("2026-12-20", "442079460000")


def test_a_file_that_is_no_workbook_is_refused_in_one_line(kiaro: Run, tmp_path: Path) -> None:
    (tmp_path / "clients.xlsx").write_bytes(b"Name\nAcme\n")
    for kind in ("clients", "contacts", "interactions"):
        done = kiaro("import", kind, str(tmp_path / "clients.xlsx"))
        assert done.exit_code == 1 and done.stderr.count("\n") == 1
        assert "clients.xlsx is not an Excel workbook (.xlsx)" in done.stderr


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="no LibreOffice")
@pytest.mark.slow
def test_libreoffice_reads_the_postal_code_with_its_zero(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("client", "edit", "acme", "--postal-code", "01234")
    kiaro("export", "clients", "--format", "xlsx", "--output", str(tmp_path / "clients.xlsx"))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office is not None
    subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "csv",
         "--outdir", str(tmp_path / "out"), str(tmp_path / "clients.xlsx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (row,) = csv.DictReader(io.StringIO((tmp_path / "out" / "clients.csv").read_text()))
    assert row["postal_code"] == "01234" and row["name"] == "Acme"


people = st.text(alphabet="abcdéüß O'&-", min_size=1, max_size=16).map(str.strip).filter(bool)
codes = st.text(alphabet="0123456789", min_size=4, max_size=6)
notes = st.sampled_from(["", "=1+1", "+31 6 1234 5678", "-minus", "@at", "Line one\nline two", "  #N/A"])


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a shrink takes minutes here
)
@example([("'-", "0000", "", 0)])  # kiaro's own formula escape, as a name starts
@given(st.lists(st.tuples(people, codes, notes, st.integers(0, 10**7)), min_size=1, max_size=4))
def test_clients_come_back_from_their_workbook_as_they_went(
    tmp_path: Path, rows: list[tuple[str, str, str, int]]
) -> None:
    folder = tmp_path / uuid.uuid4().hex
    source, target = Location(path=folder / "a.db"), Location(path=folder / "b.db")
    for number, (name, code, note, cents) in enumerate(rows):
        values = {"name": f"{name} {number}", "postal_code": code, "notes": note}
        values["value"] = f"{cents / 100:.2f}"
        clients.add_client(source, values, full_form=False, today=TODAY)
    buffer = io.BytesIO()
    export_workbook(Workspace(source, pinned_today=TODAY), Table("clients", "xlsx"), buffer)
    import_clients(target, buffer.getvalue(), name="clients.xlsx", today=TODAY)
    exported = []
    for where in (source, target):
        text = io.StringIO()
        table = Table("clients", "csv", fields=FIELDS)
        export_table(Workspace(where, pinned_today=TODAY), table, PLAIN, text)
        exported.append(text.getvalue())
    assert exported[0] == exported[1]


FIELDS = "name,postal_code,notes,value,status,country"


def test_invoices_come_in_from_a_workbook_as_from_its_csv(kiaro: Run, tmp_path: Path) -> None:
    source = Path(__file__).parent.parent / "fixtures" / "invoices" / "xero.csv"
    header, *rows = csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig")))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:  # as Excel saves it: days as dates, amounts as numbers
        sheet.append([typed(cell) for cell in row])
    book.save(tmp_path / "xero.xlsx")
    wanted = ("--create-clients", "--format", "json")
    from_sheet = kiaro("import", "invoices", str(tmp_path / "xero.xlsx"), *wanted)
    assert from_sheet.exit_code == 0, from_sheet.output
    from_csv = kiaro("--db", str(tmp_path / "csv.db"), "import", "invoices", str(source), *wanted)
    said_sheet, said_csv = json.loads(from_sheet.stdout), json.loads(from_csv.stdout)
    assert (said_sheet.pop("date_format"), said_csv.pop("date_format")) == (None, "dmy")  # days are days
    assert said_sheet == said_csv
    fields = ("--fields", "number,client_name,issued_on,due_on,gross,paid,status", "--format", "jsonl")
    assert (
        kiaro("export", "invoices", *fields).stdout
        == kiaro("--db", str(tmp_path / "csv.db"), "export", "invoices", *fields).stdout
    )


def typed(cell: str) -> Any:
    """A CSV cell as a spreadsheet holds it: 15/10/2026 a date, 1200.00 a number."""
    if len(cell) == 10 and cell[2] == "/" and cell[5] == "/":
        day, month, year = map(int, cell.split("/"))
        return datetime(year, month, day)
    try:
        return float(cell)
    except ValueError:
        return cell


def test_custom_fields_are_typed_by_their_field(kiaro: Run, tmp_path: Path) -> None:
    kiaro("field", "add", "renewal", "--type", "date")
    kiaro("field", "add", "staff", "--type", "number")
    kiaro("field", "add", "sector", "--type", "text")
    kiaro("client", "quick-add", "Acme")
    kiaro("client", "edit", "acme", "--set", "renewal=2027-03-31", "--set", "staff=12", "--set", "sector=007")
    kiaro("export", "clients", "--format", "xlsx", "--output", str(tmp_path / "c.xlsx"))
    header, row = sheet_rows(tmp_path / "c.xlsx")
    cells = dict(zip(header, row, strict=True))
    assert (cells["custom.renewal"], cells["custom.staff"], cells["custom.sector"]) == (
        datetime(2027, 3, 31), 12, "007"
    )  # fmt: skip
