"""``kiaro demo``: a sample studio with something in every corner, never in your own database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import TODAY, Run


def listed(kiaro: Run, db: Path, *args: str) -> list[dict[str, Any]]:
    done = kiaro("--db", str(db), *args, "--format", "json")
    assert done.exit_code == 0, done.stderr
    records: list[dict[str, Any]] = json.loads(done.stdout)
    return records


def test_the_demo_fills_every_corner(kiaro: Run, tmp_path: Path) -> None:
    db = tmp_path / "try.db"
    made = kiaro("demo", "--db", str(db))
    assert made.exit_code == 0, made.stderr
    assert made.stdout.startswith(f"Made a sample studio in {db}: 30 clients, ")
    assert f"Try it: kiaro --db {db}" in made.stdout
    clients = listed(kiaro, db, "client", "list", "--all")
    assert len(clients) == 30
    assert {c["status"] for c in clients} == {"lead", "active", "inactive", "past"}
    due = listed(kiaro, db, "followup", "due")
    assert any(c["follow_up_on"] < TODAY.isoformat() for c in due)
    assert any(c["follow_up_on"] == TODAY.isoformat() for c in due)
    assert listed(kiaro, db, "followup", "list", "--within", "2w")
    assert len(listed(kiaro, db, "interaction", "list")) > 30
    assert {e["kind"] for e in listed(kiaro, db, "event", "list")} == {"quote", "complaint", "reminder"}
    assert listed(kiaro, db, "doc", "list")
    addresses = listed(kiaro, db, "contact", "email", "example")
    assert len(addresses) > 30 and all(a["email"].isascii() for a in addresses)  # typeable: ines@, not inês@
    assert kiaro("--db", str(db), "db", "check").exit_code == 0


@pytest.mark.no_database
def test_the_demo_goes_beside_your_database_and_never_into_a_filled_one(
    kiaro: Run, db_path: Path, tmp_path: Path
) -> None:
    made = kiaro("demo")
    demo = db_path.with_name("demo.db")  # beside KIARO_DB's database, not in the default folder
    assert made.exit_code == 0 and demo.exists()
    assert not db_path.exists()  # KIARO_DB's database: untouched
    assert not (tmp_path / "xdg-data" / "kiaro" / "demo.db").exists()
    again = kiaro("demo")
    assert again.exit_code == 1
    assert (
        again.stderr == f"Error: {demo} has clients already; the demo needs an empty database (--db PATH)\n"
    )
    assert len(listed(kiaro, demo, "client", "list", "--all")) == 30


def test_the_same_day_makes_the_same_sample(kiaro: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    for db in (first, second):
        assert kiaro("demo", "--db", str(db)).exit_code == 0
    keys = ("name", "status", "value", "follow_up_on", "tags", "last_interaction_at")
    shapes = [
        [{k: c[k] for k in keys} for c in listed(kiaro, db, "client", "list", "--all")]
        for db in (first, second)
    ]
    assert shapes[0] == shapes[1]


def test_the_demo_reads_like_a_studio_kept_for_months(kiaro: Run, tmp_path: Path) -> None:
    """Most clients invoice-ready and a few not (the banner and client complete have something
    to show), talks logged after the client was added, events that say what to do."""
    db = tmp_path / "try.db"
    assert kiaro("demo", "--db", str(db)).exit_code == 0
    missing = listed(kiaro, db, "client", "list", "--missing")
    assert 3 <= len(missing) <= 4
    assert f"{len(missing)} clients missing invoice details" in kiaro("--db", str(db)).stdout
    for client in listed(kiaro, db, "client", "list", "--all"):
        history = listed(kiaro, db, "client", "timeline", str(client["id"]))
        created = next(entry["at"] for entry in history if entry["kind"] == "created")
        assert all(entry["at"] >= created[:10] for entry in history)  # nothing before the client was added
    shown = kiaro("--db", str(db), "client", "show", "1").stdout
    assert "before the import" not in shown and "Last interaction" in shown
    texts = {event["text"] for event in listed(kiaro, db, "event", "list")}
    assert "Send the revised quote" in texts
    assert not any(word in text for text in texts for word in ("high", "due", "quote,"))


def test_the_demo_keeps_a_believable_ledger(kiaro: Run, tmp_path: Path) -> None:
    """Projects (one late), quotes in every state, invoices in every status, mostly in euros,
    numbered as issued ones are, so the next invoice and quote continue the series."""
    from kiaro_cli.storage import ledger_queries as q
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.reader import open_reader
    from kiaro_cli.storage.unit import write

    db = tmp_path / "try.db"
    made = kiaro("demo", "--db", str(db))
    assert "5 projects, 8 quotes, 12 invoices." in made.stdout
    where, today = Location(path=db), {"today": TODAY.isoformat()}
    with open_reader(where) as reader:
        invoices = list(reader.rows(q.INVOICE_SELECT + q.INVOICE_ORDER, today))
        quotes = list(reader.rows(q.QUOTE_SELECT + q.QUOTE_ORDER, today))
        projects = list(reader.rows(q.PROJECT_SELECT + q.PROJECT_ORDER, today))
    statuses = [invoice["status"] for invoice in invoices]
    assert set(statuses) == {"draft", "open", "partly-paid", "paid", "overdue", "void"}
    assert [invoice["currency"] for invoice in invoices].count("EUR") == len(invoices) - 1
    numbers = sorted(invoice["number"] for invoice in invoices if invoice["number"])
    assert numbers == [f"INV-2026-{n:03d}" for n in range(1, 12)]  # the draft has none yet
    assert {quote["status"] for quote in quotes} == {"draft", "sent", "expired", "accepted", "declined"}
    assert sorted(quote["number"] for quote in quotes) == [f"Q-2026-{n:03d}" for n in range(1, 9)]
    assert [project["name"] for project in projects if project["late"]] == ["Website relaunch"]
    with write(where) as w:
        assert (w.take_number("INV-2026"), w.take_number("Q-2026")) == (12, 9)
    assert kiaro("--db", str(db), "db", "check").exit_code == 0
