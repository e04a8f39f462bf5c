"""The text of a vCard file, before any card is parsed: its bytes decoded, its properties
one a line, and quoted-printable values decoded into plain text.

Address books write bytes many ways: UTF-16 with no byte-order mark (Mac OS X Address
Book), a line folded in the middle of a UTF-8 character, a whole file in the charset its
cards name (Shift_JIS on Japanese phones), quoted-printable values with soft line breaks
and with or without a CHARSET, values continued on the next line after a backslash (old
Android) and a property with no value and no colon (Ximian Evolution's ``FN``). A birthday
comes in as many forms (:func:`birthday_of`).
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from kiaro_cli.codecs.csv_table import Decoded, decode
from kiaro_cli.errors import InvalidValue

MAX_PROPERTY = 1_000_000  # characters in one property (photos, sounds and keys are left out first)
UTF8 = "utf-8"
GUESS = "windows-1252"  # what Outlook writes when it names no charset
# A UTF-8 character's first bytes, a fold (CRLF or LF and a space or tab), then the rest of it.
_FOLD_IN_CHARACTER = re.compile(rb"([\xc2-\xf4][\x80-\xbf]{0,2})(\r?\n[ \t])([\x80-\xbf]{1,3})")
_CHARSET = re.compile(r";\s*CHARSET=\"?([\w.:-]+)\"?", re.IGNORECASE)
_PROPERTY = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?(?:;[^:]*)?:")
_BARE_NAME = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?$")
_UNENCODED = re.compile(r"([^\x00-\x7f]+)")
_BASE64 = re.compile(r";\s*(?:ENCODING=)?(?:BASE64|B)\s*(?=;|$)", re.IGNORECASE)
_QP = re.compile(r";\s*(?:ENCODING=)?QUOTED-PRINTABLE\s*(?=;|$)", re.IGNORECASE)
# Properties whose value has parts separated by ";" (the rest are one text).
_STRUCTURED = frozenset(("N", "ADR", "ORG", "GENDER"))
_LISTS = frozenset(("CATEGORIES", "NICKNAME"))
# The text properties kiaro reads: the only ones whose base64 is decoded as text.
_TEXT = frozenset(("FN", "N", "ORG", "TITLE", "ROLE", "NOTE", "ADR", "LABEL", "EMAIL", "TEL", "URL", *_LISTS))


def decode_vcards(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """A vCard file's text: UTF-16 is told by its zero bytes even with no byte-order mark;
    a fold inside a UTF-8 character is moved after it (the line count stays); a file that
    is not UTF-8 is read in the charset its cards name, when they name one that reads it."""
    marked = data.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE))
    if not marked and (not encoding or _codec(encoding) == "utf-16"):  # no mark to tell the order
        if data[:2] in (b"\x00B", b"\x00b"):
            encoding = "utf-16-be"
        elif data[:2] in (b"B\x00", b"b\x00"):
            encoding = "utf-16-le"
    sixteen = marked or (_codec(encoding or "") or "").startswith("utf-16")
    if not sixteen and b"\n" in data:
        data = _FOLD_IN_CHARACTER.sub(rb"\1\3\2", data)
    if not encoding and not marked:
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            for charset, _ in declared_charsets(data.decode("latin-1")).most_common():
                try:
                    return Decoded(data.decode(charset), charset, fallback=True)
                except UnicodeDecodeError:
                    continue
    return decode(data, name, encoding)


def declared_charsets(text: str) -> Counter[str]:
    """The charsets a file's properties name (UTF-8 and ASCII left out), by how often."""
    found: Counter[str] = Counter()
    for match in _CHARSET.finditer(text):
        charset = _codec(match[1])
        if charset is not None and charset not in ("utf-8", "ascii"):
            found[charset] += 1
    return found


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def logical_lines(lines: list[str], start: int) -> list[str]:
    """A card's properties one a line: folded lines joined, quoted-printable soft breaks
    joined, a backslash at a line's end continuing the value on the next line (old
    Android), and a property name alone read as an empty value. ``start`` is the card's
    first line in the file; a property over :data:`MAX_PROPERTY` characters stops the file."""
    joined: list[list[str]] = []
    size = 0
    for line in lines:
        last = joined[-1] if joined else None
        soft = last is not None and last[-1].endswith("=") and bool(_QP.search(last[0].split(":", 1)[0]))
        if last is not None and (soft or line[:1] in (" ", "\t")):
            if soft:  # a soft line break, perhaps folded as well (ez-vcard)
                last[-1] = last[-1][:-1]
            last.append(line[1:] if line[:1] in (" ", "\t") else line)
        elif last is not None and ":" in last[0] and _continued(last[-1]) and not _PROPERTY.match(line):
            last[-1] = last[-1][:-1]
            last.append("\\n" + line)
        else:
            joined.append([line + ":" if _BARE_NAME.match(line) else line])
            size = 0
        size += len(line)
        if size > MAX_PROPERTY:
            raise InvalidValue(
                f"the card at line {start} has a property over {MAX_PROPERTY:,} characters long: "
                "not an address book kiaro can read"
            )
    return ["".join(parts) for parts in joined]


