"""Reading other programs' files, piece by piece: headers, cells, encodings and separators."""

from __future__ import annotations

import codecs
import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.codecs.csv_table import decode, detect_delimiter, read_table, table_bytes
from kiaro_cli.core.client_rows import join_notes
from kiaro_cli.core.imports import cells
from kiaro_cli.core.imports.columns import find_header, map_columns, read_row
from kiaro_cli.core.imports.headers import meaning_of
from kiaro_cli.core.numbers import clean_value
from kiaro_cli.errors import InvalidValue


@pytest.mark.parametrize(
    ("header", "field", "group"),
    [
        ("Company", "name", ""),
        ("Organization - Name", "name", ""),
        ("Account Name", "name", ""),
        ("Firma", "name", ""),
        ("Société", "name", ""),
        ("Bedrijfsnaam", "name", ""),
        ("Person - Name", "contact_person", ""),
        ("Ansprechpartner", "contact_person", ""),
        ("Given Name", "first_name", ""),
        ("Prénom", "first_name", ""),
        ("Achternaam", "last_name", ""),
        ("Organization Title", "job_title", ""),
        ("E-mail 2 Address", "email", ""),
        ("Person - Email - Work", "email", ""),
        ("Correo electrónico", "email", ""),
        ("Company Main Phone", "phone", ""),
        ("Telefon", "phone", ""),
        ("MOBILEPHONE", "phone", ""),
        ("Business Street 2", "address_line2", "business"),
        ("Billing Code", "postal_code", "billing"),
        ("BILLINGPOSTALCODE", "postal_code", "billing"),
        ("Mailing Zip", "postal_code", "mailing"),
        ("Address 1 - Extended Address", "address_line2", "address1"),
        ("Organization - Address - ZIP/Postal code", "postal_code", "business"),
        ("Organization - Address", "formatted", "business"),
        ("Apt/Suite", "address_line2", ""),
        ("Straße", "address_line1", ""),
        ("Country/Region", "country", ""),
        ("USt-IdNr.", "vat_number", ""),
        ("Chiffre d'affaires", "value", ""),
        ("Lifecycle Stage", "status_label", ""),
        ("Group Membership", "tags", ""),
        ("Annual Revenue", "annual_revenue", ""),
        ("Number of Employees", "company_size", ""),
        ("Company owner", "owner", ""),
        ("Tax ID", "tax_id", ""),
        ("Chamber of Commerce", "registration_number", ""),
        ("BIC/SWIFT", "bic", ""),
        ("Payment Terms", "payment_terms_days", ""),
        ("Time Zone", "timezone", ""),
    ],
)
def test_a_header_means_a_field(header: str, field: str, group: str) -> None:
    meaning = meaning_of(header)
    assert meaning is not None and (meaning.field, meaning.group) == (field, group)


@pytest.mark.parametrize(
    "header",
    ["Business Fax", "Assistant's Phone", "E-mail Display Name", "Phonetic First Name", "Pager"],
)
def test_headers_kiaro_leaves_out(header: str) -> None:
    assert meaning_of(header) is None


def test_business_phones_rank_before_mobile_and_home() -> None:
    ranks = {h: meaning_of(h).rank for h in ("Primary Phone", "Business Phone", "Mobile Phone", "Home Phone")}  # type: ignore[union-attr]
    assert sorted(ranks, key=ranks.__getitem__) == [
        "Primary Phone",
        "Business Phone",
        "Mobile Phone",
        "Home Phone",
    ]


def test_name_is_the_client_or_the_person_by_the_columns_beside_it() -> None:
    assert map_columns(["Name", "Email"], {}).by_field["name"][0].header == "Name"
    assert map_columns(["Company", "Name"], {}).by_field["contact_person"][0].header == "Name"
    beside_last = map_columns(["Nombre", "Apellidos", "Empresa"], {})
    assert beside_last.by_field["first_name"][0].header == "Nombre"


def test_a_title_beside_a_job_title_is_not_a_job() -> None:
    columns = map_columns(["First Name", "Title", "Job Title", "Company"], {})
    raw = read_row(["Ann", "Dr.", "Editor", "Acme"], columns)
    assert (raw.person, raw.job_title) == ("Ann", "Editor")


