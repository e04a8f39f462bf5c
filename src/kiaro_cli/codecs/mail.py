"""The headers of the messages in a Maildir folder or an mbox file, as plain dataclasses.

Only the header block of each message is read (up to :data:`HEADER_LIMIT` bytes), never
its body: the lines up to the first empty one, parsed with :mod:`email`'s default policy
(encoded words decoded). Every value comes from outside and is treated as hostile: a
subject loses its control and format characters and is cut to :data:`SUBJECT_LIMIT`
characters, a date that does not read is None, a Message-ID that is too long or holds
characters a line may not is kept as its hash.
"""

from __future__ import annotations

import hashlib
import mailbox
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.errors import MessageError
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import IO, Any, cast

from kiaro_cli.characters import unseen
from kiaro_cli.errors import InvalidValue

HEADER_LIMIT = 256 * 1024  # a header block larger than this is read only this far
SUBJECT_LIMIT = 200
ID_LIMIT = 250  # a longer Message-ID is kept as its hash
ADDRESS_LIMIT = 500  # addresses read from one header: a list of thousands is cut there
MAILDIR_PARTS = ("cur", "new", "tmp")
# What reading one header of a hostile message may raise inside the email package.
HEADER_ERRORS = (MessageError, ValueError, LookupError, TypeError, AttributeError, IndexError)


@dataclass(frozen=True)
class MailHeaders:
    """What kiaro reads of one message."""

    message_id: str | None  # without its angle brackets
    date: datetime | None  # with its offset (UTC when the message gave none); None: unreadable
    senders: tuple[str, ...]  # the From addresses, lowercased
    recipients: tuple[str, ...]  # the To and Cc addresses, lowercased
    subject: str  # one line, decoded and cleaned; "" when there is none

    @property
    def key(self) -> str:
        """What the message is known by: its Message-ID, else a hash of its date, sender
        and subject (the same message read again gives the same key)."""
        if self.message_id is not None:
            return self.message_id
        when = self.date.isoformat() if self.date is not None else ""
        return "sha256:" + _digest("\n".join((when, ",".join(self.senders), self.subject)))


@contextmanager
def opened_mailbox(path: Path) -> Iterator[Iterator[MailHeaders]]:
    """The headers of every message at ``path``, a Maildir folder (``cur``, ``new`` and
    ``tmp`` in it) or an mbox file; anything else is refused before a message is read."""
    box = _mailbox(path)
    try:
        yield _headers(box)
    finally:
        box.close()


def _mailbox(path: Path) -> mailbox.Mailbox:
    shown = str(path)
    if path.is_dir():
        if not all((path / part).is_dir() for part in MAILDIR_PARTS):
            raise InvalidValue(f"{shown} is not a mailbox: a Maildir folder has cur, new and tmp in it")
        return mailbox.Maildir(path, factory=None, create=False)
    if not path.exists():
        raise InvalidValue(f"{shown} is not a mailbox: there is no such file or folder")
    if not path.is_file():
        raise InvalidValue(f"{shown} is not a mailbox: it is neither a folder nor a file")
    try:
        with path.open("rb") as handle:
            start = handle.read(5)
    except OSError as error:
        raise InvalidValue(f"{shown} cannot be read: {error.strerror or error}") from None
    if start and start != b"From ":
        raise InvalidValue(f"{shown} is not a mailbox: an mbox file starts with a 'From ' line")
    return mailbox.mbox(path, factory=None, create=False)


def _headers(box: mailbox.Mailbox) -> Iterator[MailHeaders]:
    parser = BytesHeaderParser(policy=policy.default)
    for key in box.iterkeys():
        try:
            with box.get_file(key) as handle:
                block = _header_block(cast(IO[bytes], handle))
        except (KeyError, FileNotFoundError):  # taken away while it was read (a sync running)
            continue
        except OSError as error:
            raise InvalidValue(
                f"a message in the mailbox cannot be read: {error.strerror or error}"
            ) from None
        yield read_headers(parser.parsebytes(block))


def _header_block(handle: IO[bytes]) -> bytes:
    """The bytes of a message up to its first empty line (its headers), at most HEADER_LIMIT."""
    lines: list[bytes] = []
    size = 0
    while size < HEADER_LIMIT:
        line = handle.readline(HEADER_LIMIT - size)
        if not line or line in (b"\n", b"\r\n"):
            break
        lines.append(line)
        size += len(line)
    return b"".join(lines)


def read_headers(message: EmailMessage) -> MailHeaders:
    """The values kiaro keeps of a parsed header block."""
    return MailHeaders(
        message_id=_message_id(_raw(message, "message-id")),
        date=_date(_header(message, "Date")),
        senders=_addresses(message, ("From",)),
        recipients=_addresses(message, ("To", "Cc")),
        subject=one_line(_header(message, "Subject") or "", SUBJECT_LIMIT),
    )


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value: Any = message.get(name)
        return None if value is None else _sound(str(value))
    except HEADER_ERRORS:  # a header the parser cannot read at all
        return None


def _raw(message: EmailMessage, name: str) -> str | None:
    """The first ``name`` header as it was written (an identifier, not text to decode)."""
    found = next((value for key, value in message.raw_items() if key.lower() == name), None)
    return None if found is None else _sound(" ".join(str(found).split()))


def _sound(text: str) -> str:
    """``text`` with the undecodable bytes the parser kept as surrogates read as UTF-8, and
    any left over replaced."""
    with suppress(UnicodeEncodeError):  # a surrogate no undecodable byte made
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in text)


def one_line(text: str, limit: int) -> str:
    """``text`` on one line: control and format characters become spaces, runs of spaces
    one, cut to ``limit`` characters with an ellipsis."""
    text = text[: limit * 4]  # a huge header is cut before it is looked at character by character
    cleaned = " ".join("".join(" " if unseen(char) else char for char in text).split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def _message_id(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if text.startswith("<") and ">" in text:
        text = text[1 : text.index(">")]
    text = text.strip()
    if not text:
        return None
    if len(text) > ID_LIMIT or not text.isprintable() or any(char.isspace() for char in text):
        return "sha256:" + _digest(text)
    return text


def _date(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # "-0000": the offset is unknown, the time is UTC
        moment = moment.replace(tzinfo=UTC)
    return moment


def _addresses(message: EmailMessage, names: tuple[str, ...]) -> tuple[str, ...]:
    values: list[str] = []
    for name in names:
        try:
            values.extend(_sound(str(value)) for value in message.get_all(name) or ())
        except HEADER_ERRORS:
            continue
    found: dict[str, None] = {}
    for _, given in getaddresses(values)[:ADDRESS_LIMIT]:
        address = given.strip().lower()
        if "@" in address and address.isprintable() and len(address) <= ID_LIMIT:
            found[address] = None
    return tuple(found)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]
