"""export all / import all: the whole database in one zip file, back into an empty one with
every row, id and document, byte-identical when exported again; a damaged or foreign
archive changes nothing."""

from __future__ import annotations

import json
import sqlite3
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
from kiaro_cli.storage.unit import write
from tests.fixtures.hostile_archives import CONTRACT, NDA, declared_size, document_names, real_export
from tests.fixtures.ledger_book import records_at, write_ledger
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
    assert manifest.tables["contact_reach"]["rows"] == 2 * len(people)
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


def test_a_ledger_travels_whole_and_its_numbers_are_never_given_again(tmp_path: Path) -> None:
    source, target = Location(path=tmp_path / "a.db"), Location(path=tmp_path / "b.db")
    write_ledger(source)
    write_ledger(source, "Brand")
    export_all(source, tmp_path / "a.zip")
    manifest = import_all(tmp_path / "a.zip", target)
    ledger_tables = ("project", "quote", "invoice", "invoice_line", "payment", "ledger_number")
    assert [manifest.tables[table]["rows"] for table in ledger_tables] == [2, 2, 8, 4, 4, 2]
    assert records_at(target) == records_at(source) and sums(target) == sums(source)
    export_all(target, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with write(target) as w:
        assert w.take_number("ACME-2026") == 2


LEDGER_ROWS = [
    ("UPDATE invoice SET paid_cents = gross_cents + 1 WHERE id = 1", "invoice", 1, "paid_cents", "gross"),
    ("UPDATE invoice SET net_cents = -5 WHERE id = 2", "invoice", 2, "net_cents", "≥ 0"),
    ("UPDATE invoice SET state = 'paid' WHERE id = 3", "invoice", 3, "state", "draft, open, void"),
    ("UPDATE invoice SET currency = 'eur; DROP' WHERE id = 1", "invoice", 1, "currency", "currency code"),
    ("UPDATE invoice SET title = 'two' || char(10) || 'lines'", "invoice", 1, "title", "one line"),
    ("UPDATE quote SET status = 'won'", "quote", 1, "status", "draft, sent, accepted, declined, expired"),
    ("UPDATE quote SET valid_until = 'soon'", "quote", 1, "valid_until", "not a date"),
    ("UPDATE project SET status = 'haunted'", "project", 1, "status", "planned, active"),
    ("UPDATE project SET budget_cents = -1", "project", 1, "budget_cents", "≥ 0"),
    (
        "UPDATE invoice_line SET quantity_milli = -1000 WHERE id = 2",
        "invoice_line",
        2,
        "quantity_milli",
        "≥ 0",
    ),
    ("UPDATE payment SET amount_cents = -100 WHERE id = 2", "payment", 2, "amount_cents", "≥ 0"),
    ("UPDATE payment SET method = 'card' || char(27) || '[2J'", "payment", 1, "method", "control"),
    ("UPDATE ledger_number SET last = 0", "ledger_number", 1, "last", "≥ 1"),
]


@pytest.mark.parametrize(("sql", "table", "row", "field", "why"), LEDGER_ROWS)
def test_a_ledger_row_no_command_writes_refuses_the_archive(
    tmp_path: Path, sql: str, table: str, row: int, field: str, why: str
) -> None:
    source, target = Location(path=tmp_path / "a.db"), Location(path=tmp_path / "b.db")
    write_ledger(source)
    with sqlite3.connect(tmp_path / "a.db") as connection:
        connection.executescript(sql)
    connection.close()
    export_all(source, tmp_path / "a.zip")
    with pytest.raises(InvalidValue, match=f"tables/{table}.csv, row {row}, {field}: .*{why}"):
        import_all(tmp_path / "a.zip", target)
    assert not (tmp_path / "b.db").exists()


def test_a_number_given_twice_in_an_archive_is_refused_by_its_row(tmp_path: Path) -> None:
    source = Location(path=tmp_path / "a.db")
    write_ledger(source)
    export_all(source, tmp_path / "a.zip")
    twice = rewritten(
        tmp_path / "a.zip", "tables/invoice.csv", "text.replace('ACME-2026-002', 'acme-2026-001')"
    )
    with pytest.raises(
        InvalidValue, match=r"tables/invoice.csv, row 2, number: acme-2026-001 is given to another"
    ):
        import_all(twice, Location(path=tmp_path / "b.db"))
    assert not (tmp_path / "b.db").exists()
