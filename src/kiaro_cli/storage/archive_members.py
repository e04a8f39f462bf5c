"""What an archive of ``export all`` declares, checked before anything of it is loaded:
its members (names, kinds, sizes, packing) and its manifest (every value's type).

Only ``manifest.json``, ``tables/NAME.csv`` of this schema and ``documents/SHA256`` (64
hex digits) may be there (and the entries of those two folders), each once, none a link,
encrypted or packed another way, none unpacking a hundred times larger than it is packed,
all together within a total size.
"""

from __future__ import annotations

import json
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Table

from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage.archive import FORMAT, FORMAT_VERSION, Manifest
from kiaro_cli.storage.copy import copied_tables
from kiaro_cli.storage.documents import SHA256
from kiaro_cli.storage.migrations import SCHEMA_VERSION
from kiaro_cli.words import human_size

TOTAL_LIMIT = 64 << 30  # every member unpacked
MANIFEST_LIMIT = 16 << 20
MAX_RATIO = 100  # unpacked size to packed, above RATIO_FLOOR: a real export stays far below
RATIO_FLOOR = 1 << 20
DOCUMENT = re.compile(r"documents/[0-9a-f]{64}")
FOLDERS = frozenset({"tables/", "documents/"})
BIGGEST = 1 << 63  # ints are 64-bit on both databases
NOTHING = "; nothing was imported"
ZipDamage = (zipfile.BadZipFile, zlib.error, EOFError)


def refused(text: str) -> InvalidValue:
    """An archive refused: nothing of it is imported."""
    return InvalidValue(text + NOTHING)


