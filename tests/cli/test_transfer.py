"""Exports (CSV/JSON/JSONL, formula escaping, --output)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

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
