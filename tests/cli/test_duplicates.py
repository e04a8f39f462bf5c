"""Duplicates and merge through the CLI: what the summary says."""

from __future__ import annotations

import json

from tests.helpers import Run


def test_a_merged_contacts_other_phone_becomes_one_of_the_kept_contacts(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("client", "quick-add", "Acme BV", "--allow-duplicate")
    kiaro("contact", "add", "1", "--name", "Ann Lee", "--phone", "+31 20 123 4567")
    kiaro("contact", "add", "2", "--name", "Ann Lee", "--phone", "+27 21 555 0199")
    merged = kiaro("client", "merge", "1", "2", "--yes")
    assert merged.exit_code == 0
    assert (
        merged.stdout
        == "Merged Acme BV (#2) into Acme (#1): 0 contacts moved (1 already there, merged), 0 interactions\n"
    )
    (ann,) = json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)
    assert [phone["number"] for phone in ann["phones"]] == ["+31 20 123 4567", "+27 21 555 0199"]
