"""A vCard file's text before its cards are parsed: quoted-printable decoded across soft
line breaks, whatever characters they cut, and the bytes of the file decoded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.codecs.vcard import Card, card_text, read_cards
from kiaro_cli.codecs.vcard_text import decode_vcards

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60)


def quoted_printable(text: str, charset: str, every: int) -> list[str]:
    """Every byte encoded, a soft line break after every ``every`` encoded bytes."""
    encoded = [f"={byte:02X}" for byte in text.encode(charset)]
    return ["".join(encoded[i : i + every]) for i in range(0, len(encoded), every)]


# A backslash starts a vCard escape (``\\N`` is a new line), which tests of their own cover.
@given(TEXT.map(str.strip).filter(lambda note: note and "\\" not in note), st.integers(1, 25))
def test_a_quoted_printable_note_reads_whole_wherever_its_lines_break(note: str, every: int) -> None:
    lines = quoted_printable(note, "utf-8", every)
    source = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Ann",
            "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + "=\r\n".join(lines),
            "TITLE;ENCODING=QUOTED-PRINTABLE:" + "=\r\n".join(quoted_printable("Director, R&D", "ascii", 3)),
            "END:VCARD",
        ]
    )
    (card,), unreadable = read_cards(source)
    assert unreadable == []
    assert card.note == note.replace("\r\n", "\n").replace("\r", "\n").strip()
    assert card.title == "Director, R&D"


def test_utf_16_without_a_byte_order_mark_and_a_fold_inside_a_character() -> None:
    text = "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n"
    assert decode_vcards(text.encode("utf-16-be"), "f").text == text
    assert decode_vcards(text.encode("utf-16-le"), "f").text == text
    folded = b"BEGIN:VCARD\r\nFN:Zo\xc3\r\n \xab\r\nEND:VCARD\r\n"
    assert decode_vcards(folded, "f", "utf-8").text == "BEGIN:VCARD\r\nFN:Zoë\r\n \r\nEND:VCARD\r\n"


def test_characters_left_unencoded_in_quoted_printable_stay_as_they_are() -> None:
    note = "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=windows-1252:Café =E9t=E9=2C ok"
    source = f"BEGIN:VCARD\nVERSION:2.1\nFN:A\n{note}\nEND:VCARD\n"
    (card,), _ = read_cards(source)
    assert card.note == "Café été, ok"


def test_utf_16_named_without_its_byte_order_is_told_by_its_zero_bytes() -> None:
    text = "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n"
    assert decode_vcards(text.encode("utf-16-be"), "f", "utf-16").text == text
    assert decode_vcards(text.encode("utf-16"), "f").text == text  # with its mark


def test_text_in_base64_is_read_and_base64_that_is_not_refuses_its_card() -> None:
    source = "\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:A",
            "NOTE;ENCODING=BASE64:SGVsbG8gd29ybGQ=",
            "TITLE;ENCODING=b;CHARSET=utf-8:Q2Fmw6k=",
            "X-MS-CARDPICTURE;ENCODING=BASE64:not base64 at all",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:B",
            "NOTE;ENCODING=b:SGVsbG8",
            "END:VCARD",
        ]
    )
    (card,), (unreadable,) = read_cards(source)
    assert (card.note, card.title, card.unread) == ("Hello world", "Café", ["X-MS-CARDPICTURE"])
    assert (unreadable.line, unreadable.reason) == (8, "NOTE is not base64 (Incorrect padding)")


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("BDAY:1984-05-17", "1984-05-17"),
        ("BDAY:19840517", "1984-05-17"),
        ("BDAY:1984-05-17T00:00:00Z", "1984-05-17"),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-17", "--05-17"),  # Apple's, without a year
        ("BDAY:1604-05-17", "--05-17"),  # the same, its parameter dropped by a server
        ("BDAY:--0517", "--05-17"),  # vCard 4.0
        ("BDAY:0000-02-29", "--02-29"),
        ("BDAY:1984-0517", None),
        ("BDAY:1984-02-30", None),
        ("BDAY:soon", None),
    ],
)
def test_a_birthday_reads_in_every_form_address_books_write_it(written: str, kept: str | None) -> None:
    (card,), _ = read_cards(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n{written}\r\nEND:VCARD\r\n")
    assert card.birthday == kept and ("BDAY" in card.unread) is (kept is None)  # else said as not kept
    if kept is not None:
        (again,), _ = read_cards(card_text(Card(name="Ann", birthday=kept)))
        assert again.birthday == kept  # and written so that it reads back the same
