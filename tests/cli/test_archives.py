"""export all / import all through the CLI: a database moved in one file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import Run


def test_export_all_and_import_all_move_a_database(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "quick-add", "Acme", "--follow-up", "2w")
    kiaro("interaction", "add", "acme", "Scope call", "--type", "call")
    archive = tmp_path / "all.zip"
    exported = kiaro("export", "all", "--output", str(archive))
    assert exported.exit_code == 0
    assert exported.stderr.startswith("Exported ") and exported.stderr.endswith(f"(1 client) to {archive}\n")
    target = tmp_path / "new.db"
    imported = kiaro("--db", str(target), "import", "all", str(archive))
    assert imported.stdout.endswith(f"(1 client) into {target}; every table checked\n")
    timeline = json.loads(kiaro("--db", str(target), "client", "timeline", "acme", "-f", "json").stdout)
    assert {"call", "created"} <= {entry["kind"] for entry in timeline}  # history came along
    again = kiaro("--db", str(target), "import", "all", str(archive))
    assert again.exit_code == 1 and "is not empty" in again.stderr
    assert kiaro("export", "all").exit_code == 2  # --output is required: a zip is not for a terminal


def test_birthdays_client_dates_and_cadences_move_with_export_all_and_db_copy(
    kiaro: Run, tmp_path: Path
) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann Lee", "--birthday", "--05-17")
    kiaro("client", "date", "add", "acme", "Founded", "2011-04-01", "--yearly")
    kiaro("followup", "set", "acme", "--every", "6w")
    archive = tmp_path / "all.zip"
    assert kiaro("export", "all", "--output", str(archive)).exit_code == 0
    imported, copied = tmp_path / "imported.db", tmp_path / "copied.db"
    assert kiaro("--db", str(imported), "import", "all", str(archive)).exit_code == 0
    assert kiaro("db", "copy", "--to", str(copied), "--yes").exit_code == 0
    for target in (imported, copied):
        dates = json.loads(kiaro("--db", str(target), "dates", "--within", "1y", "-f", "json").stdout)
        assert [d["what"] for d in dates] == ["Founded (16 years)", "Birthday of Ann Lee"]
        client = json.loads(kiaro("--db", str(target), "client", "show", "acme", "-f", "json").stdout)
        assert (client["cadence"], client["follow_up_on"]) == ("6w", "2027-01-04")


def test_a_business_address_of_several_lines_and_a_quote_expired_today_move_with_export_all(
    kiaro: Run, tmp_path: Path
) -> None:
    address = "Keizersgracht 1\n1015 CJ Amsterdam"
    kiaro("settings", "set", "business-address", address)
    kiaro("client", "quick-add", "Acme")
    kiaro("quote", "add", "acme", "--amount", "100", "--currency", "EUR")
    kiaro("quote", "status", "Q-2026-001", "expired")
    archive, target = tmp_path / "all.zip", tmp_path / "new.db"
    assert kiaro("export", "all", "--output", str(archive)).exit_code == 0
    imported = kiaro("--db", str(target), "import", "all", str(archive))
    assert imported.exit_code == 0, imported.stderr
    settings = json.loads(kiaro("--db", str(target), "settings", "show", "-f", "json").stdout)
    assert settings["business-address"] == address
    quote = json.loads(kiaro("--db", str(target), "quote", "show", "Q-2026-001", "-f", "json").stdout)
    assert quote["status"] == "expired"
