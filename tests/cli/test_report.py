"""``kiaro report``: the numbers as JSON, the charts on a terminal, and the web page,
checked in a real headless browser (Chromium) that must draw its eight charts."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import CHROMIUM, HEADLESS, TODAY, Run


@pytest.fixture(scope="module")
def made_studio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample studio, made once by ``kiaro demo`` on the pinned day (each test takes a copy)."""
    from kiaro_cli.cli.app import app
    from kiaro_cli.storage.engine import close_engines

    db, home = tmp_path_factory.mktemp("studio") / "studio.db", tmp_path_factory.mktemp("home")
    env = {"KIARO_TODAY": TODAY.isoformat(), "XDG_DATA_HOME": str(home), "XDG_CONFIG_HOME": str(home)}
    made = CliRunner().invoke(app, ["demo", "--db", str(db)], env=env)
    assert made.exit_code == 0, made.stderr
    close_engines()  # a copy takes the whole file
    return db


@pytest.fixture
def studio(made_studio: Path, tmp_path: Path) -> Path:
    shutil.copytree(made_studio.parent, tmp_path / "studio")
    return tmp_path / "studio" / made_studio.name


def test_the_report_as_json(kiaro: Run, studio: Path) -> None:
    made = json.loads(kiaro("--db", str(studio), "report", "--format", "json").stdout)
    assert list(made) == [
        "today", "pipeline", "sources", "follow_ups", "interactions",
        "revenue", "outstanding_by_client", "outstanding_by_owner", "quote_conversion",
    ]  # fmt: skip
    assert sum(line["clients"] for line in made["pipeline"]) == 30
    assert [count["label"] for count in made["follow_ups"]][:2] == ["overdue", "2026-11-23"]
    assert len(made["interactions"]) == 12 and made["interactions"][-1]["label"] == "2026-11"
    # the sample's money: paid in euros and dollars, never summed
    assert made["revenue"][-1] == {"label": "2026-11", "amounts": {"EUR": 1200, "USD": 2000}}
    assert made["outstanding_by_client"][0] == {
        "client_id": made["outstanding_by_client"][0]["client_id"], "client": "Kobalt Labs", "clients": 1,
        "currency": "EUR", "amount": 7200,
    }  # fmt: skip
    assert [(line["currency"], line["amount"]) for line in made["outstanding_by_client"]][-1] == ("USD", 2500)
    owners = {line["owner"] for line in made["outstanding_by_owner"]}
    assert owners == {"Alex Kim", "Sam Rivera", None}  # null: the clients of no one
    assert made["quote_conversion"] == {"accepted": 3, "declined": 2, "rate": 60, "open": 2}


