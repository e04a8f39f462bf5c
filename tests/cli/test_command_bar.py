"""``kiaro do`` through the CLI: the card, --yes, --dry-run, JSON plans, refusals that save nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import Run, dump


def clients(kiaro: Run) -> dict[str, dict[str, object]]:
    return {c["name"]: c for c in json.loads(kiaro("client", "list", "--all", "--format", "json").stdout)}


@pytest.fixture
def acme(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme", "--follow-up", "2026-12-01").exit_code == 0
    assert kiaro("client", "quick-add", "Acme Inc").exit_code == 0


@pytest.mark.usefixtures("acme")
def test_yes_saves_the_plan_and_shows_what_it_did(kiaro: Run) -> None:
    done = kiaro("do", "remind me to follow up with Acme in 3 weeks", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "Follow up with Acme (#1) on Mon 14 Dec 2026 (in 3 weeks) (was Tue 1 Dec 2026)" in done.stdout
    assert "Saved 1 change (kiaro undo reverts it)" in done.stdout
    assert clients(kiaro)["Acme"]["follow_up_on"] == "2026-12-14"


@pytest.mark.usefixtures("acme")
def test_the_words_may_be_given_unquoted(kiaro: Run) -> None:
    done = kiaro("do", "mark", "Acme", "as", "active", "-y")
    assert done.exit_code == 0, done.stderr
    assert "Move Acme (#1) from lead to active" in done.stdout
    assert clients(kiaro)["Acme"]["status"] == "active"


@pytest.mark.usefixtures("acme")
def test_two_actions_are_one_change_that_one_undo_reverts(kiaro: Run) -> None:
    done = kiaro("do", "mark Acme as active and follow up in 2 weeks", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "1. Move Acme (#1) from lead to active" in done.stdout
    assert "2. Follow up with Acme (#1) on Mon 7 Dec 2026" in done.stdout
    assert "Saved 2 changes (kiaro undo reverts them)" in done.stdout
    assert (clients(kiaro)["Acme"]["status"], clients(kiaro)["Acme"]["follow_up_on"]) == (
        "active",
        "2026-12-07",
    )
    assert kiaro("undo").exit_code == 0
    assert (clients(kiaro)["Acme"]["status"], clients(kiaro)["Acme"]["follow_up_on"]) == (
        "lead",
        "2026-12-01",
    )


@pytest.mark.usefixtures("acme")
def test_off_a_terminal_without_yes_nothing_is_saved(kiaro: Run, db_path: Path) -> None:
    before = dump(db_path)
    done = kiaro("do", "mark Acme as active")
    assert done.exit_code == 1
    assert "Move Acme (#1) from lead to active" in done.stdout  # the plan is shown
    assert done.stderr.rstrip().endswith("re-run with --yes")
    assert dump(db_path) == before
    as_json = kiaro("do", "mark Acme as active", "--format", "json")
    assert (as_json.exit_code, as_json.stdout) == (1, "")  # no plan printed as data: none was saved
    refused = as_json.stderr.rstrip()
    assert refused.startswith("Error: not saved") and refused.endswith("re-run with --yes")
    assert dump(db_path) == before


@pytest.mark.usefixtures("acme")
def test_a_dry_run_shows_the_plan_and_saves_nothing(kiaro: Run, db_path: Path) -> None:
    before = dump(db_path)
    done = kiaro(
        "do", "add Brand Factor to my clients, based in South Africa, follow up next friday", "--dry-run"
    )
    assert done.exit_code == 0, done.stderr
    assert (
        "Add Brand Factor as a new lead: country South Africa (ZA), follow up on Fri 27 Nov 2026"
        in done.stdout
    )
    assert "Dry run: nothing was saved" in done.stdout
    assert dump(db_path) == before


@pytest.mark.usefixtures("acme")
def test_json_prints_the_plan_as_data(kiaro: Run, db_path: Path) -> None:
    before = dump(db_path)
    planned = kiaro(
        "do", "mark my follow-up with Acme done, remind me again in a month", "--dry-run", "-f", "json"
    )
    assert planned.exit_code == 0, planned.stderr
    assert json.loads(planned.stdout) == {
        "sentence": "mark my follow-up with Acme done, remind me again in a month",
        "applied": False,
        "actions": [
            {
                "action": "done",
                "client_id": 1,
                "client_name": "Acme",
                "date": "2026-12-23",
                "values": {"previous": "2026-12-01"},
                "unchanged": False,
            }
        ],
        "read_as": [],
        "left_out": [],
    }
    assert dump(db_path) == before
    refused = kiaro("do", "new lead Zenith", "--format", "json")
    assert refused.exit_code == 1 and "--yes" in refused.stderr and "--dry-run" in refused.stderr
    saved = json.loads(kiaro("do", "new lead Zenith", "--yes", "--format", "json").stdout)
    assert saved["applied"] is True and saved["actions"][0]["client_id"] == 3
    assert clients(kiaro)["Zenith"]["status"] == "lead"


@pytest.mark.usefixtures("acme")
@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("follow up with Ac in 2 weeks", "'Ac' matches 2 clients"),
        ("follow up with Acmeex in 2 weeks", "did you mean Acme (#1)"),
        ("follow up with Acme yesterday", "is in the past"),
        ("make me a sandwich", "cannot understand"),
        ("add Acme to my clients", "already exists"),
    ],
)
def test_a_refused_sentence_saves_nothing_even_with_yes(
    kiaro: Run, db_path: Path, sentence: str, said: str
) -> None:
    before = dump(db_path)
    done = kiaro("do", sentence, "--yes")
    assert done.exit_code == 1
    assert said in done.stderr
    assert dump(db_path) == before


def test_the_candidates_of_an_ambiguous_name_are_listed(kiaro: Run, acme: None) -> None:
    done = kiaro("do", "tag Ac as vip", "--yes")
    assert done.exit_code == 1
    assert "  #1  Acme" in done.stderr and "  #2  Acme Inc" in done.stderr


def test_no_sentence_off_a_terminal_is_a_usage_error(kiaro: Run) -> None:
    done = kiaro("do")
    assert done.exit_code == 2
    assert "say what to do" in done.stderr


def test_help_shows_five_examples(kiaro: Run) -> None:
    shown = kiaro("do", "--help").stdout
    examples = [line for line in shown.splitlines() if line.strip().startswith("kiaro do ")]
    assert len(examples) == 5


def test_the_plan_shows_what_is_stored_not_what_was_typed(kiaro: Run) -> None:
    sentence = "add Wiener Studio to my clients, website www.wienerstudio.at"
    (action,) = json.loads(kiaro("do", sentence, "--yes", "--format", "json").stdout)["actions"]
    stored = json.loads(kiaro("client", "show", "wiener", "--format", "json").stdout)["website"]
    assert action["values"]["website"] == stored == "https://www.wienerstudio.at"


def test_the_prompt_keeps_what_was_typed_in_a_private_file_in_a_private_folder(tmp_path: Path) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from kiaro_cli.prompts import ask_sentence

    history = tmp_path / "new-data-folder" / "do-history"
    previous = os.umask(0o002)  # a shared-group umask must not open it to the group
    try:
        with create_pipe_input() as typed, create_app_session(input=typed, output=DummyOutput()):
            typed.send_text("tag Acme as vip\r")
            assert ask_sentence(history, ["tag"]) == "tag Acme as vip"
    finally:
        os.umask(previous)
    assert "tag Acme as vip" in history.read_text()
    assert oct(history.stat().st_mode & 0o777) == oct(0o600)
    assert oct(history.parent.stat().st_mode & 0o777) == oct(0o700)


def test_a_plan_that_changes_nothing_says_so_and_leaves_undo_alone(kiaro: Run, db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Kobalt Labs").exit_code == 0
    assert kiaro("client", "status", "kobalt", "active").exit_code == 0
    assert kiaro("client", "tag", "kobalt", "urgent").exit_code == 0
    before = dump(db_path)
    done = kiaro("do", "mark Kobalt Labs as active", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "Keep Kobalt Labs (#1) active (it already is)" in done.stdout
    assert "Nothing to change" in done.stdout and "Saved" not in done.stdout
    as_data = kiaro(
        "do", "tag Kobalt Labs as urgent and clear Kobalt Labs's follow-up", "--yes", "-f", "json"
    )
    assert as_data.exit_code == 0, as_data.stderr
    plan = json.loads(as_data.stdout)
    assert plan["applied"] is False and [a["unchanged"] for a in plan["actions"]] == [True, True]
    off_terminal = kiaro("do", "mark Kobalt Labs as active")  # nothing to save: no --yes needed
    assert (off_terminal.exit_code, off_terminal.stderr) == (0, "")
    assert dump(db_path) == before
    assert "Tag 'urgent' added" in kiaro("undo").stdout  # the newest real change


@pytest.mark.usefixtures("acme")
def test_a_plan_with_one_real_change_saves_only_that(kiaro: Run) -> None:
    done = kiaro("do", "mark Acme Inc as lead and tag them vip", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "Keep Acme Inc (#2) lead (it already is)" in done.stdout
    assert "Saved 1 change (kiaro undo reverts it)" in done.stdout
    assert clients(kiaro)["Acme Inc"]["tags"] == ["vip"]


@pytest.mark.usefixtures("acme")
def test_an_id_is_read_as_kiaro_prints_it(kiaro: Run) -> None:
    done = kiaro("do", "follow up with #2 in 2w", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "Follow up with Acme Inc (#2) on Mon 7 Dec 2026" in done.stdout
    assert json.loads(kiaro("client", "show", "#2", "--format", "json").stdout)["name"] == "Acme Inc"


@pytest.mark.usefixtures("acme")
def test_a_name_typed_with_a_slip_is_read_and_the_card_says_how(kiaro: Run) -> None:
    done = kiaro("do", "mark Acme Ic as active", "--dry-run")
    assert done.exit_code == 0, done.stderr
    assert "Move Acme Inc (#2) from lead to active" in done.stdout
    assert "read 'Acme Ic' as Acme Inc (#2)" in done.stdout
    plan = json.loads(kiaro("do", "mark Acme Ic as active", "--dry-run", "-f", "json").stdout)
    assert plan["read_as"] == [{"typed": "Acme Ic", "client_id": 2, "name": "Acme Inc"}]
    exact = kiaro("do", "mark Acme Inc as active", "--dry-run")
    assert "read '" not in exact.stdout and "left out" not in exact.stdout


@pytest.mark.usefixtures("acme")
def test_the_card_names_the_polite_words_it_read_around(kiaro: Run) -> None:
    done = kiaro("do", "Hey kiaro, please mark Acme Inc as active, thanks!", "--dry-run")
    assert done.exit_code == 0, done.stderr
    assert "Move Acme Inc (#2) from lead to active" in done.stdout
    assert "left out 'Hey kiaro please', 'thanks'" in done.stdout
    plan = json.loads(kiaro("do", "please mark Acme Inc as active", "--dry-run", "-f", "json").stdout)
    assert plan["left_out"] == ["please"]


def test_two_names_as_near_a_slip_are_listed_never_guessed(kiaro: Run, db_path: Path) -> None:
    for name in ("Nordlicht Brewing", "Nordlicht Bakery"):
        assert kiaro("client", "quick-add", name).exit_code == 0
    before = dump(db_path)
    refused = kiaro("do", "follow up with Nordlict in 2w", "--yes")
    assert refused.exit_code == 1
    assert "'Nordlict' matches 2 clients" in refused.stderr
    assert "Nordlicht Brewing" in refused.stderr and "Nordlicht Bakery" in refused.stderr
    assert dump(db_path) == before


def test_a_tag_then_an_untag_in_one_sentence_are_both_saved(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Casa Olivo").exit_code == 0
    done = kiaro("do", "tag Casa Olivo as vip then untag them vip", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "Saved 2 changes" in done.stdout
    assert clients(kiaro)["Casa Olivo"]["tags"] == []


@pytest.mark.parametrize(("said", "day"), [("on November 20", "2026-11-20"), ("on December 1", "2025-12-01")])
def test_a_logged_call_on_a_day_without_a_year_is_the_latest_such_day(
    kiaro: Run, said: str, day: str
) -> None:
    assert kiaro("client", "quick-add", "Casa Olivo").exit_code == 0
    done = kiaro("do", f"log a call with Casa Olivo {said}", "--yes", "-f", "json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["actions"][0]["date"] == day


@pytest.mark.usefixtures("acme")
def test_an_event_and_a_new_contact_are_shown_on_the_card(kiaro: Run) -> None:
    event = kiaro("do", "remind me to chase Acme Inc's quote on friday, high priority", "--yes")
    assert event.exit_code == 0, event.stderr
    assert "Add an event to Acme Inc (#2): Chase Acme Inc's quote, due Fri 27 Nov 2026" in event.stdout
    assert "(high priority)" in event.stdout
    added = kiaro(
        "do", "add Oakwood Interiors to my clients, contact is Sarah Lee sarah@oakwood.co.uk", "--dry-run"
    )
    assert added.exit_code == 0, added.stderr
    assert "contact person Sarah Lee, email sarah@oakwood.co.uk" in added.stdout


def test_a_plans_amounts_are_json_numbers(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("client", "edit", "acme", "--code", "ACM")
    kiaro("invoice", "add", "acme", "--amount", "700", "--currency", "EUR")
    (paid,) = json.loads(kiaro("do", "Acme paid ACM-2026-001", "--dry-run", "--format", "json").stdout)[
        "actions"
    ]
    assert (paid["values"]["amount"], paid["values"]["left"]) == (700, 0)
    sentence = "log a €1,200.50 invoice for Acme due in 30 days"
    (logged,) = json.loads(kiaro("do", sentence, "--dry-run", "--format", "json").stdout)["actions"]
    assert (logged["values"]["net"], logged["values"]["gross"], logged["values"]["vat_rate"]) == (
        1200.5,
        1200.5,
        0,
    )
