"""``sync vdir``: a folder of cards edited between syncs, on either side or both."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import vobject

from kiaro_cli.core import clients, contacts, undo
from kiaro_cli.core.reach import ReachChanges
from kiaro_cli.core.records import ContactRecord
from kiaro_cli.core.timeline import client_timeline
from kiaro_cli.core.vdir import SyncResult, sync_vdir
from kiaro_cli.core.vdir_folder import sha256
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY

NEW_CARD = """BEGIN:VCARD
VERSION:3.0
UID:phone-1234
FN:Bo Berg
N:Berg;Bo;;;
ORG:{org}
EMAIL;TYPE=WORK:bo@nordic.se
TEL;TYPE=CELL:+46 8 123 456 78
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg==
END:VCARD
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "contacts"


@pytest.fixture
def ana(location: Location) -> int:
    clients.add_client(location, {"name": "Acme", "country": "NL"}, full_form=False, today=TODAY)
    added = contacts.add_contact(location, "acme", {"name": "Ana Lima", "email": "ana@acme.com"})
    contacts.add_contact(location, "acme", {"name": "Cy Doe"})
    return int(added.id)


def sync(location: Location, folder: Path, **options: bool) -> SyncResult:
    return sync_vdir(location, str(folder), today=TODAY, **options)


def actions(result: SyncResult) -> dict[str, str]:
    return {change.file: change.action for change in result.changes}


def card(path: Path) -> vobject.base.Component:
    return vobject.readOne(path.read_text(encoding="utf-8"))


def contact(location: Location, contact_id: int) -> ContactRecord:
    with open_reader(location) as reader:
        return contacts.get_contact(reader, contact_id)