def test_the_header_after_linkedins_notes_is_found() -> None:
    rows = [
        (1, ["Notes:"]),
        (2, ["When exporting your connection data, some addresses are missing."]),
        (4, ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]),
        (5, ["Ann", "Lee", "https://www.linkedin.com/in/ann", "", "Acme", "CEO", "01 Jan 2024"]),
    ]
    assert find_header(rows, {}) == 2
    assert find_header([(1, ["name", "city"]), (2, ["Acme", "Leeds"])], {}) == 0


@pytest.mark.parametrize(
    ("text", "decimal_comma", "value", "currency"),
    [
        ("12.500,00 €", True, "12500.00", "EUR"),
        ("€ 3 200,50", True, "3200.50", "EUR"),
        ("1.250", True, "1250", None),
        ("1,25", True, "1.25", None),
        ("$1,250.00", False, "1250.00", None),
        ("1,250.00 USD", False, "1250.00", "USD"),
        ("£900", False, "900", "GBP"),
        ("4800", False, "4800", None),
    ],
)
def test_amounts_as_spreadsheets_write_them(
    text: str, decimal_comma: bool, value: str, currency: str | None
) -> None:
    number, sign = cells.amount(text, decimal_comma=decimal_comma)
    assert (clean_value(number), sign) == (Decimal(value), currency)


@given(st.decimals(0, 10**9, places=2), st.sampled_from(["", "€", "EUR ", " EUR", "$"]), st.booleans())
def test_any_amount_written_with_its_locales_marks_reads_back(
    amount: Decimal, sign: str, comma: bool
) -> None:
    whole, cents = f"{amount:,.2f}".split(".")  # 12,500.00 as English writes it
    text = f"{whole.replace(',', '.')},{cents}" if comma else f"{whole}.{cents}"  # 12.500,00 in German
    written = f"{text}{sign}" if sign.startswith(" ") else f"{sign}{text}"
    number, _ = cells.amount(written, decimal_comma=comma)
    assert clean_value(number) == amount


@pytest.mark.parametrize(
    ("parts", "country", "lines"),
    [
        (
            {"address_line1": "2450 Mountain View Rd\nBuilding C"},
            "US",
            ("2450 Mountain View Rd", "Building C"),
        ),
        ({"address_line1": "Lindenstraße", "house_number": "22"}, "DE", ("Lindenstraße 22", None)),
        ({"address_line1": "King Street", "house_number": "5"}, "GB", ("5 King Street", None)),
        (
            {"address_line1": "1 Main St", "address_line2": "Suite 4", "po_box": "77"},
            "US",
            ("1 Main St", "Suite 4, PO Box 77"),
        ),
        ({"formatted": "Hauptstraße 5\n10115 Berlin"}, "DE", ("Hauptstraße 5", "10115 Berlin")),
        ({"formatted": "ignored when the parts are there", "city": "Berlin"}, "DE", (None, None)),
    ],
)
def test_street_lines(parts: dict[str, str], country: str, lines: tuple[str | None, str | None]) -> None:
    assert cells.street_lines(parts, country) == lines


def test_tags_from_labels() -> None:
    assert cells.tag_words(["* myContacts ::: Clients ::: * starred", "design, web; print"]) == [
        "Clients",
        "design",
        "web",
        "print",
    ]


def test_a_phone_kiaro_cannot_check_is_kept_with_a_warning() -> None:
    assert cells.import_phone("030/1234567", "DE") == ("+49 30 1234567", None)
    kept, warning = cells.import_phone("1-800-FLOWERS", "US")
    assert kept == "1-800-FLOWERS" and warning and "kept as written" in warning


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


@given(st.text(min_size=1), st.text(min_size=1))
def test_notes_are_joined_once_never_replaced(kept: str, more: str) -> None:
    joined = join_notes(kept, more)
    assert joined is not None and joined.startswith(kept) and more in joined
    assert join_notes(joined, more) == joined  # joining again changes nothing
    assert join_notes(None, more) == more and join_notes(kept, None) == kept


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
