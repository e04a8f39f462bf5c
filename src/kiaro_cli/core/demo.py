"""A sample studio to try every command on: 30 clients across the pipeline, their
contacts, interactions, follow-ups overdue, due and ahead, events and documents.

Everything is made through the same use cases as typed commands, in one transaction,
and dated from ``today``, so the sample always has something due. The same day gives
the same sample.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiaro_cli.errors import Conflict
from kiaro_cli.search import fold
from kiaro_cli.storage.reader import scalar

if TYPE_CHECKING:
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.unit import Writer

# One client a line: name | industry | city | country | status | source | contacts (name: role; …)
STUDIO = """
Nordlicht Brewing | Food | Hamburg | DE | active | referral | Jonas Weber: decision-maker; Mia Krause: finance
Brand Factor | Marketing | Cape Town | ZA | active | website | Thandi Mokoena: decision-maker
Atelier Sauvage | Fashion | Lyon | FR | lead | social | Camille Girard: decision-maker
Harbour & Pine | Hotels | Bristol | GB | active | repeat | Oliver Hughes: decision-maker; Grace Evans: finance
Kobalt Labs | Software | Utrecht | NL | active | referral | Sanne de Vries: technical-lead
Casa Olivo | Food | Valencia | ES | lead | website | Lucía Martín: decision-maker
Fjord Outdoor | Retail | Bergen | NO | inactive | referral | Ingrid Larsen: decision-maker
Studio Meridian | Architecture | Milan | IT | active | event | Giulia Conti: decision-maker
Greenline Transit | Transport | Copenhagen | DK | past | website | Mads Nielsen: technical-lead
Maple & Co | Consulting | Toronto | CA | lead | referral | Emma Tremblay: decision-maker
Saffron Kitchen | Food | Leeds | GB | active | social | Priya Patel: decision-maker
Blue Heron Books | Publishing | Dublin | IE | inactive | repeat | Aoife Byrne: decision-maker
Vela Yachts | Manufacturing | Split | HR | lead | event | Ivan Horvat: decision-maker
Quarry Fitness | Gyms | Perth | AU | active | website | Jack Wilson: decision-maker; Chloe Brown: finance
Lumen Dental | Health | Antwerp | BE | active | referral | Lotte Peeters: decision-maker
Paper Crane Films | Media | Kyoto | JP | lead | social | Haruto Sato: decision-maker
Tidewater Legal | Legal | Boston | US | past | referral | Sarah Miller: finance
Alpen Chalets | Hotels | Innsbruck | AT | active | repeat | Lukas Gruber: decision-maker
Redwood Analytics | Software | Austin | US | lead | website | Daniel Garcia: technical-lead
Moss & Stone | Interior design | Gothenburg | SE | active | social | Elsa Lindqvist: decision-maker
Copper Kettle Café | Food | Wellington | NZ | inactive | website | Aroha Ngata: decision-maker
Orbit Robotics | Manufacturing | Munich | DE | lead | event | Felix Bauer: technical-lead
Wildflower Weddings | Events | Porto | PT | active | social | Inês Costa: decision-maker
Granite Ventures | Finance | Edinburgh | GB | lead | referral | Callum Reid: decision-maker
Solace Yoga | Health | Lisbon | PT | past | website | Rita Alves: decision-maker
Ironbark Tools | Retail | Perth | AU | active | repeat | Liam Taylor: finance
Nimbus Cloudworks | Software | Tallinn | EE | inactive | referral | Kristjan Tamm: technical-lead
Petal & Bloom | Retail | Ghent | BE | lead | social | Noor Jacobs: decision-maker
Summit Schools | Education | Denver | US | active | website | Olivia Davis: decision-maker
Koru Coffee | Food | Auckland | NZ | lead | referral | Tane Wiremu: decision-maker
"""
TALKS = (
    ("call", "Scoped the spring campaign", "Send a proposal"),
    ("email", "Sent the first round of sketches", "Wait for feedback"),
    ("meeting", "Workshop at their office", "Write up the decisions"),
    ("call", "Talked budget and timing", None),
    ("text", "Confirmed the shoot date", None),
    ("note", "Prefers calls in the morning", None),
)
TAGS = ("design", "web", "retainer", "branding", "print", "vip")


@dataclass(frozen=True)
class DemoResult:
    clients: int
    contacts: int
    interactions: int
    events: int
    documents: int


def make_demo(location: Location, today: date) -> DemoResult:
    """Fill an empty database at ``location`` with the sample studio."""
    from kiaro_cli.core.settings import set_setting
    from kiaro_cli.storage.unit import write

    with write(location) as w, tempfile.TemporaryDirectory(prefix="kiaro-demo-") as folder:
        if scalar(w.reader, "SELECT count(*) AS n FROM client"):
            raise Conflict(f"{location} has clients already; the demo needs an empty database (--db PATH)")
        pick = random.Random(today.toordinal())  # the same day, the same sample
        set_setting(w, "default-currency", "EUR")
        counts = [0, 0, 0, 0, 0]
        for number, row in enumerate(_studio()):
            for index, made in enumerate(_client(w, number, row, pick, today, Path(folder))):
                counts[index] += made
        return DemoResult(*counts)


@dataclass(frozen=True)
class SampleClient:
    name: str
    industry: str
    city: str
    country: str
    status: str
    source: str
    people: tuple[tuple[str, str], ...]  # name, role


def _studio() -> list[SampleClient]:
    """The sample clients, from :data:`STUDIO`."""
    found = []
    for line in STUDIO.strip().splitlines():
        name, industry, city, country, status, source, people = (cell.strip() for cell in line.split("|"))
        contacts = tuple(
            (person, role) for person, _, role in (p.partition(": ") for p in people.split("; "))
        )
        found.append(SampleClient(name, industry, city, country, status, source, contacts))
    return found


def _client(
    w: Writer,
    number: int,
    row: SampleClient,
    pick: random.Random,
    today: date,
    folder: Path,
) -> tuple[int, int, int, int, int]:
    from kiaro_cli.core.clients import add_client
    from kiaro_cli.core.contacts import add_contact
    from kiaro_cli.core.documents import add_documents
    from kiaro_cli.core.events import add_event
    from kiaro_cli.core.interactions import add_interaction

    name, status, people = row.name, row.status, row.people
    domain = "".join(c for c in fold(name) if c.isalnum()) + ".example"
    values = {
        "name": name, "industry": row.industry, "city": row.city, "country": row.country, "status": status,
        "source": row.source, "email": f"hello@{domain}", "value": str(pick.randrange(8, 120) * 250),
        "follow_up_on": _follow_up(number, status, today).isoformat() if status != "past" else None,
    }  # fmt: skip
    # an overdue follow-up was set before it was due: validate it as of a month ago
    added = add_client(w, values, tags=pick.sample(TAGS, pick.randrange(0, 3)), full_form=False,
                       today=today - timedelta(days=30))  # fmt: skip
    reference = str(added.id)
    for person, role in people:
        first = fold(person.split()[0])  # an address people can type: "ines@", not "inês@"
        add_contact(w, reference, {"name": person, "email": f"{first}@{domain}", "role": role})
    talks = 0 if status == "lead" and number % 3 else pick.randrange(1, 5)
    for back in sorted(pick.sample(range(2, 120), talks), reverse=True):
        kind, summary, next_step = pick.choice(TALKS)
        add_interaction(w, reference, summary, kind=kind, on=(today - timedelta(days=back)).isoformat(),
                        next_step=next_step, today=today)  # fmt: skip
    events = 0
    if number % 5 == 0:
        add_event(
            w, reference, "Chase the signed quote", kind="quote", priority="high", due="3d", today=today
        )
        events += 1
    if number % 7 == 3:
        add_event(
            w, reference, "Invoice questioned: check the hours", kind="complaint", sticky=True, today=today
        )
        events += 1
    documents = 0
    if status == "active" and number % 2 == 0:
        proposal = folder / f"proposal-{domain.split('.')[0]}.md"
        proposal.write_text(f"# Proposal for {name}\n\nScope, timing and fees for the next quarter.\n")
        add_documents(w, reference, [proposal], kind="proposal", note="Sent with the first quote")
        documents = 1
    return 1, len(people), talks, events, documents


def _follow_up(number: int, status: str, today: date) -> date:
    """Some overdue, some due today, most ahead: a home screen with something on it."""
    if number % 6 == 0:
        return today - timedelta(days=1 + number % 9)
    if number % 6 == 1:
        return today
    return today + timedelta(days=3 + (number * 5) % 40 + (20 if status == "inactive" else 0))
