"""What many tests share: the pinned day, a full client, and a few readers of the database.

Fixtures live in ``conftest.py``; plain helpers live here and are imported by name.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Protocol

from click.testing import Result

TODAY = date(2026, 11, 23)  # a Monday; KIARO_TODAY pins it for every test
GOLDEN = Path(__file__).parent / "golden"
# A browser for the tests that draw or print kiaro's web pages (.ci/run installs Debian's chromium).
CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
HEADLESS = ("--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000")


class Run(Protocol):
    """The ``kiaro`` fixture: ``kiaro("client", "list")`` runs kiaro in-process; ``input=`` feeds stdin."""

    def __call__(self, *args: str, input: str | None = None) -> Result: ...


FULL = {
    "name": "Brand Factor",
    "legal_name": "CDF Marketing Pty Ltd",
    "contact_person": "Thandi Mokoena",
    "email": "thandi@brandfactor.co.za",
    "address_line1": "12 Long Street",
    "city": "Cape Town",
    "postal_code": "8001",
    "country": "South Africa",
}
FULL_ARGS = [
    "--name",
    "Brand Factor",
    "--legal-name",
    "CDF Marketing Pty Ltd",
    "--contact",
    "Thandi Mokoena",
    "--email",
    "thandi@brandfactor.co.za",
    "--address",
    "12 Long Street",
    "--city",
    "Cape Town",
    "--postal-code",
    "8001",
    "--country",
    "South Africa",
]


def dump(path: Path) -> list[str]:
    """The whole database as SQL: equal dumps mean nothing changed."""
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def golden_keys(name: str) -> list[str]:
    """The keys of a JSON output, in order, as ``tests/golden/NAME.json`` pins them."""
    return list(json.loads((GOLDEN / f"{name}.json").read_text()))


SERVER = os.environ.get("KIARO_TEST_POSTGRES_URL")  # a PostgreSQL server the tests may use


def made_once(folder: Path, home: Path, *commands: list[str]) -> Path:
    """A database made by running kiaro ``commands`` on it, as the ``kiaro`` fixture runs them
    (the pinned day, no colour, the user's folders in ``home``): a module fixture makes it
    once, and each test takes its own copy with :func:`copy_into`."""
    from typer.testing import CliRunner

    from kiaro_cli.cli.app import app
    from kiaro_cli.storage.engine import close_engines

    db = folder / "kiaro.db"
    env = {
        "KIARO_DB": str(db),
        "XDG_DATA_HOME": str(home / "xdg-data"),
        "XDG_CONFIG_HOME": str(home / "xdg-config"),
        "KIARO_TODAY": TODAY.isoformat(),
        "NO_COLOR": "1",
        "COLUMNS": "200",
        "KIARO_DEBUG": None,
    }
    runner = CliRunner()
    for args in commands:
        done = runner.invoke(app, args, env=env)
        assert done.exit_code == 0, (args, done.stderr)
    close_engines()  # a copy takes the whole file
    return db


def copy_into(made: Path, db: Path) -> None:
    """A copy of a database :func:`made_once` made, documents and all, at ``db``."""
    shutil.copytree(made.parent, db.parent, dirs_exist_ok=True)


def add_many(kiaro: Run, folder: Path, names: list[str], **values: str) -> None:
    """Clients by name, each with the same ``values``, added by one import (one write, where a
    quick-add a name is one write each): for what a page of many rows shows."""
    source = folder / "many.csv"
    with source.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([["name", *values], *([name, *values.values()] for name in names)])
    done = kiaro("import", "clients", str(source))
    assert done.exit_code == 0, done.stderr
