"""Planning an import on its own: new clients come out of the pipeline in batches, a preview kept."""

from __future__ import annotations

from kiaro_cli.core.imports.clean import Reading
from kiaro_cli.core.imports.columns import map_columns
from kiaro_cli.core.imports.duplicates import Existing
from kiaro_cli.core.imports.pipeline import new_clients, scan
from kiaro_cli.core.imports.plan import Plan, Planner
from tests.helpers import TODAY


def test_the_pipeline_gives_new_clients_in_batches_and_keeps_a_preview() -> None:
    records = [(n + 2, [f"Client {n}"]) for n in range(5)]
    columns = map_columns(["Company"], {})
    plan = Plan()
    planner = Planner(plan, Existing(), scan(records, columns).last, "error")
    batches = list(new_clients(records, columns, planner, reading=Reading(TODAY), batch=2))
    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert plan.added == 5
    assert [row.line for row in plan.shown] == [2, 3, 4, 5, 6]
