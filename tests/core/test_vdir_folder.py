"""A folder of cards: read one by one, links never followed, files written at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiaro_cli.core.vdir_folder import (
    MAX_CARD_BYTES,
    card_file_name,
    conflict_name,
    open_folder,
    read_folder,
    remove_file,
    write_file,
)
from kiaro_cli.errors import InvalidValue

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nEND:VCARD\r\n"


def test_cards_are_read_by_uid_and_a_card_without_one_by_its_file(tmp_path: Path) -> None:
    (tmp_path / "a.vcf").write_text(CARD.format(uid="u-1", name="Ann"), encoding="utf-8")
    (tmp_path / "b.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Bob\nEND:VCARD\n", encoding="utf-8")
    (tmp_path / "a.conflict.vcf").write_text(CARD.format(uid="u-1", name="Old"), encoding="utf-8")
    (tmp_path / ".hidden.vcf").write_text(CARD.format(uid="u-9", name="Hid"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "below").mkdir()
    (tmp_path / "below" / "c.vcf").write_text(CARD.format(uid="u-3", name="Cy"), encoding="utf-8")
    scan = read_folder(tmp_path)
    assert {uid: found.card.name for uid, found in scan.cards.items()} == {"u-1": "Ann", "b": "Bob"}
    assert scan.problems == []


def test_a_second_card_of_one_uid_and_a_huge_file_are_problems(tmp_path: Path) -> None:
    (tmp_path / "a.vcf").write_text(CARD.format(uid="same", name="Ann"), encoding="utf-8")
    (tmp_path / "b.vcf").write_text(CARD.format(uid="same", name="Bob"), encoding="utf-8")
    (tmp_path / "big.vcf").write_bytes(b"x" * (MAX_CARD_BYTES + 1))
    scan = read_folder(tmp_path)
    assert scan.problems == [
        ("b.vcf", "has the UID of a.vcf; left alone"),
        ("big.vcf", "is larger than 1 MB"),
    ]
    assert scan.names == {"a.vcf", "b.vcf", "big.vcf"}


def test_a_link_is_never_followed_and_a_pipe_never_read(tmp_path: Path) -> None:
    (tmp_path / "a.vcf").write_text(CARD.format(uid="u-1", name="Ann"), encoding="utf-8")
    (tmp_path / "b.vcf").symlink_to(tmp_path / "a.vcf")
    (tmp_path / "endless.vcf").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.vcf")  # never waited on
    scan = read_folder(tmp_path)
    assert list(scan.cards) == ["u-1"]
    assert scan.problems == [
        ("b.vcf", "is a link; links are not followed"),
        ("endless.vcf", "is a link; links are not followed"),
        ("pipe.vcf", "is not a plain file"),
    ]


def test_a_write_replaces_a_link_and_never_writes_through_it(tmp_path: Path) -> None:
    folder, outside = tmp_path / "cards", tmp_path / "outside.vcf"
    folder.mkdir()
    outside.write_text("theirs", encoding="utf-8")
    (folder / "a.vcf").symlink_to(outside)
    write_file(folder, "a.vcf", b"ours")
    assert outside.read_text(encoding="utf-8") == "theirs"
    assert not (folder / "a.vcf").is_symlink() and (folder / "a.vcf").read_bytes() == b"ours"
    assert [path.name for path in folder.iterdir()] == ["a.vcf"]  # no temporary file left behind


@pytest.mark.parametrize("name", ["../x.vcf", "a/b.vcf", "..", ""])
def test_a_name_that_is_not_a_plain_file_name_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(InvalidValue, match="not a file name"):
        write_file(tmp_path, name, b"x")
    with pytest.raises(InvalidValue, match="not a file name"):
        remove_file(tmp_path, name)


def test_file_names_are_safe_and_not_taken() -> None:
    assert card_file_name("kiaro-1-2", set()) == "kiaro-1-2.vcf"
    assert card_file_name("../../etc/passwd", set()) == "_.._etc_passwd.vcf"
    assert card_file_name("..", set()) == "card.vcf"
    assert card_file_name("a", {"a.vcf"}) == "a-2.vcf"
    assert card_file_name("x.conflict", set()) == "x.conflict-2.vcf"
    assert conflict_name("kiaro-1-2.vcf") == "kiaro-1-2.conflict.vcf"


def test_a_missing_folder_is_made_private_unless_only_looked_at(tmp_path: Path) -> None:
    assert open_folder(str(tmp_path / "new"), create=False) is None
    made = open_folder(str(tmp_path / "new"), create=True)
    assert made == (tmp_path / "new").resolve() and oct(made.stat().st_mode & 0o777) == "0o700"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InvalidValue, match="is not a folder"):
        open_folder(str(tmp_path / "file"), create=True)


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("", "give the folder"),
        ("a\0b", "NUL"),
        ("x" * 5000, "cannot use the folder"),
        ("{file}/below", "cannot use the folder"),
    ],
)
def test_a_folder_that_cannot_be_is_refused_in_one_line(tmp_path: Path, path: str, said: str) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InvalidValue, match=said):
        open_folder(path.format(file=tmp_path / "file"), create=True)
