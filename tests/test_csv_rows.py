"""Every CSV kiaro writes ends its rows with a line feed and quotes a cell that holds a
carriage return, which Python's writer alone leaves bare."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.csv_rows import csv_writer


def test_a_carriage_return_is_quoted_and_rows_end_with_a_line_feed() -> None:
    out = io.StringIO()
    csv_writer(out).writerows([["a\rb", "c\nd", "e"], ["f", "g", "h"]])
    assert out.getvalue() == '"a\rb","c\nd",e\nf,g,h\n'


@given(st.lists(st.lists(st.text(), min_size=1, max_size=4), min_size=1, max_size=5))
def test_rows_read_back_as_written(rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv_writer(out, ";").writerows(rows)
    read = list(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=";"))
    assert read == rows
