"""A folder of vCards as khard and vdirsyncer keep it (a vdir): one ``.vcf`` a contact.

Reading: every ``*.vcf`` file in the folder itself (not below it), each read on its own;
a link, a file too large, not UTF-8, not one card, or a second card with a UID already
seen is a problem named by its file, and the other cards are still read. Links are never
followed. Files kiaro keeps beside a card (``NAME.conflict.vcf``) and hidden files are not
cards.

Writing: only plain names inside the folder; a temporary file in the same folder, synced,
then moved over the card's name (``os.replace``), so a reader sees the old card or the
new one, never half of one.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kiaro_cli.codecs.vcard import Card, read_cards
from kiaro_cli.errors import InvalidValue

SUFFIX = ".vcf"
CONFLICT_SUFFIX = ".conflict.vcf"
MAX_CARD_BYTES = 1_000_000  # a card with a photo is well under this
_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]")


@dataclass(frozen=True)
class FolderCard:
    """A card read from the folder: its file's name, bytes and SHA-256, and what it says."""

    file: str
    uid: str
    data: bytes
    sha256: str
    card: Card


@dataclass
class Scan:
    """What a folder holds: its cards by UID, every card file's name (readable or not), and
    one problem a file that could not be read."""

    cards: dict[str, FolderCard] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, why)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_folder(path: str, *, create: bool) -> Path | None:
    """The folder ``path`` names, resolved; made (0700) when it is missing and ``create``,
    else None (a dry run of a first sync: no cards yet). A path that is not a folder is
    refused."""
    if not path.strip():
        raise InvalidValue("give the folder to sync (PATH)")
    if "\0" in path:
        raise InvalidValue("a folder name cannot hold a NUL character")
    folder = Path(path).expanduser()
    try:
        if not folder.exists() and not folder.is_symlink():
            if not create:
                return None
            folder.mkdir(mode=0o700, parents=True)
        if not folder.is_dir():
            raise InvalidValue(f"{path} is not a folder")
        return folder.resolve()
    except OSError as error:
        raise InvalidValue(f"cannot use the folder {path}: {error.strerror}") from None


def is_card_name(name: str) -> bool:
    """Whether a file name in the folder is a card's (not hidden, not a conflict kept beside)."""
    lowered = name.lower()
    return lowered.endswith(SUFFIX) and not lowered.endswith(CONFLICT_SUFFIX) and not name.startswith(".")


def read_folder(folder: Path | None) -> Scan:
    """Every card of the folder, by UID (a card without one goes by its file name)."""
    scan = Scan()
    if folder is None:
        return scan
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if is_card_name(entry.name))
    except OSError as error:
        raise InvalidValue(f"cannot read the folder {folder}: {error.strerror}") from None
    for name in names:
        scan.names.add(name)
        try:
            found = _read_card(folder, name)
        except InvalidValue as error:
            scan.problems.append((name, error.message))
            continue
        same = scan.cards.get(found.uid)
        if same is not None:
            scan.problems.append((name, f"has the UID of {same.file}; left alone"))
            continue
        scan.cards[found.uid] = found
    return scan


def _read_card(folder: Path, name: str) -> FolderCard:
    data = _read_plain_file(folder / name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidValue("is not UTF-8 text") from None
    cards, unreadable = read_cards(text, "the file")
    if unreadable:
        raise InvalidValue(f"cannot be read: {unreadable[0].reason}")
    if len(cards) != 1:
        raise InvalidValue(f"holds {len(cards)} cards; a folder of cards keeps one a file")
    card = cards[0]
    uid = (card.uid or "").strip() or name[: -len(SUFFIX)]
    return FolderCard(name, uid, data, sha256(data), card)


def _read_plain_file(path: Path) -> bytes:
    """A regular file's bytes; a link (never followed), anything else or a file too large
    is refused."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if path.is_symlink():
            raise InvalidValue("is a link; links are not followed") from None
        raise InvalidValue(f"cannot be read: {error.strerror}") from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise InvalidValue("is not a plain file")
        data = handle.read(MAX_CARD_BYTES + 1)
    if len(data) > MAX_CARD_BYTES:
        raise InvalidValue(f"is larger than {MAX_CARD_BYTES // 1_000_000} MB")
    return data


def card_file_name(uid: str, taken: set[str]) -> str:
    """A safe file name for a card of this UID (letters, digits and ``._@+-``), not one of
    ``taken``."""
    stem = _UNSAFE.sub("_", uid)[:100].lstrip(".") or "card"
    name, number = f"{stem}{SUFFIX}", 1
    while name in taken or name.lower().endswith(CONFLICT_SUFFIX):
        number += 1
        name = f"{stem}-{number}{SUFFIX}"
    return name


def conflict_name(name: str) -> str:
    """Where the folder's version of a card kiaro overwrote is kept: ``NAME.conflict.vcf``."""
    return name[: -len(SUFFIX)] + CONFLICT_SUFFIX


def write_file(folder: Path, name: str, data: bytes) -> None:
    """Write ``data`` to the file ``name`` in ``folder`` at once: a private temporary file
    beside it, synced, then moved over it (a link of that name is replaced, never followed)."""
    _check_name(name)
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".kiaro-", suffix=".tmp")
    except OSError as error:
        raise InvalidValue(f"cannot write {name} in {folder}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(folder / name)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InvalidValue(f"cannot write {name} in {folder}: {error.strerror}") from None


def remove_file(folder: Path, name: str) -> None:
    """Remove the file ``name`` from ``folder`` (gone already is fine)."""
    _check_name(name)
    try:
        (folder / name).unlink(missing_ok=True)
    except OSError as error:
        raise InvalidValue(f"cannot remove {name} from {folder}: {error.strerror}") from None


def _check_name(name: str) -> None:
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise InvalidValue(f"{name!r} is not a file name inside the folder")
