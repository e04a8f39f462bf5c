"""Text from outside never drives the terminal: values a restored database, an archive or a
teammate on a server wrote, bypassing kiaro's rules, print with every control and format
character escaped (``\\x1b``, ``\\u202e``) in every format for people, and exactly as stored
in the formats for machines."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from tests.helpers import SERVER, Run, dump

CLEAR = "\x1b[2J"  # clears the screen
TITLE = "\x1b]0;owned\x07"  # retitles the window
RTL = "\u202e"  # reads the rest backwards
NAME = f"Evil{CLEAR}{TITLE} {RTL}gpj.exe"
NOTES = f"first line\nsecond{CLEAR} line\u2066"
SHOWN_NAME = "Evil\\x1b[2J\\x1b]0;owned"  # the BEL ends a text Rich builds, or shows as \x07
SHOWN_RTL = "\\u202egpj.exe"


def unseen(text: str) -> list[str]:
    """The characters a terminal would act on, other than newlines."""
    return [c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]


@pytest.fixture
def hostile(kiaro: Run, tmp_path: Path, db_path: Path) -> Path:
    """A client whose every text was written past kiaro's rules, as a restore would bring it."""
    paper = tmp_path / "contract.pdf"
    paper.write_bytes(b"%PDF")
    for args in (
        ["client", "quick-add", "Acme", "--follow-up", "today"],
        ["contact", "add", "acme", "--name", "Ann"],
        ["client", "tag", "acme", "vip"],
        ["interaction", "add", "acme", "Call", "--next-step", "Send"],
        ["event", "add", "acme", "Quote", "--due", "today", "--sticky", "-p", "critical"],
        ["doc", "add", "acme", str(paper)],
    ):
        assert kiaro(*args).exit_code == 0, args
    with sqlite3.connect(db_path) as connection:
        for sql, value in (
            (
                "UPDATE client SET name = ?, notes = ?, source = ?, industry = '[red]x[/x] :smile:'",
                (NAME, NOTES, f"web{CLEAR}"),
            ),
            ("UPDATE contact SET name = ?", (NAME,)),
            ("UPDATE tag SET name = ?", (f"t{CLEAR}",)),
            ("UPDATE interaction SET summary = ?, next_step = ?", (NOTES, f"next{CLEAR}")),
            ("UPDATE event SET text = ?", (f"quote{CLEAR}{RTL}",)),
            ("UPDATE document SET name = ?", (f"[/x]{CLEAR}{RTL}.pdf",)),
            ("UPDATE activity SET made_by = ?", (f"bob{CLEAR}{RTL}",)),
        ):
            connection.execute(sql, value)
    return db_path


HUMAN = [
    ["client", "list"],
    ["client", "show", "1"],
    ["client", "timeline", "1"],
    ["contact", "list", "1"],
    ["interaction", "list"],
    ["event", "list"],
    ["doc", "list"],
    ["doc", "show", "1"],
    ["followup", "due"],
    ["followup", "draft", "1"],
    ["tag", "list"],
    ["home"],
    ["report"],
    ["client", "edit", "1", "--city", "Paris"],  # a result line
    ["client", "status", "1", "lead"],  # a result line saying nothing changed
]


@pytest.mark.parametrize("args", HUMAN, ids=" ".join)
def test_every_format_for_people_shows_control_and_format_characters_escaped(
    kiaro: Run, hostile: Path, args: list[str]
) -> None:
    done = kiaro(*args)
    assert done.exit_code == 0, done.stderr
    assert unseen(done.stdout) == [] and unseen(done.stderr) == []
    assert "\\x1b[2J" in done.stdout


