"""Custom fields through the CLI: defining them, --set/--unset, --where, the card, CSV columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.helpers import Run


def define(kiaro: Run) -> None:
    for args in (
        ["sector", "--type", "choice", "--choices", "Retail,Finance,Health"],
        ["staff", "--type", "number", "--label", "Head count"],
        ["renewal", "--type", "date", "--label", "Contract renewal"],
        ["vip", "--type", "yes/no"],
    ):
        assert kiaro("field", "add", *args).exit_code == 0
    for name in ("Acme", "Beta"):
        assert kiaro("client", "quick-add", name).exit_code == 0


def test_a_field_is_added_listed_and_set_with_what_was_stored_said(kiaro: Run) -> None:
    added = kiaro("field", "add", "sector", "--type", "choice", "--choices", "Retail, Finance")
    assert added.stdout == (
        "Added custom field sector (choice: Retail, Finance); "
        "set it with kiaro client edit CLIENT --set sector=…\n"
    )
    kiaro("client", "quick-add", "Acme")
    kiaro("field", "add", "renewal", "--type", "date")
    edited = kiaro("client", "edit", "acme", "--set", "sector=finance", "--set", "renewal=in 2 weeks")
    assert edited.stdout == "Updated Acme (#1): sector → Finance, renewal → 2026-12-07\n"
    listed = kiaro("field", "list").stdout
    assert "sector    choice" in listed and "Retail, Finance" in listed
    as_json = json.loads(kiaro("field", "list", "--format", "json").stdout)
    assert [(f["key"], f["clients"]) for f in as_json] == [("sector", 1), ("renewal", 1)]
    unset = kiaro("client", "edit", "acme", "--unset", "renewal")
    assert unset.stdout == "Updated Acme (#1): renewal cleared\n"


def test_client_add_takes_set_and_show_has_a_custom_fields_card(kiaro: Run) -> None:
    define(kiaro)
    added = kiaro("client", "quick-add", "Cleo")
    assert added.exit_code == 0
    kiaro("client", "edit", "cleo", "--set", "staff=1250", "--set", "renewal=2027-03-31", "--set", "vip=yes")
    shown = kiaro("client", "show", "cleo").stdout
    card = shown[shown.index("Custom fields") :].split("╰")[0]
    assert "Head count        1,250" in card
    assert "Contract renewal  Wed 31 Mar 2027" in card
    assert "vip               yes" in card and "sector" not in card  # unset fields are left out
    assert "Custom fields" not in kiaro("client", "show", "acme").stdout  # none set: no card
    record = json.loads(kiaro("client", "show", "cleo", "--format", "json").stdout)
    assert record["custom"] == {"sector": None, "staff": 1250, "renewal": "2027-03-31", "vip": True}


def test_where_filters_listings_and_exports_carry_custom_columns(kiaro: Run, tmp_path: Path) -> None:
    define(kiaro)
    kiaro("client", "edit", "acme", "--set", "sector=Retail", "--set", "staff=120")
    kiaro("client", "edit", "beta", "--set", "sector=Health", "--set", "staff=8", "--set", "vip=no")
    assert kiaro("client", "list", "--where", "staff>50", "-q").stdout == "1\n"
    assert kiaro("client", "list", "--where", "sector!=retail", "-q").stdout == "2\n"
    assert kiaro("client", "list", "--where", "vip=", "-q").stdout == "1\n"
    refused = kiaro("client", "list", "--where", "sector>Retail")
    assert refused.exit_code == 1
    assert refused.stderr == "Error: sector is a choice field: --where compares it with = or != only\n"
    rows = list(csv.DictReader(io.StringIO(kiaro("client", "list", "--format", "csv").stdout)))
    assert [(r["custom.sector"], r["custom.staff"], r["custom.vip"]) for r in rows] == [
        ("Retail", "120", ""),
        ("Health", "8", "false"),
    ]
    exported = tmp_path / "clients.csv"
    assert kiaro("export", "clients", "--output", str(exported)).exit_code == 0
    header = exported.read_text().splitlines()[0]
    assert header.endswith(",updated_at,custom.sector,custom.staff,custom.renewal,custom.vip")
    template = kiaro("import", "template").stdout.rstrip().split(",")
    assert template[-6:] == [
        "created_at",
        "updated_at",
        *(f"custom.{k}" for k in ("sector", "staff", "renewal", "vip")),
    ]


def test_import_maps_a_column_to_a_custom_field(kiaro: Run, tmp_path: Path) -> None:
    define(kiaro)
    file = tmp_path / "crm.csv"
    file.write_text("Company,Industry segment,Employees\nNova,health,42\nOrbit,Mining,7\n")
    refused = kiaro("import", "clients", str(file), "--map", "Industry segment=custom.sector")
    assert refused.exit_code == 1
    assert "line 3: sector 'Mining' is not one of: Retail, Finance, Health" in refused.stderr
    done = kiaro(
        "import", "clients", str(file), "--map", "Industry segment=custom.sector",
        "--map", "Employees=custom.staff", "--skip-invalid",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert kiaro("client", "list", "--where", "sector=Health", "--where", "staff=42", "-q").stdout == "3\n"
    unknown = kiaro("import", "clients", str(file), "--map", "Employees=custom.size")
    assert unknown.stderr.startswith("Error: column 'Employees': no custom field 'size'; add it first")


def test_removing_a_field_in_use_asks_first(kiaro: Run) -> None:
    define(kiaro)
    kiaro("client", "edit", "acme", "--set", "sector=Retail")
    refused = kiaro("field", "remove", "sector")
    assert refused.exit_code != 0
    assert refused.stderr == "Error: 1 client has a value of sector; re-run with --yes\n"
    assert kiaro("field", "remove", "sector", "--yes").stdout == (
        "Removed custom field sector and its values on 1 client\n"
    )
    assert kiaro("field", "remove", "staff").stdout == "Removed custom field staff\n"
    assert "Custom field removed: staff" in kiaro("undo").stdout


def test_a_custom_number_is_read_by_the_rule_of_every_amount(kiaro: Run) -> None:
    define(kiaro)
    kiaro("client", "quick-add", "Cleo")
    for args, label in ((["--set", "staff=1,250"], "staff"), (["--value", "1,250"], "value")):
        refused = kiaro("client", "edit", "cleo", *args)
        assert (refused.exit_code, refused.stderr) == (
            1,
            f"Error: {label} '1,250' could mean 1250 or 1.25; type 1250 or 1.25 instead\n",
        )
    for typed, stored in (("1 250", 1250), ("1,250.5", 1250.5), ("-3,5", -3.5), ("1,250,000", 1250000)):
        assert kiaro("client", "edit", "cleo", "--set", f"staff={typed}").exit_code == 0, typed
        assert (
            json.loads(kiaro("client", "show", "cleo", "--format", "json").stdout)["custom"]["staff"]
            == stored
        )
