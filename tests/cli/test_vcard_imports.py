"""Address books as other programs write them: what kiaro says while reading them, the
addresses of several cards of one company, and hostile files.

Where each corpus file's data lands is checked in ``test_moving_in.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_moving_in import CORPUS, client_views, ok
from tests.helpers import Run


def card(*lines: str) -> str:
    return "\r\n".join(("BEGIN:VCARD", "VERSION:2.1", *lines, "END:VCARD", ""))


def test_a_charset_kiaro_guesses_is_said_once_and_encoding_settles_it(kiaro: Run, tmp_path: Path) -> None:
    bat = str(CORPUS / "the-bat.vcf")
    guessed = kiaro("import", "vcard", bat, "--dry-run")
    assert guessed.exit_code == 0, guessed.stderr
    said = [line for line in guessed.stderr.splitlines() if "charset" in line]
    assert said == [
        "Note: quoted-printable text naming no charset on 1 card (line 10) read as cp1250, the charset "
        "the file's other cards name; if names read wrong, give the charset with --encoding"
    ]
    done = kiaro("import", "vcard", bat, "--encoding", "iso-8859-2")
    assert done.exit_code == 0 and "charset" not in done.stderr
    assert "Jan Iksiński" in client_views(kiaro)
    outlook = kiaro("import", "vcard", str(CORPUS / "outlook-2003.vcf"), "--dry-run")
    assert "read as windows-1252, Outlook's" in outlook.stderr


def test_a_fold_inside_a_character_reads_even_with_utf_8_named(kiaro: Run) -> None:
    ok(kiaro, "import", "vcard", str(CORPUS / "kaddressbook-folded.vcf"), "--encoding", "utf-8")
    notes = client_views(kiaro)["Krämer Holzbau GmbH"]["notes"]
    assert "Geschäftsführung" in notes


def test_what_is_still_not_kept_is_listed_with_counts(kiaro: Run) -> None:
    kde = ok(kiaro, "import", "vcard", str(CORPUS / "kaddressbook.vcf"), "--dry-run")
    assert "Not kept: CLASS (1 card), X-KADDRESSBOOK-BLOGFEED (1 card)" in kde
    phone = ok(kiaro, "import", "vcard", str(CORPUS / "japanese-feature-phone.vcf"), "--dry-run")
    assert "Not kept: SOUND (2 cards), X-GN (2 cards), X-GNO (2 cards)" in phone


def test_cards_of_one_company_bring_each_address_once(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "quick-add", "Old Friend Ltd")
    book = tmp_path / "book.vcf"
    book.write_text(
        card("FN:Ann Lee", "ORG:Acme", "ADR;WORK:;;1 Main St;Leeds;;LS1 1AA;United Kingdom")
        + card("FN:Bo Berg", "ORG:Acme", "ADR;WORK:;;1 Main St;Leeds;;LS1 1AA;United Kingdom")
        + card("FN:Cy Dunn", "ORG:Acme", "ADR;WORK:;;9 Dock Rd;Hull;;HU1 1AA;United Kingdom")
        + card("FN:Di Eze", "ORG:Acme", "ADR;WORK:;;Unit 4;York;;;")
        + card("FN:Ed Fox", "ORG:Old Friend Ltd", "ADR;WORK:;;2 Quay;Cork;;;Ireland")
        + card("FN:Flo Gee", "ORG:Printed Only", "LABEL;WORK;ENCODING=QUOTED-PRINTABLE:1 Print St=0D=0ADerby")
    )
    said = ok(kiaro, "import", "vcard", str(book))
    assert said.startswith("Imported 2 new clients, 6 new contacts, 2 further addresses;")
    views = client_views(kiaro)
    acme = views["Acme"]
    assert [(a["line1"], a["city"], a["default"]) for a in acme["addresses"]] == [
        ("1 Main St", "Leeds", True),  # the first card's, once
        ("9 Dock Rd", "Hull", False),
    ]
    assert acme["notes"] == "Di Eze: Address (Work): Unit 4, York"  # no country: not an address
    assert views["Printed Only"]["notes"] == "Flo Gee: Address: 1 Print St, Derby"  # LABEL, no ADR
    friend = views["Old Friend Ltd"]  # there before: the card's address is added, not lost
    assert [(a["line1"], a["country"]) for a in friend["addresses"]] == [("2 Quay", "IE")]


def test_control_characters_in_a_card_never_reach_the_terminal(kiaro: Run, tmp_path: Path) -> None:
    book = tmp_path / "hostile.vcf"
    book.write_text(
        card("FN:Ann", "ORG:Acme", "ADR;WORK;ENCODING=QUOTED-PRINTABLE:;;1 Main St;Leeds;;;=1B[2JAtlantis")
        + card("FN:Bo", "\x1b]0;owned\x07 NOT A PROPERTY")
        + card("FN:Cy", "item1.ADR:;;2 Side St;York;;Y1;UK", "item1.X-ABLabel:Ware\x1b[31mhouse")
    )
    done = kiaro("import", "vcard", str(book), "--skip-invalid")
    assert done.exit_code == 0, done.stderr
    assert "card at line 12: set aside, address label contains control characters" in done.stderr
    assert "country '\\x1b[2JAtlantis' is not one kiaro knows" in done.stderr
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr


def test_a_huge_property_stops_the_file_in_one_line(kiaro: Run, tmp_path: Path) -> None:
    for name, lines in {
        "long.vcf": ["FN:Ann", "NOTE:" + "x" * 2_000_000],
        "folded.vcf": ["FN:Ann", "NOTE:x", *([" " + "y" * 70] * 30_000)],
        "soft.vcf": ["FN:Ann", "NOTE;ENCODING=QUOTED-PRINTABLE:x=", *(["=41" * 20 + "="] * 20_000), "x"],
    }.items():
        (tmp_path / name).write_text(card(*lines))
        refused = kiaro("import", "vcard", str(tmp_path / name), "--format", "json")
        assert refused.exit_code == 1, name
        assert refused.stderr.splitlines() == [
            "Error: the card at line 1 has a property over 1,000,000 characters long: "
            "not an address book kiaro can read"
        ], name
    assert json.loads(ok(kiaro, "client", "list", "--format", "json")) == []


def test_a_group_of_cards_is_no_client(kiaro: Run, tmp_path: Path) -> None:
    book = tmp_path / "lists.vcf"
    book.write_text(
        card("FN:Ann", "ORG:Acme")
        + card("FN:Team", "X-EVOLUTION-LIST:TRUE", "EMAIL;X-EVOLUTION-DEST-NAME=Ann:ann@acme.example")
        + "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Friends\r\nMEMBER:urn:uuid:1\r\nEND:VCARD\r\n"
    )
    refused = kiaro("import", "vcard", str(book))
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[1:] == [
        "  card at line 6: it is a group of contacts (X-EVOLUTION-LIST), not a person or a company",
        "  card at line 12: it is a group of contacts (KIND), not a person or a company",
    ]
    ok(kiaro, "import", "vcard", str(book), "--skip-invalid")
    assert set(client_views(kiaro)) == {"Acme"}


def test_a_card_of_a_contact_already_there_gives_it_the_emails_and_phones_it_lacks(
    kiaro: Run, tmp_path: Path
) -> None:
    kiaro("client", "quick-add", "Acme Corp")
    kiaro("contact", "add", "acme", "--name", "Ann Smith", "--email", "ann@acme.com")
    card = tmp_path / "ann.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Smith\nORG:Acme Corp\nEMAIL;TYPE=WORK:ann@acme.com\n"
        "EMAIL;TYPE=HOME:ann@home.org\nTEL;TYPE=CELL:+1 415 555 0101\nEND:VCARD\n"
    )
    assert kiaro("import", "vcard", str(card)).exit_code == 0
    (ann,) = json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)
    assert [(e["address"], e["label"]) for e in ann["emails"]] == [
        ("ann@acme.com", "work"),
        ("ann@home.org", "home"),
    ]
    assert [p["label"] for p in ann["phones"]] == ["mobile"]
    assert kiaro("client", "list", "--search", "home.org", "-q").stdout == "1\n"
    timeline = json.loads(kiaro("client", "timeline", "acme", "--format", "json").stdout)
    assert timeline[0]["detail"] == "Contact Ann Smith: emails and phones added (vCard)"


def test_a_cards_birthday_is_kept_and_written_back_one_ahead_goes_to_the_notes(
    kiaro: Run, tmp_path: Path
) -> None:
    source = tmp_path / "people.vcf"
    source.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Smith\nORG:Acme Corp\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-05-17\n"
        "END:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:Bo Berg\nORG:Acme Corp\nBDAY:20991231\nEND:VCARD\n"
    )
    done = kiaro("import", "vcard", str(source))
    assert done.exit_code == 0 and "birthday '2099-12-31' is in the future" in done.stderr
    people = json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)
    assert [(p["name"], p["birthday"]) for p in people] == [("Ann Smith", "--05-17"), ("Bo Berg", None)]
    assert "Bo Berg: Birthday: 2099-12-31" in client_views(kiaro)["Acme Corp"]["notes"]
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-17" in kiaro("export", "vcard", "acme").stdout
    again = tmp_path / "again.vcf"
    again.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Bo Berg\nORG:Acme Corp\nBDAY:1990-06-11\nEND:VCARD\n")
    assert kiaro("import", "vcard", str(again)).exit_code == 0  # Bo is there: his missing birthday filled
    assert (
        json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)[1]["birthday"] == "1990-06-11"
    )