def test_a_card_and_a_table_show_the_hostile_name_whole(kiaro: Run, hostile: Path) -> None:
    listed = kiaro("client", "list").stdout
    assert SHOWN_NAME in listed and SHOWN_RTL in listed
    card = kiaro("client", "show", "1").stdout
    assert SHOWN_NAME in card and "[red]x[/x] :smile:" in card  # no markup, no emoji codes
    lines = [line.strip("│ ") for line in card.splitlines()]
    assert "first line" in lines and "second\\x1b[2J line\\u2066" in lines  # a newline stays one
    assert "bob\\x1b[2J\\u202e" in kiaro("client", "timeline", "1").stdout
    assert "t\\x1b[2J" in kiaro("tag", "list").stdout
    assert "[/x]\\x1b[2J\\u202e.pdf" in kiaro("doc", "show", "1").stdout


def test_machine_formats_keep_the_stored_text_exactly(kiaro: Run, hostile: Path) -> None:
    shown = json.loads(kiaro("client", "show", "1", "--format", "json").stdout)
    assert shown["name"] == NAME and shown["notes"] == NOTES
    assert "\\u001b[2J" in kiaro("client", "list", "--format", "jsonl").stdout  # JSON escapes it
    assert f"{CLEAR}{TITLE} {RTL}gpj.exe" in kiaro("export", "clients", "--format", "csv").stdout


def test_an_error_quoting_a_value_shows_it_escaped(kiaro: Run, hostile: Path) -> None:
    done = kiaro("client", "show", f"nobody{RTL}")
    assert done.exit_code == 1
    assert done.stderr == "Error: no client matches 'nobody\\u202e'\n"


def test_an_escape_sequence_in_kiaro_user_is_refused_before_anything_is_written(
    kiaro: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    before = dump(db_path)
    for user in (f"eve{CLEAR}", f"eve{RTL}"):
        monkeypatch.setenv("KIARO_USER", user)
        done = kiaro("client", "edit", "acme", "--city", "Paris")
        assert done.exit_code == 1
        assert done.stderr.startswith("Error: KIARO_USER has the control or format character U+")
        assert len(done.stderr.splitlines()) == 1 and unseen(done.stderr) == []
        assert dump(db_path) == before
    monkeypatch.setenv("KIARO_USER", "Eve Adams")
    assert kiaro("client", "edit", "acme", "--city", "Paris").exit_code == 0


@pytest.mark.postgres
@pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set")
def test_a_teammate_s_rows_on_a_server_print_escaped(kiaro: Run, postgres_url: str) -> None:
    from sqlalchemy import create_engine, text

    assert kiaro("--db", postgres_url, "client", "quick-add", "Acme").exit_code == 0
    teammate = create_engine(postgres_url)  # another program on the team's server
    with teammate.begin() as connection:
        connection.execute(text("UPDATE client SET name = :name"), {"name": NAME})
        connection.execute(text("UPDATE activity SET made_by = :by"), {"by": f"bob{CLEAR}{RTL}"})
    teammate.dispose()
    for command, shown in (("list", SHOWN_NAME), ("show", SHOWN_NAME), ("timeline", "bob\\x1b[2J\\u202e")):
        done = kiaro("--db", postgres_url, "client", command, *(["1"] if command != "list" else []))
        assert done.exit_code == 0 and unseen(done.stdout) == [], command
        assert shown in done.stdout, command


def test_summaries_events_and_custom_values_refuse_a_bidi_override_and_notes_show_it(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    assert kiaro("field", "add", "motto", "--type", "text").exit_code == 0
    for args, label in (
        (("interaction", "add", "acme", "Sent invoice\u202efdp.exe"), "summary"),
        (("event", "add", "acme", "Chase\u202eetouq"), "event text"),
        (("client", "edit", "acme", "--set", "motto=Bold\u202edlob"), "motto"),
    ):
        refused = kiaro(*args)
        assert refused.exit_code == 1
        assert refused.stderr == f"Error: {label} contains the invisible format character U+202E\n"
    assert kiaro("client", "edit", "acme", "--notes", "keep\u202eit").exit_code == 0
    assert "keep\\u202eit" in kiaro("client", "show", "acme").stdout
