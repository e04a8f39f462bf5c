"""History through the CLI: every change leaves activity, interactions, the timeline, undo."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from tests.helpers import FULL_ARGS, TODAY, Run


def kinds(db_path: Path) -> list[str]:
    """Activity kinds, newest first."""
    with sqlite3.connect(db_path) as connection:
        return [kind for (kind,) in connection.execute("SELECT kind FROM activity ORDER BY id DESC")]


def ok(kiaro: Run, *args: str) -> str:
    done = kiaro(*args)
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


def shown(kiaro: Run, ref: str = "acme") -> dict[str, object]:
    record: dict[str, object] = json.loads(ok(kiaro, "client", "show", ref, "--format", "json"))
    return record


# Each command that changes data, and the activity kind it must record.
CHANGES: list[tuple[list[str], str]] = [
    (["client", "add", *FULL_ARGS], "created"),
    (["client", "quick-add", "Zeta"], "created"),
    (["client", "edit", "acme", "--city", "Paris"], "field changed"),
    (["client", "edit", "acme", "--contact", "Ann Lee-Smith"], "contact changed"),
    (["client", "status", "acme", "active"], "status changed"),
    (["client", "tag", "acme", "vip"], "tag added"),
    (["client", "untag", "acme", "design"], "tag removed"),
    (["client", "archive", "acme"], "archived"),
    (["client", "unarchive", "beta"], "unarchived"),
    (["contact", "add", "acme", "--name", "Bob"], "contact added"),
    (["contact", "edit", "1", "--title", "CEO"], "contact changed"),
    (["contact", "remove", "2", "--yes"], "contact removed"),
    (["followup", "set", "acme", "2w"], "follow-up set"),
    (["followup", "clear", "beta"], "follow-up cleared"),
    (["followup", "done", "beta", "--next", "1m"], "follow-up done"),
    (["interaction", "add", "acme", "Called about the brief", "--type", "call"], "interaction logged"),
    (["settings", "set", "owner-name", "Sam"], "setting changed"),
    (["client", "delete", "beta", "--yes"], "deleted"),
]


@pytest.fixture
def two_clients(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme", "--follow-up", "1w")
    ok(kiaro, "contact", "add", "acme", "--name", "Ann Lee")
    ok(kiaro, "contact", "add", "acme", "--name", "Carl")
    ok(kiaro, "client", "tag", "acme", "design")
    ok(kiaro, "client", "quick-add", "Beta", "--follow-up", "today")
    ok(kiaro, "client", "archive", "beta")


@pytest.mark.parametrize(("args", "kind"), CHANGES, ids=[" ".join(c[0][:2]) + f" → {c[1]}" for c in CHANGES])
@pytest.mark.usefixtures("two_clients")
def test_every_change_writes_its_activity(kiaro: Run, db_path: Path, args: list[str], kind: str) -> None:
    if args[:2] in (["followup", "clear"], ["followup", "done"]):
        ok(kiaro, "client", "unarchive", "beta")
    before = len(kinds(db_path))
    ok(kiaro, *args)
    after = kinds(db_path)
    if kind == "deleted":
        assert after[0] == "deleted"
    else:
        assert len(after) > before and kind in after[: len(after) - before]


def test_refused_commands_write_no_activity(kiaro: Run, db_path: Path) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    before = kinds(db_path)
    for args in (
        ["client", "edit", "acme", "--email", "nope"],
        ["followup", "set", "acme", "yesterday"],
        ["interaction", "add", "acme", "Future call", "--on", "tomorrow"],
        ["client", "status", "acme", "active", "--format", "xml"],
    ):
        assert kiaro(*args).exit_code in (1, 2)
    assert kinds(db_path) == before


def test_a_past_day_without_a_year_is_the_one_that_happened(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    line = ok(kiaro, "interaction", "add", "acme", "Kick-off", "--on", "November 20")
    assert line == "Logged note with Acme on Fri 20 Nov 2026 (#1)\n"  # not 2027, refused as ahead
    listed = json.loads(ok(kiaro, "interaction", "list", "--since", "November 1", "--format", "json"))
    assert [entry["summary"] for entry in listed] == ["Kick-off"]
    assert ok(kiaro, "interaction", "list", "--since", "1w", "-q") == "1\n"  # a chip counts back
    assert ok(kiaro, "interaction", "list", "--since", "2d", "-q") == ""  # 21 Nov on: after it
    ahead = kiaro("interaction", "list", "--since", "next friday")
    assert (ahead.exit_code, ahead.stderr.startswith("Error: 'next friday' is in the future")) == (1, True)


def test_interactions(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "contact", "add", "acme", "--name", "Ann Lee")
    ok(kiaro, "client", "quick-add", "Beta")
    ok(kiaro, "contact", "add", "beta", "--name", "Ben")
    line = ok(kiaro, "interaction", "add", "acme", "Kick-off", "--type", "meeting", "--on", "2026-11-02")
    assert line == "Logged meeting with Acme on Mon 2 Nov 2026 (#1)\n"
    call = json.loads(
        ok(
            kiaro,
            *("interaction", "add", "acme", "Scope call", "-t", "call", "--on", "last friday"),
            *("--contact", "1", "--next-step", "Send the proposal", "--format", "json"),
        )
    )
    assert call == {
        "id": 2,
        "client_id": 1,
        "contact_id": 1,
        "type": "call",
        "occurred_at": "2026-11-20",
        "summary": "Scope call",
        "next_step": "Send the proposal",
    }
    ok(kiaro, "interaction", "add", "beta", "A note", "--on", "2026-10-01")
    assert shown(kiaro)["last_interaction_at"] == "2026-11-20"
    ok(kiaro, "interaction", "add", "acme", "Older email", "-t", "email", "--on", "2026-09-01")
    assert shown(kiaro)["last_interaction_at"] == "2026-11-20"  # an older one does not move it back

    refused = kiaro("interaction", "add", "acme", "Chat", "--contact", "2")
    assert refused.exit_code == 1 and "Acme has no contact with id 2" in refused.stderr
    future = kiaro("interaction", "add", "acme", "Chat", "--on", "next week")
    assert future.exit_code == 1 and "is in the future" in future.stderr
    assert kiaro("interaction", "add", "acme", "Chat", "--type", "fax").exit_code == 2

    assert ok(kiaro, "interaction", "list", "-q").split() == ["2", "1", "3", "4"]
    assert ok(kiaro, "interaction", "list", "acme", "--type", "call", "--type", "email", "-q").split() == [
        "2",
        "4",
    ]
    assert ok(kiaro, "interaction", "list", "--since", "2026-10-15", "-q").split() == ["2", "1"]
    table = ok(kiaro, "interaction", "list")
    assert "Scope call" in table and "Send the proposal" in table and "Beta" in table
    ok(kiaro, "client", "archive", "beta")
    assert ok(kiaro, "interaction", "list", "-q").split() == ["2", "1", "4"]
    exported = ok(kiaro, "export", "interactions", "--all").splitlines()
    header = "id,client_id,client_name,contact_id,contact_name,type,occurred_at,summary,next_step"
    assert exported[0] == header
    assert len(exported) == 5
    assert len(ok(kiaro, "export", "interactions").splitlines()) == 4


def test_timeline_merges_changes_and_interactions_newest_first(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIARO_NOW", f"{TODAY.isoformat()}T09:00:00+00:00")  # changes made on the pinned day
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "interaction", "add", "acme", "Intro call", "-t", "call", "--on", "2026-10-01")
    ok(kiaro, "client", "status", "acme", "active")
    ok(kiaro, "interaction", "add", "acme", "Workshop", "-t", "meeting", "--next-step", "Share notes")
    entries = json.loads(ok(kiaro, "client", "timeline", "acme", "--format", "json"))
    assert [(e["source"], e["kind"]) for e in entries] == [
        ("interaction", "meeting"),
        ("activity", "status changed"),
        ("activity", "created"),
        ("interaction", "call"),
    ]
    assert entries[0]["next_step"] == "Share notes" and entries[3]["at"] == "2026-10-01"
    assert list(entries[0]) == ["at", "source", "kind", "detail", "next_step", "id", "by"]
    table = ok(kiaro, "client", "timeline", "acme")
    assert table.index("Workshop") < table.index("Status lead → active") < table.index("Intro call")
    assert len(ok(kiaro, "client", "timeline", "acme", "--format", "jsonl", "--limit", "2").splitlines()) == 2
    cards = ok(kiaro, "client", "show", "acme")
    assert "Interactions" in cards and "23 Nov  meeting: Workshop" in cards
    assert "Recent activity" in cards and "kiaro client timeline 1" in cards
    assert "23 Nov" in ok(kiaro, "client", "list")  # the Last interaction column


def test_undo_reverts_one_command_at_a_time(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "client", "edit", "acme", "--city", "Paris", "--email", "hi@acme.com")
    ok(kiaro, "client", "status", "acme", "active")
    ok(kiaro, "client", "tag", "acme", "vip", "design")
    ok(kiaro, "followup", "set", "acme", "2w")
    ok(kiaro, "contact", "add", "acme", "--name", "Ann Lee")

    said = ok(kiaro, "undo")
    assert said.startswith("Undid the last change (made ") and "Contact Ann Lee added (primary)" in said
    assert shown(kiaro)["contact_person"] is None
    assert "Follow-up" in ok(kiaro, "undo")
    assert shown(kiaro)["follow_up_on"] is None
    ok(kiaro, "undo")
    assert shown(kiaro)["tags"] == []
    assert "Status lead → active" in ok(kiaro, "undo")
    assert shown(kiaro)["status"] == "lead"
    ok(kiaro, "undo")
    after = shown(kiaro)
    assert (after["city"], after["email"]) == (None, None)
    assert "Added Acme" in ok(kiaro, "undo")
    assert kiaro("client", "show", "acme").exit_code == 1
    nothing = kiaro("undo")
    assert (nothing.exit_code, nothing.stderr) == (1, "Error: nothing to undo\n")


@pytest.mark.parametrize(
    "no_op",
    [
        ["client", "status", "acme", "active"],
        ["client", "tag", "acme", "vip"],
        ["followup", "clear", "acme"],
        ["client", "edit", "acme", "--city", "Paris"],
        ["do", "mark Acme as active", "--yes"],
        ["do", "tag Acme as vip and clear Acme's follow-up", "--yes"],
    ],
)
def test_a_command_that_changes_nothing_leaves_undo_to_the_last_real_change(
    kiaro: Run, no_op: list[str]
) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "client", "edit", "acme", "--city", "Paris")
    ok(kiaro, "client", "status", "acme", "active")
    ok(kiaro, "client", "tag", "acme", "vip")
    assert kiaro(*no_op).exit_code == 0
    assert "Tag 'vip' added" in ok(kiaro, "undo")  # the tag: the newest change that changed something
    assert (shown(kiaro)["tags"], shown(kiaro)["status"]) == ([], "active")
    assert "Status lead → active" in ok(kiaro, "undo")


def test_undo_restores_a_removed_contact_with_its_place_and_links(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "contact", "add", "acme", "--name", "Ann Lee", "--email", "ann@acme.com")
    ok(kiaro, "contact", "add", "acme", "--name", "Bob")
    ok(kiaro, "interaction", "add", "acme", "Call with Ann", "-t", "call", "--contact", "1")
    ok(kiaro, "contact", "remove", "1", "--yes")
    assert shown(kiaro)["contact_person"] == "Bob"
    ok(kiaro, "undo")
    contacts = shown(kiaro)["contacts"]
    assert isinstance(contacts, list)
    assert [(c["id"], c["name"], c["primary"]) for c in contacts] == [(1, "Ann Lee", True), (2, "Bob", False)]
    (call,) = json.loads(ok(kiaro, "interaction", "list", "--format", "json"))
    assert call["contact_id"] == 1
    assert ok(kiaro, "client", "list", "--search", "ann@acme", "-q") == "1\n"


def test_undo_of_settings_and_interactions(kiaro: Run) -> None:
    ok(kiaro, "settings", "set", "owner-name", "Sam")
    ok(kiaro, "settings", "set", "owner-name", "Sam Rivera")
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "interaction", "add", "acme", "Call", "-t", "call")
    ok(kiaro, "undo")
    assert ok(kiaro, "interaction", "list", "-q") == "" and shown(kiaro)["last_interaction_at"] is None
    ok(kiaro, "undo")
    assert "Setting owner-name: Sam → Sam Rivera" in ok(kiaro, "undo")
    assert json.loads(ok(kiaro, "settings", "show", "--format", "json"))["owner-name"] == "Sam"


def test_a_deletion_is_final_and_undo_does_not_pass_it(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "client", "quick-add", "Beta")
    ok(kiaro, "client", "delete", "beta", "--yes")
    refused = kiaro("undo")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: the last change cannot be undone (Deleted client #2): deletions are final, "
        "and undo does not go back past them\n"
    )
    assert kiaro("undo").exit_code == 1  # still: Acme's creation stays
    ok(kiaro, "client", "tag", "acme", "x")
    ok(kiaro, "undo")  # changes after the deletion can be undone
    assert shown(kiaro)["tags"] == []


def test_undo_is_recorded_in_the_history(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "client", "status", "acme", "past")
    ok(kiaro, "undo")
    entries = json.loads(ok(kiaro, "client", "timeline", "acme", "--format", "json"))
    assert entries[0]["kind"] == "undone" and entries[0]["detail"] == "Undone: Status lead → past"


def test_tags_source_and_activity_order_in_lists(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "client", "quick-add", "Beta")
    ok(kiaro, "client", "quick-add", "Gamma")
    ok(kiaro, "client", "tag", "acme", "Design", "retainer")
    ok(kiaro, "client", "tag", "beta", "design")
    ok(kiaro, "client", "tag", "gamma", "DESIGN", "Retainer")
    assert shown(kiaro, "gamma")["tags"] == ["DESIGN", "Retainer"]
    assert ok(kiaro, "client", "list", "--tag", "design", "--tag", "RETAINER", "-q").split() == ["1", "3"]
    ok(kiaro, "client", "edit", "beta", "--source", "Referral")
    assert ok(kiaro, "client", "list", "--source", "referral", "-q").split() == ["2"]
    with sqlite3.connect(os.environ["KIARO_DB"]) as connection:  # spread the stamps a second apart
        stamps = (
            (1, "2026-11-23T10:00:02+00:00"),
            (2, "2026-11-23T10:00:01+00:00"),
            (3, "2026-11-23T10:00:00+00:00"),
        )
        for client_id, at in stamps:
            connection.execute("UPDATE client SET last_activity_at = ? WHERE id = ?", (at, client_id))
    assert ok(kiaro, "client", "list", "--sort", "activity", "--desc", "-q").split() == ["1", "2", "3"]
    assert ok(kiaro, "client", "list", "--sort", "activity", "-q").split() == ["3", "2", "1"]


def test_an_interaction_keeps_its_time_of_day(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        ok(kiaro, "client", "quick-add", "Acme")
        line = ok(kiaro, "interaction", "add", "acme", "Call", "-t", "call", "--on", "2026-11-20 15:30")
        assert line == "Logged call with Acme on Fri 20 Nov 2026 15:30 (#1)\n"
        ok(kiaro, "interaction", "add", "acme", "Lunch", "-t", "meeting", "--on", "yesterday at 1pm")
        ok(kiaro, "interaction", "add", "acme", "Note", "--on", "yesterday")  # a day alone still works
        listed = json.loads(ok(kiaro, "interaction", "list", "acme", "--format", "json"))
        assert [i["occurred_at"] for i in listed] == [
            "2026-11-22T13:00:00+01:00",
            "2026-11-22",
            "2026-11-20T15:30:00+01:00",
        ]
        assert shown(kiaro)["last_interaction_at"] == "2026-11-22"
        table = ok(kiaro, "interaction", "list")
        assert "22 Nov 13:00" in table and "20 Nov 15:30" in table
        assert "2026-11-22T" not in table
        refused = kiaro("interaction", "add", "acme", "Call", "--on", "yesterday 25:00")
        assert refused.exit_code == 1 and "is not a time of day" in refused.stderr
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_an_imported_last_interaction_is_explained_by_the_timeline(kiaro: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "old.csv"
    sheet.write_text("name,last_interaction_at\nAcme,2026-10-12\n")
    ok(kiaro, "import", "clients", str(sheet))
    history = json.loads(ok(kiaro, "client", "timeline", "acme", "--format", "json"))
    assert history[0]["detail"] == "Imported Acme (line 2); last interaction before the import: 2026-10-12"
    assert "12 Oct (before the import; see the timeline)" in ok(kiaro, "client", "show", "acme")
    ok(kiaro, "interaction", "add", "acme", "Call", "-t", "call")
    assert "23 Nov  call: Call" in ok(kiaro, "client", "show", "acme")


def test_the_last_interaction_is_shown_from_the_interaction_however_much_happened_since(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(
        kiaro,
        "interaction",
        "add",
        "acme",
        "Scope call\nwith the whole team",
        "-t",
        "call",
        "--on",
        "2026-11-20",
    )
    for city in ("Utrecht", "Delft", "Leiden", "Gouda", "Breda", "Venlo", "Assen"):
        ok(kiaro, "client", "edit", "acme", "--city", city)  # newer activity than the call
    card = ok(kiaro, "client", "show", "acme")
    assert "Scope call" not in card.split("Recent activity")[1]  # out of the recent list
    assert "20 Nov  call: Scope call" in card and "before the import" not in card


def test_an_interaction_is_corrected_and_removed_from_the_command_line(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("interaction", "add", "acme", "Lunch", "--on", "2026-11-20")
    edited = kiaro("interaction", "edit", "1", "--type", "Meeting", "--next-step", "Send dates")
    assert edited.stdout == "Corrected the meeting #1 with Acme of Fri 20 Nov 2026: type, next step\n"
    shown = json.loads(kiaro("interaction", "edit", "1", "--summary", "Lunch at Nomad", "-f", "json").stdout)
    assert (shown["summary"], shown["type"], shown["next_step"]) == (
        "Lunch at Nomad",
        "meeting",
        "Send dates",
    )
    refused = kiaro("interaction", "remove", "1")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: this removes the meeting #1 with Acme of Fri 20 Nov 2026; re-run with --yes\n"
    )
    assert kiaro("interaction", "remove", "1", "--yes").stdout == (
        "Removed the meeting #1 with Acme of Fri 20 Nov 2026\n"
    )
    assert kiaro("interaction", "list", "-q").stdout == ""
    assert kiaro("interaction", "edit", "1", "--type", "call").stderr == "Error: no interaction with id 1\n"


def test_undo_says_when_in_local_time_and_keeps_a_notes_lines_indented(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIARO_NOW", f"{TODAY.isoformat()}T09:00:00+00:00")
    monkeypatch.setenv("KIARO_USER", "sam")
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        ok(kiaro, "client", "quick-add", "Acme")
        ok(kiaro, "client", "edit", "acme", "--notes", "Met at the fair.\nPays on time.")
        said = ok(kiaro, "undo").splitlines()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert said == [
        "Undid the last change (made Mon 23 Nov 2026 18:00 by sam):",
        "  Notes: (empty) → Met at the fair.",
        "    Pays on time.",
    ]


def test_the_history_names_fields_by_their_labels(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "client", "edit", "acme", "--iban", "NL91 ABNA 0417 1643 00", "--bic", "ABNANL2A")
    ok(kiaro, "client", "edit", "acme", "--vat-number", "NL123456789B01")
    details = [e["detail"] for e in json.loads(ok(kiaro, "client", "timeline", "acme", "--format", "json"))]
    assert {d.split(":")[0] for d in details[:3]} == {"IBAN", "BIC", "VAT number"}


def test_the_last_interaction_is_named_behind_many_newer_changes(kiaro: Run) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "interaction", "add", "acme", "Scoped the spring campaign", "-t", "call", "--on", "2026-10-01")
    for n in range(7):
        ok(kiaro, "client", "tag", "acme", f"tag{n}")
    cards = ok(kiaro, "client", "show", "acme")
    assert "1 Oct  call: Scoped the spring campaign" in cards and "before the import" not in cards
