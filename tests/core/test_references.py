"""Names typed with a slip: the bounded edit distance, and the search that never misses one."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kiaro_cli.core import clients
from kiaro_cli.core.references import closest_client, edit_distance, resolve_client, slips_allowed
from kiaro_cli.errors import Ambiguous
from kiaro_cli.search import name_key
from kiaro_cli.storage import queries
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


def levenshtein(a: str, b: str) -> int:
    if not a or not b:
        return len(a) + len(b)
    return min(
        levenshtein(a[1:], b) + 1, levenshtein(a, b[1:]) + 1, levenshtein(a[1:], b[1:]) + (a[0] != b[0])
    )


@given(a=st.text(alphabet="abc", max_size=7), b=st.text(alphabet="abc", max_size=7), limit=st.integers(0, 3))
def test_the_edit_distance_is_exact_up_to_its_limit(a: str, b: str, limit: int) -> None:
    assert edit_distance(a, b, limit) == min(levenshtein(a, b), limit + 1)


def row(client_id: int, name: str) -> dict[str, object]:
    return {"id": client_id, "name": name, "name_key": name_key(name)}


@given(
    name=st.text(alphabet="abcdefgh", min_size=4, max_size=14),
    edits=st.lists(st.tuples(st.integers(0, 20), st.sampled_from("xyz-"), st.integers(0, 2)), max_size=2),
)
def test_a_name_with_as_many_slips_as_it_may_hold_is_always_found(
    name: str, edits: list[tuple[int, str, int]]
) -> None:
    typed = name
    for place, letter, kind in edits:  # each: a letter added, changed or left out
        at = place % (len(typed) + 1)
        typed = [
            typed[:at] + letter + typed[at:],
            typed[:at] + letter + typed[at + 1 :],
            typed[:at] + typed[at + 1 :],
        ][kind]
    assume(len(edits) <= slips_allowed(typed))
    assert closest_client([row(7, "Mmmm Oooo"), row(9, f"Studio {name} Ltd")], typed) == 9


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Cafe Muler", 1),  # accents and case aside, one letter missing
        ("Nordlicht Brewng", 2),
        ("Nordlicht Bakry", 3),
        ("Brewng", 2),  # a run of the name's words
        ("Acm", None),  # under four letters: no slip is read
        ("Zzzzzzz", None),
    ],
)
def test_a_slip_reads_as_the_one_nearest_name(typed: str, found: int | None) -> None:
    names = [row(1, "Café Müller"), row(2, "Nordlicht Brewing"), row(3, "Nordlicht Bakery"), row(4, "Acme")]
    assert closest_client(names, typed) == found


def test_two_names_as_near_are_listed_never_guessed() -> None:
    with pytest.raises(Ambiguous) as unsure:
        closest_client([row(1, "Nordlicht Brewing"), row(2, "Nordlicht Bakery")], "Nordlict")
    assert unsure.value.details == ["#1  Nordlicht Brewing", "#2  Nordlicht Bakery"]


def test_a_part_of_a_name_is_found_in_the_two_name_indexes_alone(location: Location) -> None:
    """A part of a name or of a legal name finds a client, each client once and in name
    order; the client rows are read only for what was found."""
    clients.add_client(location, {"name": "Brandt"}, full_form=False, today=TODAY)
    marketing = {"name": "Brand", "legal_name": "Brand Marketing"}
    clients.add_client(location, marketing, full_form=False, today=TODAY)
    with open_reader(location) as reader:
        assert resolve_client(reader, "marketing") == 2
        with pytest.raises(Ambiguous) as ambiguous:
            resolve_client(reader, "bran")  # in both names of Brand: still one client
        assert ambiguous.value.details == ["#2  Brand", "#1  Brandt"]
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:  # kiaro keeps no planner statistics
        query = f"EXPLAIN QUERY PLAN {queries.CLIENT_IDS_BY_NAME_PART}"
        plan = [row[3] for row in connection.execute(query, {"pattern": "%bran%"})]
    scans = [step for step in plan if step.startswith("SCAN client")]
    assert scans == [
        "SCAN client USING COVERING INDEX ix_client_name_key",
        "SCAN client USING COVERING INDEX ix_client_legal_key",
    ], plan
