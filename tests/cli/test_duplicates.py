"""Duplicates and merge through the CLI: what the summary says."""

from __future__ import annotations

from tests.helpers import Run


def test_the_merge_summary_says_what_went_to_the_notes(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("client", "quick-add", "Acme BV", "--allow-duplicate")
    kiaro("contact", "add", "1", "--name", "Ann Lee", "--phone", "+31 20 123 4567")
    kiaro("contact", "add", "2", "--name", "Ann Lee", "--phone", "+27 21 555 0199")
    merged = kiaro("client", "merge", "1", "2", "--yes")
    assert merged.exit_code == 0
    assert merged.stdout.rstrip().endswith("; kept in the notes: Ann Lee: Phone: +27 21 555 0199")
