"""Cells as spreadsheets get them: formulas escaped, the fast row the cell rules applied."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

OWASP_LEADS = ["=", "+", "-", "@", "\t", "\r"]  # OWASP's CSV injection list of leading characters


@pytest.mark.parametrize("lead", OWASP_LEADS)
def test_every_owasp_leading_character_is_escaped(lead: str) -> None:
    from kiaro_cli.codecs.tabular import escape_formula

    assert escape_formula(f"{lead}1+1") == f"'{lead}1+1"
    assert escape_formula(f"a{lead}1") == f"a{lead}1"


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d"]),
        st.one_of(
            st.none(),
            st.text(max_size=6),
            st.booleans(),
            st.lists(st.text(alphabet="xy=+", max_size=3), max_size=3),
            st.decimals(allow_nan=False, allow_infinity=False, places=2),
            st.integers(),
        ),
    ),
    st.booleans(),
)
def test_the_fast_csv_row_is_the_cell_rules_applied(item: dict[str, object], escape: bool) -> None:
    from kiaro_cli.codecs.tabular import csv_cell, csv_row, escape_formula

    columns = ["a", "b", "c", "d"]
    clean = escape_formula if escape else str
    assert csv_row(item, columns, escape) == [clean(csv_cell(item.get(c))) for c in columns]
