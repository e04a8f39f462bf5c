"""A row's cells joined into one text by SQLite: what the fast CSV exports read."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.storage.csv_lines import RECORD, UNIT, cells_query, joined_cells


def joined(cells: list[str]) -> str:
    with sqlite3.connect(":memory:") as connection:
        (text,) = connection.execute(f"SELECT {joined_cells(cells)}").fetchone()
    return str(text)


def test_a_row_is_its_cells_between_unit_separators_ended_by_a_record_separator() -> None:
    assert joined(["1", "NULL", "'a, \"b\"'", "2.5"]) == f'1{UNIT}{UNIT}a, "b"{UNIT}2.5{RECORD}'


@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=1, max_size=260))
def test_a_row_wider_than_one_printf_is_joined_from_several(values: list[int]) -> None:
    """SQLite's printf takes at most 127 arguments."""
    assert joined([str(value) for value in values]) == UNIT.join(map(str, values)) + RECORD


def test_one_row_is_read_by_its_key_in_the_order_asked() -> None:
    query = cells_query("t.id", ["t.name", "t.id * 10"], "FROM t", "", "t.name DESC", {})
    with sqlite3.connect(":memory:") as connection:
        connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        connection.executemany("INSERT INTO t (name) VALUES (?)", [("a",), ("b",)])
        assert connection.execute(query.joined).fetchall() == [
            (2, f"b{UNIT}20{RECORD}"),
            (1, f"a{UNIT}10{RECORD}"),
        ]
        assert connection.execute(query.one_row, {"row_id": 1}).fetchall() == [("a", 10)]
