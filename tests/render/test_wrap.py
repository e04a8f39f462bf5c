"""Lines for people wrapped by the cells a terminal gives each character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from kiaro_cli.render.wrap import wrapped

WORD = st.text(st.sampled_from("abcdé東京🚀"), min_size=1, max_size=12)


@given(st.lists(WORD, min_size=1, max_size=20), st.integers(min_value=20, max_value=100))
def test_every_line_fits_unless_one_word_is_wider_and_no_word_is_broken(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = wrapped(text, width).splitlines()
    assert " ".join(lines) == text
    assert all(cell_len(line) <= width or " " not in line for line in lines)