class ArchiveFile:
    """The archive at ``path``, or one clear line on what it is not."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> zipfile.ZipFile:
        try:
            self.archive = zipfile.ZipFile(self.path)
        except FileNotFoundError:
            raise InvalidValue(f"there is no file at {self.path}") from None
        except (IsADirectoryError, PermissionError, ValueError, *ZipDamage) as error:
            raise InvalidValue(f"{self.path} is not a kiaro archive ({shown(str(error))})") from None
        return self.archive

    def __exit__(self, *_: object) -> None:
        self.archive.close()


def shown(name: str) -> str:
    """A name from the archive, safe on one line of a terminal."""
    text = name if name.isprintable() else ascii(name)[1:-1]
    return text if len(text) <= 80 else text[:79] + "…"


def table_member(table: Table) -> str:
    return f"tables/{table.name}.csv"


def archive_members(archive: zipfile.ZipFile, total_limit: int) -> dict[str, zipfile.ZipInfo]:
    """The archive's members by name, once each is known to be one kiaro writes."""
    tables = {table_member(table) for table in copied_tables()}
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in archive.infolist():
        name, said = info.filename, shown(info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise refused(f"{said} in the archive is a symbolic link; a kiaro archive holds files only")
        if name in FOLDERS and info.file_size == 0:
            continue  # a zip tool that repacked an export may list the folders themselves
        if name != "manifest.json" and name not in tables and not DOCUMENT.fullmatch(name):
            raise refused(f"the archive holds {said}, which is not a member kiaro writes")
        if name in members:
            raise refused(f"the archive holds {said} twice")
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refused(f"{said} is encrypted or packed in a way kiaro does not write")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise refused(
                f"{said} would unpack {info.file_size // max(info.compress_size, 1)} times larger than "
                f"it is packed ({human_size(info.file_size)}); no kiaro export does that"
            )
        total += info.file_size
        if total > total_limit:
            raise refused(f"the archive unpacks to more than {human_size(total_limit)} (at {said})")
        members[name] = info
    return members


def read_manifest(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> Manifest:
    info = members.get("manifest.json")
    if info is None:
        raise InvalidValue("this zip file is not a kiaro archive (no manifest.json)")
    if info.file_size > MANIFEST_LIMIT:
        raise InvalidValue(f"manifest.json is {human_size(info.file_size)}; no kiaro manifest is that large")
    with reading("manifest.json"), archive.open(info) as reader:
        data = reader.read(info.file_size + 1)
    check_size("manifest.json", info, len(data))
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise InvalidValue("manifest.json is not JSON text; this zip file is not a kiaro archive") from None
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise InvalidValue("this zip file is not a kiaro archive (its manifest.json says otherwise)")
    if _whole(parsed.get("format_version")) != FORMAT_VERSION:
        said = _json(parsed.get("format_version"))
        raise InvalidValue(f"manifest.json: format_version {said} is not one this kiaro reads")
    version = parsed.get("schema_version")
    if _whole(version) != SCHEMA_VERSION:
        raise InvalidValue(
            f"the archive holds a schema version {_json(version)} database and this kiaro's is "
            f"{SCHEMA_VERSION}; export it again with this kiaro's version (or import it with the kiaro "
            "that made it)"
        )
    return Manifest(SCHEMA_VERSION, _manifest_tables(parsed.get("tables")), _manifest_documents(parsed))


def _manifest_tables(given: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(given, dict):
        raise refused("manifest.json: tables is not an object of the tables")
    names = [table.name for table in copied_tables()]
    foreign = sorted(set(given) - set(names))
    if foreign:
        raise refused(f"manifest.json names a table this schema does not have ({shown(foreign[0])})")
    tables = {}
    for name in names:
        entry = given.get(name)
        if not isinstance(entry, dict):
            raise refused(f"the archive's manifest lacks the table {name}")
        rows, checksum, ids = _whole(entry.get("rows")), entry.get("checksum"), _whole(entry.get("ids_given"))
        for key, good in (("rows", rows is not None), ("ids_given", ids is not None)):
            if not good:
                raise refused(f"manifest.json: tables.{name}.{key} is not a whole number from 0")
        if not isinstance(checksum, str) or not SHA256.fullmatch(checksum):
            raise refused(f"manifest.json: tables.{name}.checksum is not 64 hex digits")
        tables[name] = {"rows": rows, "checksum": checksum, "ids_given": ids}
    return tables


def _manifest_documents(parsed: dict[str, Any]) -> tuple[str, ...]:
    given = parsed.get("documents", [])
    if not isinstance(given, list):
        raise refused("manifest.json: documents is not a list of SHA-256s")
    for number, sha256 in enumerate(given):
        if not isinstance(sha256, str) or not SHA256.fullmatch(sha256):
            raise refused(f"manifest.json: documents[{number}] is not a SHA-256 (64 hex digits)")
    if len(set(given)) != len(given):
        raise refused("manifest.json: documents names a file twice")
    return tuple(given)


def _whole(value: Any) -> int | None:
    """A JSON whole number from 0 that both databases hold, else None."""
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < BIGGEST
    return value if ok else None


def _json(value: Any) -> str:
    return shown(json.dumps(value))


def match_members(members: dict[str, zipfile.ZipInfo], manifest: Manifest) -> None:
    """Every table's member and every file the manifest lists are there, and no other file."""
    for table in copied_tables():
        if table_member(table) not in members:
            raise refused(f"the archive lacks {table_member(table)}")
    listed = {f"documents/{sha256}" for sha256 in manifest.documents}
    for name in sorted(listed - set(members)):
        raise refused(f"the archive lacks {name}, a file its manifest lists")
    for name in sorted(n for n in members if n.startswith("documents/") and n not in listed):
        raise refused(f"the archive holds {name}, a file its manifest does not list")


@contextmanager
def reading(member: str) -> Iterator[None]:
    """Damage found while unpacking ``member`` said in one line."""
    try:
        yield
    except ZipDamage as error:
        raise refused(f"{member} in the archive is damaged ({shown(str(error))})") from None


def check_size(member: str, info: zipfile.ZipInfo, read: int) -> None:
    if read != info.file_size:
        said = f"more than {info.file_size}" if read > info.file_size else str(read)
        raise refused(f"{member} holds {said} bytes, not the {info.file_size} it declares")
