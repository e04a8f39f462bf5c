"""Sentences that count: the verb and the noun agree with the number."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import Run


def test_one_bad_row_of_one_is_invalid(kiaro: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "one.csv"
    sheet.write_text("name,email\nAcme,not-an-email\n")
    refused = kiaro("import", "clients", str(sheet))
    assert refused.stderr.splitlines()[0] == "Error: 1 of 1 row is invalid; nothing was imported"


def test_one_of_several_due_follow_ups_is_yours(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIARO_USER", "sam")
    for name, owner in (("Acme", "sam"), ("Beta", "lee"), ("Gamma", "lee")):
        kiaro("client", "quick-add", name, "--follow-up", "today")
        kiaro("client", "edit", name.lower(), "--owner", owner)
    assert "1 of 3 due follow-ups is yours: kiaro client list --due --owner me" in kiaro().stdout


def test_one_source_became_a_client(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("client", "edit", "acme", "--source", "referral")
    kiaro("client", "status", "acme", "active")
    shown = kiaro("report").stdout
    assert "1 became a client" in shown and "1 became clients" not in shown
