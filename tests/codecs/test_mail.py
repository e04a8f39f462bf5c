"""Reading mail headers: decoded, cleaned and bounded, whatever a message holds, and only
the header block read."""

from __future__ import annotations

import io
import mailbox
from datetime import UTC, datetime, timedelta, timezone
from email.parser import BytesHeaderParser
from email.policy import default
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.characters import first_unseen
from kiaro_cli.codecs.mail import SUBJECT_LIMIT, MailHeaders, _header_block, opened_mailbox, read_headers
from kiaro_cli.errors import InvalidValue


def headers_of(raw: bytes) -> MailHeaders:
    return read_headers(BytesHeaderParser(policy=default).parsebytes(raw))


def test_values_are_decoded_and_addresses_lowercased() -> None:
    read = headers_of(
        b"From: Ann <ANN@Acme.NL>\r\nTo: me@example.org, Bo <bo@brand.nl>\r\nCc: c@cc.nl\r\n"
        b"Subject: =?utf-8?q?Caf=C3=A9_quote?=\r\nDate: Fri, 20 Nov 2026 15:30:00 +0100\r\n"
        b"Message-ID: <a1@acme.nl>\r\n"
    )
    assert read.senders == ("ann@acme.nl",)
    assert read.recipients == ("me@example.org", "bo@brand.nl", "c@cc.nl")
    assert read.subject == "Café quote"
    assert read.date == datetime(2026, 11, 20, 15, 30, tzinfo=timezone(timedelta(hours=1)))
    assert read.message_id == read.key == "a1@acme.nl"


def test_hostile_headers_are_cleaned_and_bounded() -> None:
    read = headers_of(
        b"From: ann@acme.nl\nSubject: Re: \x1b[2Jquote\xff\xfe " + b"x" * 100_000 + b"\n"
        b"Date: the day after tomorrow\nMessage-ID: <" + b"y" * 1000 + b">\n"
    )
    assert first_unseen(read.subject) is None and "\x1b" not in read.subject
    assert read.subject.startswith("Re: [2Jquote") and len(read.subject) == SUBJECT_LIMIT
    assert read.date is None
    assert read.message_id is not None and read.message_id.startswith("sha256:")
    first, second = (headers_of(b"Message-ID: <a %s@c>\n" % part) for part in (b"b", b"d"))
    assert first.key != second.key  # told apart, though neither is a well-formed id


def test_a_date_without_an_offset_is_utc_and_a_missing_id_is_a_stable_hash() -> None:
    raw = b"From: ann@acme.nl\nSubject: hi\nDate: Fri, 20 Nov 2026 15:30:00 -0000\n"
    read = headers_of(raw)
    assert read.date == datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
    assert read.message_id is None
    assert read.key.startswith("sha256:") and read.key == headers_of(raw).key
    assert read.key != headers_of(raw.replace(b"hi", b"ho")).key


@given(st.binary(max_size=400))
def test_any_bytes_read_as_headers_give_clean_values(raw: bytes) -> None:
    read = headers_of(raw)
    assert first_unseen(read.subject) is None and len(read.subject) <= SUBJECT_LIMIT
    assert all(first_unseen(address) is None for address in (*read.senders, *read.recipients))


def test_only_the_header_block_is_read(tmp_path: Path) -> None:
    """The body is never read: reading stops at the empty line that ends the headers."""
    body = b"Subject: not a header\n" + b"z" * 1_000_000
    handle = io.BytesIO(b"From: ann@acme.nl\nSubject: first\n\n" + body)
    assert _header_block(handle) == b"From: ann@acme.nl\nSubject: first\n"
    assert handle.tell() < 100
    box = mailbox.Maildir(tmp_path / "md", create=True)
    box.add(b"From: ann@acme.nl\nSubject: first\n\n" + body)
    with opened_mailbox(tmp_path / "md") as messages:
        assert [read.subject for read in messages] == ["first"]


def test_what_is_not_a_mailbox_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes.txt").write_text("hello\n")
    for path, said in (
        (tmp_path / "folder", "a Maildir folder has cur, new and tmp"),
        (tmp_path / "notes.txt", "an mbox file starts with a 'From ' line"),
        (tmp_path / "missing", "there is no such file or folder"),
        (Path("/dev/null"), "it is neither a folder nor a file"),
    ):
        with pytest.raises(InvalidValue, match=said), opened_mailbox(path):
            pass


def test_a_message_that_cannot_be_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = mailbox.Maildir(tmp_path / "md", create=True)
    box.add(b"From: ann@acme.nl\nSubject: locked\n\nbody")

    def locked(self: mailbox.Maildir, key: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(mailbox.Maildir, "get_file", locked)
    with (
        pytest.raises(InvalidValue, match=r"^a message in the mailbox cannot be read: Permission denied$"),
        opened_mailbox(tmp_path / "md") as messages,
    ):
        list(messages)
