"""Planning an import on its own: new clients handed on in batches, a preview kept."""

from __future__ import annotations

from kiaro_cli.core.imports.columns import map_columns
from kiaro_cli.core.imports.duplicates import Existing
from kiaro_cli.core.imports.plan import Reading, Row, plan_import
from tests.helpers import TODAY


def test_the_planner_hands_new_clients_on_in_batches_and_keeps_a_preview() -> None:
    handed: list[list[Row]] = []
    records = [(n + 2, [f"Client {n}"]) for n in range(5)]
    plan = plan_import(
        records,
        map_columns(["Company"], {}),
        Existing(),
        on_duplicate="error",
        reading=Reading(TODAY),
        hand_on=handed.append,
        batch=2,
    )
    assert [len(batch) for batch in handed] == [2, 2, 1]
    assert (plan.added, plan.adds) == (5, [])
    assert [row.line for row in plan.shown] == [2, 3, 4, 5, 6]
