"""The import pipeline's stages, on plain data (no database): a first pass over the keys,
then every row cleaned and decided, and each new client given back once, settled."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator, Sequence
from types import ModuleType

from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.core.imports import clean, pipeline, plan
from kiaro_cli.core.imports.clean import Reading, Row
from kiaro_cli.core.imports.columns import map_columns
from kiaro_cli.core.imports.duplicates import Existing, FileKeys, existing_clients, keys_of
from kiaro_cli.core.imports.pipeline import Records, cleaned, new_clients, scan
from kiaro_cli.core.imports.plan import Plan, Planner
from kiaro_cli.search import fold
from tests.helpers import TODAY

HEADER = ["Company", "Name", "Email", "Notes"]


def _records(rows: Sequence[list[str]]) -> list[tuple[int, list[str]]]:
    return [(number + 2, row) for number, row in enumerate(rows)]


def _pulled(records: Records, read: list[int]) -> Iterator[tuple[int, list[str]]]:
    """The records, noting each line as the pipeline pulls it."""
    for line, cells_ in records:
        read.append(line)
        yield line, cells_


def _settle(
    rows: Sequence[list[str]], *, on_duplicate: str = "error", batch: int = 1
) -> tuple[Plan, list[tuple[int, list[str]]]]:
    """Run the pipeline over ``rows``: the plan, and each batch of new clients with the
    last line read when it came out."""
    records = _records(rows)
    columns = map_columns(HEADER, {})
    found = Plan()
    planner = Planner(found, Existing(), scan(records, columns).last, on_duplicate)
    read: list[int] = []
    batches = new_clients(_pulled(records, read), columns, planner, reading=Reading(TODAY), batch=batch)
    return found, [(read[-1], [str(row.values["name"]) for row in got]) for got in batches]


def test_rows_repeating_one_client_give_it_once_with_every_person() -> None:
    rows = [
        ["Acme", "Ann Lee", "", ""],
        ["Blue", "", "", ""],
        ["ACME", "Bob Stone", "bob@acme.example", ""],
        ["Acme", "Ann Lee", "", ""],
    ]
    records = _records(rows)
    columns = map_columns(HEADER, {})
    found = Plan()
    planner = Planner(found, Existing(), scan(records, columns).last, "skip")
    settled = [row for got in new_clients(records, columns, planner, reading=Reading(TODAY)) for row in got]
    assert [row.values["name"] for row in settled] == ["Acme", "Blue"]
    assert [person.name for person in settled[0].people] == ["Ann Lee", "Bob Stone"]
    assert (found.added, found.skips) == (2, [(5, "same name as line 2")])


def test_a_client_comes_out_once_its_last_row_is_read_and_in_the_files_order() -> None:
    rows = [
        ["Acme", "", "", ""],
        ["Blue", "", "", ""],
        ["Cobalt", "", "", ""],
        ["Acme", "", "", "call Tuesdays"],
        ["Dune", "", "", ""],
    ]
    found, batches = _settle(rows, on_duplicate="update")
    # Acme waits for line 5, which updates it (no client is written twice, nothing is
    # planned again); Blue and Cobalt wait behind it, so that ids follow the file.
    assert batches == [(5, ["Acme"]), (5, ["Blue"]), (5, ["Cobalt"]), (6, ["Dune"])]
    assert found.shown[0].values["notes"] == "call Tuesdays"
    assert (found.added, found.updates, found.errors) == (4, [], [])


def test_a_large_file_streams_its_new_clients_out_while_it_is_read() -> None:
    rows = [[f"Client {number}", "", "", ""] for number in range(10)]
    _, batches = _settle(rows, batch=2)
    assert batches == [(line, [f"Client {line - 3}", f"Client {line - 2}"]) for line in (3, 5, 7, 9, 11)]


def test_the_planner_decides_on_plain_data() -> None:
    """The decide stage takes what the first pass read and cleaned rows: no session."""
    existing = Existing()
    existing.remember(7, ("ac", None, "acme"), "Acme")
    found = Plan()
    planner = Planner(found, existing, {"acme": 2, "blue": 3}, "update")
    acme = Row(2, {"name": "Acme", "code": "AC", "city": "Bern"}, [], False, {})
    blue = Row(3, {"name": "Blue"}, ["new"], False, {})
    planner.take("acme", acme, ["Acme", "AC", "Bern"])
    assert list(planner.settled(2)) == []
    planner.take("blue", blue, ["Blue", "", ""])
    assert list(planner.settled(3)) == [blue]
    assert (found.updates, found.added, [row.line for row in found.shown]) == ([(7, acme)], 1, [3])


def _runtime_imports(module: ModuleType) -> set[str]:
    """The modules ``module`` imports, anywhere but under ``if TYPE_CHECKING``."""
    tree = ast.parse(inspect.getsource(module))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for node in ast.walk(block)
    }
    return {
        name
        for node in ast.walk(tree)
        if id(node) not in typing_only
        for name in (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else []
        )
    }


def test_cleaning_deciding_and_chaining_never_reach_the_database() -> None:
    for module in (clean, plan, pipeline):
        assert not {name for name in _runtime_imports(module) if "storage" in name}, module.__name__


class _Rows:
    """A reader giving the clients already there (the one query the lookup makes)."""

    def __init__(self, rows: list[dict[str, object]]) -> None:
        self.queries: list[str] = []
        self._rows = rows

    def rows(self, sql: str, params: object = None) -> Iterator[dict[str, object]]:
        self.queries.append(sql)
        return iter(self._rows)


def test_only_the_clients_a_file_names_are_looked_up_and_kept() -> None:
    reader = _Rows(
        [
            {"id": 1, "name": "Acme", "code": None, "email": None},
            {"id": 2, "name": "Other", "code": "OT", "email": "o@other.example"},
            {"id": 3, "name": "Zed", "code": "ZZ", "email": None},
            {"id": 4, "name": "Yew", "code": None, "email": "Hi@Yew.example"},
        ]
    )
    wanted = FileKeys(last={"acme": 2}, codes={"zz"}, emails={"hi@yew.example"})
    existing = existing_clients(reader, wanted)  # type: ignore[arg-type]
    assert len(reader.queries) == 1
    assert existing.names == {1: "Acme", 3: "Zed", 4: "Yew"}
    assert existing.match((None, None, "other")) is None


cell = st.sampled_from(["", " ", "Acme", "ACME ", "Ąćmé  Ltd", "Ann", " Lee", "x ::: Acme", "a@b.example"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cell, min_size=6, max_size=6), min_size=1, max_size=8))
def test_the_first_pass_reads_the_keys_cleaning_gives(rows: list[list[str]]) -> None:
    columns = map_columns(["Company", "First Name", "Last Name", "Email", "Client code", "Notes"], {})
    records = _records(rows)
    found = scan(records, columns)
    notes = clean.Notes()
    for item in cleaned(records, columns, Reading(TODAY), notes):
        if item.row is None:
            continue
        code, email, name = keys_of(item.row.values)
        assert name == item.key == fold(str(item.row.values["name"]))
        assert found.last[item.key] >= item.line
        assert code is None or code in found.codes
        assert email is None or email in found.emails
