"""kiaro import invoices: what a user sees on the terminal and in scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import Run

FILES = Path(__file__).parents[1] / "fixtures" / "invoices"


def ok(kiaro: Run, *args: str) -> str:
    done = kiaro(*args)
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


def clients(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme Studio")
    ok(kiaro, "client", "quick-add", "Brightside Ltd")
    ok(kiaro, "client", "edit", "Brightside Ltd", "--legal-name", "Brightside Limited")


def test_a_xero_export_lists_each_invoice_and_says_what_it_skipped(kiaro: Run) -> None:
    clients(kiaro)
    done = kiaro("import", "invoices", str(FILES / "xero.csv"))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        "line 2: INV-0041, Acme Studio, 1,200.00 GBP, paid",
        "line 4: INV-0042, Brightside Ltd, 600.00 GBP, paid 250.00",
        "line 5: INV-0043, Acme Studio, 360.00 GBP, void",
        "Left out columns: 'POAddressLine1', 'POAddressLine2', 'POAddressLine3', 'POAddressLine4',"
        " 'POCity', 'PORegion', 'POPostalCode', 'POCountry', 'InventoryItemCode', '*Quantity',"
        " '*UnitAmount', 'Discount' and 9 more (--format json lists them all)."
        " --map COLUMN=field imports one.",
        "Imported 3 invoices for 2 clients (2 payments); skipped 1",
    ]
    assert "line 6: skipped, no client is named 'Northwind Traders'" in done.stderr
    listed = json.loads(ok(kiaro, "invoice", "list", "--format", "json"))
    assert {i["number"]: i["status"] for i in listed} == {
        "INV-0041": "paid", "INV-0042": "partly-paid", "INV-0043": "void"
    }  # fmt: skip
    again = json.loads(ok(kiaro, "import", "invoices", str(FILES / "xero.csv"), "--format", "json"))
    assert (again["imported"], len(again["skipped"]), again["dry_run"]) == (0, 4, False)


def test_a_dry_run_with_new_leads_writes_nothing(kiaro: Run) -> None:
    clients(kiaro)
    out = ok(kiaro, "import", "invoices", str(FILES / "xero.csv"), "--dry-run", "--create-clients")
    assert out.splitlines()[-1] == (
        "Would import 4 invoices for 3 clients (2 payments); 1 new lead: Northwind Traders; "
        "skipped 0 (dry run: nothing was written)"
    )
    assert json.loads(ok(kiaro, "invoice", "list", "--format", "json")) == []
    assert ok(kiaro, "client", "list", "-q").split() == ["1", "2"]


def test_dates_read_both_ways_are_refused_and_date_format_settles_them(kiaro: Run, tmp_path: Path) -> None:
    clients(kiaro)
    source = tmp_path / "invoices.csv"
    source.write_text("Customer,Num,Date,Amount,Currency\nAcme Studio,1001,03/04/2026,100.00,USD\n")
    refused = kiaro("import", "invoices", str(source))
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: the dates can be read day first or month first (line 2:")
    assert kiaro("import", "invoices", str(source), "--date-format", "sometimes").exit_code == 2
    ok(kiaro, "import", "invoices", str(source), "--date-format", "dmy")
    (invoice,) = json.loads(ok(kiaro, "invoice", "list", "--format", "json"))
    assert invoice["issued_on"] == "2026-04-03"


def test_a_bad_row_imports_nothing_and_undo_takes_an_import_back(kiaro: Run, tmp_path: Path) -> None:
    clients(kiaro)
    source = tmp_path / "invoices.csv"
    source.write_text(
        "Customer,Invoice Number,Invoice Date,Total,Amount Paid,Currency\n"
        "Acme Studio,A-1,2026-10-01,100.00,100.00,EUR\n"
        "Acme Studio,A-2,2026-10-01,100.00,150.00,EUR\n"
    )
    refused = kiaro("import", "invoices", str(source))
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        "Error: 1 of 2 rows is invalid; nothing was imported",
        "  line 3: paid 150.00 is more than the total 100.00",
    ]
    assert json.loads(ok(kiaro, "invoice", "list", "--format", "json")) == []
    ok(kiaro, "import", "invoices", str(source), "--skip-invalid")
    assert [i["number"] for i in json.loads(ok(kiaro, "invoice", "list", "--format", "json"))] == ["A-1"]
    ok(kiaro, "undo")
    assert json.loads(ok(kiaro, "invoice", "list", "--format", "json")) == []


def test_control_characters_in_a_row_refuse_it_without_reaching_the_terminal(
    kiaro: Run, tmp_path: Path
) -> None:
    clients(kiaro)
    source = tmp_path / "invoices.csv"
    source.write_text(
        "Customer,Invoice Number,Invoice Date,Total,Currency,Description\n"
        "Acme\x1b[31m Studio,A-1,2026-10-01,100,EUR,Design\n"
        "Acme Studio,A-2,2026-10-01,100,EUR,Des\x07ign\n"
    )
    refused = kiaro("import", "invoices", str(source))
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[1:] == [
        "  line 2: client name contains control characters (U+001B)",
        "  line 3: title contains control characters (U+0007)",
    ]


def test_rows_set_aside_are_written_to_fix(kiaro: Run, tmp_path: Path) -> None:
    clients(kiaro)
    source = tmp_path / "invoices.csv"
    source.write_text(
        "Customer;Invoice Number;Invoice Date;Total;Currency\n"
        "Acme Studio;A-1;2026-10-01;1.190,00;EUR\n"
        "Acme Studio;A-2;2026-10-01;=1+2;EUR\n"
    )
    rejects = tmp_path / "fix-me.csv"
    ok(kiaro, "import", "invoices", str(source), "--skip-invalid", "--rejects", str(rejects))
    assert rejects.read_text().splitlines() == [
        "Customer;Invoice Number;Invoice Date;Total;Currency;kiaro_error",
        "Acme Studio;A-2;2026-10-01;'=1+2;EUR;total '=1+2' is not a number ≥ 0 (e.g. 1250 or 1250.50)",
    ]  # a formula-like cell escaped for the spreadsheet it is fixed in, and read back as it was:
    again = kiaro("import", "invoices", str(rejects), "--dry-run")
    assert again.exit_code == 1 and "total '=1+2' is not a number" in again.stderr
    (invoice,) = json.loads(ok(kiaro, "invoice", "list", "--format", "json"))
    assert (invoice["number"], invoice["gross"]) == ("A-1", 1190)


def test_a_file_over_the_limit_or_endless_is_refused_before_it_is_read_whole(
    kiaro: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiaro_cli.cli import imports

    monkeypatch.setattr(imports, "IMPORT_LIMIT", 64)
    large = tmp_path / "large.csv"
    large.write_text("Customer,Invoice Number\n" + "Acme,A-1\n" * 10)
    for source in (large, Path("/dev/zero")):  # a file larger than the limit; one that never ends
        refused = kiaro("import", "invoices", str(source))
        assert refused.exit_code == 1 and refused.stderr.endswith(
            "more than kiaro imports at once; split it\n"
        )


def test_joined_up_headers_are_read_and_a_column_left_out_is_said(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "quick-add", "Acme")
    source = tmp_path / "invoices.csv"
    source.write_text(
        "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,AmountPaid,Currency,Status,Branch\n"
        "Acme,X-1,2026-11-01,2026-12-01,242.00,100.00,EUR,AUTHORISED,North\n"
    )
    done = kiaro("import", "invoices", str(source))
    assert done.exit_code == 0 and "Left out columns: 'Branch'." in done.stdout
    (invoice,) = json.loads(kiaro("invoice", "list", "--format", "json").stdout)
    assert (invoice["paid"], invoice["outstanding"]) == (100, 142)  # AmountPaid read as paid
