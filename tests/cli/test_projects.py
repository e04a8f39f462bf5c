"""Projects through the CLI: what each command says, JSON keys and types, the table at 80
columns with late ones marked, the card, refusals that change nothing, and undo."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from tests.helpers import SERVER, Run, dump, golden_keys
from tests.render.test_fit import columns

JSON_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": int, "client_id": int, "client_name": str, "code": (str, type(None)), "name": str, "status": str,
    "budget": (int, float, type(None)), "currency": str, "start_date": (str, type(None)),
    "deadline": (str, type(None)), "end_date": (str, type(None)), "notes": (str, type(None)),
    "invoiced": (int, float), "late": bool, "created_at": str, "updated_at": str,
}  # fmt: skip


def seeded(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert kiaro("client", "quick-add", "Beta").exit_code == 0
    assert kiaro("settings", "set", "default-currency", "EUR").exit_code == 0
    for args in (
        ["acme", "Website relaunch", "--budget", "4800", "--deadline", "2027-03-01", "--code", "WEB-2"],
        ["acme", "Brand book", "--status", "on hold", "--start", "2026-10-01", "--deadline", "2026-11-20"],
        ["beta", "Audit", "--status", "done", "--currency", "usd"],
    ):
        assert kiaro("project", "add", *args).exit_code == 0


def test_each_command_says_what_it_did(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    added = kiaro("project", "add", "acme", "Website relaunch", "--budget", "4800", "--currency", "eur",
                  "--deadline", "2027-03-01")  # fmt: skip
    said = "Added project #1 Website relaunch for Acme (#1): planned, budget 4,800.00 EUR, deadline Mon 1 Mar"
    assert added.stdout == f"{said} 2027\n"
    assert kiaro("project", "add", "acme", "Audit", "--currency", "EUR", "-q").stdout == "2\n"
    edited = kiaro("project", "edit", "1", "--deadline", "2027-04-01", "--clear", "budget")
    assert (
        edited.stdout
        == "Updated project #1 Website relaunch for Acme (#1): deadline → Thu 1 Apr 2027, budget cleared\n"
    )
    same = kiaro("project", "edit", "1", "--deadline", "2027-04-01")
    assert same.stdout == "Project #1 already had those values; nothing changed\n"
    renamed = kiaro("project", "edit", "2", "--name", "Audit 2027")
    assert renamed.stdout == "Updated project #2 for Acme (#1): project name → Audit 2027\n"  # said once
    kiaro("project", "edit", "2", "--name", "Audit")
    done = kiaro("project", "status", "1", "finished")
    assert done.stdout == "Moved project #1 Website relaunch for Acme (#1) to done (ended Mon 23 Nov 2026)\n"
    assert kiaro("project", "status", "1", "done").stdout == "Project #1 was already done\n"
    assert kiaro("project", "remove", "2", "--yes").stdout == "Removed project #2 Audit for Acme (#1)\n"


def test_json_has_the_contracts_keys_and_types(kiaro: Run) -> None:
    seeded(kiaro)
    listed = json.loads(kiaro("project", "list", "--all", "--format", "json").stdout)
    shown = json.loads(kiaro("project", "show", "1", "--format", "json").stdout)
    assert list(shown) == golden_keys("project") == list(JSON_TYPES)
    for project in [*listed, shown]:
        assert all(isinstance(project[key], kind) for key, kind in JSON_TYPES.items()), project
    assert (shown["budget"], shown["currency"], shown["code"], shown["late"]) == (4800, "EUR", "WEB-2", False)
    late = json.loads(kiaro("project", "show", "2", "-f", "json").stdout)
    assert (late["status"], late["late"], late["currency"]) == ("on-hold", True, "EUR")
    status = json.loads(kiaro("project", "status", "2", "done", "--format", "json").stdout)
    assert (status["late"], status["end_date"]) == (False, "2026-11-23")  # done is never late
    lines = kiaro("project", "list", "--all", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 2, 3]


def test_the_listing_open_all_and_status(kiaro: Run) -> None:
    seeded(kiaro)
    assert kiaro("project", "list", "-q").stdout == "2\n1\n"  # late first: the soonest deadline
    assert kiaro("project", "list", "--all", "-q").stdout == "2\n1\n3\n"
    assert kiaro("project", "list", "beta", "-q").stdout == ""
    assert (
        kiaro("project", "list", "beta").stdout == "No open projects (--all shows done and cancelled ones).\n"
    )
    assert kiaro("project", "list", "--status", "done", "-q").stdout == "3\n"
    assert kiaro("project", "list", "--status", "done", "--all", "-q").stdout == "3\n"
    assert kiaro("project", "list", "--status", "paused", "--status", "planned", "-q").stdout == "2\n1\n"
    wrong = kiaro("project", "list", "--status", "late")
    assert (
        wrong.exit_code == 2
        and "'late' is not one of planned, active, on-hold, done, cancelled" in wrong.stderr
    )
    csv = kiaro("project", "list", "--format", "csv").stdout.splitlines()
    assert csv[0] == ",".join(golden_keys("project")) and len(csv) == 3


def test_the_table_fits_80_columns_and_marks_late_ones(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    seeded(kiaro)
    kiaro("project", "add", "acme", "A project whose name is far too long to fit on a narrow terminal")
    with columns(80, monkeypatch):
        table = kiaro("project", "list").stdout
    lines = table.splitlines()
    assert all(len(line) <= 80 for line in lines)
    late = next(line for line in lines if "Brand book" in line)
    assert "late" in late and "3 days overdue" in late
    cut = next(line for line in lines if line.startswith(" 4"))
    assert "A project whose" in cut and "…" in cut and "terminal" not in cut
    assert "Mar 2027" in next(line for line in lines if "Website relaunch" in line)
    wide = kiaro("project", "list", "--all").stdout
    assert "done" in wide and "Audit" in wide


def test_show_draws_the_card(kiaro: Run) -> None:
    seeded(kiaro)
    card = kiaro("project", "show", "2").stdout
    assert "Brand book  #2" in card and "on-hold, late" in card
    assert "Fri 20 Nov 2026 (3 days overdue)" in card and "Thu 1 Oct 2026" in card
    assert "Acme (#1)" in card
    assert kiaro("project", "show", "9").stderr == "Error: no project with id 9\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["project", "add", "acme", "X", "--budget", "-5"], "Error: budget '-5' is not a number ≥ 0"),
        (["project", "add", "acme", "X", "--budget", "abc"], "Error: budget 'abc' is not a number ≥ 0"),
        (["project", "add", "acme", "X", "--currency", "XYZ"], "Error: unknown currency 'XYZ'"),
        (
            ["project", "add", "acme", "X", "--start", "2026-12-02", "--deadline", "2026-12-01"],
            "is before the start",
        ),
        (["project", "add", "nobody", "X"], "Error: no client matches 'nobody'"),
        (["project", "edit", "1", "--budget", "-1"], "Error: budget '-1'"),
        (["project", "edit", "2", "--deadline", "2026-09-01"], "is before the start Thu 1 Oct 2026"),
        (["project", "edit", "1", "--clear", "nope"], "Error: a project has no field 'nope'"),
        (["project", "edit", "1"], "Error: nothing to change"),
        (["project", "status", "9", "done"], "Error: no project with id 9"),
        (["project", "remove", "1"], "re-run with --yes"),
    ],
)
def test_each_refusal_is_one_line_and_changes_nothing(
    kiaro: Run, db_path: Path, args: list[str], message: str
) -> None:
    seeded(kiaro)
    before = dump(db_path)
    refused = kiaro(*args)
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr.startswith("Error: ") and message in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    assert dump(db_path) == before


def test_without_a_currency_it_asks_for_one(kiaro: Run, db_path: Path) -> None:
    kiaro("client", "quick-add", "Acme")
    before = dump(db_path)
    refused = kiaro("project", "add", "acme", "Web")
    assert refused.exit_code == 1 and "give --currency CODE" in refused.stderr
    assert dump(db_path) == before
    assert kiaro("client", "edit", "acme", "--currency", "GBP").exit_code == 0
    added = json.loads(kiaro("project", "add", "acme", "Web", "-f", "json").stdout)
    assert added["currency"] == "GBP"


def test_undo_takes_back_an_add_and_a_status_change(kiaro: Run) -> None:
    seeded(kiaro)
    kiaro("project", "status", "1", "active")
    assert "Project planned → active: Website relaunch" in kiaro("undo").stdout
    assert json.loads(kiaro("project", "show", "1", "-f", "json").stdout)["status"] == "planned"
    kiaro("project", "add", "acme", "Extra", "-q")
    assert "Project added: Extra (planned)" in kiaro("undo").stdout
    assert kiaro("project", "list", "--all", "-q").stdout == "2\n1\n3\n"
    kiaro("project", "remove", "1", "--yes")
    kiaro("undo")
    assert kiaro("project", "list", "-q").stdout == "2\n1\n"
    history = kiaro("client", "timeline", "acme").stdout
    assert "project added" in history and "Project added: Website relaunch" in history


def test_on_a_terminal_it_asks_for_the_missing_currency(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    # the command module imported first binds the real interactive(), not the patch, for later tests
    importlib.import_module("kiaro_cli.cli.projects")
    from kiaro_cli import prompts
    from kiaro_cli.cli import context

    asked: list[list[str]] = []

    def answer(keys: list[str], today: object) -> dict[str, str]:
        asked.append(list(keys))
        return {"currency": "chf"}

    kiaro("client", "quick-add", "Acme")
    monkeypatch.setattr(context, "interactive", lambda no_input=False: not no_input)
    monkeypatch.setattr(prompts, "ask_client_fields", answer)
    added = json.loads(kiaro("project", "add", "acme", "Web", "-f", "json").stdout)
    assert asked == [["currency"]] and added["currency"] == "CHF"
    refused = kiaro("project", "add", "acme", "Web", "--no-input")
    assert refused.exit_code == 1 and "give --currency CODE" in refused.stderr and asked == [["currency"]]


@pytest.mark.postgres
@pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)")
def test_a_server_lists_and_undoes_projects_as_a_file_does(
    postgres_url: str, db_path: Path, kiaro: Run
) -> None:
    def session(database: str) -> list[object]:
        def run(*args: str) -> str:
            done = kiaro("--db", database, *args)
            assert done.exit_code == 0, done.output
            return done.stdout

        run("client", "quick-add", "Acme")
        run(
            "project",
            "add",
            "acme",
            "Web",
            "--currency",
            "EUR",
            "--budget",
            "99.95",
            "--deadline",
            "2026-11-01",
        )
        run(
            "project",
            "add",
            "acme",
            "Shop",
            "--currency",
            "EUR",
            "--status",
            "active",
            "--deadline",
            "2027-01-01",
        )
        run("project", "add", "acme", "Old", "--currency", "EUR", "--status", "done")
        run("project", "status", "2", "on hold")
        run("undo")
        seen = [run("project", "list", "-q"), run("project", "list", "--all", "--status", "done", "-q")]
        listed = json.loads(run("project", "list", "--all", "--format", "json"))
        return [*seen, [{k: v for k, v in p.items() if not k.endswith("_at")} for p in listed]]

    on_file = session(str(db_path))
    assert on_file[0] == "1\n2\n" and on_file[1] == "3\n"
    assert session(postgres_url) == on_file


def test_an_archived_clients_projects_quotes_and_invoices_are_listed_only_when_it_is_named(
    kiaro: Run,
) -> None:
    kiaro("settings", "set", "default-currency", "EUR")
    kiaro("client", "quick-add", "Acme")
    kiaro("client", "quick-add", "Old Co")
    for client in ("acme", "old co"):
        kiaro("project", "add", client, f"Work for {client}")
        kiaro("quote", "add", client, "--amount", "10")
        kiaro("invoice", "add", client, "--amount", "10", "--due", "2020-01-01", "--issued", "2019-12-01")
    kiaro("client", "archive", "old co")
    for kind in ("project", "quote", "invoice"):
        assert kiaro(kind, "list", "-q").stdout == "1\n", kind
        assert kiaro(kind, "list", "old co", "-q").stdout == "2\n", kind
    assert kiaro("invoice", "list", "--overdue", "-q").stdout == "1\n"
    kiaro("client", "archive", "acme")  # now only archived clients have any
    assert kiaro("invoice", "list").stdout == (
        "No invoices of current clients; name an archived one to see its invoices.\n"
    )
    assert (
        kiaro("quote", "list").stdout
        == "No quotes of current clients; name an archived one to see its quotes.\n"
    )
    assert kiaro("project", "list", "--all").stdout.startswith("No projects of current clients")
    assert kiaro("invoice", "list", "--overdue").stdout == "No invoices match.\n"


def test_an_id_is_taken_as_kiaro_prints_it(kiaro: Run) -> None:
    seeded(kiaro)
    assert kiaro("project", "show", "#2").stdout == kiaro("project", "show", "2").stdout
    wrong = kiaro("project", "show", "#x")
    assert (wrong.exit_code, wrong.stderr.splitlines()[0]) == (
        2,
        "Error: Invalid value for 'ID': '#x' is not an id; see kiaro project show --help",
    )
