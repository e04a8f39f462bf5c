"""A benchmark database: N clients made fast, as kiaro itself would store them.

The schema is made by kiaro (one quick-add); the rest is bulk-inserted with the
stdlib driver, so the triggers fill the search index as they do for kiaro's writes.
A fifth of the clients have a follow-up (half of those overdue); each has an email, a
phone and a country, a primary contact with its own email and phone, a third have tags
and notes and a quarter have one to three logged interactions; names and notes mix plain
and accented words. The ledger is ten invoices a client (a line
each; most paid, some in part, some overdue, a few void or drafts), a payment for eight in
ten, a project for a third of the clients (with a third of their invoices) and a quote for a
quarter.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

STATUSES = ("lead", "active", "inactive", "past")
WORDS = [
    "acme",
    "studio",
    "zoë",
    "café",
    "noir",
    "brand",
    "factor",
    "atelier",
    "nordic",
    "lumen",
    "pixel",
    "forge",
    "harbor",
    "bäckerei",
    "müller",
    "olivia",
    "garcía",
    "société",
    "générale",
    "kiosk",
    "orbit",
    "maple",
    "quartz",
]
CITIES = ("Paris", "Berlin", "Cape Town", "Utrecht", "Zürich", "Lisbon", "Austin")
# each city's country and a phone number of it, as kiaro stores numbers (international form)
PLACES = {
    "Paris": ("FR", "+33 1 {a:02d} {b:02d} {c:02d} {d:02d}"),
    "Berlin": ("DE", "+49 30 {a:02d}{b:02d}{c:02d}{d:02d}"),
    "Cape Town": ("ZA", "+27 21 {a:01d}{b:02d} {c:02d}{d:02d}"),
    "Utrecht": ("NL", "+31 30 {a:01d}{b:02d} {c:02d}{d:02d}"),
    "Zürich": ("CH", "+41 44 {a:01d}{b:02d} {c:02d} {d:02d}"),
    "Lisbon": ("PT", "+351 21 {a:01d}{b:02d} {c:02d}{d:02d}"),
    "Austin": ("US", "+1 512-{a:01d}{b:02d}-{c:02d}{d:02d}"),
}


def kiaro_command(args: list[str]) -> list[str]:
    """``kiaro …`` run with this interpreter (``python -m kiaro_cli``)."""
    if args[0] != "kiaro":
        return args
    return [sys.executable, "-m", "kiaro_cli", *args[1:]]


def fold(text: str) -> str:
    from kiaro_cli.search import fold as kiaro_fold

    return kiaro_fold(text)


def search_text_of(values: dict[str, str | None], contacts: list[tuple[str, str, str]]) -> str:
    from kiaro_cli.search import search_text_of as kiaro_search_text

    return kiaro_search_text(values, contacts)


def seed(database: Path, count: int, env: dict[str, str]) -> None:
    """Create ``database`` through kiaro, then bulk-insert clients up to ``count`` with contacts."""
    subprocess.run(
        kiaro_command(["kiaro", "client", "quick-add", "Acme"]),
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    pick = random.Random(7)
    today = date.today()
    stamp = f"{today.isoformat()}T09:00:00+00:00"
    rows = []
    for i in range(1, count):
        follow_up = (today + timedelta(days=i % 120 - 60)).isoformat() if i % 5 == 0 else None
        name = f"{pick.choice(WORDS).capitalize()} {pick.choice(WORDS).capitalize()} {i:06d}"
        city = pick.choice(CITIES)
        email = f"hello{i}@{name.split(maxsplit=1)[0].lower()}.example"
        contact = f"Contact {i + 1}"  # the contact of client i + 1 (Acme is 1)
        notes = f"Met at {pick.choice(WORDS)} event" if i % 3 == 0 else None
        country, pattern = PLACES[city]
        phone = pattern.format(a=2 + i % 7, b=i // 10_000 % 100, c=i // 100 % 100, d=i % 100)
        values = {"name": name, "email": email, "phone": phone, "city": city, "notes": notes}
        search = search_text_of(values, [(contact, f"c{i + 1}@example.com", phone)])
        row = (name, fold(name), email, phone, city, country, STATUSES[i % 4], follow_up, notes)
        rows.append((*row, stamp, stamp, search))
    with sqlite3.connect(database) as connection:
        connection.executemany(
            "INSERT INTO client (name, name_key, email, phone, city, country, status, follow_up_on, notes,"
            " created_at, updated_at, search_text, archived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            rows,
        )
        connection.execute(
            "INSERT INTO contact (client_id, name, email, phone, role, is_primary, created_at)"
            " SELECT id, 'Contact ' || id, 'c' || id || '@example.com', phone, 'other', 1, created_at"
            " FROM client WHERE id > 1"
        )
        tags = [(i, tag, tag) for i in range(2, count + 1, 3) for tag in ("design", f"batch{i % 7}")]
        connection.executemany("INSERT INTO tag (client_id, name, key) VALUES (?, ?, ?)", tags)
        kinds = ("call", "email", "meeting", "note")
        interactions = [
            (
                i,
                kinds[(i + n) % 4],
                (today - timedelta(days=(i * 7 + n * 13) % 400)).isoformat(),
                f"Talked {n}",
                stamp,
            )
            for i in range(2, count + 1, 4)
            for n in range(1 + i % 3)
        ]
        connection.executemany(
            "INSERT INTO interaction (client_id, type, occurred_at, summary, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            interactions,
        )
        connection.execute(
            "UPDATE client SET last_interaction_at ="
            " (SELECT max(occurred_at) FROM interaction i WHERE i.client_id = client.id)"
        )
        seed_ledger(connection, count, today, stamp)


INVOICES_A_CLIENT = 10


def seed_ledger(connection: sqlite3.Connection, count: int, today: date, stamp: str) -> None:
    """Invoices, their lines and payments, projects and quotes, numbered as kiaro numbers them."""
    serials: dict[str, int] = {}
    statuses = ("planned", "active", "on-hold", "done", "cancelled")
    connection.executemany(
        "INSERT INTO project (id, client_id, name, status, currency, deadline, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, 'EUR', ?, ?, ?)",
        [
            ((i + 1) // 3, i, f"Project {i}", statuses[i % 5],
             (today + timedelta(days=i % 90 - 30)).isoformat(), stamp, stamp)
            for i in range(2, count + 1, 3)
        ],
    )  # fmt: skip
    invoices, lines, payments = [], [], []
    for n in range(INVOICES_A_CLIENT * (count - 1)):
        client = 2 + n % (count - 1)
        issued = today - timedelta(days=(n * 37) % 730)
        state = "void" if n % 20 == 0 else "draft" if n % 50 == 1 else "open"
        number = None
        if state != "draft":
            series = f"INV-{issued.year}"
            serials[series] = serials.get(series, 0) + 1
            number = f"{series}-{serials[series]:03d}"
        net = 10_000 + (n * 7919) % 500_000
        vat = (net * 2000 + 5000) // 10_000
        paid = 0 if state != "open" or n % 10 == 2 else net + vat if n % 9 else (net + vat) // 2
        paid_on = (issued + timedelta(days=20)).isoformat() if paid == net + vat else None
        due = (issued + timedelta(days=30)).isoformat()
        project = (client + 1) // 3 if client % 3 == 2 and n % 3 == 0 else None  # a third of theirs
        invoices.append(
            (n + 1, client, project, number, issued.isoformat(), due, "EUR", net, 2000, vat, net + vat, paid,
             state, paid_on, stamp, stamp)
        )  # fmt: skip
        lines.append((n + 1, 1, "Design work", 1000, net, net))
        if paid:
            payments.append((n + 1, client, (issued + timedelta(days=20)).isoformat(), paid, "EUR", stamp))
    connection.executemany(
        "INSERT INTO invoice (id, client_id, project_id, number, issued_on, due_on, currency, net_cents,"
        " vat_rate_bp, vat_cents, gross_cents, paid_cents, state, paid_on, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        invoices,
    )
    connection.executemany(
        "INSERT INTO invoice_line (invoice_id, position, description, quantity_milli, unit_price_cents,"
        " amount_cents) VALUES (?, ?, ?, ?, ?, ?)",
        lines,
    )
    connection.executemany(
        "INSERT INTO payment (invoice_id, client_id, paid_on, amount_cents, currency, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        payments,
    )
    connection.executemany("INSERT INTO ledger_number (series, last) VALUES (?, ?)", serials.items())
    connection.executemany(
        "INSERT INTO quote (client_id, number, issued_on, valid_until, currency, net_cents, vat_rate_bp,"
        " vat_cents, gross_cents, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, 'EUR', ?, 0, 0, ?, ?, ?, ?)",
        [
            (i, f"Q-{today.year}-{i:06d}", today.isoformat(), (today + timedelta(days=30)).isoformat(),
             480_000, 480_000, ("draft", "sent", "accepted", "declined")[i % 4], stamp, stamp)
            for i in range(2, count + 1, 4)
        ],
    )  # fmt: skip


if __name__ == "__main__":
    # python seed.py DATABASE COUNT: seed in a process of its own (the suite stays small,
    # so the memory it measures in its children is theirs alone).
    import os

    target, size = Path(sys.argv[1]), int(sys.argv[2])
    seed(target, size, {**os.environ, "KIARO_DB": str(target)})
