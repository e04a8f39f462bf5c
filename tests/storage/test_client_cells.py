"""The database's CSV cells of clients (the fast export path) are byte for byte what the
general path writes through ``csv_row``, whatever the values, settings and options."""

from __future__ import annotations

import io
import sqlite3
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiaro_cli.codecs.tabular import Spreadsheet, write_joined, write_many
from kiaro_cli.core import clients, exports
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY

# Text a spreadsheet could take for a formula, quotes before it, separators (the CSV's, and
# those the database joins cells with), line breaks. Not NUL: it ends a cell (test below).
tricky = st.one_of(
    st.none(),
    st.just(""),
    st.text(alphabet="=+-@\t\r'\";, \nAbc1é\x1f\x1e", max_size=6),
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8),
)
cents = st.one_of(st.none(), st.integers(min_value=-(10**9), max_value=10**9))
# What a teammate's row or a restored file may hold where kiaro writes a word or a day.
formula = st.sampled_from(["=HYPERLINK(1)", "@SUM(1)", "+1", "-2", "'=x", "\t1"])
number = st.decimals(min_value=-(10**6), max_value=10**6, places=7, allow_nan=False).map(
    lambda value: format(value.normalize(), "f")
)
TEXT_COLUMNS = (
    "legal_name",
    "email",
    "phone",
    "city",
    "country",
    "currency",
    "notes",
    "source",
    "iban",
    "owner",
)
client = st.fixed_dictionaries(
    {
        "name": st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=8),
        **dict.fromkeys(TEXT_COLUMNS, tricky),
        "vat_rate_bp": cents,
        "value_cents": cents,
        "minimum_rate_cents": cents,
        "invoice_tolerance_cents": cents,
        "payment_terms_days": st.one_of(st.none(), st.integers(min_value=-5, max_value=120)),
        "status": st.sampled_from(["lead", "active"]) | formula,
        "start_date": st.none() | st.just("2026-01-05") | formula,
        "internal": st.booleans(),
        "archived": st.booleans(),
        "contact": tricky,
        "tags": st.lists(st.text(alphabet="=-'ab;", min_size=1, max_size=4), max_size=3, unique=True),
        "custom": st.tuples(
            st.one_of(st.none(), tricky), st.one_of(st.none(), number), st.none() | st.booleans()
        ),
    }
)
workspace = st.fixed_dictionaries(
    {
        "default-currency": st.sampled_from([None, "EUR"]),
        "default-vat-rate": st.sampled_from([None, "21", "7.5"]),
        "default-payment-terms": st.sampled_from([None, "30"]),
    }
)


def _fill(path: Path, rows: list[dict[str, Any]], defaults: dict[str, str | None]) -> None:
    with sqlite3.connect(path) as connection:
        for table in ("custom_value", "tag", "contact", "client", "setting"):
            connection.execute(f"DELETE FROM {table}")
        connection.executemany(
            "INSERT INTO setting (key, value) VALUES (?, ?)",
            [(key, value) for key, value in defaults.items() if value is not None],
        )
        for i, row in enumerate(rows, 1):
            columns = ["name", *TEXT_COLUMNS, "vat_rate_bp", "value_cents", "minimum_rate_cents",
                       "invoice_tolerance_cents", "payment_terms_days", "internal", "archived", "status",
                       "start_date"]  # fmt: skip
            values = [row[column] for column in columns]
            connection.execute(
                "INSERT INTO client (id, name_key, search_text, created_at, updated_at, "
                f"{', '.join(columns)}) VALUES (?, ?, '', ?, ?, {', '.join('?' for _ in columns)})",
                [
                    i,
                    uuid.uuid4().hex,
                    f"2026-01-0{1 + i % 3}T00:00:00+00:00",
                    "2026-01-01T00:00:00+00:00",
                    *values,
                ],
            )
            if row["contact"] is not None:
                connection.execute(
                    "INSERT INTO contact (client_id, name, role, is_primary, created_at) "
                    "VALUES (?, ?, 'other', 1, '')",
                    (i, row["contact"]),
                )
            for tag in row["tags"]:
                connection.execute("INSERT INTO tag (client_id, name, key) VALUES (?, ?, ?)", (i, tag, tag))
            for field_id, value in enumerate(row["custom"], 1):
                if value is not None:
                    shown = (
                        {True: "true", False: "false"}.get(value, value) if isinstance(value, bool) else value
                    )
                    connection.execute(
                        "INSERT INTO custom_value (client_id, field_id, value, value_key) "
                        "VALUES (?, ?, ?, '')",
                        (i, field_id, shown),
                    )


