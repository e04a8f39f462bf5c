"""A sample studio to try every command on: 30 clients across the pipeline, their
contacts, interactions, follow-ups overdue, due and ahead, events and documents, and their
money (:mod:`kiaro_cli.core.demo_ledger`): projects, quotes, invoices and payments.

Everything is made through the same use cases as typed commands, in one transaction,
and dated from ``today``, so the sample always has something due. The same day gives
the same sample.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiaro_cli.errors import Conflict
from kiaro_cli.search import fold
from kiaro_cli.storage.reader import scalar

if TYPE_CHECKING:
    from kiaro_cli.core.workspace import Workspace
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.unit import Writer

# One client a line: name|industry|street|postal code|city|country|status|source|contacts, each
# "name: role" (dm: decision-maker, fin: finance, tech: technical-lead). Three have no street
# and postal code: they miss invoice details, for the home screen's banner and client complete.
STUDIO = """
Nordlicht Brewing|Food|Schanzenstraße 12|20357|Hamburg|DE|active|referral|Jonas Weber: dm; Mia Krause: fin
Brand Factor|Marketing|12 Long Street|8001|Cape Town|ZA|active|website|Thandi Mokoena: dm
Atelier Sauvage|Fashion|4 rue Mercière|69002|Lyon|FR|lead|social|Camille Girard: dm
Harbour & Pine|Hotels|21 Welsh Back|BS1 4SP|Bristol|GB|active|repeat|Oliver Hughes: dm; Grace Evans: fin
Kobalt Labs|Software|Oudegracht 118|3511 AX|Utrecht|NL|active|referral|Sanne de Vries: tech
Casa Olivo|Food|||Valencia|ES|lead|website|Lucía Martín: dm
Fjord Outdoor|Retail|Strandkaien 6|5013|Bergen|NO|inactive|referral|Ingrid Larsen: dm
Studio Meridian|Architecture|Via Tortona 31|20144|Milan|IT|active|event|Giulia Conti: dm
Greenline Transit|Transport|Vesterbrogade 40|1620|Copenhagen|DK|past|website|Mads Nielsen: tech
Maple & Co|Consulting|220 King Street West|M5H 1K4|Toronto|CA|lead|referral|Emma Tremblay: dm
Saffron Kitchen|Food|14 Call Lane|LS1 7DH|Leeds|GB|active|social|Priya Patel: dm
Blue Heron Books|Publishing|9 Dawson Street|D02 TX83|Dublin|IE|inactive|repeat|Aoife Byrne: dm
Vela Yachts|Manufacturing|Obala Lazareta 3|21000|Split|HR|lead|event|Ivan Horvat: dm
Quarry Fitness|Gyms|88 James Street|6000|Perth|AU|active|website|Jack Wilson: dm; Chloe Brown: fin
Lumen Dental|Health|Meir 50|2000|Antwerp|BE|active|referral|Lotte Peeters: dm
Paper Crane Films|Media|||Kyoto|JP|lead|social|Haruto Sato: dm
Tidewater Legal|Legal|75 State Street|02109|Boston|US|past|referral|Sarah Miller: fin
Alpen Chalets|Hotels|Maria-Theresien-Straße 18|6020|Innsbruck|AT|active|repeat|Lukas Gruber: dm
Redwood Analytics|Software|500 Congress Avenue|78701|Austin|US|lead|website|Daniel Garcia: tech
Moss & Stone|Interior design|Magasinsgatan 10|411 18|Gothenburg|SE|active|social|Elsa Lindqvist: dm
Copper Kettle Café|Food|101 Cuba Street|6011|Wellington|NZ|inactive|website|Aroha Ngata: dm
Orbit Robotics|Manufacturing|||Munich|DE|lead|event|Felix Bauer: tech
Wildflower Weddings|Events|Rua das Flores 45|4050-265|Porto|PT|active|social|Inês Costa: dm
Granite Ventures|Finance|3 Charlotte Square|EH2 4DR|Edinburgh|GB|lead|referral|Callum Reid: dm
Solace Yoga|Health|Rua da Rosa 120|1200-389|Lisbon|PT|past|website|Rita Alves: dm
Ironbark Tools|Retail|12 Hay Street|6000|Perth|AU|active|repeat|Liam Taylor: fin
Nimbus Cloudworks|Software|Telliskivi 60a|10412|Tallinn|EE|inactive|referral|Kristjan Tamm: tech
Petal & Bloom|Retail|Veldstraat 22|9000|Ghent|BE|lead|social|Noor Jacobs: dm
Summit Schools|Education|1600 Broadway|80202|Denver|US|active|website|Olivia Davis: dm
Koru Coffee|Food|45 Ponsonby Road|1011|Auckland|NZ|lead|referral|Tane Wiremu: dm
"""
ROLES = {"dm": "decision-maker", "fin": "finance", "tech": "technical-lead"}
# What a relationship sounds like, in the order it happens: a first talk, work, then upkeep.
FIRST_TALKS = (
    ("call", "Intro call: they need a new website before the season", "Send a proposal"),
    ("meeting", "Coffee after the meetup: talked about a rebrand", "Send two or three references"),
    ("email", "Asked for a quote for the spring campaign", "Send the quote"),
)
LATER_TALKS = (
    ("call", "Walked through the proposal; they want fewer pages", "Send the revised quote"),
    ("email", "Sent the first round of sketches", "Wait for their feedback"),
    ("meeting", "Workshop at their office on the new brand", "Write up the decisions"),
    ("call", "Talked budget and timing for the next quarter", None),
    ("text", "Confirmed the shoot date", None),
    ("note", "Prefers calls in the morning; the finance team pays on the 25th", None),
)
TAGS = ("design", "web", "retainer", "branding", "print", "vip")


@dataclass(frozen=True)
class DemoResult:
    clients: int
    contacts: int
    interactions: int
    events: int
    documents: int
    projects: int
    quotes: int
    invoices: int


def make_demo(location: Location, today: date) -> DemoResult:
    """Fill an empty database at ``location`` with the sample studio."""
    from kiaro_cli.core.demo_ledger import make_ledger
    from kiaro_cli.core.settings import set_setting
    from kiaro_cli.storage.unit import write

    with write(location) as w, tempfile.TemporaryDirectory(prefix="kiaro-demo-") as folder:
        if scalar(w.reader, "SELECT count(*) AS n FROM client"):
            raise Conflict(f"{location} has clients already; the demo needs an empty database (--db PATH)")
        pick = random.Random(today.toordinal())  # the same day, the same sample
        _stamp(w, today - timedelta(days=STUDIO_AGE), 8)
        set_setting(w, "default-currency", "EUR")
        counts = [0, 0, 0, 0, 0]
        for number, row in enumerate(_studio()):
            for index, made in enumerate(_client(w, number, row, pick, today, Path(folder))):
                counts[index] += made
        w.flush()
        ids = {row["name"]: int(row["id"]) for row in w.reader.rows("SELECT id, name FROM client")}
        ledger = make_ledger(w, today, ids)
        clients, contacts, interactions, events, documents = counts
        return DemoResult(
            clients,
            contacts,
            interactions,
            events,
            documents,
            ledger.projects,
            ledger.quotes,
            ledger.invoices,
        )


STUDIO_AGE = 200  # days ago the studio started keeping its clients in kiaro


@dataclass(frozen=True)
class SampleClient:
    name: str
    industry: str
    street: str
    postal_code: str
    city: str
    country: str
    status: str
    source: str
    people: tuple[tuple[str, str], ...]  # name, role


def _studio() -> list[SampleClient]:
    """The sample clients, from :data:`STUDIO`."""
    found = []
    for line in STUDIO.strip().splitlines():
        name, industry, street, postal, city, country, status, source, people = (
            cell.strip() for cell in line.split("|")
        )
        contacts = tuple(
            (person, ROLES[role]) for person, _, role in (p.partition(": ") for p in people.split("; "))
        )
        found.append(SampleClient(name, industry, street, postal, city, country, status, source, contacts))
    return found


def _stamp(w: Writer, day: date, hour: int, minute: int = 0) -> None:
    """Date what ``w`` writes next on ``day`` at ``hour``: the sample's history happens over
    months, as a real one does, though it is written in one transaction."""
    w.journal.at = datetime.combine(day, time(hour, minute), tzinfo=UTC).isoformat()


def _client(
    w: Writer,
    number: int,
    row: SampleClient,
    pick: random.Random,
    today: date,
    folder: Path,
) -> tuple[int, int, int, int, int]:
    """One client as it would have been kept: added, its people, talks over the months (the
    status moving after the first), then its events and documents."""
    from kiaro_cli.core.clients import add_client, set_status
    from kiaro_cli.core.contacts import add_contact
    from kiaro_cli.core.demo_ledger import CURRENCIES, first_day
    from kiaro_cli.core.documents import add_documents
    from kiaro_cli.core.interactions import add_interaction

    name, status, people = row.name, row.status, row.people
    domain = "".join(c for c in fold(name) if c.isalnum()) + ".example"
    talks = 0 if status == "lead" and number % 3 else pick.randrange(2, 6)
    days = sorted(pick.sample(range(2, 150), talks), reverse=True)
    added_on = today - timedelta(days=(days[0] if days else 20) + pick.randrange(3, 30))
    if (money_from := first_day(name, today)) is not None:  # added before its first quote or invoice
        added_on = min(added_on, money_from - timedelta(days=5))
    _stamp(w, added_on, 9, pick.randrange(60))
    values = {
        "name": name, "industry": row.industry, "address_line1": row.street or None,
        "postal_code": row.postal_code or None, "city": row.city, "country": row.country,
        "source": row.source, "email": f"hello@{domain}", "website": f"https://www.{domain}",
        "currency": CURRENCIES.get(row.country), "owner": _owner(number),
        "value": str(pick.randrange(8, 120) * 250),
        "follow_up_on": _follow_up(number, status, today).isoformat() if status != "past" else None,
    }  # fmt: skip
    added = add_client(
        w, values, tags=pick.sample(TAGS, pick.randrange(0, 3)), full_form=False, today=added_on
    )
    reference = str(added.id)
    contact_ids = []
    for person, role in people:
        first = fold(person.split()[0])  # an address people can type: "ines@", not "inês@"
        contact = add_contact(w, reference, {"name": person, "email": f"{first}@{domain}", "role": role})
        contact_ids.append(contact.id)
    for index, back in enumerate(days):
        day = today - timedelta(days=back)
        kind, summary, next_step = pick.choice(LATER_TALKS if index else FIRST_TALKS)
        hour, minute = pick.randrange(9, 17), pick.randrange(0, 60, 15)
        _stamp(w, day, hour, minute)
        add_interaction(w, reference, summary, kind=kind, on=f"{day.isoformat()} {hour:02d}:{minute:02d}",
                        contact_id=contact_ids[0], next_step=next_step, today=today)  # fmt: skip
        if index == 0 and status != "lead":
            set_status(w, reference, status)
    events = _events(w, number, reference, today)
    documents = 0
    if status == "active" and number % 2 == 0:
        _stamp(w, today - timedelta(days=days[-1] if days else 1), 17)
        proposal = folder / f"proposal-{domain.split('.')[0]}.md"
        proposal.write_text(f"# Proposal for {name}\n\nScope, timing and fees for the next quarter.\n")
        add_documents(w, reference, [proposal], kind="proposal", note="Sent with the first quote")
        documents = 1
    return 1, len(people), talks, events, documents


# number of the client (mod 5 or 7), what the event may say, its kind, priority, due, pinned
EVENTS = (
    (5, 0, ("Send the revised quote", "Chase the signed quote", "Quote the extra landing pages"),
     "quote", "high", "3d", False),
    (7, 3, ("Invoice questioned: check the hours", "They say the last invoice came twice"),
     "complaint", "medium", None, True),
    (7, 5, ("Ask for a testimonial for the website", "Send the season's photos for their newsletter"),
     "reminder", "low", "2w", False),
)  # fmt: skip


def _events(w: Writer, number: int, reference: str, today: date) -> int:
    from kiaro_cli.core.events import add_event

    made = 0
    for every, rest, texts, kind, priority, due, sticky in EVENTS:
        if number % every == rest:
            _stamp(w, today - timedelta(days=1), 16, 30)
            text = texts[number // every % len(texts)]
            add_event(w, reference, text, kind=kind, priority=priority, due=due, sticky=sticky, today=today)
            made += 1
    return made


OWNERS = ("Sam Rivera", "Alex Kim")  # the studio's two people; every fifth client has no owner


def _owner(number: int) -> str | None:
    return None if number % 5 == 4 else OWNERS[number % 2]


def _follow_up(number: int, status: str, today: date) -> date:
    """Some overdue, some due today, most ahead: a home screen with something on it."""
    if number % 6 == 0:
        return today - timedelta(days=1 + number % 9)
    if number % 6 == 1:
        return today
    return today + timedelta(days=3 + (number * 5) % 40 + (20 if status == "inactive" else 0))


def demo_location(ws: Workspace, given: str | None) -> Location:
    """Where ``kiaro demo`` makes the sample studio: where ``--db`` says, else demo.db
    beside the workspace's database."""
    from kiaro_cli.storage.location import demo_path, resolve

    return resolve(given or str(demo_path(ws.location)))