def _continued(line: str) -> bool:
    """A line ending in one backslash (not an escaped one)."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


@dataclass(frozen=True)
class Charsets:
    """What a file says of the charset of quoted-printable text that names none: the one
    given with --encoding, else the one its other cards name most, else the file's own
    when it is not UTF-8, else Windows-1252 (Outlook's)."""

    given: str | None
    named: str | None
    file: str

    @classmethod
    def of(cls, text: str, given: str | None, file_encoding: str) -> Charsets:
        chosen = _codec(given) if given else None
        named = declared_charsets(text).most_common(1)
        own = _codec(file_encoding) or GUESS
        return cls(chosen, named[0][0] if named else None, GUESS if own.startswith("utf") else own)

    def guess(self) -> tuple[str, str | None]:
        """The charset to read unnamed non-UTF-8 text in, and why when it is a guess (not
        named with --encoding, nor the charset the whole file is written in)."""
        if self.given and self.given != UTF8:
            return self.given, None
        if self.named:
            return self.named, "the charset the file's other cards name"
        return self.file, "Outlook's" if self.file == GUESS else None


def plain_line(line: str, charsets: Charsets) -> tuple[str, str | None]:
    """A property with its quoted-printable (or base64) value decoded (across the whole
    logical line, before its parts are split and before its charset is applied) and written
    as plain escaped text; and the charset guessed for it and why, if one was. Base64 that
    is not base64 raises ValueError."""
    head, value = split_property(line)
    name = head.split(";", 1)[0].rsplit(".", 1)[-1].upper()
    base64 = name in _TEXT and bool(_BASE64.search(head))
    if value is None or not (_QP.search(head) or base64):
        return line, None
    if base64:  # text in base64 (old Nokia and Sony Ericsson phones)
        pieces = ["", ""]
        try:
            raw = [binascii.a2b_base64(value.encode("ascii", "replace"), strict_mode=False)]
        except binascii.Error as error:
            raise ValueError(f"{name} is not base64 ({error})") from None
    else:  # encoded runs, and characters a writer left unencoded (already text: kept as they are)
        pieces = _UNENCODED.split(value)
        raw = [binascii.a2b_qp(piece.encode("ascii")) for piece in pieces[0::2]]
    named = _CHARSET.search(head)
    codec, guessed = _charset_of(b"".join(raw), _codec(named[1]) if named else None, charsets)
    text = "".join(raw[i // 2].decode(codec, "replace") if i % 2 == 0 else p for i, p in enumerate(pieces))
    head = _CHARSET.sub("", _BASE64.sub("", _QP.sub("", head)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if name in _STRUCTURED:
        escaped = ";".join(_escaped(part, ",") for part in text.split(";"))
    elif name in _LISTS:
        escaped = _escaped(text, ";")
    else:
        escaped = _escaped(text, ",;")
    return f"{head}:{escaped}", guessed


def _charset_of(raw: bytes, charset: str | None, charsets: Charsets) -> tuple[str, str | None]:
    """The charset named, else UTF-8 when the bytes are, else the charset guessed (and why)."""
    for known in (charset, UTF8):
        if known is None:
            continue
        try:
            raw.decode(known)
            return known, None
        except UnicodeDecodeError:
            continue
    guess, why = charsets.guess()
    try:
        raw.decode(guess)
        return guess, f"{guess}, {why}" if why else None
    except UnicodeDecodeError:
        return GUESS, f"{GUESS}, Outlook's"


def _escaped(text: str, specials: str) -> str:
    text = text.replace("\\", "\\\\")
    for special in specials:
        text = text.replace(special, "\\" + special)
    return text.replace("\n", "\\n")


def split_property(line: str) -> tuple[str, str | None]:
    """A property's name and parameters, and its value (None: the line has no colon); a
    colon inside a quoted parameter (vCard 4.0's ``LABEL="…"``) is not the separator."""
    quoted = False
    for index, character in enumerate(line):
        if character == '"':
            quoted = not quoted
        elif character == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return line, None


# ------------------------------------------------------------ values as people read them


def unescaped(value: str) -> str:
    """A value with the escapes vobject leaves in it (Apple and Google write ``http\\://``),
    its line breaks as LF (Outlook's notes have CRLF)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if "\\" not in value:
        return value.strip()
    return re.sub(r"\\([\\:,;nN])", lambda m: "\n" if m[1] in "nN" else m[1], value).strip()


def joined(value: str | list[str], separator: str = " ") -> str | None:
    text = value if isinstance(value, str) else separator.join(value)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip() or None


def street_lines(value: str | list[str]) -> str | None:
    """A street as written, on as many lines as it has (a first line may be empty)."""
    text = value if isinstance(value, str) else "\n".join(value)
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).rstrip("\n") or None if any(lines) else None


def east_asian(text: str) -> bool:
    """A name in Chinese, Japanese or Korean script, written family name first."""
    return any(
        "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" for c in text
    )


def filed_as(value: str | None) -> str | None:
    """A name as Evolution files it ("Moreau, Luc"), as people write it ("Luc Moreau")."""
    if value is None or value.count(",") != 1:
        return value
    family, given = (part.strip() for part in value.split(","))
    return f"{given} {family}".strip()


def phone_of(value: str) -> str:
    """A number as typed; vCard 4.0 writes it as a ``tel:`` URI, perhaps with ``;ext=``."""
    value = unescaped(value)
    if not value.lower().startswith("tel:"):
        return value
    number, *parameters = value[4:].split(";")
    extension = next((p[4:] for p in parameters if p.lower().startswith("ext=")), None)
    return f"{number} x{extension}" if extension else number


# Text whose commas are the writer's, not list separators: vCard 2.1 never escapes them,
# and some 3.0 writers do not either ("NOTE:Call first, then mail" would lose its end).
_LITERAL_COMMAS = frozenset(("FN", "NOTE", "TITLE", "ROLE", "ORG", "ADR", "LABEL", "X-EVOLUTION-FILE-AS"))


def with_literal_commas(lines: list[str]) -> list[str]:
    """Escape the commas a writer left bare in text properties, so they stay in the text."""
    escaped = []
    for line in lines:
        head, value = split_property(line)
        name = head.split(";", 1)[0].rsplit(".", 1)[-1].upper()
        literal = value is not None and name in _LITERAL_COMMAS
        escaped.append(head + ":" + re.sub(r"(?<!\\),", r"\\,", value or "") if literal else line)
    return escaped


OMITTED_YEAR = "1604"  # the year Apple writes in a birthday kept without one
# BDAY as programs write it: 1984-05-17, 19840517, a time after it; --05-17 or --0517 without a year
_BDAY = re.compile(r"(?:(\d{4})(-?)(\d{2})\2(\d{2})|--(\d{2})-?(\d{2}))(?:T[\d:.Z+-]*)?")


def birthday_of(value: str, omitted_years: list[str]) -> str | None:
    """A BDAY value as kiaro keeps a birthday: ``1984-05-17``, or ``--05-17`` when it gives
    no year (``--0517``, 0000, Apple's 1604 with or without its X-APPLE-OMIT-YEAR, whose
    years are ``omitted_years``); None when it is not a real day."""
    found = _BDAY.fullmatch(value.strip())
    if found is None:
        return None
    year, month, day = found[1], found[3] or found[5], found[4] or found[6]
    if year in (None, "0000", OMITTED_YEAR, *omitted_years):
        year = None
    try:
        date(int(year or 2000), int(month), int(day))  # 2000: a leap year, so --02-29 is a day
    except ValueError:
        return None
    return f"{year}-{month}-{day}" if year else f"--{month}-{day}"
