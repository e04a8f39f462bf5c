"""Contact commands from the command line."""

from __future__ import annotations

import json

from tests.helpers import Run


def test_contact_lifecycle(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    assert kiaro("contact", "add", "acme", "--name", "Ann").stdout == "Added contact Ann (#1, primary)\n"
    assert (
        kiaro("contact", "add", "acme", "--name", "Bob", "--role", "Finance").stdout
        == "Added contact Bob (#2)\n"
    )
    listed = json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)
    assert [(c["name"], c["primary"], c["role"]) for c in listed] == [
        ("Ann", True, "other"),
        ("Bob", False, "finance"),
    ]
    assert kiaro("contact", "edit", "2", "--primary", "-q").stdout == "2\n"
    refused = kiaro("contact", "remove", "2")
    assert refused.exit_code == 1 and refused.stderr.endswith("re-run with --yes\n")
    removed = kiaro("contact", "remove", "2", "--yes")
    assert removed.stdout == "Removed contact Bob (#2)\nAnn (#1) is now the primary contact\n"
    only = kiaro("contact", "remove", "1", "--yes")
    assert only.exit_code == 1 and "only contact of Acme" in only.stderr


def test_contact_id_must_exist(kiaro: Run) -> None:
    result = kiaro("contact", "edit", "42", "--name", "X")
    assert result.exit_code == 1 and result.stderr == "Error: no contact with id 42\n"


def test_removing_the_only_contact_is_refused_before_any_confirmation(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann")
    refused = kiaro("contact", "remove", "1")  # no --yes: the refusal comes first, not a request to confirm
    assert refused.exit_code == 1
    assert refused.stderr == "Error: Ann is the only contact of Acme and cannot be removed\n"


def test_a_second_contact_of_the_same_name_is_added_with_a_note(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann Lee")
    first = kiaro("contact", "add", "acme", "--name", "Pieter  Botha", "-q")
    assert first.stderr == ""
    second = kiaro("contact", "add", "acme", "--name", "pieter botha", "-q")
    assert second.exit_code == 0 and second.stdout == "3\n"
    assert second.stderr == "Note: Acme already has a contact named Pieter Botha (#2)\n"
