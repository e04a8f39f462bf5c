"""docs/screens.md shows what people see (home, lists, cards, a result line) at 80 and 120 columns.

The captures are made from a sample database by the program itself, with the clock and
the time zone pinned, and a test fails when they drift. Regenerate with ``make docs``
(``uv run python -m tests.render.test_screens``).
"""

from __future__ import annotations

import atexit
import os
import re
import shlex
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory, mkdtemp

import pytest
from typer.testing import CliRunner

from kiaro_cli.core.tags import add_tags
from kiaro_cli.storage.location import Location

SCREENS = Path(__file__).parent.parent.parent / "docs" / "screens.md"
WIDTHS = (80, 120)
NOW = "2026-11-23T09:30:00+00:00"
TODAY = date(2026, 11, 23)
ESTIMATE = "Send the revised estimate: four landing pages, hosting and a year of care"
SHOWN: tuple[tuple[str, list[str]], ...] = (
    ("The home screen", []),
    ("A page of clients", ["client", "list"]),
    ("Clients by value", ["client", "list", "--sort", "value", "--desc", "--limit", "5"]),
    ("Clients by revenue", ["client", "list", "--sort", "revenue", "--limit", "5"]),
    ("One client", ["client", "show", "brand factor"]),
    ("What is due", ["followup", "due"]),
    ("A client's history", ["client", "timeline", "brand factor"]),
    ("Interactions", ["interaction", "list"]),
    ("A client's contacts", ["contact", "list", "brand factor"]),
    ("Likely duplicates", ["client", "duplicates"]),
    ("One document", ["doc", "show", "1"]),
    ("The report", ["report"]),
    ("Adding an event", ["event", "add", "brand", ESTIMATE, "--priority", "high", "--due", "2026-11-27"]),
)
HOME = "/home/sam/.local/share/kiaro"  # where the captures say the database's folder is


def on(stamp: str) -> date:
    """Move the pinned clock (the sample's history happens over weeks); return that day."""
    os.environ["KIARO_NOW"] = stamp
    return date.fromisoformat(stamp[:10])


