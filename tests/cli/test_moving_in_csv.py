"""Moving in, second round: the CSV files invoicing tools, address books and CRMs write,
imported as their users would expect (see ``tests/fixtures/imports/README.md``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_moving_in import CORPUS, client_views, landed_as_expected, ok
from tests.fixtures.moving_in_csv import EXPECTED_CSV, KEIZER, SHARED
from tests.helpers import Run


def preview(stdout: str) -> list[tuple[int, str]]:
    """The preview's rows: (line, action)."""
    rows = [text.split() for text in stdout.splitlines()]
    return [(int(row[0]), row[1]) for row in rows if len(row) > 1 and row[0].isdigit()]


@pytest.mark.parametrize("name", sorted(EXPECTED_CSV))
def test_a_file_lands_where_its_users_expect(kiaro: Run, name: str) -> None:
    ok(kiaro, "import", "clients", str(CORPUS / name))
    landed_as_expected(client_views(kiaro), EXPECTED_CSV[name])


def test_every_row_is_in_the_preview_and_a_code_is_no_source(kiaro: Run) -> None:
    zoho = kiaro("import", "clients", str(CORPUS / "zoho-invoice-customers.csv"), "--dry-run")
    assert zoho.exit_code == 0, zoho.stderr
    assert preview(zoho.stdout) == [(line, "add") for line in range(2, 7)]
    assert "source '1' (4 rows) is a code of the program that wrote the file, not a word" in zoho.stderr
    thunderbird = ok(kiaro, "import", "clients", str(CORPUS / "thunderbird.csv"), "--dry-run")
    assert preview(thunderbird) == [(2, "add"), (3, "contact"), (4, "add")]  # Ida joins Henrik's
    assert "Added" not in thunderbird and "Would add 2 clients with 3 contacts" in thunderbird


def test_a_value_its_program_wrote_is_kept_with_a_warning_and_typed_input_stays_strict(kiaro: Run) -> None:
    done = kiaro("import", "clients", str(CORPUS / "salesforce-dataloader-revenue.csv"))
    assert done.exit_code == 0, done.stderr
    assert (
        "line 2: website 'www.expressl&t.net' kept as written (not an address kiaro can check)" in done.stderr
    )
    typed = kiaro("client", "edit", "northwind timber", "--website", "www.expressl&t.net")
    assert typed.exit_code == 1 and "invalid website" in typed.stderr
    typed = kiaro("client", "edit", "northwind timber", "--annual-revenue", "1.39E8")
    assert typed.exit_code == 1 and "annual revenue" in typed.stderr
    assert client_views(kiaro)["Northwind Timber"]["website"] == "https://northwindtimber.example"


def test_companies_sharing_an_email_are_told_apart_by_name(kiaro: Run) -> None:
    odoo = str(CORPUS / "odoo-contacts.csv")
    ok(kiaro, "import", "clients", odoo)
    again = kiaro("import", "clients", odoo)
    assert again.exit_code == 1
    assert "line 2: same name as Keizer Bouw BV (#1) (use --on-duplicate skip or update)" in again.stderr
    ok(kiaro, "import", "clients", odoo, "--on-duplicate", "update")
    views = client_views(kiaro)
    assert len(views) == 12
    assert [views[name]["phone"] for name in KEIZER] == [f"+31 20 555 01{n:02}" for n in range(1, 11)]
    assert {views[name]["email"] for name in KEIZER} == {SHARED}


def test_update_is_suggested_only_where_it_would_work(kiaro: Run, tmp_path: Path) -> None:
    source = tmp_path / "codes.csv"
    source.write_text("Company,Code\nAcme Ltd,ACME\nAcme Holdings,ACME\n")
    refused = kiaro("import", "clients", str(source))
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[1:] == ["  line 3: same code as line 2 (use --on-duplicate skip)"]
    update = kiaro("import", "clients", str(source), "--on-duplicate", "update")
    assert update.exit_code == 1 and "(use --on-duplicate skip)" in update.stderr
    ok(kiaro, "import", "clients", str(source), "--on-duplicate", "skip")
    assert set(client_views(kiaro)) == {"Acme Ltd"}


def test_rows_changing_a_client_of_an_earlier_row_are_in_the_preview(kiaro: Run, tmp_path: Path) -> None:
    source = tmp_path / "twice.csv"
    source.write_text("Company,Contact,City\nAcme,Ann Lee,Leeds\nAcme,Ann Lee,York\nAcme,Bo Berg,\n")
    said = ok(kiaro, "import", "clients", str(source), "--on-duplicate", "update", "--dry-run")
    assert preview(said) == [(2, "add"), (3, "update"), (4, "contact")]


def test_what_describes_a_company_never_refuses_its_row(kiaro: Run, tmp_path: Path) -> None:
    source = tmp_path / "accounts.csv"
    source.write_text("Account Name,Annual Revenue,Employees,Language\nAcme,lots,12,Klingon\n")
    done = kiaro("import", "clients", str(source))
    assert done.exit_code == 0, done.stderr
    assert "line 2: unknown annual revenue 'lots'" in done.stderr and "kept in the notes" in done.stderr
    acme = client_views(kiaro)["Acme"]
    assert (acme["annual_revenue"], acme["company_size"]) == (None, "11-50")
    assert acme["notes"].splitlines() == ["Annual revenue: lots", "Correspondence language: Klingon"]
    typed = kiaro("client", "edit", "acme", "--annual-revenue", "lots")
    assert typed.exit_code == 1 and "unknown annual revenue 'lots'" in typed.stderr
