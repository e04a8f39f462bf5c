"""Excel workbooks: typed cells out, text back in, and hostile files refused in one line."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.codecs import xlsx
from kiaro_cli.codecs.csv_table import open_table, read_table
from kiaro_cli.codecs.xlsx import DAY, MONEY, Column, cell_text, read_rows, write_sheet
from kiaro_cli.errors import InvalidValue

COLUMNS = [Column("name"), Column("postal_code"), Column("value", MONEY), Column("due_on", DAY)]


def workbook_bytes(records: list[dict[str, Any]], columns: list[Column], title: str) -> bytes:
    """What kiaro's export writes, in memory."""
    buffer = io.BytesIO()
    write_sheet(records, columns, buffer, title)
    return buffer.getvalue()


def book_of(rows: list[list[Any]]) -> bytes:
    """A workbook made by openpyxl as any spreadsheet would save it."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_cells_are_typed_by_their_column_and_text_stays_text() -> None:
    rows: list[dict[str, Any]] = [
        {"name": "=HYPERLINK(\"http://x\")", "postal_code": "01234", "value": Decimal("1200.5"),
         "due_on": "2026-12-20"},
        {"name": "#N/A", "postal_code": "+31 6 1234", "value": None, "due_on": "2026-12-02T16:15:00+01:00"},
    ]  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes(rows, COLUMNS, "clients"))).active
    assert sheet is not None
    first, second = sheet.iter_rows(min_row=2)
    assert [(c.value, c.data_type) for c in first[:2]] == [('=HYPERLINK("http://x")', "s"), ("01234", "s")]
    assert (first[2].value, first[2].data_type, first[2].number_format) == (1200.5, "n", "0.00")
    assert (first[3].value, first[3].number_format) == (datetime(2026, 12, 20), "yyyy-mm-dd")
    assert (second[0].value, second[0].data_type, second[1].value) == ("#N/A", "s", "+31 6 1234")
    assert second[3].value == datetime(2026, 12, 2, 15, 15)  # in UTC: a sheet has no time zones
    assert second[2].value is None


def test_the_header_is_bold_and_frozen_and_columns_fit_their_values() -> None:
    rows = [{"name": "A studio with a rather long name", "postal_code": "1", "value": 1, "due_on": None}]
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes(rows, COLUMNS, "clients"))).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2" and sheet.title == "clients"
    assert [cell.value for cell in sheet[1]] == ["name", "postal_code", "value", "due_on"]
    assert all(cell.font.b for cell in sheet[1])
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]
    assert widths[0] > len("A studio with a rather long name") > widths[2]


def test_characters_xml_cannot_hold_are_shown_as_a_replacement() -> None:
    rows = [{"name": "Bell\x07 Co", "postal_code": None, "value": None, "due_on": "soon"}]
    data = workbook_bytes(rows, COLUMNS, "clients")
    assert read_rows(data, "x.xlsx")[1] == (2, ["Bell\ufffd Co", "", "", "soon"])


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (12.0, "12"),
        (1.39e8, "139000000"),
        (0.1, "0.1"),
        (1e-7, "0.0000001"),
        (7, "7"),
        (datetime(2026, 3, 4), "2026-03-04"),
        (datetime(2026, 3, 4, 9, 30), "2026-03-04T09:30:00"),
        (date(2026, 3, 4), "2026-03-04"),
        ("01234", "01234"),
        ("+31 6 1234", "+31 6 1234"),
        ("'+31 6 1234", "''+31 6 1234"),  # the import takes one ' off, as from kiaro's CSV
        ("'quoted'", "'quoted'"),
    ],
)
def test_a_cell_reads_as_a_csv_would_hold_it(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_the_first_sheet_is_read_its_blank_rows_and_trailing_cells_left_out() -> None:
    data = book_of(
        [["Name", "Phone", None, None], [None], ["Acme", 31612345678, None, None], ["Zeta", "0612"]]
    )
    assert read_rows(data, "in.xlsx") == [
        (1, ["Name", "Phone"]),
        (3, ["Acme", "31612345678"]),
        (4, ["Zeta", "0612"]),
    ]


def test_a_workbook_is_told_by_its_name_or_its_magic_and_read_as_a_table() -> None:
    data = book_of([["Company", "Postcode"], ["Acme", "01234"]])
    table = read_table(data, "clients.bin")
    assert (table.rows, table.delimiter, table.encoding) == (
        [(1, ["Company", "Postcode"]), (2, ["Acme", "01234"])],
        ",",
        "utf-8",
    )
    with pytest.raises(InvalidValue, match="no encoding to choose"):
        open_table(data, "clients.xlsx", "utf-8")


def test_an_empty_sheet_is_refused() -> None:
    with pytest.raises(InvalidValue, match="empty"):
        read_table(book_of([]), "empty.xlsx")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_what_is_not_a_workbook_is_refused_in_one_line() -> None:
    with pytest.raises(InvalidValue, match=r"old Excel workbook \(\.xls\)"):
        open_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old.xls")
    with pytest.raises(InvalidValue, match="not an Excel workbook"):
        open_table(b"Name\nAcme\n", "renamed.xlsx")
    with pytest.raises(InvalidValue, match="a zip file but not an Excel workbook"):
        open_table(zipped({"content.xml": b"<office/>"}), "sheet.ods")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    data = book_of([["Name"], ["x" * 5000]])
    monkeypatch.setattr(xlsx, "MAX_UNPACKED", 4000)
    with pytest.raises(InvalidValue, match="would unpack to more than"):
        read_rows(data, "bomb.xlsx")


def test_a_sheet_past_the_rows_a_sheet_may_have_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    with pytest.raises(InvalidValue, match="more than 3 rows"):
        read_rows(book_of([["Name"], ["a"], ["b"], ["c"]]), "big.xlsx")


def test_a_cell_at_the_last_column_costs_no_more_than_the_columns_read() -> None:
    data = book_of([["Name"], ["Acme"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    members["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", '<row r="3"><c r="XFD3" t="inlineStr"><is><t>far</t></is></c></row></sheetData>'
    ).encode()
    assert read_rows(zipped(members), "wide.xlsx") == [(1, ["Name"]), (2, ["Acme"])]


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def test_an_entity_bomb_or_a_broken_part_is_refused_in_one_line() -> None:
    data = book_of([["Name"], ["Acme"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = BILLION_LAUGHS.encode()
    with pytest.raises(InvalidValue, match="cannot be read as an Excel workbook") as bomb:
        read_rows(zipped(members), "laughs.xlsx")
    members["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row"
    with pytest.raises(InvalidValue, match="cannot be read as an Excel workbook") as broken:
        read_rows(zipped(members), "broken.xlsx")
    assert "\n" not in str(bomb.value) + str(broken.value)


def test_an_external_link_is_never_followed() -> None:
    data = book_of([["Name"], ["Acme"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/externalLinks/externalLink1.xml"] = (
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
        b"</externalLink>"
    )
    members["xl/externalLinks/_rels/externalLink1.xml.rels"] = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'externalLinkPath" Target="file:///etc/passwd" TargetMode="External"/></Relationships>'
    )
    assert read_rows(zipped(members), "linked.xlsx") == [(1, ["Name"]), (2, ["Acme"])]


def shown(text: str) -> str:
    """A text as a workbook keeps it: what XML cannot hold replaced, line breaks as LF."""
    return xlsx._NOT_IN_XML.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n")


texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(texts, st.decimals(min_value=-(10**9), max_value=10**9, places=2)), max_size=5))
def test_text_and_amounts_come_back_as_written(rows: list[tuple[str, Decimal]]) -> None:
    records = [{"name": text, "value": amount} for text, amount in rows]
    data = workbook_bytes(records, [Column("name"), Column("value", MONEY)], "clients")
    expected = [
        (
            number,
            [
                xlsx._NOT_IN_XML.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n"),
                cell_text(float(amount)),
            ],
        )
        for number, (text, amount) in enumerate(rows, start=2)
    ]
    assert read_rows(data, "x.xlsx")[1:] == expected
