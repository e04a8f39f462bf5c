"""The home screen's counts: clients missing invoice details, counted from two partial
indexes, agree with the rule a client's card applies (core.records.missing_fields)."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.core import clients
from kiaro_cli.core.home import home_summary
from kiaro_cli.storage import queries
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY

READY = {
    "contact_person": "Thandi Mokoena",
    "email": "thandi@brandfactor.co.za",
    "address_line1": "12 Long Street",
    "city": "Cape Town",
    "postal_code": "8001",
    "country": "ZA",
}
SOME_FIELDS = st.fixed_dictionaries({}, optional={key: st.just(value) for key, value in READY.items()})
A_CLIENT = st.tuples(SOME_FIELDS, st.booleans())  # its fields, and whether it is archived


@settings(max_examples=25)
@given(st.lists(A_CLIENT, min_size=1, max_size=6))
def test_the_count_of_clients_missing_invoice_details_is_what_their_cards_say(
    tmp_path: Path, made: list[tuple[dict[str, str], bool]]
) -> None:
    where = Location(path=tmp_path / uuid.uuid4().hex / "kiaro.db")
    for number, (values, archived) in enumerate(made):
        clients.add_client(where, {"name": f"Client {number}", **values}, full_form=False, today=TODAY)
        if archived:
            clients.set_archived(where, f"Client {number}", True)
    with open_reader(where) as reader:
        counted = home_summary(reader, TODAY).missing_invoice_details
        cards = [clients.load_client(reader, client_id) for client_id in range(1, len(made) + 1)]
    assert counted == sum(1 for card in cards if card.missing_fields and not card.archived)
    assert counted == sum(1 for values, archived in made if len(values) < len(READY) and not archived)


def test_the_count_reads_two_indexes_and_no_client_row(location: Location) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:  # kiaro keeps no planner statistics
        plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {queries.COUNT_MISSING}", {
            "false_flag": False, "primary_flag": True})]  # fmt: skip
    assert [step for step in plan if step.startswith("SEARCH client") or step.startswith("SEARCH c ")] == [
        "SEARCH client USING INDEX ix_client_lacking (archived=?)",
        "SEARCH c USING INDEX ix_client_complete (archived=?)",
    ], plan
    assert not [step for step in plan if step.startswith("SCAN c") or step.startswith("SCAN client")], plan