def fill(where: object) -> None:
    """A studio's autumn: full-form clients, leads, follow-ups overdue, due and ahead, calls,
    invoices overdue and a late project."""
    from kiaro_cli.core import clients, contacts, followups, interactions, settings
    from kiaro_cli.core.custom_fields import add_field
    from kiaro_cli.core.documents import add_documents
    from kiaro_cli.core.events import add_event
    from kiaro_cli.storage.location import Location

    assert isinstance(where, Location)
    day = on("2026-09-01T08:15:00+00:00")
    settings.set_setting(where, "owner-name", "Sam Rivera")
    settings.set_setting(where, "default-currency", "EUR")
    settings.set_setting(where, "home-country", "NL")
    brand = {
        "name": "Brand Factor",
        "legal_name": "CDF Marketing Pty Ltd t/a Brand Factor",
        "contact_person": "Thandi Mokoena",
        "email": "thandi@brandfactor.co.za",
        "phone": "021 555 0199",
        "address_line1": "12 Long Street",
        "address_line2": "Floor 3",
        "city": "Cape Town",
        "postal_code": "8001",
        "country": "South Africa",
        "currency": "ZAR",
        "vat_number": "4123456789",
        "industry": "Marketing",
        "value": "48000",
        "source": "referral",
        "notes": "Met at Design Indaba. Pays on time.",
        "owner": "Sam Rivera",
        "language": "Afrikaans",
        "timezone": "South Africa",
        "registration_number": "2019/123456/07",
        "company_size": "35",
        "annual_revenue": "R20M to R100M",
        "linkedin": "linkedin.com/company/brand-factor-cape-town-creative-and-digital-marketing-agency",
        "payment_terms_days": "net 30",
        "invoice_email": "accounts.payable@brandfactor.co.za",
        "iban": "NL91 ABNA 0417 1643 00",
        "bic": "ABNANL2A",
        "minimum_rate": "850",
        "financial_note": "Purchase order number on every invoice; pays on the 25th of the month.",
    }
    add_field(where, "sector", "choice", choices="Retail,Hospitality,Finance")
    add_field(where, "renewal", "date", label="Contract renewal")
    add_field(where, "brand_guidelines", "text", label="Brand guidelines")
    custom = {
        "sector": "hospitality",
        "renewal": "2027-03-31",
        "brand_guidelines": "Teal and sand, no gradients; the logo never on photographs of food.",
    }
    clients.add_client(where, brand, tags=["design", "retainer"], custom=custom, today=day)
    contacts.add_contact(
        where,
        "brand",
        {"name": "Lerato van der Merwe-Dlamini", "email": "lerato@brandfactor.co.za", "role": "finance"},
    )
    contacts.add_contact(
        where,
        "brand",
        {"name": "Pieter Botha", "job_title": "Head of Digital Experience", "role": "technical-lead"},
    )
    assert where.path is not None
    proposal = where.path.parent / "brand-factor-landing-pages-proposal.pdf"
    proposal.write_bytes(b"%PDF-1.4 a proposal\n" * 300)
    add_documents(where, "brand", [proposal], kind="proposal", note="Sent with the estimate")
    people = (
        ("Bakkerij de Vries", "Marieke de Vries", "marieke@bakkerijdevries.nl", "Utrecht", "NL", "7500"),
        ("Zoë Studio", "Zoë Martin", "zoe@studio.fr", "Paris", "FR", "12500"),
        ("Nordic Forge AB", "Erik Lindqvist", "erik.lindqvist@nordicforge.se", "Göteborg", "SE", "3200"),
        (
            "Müller & Söhne Maschinenbau GmbH",
            "Anna Müller",
            "a.mueller@mueller-soehne.de",
            "Stuttgart",
            "DE",
            "",
        ),
    )
    for name, contact, email, city, country, value in people:
        values = {
            "name": name,
            "contact_person": contact,
            "email": email,
            "address_line1": "1 Main Street",
            "city": city,
            "postal_code": "1000",
            "country": country,
            "value": value or None,
        }
        clients.add_client(where, values, today=day)
    day = on("2026-09-20T10:00:00+00:00")
    clients.add_client(
        where,
        {"name": "Acme Corporation International", "follow_up_on": "2026-10-02"},
        full_form=False,
        today=day,
    )
    add_tags(where, "acme", ["enterprise"])
    add_tags(where, "bakkerij", ["food", "local"])
    interactions.add_interaction(where, "brand", "Invoice 2026-031 paid", kind="email", today=day)
    day = on("2026-11-09T16:40:00+00:00")
    clients.edit_client(where, "brand", {"follow_up_on": "2026-11-16"}, today=day)
    clients.edit_client(where, "zoe", {"follow_up_on": "2026-11-20", "status": "inactive"}, today=day)
    clients.add_client(where, {"name": "Café Noir", "follow_up_on": "2026-11-23"}, full_form=False, today=day)
    day = on("2026-11-18T15:05:00+00:00")
    interactions.add_interaction(
        where,
        "brand",
        "Quarterly review: the new campaign needs landing pages by February",
        kind="meeting",
        on="2026-11-18 14:00",
        next_step="Send the estimate for four landing pages",
        today=day,
    )
    clients.add_client(
        where, {"name": "Orbit Analytics", "follow_up_on": "2026-11-27"}, full_form=False, today=day
    )
    clients.add_client(
        where, {"name": "Hollow Pine Records", "follow_up_on": "2027-01-15"}, full_form=False, today=day
    )
    clients.set_archived(where, "hollow pine", True)
    day = on(NOW)
    clients.edit_client(where, "nordic", {"follow_up_on": "2026-12-07"}, today=day)
    add_event(
        where,
        "brand",
        "Invoice 2026-044 disputed: they say the October retainer hours were never agreed",
        kind="complaint",
        priority="high",
        due="2026-11-20",
        sticky=True,
        today=day,
    )
    estimate = "Landing page estimate promised for Friday"
    add_event(where, "brand", estimate, kind="quote", due="2026-11-27", sticky=True, today=day)
    add_event(
        where, "müller", "Sign the NDA before the kick-off", priority="critical", due="2026-11-23", today=day
    )
    interactions.add_interaction(where, "bakkerij", "Photos for the spring menu", kind="call", today=day)
    followups.mark_done(where, "bakkerij", "3m", day)
    clients.add_client(
        where,
        {"name": "Bakkerij de Vries B.V.", "email": "marieke@bakkerijdevries.nl", "city": "Utrecht"},
        full_form=False,
        allow_duplicate=True,
        today=day,
    )
    ledger(where)


def ledger(where: Location) -> None:
    """Two invoices overdue and a project past its deadline; Brand Factor's work, quote and
    invoices in rand; paid invoices of two others in euro."""
    from kiaro_cli.core.references import resolve_client
    from kiaro_cli.storage.unit import Database
    from tests import money_rows
    from tests.ledger_rows import add_invoice, add_project

    with Database(where).read() as reader:
        brand, nordic, bakkerij = (
            resolve_client(reader, name) for name in ("brand", "nordic", "bakkerij de vries")
        )
    add_invoice(where, brand, "INV-2026-044", gross_cents=1840000, due_on="2026-10-31", currency="ZAR")
    add_invoice(where, nordic, "INV-2026-047", gross_cents=320000, paid_cents=120000, due_on="2026-11-16")
    add_project(where, bakkerij, "Spring menu photos", deadline="2026-11-13")
    pages = money_rows.project(where, 1, "Landing pages", deadline="2027-02-26")
    money_rows.project(where, 1, "Autumn campaign", deadline="2026-11-20")
    money_rows.quote(where, 1, "Q-2026-004", 4_800_000, title="Four landing pages", currency="ZAR")
    money_rows.invoice(
        where, 1, 2_400_000, paid=2_400_000, currency="ZAR", number="BF-2026-031", due="2026-10-01"
    )
    money_rows.invoice(
        where,
        1,
        1_800_000,
        paid=600_000,
        currency="ZAR",
        number="BF-2026-044",
        due="2026-11-15",
        project_id=pages,
    )
    money_rows.invoice(where, 2, 420_000, paid=420_000, number="INV-2026-001")
    money_rows.invoice(where, 3, 1_250_000, paid=1_000_000, number="INV-2026-002", due="2026-11-30")
    money_rows.project(where, 3, "Lookbook", status="done")


