"""Prompts on a real terminal (a pseudo-terminal through pexpect): questionary's questions,
confirmations, the command bar's card, progress and wrapping as a person sees them."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from tests.test_processes import kiaro


def spawn(*args: str) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "kiaro_cli", *args],
        env=env,
        encoding="utf-8",
        timeout=120,  # generous: a busy machine may take long to start the program
        dimensions=(40, 120),
    )


def said(screen: str) -> list[str]:
    """The lines a terminal shows, without its own control sequences."""
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    return [line.strip() for line in shown.splitlines() if line.strip()]


@pytest.mark.slow
def test_add_prompts_for_missing_fields_on_a_terminal(db_path: Path) -> None:
    child = spawn("client", "add", "--name", "Acme", "--email", "ann@acme.com")
    child.expect("Contact person")
    child.sendline("Ann Lee")
    child.expect("Address")
    child.sendline("1 Main Street")
    child.expect("City")
    child.sendline("Utrecht")
    child.expect("Postal code")
    child.sendline("3511 AA")
    child.expect("Country")
    child.send("Netherl")
    child.expect(r"Netherl(\x1b\[[0-9;]*m)*ands")  # the autocompletion offers it
    child.sendline("ands")
    child.expect(r"Added Acme \(#1\)")
    child.expect(pexpect.EOF)
    shown = json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)
    assert (shown["contact_person"], shown["country"], shown["missing_fields"]) == ("Ann Lee", "NL", [])


@pytest.mark.slow
def test_prompt_rejects_a_bad_answer_and_asks_again(db_path: Path) -> None:
    child = spawn(
        "client",
        "add",
        "--name",
        "Acme",
        "--contact",
        "Ann",
        "--address",
        "1 Main",
        "--city",
        "Utrecht",
        "--postal-code",
        "3511",
        "--country",
        "NL",
    )
    child.expect("Email")
    child.sendline("not-an-email")
    child.expect("invalid email")
    child.send("\x15")  # Ctrl-U clears the line
    child.sendline("ann@acme.com")
    child.expect(r"Added Acme \(#1\)")
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_a_taken_name_is_refused_at_the_name_prompt_before_the_next_question(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    given = ["--contact", "Ann", "--address", "1 Main", "--city", "Utrecht", "--postal-code", "3511"]
    child = spawn("client", "add", *given, "--country", "NL")
    child.expect("Client name")
    child.sendline("ACME")
    child.expect(r"a client named 'Acme' already exists \(#1\)")
    assert "Email" not in child.before  # asked for nothing more in vain
    child.send("\x15")  # Ctrl-U clears the line
    child.sendline("Acme Studio")
    child.expect("Email")
    child.sendline("ann@@acme")
    child.expect("invalid email")
    child.send("\x15")
    child.sendline("ann@acme.com")
    child.expect(r"Added Acme Studio \(#2\)")
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_complete_asks_for_exactly_the_missing_fields(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    assert kiaro("client", "edit", "acme", "--email", "a@acme.com", "--city", "Utrecht").returncode == 0
    child = spawn("client", "complete", "acme")
    for question, answer in (
        ("Contact person", "Ann Lee"),
        (r"Address \(street and number\)", "1 Main Street"),
        ("Postal code", "3511 AA"),
        ("Country", "NL"),
    ):
        child.expect(question)
        child.sendline(answer)
    child.expect(r"Completed Acme \(#1\)")  # no other question came first
    child.expect(pexpect.EOF)
    shown = json.loads(kiaro("client", "show", "1", "--format", "json").stdout)
    assert shown["missing_fields"] == []
    assert [(c["name"], c["email"]) for c in shown["contacts"]] == [("Ann Lee", "a@acme.com")]
    history = json.loads(kiaro("client", "timeline", "1", "--format", "json").stdout)
    assert {"contact added", "field changed"} <= {entry["kind"] for entry in history}


@pytest.mark.slow
def test_delete_asks_on_a_terminal_and_no_keeps_the_client(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    child = spawn("client", "delete", "acme")
    child.expect(r"Erase Acme \(#1\)")
    child.sendline("n")
    child.expect(pexpect.EOF)
    assert said(child.before)[-1] == "Nothing deleted."  # a decline is no error
    child.close()
    assert child.exitstatus == 1
    assert kiaro("client", "show", "acme").returncode == 0


@pytest.mark.slow
def test_removing_a_document_asks_on_a_terminal(db_path: Path, tmp_path: Path) -> None:
    contract = tmp_path / "contract.pdf"
    contract.write_bytes(b"%PDF")
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    assert kiaro("doc", "add", "acme", str(contract)).returncode == 0
    child = spawn("doc", "remove", "1")
    child.expect(r"Remove contract.pdf \(#1\) of Acme for good\?")
    child.sendline("n")
    child.expect(pexpect.EOF)
    assert said(child.before)[-1] == "Nothing removed."
    child.close()
    assert child.exitstatus == 1
    assert kiaro("doc", "list", "-q").stdout == "1\n"


@pytest.mark.slow
def test_removing_an_event_asks_on_a_terminal(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    assert kiaro("event", "add", "acme", "Chase the quote", "--kind", "quote").returncode == 0
    child = spawn("event", "remove", "1")
    child.expect(r"Remove event #1 of Acme \(Chase the quote\)\?")
    child.sendline("n")
    child.expect(pexpect.EOF)
    assert said(child.before)[-1] == "Nothing removed."
    child.close()
    assert child.exitstatus == 1
    child = spawn("event", "remove", "1")
    child.expect("Remove event #1")
    child.sendline("y")
    child.expect("Removed medium quote #1 for Acme")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert kiaro("event", "list", "--all", "-q").stdout == ""


@pytest.mark.slow
def test_removing_a_custom_field_in_use_asks_on_a_terminal(db_path: Path) -> None:
    for args in (
        ["field", "add", "sector", "--type", "text"],
        ["client", "quick-add", "Acme"],
        ["client", "edit", "acme", "--set", "sector=Retail"],
    ):
        assert kiaro(*args).returncode == 0
    child = spawn("field", "remove", "sector")
    child.expect(r"Remove sector and its values on 1 client\?")
    child.sendline("n")
    child.expect(pexpect.EOF)
    assert said(child.before)[-1] == "Nothing removed."
    child.close()
    assert child.exitstatus == 1
    child = spawn("field", "remove", "sector")
    child.expect(r"Remove sector")
    child.sendline("y")
    child.expect("Removed custom field sector and its values on 1 client")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert '"custom": {}' in kiaro("client", "show", "acme", "--format", "json").stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("presses", "expected"),
    [("", "2026-11-30"), ("\x1b[B\x1b[B", "2026-12-23"), ("\x1b[B" * 4, None)],
    ids=["in 1 week", "in 1 month", "done"],
)
def test_done_offers_the_next_follow_up_on_a_terminal(
    db_path: Path, presses: str, expected: str | None
) -> None:
    assert kiaro("client", "quick-add", "Acme", "--follow-up", "today").returncode == 0
    child = spawn("followup", "done", "acme")
    child.expect("Next follow-up")
    for label in ("In 1 week", "In 2 weeks", "In 1 month", "In 3 months", "Done"):
        child.expect(label)
    child.send(presses + "\r")
    child.expect(r"Followed up with Acme \(#1\)")
    child.expect(pexpect.EOF)
    shown = json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)
    assert shown["follow_up_on"] == expected
    assert shown["last_followed_up_at"] is not None


@pytest.mark.slow
def test_a_large_import_shows_progress_on_a_terminal(db_path: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("name,email\n" + "".join(f"Client {n},c{n}@example.com\n" for n in range(10_000)))
    child = spawn("import", "clients", str(big), "--dry-run")
    child.expect(r"Checking rows: [\d,]+ rows", timeout=300)
    child.expect(r"Would add 10000 clients", timeout=600)
    child.expect(pexpect.EOF)
    child = spawn("import", "clients", str(big))
    child.expect(r"Importing rows: [\d,]+ rows", timeout=300)
    child.expect(r"Added 10000 clients", timeout=600)
    child.expect(pexpect.EOF)
    listed = kiaro("client", "list", "--format", "jsonl")
    assert len(listed.stdout.splitlines()) == 10_000


@pytest.mark.slow
def test_add_refuses_a_taken_name_before_asking_anything(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    child = spawn("client", "add", "--name", "ACME", "--city", "Utrecht")
    child.expect(pexpect.EOF)
    assert "already exists (#1)" in child.before and "Contact person" not in child.before
    child.close()
    assert child.exitstatus == 1


@pytest.mark.slow
def test_removing_the_only_contact_asks_nothing_on_a_terminal(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    assert kiaro("contact", "add", "acme", "--name", "Ann").returncode == 0
    child = spawn("contact", "remove", "1")
    child.expect(pexpect.EOF)
    assert "only contact of Acme" in child.before and "Remove contact" not in child.before


@pytest.mark.slow
def test_cancelling_a_prompt_prints_one_line(db_path: Path) -> None:
    child = spawn("client", "add", "--name", "Acme")
    child.expect("Contact person")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before)  # the terminal's own controls
    printed = [line.strip() for line in shown.splitlines() if line.strip()]
    assert printed[-1] == "Error: cancelled; nothing was saved"
    assert "cancel" not in " ".join(printed[:-1]).lower()
    assert "Cancelled by user" not in child.before
    assert kiaro("client", "list", "-q").stdout == ""


@pytest.mark.slow
def test_a_draft_is_wrapped_to_the_terminal_and_not_when_piped(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    assert kiaro("contact", "add", "acme", "--name", "Ann Lee", "--email", "ann@acme.com").returncode == 0
    piped = kiaro("followup", "draft", "acme").stdout
    assert any(len(line) > 100 for line in piped.splitlines())  # a paragraph is one line for a mail program
    env = {**os.environ, "TERM": "dumb", "COLUMNS": "60", "LINES": "40"}
    child = pexpect.spawn(
        sys.executable, ["-m", "kiaro_cli", "followup", "draft", "acme"], env=env, encoding="utf-8",
        timeout=120, dimensions=(40, 60),
    )  # fmt: skip
    child.expect(pexpect.EOF)
    shown = child.before.replace("\r\n", "\n")
    assert max(len(line) for line in shown.splitlines()) <= 60
    assert " ".join(shown.split()) == " ".join(piped.split())  # the same words, none broken


@pytest.mark.slow
def test_a_long_message_is_wrapped_at_spaces_on_a_terminal_and_keeps_its_indent(
    db_path: Path, tmp_path: Path
) -> None:
    rows = tmp_path / "in.csv"
    rows.write_text("name,email\nAcme Consulting Group,office-of-the-director-acme\n", encoding="utf-8")
    piped = kiaro("import", "clients", str(rows))
    problem = next(line for line in piped.stderr.splitlines() if line.startswith("  line 2"))
    assert len(problem) > 60 and "@-sign" in problem
    env = {**os.environ, "TERM": "dumb", "COLUMNS": "60", "LINES": "40"}
    child = pexpect.spawn(
        sys.executable, ["-m", "kiaro_cli", "import", "clients", str(rows)], env=env, encoding="utf-8",
        timeout=120, dimensions=(40, 60),
    )  # fmt: skip
    child.expect(pexpect.EOF)
    shown = child.before.replace("\r\n", "\n").splitlines()
    start = next(i for i, line in enumerate(shown) if line.startswith("  line 2"))
    assert max(len(line) for line in shown) <= 60
    assert shown[start + 1].startswith("  ") and not shown[start + 1].startswith("   ")
    words = " ".join(shown[start:]).split()
    assert words[: len(problem.split())] == problem.split()  # the same words, none broken


@pytest.mark.slow
@pytest.mark.parametrize(("answer", "status"), [("\r", "active"), ("n", "lead")], ids=["enter saves", "no"])
def test_the_command_bar_shows_its_card_and_asks_before_saving(
    db_path: Path, answer: str, status: str
) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    child = spawn("do", "mark Acme as active and follow up in 2 weeks")
    child.expect(r"1\. Move Acme \(#1\) from lead to active")
    child.expect(r"2\. Follow up with Acme \(#1\) on Mon 7 Dec 2026 \(in 2 weeks\)")
    child.expect("Save?")
    child.send(answer)
    child.expect(pexpect.EOF)
    assert said(child.before)[-1] == (
        "Saved 2 changes (kiaro undo reverts them)" if status == "active" else "Not saved."
    )
    assert json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)["status"] == status


@pytest.mark.slow
def test_the_command_bar_prompt_reads_a_sentence_then_leaves_on_ctrl_d(db_path: Path, tmp_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    child = spawn("do")
    child.expect("Ctrl-D leaves")
    child.expect("kiaro do")
    child.send("tag Acme as vip\r")
    child.expect(r"Tag Acme \(#1\): vip")
    child.expect("Save?")
    child.send("\r")
    child.expect("Saved 1 change")
    child.expect("kiaro do")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)["tags"] == ["vip"]
    history = tmp_path / "xdg-data" / "kiaro" / "do-history"  # the lines typed, for the up arrow
    assert "tag Acme as vip" in history.read_text()


@pytest.mark.slow
def test_a_missing_invoice_amount_is_asked_for_and_checked_on_a_terminal(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    child = spawn("invoice", "add", "acme", "--currency", "EUR", "--vat-rate", "0")
    child.expect("Net amount")
    child.sendline("-12")
    child.expect("not a number")
    child.send("\x15")  # Ctrl-U clears the line
    child.sendline("1200")
    child.expect(r"Added invoice INV-2026-001 \(#1\) to Acme: 1,200.00 EUR")
    child.expect(pexpect.EOF)
    child = spawn("invoice", "void", "INV-2026-001")
    child.expect(r"Void invoice INV-2026-001 of Acme\?")
    child.sendline("n")
    child.expect(pexpect.EOF)
    assert said(child.before)[-1] == "Nothing voided."


@pytest.mark.slow
def test_a_question_shows_on_the_terminal_while_stdout_keeps_only_the_id(
    db_path: Path, tmp_path: Path
) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    printed = tmp_path / "id.txt"
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"}
    command = f"{sys.executable} -m kiaro_cli quote add acme --currency EUR -q > {printed}"
    child = pexpect.spawn("sh", ["-c", command], env=env, encoding="utf-8", timeout=120, dimensions=(40, 120))
    child.expect("Net amount")  # drawn on stderr, the terminal
    child.sendline("100")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert printed.read_text(encoding="utf-8") == "1\n"  # what id=$(…) takes: the id alone


@pytest.mark.slow
def test_a_contact_without_a_name_is_asked_for_one_on_a_terminal(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    child = spawn("contact", "add", "acme", "--email", "ann@acme.com")
    child.expect("Name")
    child.sendline("   ")
    child.expect("Name is required")
    child.send("\x15")
    child.sendline("Ann Lee")
    child.expect(r"Added contact Ann Lee \(#1, primary\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.slow
def test_with_stderr_sent_to_a_file_nothing_is_asked_unseen(db_path: Path, tmp_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    log = tmp_path / "err.txt"
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"}
    command = f"{sys.executable} -m kiaro_cli contact add acme 2> {log}"
    child = pexpect.spawn("sh", ["-c", command], env=env, encoding="utf-8", timeout=120, dimensions=(40, 120))
    child.expect(pexpect.EOF)  # it never waits for an answer to a question drawn into the file
    child.close()
    assert child.exitstatus == 1
    assert log.read_text(encoding="utf-8") == "Error: missing name (--name)\n"


@pytest.mark.slow
def test_ctrl_d_at_a_list_of_choices_cancels_it_as_at_every_question(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme", "--follow-up", "today").returncode == 0
    child = spawn("followup", "done", "acme")
    child.expect("Next follow-up")
    child.expect("Done")
    child.send("\x04")
    child.expect("cancelled; nothing was changed")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    shown = json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)
    assert shown["last_followed_up_at"] is None


@pytest.mark.slow
def test_followup_set_without_a_date_offers_the_chips_on_a_terminal(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    child = spawn("followup", "set", "acme")
    child.expect("Follow up with Acme")
    child.expect("In 3 months")
    child.send("\x1b[B\x1b[B\r")  # In 1 month
    child.expect(r"Acme \(#1\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown = json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)
    assert shown["follow_up_on"] == "2026-12-23"
    refused = kiaro("followup", "set", "acme", "--no-input")
    assert refused.returncode == 1 and refused.stderr.startswith("Error: a follow-up date is required")


@pytest.mark.slow
def test_a_missing_summary_and_project_name_are_asked_on_a_terminal(db_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").returncode == 0
    child = spawn("interaction", "add", "acme", "--type", "call")
    child.expect("Summary")
    child.sendline("Discussed the Q3 scope")
    child.expect(pexpect.EOF)
    child = spawn("project", "add", "acme", "--currency", "EUR")
    child.expect("Project name")
    child.sendline("Website relaunch")
    child.expect(pexpect.EOF)
    logged = json.loads(kiaro("interaction", "list", "acme", "--format", "json").stdout)
    assert [item["summary"] for item in logged] == ["Discussed the Q3 scope"]
    projects = json.loads(kiaro("project", "list", "--format", "json").stdout)
    assert [project["name"] for project in projects] == ["Website relaunch"]
    missing = {"interaction": "summary (SUMMARY)", "project": "project name (NAME)"}
    for command, said in missing.items():
        refused = kiaro(command, "add", "acme")  # off a terminal: one line naming what is missing, exit 1
        assert (refused.returncode, refused.stderr) == (1, f"Error: missing {said}\n")
