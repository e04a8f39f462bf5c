"""Importing kiaro's own contact and interaction exports as spreadsheets leave them, and
the rows an import sets aside written back to fix."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.helpers import Run


def ok(kiaro: Run, *args: str) -> str:
    done = kiaro(*args)
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


def test_contacts_and_interactions_lose_the_spreadsheet_escape(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "quick-add", "Brand Factor")
    ok(kiaro, "client", "edit", "brand factor", "--country", "ZA")
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "client_name,name,phone,job_title\nBrand Factor,Thandi,'+27 82 555 1234,'-Art director\n"
    )
    interactions = tmp_path / "interactions.csv"
    interactions.write_text(
        "client_name,type,occurred_at,summary,next_step\n"
        "Brand Factor,call,2026-11-20,'+1 for the new logo,'=Send the draft\n"
    )
    ok(kiaro, "import", "contacts", str(contacts))
    ok(kiaro, "import", "interactions", str(interactions))
    view = json.loads(ok(kiaro, "client", "show", "brand factor", "--format", "json"))
    (thandi,) = view["contacts"]
    assert (thandi["phone"], thandi["job_title"]) == ("+27 82 555 1234", "-Art director")
    assert ok(kiaro, "client", "list", "--search", "+27 82 555 1234", "-q") == "1\n"
    (logged,) = json.loads(ok(kiaro, "interaction", "list", "--format", "json"))
    assert (logged["summary"], logged["next_step"]) == ("+1 for the new logo", "=Send the draft")
    exported = ok(kiaro, "export", "contacts")
    assert ",'+27 82 555 1234," in exported and "''" not in exported  # escaped once, as it came in


def test_rows_set_aside_are_written_as_the_file_was(kiaro: Run, tmp_path: Path) -> None:
    source = tmp_path / "kunden.csv"
    source.write_bytes(
        "Firma;E-Mail;Umsatz\nGut GmbH;gut@gut.example;2.500\nSchöne AG;kein-mail;1.250\n".encode("cp1252")
    )
    rejects = tmp_path / "fix-me.csv"
    ok(kiaro, "import", "clients", str(source), "--skip-invalid", "--rejects", str(rejects))
    text = rejects.read_bytes().decode("cp1252")  # Windows-1252, as the file came
    assert text.splitlines()[:2] == [
        "Firma;E-Mail;Umsatz;kiaro_error",
        "Schöne AG;kein-mail;1.250;" + ("invalid email 'kein-mail': An email address must have an @-sign."),
    ]
    rejects.write_bytes(text.replace("kein-mail;", "info@schoene.example;", 1).encode("cp1252"))
    ok(kiaro, "import", "clients", str(rejects))  # 1.250 reads as a thousand again, in a ;-file
    listed = json.loads(ok(kiaro, "client", "list", "--format", "json", "--search", "schöne"))
    assert listed[0]["value"] == 1250


def test_contacts_set_aside_keep_the_files_delimiter_and_mark(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    source = tmp_path / "contacts.csv"
    source.write_bytes("\ufeffclient_name;name;email\nAcme;Ann;ann@acme.example\nNobody;Bo;\n".encode())
    rejects = tmp_path / "fix-me.csv"
    ok(kiaro, "import", "contacts", str(source), "--skip-invalid", "--rejects", str(rejects))
    assert rejects.read_bytes().decode() == (
        "\ufeffclient_name;name;email;kiaro_error\nNobody;Bo;;no client is named 'Nobody'\n"
    )


def test_birthdays_come_back_with_an_export_of_contacts(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann Lee", "--birthday", "1984-05-17")
    kiaro("contact", "add", "acme", "--name", "Bo Tan")
    exported = tmp_path / "contacts.csv"
    assert kiaro("export", "contacts", "--output", str(exported)).exit_code == 0
    assert kiaro("contact", "edit", "1", "--birthday", "off").exit_code == 0
    rows = list(csv.DictReader(exported.read_text().splitlines()))
    rows[1]["birthday"] = "--02-29"  # Bo Tan's, written in the file
    with exported.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    done = kiaro("import", "contacts", str(exported))
    assert done.exit_code == 0, done.stderr
    listed = json.loads(kiaro("contact", "list", "acme", "-f", "json").stdout)
    assert [(c["name"], c["birthday"]) for c in listed] == [("Ann Lee", "1984-05-17"), ("Bo Tan", "--02-29")]
    exported.write_text(exported.read_text().replace("--02-29", "--02-30"))
    refused = kiaro("import", "contacts", str(exported))
    assert "not a real day" in refused.stdout + refused.stderr
