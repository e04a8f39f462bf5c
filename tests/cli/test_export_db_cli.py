"""Exports (CSV/JSON/JSONL, formula escaping, --output) and the db commands."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import FULL_ARGS, Run, golden_keys

OWASP_LEADS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("lead", OWASP_LEADS)
def test_every_owasp_leading_character_is_escaped(lead: str) -> None:
    from kiaro_cli.codecs.tabular import escape_formula

    assert escape_formula(f"{lead}1+1") == f"'{lead}1+1"
    assert escape_formula(f"a{lead}1") == f"a{lead}1"


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


def test_db_check_of_a_damaged_file_says_the_version_cannot_be_read(kiaro: Run, db_path: Path) -> None:
    kiaro("client", "quick-add", "Acme")
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    checked = kiaro("db", "check")
    assert checked.exit_code == 1
    assert "Schema version: cannot be read" in checked.stdout and "None" not in checked.stdout


def test_db_path_check_and_backup(kiaro: Run, db_path: Path, tmp_path: Path) -> None:
    assert kiaro("db", "path").stdout == f"{db_path}\n"
    kiaro("client", "quick-add", "Acme")
    checked = kiaro("db", "check", "--format", "json")
    assert json.loads(checked.stdout)["ok"] is True
    copy = tmp_path / "copy.db"
    assert kiaro("db", "backup", str(copy)).stdout == f"Backed up to {copy}\n"
    assert kiaro("--db", str(copy), "client", "list", "-q").stdout == "1\n"
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(
            "INSERT INTO contact (client_id, name, role, is_primary, created_at)"
            " VALUES (9, 'x', 'other', 0, 'x')"
        )
    broken = kiaro("db", "check")
    assert broken.exit_code == 1 and broken.stderr.startswith("Error: the database has 1 problem\n")


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d"]),
        st.one_of(
            st.none(),
            st.text(max_size=6),
            st.booleans(),
            st.lists(st.text(alphabet="xy=+", max_size=3), max_size=3),
            st.decimals(allow_nan=False, allow_infinity=False, places=2),
            st.integers(),
        ),
    ),
    st.booleans(),
)
def test_the_fast_csv_row_is_the_cell_rules_applied(item: dict[str, object], escape: bool) -> None:
    from kiaro_cli.codecs.tabular import csv_cell, csv_row, escape_formula

    columns = ["a", "b", "c", "d"]
    clean = escape_formula if escape else str
    assert csv_row(item, columns, escape) == [clean(csv_cell(item.get(c))) for c in columns]


def test_restore_brings_a_backup_back_and_saves_the_current_one(
    kiaro: Run, tmp_path: Path, db_path: Path
) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    copy = tmp_path / "copy.db"
    assert kiaro("db", "backup", str(copy)).exit_code == 0
    assert kiaro("client", "quick-add", "Later Co").exit_code == 0
    refused = kiaro("db", "restore", str(copy))
    assert refused.exit_code == 1 and "re-run with --yes" in refused.stderr
    done = kiaro("db", "restore", str(copy), "--yes")
    assert done.exit_code == 0 and "the previous database is saved as" in done.stdout
    assert kiaro("client", "list", "-q").stdout == "1\n"
    saved = Path(done.stdout.rsplit("saved as ", 1)[1].strip())
    assert oct(saved.stat().st_mode & 0o777) == "0o600"
    assert kiaro("--db", str(saved), "client", "list", "-q").stdout == "1\n2\n"
    assert kiaro("db", "check").exit_code == 0


@pytest.mark.parametrize("kind", ["text", "damaged", "newer", "missing", "itself"])
def test_restore_refuses_a_bad_file_and_changes_nothing(
    kiaro: Run, tmp_path: Path, db_path: Path, kind: str
) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    bad = tmp_path / "bad.db"
    if kind == "text":
        bad.write_text("name,email\n")
    elif kind in ("damaged", "newer"):
        assert kiaro("db", "backup", str(bad)).exit_code == 0
        with sqlite3.connect(bad) as connection:
            if kind == "newer":
                connection.execute("INSERT INTO kiaro_schema VALUES (99, 'x', 'future')")
        if kind == "damaged":  # a copy cut short, as an interrupted transfer leaves it
            data = bad.read_bytes()
            bad.write_bytes(data[: len(data) // 2])
    elif kind == "itself":
        bad = db_path
    with sqlite3.connect(db_path) as connection:
        before = list(connection.iterdump())
    done = kiaro("db", "restore", str(bad), "--yes")
    assert done.exit_code == 1 and done.stderr.startswith("Error: ") and len(done.stderr.splitlines()) == 1
    with sqlite3.connect(db_path) as connection:
        assert list(connection.iterdump()) == before


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


def test_db_copy_copies_into_an_empty_file_and_refuses_one_with_rows(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "add", *FULL_ARGS)
    kiaro("client", "quick-add", "Lead Co")
    target = tmp_path / "copy" / "kiaro.db"
    done = kiaro("db", "copy", "--to", str(target), "--yes")
    assert done.exit_code == 0, done.stderr
    assert (
        done.stdout.startswith("Copied ") and f"(2 clients) into {target}; every table checked" in done.stdout
    )
    same = kiaro("--db", str(target), "client", "list", "--format", "json").stdout
    assert same == kiaro("client", "list", "--format", "json").stdout
    again = kiaro("db", "copy", "--to", str(target), "--yes")
    assert again.exit_code == 1 and "is not empty (client" in again.stderr


def test_export_all_and_import_all_move_a_database(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "quick-add", "Acme", "--follow-up", "2w")
    kiaro("interaction", "add", "acme", "Scope call", "--type", "call")
    archive = tmp_path / "all.zip"
    exported = kiaro("export", "all", "--output", str(archive))
    assert exported.exit_code == 0
    assert exported.stderr.startswith("Exported ") and exported.stderr.endswith(f"(1 client) to {archive}\n")
    target = tmp_path / "new.db"
    imported = kiaro("--db", str(target), "import", "all", str(archive))
    assert imported.stdout.endswith(f"(1 client) into {target}; every table checked\n")
    timeline = json.loads(kiaro("--db", str(target), "client", "timeline", "acme", "-f", "json").stdout)
    assert {"call", "created"} <= {entry["kind"] for entry in timeline}  # history came along
    again = kiaro("--db", str(target), "import", "all", str(archive))
    assert again.exit_code == 1 and "is not empty" in again.stderr
    assert kiaro("export", "all").exit_code == 2  # --output is required: a zip is not for a terminal
