"""``import clients --on-duplicate update`` says, client by client, each field it changes
(old → new), joins notes rather than replacing them, and prints its notes and reasons on
stderr, a line each, beside a one-line summary on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import Run, dump


def ok(kiaro: Run, *args: str) -> str:
    done = kiaro(*args)
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


def acme(kiaro: Run) -> dict[str, object]:
    return json.loads(ok(kiaro, "client", "show", "acme", "--format", "json"))  # type: ignore[no-any-return]


def test_an_update_shows_each_field_old_to_new_and_joins_notes(
    kiaro: Run, tmp_path: Path, db_path: Path
) -> None:
    ok(kiaro, "client", "quick-add", "Acme")
    ok(kiaro, "client", "edit", "acme", "--email", "old@acme.example", "--city", "Leeds")
    ok(kiaro, "client", "edit", "acme", "--notes", "Met at the fair.")
    source = tmp_path / "update.csv"
    source.write_text("name,email,city,notes,tags\nAcme,new@acme.example,York,Call in May,design\n")
    before = dump(db_path)
    preview = ok(kiaro, "import", "clients", str(source), "--on-duplicate", "update", "--dry-run")
    assert dump(db_path) == before
    said = [
        "Acme (#1), line 2:",
        "  email: old@acme.example → new@acme.example",
        "  city: Leeds → York",
        "  notes: Met at the fair. → Met at the fair. + Call in May",
        "  tags: + design",
    ]
    assert preview.splitlines()[-6:] == [
        *said,
        "Would add 0 clients, would update 1, would skip 0 (dry run: nothing was written)",
    ]
    done = ok(kiaro, "import", "clients", str(source), "--on-duplicate", "update")
    assert done.splitlines()[-6:] == [*said, "Added 0 clients, updated 1, skipped 0"]
    client = acme(kiaro)
    assert (client["email"], client["city"]) == ("new@acme.example", "York")
    assert client["notes"] == "Met at the fair.\n\nCall in May"  # joined, as client merge joins them
    again = ok(kiaro, "import", "clients", str(source), "--on-duplicate", "update")
    assert "Acme (#1), line 2:\n  nothing new\n" in again
    assert acme(kiaro)["notes"] == "Met at the fair.\n\nCall in May"


def test_a_repeated_row_joins_its_notes_to_the_earlier_ones(kiaro: Run, tmp_path: Path) -> None:
    source = tmp_path / "twice.csv"
    source.write_text("name,city,notes\nAcme,Leeds,Met at the fair.\nAcme,York,Call in May\n")
    ok(kiaro, "import", "clients", str(source), "--on-duplicate", "update")
    client = acme(kiaro)
    assert (client["city"], client["notes"]) == ("York", "Met at the fair.\n\nCall in May")


@pytest.mark.slow
def test_notes_and_reasons_go_to_stderr_a_line_each_when_piped(tmp_path: Path) -> None:
    source = tmp_path / "crm.csv"
    source.write_text("Company,E-mail,Phone\nFlower Shop,,1-800-FLOWERS\nBad Mail AG,not-an-email,\n")
    env = {key: value for key, value in os.environ.items() if key != "COLUMNS"}  # piped: no width
    done = subprocess.run(
        [sys.executable, "-m", "kiaro_cli", "import", "clients", str(source), "--skip-invalid", "--dry-run"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert done.stderr.splitlines() == [
        "line 3: set aside, invalid email 'not-an-email': An email address must have an @-sign.",
        "Note: line 2: phone '1-800-FLOWERS' kept as written (not a number kiaro can check)",
    ]
    assert done.stdout.splitlines()[-1] == (
        "Would add 1 client, would update 0, would skip 0, set aside 1 (dry run: nothing was written)"
    )
