"""A client's rows as an import or a merge builds them: notes joined, never replaced."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core.client_rows import join_notes


@given(st.text(min_size=1), st.text(min_size=1))
def test_notes_are_joined_once_never_replaced(kept: str, more: str) -> None:
    joined = join_notes(kept, more)
    assert joined is not None and joined.startswith(kept) and more in joined
    assert join_notes(joined, more) == joined  # joining again changes nothing
    assert join_notes(None, more) == more and join_notes(kept, None) == kept