def test_the_charts_on_a_terminal(kiaro: Run, studio: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiaro_cli.render.console import console

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(console, "size", (80, 40))  # whatever width an earlier test left it
    shown = kiaro("--db", str(studio), "report").stdout
    for title in ("Pipeline", "Where clients came from", "Follow-ups", "Interactions per month"):
        assert title in shown
    assert re.search(r"Client +█+ +13 +EUR", shown)  # the largest status fills its bar
    assert "Revenue by month (paid), EUR" in shown and "Revenue by month (paid), USD" in shown
    assert re.search(r"Oct 2026 +█+ +7,920\.00 EUR", shown)  # the best month of each currency fills its bar
    assert re.search(r"Kobalt Labs +█+ +7,200\.00 EUR", shown)
    assert re.search(r"Summit Schools +█+ +2,500\.00 USD", shown)  # against the dollars, not the euros
    owed = [
        line.strip()
        for line in shown.split("Outstanding by client\n")[1].split("Outstanding by owner")[0].splitlines()
    ]
    assert owed.index("") < len(owed) - 3  # a blank line before the dollars begin
    assert owed[-2] == "Each currency's bars are scaled to its own largest amount."
    assert "3 of 5 decided were accepted (60%)" in shown
    assert max(len(line) for line in shown.splitlines()) <= 80


def test_a_book_without_money_says_so(kiaro: Run) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    shown = kiaro("report").stdout
    assert "Nothing paid in the last 12 months." in shown
    assert shown.count("Nothing outstanding.") == 2
    assert "no quotes decided yet" in shown
    made = json.loads(kiaro("report", "--format", "json").stdout)
    assert made["quote_conversion"] == {"accepted": 0, "declined": 0, "rate": None, "open": 0}
    assert made["outstanding_by_client"] == made["outstanding_by_owner"] == []


def test_the_web_page_needs_no_network(kiaro: Run, studio: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    written = kiaro("--db", str(studio), "report", "--html", str(page))
    assert written.stdout == f"Wrote the report to {page}\n"
    text = page.read_text()
    assert "<script src" not in text and "<link" not in text and "Chart.js v4" in text
    assert text.count("<canvas") == 8


HOSTILE_SOURCE = "<!--<script></script>&amp;"  # a comment opened in the data swallows the scripts after it


@pytest.fixture
def hostile(kiaro: Run, studio: Path) -> Path:
    added = kiaro("--db", str(studio), "client", "quick-add", "Mallory")
    assert added.exit_code == 0, added.stderr
    added = kiaro("--db", str(studio), "client", "edit", "Mallory", "--source", HOSTILE_SOURCE)
    assert added.exit_code == 0, added.stderr
    return studio


def test_the_page_data_holds_no_markup_yet_reads_back_the_same(
    kiaro: Run, hostile: Path, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    kiaro("--db", str(hostile), "report", "--html", str(page))
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page.read_text())
    assert found is not None
    assert not set("<>&") & set(found[1])
    assert HOSTILE_SOURCE in [line["source"] for line in json.loads(found[1])["sources"]]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def charts_drawn(page: Path) -> str | None:
    """How many canvases a headless Chromium found painted once the page's scripts ran."""
    assert CHROMIUM is not None
    dom = subprocess.run(
        [CHROMIUM, *HEADLESS, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    found = re.search(r'data-charts-drawn="(\d+)"', dom)
    return found[1] if found else None


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (.ci/run installs Debian's chromium)")
def test_a_browser_draws_the_eight_charts(kiaro: Run, studio: Path, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "report.html"
    kiaro("--db", str(studio), "report", "--html", str(page))
    assert charts_drawn(page) == "8"  # every canvas holds painted pixels
    shot = tmp_path / "report.png"
    browser = [CHROMIUM, *HEADLESS]
    subprocess.run(
        [*browser, "--window-size=1100,2600", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=300,
        check=True,
    )
    assert png_size(shot) == (1100, 2600)
    assert shot.stat().st_size > 30_000  # eight charts, not a blank page


def test_the_terminal_and_the_web_page_use_the_same_words(kiaro: Run, studio: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    kiaro("--db", str(studio), "report", "--html", str(page))
    text, shown = page.read_text(), kiaro("--db", str(studio), "report").stdout
    for said in ("Inactive client", "Past client", "this week", "from Mon 30 Nov", "Nov 2026", "EUR "):
        assert said in shown and f"<td>{said}" in text, said
    for said in ("Kobalt Labs", "7,200.00 EUR", "2,500.00 USD", "no owner", "accepted", "open"):
        assert said in shown and f"<td>{said}</td>" in text, said
    assert "<p>3 of 5 decided were accepted (60%)</p>" in text
    amount = re.search(r"^ Client +█+ +\d+ +(EUR \d.*?) *$", shown, re.MULTILINE)  # "EUR 221,250, USD 25,750"
    assert amount is not None and f"<td>{amount.group(1)}</td>" in text


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (.ci/run installs Debian's chromium)")
def test_a_browser_draws_the_eight_charts_whatever_a_source_says(
    kiaro: Run, hostile: Path, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    kiaro("--db", str(hostile), "report", "--html", str(page))
    assert charts_drawn(page) == "8"


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (.ci/run installs Debian's chromium)")
def test_a_browser_draws_every_chart_of_a_book_without_money(kiaro: Run, tmp_path: Path) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    page = tmp_path / "report.html"
    kiaro("report", "--html", str(page))
    assert charts_drawn(page) == "8"
