"""What many tests share: the pinned day, a full client, and a few readers of the database.

Fixtures live in ``conftest.py``; plain helpers live here and are imported by name.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Protocol

from typer.testing import Result

TODAY = date(2026, 11, 23)  # a Monday; KIARO_TODAY pins it for every test
GOLDEN = Path(__file__).parent / "golden"


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
