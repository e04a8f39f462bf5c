"""``kiaro report``: the numbers as JSON, the charts on a terminal, and the web page,
checked in a real headless browser (Chromium) that must draw its four charts."""

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
    assert list(made) == ["today", "pipeline", "sources", "follow_ups", "interactions"]
    assert sum(line["clients"] for line in made["pipeline"]) == 30
    assert [count["label"] for count in made["follow_ups"]][:2] == ["overdue", "2026-11-23"]
    assert len(made["interactions"]) == 12 and made["interactions"][-1]["label"] == "2026-11"


def test_the_charts_on_a_terminal(kiaro: Run, studio: Path) -> None:
    shown = kiaro("--db", str(studio), "report").stdout
    for title in ("Pipeline", "Where clients came from", "Follow-ups", "Interactions per month"):
        assert title in shown
    assert re.search(r"Client +█+ +13 +EUR", shown)  # the largest status fills its bar


def test_the_web_page_needs_no_network(kiaro: Run, studio: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    written = kiaro("--db", str(studio), "report", "--html", str(page))
    assert written.stdout == f"Wrote the report to {page}\n"
    text = page.read_text()
    assert "<script src" not in text and "<link" not in text and "Chart.js v4" in text
    assert text.count("<canvas") == 4


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
def test_a_browser_draws_the_four_charts(kiaro: Run, studio: Path, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "report.html"
    kiaro("--db", str(studio), "report", "--html", str(page))
    assert charts_drawn(page) == "4"  # every canvas holds painted pixels
    shot = tmp_path / "report.png"
    browser = [CHROMIUM, *HEADLESS]
    subprocess.run(
        [*browser, "--window-size=1100,2600", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=300,
        check=True,
    )
    assert png_size(shot) == (1100, 2600)
    assert shot.stat().st_size > 30_000  # four charts, not a blank page


def test_the_terminal_and_the_web_page_use_the_same_words(kiaro: Run, studio: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    kiaro("--db", str(studio), "report", "--html", str(page))
    text, shown = page.read_text(), kiaro("--db", str(studio), "report").stdout
    for said in ("Inactive client", "Past client", "this week", "from Mon 30 Nov", "Nov 2026", "EUR "):
        assert said in shown and f"<td>{said}" in text, said
    amount = re.search(r"Client +█+ +\d+ +(EUR [\d,]+)", shown)
    assert amount is not None and f"<td>{amount.group(1)}</td>" in text


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (.ci/run installs Debian's chromium)")
def test_a_browser_draws_the_four_charts_whatever_a_source_says(
    kiaro: Run, hostile: Path, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    kiaro("--db", str(hostile), "report", "--html", str(page))
    assert charts_drawn(page) == "4"
