"""Values a restored database or a teammate's rows hold that kiaro never stores (text in an
amount, a day that is no day, a setting ``settings set`` refuses): every command still
shows the rest, the value reads as unknown, and ``kiaro db check`` names each one."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kiaro_cli.storage.location import Location
from tests.fixtures.ledger_book import write_ledger
from tests.helpers import Run

CORRUPTIONS = (
    (
        "UPDATE invoice SET gross_cents = 'abc' WHERE number = 'ACME-2026-001'",
        "gross_cents is not a whole number",
    ),
    ("UPDATE invoice SET due_on = '2026-02-30' WHERE number = 'ACME-2026-002'", "due_on is not a date"),
    ("UPDATE project SET deadline = 'soon'", "deadline is not a date"),
    ("UPDATE client SET vat_rate_bp = 'abc'", "vat_rate_bp is not a whole number"),
    ("INSERT INTO setting (key, value) VALUES ('default-vat-rate', 'NaN')", "VAT rate 'NaN' is not a number"),
    ("UPDATE quote SET valid_until = '2026-W49-1'", "valid_until is not a date"),  # a week, not a day
    ("INSERT INTO setting (key, value) VALUES ('dates-ahead-days', '99999999999')", "dates-ahead-days"),
    ("UPDATE client_date SET falls_on = '--12-09'", "falls_on is not a date"),
    ("UPDATE contact SET birthday = '--13-45'", "birthday is not a birthday"),
    (
        "UPDATE invoice SET paid_cents = 0 WHERE number = 'ACME-2026-002'",
        "paid amount is not the sum of its payments",
    ),
)


@pytest.fixture
def hostile(kiaro: Run, location: Location, db_path: Path) -> Path:
    write_ledger(location)
    assert kiaro("client", "date", "add", "acme", "Renewal", "2026-11-25").exit_code == 0
    assert kiaro("contact", "add", "acme", "--name", "Ann Lee", "--birthday", "--11-26").exit_code == 0
    with sqlite3.connect(db_path) as connection:
        for sql, _ in CORRUPTIONS:
            connection.execute(sql)
    return db_path


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["client", "list"],
        ["client", "show", "acme"],
        ["invoice", "list"],
        ["invoice", "show", "ACME-2026-001"],
        ["invoice", "list", "--overdue"],
        ["project", "list", "--all"],
        ["quote", "list"],
        ["dates", "--within", "1y"],
        ["export", "ics"],
        ["export", "invoices", "--format", "json"],
        ["report"],
        ["settings", "show"],
    ],
)
def test_every_command_shows_the_rest_of_a_book_with_values_kiaro_never_stores(
    kiaro: Run, hostile: Path, args: list[str]
) -> None:
    done = kiaro(*args)
    assert (done.exit_code, done.stderr) == (0, ""), args


def test_an_amount_that_is_no_number_shows_as_unknown(kiaro: Run, hostile: Path) -> None:
    shown = json.loads(kiaro("invoice", "show", "ACME-2026-001", "--format", "json").stdout)
    assert (shown["gross"], shown["outstanding"]) == (None, None)
    assert "? EUR" in kiaro("invoice", "show", "ACME-2026-001").stdout
    other = json.loads(kiaro("invoice", "show", "ACME-2026-002", "--format", "json").stdout)
    assert other["due_on"] is None  # 30 February is no day


def test_db_check_names_each_value_kiaro_would_never_store(kiaro: Run, hostile: Path) -> None:
    checked = kiaro("db", "check")
    assert checked.exit_code == 1
    named = [line for line in checked.stderr.splitlines() if line.strip().startswith(("value: ", "ledger: "))]
    for _, said in CORRUPTIONS:
        assert any(said in line for line in named), (said, named)


def test_a_line_whose_quantity_is_no_number_reads_as_unknown_in_every_format(
    kiaro: Run, hostile: Path, db_path: Path
) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE invoice_line SET quantity_milli = '1e999x' WHERE position = 1")
    assert "Design × ? @ 600.00" in kiaro("export", "invoices").stdout  # the fast path
    assert "Design × ? @ 600.00" in kiaro("invoice", "show", "ACME-2026-001", "--format", "csv").stdout
    card = kiaro("invoice", "show", "ACME-2026-001")
    assert card.exit_code == 0 and "Design" in card.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["invoice", "pay", "ACME-2026-001"],
        ["do", "Acme paid ACME-2026-001", "--yes"],
        ["invoice", "show", "ACME-2026-001", "--html", "page.html"],
    ],
)
def test_an_invoice_whose_amount_kiaro_cannot_read_is_neither_paid_nor_printed(
    kiaro: Run, hostile: Path, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    refused = kiaro(*args)
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: ACME-2026-001 holds an amount kiaro cannot read; kiaro db check names it\n",
    )
    assert not (tmp_path / "page.html").exists()


# A day or a moment that is no day, a status kiaro does not know, history data that is no
# JSON object: each on a client of its own, as a teammate's rows or a restored file hold them.
CLIENT_CORRUPTIONS = (
    ("UPDATE client SET follow_up_on = '2026-02-30' WHERE name = 'Alpha'", "follow_up_on is not a date"),
    ("UPDATE client SET last_followed_up_at = 'soon' WHERE name = 'Beta'", "last_followed_up_at is not"),
    ("UPDATE client SET last_interaction_at = '99999-01-01' WHERE name = 'Gamma'", "last_interaction_at"),
    ("UPDATE client SET status = 'weird' WHERE name = 'Delta'", "status is not one of lead"),
    ("UPDATE client SET created_at = 'garbage' WHERE name = 'Epsilon'", "created_at is not a date and time"),
    ("UPDATE event SET due_on = '2026-13-45'", "due_on is not a date"),
    ("UPDATE interaction SET occurred_at = '2026-12-06Tgarbage'", "occurred_at is not a date and time"),
    ("UPDATE activity SET data = '{bad' WHERE kind = 'interaction logged'", "data is not a JSON object"),
)


@pytest.fixture
def unreadable(kiaro: Run, db_path: Path) -> Path:
    for name in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon"):
        assert kiaro("client", "quick-add", name, "--follow-up", "today").exit_code == 0
    assert kiaro("followup", "done", "beta", "--next", "1w").exit_code == 0
    assert kiaro("interaction", "add", "gamma", "Kick-off call", "--on", "2026-11-20 10:00").exit_code == 0
    event = ("event", "add", "alpha", "Send the contract", "--priority", "critical", "--due", "1w")
    assert kiaro(*event).exit_code == 0
    with sqlite3.connect(db_path) as connection:
        for sql, _ in CLIENT_CORRUPTIONS:
            connection.execute(sql)
    return db_path


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["home", "--format", "json"],
        ["client", "list"],
        ["client", "list", "--sort", "activity", "--format", "json"],
        ["client", "show", "alpha"],
        ["client", "show", "gamma", "--format", "json"],
        ["client", "timeline", "gamma"],
        ["client", "show", "delta"],
        ["followup", "due"],
        ["followup", "list"],
        ["followup", "draft", "delta"],
        ["followup", "draft", "gamma"],
        ["interaction", "list"],
        ["event", "list", "--format", "json"],
        ["export", "ics"],
        ["report"],
    ],
)
def test_a_day_status_or_history_kiaro_never_stores_stops_no_screen(
    kiaro: Run, unreadable: Path, args: list[str]
) -> None:
    done = kiaro(*args)
    assert (done.exit_code, done.stderr) == (0, ""), args


def test_a_follow_up_that_is_no_day_reads_as_none_and_db_check_names_each_value(
    kiaro: Run, unreadable: Path
) -> None:
    alpha = json.loads(kiaro("client", "show", "alpha", "--format", "json").stdout)
    assert alpha["follow_up_on"] is None
    due = json.loads(kiaro("followup", "due", "--format", "json").stdout)
    assert "Alpha" not in [client["name"] for client in due] and "Beta" not in [c["name"] for c in due]
    named = [line for line in kiaro("db", "check").stderr.splitlines() if "value: " in line]
    for _, said in CLIENT_CORRUPTIONS:
        assert any(said in line for line in named), (said, named)


def test_restore_refuses_bytes_where_kiaro_keeps_text(kiaro: Run, db_path: Path, tmp_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    backup = tmp_path / "theirs.db"
    assert kiaro("db", "backup", str(backup)).exit_code == 0
    with sqlite3.connect(backup) as connection:
        connection.execute("UPDATE client SET notes = x'1b5b33316d' WHERE name = 'Acme'")
    refused = kiaro("db", "restore", str(backup), "--yes")
    assert refused.exit_code == 1
    assert "client row 1, field notes; nothing was restored" in refused.stderr


def test_a_total_the_database_adds_up_past_any_amount_counts_as_nothing(
    kiaro: Run, location: Location, db_path: Path
) -> None:
    write_ledger(location)
    with sqlite3.connect(db_path) as connection:  # SQLite adds a REAL up as a float: the sum is one
        connection.execute("UPDATE invoice SET gross_cents = 1e300 WHERE number = 'ACME-2026-001'")
    shown = kiaro("report", "--format", "json")
    assert (shown.exit_code, shown.stderr) == (0, "")
    drawn = kiaro("report")
    assert (drawn.exit_code, drawn.stderr) == (0, "")


def test_home_counts_every_due_follow_up_beside_one_that_is_no_day_and_skips_such_an_event(
    kiaro: Run, db_path: Path
) -> None:
    for name in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon"):
        assert kiaro("client", "quick-add", name, "--follow-up", "today").exit_code == 0
    assert (
        kiaro("event", "add", "beta", "Sign the NDA", "--priority", "critical", "--due", "today").exit_code
        == 0
    )
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE client SET follow_up_on = '2026-02-30' WHERE name = 'Alpha'")
        connection.execute("UPDATE event SET due_on = '2026-02-30'")
    home = kiaro("home", "--format", "json")
    assert (home.exit_code, home.stderr) == (0, "")
    assert json.loads(home.stdout)["follow_ups_due"] >= 4  # the others are not hidden by Alpha's
    drawn = kiaro()
    assert (drawn.exit_code, drawn.stderr) == (0, "") and "more due" in drawn.stdout
