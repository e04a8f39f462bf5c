"""Moving in: the files other programs really write, imported as their users would expect.

The corpus in ``tests/fixtures/imports`` follows the header rows, encodings, separators
and vCard shapes each program writes (see its README); the people and companies are
invented. Each file is imported into an empty database, and where names, contacts,
emails, phones, addresses, countries, tags and values land is checked.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.moving_in import EXPECTED
from tests.helpers import Run

CORPUS = Path(__file__).parent.parent / "fixtures" / "imports"


def ok(kiaro: Run, *args: str) -> str:
    done = kiaro(*args)
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


def client_views(kiaro: Run) -> dict[str, dict[str, Any]]:
    """Every client as ``client show --format json`` has it, by name."""
    listed = json.loads(ok(kiaro, "client", "list", "--all", "--format", "json"))
    views = [json.loads(ok(kiaro, "client", "show", str(c["id"]), "--format", "json")) for c in listed]
    return {view["name"]: view for view in views}


def import_args(name: str) -> list[str]:
    return ["import", "vcard" if name.endswith(".vcf") else "clients", str(CORPUS / name)]


def test_the_corpus_has_every_shape() -> None:
    files = sorted(path.name for path in CORPUS.iterdir() if path.suffix in (".csv", ".txt", ".vcf"))
    assert len(files) >= 30
    assert {name.split("-")[0].split(".")[0] for name in files} >= {
        "outlook",
        "google",
        "iphone",
        "hubspot",
        "pipedrive",
        "zoho",
        "salesforce",
        "invoice",
        "linkedin",
        "excel",
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_file_lands_where_its_users_expect(kiaro: Run, name: str) -> None:
    ok(kiaro, *import_args(name))
    landed_as_expected(client_views(kiaro), EXPECTED[name])


def landed_as_expected(views: dict[str, dict[str, Any]], expected_clients: dict[str, dict[str, Any]]) -> None:
    """Each client of a file as the fixture says: its contacts, addresses, every email and
    phone of each contact, and any other field."""
    assert set(views) == set(expected_clients)
    for client, fields in expected_clients.items():
        view = views[client]
        for key, expected in fields.items():
            if key == "contacts":
                landed = [(c["name"], c["email"], c["phone"], c["job_title"]) for c in view["contacts"]]
                assert landed == expected, client
                assert [c["primary"] for c in view["contacts"]] == [i == 0 for i in range(len(landed))]
            elif key == "addresses":
                kept = [
                    (a["kind"], a["label"], a["line1"], a["city"], a["country"], a["default"])
                    for a in view[key]
                ]
                assert kept == expected, client
            elif key == "reach":  # every email and phone of each contact, in order
                reach = [
                    ([e["address"] for e in c["emails"]], [p["number"] for p in c["phones"]])
                    for c in view["contacts"]
                ]
                assert reach == expected, client
            else:
                assert view[key] == expected, (client, key, view[key])


def test_what_kiaro_chose_in_reading_a_file_is_said(kiaro: Run) -> None:
    outlook = kiaro(*import_args("outlook-desktop.csv"))
    assert "Note: outlook-desktop.csv is not UTF-8: read as windows-1252" in outlook.stderr
    assert "Left out columns: 'Suffix', 'Department', \"Assistant's Phone\"" in outlook.stdout
    assert "and 33 more" in outlook.stdout
    linkedin = kiaro(*import_args("linkedin-connections.csv"), "--dry-run")
    assert "Note: the header is on line 4; the lines above it were left out" in linkedin.stderr
    countries = kiaro(*import_args("countries.csv"), "--dry-run")
    assert "'Republic of Korea' → KR (South Korea)" in countries.stdout
    assert (
        "country 'Austrlia' could be Australia or Austria: left empty, kept in the notes" in countries.stderr
    )
    statuses = kiaro(*import_args("hubspot-companies.csv"), "--dry-run")
    assert "Type 'Vendor' (1 row) is not a status kiaro knows; left out" in statuses.stderr
    card = kiaro(*import_args("rfc6350.vcf"), "--dry-run")
    assert "Not kept: ANNIVERSARY (1 card), GENDER (1 card), GEO (1 card)" in card.stdout  # BDAY is kept


def test_an_encoding_can_be_named(kiaro: Run) -> None:
    ok(kiaro, *import_args("excel-mac.csv"), "--encoding", "mac-roman")  # Excel for Mac's old CSV
    views = client_views(kiaro)
    assert views["Pampas Studio"]["contact_person"] == "Martín López"
    assert views["Kiwi Kites Ltd"]["notes"] == "Ships from Wellington\nCloses over Christmas"  # CR line ends
    assert views["Kiwi Kites Ltd"]["country"] == "NZ"


def test_warnings_and_countries_in_the_json_summary(kiaro: Run) -> None:
    summary = json.loads(ok(kiaro, *import_args("countries.csv"), "--format", "json"))
    assert summary["countries"]["Republic of China"] == "TW" and summary["countries"]["Atlantis"] is None
    assert summary["warnings"] == [
        "line 12: country 'Austrlia' could be Australia or Austria: left empty, kept in the notes",
        "line 13: country 'Atlantis' is not one kiaro knows: left empty, kept in the notes",
    ]


def test_bad_rows_are_set_aside_and_written_to_fix(kiaro: Run, tmp_path: Path) -> None:
    source = tmp_path / "crm.csv"
    source.write_text(
        "Company;E-mail;Land\nGood GmbH;good@good.example;Deutschland\n"
        "Bad Mail AG;not-an-email;Österreich\nAlso Good BV;hi@also.example;Nederland\n"
    )
    refused = kiaro("import", "clients", str(source))
    assert refused.exit_code == 1 and "line 3: invalid email 'not-an-email'" in refused.stderr
    assert client_views(kiaro) == {}
    alone = kiaro("import", "clients", str(source), "--rejects", str(tmp_path / "x.csv"))
    assert alone.exit_code == 1 and "add --skip-invalid" in alone.stderr
    rejects = tmp_path / "fix-me.csv"
    done = kiaro("import", "clients", str(source), "--skip-invalid", "--rejects", str(rejects))
    assert done.exit_code == 0, done.stderr
    assert "line 3: set aside, invalid email 'not-an-email'" in done.stderr
    assert "Added 2 clients, updated 0, skipped 0, set aside 1" in done.stdout
    assert "Wrote 1 set-aside row to" in done.stderr
    assert rejects.read_text().splitlines() == [
        "Company;E-mail;Land;kiaro_error",  # written as the file was: ; between cells
        "Bad Mail AG;not-an-email;Österreich;"
        "invalid email 'not-an-email': An email address must have an @-sign.",
    ]
    rejects.write_text(rejects.read_text().replace("not-an-email;", "bad@mail.example;", 1))
    ok(kiaro, "import", "clients", str(rejects))  # fixed, it imports (kiaro_error is left out)
    assert client_views(kiaro)["Bad Mail AG"]["country"] == "AT"


def test_a_bad_card_is_set_aside_and_written_to_fix(kiaro: Run, tmp_path: Path) -> None:
    refused = kiaro(*import_args("one-broken-card.vcf"))
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        "Error: 2 cards cannot be imported; nothing was imported",
        "  card at line 7: Failed to parse line: THIS LINE IS NOT A PROPERTY",
        "  card at line 12: invalid email 'bad-address': An email address must have an @-sign.",
    ]
    rejects = tmp_path / "fix-me.vcf"
    done = kiaro(*import_args("one-broken-card.vcf"), "--skip-invalid", "--rejects", str(rejects))
    assert done.exit_code == 0, done.stderr
    assert "card at line 7: set aside" in done.stderr and "card at line 12: set aside" in done.stderr
    assert set(client_views(kiaro)) == {"Good One Ltd", "Good Three Ltd"}
    assert rejects.read_text().count("BEGIN:VCARD") == 2
    rejects.write_text(
        rejects.read_text()
        .replace("THIS LINE IS NOT A PROPERTY\n", "")
        .replace("bad-address", "two@good.example")
    )
    ok(kiaro, "import", "vcard", str(rejects))
    assert set(client_views(kiaro)) == {"Good One Ltd", "Good Three Ltd", "Broken", "Good Two Ltd"}


def test_a_card_with_no_name_stops_an_android_book_unless_set_aside(kiaro: Run) -> None:
    refused = kiaro(*import_args("android-21.vcf"))
    assert refused.exit_code == 1
    assert "card at line 12: it has neither a name (FN) nor an organisation (ORG)" in refused.stderr
    ok(kiaro, *import_args("android-21.vcf"), "--skip-invalid")
    views = client_views(kiaro)
    assert views["Fjall Design"]["contacts"][0]["name"] == "Sigrún Björk"  # quoted-printable UTF-8
    assert [p["number"] for p in views["Fjall Design"]["contacts"][0]["phones"]][1:] == ["1-800-FLOWERS"]
    assert views["Karl Weiss"]["phone"] == "+49 30 1234567"  # 030/1234567, as Germans write it


def test_a_phone_kiaro_cannot_check_is_kept_with_a_note_in_imports_only(kiaro: Run, tmp_path: Path) -> None:
    source = tmp_path / "flowers.csv"
    source.write_text("Company,Phone\nFlower Shop,1-800-FLOWERS\n")
    done = kiaro("import", "clients", str(source))
    assert done.exit_code == 0 and "line 2: phone '1-800-FLOWERS' kept as written" in done.stderr
    assert client_views(kiaro)["Flower Shop"]["phone"] == "1-800-FLOWERS"
    typed = kiaro("client", "edit", "flower shop", "--phone", "1-800-FLOWERS")
    assert typed.exit_code == 1 and "invalid phone" in typed.stderr


def test_people_rows_imported_again_are_duplicates_not_new_contacts(kiaro: Run) -> None:
    ok(kiaro, *import_args("pipedrive-persons.csv"))
    again = kiaro(*import_args("pipedrive-persons.csv"))
    assert again.exit_code == 1 and "line 2: same email as Bäckerei Sonnenschein (#1)" in again.stderr
    skipped = ok(kiaro, *import_args("pipedrive-persons.csv"), "--on-duplicate", "skip")
    assert "Added 0 clients" in skipped
    ok(kiaro, *import_args("pipedrive-persons.csv"), "--on-duplicate", "update")
    views = client_views(kiaro)
    assert len(views) == 3 and [c["name"] for c in views["Bäckerei Sonnenschein"]["contacts"]] == [
        "Klara Huber",
        "Jonas Huber",
    ]


def test_a_repeated_row_in_one_file_follows_on_duplicate(kiaro: Run, tmp_path: Path) -> None:
    source = tmp_path / "twice.csv"
    source.write_text("Company,Contact,City\nAcme,Ann Lee,Leeds\nAcme,Ann Lee,York\nAcme,Bo Berg,\n")
    refused = kiaro("import", "clients", str(source))
    assert refused.exit_code == 1 and "line 3: same name as line 2" in refused.stderr
    ok(kiaro, "import", "clients", str(source), "--on-duplicate", "update")
    acme = client_views(kiaro)["Acme"]
    assert acme["city"] == "York" and [c["name"] for c in acme["contacts"]] == ["Ann Lee", "Bo Berg"]


def test_two_columns_of_one_name_are_told_apart_by_position(kiaro: Run) -> None:
    path = str(CORPUS / "invoice-ninja-clients.csv")
    ok(kiaro, "import", "clients", path, "--map", "Phone#2=", "--dry-run")
    ok(kiaro, "import", "clients", path, "--map", "Phone#2=")
    assert "07700" not in (client_views(kiaro)["Copperfield & Sons"]["notes"] or "")
    missing = kiaro("import", "clients", path, "--map", "Phone#3=phone")
    assert missing.exit_code == 1 and "does not have: 'Phone#3'" in missing.stderr


def without_ids(text: str) -> list[dict[str, str]]:
    rows = csv.DictReader(
        io.StringIO(text.lstrip("\ufeff")), delimiter=";" if text.count(";") > text.count(",") else ","
    )
    return [
        {k: v for k, v in row.items() if k not in ("id", "client_id", "contact_id", "last_activity_at")}
        for row in rows
    ]


def test_a_move_by_csv_keeps_contacts_roles_and_the_interaction_log(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "quick-add", "Acme", "--allow-duplicate")
    ok(kiaro, "contact", "add", "acme", "--name", "Ann Lee", "--email", "ann@acme.example")
    ok(
        kiaro,
        "contact",
        "add",
        "acme",
        "--name",
        "Bo Berg",
        "--title",
        "CFO",
        "--role",
        "finance",
        "--primary",
    )
    ok(kiaro, "client", "quick-add", "Beta Works")
    ok(
        kiaro,
        "interaction",
        "add",
        "acme",
        "Budget call",
        "--type",
        "call",
        "--on",
        "2026-10-02",
        "--contact",
        "2",
    )
    ok(kiaro, "interaction", "add", "acme", "Kick-off", "--type", "meeting", "--on", "2026-11-20 15:30")
    ok(
        kiaro,
        "interaction",
        "add",
        "beta works",
        "Sent the proposal",
        "--type",
        "email",
        "--next-step",
        "Call Friday",
    )
    files = {}
    for what in ("clients", "contacts", "interactions"):
        files[what] = tmp_path / f"{what}.csv"
        ok(kiaro, "export", what, "--output", str(files[what]))
    target = ["--db", str(tmp_path / "new.db")]
    ok(kiaro, *target, "import", "clients", str(files["clients"]))
    said = ok(kiaro, *target, "import", "contacts", str(files["contacts"]))
    assert said == "Imported 1 new contact, 1 contact completed, 0 contacts already there\n"
    assert "Imported 3 new interactions" in ok(
        kiaro, *target, "import", "interactions", str(files["interactions"])
    )
    for what in ("contacts", "interactions"):
        assert without_ids(ok(kiaro, *target, "export", what)) == without_ids(files[what].read_text()), what
    again = ok(kiaro, *target, "import", "interactions", str(files["interactions"]))
    assert again == "Imported 0 new interactions, 0 interactions completed, 3 interactions already there\n"
    assert "0 new contacts" in ok(kiaro, *target, "import", "contacts", str(files["contacts"]))


def test_a_contacts_several_emails_and_phones_travel_in_a_csv_file(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(
        kiaro,
        "contact",
        "add",
        "acme",
        "--name",
        "Ann",
        "--email",
        "ann@acme.com",
        "--phone",
        "+27 21 555 0100",
    )
    ok(kiaro, "contact", "edit", "1", "--add-email", "ann@home.org", "--add-phone", "+27 82 555 0101",
       "--label", "mobile")  # fmt: skip
    exported = tmp_path / "contacts.csv"
    ok(kiaro, "export", "contacts", "--output", str(exported))
    header, row = exported.read_text().splitlines()
    assert header.split(",")[6:8] == ["emails", "phones"]
    assert "work:ann@acme.com;mobile:ann@home.org,work:+27 21 555 0100;mobile:+27 82 555 0101" in row
    target = ["--db", str(tmp_path / "new.db")]
    ok(kiaro, *target, "client", "quick-add", "Acme")
    ok(kiaro, *target, "contact", "add", "acme", "--name", "Ann", "--email", "ann@home.org")
    said = ok(kiaro, *target, "import", "contacts", str(exported))
    assert said == "Imported 0 new contacts, 1 contact completed, 0 contacts already there\n"
    (ann,) = json.loads(ok(kiaro, *target, "contact", "list", "acme", "--format", "json"))
    assert [(e["address"], e["label"]) for e in ann["emails"]] == [
        ("ann@home.org", "work"),
        ("ann@acme.com", "work"),
    ]  # the contact's own first; what it lacked after it
    assert [p["number"] for p in ann["phones"]] == ["+27 21 555 0100", "+27 82 555 0101"]
    fresh = ["--db", str(tmp_path / "fresh.db")]
    ok(kiaro, *fresh, "client", "quick-add", "Acme")
    ok(kiaro, *fresh, "import", "contacts", str(exported))
    again = tmp_path / "again.csv"
    ok(kiaro, *fresh, "export", "contacts", "--output", str(again))
    assert again.read_text() == exported.read_text()


def test_contacts_and_interactions_name_a_client_that_exists(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "client", "quick-add", "ACME", "--allow-duplicate")
    source = tmp_path / "contacts.csv"
    source.write_text("client_id,client_name,name\n9,Nobody Inc,Ann\n1,Acme,Bo\n5,acme,Cy\n")
    refused = kiaro("import", "contacts", str(source))
    assert refused.exit_code == 1
    assert "line 2: no client is named 'Nobody Inc'" in refused.stderr
    assert "line 4: 2 clients are named 'acme'; a client_id must say which" in refused.stderr
    done = kiaro("import", "contacts", str(source), "--skip-invalid")
    assert "Imported 1 new contact" in done.stdout and "line 2: set aside" in done.stderr
    assert [c["name"] for c in client_views(kiaro)["Acme"]["contacts"]] == ["Bo"]


def test_excel_gets_a_bom_and_its_locales_separators(
    kiaro: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(kiaro, "client", "quick-add", "Acme", "--allow-duplicate")
    ok(
        kiaro,
        "client",
        "edit",
        "acme",
        "--value",
        "1250.50",
        "--vat-rate",
        "7.7",
        "--phone",
        "+41 44 123 45 67",
    )
    monkeypatch.setenv("LANG", "de_CH.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_NUMERIC", raising=False)
    german = ok(kiaro, "export", "clients", "--excel")
    assert german.startswith("\ufeffid;name;") and ";1250,5;" in german and ";7,7;" in german
    assert ";'+41 44 123 45 67;" in german  # a formula-like cell, escaped
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    english = ok(kiaro, "export", "clients", "--excel")
    assert english.startswith("\ufeffid,name,") and ",1250.5," in english
    assert ok(kiaro, "export", "clients", "--bom").startswith("\ufeffid,name,")
    refused = kiaro("export", "clients", "--excel", "--format", "json")
    assert refused.exit_code == 1 and "--bom and --excel are for CSV" in refused.stderr
    (tmp_path / "de.csv").write_text(german)
    ok(kiaro, "--db", str(tmp_path / "back.db"), "import", "clients", str(tmp_path / "de.csv"))
    back = ok(kiaro, "--db", str(tmp_path / "back.db"), "export", "clients")
    assert without_ids(back) == without_ids(ok(kiaro, "export", "clients"))


def test_people_imported_after_their_companies_join_them_and_fill_only_gaps(kiaro: Run) -> None:
    ok(kiaro, *import_args("zoho-accounts.csv"))
    done = kiaro(*import_args("zoho-contacts.csv"))
    assert done.exit_code == 1 and "same name as Tierra Viva SL (#1)" in done.stderr
    ok(kiaro, *import_args("zoho-contacts.csv"), "--on-duplicate", "update")
    tierra = client_views(kiaro)["Tierra Viva SL"]
    assert [c["name"] for c in tierra["contacts"]] == ["Lucía Fernández", "Marco Rossi"]
    assert tierra["phone"] == "+34 912 34 56 78"  # the company's own, not Lucía's
    assert tierra["email"] == "lucia@tierraviva.example" and tierra["source"] == "Trade Show"  # gaps filled
    assert tierra["address_line1"] == "Calle de Alcalá 45"
