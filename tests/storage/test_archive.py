"""export all / import all: the whole database in one zip file, back into an empty one with
every row, id and document, byte-identical when exported again; a damaged or foreign
archive changes nothing."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.core import clients
from kiaro_cli.core.archives import export_all, import_all
from kiaro_cli.core.documents import add_documents
from kiaro_cli.errors import InvalidValue, StorageError
from kiaro_cli.storage.location import Location
from tests.fixtures.hostile_archives import CONTRACT, NDA, declared_size, document_names, real_export
from tests.helpers import TODAY
from tests.storage.test_copy import fill, names, sums


@settings(max_examples=8)
@given(st.lists(st.tuples(names, st.booleans()), min_size=1, max_size=5))
def test_an_archive_loads_every_row_and_exports_the_same_bytes(
    tmp_path: Path, people: list[tuple[str, bool]]
) -> None:
    folder = tmp_path / uuid.uuid4().hex
    source, target = Location(path=folder / "a.db"), Location(path=folder / "b.db")
    fill(source, people)
    export_all(source, folder / "a.zip")
    manifest = import_all(folder / "a.zip", target)
    assert sums(source) == sums(target)
    assert manifest.tables["client"]["rows"] == len(people)
    export_all(target, folder / "b.zip")
    assert (folder / "a.zip").read_bytes() == (folder / "b.zip").read_bytes()
    added = clients.add_client(target, {"name": "After the import"}, full_form=False, today=TODAY)
    assert added.id == len(people) + 2  # the deleted client's id is not given again


def test_documents_travel_with_the_archive(tmp_path: Path) -> None:
    source, target = Location(path=tmp_path / "a" / "kiaro.db"), Location(path=tmp_path / "b" / "kiaro.db")
    clients.add_client(source, {"name": "Acme"}, full_form=False)
    contract = tmp_path / "contract.pdf"
    contract.write_bytes(b"%PDF-1.4 signed")
    add_documents(source, "acme", [contract], kind="contract")
    export_all(source, tmp_path / "all.zip")
    import_all(tmp_path / "all.zip", target)
    stored = list((tmp_path / "b" / "documents").rglob("*"))
    assert [p.read_bytes() for p in stored if p.is_file()] == [b"%PDF-1.4 signed"]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    source = Location(path=tmp_path / "source.db")
    fill(source, [("Acme", False), ("Brand", True)])
    export_all(source, tmp_path / "all.zip")
    return tmp_path / "all.zip"


def rewritten(archive: Path, name: str, change: str) -> Path:
    """A copy of ``archive`` whose member ``name`` reads ``change`` (Python on ``text``)."""
    damaged = archive.with_name(f"damaged-{uuid.uuid4().hex[:6]}.zip")
    with zipfile.ZipFile(archive) as old, zipfile.ZipFile(damaged, "w") as new:
        for member in old.infolist():
            data = old.read(member)
            if member.filename == name:
                data = eval(change, {"text": data.decode(), "json": json}).encode()
            new.writestr(member, data)
    return damaged


@pytest.mark.parametrize(
    ("member", "change", "error", "message"),
    [
        (
            "tables/client.csv",
            "text.replace('Acme', 'Acne')",
            InvalidValue,
            "tables/client.csv does not match its manifest's checksum",
        ),
        ("tables/tag.csv", "'id\\n'", InvalidValue, "does not have this schema's columns"),
        (
            "manifest.json",
            "json.dumps({**json.loads(text), 'schema_version': 99})",
            InvalidValue,
            "schema version 99 database and this kiaro's is",
        ),
        ("manifest.json", "'{}'", InvalidValue, "not a kiaro archive"),
    ],
)
def test_a_damaged_or_foreign_archive_imports_nothing(
    archive: Path, member: str, change: str, error: type[Exception], message: str
) -> None:
    target = archive.with_name("target.db")
    with pytest.raises(error, match=message):
        import_all(rewritten(archive, member, change), Location(path=target))
    assert not target.exists()  # the new file is removed again


def test_an_archive_goes_only_into_an_empty_database(archive: Path, tmp_path: Path) -> None:
    target = Location(path=tmp_path / "busy.db")
    clients.add_client(target, {"name": "Mine"}, full_form=False)
    with pytest.raises(StorageError, match="is not empty"):
        import_all(archive, target)
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello")
    with pytest.raises(InvalidValue, match="is not a kiaro archive"):
        import_all(not_zip, Location(path=tmp_path / "x.db"))
    with pytest.raises(InvalidValue, match="there is no file at"):
        import_all(tmp_path / "missing.zip", Location(path=tmp_path / "x.db"))


def test_a_declared_huge_member_is_refused_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = real_export(tmp_path / "work")
    document = document_names(real)[0]
    huge = declared_size(real, tmp_path / "huge.zip", document, 0xF000_0000)  # 3.75 GiB, a few bytes packed
    opened: list[str] = []
    open_member = zipfile.ZipFile.open

    def recording(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(name if isinstance(name, str) else name.filename)
        return open_member(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording)
    with pytest.raises(InvalidValue, match=f"{document} would unpack .* times larger"):
        import_all(huge, Location(path=tmp_path / "target" / "kiaro.db"))
    assert opened == []  # refused from what the zip file declares, before any member is read
    assert not (tmp_path / "target").exists()


def test_an_archive_unpacking_past_the_total_limit_is_refused(tmp_path: Path) -> None:
    real = real_export(tmp_path / "work")
    with pytest.raises(InvalidValue, match=r"the archive unpacks to more than 4\.0 KiB \(at tables/"):
        import_all(real, Location(path=tmp_path / "target" / "kiaro.db"), total_limit=4096)
    assert not (tmp_path / "target").exists()
    import_all(real, Location(path=tmp_path / "target" / "kiaro.db"))  # the default limit takes it
    stored = sorted(p.read_bytes() for p in (tmp_path / "target" / "documents").rglob("*") if p.is_file())
    assert stored == sorted([CONTRACT, NDA])
