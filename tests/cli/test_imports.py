"""Moving data in: CSV import (mapping, validation, duplicates, dry run, atomicity), vCards."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import vobject

from tests.helpers import FULL_ARGS, Run

FIXTURES = Path(__file__).parent.parent / "fixtures"


def ok(kiaro: Run, *args: str) -> str:
    done = kiaro(*args)
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


def write(tmp_path: Path, text: str, name: str = "in.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def dump(db_path: Path) -> list[str]:
    if not db_path.exists():
        return []
    with sqlite3.connect(db_path) as connection:
        return [line for line in connection.iterdump() if "undo_step" not in line or "INSERT" not in line]


def clients(kiaro: Run) -> list[dict[str, object]]:
    listed: list[dict[str, object]] = json.loads(ok(kiaro, "client", "list", "--all", "--format", "json"))
    return listed


SPREADSHEET = (
    "\ufeffCompany;Contact name;E-mail;Phone number;Street;Zip;Town;Country code;VAT;Tags;Status;"
    "Favourite colour;Notes\n"
    "Brand Factor;Thandi Mokoena;thandi@brandfactor.co.za;021 555 0123;12 Long St;8001;Cape Town;ZA;4123;"
    "design;active;teal;\n"
    '"Zoë; Studio";Zoë Martin;zoe@studio.fr;;3 rue Oberkampf;75011;Paris;France;;;lead;;'
    '"Second floor.\nRing twice"\n'
)


def test_a_spreadsheet_maps_by_common_names(kiaro: Run, tmp_path: Path) -> None:
    done = kiaro("import", "clients", write(tmp_path, SPREADSHEET))
    assert done.exit_code == 0, done.stderr
    assert "Left out columns: 'Favourite colour'" in done.stdout
    assert "Added 2 clients" in done.stdout
    assert ok(kiaro, "client", "list", "--search", "cape town", "-q") == "1\n"  # indexed for search
    assert "Integrity: ok" in ok(kiaro, "db", "check")
    brand, zoe = sorted(clients(kiaro), key=lambda c: str(c["name"]))
    assert brand["contact_person"] == "Thandi Mokoena" and brand["phone"] == "+27 21 555 0123"
    assert brand["vat_number"] == "4123" and brand["tags"] == ["design"] and brand["country"] == "ZA"
    assert brand["missing_fields"] == []
    assert zoe["name"] == "Zoë; Studio" and zoe["notes"] == "Second floor.\nRing twice"
    assert zoe["status"] == "lead" and zoe["country"] == "FR"


def test_tab_separated_files_and_map_overrides(kiaro: Run, tmp_path: Path) -> None:
    text = "Org\tWho\tInternal id\tMail\nAcme\tAnn Lee\tA-1\tann@acme.com\n"
    path = write(tmp_path, text, "in.tsv")
    done = kiaro(
        "import", "clients", path, "--map", "Who=contact_person", "--map", "Internal id=", "--map", "Org=name"
    )
    assert done.exit_code == 0, done.stderr
    assert "unknown" not in done.stdout
    (acme,) = clients(kiaro)
    assert (acme["name"], acme["contact_person"], acme["email"]) == ("Acme", "Ann Lee", "ann@acme.com")
    bad = kiaro("import", "clients", path, "--map", "Who=favourite")
    assert bad.exit_code == 1 and "unknown field" in bad.stderr
    missing = kiaro("import", "clients", path, "--map", "Nope=name")
    assert missing.exit_code == 1 and "does not have: 'Nope'" in missing.stderr
    beside_file = write(tmp_path, "Company,Name\nBeside Co,Bo Berg\n", "beside.csv")
    beside = ok(kiaro, "import", "clients", beside_file)
    assert "Added 1 client with 1 contact" in beside  # beside a Company column, Name is the person
    assert next(c for c in clients(kiaro) if c["name"] == "Beside Co")["contact_person"] == "Bo Berg"


def test_every_bad_row_is_reported_by_line_and_nothing_is_imported(
    kiaro: Run, tmp_path: Path, db_path: Path
) -> None:
    ok(kiaro, "client", "quick-add", "Existing")
    before = dump(db_path)
    text = (
        "name,email,notes,country,vat_rate,follow_up_on,start_date,end_date\n"
        "Good One,good@one.com,fine,NL,21,2026-12-01\n"
        'Bad Email,not-an-email,"a note\nover two lines",NL,,\n'
        "Bad Country,ok@two.com,,Atlantis,,\n"
        ",nameless@x.com,,,,\n"
        "Bad Rate,rate@x.com,,DE,140,someday\n"
        "Good Two,good@two.com,,,,2020-01-01\n"
    )
    text += "Ends Early,early@x.com,,,,,2026-05-01,2026-01-01\n"  # a row of its own, told by its line
    done = kiaro("import", "clients", write(tmp_path, text))
    assert done.exit_code == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "Error: 4 of 7 rows are invalid; nothing was imported"
    told = [line.split(":")[0].strip() for line in lines[1:]]
    assert told == ["line 3", "line 6", "line 7", "line 7", "line 9"]
    assert lines[-1] == "  line 9: end date 2026-01-01 is before start date 2026-05-01"
    assert "name is empty" in done.stderr  # an unknown country is no error in an import: see below
    assert dump(db_path) == before


def test_a_file_that_is_not_utf8_is_read_as_windows_1252_saying_so(kiaro: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "name,city\nAcme,Utrecht\nCafé Noir,Paris\n", encoding="cp1252")
    done = kiaro("import", "clients", path)
    assert done.exit_code == 0, done.stderr
    assert "Note: in.csv is not UTF-8: read as windows-1252" in done.stderr
    assert {c["name"] for c in clients(kiaro)} == {"Acme", "Café Noir"}
    wrong = kiaro("import", "clients", path, "--encoding", "utf-8", "--dry-run")
    assert wrong.exit_code == 1
    assert wrong.stderr.startswith("Error: in.csv cannot be read as utf-8 (line 3 has the byte 0xe9)")
    unknown = kiaro("import", "clients", path, "--encoding", "klingon")
    assert unknown.exit_code == 1 and "unknown encoding 'klingon'" in unknown.stderr


def test_duplicates_error_skip_or_update(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "add", *FULL_ARGS, "--code", "BF", "--tag", "vip")
    text = (
        "name,email,code,city,tags\n"
        "BRAND FACTOR,,,Johannesburg,design\n"  # same name
        "Other Name,THANDI@brandfactor.co.za,,,\n"  # same email
        "New Co,new@co.com,,,\n"
        "New Co,,,,\n"  # the file repeats itself
    )
    path = write(tmp_path, text)
    refused = kiaro("import", "clients", path)
    assert refused.exit_code == 1
    assert "line 2: same name as Brand Factor (#1)" in refused.stderr
    assert "line 3: same email as Brand Factor (#1)" in refused.stderr
    assert "line 5: same name as line 4" in refused.stderr
    path = write(tmp_path, text.rsplit("New Co,,,,\n", 1)[0], "fixed.csv")
    skipped = kiaro("import", "clients", path, "--on-duplicate", "skip")
    assert "line 2: skipped, same name as Brand Factor (#1)" in skipped.stderr  # why: on stderr
    assert "Added 1 client" in skipped.stdout
    ok(kiaro, "undo")
    ok(kiaro, "import", "clients", path, "--on-duplicate", "update")
    brand = next(c for c in clients(kiaro) if c["id"] == 1)
    assert brand["city"] == "Johannesburg" and brand["status"] == "active"  # no status column: kept
    assert brand["tags"] == ["vip", "design"] and brand["code"] == "BF"
    assert kiaro("import", "clients", path, "--on-duplicate", "merge").exit_code == 2


def test_dry_run_previews_and_writes_nothing(kiaro: Run, tmp_path: Path, db_path: Path) -> None:
    ok(kiaro, "client", "quick-add", "Existing")
    before = dump(db_path)
    done = kiaro("import", "clients", write(tmp_path, SPREADSHEET), "--dry-run")
    assert done.exit_code == 0
    assert "Brand Factor" in done.stdout and "Would add 2 clients" in done.stdout
    assert "dry run: nothing was written" in done.stdout
    assert dump(db_path) == before
    plan = json.loads(ok(kiaro, "import", "clients", write(tmp_path, SPREADSHEET), "--dry-run", "-f", "json"))
    assert plan == {
        "added": 2,
        "updated": 0,
        "skipped": 0,
        "contacts_added": 2,
        "rejected": [],
        "warnings": [],
        "countries": {"ZA": "ZA", "France": "FR"},
        "unknown_columns": ["Favourite colour"],
        "encoding": "utf-8",
        "header_line": 1,
        "dry_run": True,
    }


def test_the_formula_escape_of_exports_is_removed(kiaro: Run, tmp_path: Path) -> None:
    text = "name,notes,phone\n'=Acme,'+1 tip,'+31 20 123 4567\n'Til Death Ltd,'@home,\n"
    ok(kiaro, "import", "clients", write(tmp_path, text))
    by_name = {c["name"]: c for c in clients(kiaro)}
    assert set(by_name) == {"=Acme", "'Til Death Ltd"}
    assert by_name["=Acme"]["notes"] == "+1 tip" and by_name["=Acme"]["phone"] == "+31 20 123 4567"
    assert by_name["'Til Death Ltd"]["notes"] == "@home"


def test_an_import_is_one_change_for_undo(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "import", "clients", write(tmp_path, SPREADSHEET))
    assert len(clients(kiaro)) == 2
    said = ok(kiaro, "undo")
    assert "Imported Brand Factor (line 2)" in said
    assert clients(kiaro) == []
    assert ok(kiaro, "client", "list", "--search", "zoe", "-q") == ""


def test_template_lists_every_importable_column(kiaro: Run) -> None:
    header = ok(kiaro, "import", "template").strip().split(",")
    assert header[:4] == ["name", "legal_name", "kind", "code"]
    assert "id" not in header and "effective_currency" not in header and "tags" in header


def test_empty_and_nameless_files(kiaro: Run, tmp_path: Path) -> None:
    empty = kiaro("import", "clients", write(tmp_path, ""))
    assert empty.exit_code == 1 and "is empty" in empty.stderr
    nameless = kiaro("import", "clients", write(tmp_path, "email,city\na@b.com,X\n", "n.csv"))
    assert nameless.exit_code == 1 and "no column gives the client's name" in nameless.stderr
    missing = kiaro("import", "clients", str(tmp_path / "absent.csv"))
    assert missing.exit_code == 1 and "cannot read" in missing.stderr


# ---------------------------------------------------------------- vCards


def test_vcard_export_is_read_by_a_real_parser_and_comes_back(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "add", *FULL_ARGS, "--website", "https://brandfactor.co.za", "--tag", "design")
    ok(kiaro, "contact", "add", "brand", "--name", "Lebo Dube", "--email", "lebo@bf.co.za", "--title", "CFO")
    ok(kiaro, "client", "quick-add", "Solo, Inc.")
    target = tmp_path / "out.vcf"
    assert "Exported 3 vCards" in kiaro("export", "vcard", "--output", str(target)).stderr
    cards = list(vobject.readComponents(target.read_text()))
    by_name = {card.fn.value: card for card in cards}
    assert set(by_name) == {"Thandi Mokoena", "Lebo Dube", "Solo, Inc."}
    lebo = by_name["Lebo Dube"]
    assert lebo.org.value == ["Brand Factor"] and lebo.title.value == "CFO"
    assert lebo.contents["x-kiaro-legal-name"][0].value == "CDF Marketing Pty Ltd"
    assert lebo.email.value == "lebo@bf.co.za" and lebo.adr.value.city == "Cape Town"
    assert by_name["Solo, Inc."].org.value == ["Solo, Inc."]
    assert len(list(vobject.readComponents(ok(kiaro, "export", "vcard", "brand")))) == 2

    other = tmp_path / "other.db"
    ok(kiaro, "--db", str(other), "import", "vcard", str(target))
    moved = json.loads(ok(kiaro, "--db", str(other), "client", "list", "--format", "json"))
    assert sorted(c["name"] for c in moved) == ["Brand Factor", "Solo, Inc."]
    assert moved[0]["legal_name"] == "CDF Marketing Pty Ltd"
    contacts = json.loads(ok(kiaro, "--db", str(other), "contact", "list", "brand", "--format", "json"))
    assert [(c["name"], c["primary"]) for c in contacts] == [("Thandi Mokoena", True), ("Lebo Dube", False)]


def test_a_second_address_line_survives_a_vcard_round_trip(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "add", *FULL_ARGS, "--address2", "Floor 3", "--region", "Western Cape")
    exported = ok(kiaro, "export", "vcard")
    assert "12 Long Street\\nFloor 3" in exported
    (tmp_path / "out.vcf").write_text(exported)
    other = tmp_path / "other.db"
    ok(kiaro, "--db", str(other), "import", "vcard", str(tmp_path / "out.vcf"))
    back = json.loads(ok(kiaro, "--db", str(other), "client", "show", "brand", "--format", "json"))
    assert (back["address_line1"], back["address_line2"], back["region"]) == (
        "12 Long Street",
        "Floor 3",
        "Western Cape",
    )


def test_several_emails_phones_and_addresses_go_through_vobject_and_come_back_labelled(
    kiaro: Run, tmp_path: Path
) -> None:
    ok(kiaro, "client", "add", *FULL_ARGS)
    postbus = ["--line1", "PO Box 1234", "--city", "Cape Town", "--postal-code", "8000", "--country", "ZA"]
    ok(kiaro, "client", "address", "add", "brand", "--kind", "invoicing", *postbus)
    ok(kiaro, "contact", "add", "brand", "--name", "Lebo Dube", "--email", "lebo@bf.co.za",
       "--phone", "+27 21 555 0100")  # fmt: skip
    ok(kiaro, "contact", "edit", "2", "--add-email", "lebo@home.org", "--label", "home")
    ok(kiaro, "contact", "edit", "2", "--add-phone", "+27 82 555 0101", "--label", "mobile")
    ok(kiaro, "contact", "edit", "2", "--add-email", "lebo@else.org", "--label", "other")
    exported = ok(kiaro, "export", "vcard")
    by_name = {card.fn.value: card for card in vobject.readComponents(exported)}
    lebo = by_name["Lebo Dube"]
    assert [(e.value, e.params["TYPE"]) for e in lebo.contents["email"]] == [
        ("lebo@bf.co.za", ["INTERNET", "WORK"]),
        ("lebo@home.org", ["INTERNET", "HOME"]),
        ("lebo@else.org", ["INTERNET", "OTHER"]),
    ]
    assert [(t.value, t.params["TYPE"]) for t in lebo.contents["tel"]] == [
        ("+27 21 555 0100", ["WORK"]),
        ("+27 82 555 0101", ["CELL"]),
    ]
    company = by_name["Brand Factor"]
    assert [a.value.street for a in company.contents["adr"]] == ["12 Long Street", "PO Box 1234"]
    (tmp_path / "out.vcf").write_text(exported)
    other = ["--db", str(tmp_path / "other.db")]
    ok(kiaro, *other, "import", "vcard", str(tmp_path / "out.vcf"))
    people = json.loads(ok(kiaro, *other, "contact", "list", "brand", "--format", "json"))
    back = {person["name"]: person for person in people}["Lebo Dube"]
    assert back["emails"] == [
        {"address": "lebo@bf.co.za", "label": "work"},
        {"address": "lebo@home.org", "label": "home"},
        {"address": "lebo@else.org", "label": "other"},
    ]
    assert back["phones"] == [
        {"number": "+27 21 555 0100", "label": "work"},
        {"number": "+27 82 555 0101", "label": "mobile"},
    ]
    assert ok(kiaro, *other, "export", "vcard") == exported


def test_khard_reads_every_email_and_phone_of_an_exported_contact_with_its_label(
    kiaro: Run, tmp_path: Path
) -> None:
    from khard.address_book import VdirAddressBook

    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "contact", "add", "acme", "--name", "Ann Lee", "--email", "ann@acme.com",
       "--phone", "+27 21 555 0100")  # fmt: skip
    ok(kiaro, "contact", "edit", "1", "--add-email", "ann@home.org", "--label", "home")
    ok(kiaro, "contact", "edit", "1", "--add-phone", "+27 82 555 0101", "--label", "mobile")
    book = tmp_path / "book"  # khard's layout: a folder of one card a file
    book.mkdir()
    for card in vobject.readComponents(ok(kiaro, "export", "vcard", "acme")):
        (book / f"{card.uid.value}.vcf").write_text(card.serialize())
    khard = VdirAddressBook("kiaro", str(book))
    khard.load()
    (ann,) = [contact for contact in khard.contacts.values() if contact.formatted_name == "Ann Lee"]
    assert ann.emails == {"INTERNET, WORK": ["ann@acme.com"], "INTERNET, HOME": ["ann@home.org"]}
    assert ann.phone_numbers == {"WORK": ["+27 21 555 0100"], "CELL": ["+27 82 555 0101"]}


def test_billing_details_travel_in_a_vcard_labelled_billing(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "add", *FULL_ARGS, "--invoice-email", "ap@brandfactor.co.za")
    postbus = ["--line1", "PO Box 1234", "--city", "Cape Town", "--postal-code", "8000", "--country", "ZA"]
    ok(kiaro, "client", "address", "add", "brand", "--kind", "invoicing", *postbus)
    exported = ok(kiaro, "export", "vcard")
    company = exported.split("END:VCARD")[0]  # the company card carries them, a person's does not
    assert "item1.EMAIL;TYPE=INTERNET,WORK:ap@brandfactor.co.za" in company
    assert "item2.ADR;TYPE=WORK:;;PO Box 1234;Cape Town;;8000;South Africa" in company
    assert "item1.X-ABLABEL:Billing" in company and "item2.X-ABLABEL:Billing" in company
    assert "ap@brandfactor" not in exported.split("END:VCARD")[1]
    (tmp_path / "out.vcf").write_text(exported)
    other = ["--db", str(tmp_path / "other.db")]
    ok(kiaro, *other, "import", "vcard", str(tmp_path / "out.vcf"))
    back = json.loads(ok(kiaro, *other, "client", "show", "brand", "--format", "json"))
    assert back["invoice_email"] == "ap@brandfactor.co.za"
    assert back["email"] == "thandi@brandfactor.co.za"  # the billing email is not the client's own
    assert [(a["kind"], a["line1"], a["default"]) for a in back["addresses"]] == [
        ("office", "12 Long Street", True),
        ("invoicing", "PO Box 1234", False),
    ]
    assert ok(kiaro, *other, "export", "vcard") == exported


def test_a_google_billing_label_is_read_and_a_bad_billing_address_left_out(
    kiaro: Run, tmp_path: Path
) -> None:
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nORG:Orbit\nEMAIL;TYPE=INTERNET:ann@orbit.io\n"
        "item1.EMAIL;TYPE=INTERNET:invoices@orbit.io\nitem1.X-ABLabel:_$!<Billing>!$_\n"
        "item2.ADR:;;Nowhere;;;;\nitem2.X-ABLabel:billing\nEND:VCARD\n"
    )
    (tmp_path / "g.vcf").write_text(card)
    said = kiaro("import", "vcard", str(tmp_path / "g.vcf"))
    assert "billing address left out: an address needs --city, --country" in said.stderr
    orbit = json.loads(ok(kiaro, "client", "show", "orbit", "--format", "json"))
    assert (orbit["email"], orbit["invoice_email"], orbit["addresses"]) == (
        "ann@orbit.io",
        "invoices@orbit.io",
        [],
    )


def test_an_apple_contacts_export(kiaro: Run) -> None:
    said = ok(kiaro, "import", "vcard", str(FIXTURES / "apple-contacts.vcf"))
    assert said == "Imported 1 new client, 2 new contacts\nNot kept: PHOTO (1 card)\n"
    (gamma,) = clients(kiaro)
    assert gamma["name"] == "Gamma Studio" and gamma["city"] == "Madrid" and gamma["country"] == "ES"
    contacts = json.loads(ok(kiaro, "contact", "list", "gamma", "--format", "json"))
    assert [(c["name"], c["job_title"], c["primary"]) for c in contacts] == [
        ("Maria Lopez", "Founder", True),
        ("Lebo Dube", None, False),
    ]
    again = ok(kiaro, "import", "vcard", str(FIXTURES / "apple-contacts.vcf"))
    assert again.startswith("Imported 0 new clients, 0 new contacts; 1 client, 2 contacts already there\n")


def test_a_google_contacts_export_and_vcard_4(kiaro: Run) -> None:
    ok(kiaro, "import", "vcard", str(FIXTURES / "google-contacts.vcf"))
    ok(kiaro, "import", "vcard", str(FIXTURES / "vcard4.vcf"))
    by_name = {c["name"]: c for c in clients(kiaro)}
    assert set(by_name) == {"Hikari KK", "Olivia García", "Acme Corp"}
    assert by_name["Hikari KK"]["tags"] == ["Clients"] and by_name["Hikari KK"]["country"] == "JP"
    assert by_name["Olivia García"]["contact_person"] == "Olivia García"
    assert by_name["Olivia García"]["notes"] == "Met at the Lisbon meetup"
    assert by_name["Acme Corp"]["phone"] == "+1 202-555-0143"


def test_a_bad_card_stops_the_whole_import(kiaro: Run, tmp_path: Path, db_path: Path) -> None:
    text = (
        FIXTURES / "vcard4.vcf"
    ).read_text() + "BEGIN:VCARD\nVERSION:3.0\nFN:X\nEMAIL:not-an-email\nEND:VCARD\n"
    done = kiaro("import", "vcard", write(tmp_path, text, "bad.vcf"))
    assert done.exit_code == 1
    assert "card at line 11: invalid email" in done.stderr
    assert clients(kiaro) == []
    assert kiaro("import", "vcard", write(tmp_path, "name,city\n", "x.vcf")).exit_code == 1


@pytest.mark.no_database
def test_a_dry_run_makes_no_database(kiaro: Run, tmp_path: Path, db_path: Path) -> None:
    said = ok(kiaro, "import", "clients", write(tmp_path, SPREADSHEET), "--dry-run")  # a first import, tried
    assert "Would add 2 clients" in said
    said = ok(kiaro, "import", "vcard", str(FIXTURES / "apple-contacts.vcf"), "--dry-run")
    assert said.startswith("Would import 1 new client, 2 new contacts")
    assert not db_path.exists() and not db_path.parent.exists()


def test_vcard_dry_run_writes_nothing(kiaro: Run, db_path: Path) -> None:
    ok(kiaro, "client", "quick-add", "Existing")
    before = dump(db_path)
    said = ok(kiaro, "import", "vcard", str(FIXTURES / "apple-contacts.vcf"), "--dry-run")
    assert said.startswith("Would import 1 new client, 2 new contacts") and "dry run" in said
    assert dump(db_path) == before


@pytest.mark.parametrize("args", [["export", "vcard", "nobody"], ["import", "vcard", "/nonexistent.vcf"]])
def test_vcard_refusals(kiaro: Run, args: list[str]) -> None:
    assert kiaro(*args).exit_code == 1


def test_duplicates_and_merge_through_the_cli(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme Corp.")
    ok(kiaro, "client", "quick-add", "ACME Corporation", "--allow-duplicate")
    ok(kiaro, "client", "quick-add", "Unrelated")
    ok(kiaro, "interaction", "add", "2", "Called about the brief", "--type", "call")
    pairs = json.loads(ok(kiaro, "client", "duplicates", "--format", "json"))
    assert pairs == [
        {
            "id": 1,
            "name": "Acme Corp.",
            "other_id": 2,
            "other_name": "ACME Corporation",
            "reasons": ["same name"],
        }
    ]
    assert "kiaro client merge 1 2" in ok(kiaro, "client", "duplicates")
    refused = kiaro("client", "merge", "1", "2")
    assert refused.exit_code == 1 and "re-run with --yes" in refused.stderr
    said = ok(kiaro, "client", "merge", "1", "2", "--yes")
    assert said == "Merged ACME Corporation (#2) into Acme Corp. (#1): 0 contacts moved, 1 interaction\n"
    assert ok(kiaro, "client", "duplicates") == "No likely duplicates.\n"
    assert kiaro("client", "merge", "1", "1", "--yes").exit_code == 1


def test_a_client_type_column_gives_the_kind_in_other_tools_words(kiaro: Run, tmp_path: Path) -> None:
    people = "Company,Client Type\nBrand Factor,Organization\nThandi Mokoena,Private\nZoë Studio,\n"
    done = kiaro("import", "clients", write(tmp_path, people))
    assert done.exit_code == 0, done.stderr
    kinds = {str(c["name"]): c["kind"] for c in clients(kiaro)}
    assert kinds == {"Brand Factor": "company", "Thandi Mokoena": "individual", "Zoë Studio": "company"}


def test_a_clients_further_addresses_go_through_vobject_and_come_back_with_their_labels(
    kiaro: Run, tmp_path: Path
) -> None:
    ok(kiaro, "client", "add", *FULL_ARGS)
    site = [
        "--kind",
        "site",
        "--label",
        "Woodstock workshop",
        "--line1",
        "3 Mill Road",
        "--city",
        "Cape Town",
    ]
    ok(kiaro, "client", "address", "add", "brand", *site, "--country", "ZA")
    ok(kiaro, "client", "address", "add", "brand", "--kind", "other", "--label", "Magazzino",
       "--line1", "Via Roma 1", "--city", "Milano", "--country", "IT")  # fmt: skip
    exported = ok(kiaro, "export", "vcard")
    company = next(vobject.readComponents(exported))  # the client's first card: its primary contact's
    assert [(a.value.street, a.params.get("TYPE")) for a in company.contents["adr"]] == [
        ("12 Long Street", ["WORK"]),
        ("3 Mill Road", ["WORK"]),
        ("Via Roma 1", None),
    ]
    assert [label.value for label in company.contents["x-ablabel"]] == ["Woodstock workshop", "Magazzino"]
    (tmp_path / "out.vcf").write_text(exported)
    other = ["--db", str(tmp_path / "other.db")]
    ok(kiaro, *other, "import", "vcard", str(tmp_path / "out.vcf"))
    back = json.loads(ok(kiaro, *other, "client", "address", "list", "brand", "--format", "json"))
    assert [(a["label"], a["line1"], a["city"], a["country"], a["default"]) for a in back] == [
        (None, "12 Long Street", "Cape Town", "ZA", True),
        ("Woodstock workshop", "3 Mill Road", "Cape Town", "ZA", False),
        ("Magazzino", "Via Roma 1", "Milano", "IT", False),
    ]


def test_a_cadence_moves_with_an_export_of_clients_and_a_bad_one_is_refused(
    kiaro: Run, tmp_path: Path
) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("followup", "set", "acme", "--every", "6w")
    exported = tmp_path / "clients.csv"
    assert kiaro("export", "clients", "--output", str(exported)).exit_code == 0
    target = str(tmp_path / "new.db")
    assert kiaro("--db", target, "import", "clients", str(exported)).exit_code == 0
    moved = json.loads(kiaro("--db", target, "client", "show", "acme", "--format", "json").stdout)
    assert (moved["cadence"], moved["follow_up_on"]) == ("6w", "2027-01-04")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,cadence\nBeta,fortnightly\n")
    refused = kiaro("import", "clients", str(bad))
    assert (
        refused.exit_code == 1 and "line 2: cadence: cannot read the interval 'fortnightly'" in refused.stderr
    )


def test_every_email_and_phone_of_a_row_is_its_persons_labelled_as_its_column_says(
    kiaro: Run, tmp_path: Path
) -> None:
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        "First Name,Last Name,Company,E-mail Address,E-mail 2 Address,Business Phone,MobilePhone\n"
        "Eva,Green,Epsilon BV,eva@epsilon.nl,eva@home.nl,+31 20 123 4567,+31 6 12345678\n"
        ",,Theta BV,a@theta.nl,b@theta.nl,,\n"
    )
    ok(kiaro, "import", "clients", str(outlook))
    (eva,) = json.loads(ok(kiaro, "contact", "list", "epsilon", "--format", "json"))
    assert [(e["address"], e["label"]) for e in eva["emails"]] == [
        ("eva@epsilon.nl", "work"),
        ("eva@home.nl", "other"),
    ]
    assert [(p["number"], p["label"]) for p in eva["phones"]] == [
        ("+31 20 123 4567", "work"),
        ("+31 6 12345678", "mobile"),
    ]
    assert ok(kiaro, "client", "list", "--search", "home.nl", "-q") == "1\n"
    theta = json.loads(ok(kiaro, "client", "show", "theta", "--format", "json"))  # no person: the notes
    assert theta["email"] == "a@theta.nl" and "b@theta.nl" in theta["notes"]


def test_cells_of_labelled_emails_and_phones_as_kiaro_writes_them_are_read_each_with_its_label(
    kiaro: Run, tmp_path: Path
) -> None:
    own = tmp_path / "contacts.csv"
    own.write_text(
        "name,contact_person,email,emails,phones\n"
        'Multi Co,Ann Lee,ann@multi.example,"work:ann@multi.example;home:ann.lee@home.example",'
        '"mobile:+44 7700 900123;work:+44 20 7946 0000"\n'
    )
    said = kiaro("import", "clients", str(own))
    told = said.stdout + said.stderr
    assert said.exit_code == 0 and "Left out" not in told and "kept as written" not in told
    (ann,) = json.loads(ok(kiaro, "contact", "list", "multi", "--format", "json"))
    assert [(e["address"], e["label"]) for e in ann["emails"]] == [
        ("ann@multi.example", "work"),
        ("ann.lee@home.example", "home"),
    ]
    assert (ann["phone"], [(p["number"], p["label"]) for p in ann["phones"]]) == (
        "+44 7700 900123",
        [("+44 7700 900123", "mobile"), ("+44 20 7946 0000", "work")],
    )  # never the cell as written: "mobile:+44 7700 900123;…" is no phone number
    google = tmp_path / "google.csv"
    google.write_text("name,contact_person,email\nG Co,Gil Ray,gil@g.example ::: gil.ray@home.example\n")
    ok(kiaro, "import", "clients", str(google))
    (gil,) = json.loads(ok(kiaro, "contact", "list", "g co", "--format", "json"))
    assert [e["address"] for e in gil["emails"]] == ["gil@g.example", "gil.ray@home.example"]  # each once
    assert not json.loads(ok(kiaro, "client", "show", "g co", "--format", "json"))["notes"]
    nobody = tmp_path / "nobody.csv"  # no person: the further ones go to the notes, each once
    nobody.write_text("name,email\nH Co,h@h.example ::: accounts@h.example\n")
    ok(kiaro, "import", "clients", str(nobody))
    notes = json.loads(ok(kiaro, "client", "show", "h co", "--format", "json"))["notes"]
    assert notes.count("accounts@h.example") == 1
