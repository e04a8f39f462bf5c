"""``kiaro client date …``: add, list and remove a client's dates through the CLI; bad input
is one line and changes nothing; undo takes a change back."""

from __future__ import annotations

import json

import pytest

from tests.helpers import Run


def test_a_date_is_added_listed_and_removed(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    added = kiaro("client", "date", "add", "acme", "Contract renewal", "2027-03-01")
    assert added.exit_code == 0, added.stderr
    assert added.stdout == "Added date to Acme: Contract renewal on Mon 1 Mar 2027 (#1)\n"
    as_json = json.loads(
        kiaro("client", "date", "add", "acme", "Founded", "2011-04-01", "--yearly", "--format", "json").stdout
    )
    assert as_json == {"id": 2, "client_id": 1, "label": "Founded", "date": "2011-04-01", "yearly": True}
    listed = kiaro("client", "date", "list", "acme", "--format", "json")
    assert [d["label"] for d in json.loads(listed.stdout)] == ["Founded", "Contract renewal"]
    table = kiaro("client", "date", "list", "acme").stdout
    assert "every year" in table and "1 Mar 2027" in table and "Founded" in table
    assert kiaro("client", "date", "list", "acme", "-f", "csv").stdout.splitlines()[0] == (
        "id,client_id,label,date,yearly"
    )
    card = kiaro("client", "show", "acme").stdout
    assert "Dates" in card and "Founded, every year" in card and "1 Mar 2027  Contract renewal" in card
    shown = json.loads(kiaro("client", "show", "acme", "-f", "json").stdout)
    assert [d["id"] for d in shown["dates"]] == [2, 1]
    removed = kiaro("client", "date", "remove", "acme", "1")  # undo brings it back: no question
    assert removed.stdout == "Removed date of Acme: Contract renewal on Mon 1 Mar 2027 (#1)\n"
    undone = kiaro("undo")
    assert "Date removed: Contract renewal" in undone.stdout
    assert len(json.loads(kiaro("client", "date", "list", "acme", "-f", "json").stdout)) == 2
    again = kiaro("client", "date", "remove", "1", "--yes")  # the id alone will do; --yes is taken
    assert again.stdout == removed.stdout
    kiaro("client", "quick-add", "Beta")
    other = kiaro("client", "date", "remove", "beta", "2")
    assert (other.exit_code, other.stderr) == (1, "Error: Beta has no date with id 2\n")
    for wrong in (("x",), ("acme", "2", "3")):
        assert kiaro("client", "date", "remove", *wrong).exit_code == 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("nobody", "Renewal", "2027-03-01"), "Error: no client matches 'nobody'\n"),
        (("acme", "Renewal", "2027-02-30"), "Error: '2027-02-30' is not a real date\n"),
        (("acme", "", "2027-03-01"), "Error: a date needs a label, e.g. 'Contract renewal'\n"),
    ],
)
def test_bad_input_is_one_line_and_adds_nothing(kiaro: Run, args: tuple[str, ...], said: str) -> None:
    kiaro("client", "quick-add", "Acme")
    refused = kiaro("client", "date", "add", *args)
    assert (refused.exit_code, refused.stderr) == (1, said)
    assert kiaro("client", "date", "list", "acme", "-q").stdout == ""
    missing = kiaro("client", "date", "remove", "acme", "9")
    assert (missing.exit_code, missing.stderr) == (1, "Error: no client date with id 9\n")
