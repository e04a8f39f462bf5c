"""Tables as bytes: encodings, separators and line ends read as programs write them, and written back."""

from __future__ import annotations

import codecs
import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.codecs.csv_table import decode, detect_delimiter, read_table, table_bytes
from kiaro_cli.errors import InvalidValue


def test_encodings_by_their_mark_else_utf8_else_windows_1252() -> None:
    assert decode(codecs.BOM_UTF16_LE + "Café".encode("utf-16-le"), "f").text == "Café"
    assert decode("\ufeffCafé".encode(), "f").text == "Café"
    fallen = decode("Café".encode("cp1252"), "f")
    assert (fallen.text, fallen.encoding, fallen.fallback) == ("Café", "windows-1252", True)
    assert decode("Caf\u00e9".encode("mac-roman"), "f", "mac-roman").text == "Café"
    with pytest.raises(InvalidValue, match="cannot be read as utf-8"):
        decode("Café".encode("cp1252"), "f", "utf-8")


def test_the_delimiter_is_the_one_that_splits_rows_alike() -> None:
    assert detect_delimiter("Firma;Umsatz\nA GmbH;12.500,00\nB AG;3 200,50\n") == ";"
    assert detect_delimiter('Notes:\n"A sentence, with commas, and more"\n\nName,City\nA,B\nC,D\n') == ","
    assert detect_delimiter("Company\tValue\nAcme\t1,5\n") == "\t"
    # Read by commas, the quoted line breaks make more (two-cell) records than the file has rows.
    missing = '"email;city;country"'
    notes = f'tolerance;note;missing;motto\n;",\n,";{missing};\n;,;{missing};\n;",\n;";{missing};,\n'
    assert detect_delimiter(notes) == ";"


def test_line_ends_inside_cells_become_one_newline() -> None:
    table = read_table(b'name,notes\r\nAcme,"one\r\ntwo\rthree"\r\n')
    assert table.rows[1] == (2, ["Acme", "one\ntwo\nthree"])


@given(
    st.lists(
        st.lists(
            st.text(st.characters(codec="cp1252", exclude_characters="\r"), max_size=8),
            min_size=2,
            max_size=2,
        ),
        max_size=4,
    ),
    st.sampled_from(
        [(",", "utf-8", False), (";", "cp1252", False), ("\t", "utf-16", True), (";", "utf-8", True)]
    ),
)
def test_a_table_written_back_reads_the_same(  # the rows --rejects writes
    rows: list[list[str]], written: tuple[str, str, bool]
) -> None:
    delimiter, encoding, bom = written
    data = table_bytes(["name", "email"], rows, delimiter=delimiter, encoding=encoding, bom=bom)
    decoded = decode(data, "x", None if encoding != "cp1252" else encoding)
    assert decoded.bom == bom
    read = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=delimiter)
    assert list(read) == [["name", "email"], *rows]