@cache
def sample() -> Path:
    """The sample database's folder, filled once a process in the pinned world that
    :func:`pinned_world` sets up; each world starts from a copy of it."""
    from kiaro_cli.storage.engine import close_engines
    from kiaro_cli.storage.location import Location

    folder = Path(mkdtemp(prefix="kiaro-sample-"))
    atexit.register(shutil.rmtree, folder, True)
    fill(Location(path=folder / "kiaro.db"))
    close_engines()  # the copies take the whole file, its log written back
    return folder


@contextmanager
def pinned_world() -> Iterator[Path]:
    """A sample database, the clock at :data:`NOW`, local time UTC, no colour, Sam at the keyboard."""
    keys = ("KIARO_DB", "KIARO_NOW", "KIARO_TODAY", "TZ", "NO_COLOR", "KIARO_USER")
    saved = {key: os.environ.get(key) for key in keys}
    with TemporaryDirectory() as folder:
        path = Path(folder) / "kiaro.db"
        os.environ.update(KIARO_DB=str(path), KIARO_NOW=NOW, TZ="UTC", NO_COLOR="1", KIARO_USER="sam")
        os.environ.pop("KIARO_TODAY", None)
        time.tzset()
        try:
            shutil.copytree(sample(), folder, dirs_exist_ok=True)
            os.environ["KIARO_NOW"] = NOW
            yield path
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            time.tzset()


def capture(args: list[str], width: int) -> str:
    """What ``kiaro ARGS`` prints on a terminal ``width`` columns wide (colour aside)."""
    from kiaro_cli.cli.app import app
    from kiaro_cli.render.console import console

    saved, columns = console.size, os.environ.get("COLUMNS")
    console.size = (width, 40)
    os.environ["COLUMNS"] = str(width)  # result lines fit the terminal's width too
    try:
        result = CliRunner().invoke(app, args)
    finally:
        console.size = saved
        if columns is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = columns
    assert result.exit_code == 0, result.output
    shown = result.stdout.replace(str(Path(os.environ["KIARO_DB"]).parent), HOME)
    return "\n".join(line.rstrip() for line in shown.splitlines())


def screens() -> str:
    parts = [
        "# What kiaro looks like\n",
        "Captured from a sample database by `make docs` (`tests/render/test_screens.py`), at 80 and 120 "
        "columns; a test keeps them true. Tables fit the terminal: long names are cut with `…` "
        "and the least useful columns give way first.\n",
    ]
    with pinned_world():
        for title, args in SHOWN:
            command = shlex.join(["kiaro", *args])
            for width in WIDTHS:
                parts.append(
                    f"## {title} — `{command}`, {width} columns\n\n```\n{capture(args, width)}\n```\n"
                )
    return "\n".join(parts)


@pytest.mark.slow
def test_the_screens_in_the_docs_are_current() -> None:
    assert SCREENS.read_text() == screens(), "regenerate with: make docs"


def words(shown: str) -> list[str]:
    """The words on a screen, frames, rules and the report's bars left out."""
    return re.findall(r"[^\s│╭╮╰╯─━┏┓┗┛┃█▏▎▍▌▋▊▉]+", shown)


@pytest.mark.slow
@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize("args", [args for _, args in SHOWN], ids=[title for title, _ in SHOWN])
def test_every_line_fits_and_no_word_is_broken(width: int, args: list[str]) -> None:
    """At any width, each word is whole or cut once with "…": never split across two lines
    (a file's path aside: it is printed whole, on its own line, to be copied)."""
    with pinned_world():
        shown = capture(args, width)
    with pinned_world():  # a world of its own: a command may write
        unbounded = capture(args, 1000)
    assert max(len(line) for line in shown.splitlines() if not line.startswith(HOME)) <= width
    whole = set(words(unbounded))
    for word in words(shown):
        if word.endswith("…"):
            assert any(w.startswith(word[:-1]) for w in whole | {"…"}), word
        else:
            assert word in whole, f"{word!r} is part of a word at {width} columns"


if __name__ == "__main__":
    SCREENS.write_text(screens())
