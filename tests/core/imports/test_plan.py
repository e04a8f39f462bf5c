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


def test_an_email_several_companies_give_is_no_identity_but_a_persons_is() -> None:
    records = [(2, ["Acme", "info@office.example"]), (3, ["Beta", "info@office.example"])]
    columns = map_columns(["Company", "Email"], {})
    keys = scan(records, columns)
    plan = Plan()
    planner = Planner(plan, Existing(), keys.last, "error", shared=keys.shared)
    list(new_clients(records, columns, planner, reading=Reading(TODAY)))
    assert (plan.added, plan.errors) == (2, [])
    people = [(2, ["Ann", "Lee", "ann@mail.example"]), (3, ["Ann", "Lee-Smith", "ann@mail.example"])]
    columns = map_columns(["First Name", "Last Name", "Email"], {})
    keys = scan(people, columns)
    plan = Plan()
    planner = Planner(plan, Existing(), keys.last, "error", shared=keys.shared)
    list(new_clients(people, columns, planner, reading=Reading(TODAY)))
    assert plan.errors == ["line 3: same email as line 2 (use --on-duplicate skip)"]
