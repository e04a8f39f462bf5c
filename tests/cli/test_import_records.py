"""Importing kiaro's own contact and interaction exports as spreadsheets leave them, and
the rows an import sets aside written back to fix."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import Run


def ok(kiaro: Run, *args: str) -> str:
    done = kiaro(*args)
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


def test_contacts_and_interactions_lose_the_spreadsheet_escape(kiaro: Run, tmp_path: Path) -> None:
    ok(kiaro, "client", "quick-add", "Brand Factor")
    ok(kiaro, "client", "edit", "brand factor", "--country", "ZA")
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "client_name,name,phone,job_title\nBrand Factor,Thandi,'+27 82 555 1234,'-Art director\n"
    )
    interactions = tmp_path / "interactions.csv"
    interactions.write_text(
        "client_name,type,occurred_at,summary,next_step\n"
        "Brand Factor,call,2026-11-20,'+1 for the new logo,'=Send the draft\n"
    )
    ok(kiaro, "import", "contacts", str(contacts))
    ok(kiaro, "import", "interactions", str(interactions))
    view = json.loads(ok(kiaro, "client", "show", "brand factor", "--format", "json"))
    (thandi,) = view["contacts"]
    assert (thandi["phone"], thandi["job_title"]) == ("+27 82 555 1234", "-Art director")
    assert ok(kiaro, "client", "list", "--search", "+27 82 555 1234", "-q") == "1\n"
    (logged,) = json.loads(ok(kiaro, "interaction", "list", "--format", "json"))
    assert (logged["summary"], logged["next_step"]) == ("+1 for the new logo", "=Send the draft")
    exported = ok(kiaro, "export", "contacts")
    assert ",'+27 82 555 1234," in exported and "''" not in exported  # escaped once, as it came in