def edited(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_first_sync_writes_a_card_a_contact_with_a_stable_uid(
    location: Location, folder: Path, ana: int
) -> None:
    result = sync(location, folder)
    written = folder / f"kiaro-1-{ana}.vcf"
    assert result.counts({"written": "added"})["added"] == 2
    assert card(written).uid.value == f"kiaro-1-{ana}"
    assert card(written).email.value == "ana@acme.com"
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    again = sync(location, folder)
    assert again.changes == []
    assert sorted(p.name for p in folder.iterdir()) == [f"kiaro-1-{ana}.vcf", f"kiaro-1-{ana + 1}.vcf"]


def test_a_card_changed_in_the_folder_updates_its_contact(location: Location, folder: Path, ana: int) -> None:
    sync(location, folder)
    edited(folder / f"kiaro-1-{ana}.vcf", "ana@acme.com", "ana.lima@acme.com")
    result = sync(location, folder)
    assert actions(result) == {f"kiaro-1-{ana}.vcf": "updated"}
    assert contact(location, ana).email == "ana.lima@acme.com"
    assert sync(location, folder).changes == []  # nothing written back, nothing seen twice


def test_every_email_and_phone_goes_both_ways_with_its_label(
    location: Location, folder: Path, ana: int
) -> None:
    sync(location, folder)
    path = folder / f"kiaro-1-{ana}.vcf"
    text = path.read_text(encoding="utf-8").replace(
        "END:VCARD", "EMAIL;TYPE=HOME:ana@home.org\r\nTEL;TYPE=CELL:+31 6 12345678\r\nEND:VCARD"
    )
    path.write_text(text, encoding="utf-8")
    assert actions(sync(location, folder)) == {path.name: "updated"}
    ana_now = contact(location, ana)
    assert [(e.value, e.label) for e in ana_now.emails] == [
        ("ana@acme.com", "work"),
        ("ana@home.org", "home"),
    ]
    with open_reader(location) as reader:  # in the client's history, as every change is
        said = [entry.detail for entry in client_timeline(reader, "acme")]
    assert f"Contact Ana Lima: emails and phones as its card has them ({path.name})" in said
    assert [(p.value, p.label) for p in ana_now.phones] == [("+31 6 12345678", "mobile")]
    assert sync(location, folder).changes == []
    contacts.edit_contact(location, ana, {}, reach=ReachChanges(add_emails=("ana@lima.org",), label="other"))
    assert actions(sync(location, folder)) == {path.name: "rewritten"}
    assert [line.value for line in card(path).contents["email"]] == [
        "ana@acme.com",
        "ana@home.org",
        "ana@lima.org",
    ]


def test_a_contact_changed_in_kiaro_rewrites_its_card(location: Location, folder: Path, ana: int) -> None:
    sync(location, folder)
    contacts.edit_contact(location, ana, {"job_title": "CTO"})
    result = sync(location, folder)
    assert actions(result) == {f"kiaro-1-{ana}.vcf": "rewritten"}
    assert card(folder / f"kiaro-1-{ana}.vcf").title.value == "CTO"
    with open_reader(location) as reader:  # a client's details are on its contacts' cards
        assert clients.get_client(reader, "acme").name == "Acme"


def test_a_cards_org_changed_in_the_folder_is_written_back_and_said(
    location: Location, folder: Path, ana: int
) -> None:
    sync(location, folder)
    path = folder / f"kiaro-1-{ana}.vcf"
    edited(path, "ORG:Acme", "ORG:Elsewhere")
    result = sync(location, folder)
    assert [(c.action, c.detail) for c in result.changes] == [
        ("rewritten", "ORG Acme written back: the client a contact is with is kiaro's")
    ]
    assert card(path).org.value == ["Acme"] and contact(location, ana).client_id == 1
    assert sync(location, folder).changes == []


def test_a_change_on_both_sides_keeps_kiaros_and_the_folders_beside(
    location: Location, folder: Path, ana: int
) -> None:
    sync(location, folder)
    contacts.edit_contact(location, ana, {"job_title": "CFO"})
    edited(folder / f"kiaro-1-{ana}.vcf", "FN:Ana Lima", "FN:Ana Lima\r\nTITLE:Boss")
    result = sync(location, folder)
    assert actions(result) == {f"kiaro-1-{ana}.vcf": "conflict"} and result.conflicts == 1
    assert card(folder / f"kiaro-1-{ana}.vcf").title.value == "CFO"
    assert card(folder / f"kiaro-1-{ana}.conflict.vcf").title.value == "Boss"
    assert contact(location, ana).job_title == "CFO"
    assert sync(location, folder).changes == []  # the conflict file is not a card of its own


def test_a_new_card_becomes_a_contact_of_the_client_its_org_names(
    location: Location, folder: Path, ana: int
) -> None:
    sync(location, folder)
    (folder / "phone-1234.vcf").write_text(NEW_CARD.format(org="acme"), encoding="utf-8")
    result = sync(location, folder)
    assert actions(result) == {"phone-1234.vcf": "added"}
    with open_reader(location) as reader:
        people = contacts.list_contacts(reader, "acme")
    bo = next(person for person in people if person.name == "Bo Berg")
    assert (bo.email, bo.phone) == ("bo@nordic.se", "+46 8 123 456 78")
    assert "PHOTO" in (folder / "phone-1234.vcf").read_text()  # the folder's card is left as it was
    assert sync(location, folder).changes == []


def test_a_new_card_brings_every_email_and_phone_with_its_label(
    location: Location, folder: Path, ana: int
) -> None:
    sync(location, folder)
    text = NEW_CARD.format(org="acme").replace(
        "END:VCARD", "EMAIL;TYPE=HOME:bo@home.se\r\nTEL;TYPE=CELL:+46 70 123 45 67\r\nEND:VCARD"
    )
    (folder / "phone-1234.vcf").write_text(text, encoding="utf-8")
    assert actions(sync(location, folder)) == {"phone-1234.vcf": "added"}
    with open_reader(location) as reader:
        bo = next(person for person in contacts.list_contacts(reader, "acme") if person.name == "Bo Berg")
    assert [(e.value, e.label) for e in bo.emails] == [("bo@nordic.se", "work"), ("bo@home.se", "home")]
    assert [(p.value, p.label) for p in bo.phones] == [
        ("+46 8 123 456 78", "mobile"),
        ("+46 70 123 45 67", "mobile"),
    ]
    assert sync(location, folder).changes == []


def test_a_new_card_of_an_unknown_org_adds_that_client(location: Location, folder: Path) -> None:
    folder.mkdir()
    (folder / "phone-1234.vcf").write_text(NEW_CARD.format(org="Nordic AB"), encoding="utf-8")
    (folder / "solo.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Dee Solo\nEND:VCARD\n", encoding="utf-8")
    result = sync(location, folder)
    assert actions(result) == {"phone-1234.vcf": "added", "solo.vcf": "added"}
    with open_reader(location) as reader:
        assert [c.name for c in contacts.list_contacts(reader, "Nordic AB")] == ["Bo Berg"]
        assert [c.name for c in contacts.list_contacts(reader, "Dee Solo")] == ["Dee Solo"]


def test_a_removed_card_is_reported_and_only_deleted_with_delete(
    location: Location, folder: Path, ana: int
) -> None:
    sync(location, folder)
    (folder / f"kiaro-1-{ana}.vcf").unlink()
    assert actions(sync(location, folder)) == {f"kiaro-1-{ana}.vcf": "card-missing"}
    assert contact(location, ana).name == "Ana Lima"
    assert actions(sync(location, folder, delete=True)) == {f"kiaro-1-{ana}.vcf": "removed"}
    with open_reader(location) as reader:
        assert [c.name for c in contacts.list_contacts(reader, "acme")] == ["Cy Doe"]


def test_a_contact_removed_in_kiaro_removes_its_card_only_with_delete(
    location: Location, folder: Path, ana: int
) -> None:
    sync(location, folder)
    contacts.remove_contact(location, ana)
    assert actions(sync(location, folder)) == {f"kiaro-1-{ana}.vcf": "contact-missing"}
    assert (folder / f"kiaro-1-{ana}.vcf").exists()
    assert actions(sync(location, folder, delete=True)) == {f"kiaro-1-{ana}.vcf": "deleted"}
    assert not (folder / f"kiaro-1-{ana}.vcf").exists()
    assert sync(location, folder, delete=True).changes == []


def test_broken_cards_are_named_and_the_rest_synced(location: Location, folder: Path, ana: int) -> None:
    folder.mkdir()
    (folder / "empty.vcf").write_text("not a card\n", encoding="utf-8")
    (folder / "latin1.vcf").write_bytes("BEGIN:VCARD\nFN:Zoë\nEND:VCARD\n".encode("latin-1"))
    (folder / "two.vcf").write_text(NEW_CARD.format(org="A") + NEW_CARD.format(org="B"), encoding="utf-8")
    (folder / "phone-1234.vcf").write_text(NEW_CARD.format(org="acme"), encoding="utf-8")
    result = sync(location, folder)
    assert [file for file, _ in result.problems] == ["empty.vcf", "latin1.vcf", "two.vcf"]
    assert actions(result)["phone-1234.vcf"] == "added"
    edited(folder / "phone-1234.vcf", "END:VCARD", "END:VCARDx")  # broken now: not a removal
    assert actions(sync(location, folder, delete=True)) == {}
    with open_reader(location) as reader:
        assert "Bo Berg" in [c.name for c in contacts.list_contacts(reader, "acme")]


def test_links_are_never_followed(location: Location, folder: Path, tmp_path: Path, ana: int) -> None:
    outside = tmp_path / "outside.vcf"
    outside.write_text(NEW_CARD.format(org="acme"), encoding="utf-8")
    folder.mkdir()
    (folder / "link.vcf").symlink_to(outside)
    result = sync(location, folder)
    assert result.problems == [("link.vcf", "is a link; links are not followed")]
    assert outside.read_text(encoding="utf-8") == NEW_CARD.format(org="acme")
    assert [p.name for p in folder.iterdir() if p.is_symlink()] == ["link.vcf"]


def test_a_dry_run_writes_nothing_anywhere(location: Location, folder: Path, ana: int) -> None:
    sync(location, folder)
    edited(folder / f"kiaro-1-{ana}.vcf", "ana@acme.com", "ana.lima@acme.com")
    contacts.add_contact(location, "acme", {"name": "Eve New"})
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = sync(location, folder, dry_run=True)
    assert sorted(actions(result).values()) == ["updated", "written"] and result.dry_run
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert contact(location, ana).email == "ana@acme.com"
    assert sorted(actions(sync(location, folder)).values()) == ["updated", "written"]


def test_a_dry_run_of_a_missing_folder_makes_no_folder(location: Location, folder: Path, ana: int) -> None:
    assert len(sync(location, folder, dry_run=True).changes) == 2
    assert not folder.exists()


def test_a_sync_is_one_undo_step_and_the_next_sees_the_folder_again(
    location: Location, folder: Path, ana: int
) -> None:
    sync(location, folder)
    edited(folder / f"kiaro-1-{ana}.vcf", "ana@acme.com", "ana.lima@acme.com")
    sync(location, folder)
    undo.undo_last(location)
    assert contact(location, ana).email == "ana@acme.com"
    assert actions(sync(location, folder)) == {f"kiaro-1-{ana}.vcf": "updated"}


def test_a_card_that_cannot_be_written_leaves_the_database_as_it_was(
    location: Location, folder: Path, ana: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync(location, folder)
    edited(folder / f"kiaro-1-{ana}.vcf", "ana@acme.com", "ana.lima@acme.com")
    contacts.add_contact(location, "acme", {"name": "Eve New"})

    def full_disk(folder: Path, name: str, data: bytes) -> None:
        raise InvalidValue(f"cannot write {name} in {folder}: No space left on device")

    monkeypatch.setattr("kiaro_cli.core.vdir.write_file", full_disk)
    with pytest.raises(InvalidValue, match="No space left"):
        sync(location, folder)
    assert contact(location, ana).email == "ana@acme.com"
    monkeypatch.undo()
    assert sorted(actions(sync(location, folder)).values()) == ["updated", "written"]


def test_a_copy_of_a_synced_folder_links_its_cards_and_adds_no_one(
    location: Location, folder: Path, tmp_path: Path, ana: int
) -> None:
    sync(location, folder)
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in folder.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    assert sorted(actions(sync(location, copy)).values()) == ["linked", "linked"]
    with open_reader(location) as reader:
        assert [c.name for c in contacts.list_contacts(reader, "acme")] == ["Ana Lima", "Cy Doe"]
    assert sync(location, copy).changes == []


def test_a_card_of_someone_the_client_has_is_linked_and_a_second_one_refused(
    location: Location, folder: Path, ana: int
) -> None:
    folder.mkdir()
    phone_card = "BEGIN:VCARD\nVERSION:3.0\nUID:{uid}\nFN:A. Lima\nORG:Acme\nEMAIL:ANA@acme.com\nEND:VCARD\n"
    (folder / "a.vcf").write_text(phone_card.format(uid="phone-a"), encoding="utf-8")
    (folder / "b.vcf").write_text(phone_card.format(uid="phone-b"), encoding="utf-8")
    result = sync(location, folder)
    assert actions(result) == {"a.vcf": "linked", f"kiaro-1-{ana + 1}.vcf": "written"}
    assert result.problems == [("b.vcf", f"is a second card of Ana Lima (#{ana}); left alone")]
    assert contact(location, ana).name == "Ana Lima"  # linking changes neither side


def test_a_removed_card_whose_contact_changed_in_kiaro_since_is_written_again(
    location: Location, folder: Path, ana: int
) -> None:
    sync(location, folder)
    (folder / f"kiaro-1-{ana}.vcf").unlink()
    contacts.edit_contact(location, ana, {"job_title": "CTO"})
    assert actions(sync(location, folder, delete=True)) == {f"kiaro-1-{ana}.vcf": "written"}
    assert card(folder / f"kiaro-1-{ana}.vcf").title.value == "CTO"
    assert contact(location, ana).name == "Ana Lima"


def test_a_birthday_goes_both_ways_with_or_without_its_year(
    location: Location, folder: Path, ana: int
) -> None:
    contacts.edit_contact(location, ana, {"birthday": "1984-05-17"})
    contacts.edit_contact(location, ana + 1, {"birthday": "--02-29"})
    sync(location, folder)
    assert card(folder / f"kiaro-1-{ana}.vcf").bday.value == "1984-05-17"
    yearless = card(folder / f"kiaro-1-{ana + 1}.vcf").bday
    assert (yearless.value, yearless.params) == ("1604-02-29", {"X-APPLE-OMIT-YEAR": ["1604"]})  # Apple's
    edited(folder / f"kiaro-1-{ana}.vcf", "BDAY:1984-05-17", "BDAY:19840518")  # as a phone writes it
    assert actions(sync(location, folder)) == {f"kiaro-1-{ana}.vcf": "updated"}
    assert contact(location, ana).birthday == "1984-05-18"
    assert sync(location, folder).changes == []


def test_a_phones_birthday_is_taken_and_never_lost_when_kiaro_rewrites_its_card(
    location: Location, folder: Path
) -> None:
    clients.add_client(location, {"name": "Nordic"}, full_form=False, today=TODAY)
    folder.mkdir()
    (folder / "bo.vcf").write_text(
        NEW_CARD.format(org="Nordic").replace("END:VCARD", "BDAY:--0611\nEND:VCARD"), encoding="utf-8"
    )
    assert actions(sync(location, folder)) == {"bo.vcf": "added"}
    with open_reader(location) as reader:
        (bo,) = contacts.list_contacts(reader, "nordic")
    assert bo.birthday == "--06-11"
    contacts.edit_contact(location, bo.id, {"job_title": "CTO"})
    assert actions(sync(location, folder)) == {"bo.vcf": "rewritten"}
    assert card(folder / "bo.vcf").bday.value == "1604-06-11" and card(folder / "bo.vcf").title.value == "CTO"


def test_a_card_linked_before_birthdays_were_synced_keeps_its_birthday(
    location: Location, folder: Path, ana: int
) -> None:
    folder.mkdir()
    phone_card = "BEGIN:VCARD\nVERSION:3.0\nUID:phone-a\nFN:Ana Lima\nORG:Acme\nBDAY:1990-01-02\nEND:VCARD\n"
    (folder / "a.vcf").write_text(phone_card, encoding="utf-8")
    sync(location, folder)  # linked: Ana gets the card's birthday, which kiaro writes from then on
    assert contact(location, ana).birthday == "1990-01-02"
    assert location.path is not None
    contacts.edit_contact(location, ana, {"birthday": ""})
    with sqlite3.connect(location.path) as connection:  # as a kiaro that read no BDAY linked it
        connection.execute(
            "UPDATE vdir_card SET kiaro_sha256 = ?", (sha256(kiaros_card(location, ana, "phone-a")),)
        )
    assert actions(sync(location, folder)) == {"a.vcf": "updated"}  # nothing changed: the card's comes in
    contacts.edit_contact(location, ana, {"job_title": "CFO"})
    assert actions(sync(location, folder)) == {"a.vcf": "rewritten"}
    assert (
        card(folder / "a.vcf").bday.value == "1990-01-02" and contact(location, ana).birthday == "1990-01-02"
    )


def kiaros_card(location: Location, contact_id: int, uid: str) -> bytes:
    """The card kiaro makes of a contact, as a sync writes it."""
    from dataclasses import replace

    from kiaro_cli.codecs.vcard import card_text
    from kiaro_cli.core.exports import client_cards

    with open_reader(location) as reader:
        found = contacts.get_contact(reader, contact_id)
        client = clients.load_client(reader, found.client_id)
    return card_text(replace(client_cards(client, [found])[-1], uid=uid)).encode("utf-8")


def test_a_birthday_cleared_on_either_side_stays_cleared(location: Location, folder: Path, ana: int) -> None:
    contacts.edit_contact(location, ana, {"birthday": "1984-05-17"})
    sync(location, folder)
    path = folder / f"kiaro-1-{ana}.vcf"
    edited(path, "BDAY:1984-05-17\n", "")  # deleted on the phone, from the card kiaro wrote
    assert actions(sync(location, folder)) == {path.name: "updated"}
    assert contact(location, ana).birthday is None
    contacts.edit_contact(location, ana, {"birthday": "--05-17"})
    sync(location, folder)
    contacts.edit_contact(location, ana, {"birthday": ""})  # cleared in kiaro: kiaro's change wins
    assert actions(sync(location, folder)) == {path.name: "rewritten"}
    assert contact(location, ana).birthday is None and "BDAY" not in path.read_text(encoding="utf-8")
    assert sync(location, folder).changes == []


def test_a_birthday_ahead_of_today_on_a_card_leaves_its_other_changes_taken(
    location: Location, folder: Path, ana: int
) -> None:
    sync(location, folder)
    path = folder / f"kiaro-1-{ana}.vcf"
    edited(path, "FN:Ana Lima", "FN:Ana Lima\r\nTITLE:CEO\r\nBDAY:2099-01-01")
    result = sync(location, folder)
    assert actions(result) == {path.name: "updated"} and contact(location, ana).job_title == "CEO"
    assert result.problems == [
        (path.name, "birthday '2099-01-01' is in the future (2099-01-01); kiaro's birthday kept")
    ]
