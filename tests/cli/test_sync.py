"""``kiaro sync vdir``: what it prints, and the folder as khard and vdirsyncer read it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import Run

VDIRSYNCER = Path(sys.executable).parent / "vdirsyncer"


@pytest.fixture
def acme(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    added = kiaro("contact", "add", "acme", "--name", "Ana Lima", "--email", "ana@acme.com", "--title", "CTO")
    assert added.exit_code == 0


def test_a_sync_says_a_line_a_card_and_a_summary(kiaro: Run, acme: None, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    done = kiaro("sync", "vdir", str(folder))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        "kiaro-1-1.vcf: written for Ana Lima (#1)",
        f"Synced {folder.resolve()}: kiaro 0 added, 0 updated, 0 removed; "
        "cards 1 added, 0 updated, 0 removed; 0 conflicts",
    ]


def test_broken_cards_are_a_line_each_on_stderr_and_the_rest_synced(
    kiaro: Run, acme: None, tmp_path: Path
) -> None:
    (tmp_path / "bad\x1b[31m.vcf").write_text("BEGIN:VCARD\nFN:x\n", encoding="utf-8")
    (tmp_path / "new\nAll cards are in step.vcf").write_text(  # a name that would print a line of its own
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Berg\nORG:Acme\nEND:VCARD\n"
    )
    done = kiaro("sync", "vdir", str(tmp_path))
    assert done.exit_code == 0
    assert done.stderr.splitlines() == ["Skipped bad\\x1b[31m.vcf: the file has no vCard in it (BEGIN:VCARD)"]
    assert "new\\nAll cards are in step.vcf: added to kiaro: Bo Berg (#2)" in done.stdout.splitlines()
    assert "1 card skipped" in done.stdout


def test_json_says_each_side_and_each_card(kiaro: Run, acme: None, tmp_path: Path) -> None:
    done = kiaro("sync", "vdir", str(tmp_path / "cards"), "--dry-run", "--format", "json")
    assert done.exit_code == 0
    result = json.loads(done.stdout)
    assert result["cards"] == {"added": 1, "updated": 0, "removed": 0} and result["dry_run"] is True
    assert result["changes"] == [
        {"file": "kiaro-1-1.vcf", "action": "written", "name": "Ana Lima", "contact_id": 1, "detail": None}
    ]
    assert not (tmp_path / "cards").exists()


def test_a_path_that_is_not_a_folder_is_refused(kiaro: Run, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    done = kiaro("sync", "vdir", str(tmp_path / "file"))
    assert done.exit_code == 1
    assert done.stderr == f"Error: {tmp_path / 'file'} is not a folder\n"


def test_khard_reads_the_folder_kiaro_writes(kiaro: Run, acme: None, tmp_path: Path) -> None:
    from khard.address_book import VdirAddressBook

    assert kiaro("contact", "add", "acme", "--name", "Zoë Ñúñez", "--phone", "+31 20 123 4567").exit_code == 0
    assert kiaro("sync", "vdir", str(tmp_path)).exit_code == 0
    book = VdirAddressBook("kiaro", str(tmp_path))
    book.load()
    people = dict(book.contacts)
    assert sorted(people) == ["kiaro-1-1", "kiaro-1-2"]
    assert people["kiaro-1-1"].formatted_name == "Ana Lima"
    assert people["kiaro-1-1"].emails == {"INTERNET, WORK": ["ana@acme.com"]}
    assert people["kiaro-1-1"].organisations == [["Acme"]]
    assert people["kiaro-1-2"].get_first_name_last_name() == "Zoë Ñúñez"
    assert people["kiaro-1-2"].phone_numbers == {"WORK": ["+31 20 123 4567"]}


@pytest.mark.slow
@pytest.mark.skipif(not VDIRSYNCER.exists(), reason="vdirsyncer is not installed")
def test_vdirsyncer_carries_the_cards_both_ways(kiaro: Run, acme: None, tmp_path: Path) -> None:
    cards, phone = tmp_path / "cards", tmp_path / "phone"
    phone.mkdir()
    config = tmp_path / "vdirsyncer.conf"
    config.write_text(
        f'[general]\nstatus_path = "{tmp_path / "status"}/"\n\n'
        '[pair kiaro_phone]\na = "kiaro"\nb = "phone"\ncollections = null\n\n'
        f'[storage kiaro]\ntype = "filesystem"\npath = "{cards}"\nfileext = ".vcf"\n\n'
        f'[storage phone]\ntype = "filesystem"\npath = "{phone}"\nfileext = ".vcf"\n',
        encoding="utf-8",
    )

    def vdirsyncer(*args: str) -> None:
        subprocess.run(
            [str(VDIRSYNCER), "-c", str(config), *args], check=True, capture_output=True, timeout=120
        )

    assert kiaro("sync", "vdir", str(cards)).exit_code == 0
    vdirsyncer("discover")
    vdirsyncer("sync")
    on_phone = phone / "kiaro-1-1.vcf"
    text = on_phone.read_text(encoding="utf-8")
    on_phone.write_text(text.replace("TITLE:CTO", "TITLE:Chief"), encoding="utf-8")
    vdirsyncer("sync")
    done = kiaro("sync", "vdir", str(cards))
    assert "kiaro-1-1.vcf: updated in kiaro: Ana Lima (#1)" in done.stdout
    assert json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)[0]["job_title"] == "Chief"
    assert kiaro("contact", "edit", "1", "--title", "CEO").exit_code == 0
    assert kiaro("sync", "vdir", str(cards)).exit_code == 0
    vdirsyncer("sync")
    assert "TITLE:CEO" in on_phone.read_text(encoding="utf-8")


def test_hostile_cards_reach_no_terminal_and_change_nothing(kiaro: Run, acme: None, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    assert kiaro("sync", "vdir", str(folder)).exit_code == 0
    mine = folder / "kiaro-1-1.vcf"
    mine.write_text(mine.read_text().replace("FN:Ana Lima", "FN:Ana\x1b]0;owned\x07"), encoding="utf-8")
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Eve\u202e\nORG:Acme\nEMAIL:not-an-address\nEND:VCARD\n"
    (folder / "eve.vcf").write_text(card, encoding="utf-8")
    done = kiaro("sync", "vdir", str(folder))
    assert done.exit_code == 0
    assert "\x1b" not in done.stdout + done.stderr and "\u202e" not in done.stdout + done.stderr
    assert [line.split(":")[0] for line in done.stderr.splitlines()] == [
        "Skipped kiaro-1-1.vcf",
        "Skipped eve.vcf",
    ]
    people = json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)
    assert [person["name"] for person in people] == ["Ana Lima"]