def _both(
    location: Location, archived: bool, escape: bool, sheet: Spreadsheet, fields: list[str] | None
) -> tuple[str, str]:
    """The CSV the general path writes, and the one the database's cells make."""
    with open_reader(location) as reader:
        columns = fields or list(exports.columns_of(reader, "clients"))
        general, fast = io.StringIO(), io.StringIO()
        rows = exports.client_rows(reader, include_archived=archived)
        write_many("csv", rows, columns, general, escape=escape, sheet=sheet)
        cells = exports.client_cells(
            reader, columns, include_archived=archived, escape=escape, decimal_comma=sheet.decimal_comma
        )
        assert cells is not None
        count = write_joined(cells, columns, fast, sheet)
        assert count == sum(1 for _ in exports.client_rows(reader, include_archived=archived))
        return general.getvalue(), fast.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(client, max_size=6),
    defaults=workspace,
    archived=st.booleans(),
    escape=st.booleans(),
    sheet=st.sampled_from([Spreadsheet(), Spreadsheet(bom=True, delimiter=";", decimal_comma=True)]),
    subset=st.booleans(),
)
def test_the_fast_csv_path_writes_what_the_general_one_writes(
    custom_database: Location, rows: list[dict[str, Any]], defaults: dict[str, str | None], archived: bool,
    escape: bool, sheet: Spreadsheet, subset: bool,
) -> None:  # fmt: skip
    assert custom_database.path is not None
    _fill(custom_database.path, rows, defaults)
    fields = (
        ["custom.sector", "value", "tags", "name", "effective_vat_rate", "missing_fields"] if subset else None
    )
    general, fast = _both(custom_database, archived, escape, sheet, fields)
    assert fast == general


def test_a_nul_ends_its_cell_and_the_row_keeps_its_shape(tmp_path: Path) -> None:
    """SQLite's printf stops a text at a NUL, which only a file made outside kiaro can hold
    (typed input and imports refuse control characters, PostgreSQL refuses NUL): the cell is
    cut there, and the cells after it stay in their columns."""
    location = Location(path=tmp_path / "kiaro.db")
    clients.add_client(location, {"name": "Acme", "city": "Lyon"}, full_form=False, today=TODAY)
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        connection.execute("UPDATE client SET notes = 'before' || char(0) || 'after'")
    with open_reader(location) as reader:
        cells = exports.client_cells(reader, ["name", "notes", "city"])
        assert cells is not None
        out = io.StringIO()
        write_joined(cells, ["name", "notes", "city"], out)
    assert out.getvalue() == "name,notes,city\nAcme,before,Lyon\n"


def _with_custom_fields(folder: Path, count: int) -> Location:
    """A client with ``count`` custom fields, the last one set to a text with a comma."""
    from kiaro_cli.core.custom_fields import add_field

    location = Location(path=folder / "kiaro.db")
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    last = [add_field(location, f"f{n}", "text") for n in range(count)][-1]
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        connection.execute(
            "INSERT INTO custom_value (client_id, field_id, value, value_key) VALUES (1, ?, ?, '')",
            (last.id, "last, but not least"),
        )
    return location


def test_a_row_wider_than_one_printf_is_joined_from_several(tmp_path: Path) -> None:
    """SQLite's printf takes at most 127 arguments: 113 columns still export whole."""
    location = _with_custom_fields(tmp_path, 60)
    general, fast = _both(location, False, True, Spreadsheet(), None)
    assert fast == general
    assert general.splitlines()[1].endswith(',"last, but not least"')


def test_more_custom_fields_than_one_query_joins_take_the_general_path(tmp_path: Path) -> None:
    """SQLite joins at most 64 tables, and the fast path joins one a custom column."""
    from kiaro_cli.core.export_cases import Table, export_table
    from kiaro_cli.core.workspace import Workspace

    location = _with_custom_fields(tmp_path, 70)
    with open_reader(location) as reader:
        assert exports.client_cells(reader, exports.columns_of(reader, "clients")) is None
    out = io.StringIO()
    assert (
        export_table(Workspace(location, pinned_today=TODAY), Table("clients", "csv"), Spreadsheet(), out)
        == 1
    )
    header, row = out.getvalue().splitlines()
    assert header.endswith(",custom.f69") and row.endswith(',"last, but not least"')


def test_numbers_in_a_csv_cell_are_never_written_with_an_exponent() -> None:
    from kiaro_cli.codecs.tabular import csv_cell

    assert csv_cell(Decimal("0.0000001")) == "0.0000001"
    assert csv_cell(Decimal("1E+3")) == "1000"
    assert csv_cell(Decimal("2.5"), decimal_comma=True) == "2,5"


@pytest.fixture(scope="module")
def custom_database(tmp_path_factory: pytest.TempPathFactory) -> Location:
    """A database with three custom fields: sector (text), staff (number), retainer (yes/no)."""
    from kiaro_cli.core.custom_fields import add_field

    location = Location(path=tmp_path_factory.mktemp("cells") / "kiaro.db")
    clients.add_client(location, {"name": "Seed"}, full_form=False, today=TODAY)
    add_field(location, "sector", "text")
    add_field(location, "staff", "number")
    add_field(location, "retainer", "bool")
    return location
