"""The command bar on the sample studio, as people type to it.

``tests/fixtures/sentences.txt`` holds sentences written as varied people type them, each
with the plan it must become (or ``refuse``). Every one is read by the grammar and
resolved against ``kiaro demo``'s clients; a sentence read as another plan is wrong, and
one wrong sentence fails the corpus. A refusal must quote the part it did not understand.

Run ``uv run python -m tests.core.test_sentence_corpus SENTENCE…`` to see a sentence's
plan written as the corpus writes it.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiaro_cli.core.carry_out import carry_out
from kiaro_cli.core.command_bar import understand
from kiaro_cli.core.contacts import list_contacts
from kiaro_cli.core.demo import make_demo
from kiaro_cli.core.events import open_events_of
from kiaro_cli.core.plans import Action
from kiaro_cli.errors import KiaroError
from kiaro_cli.storage.engine import close_engines
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY, copy_into

CORPUS = Path(__file__).parents[1] / "fixtures" / "sentences.txt"
RIGHT_AT_LEAST = 0.92
REFUSE = "refuse"
OR = "refuse-or "  # a typo in a name: refused, or read as this plan (never another client)


@dataclass(frozen=True)
class Case:
    line: int
    sentence: str
    expected: str  # "refuse", "refuse-or PLAN" or "PLAN": steps joined by " && "


def corpus() -> list[Case]:
    cases = []
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        sentence, _, expected = line.partition(" => ")
        cases.append(Case(number, sentence.strip(), expected.strip()))
    return cases


# ---------------------------------------------------------------- a plan as the corpus writes it

_VERBS = {"create": "add-client", "follow-up": "followup", "clear-follow-up": "clear"}
_CREATED = ("contact_person", "email", "phone", "website", "city", "country", "industry")
_SAID = {"contact_person": "contact"}


def written(action: Action) -> str:
    """``followup client=#2 on=2026-12-07``: the action, its client and what it changes."""
    values = action.values
    day = action.day.isoformat() if action.day else None
    fields: list[tuple[str, object]]
    if action.action == "create":
        fields = [("name", action.client_name)]
        fields += [(_SAID.get(key, key), values[key]) for key in _CREATED if values.get(key)]
        fields += [("on", day)]
    else:
        fields = [("client", "new" if action.client_id is None else f"#{action.client_id}")]
        changes: dict[str, list[tuple[str, object]]] = {
            "follow-up": [("on", day)],
            "done": [("next", day)],
            "status": [("to", values.get("to"))],
            "log": [("type", values.get("type")), ("on", day), ("summary", values.get("summary"))],
            "tag": [("tags", ",".join(values.get("tags", ())))],
            "untag": [("tags", ",".join(values.get("tags", ())))],
            "note": [("text", values.get("text"))],
            "event": [("text", values.get("text")), ("priority", values.get("priority")), ("due", day)],
        }
        fields += changes.get(action.action, [])
    said = " ".join(f"{key}={_quoted(str(value))}" for key, value in fields if value)
    return f"{_VERBS.get(action.action, action.action)} {said}"


def _quoted(value: str) -> str:
    return value if re.fullmatch(r"[\w@.+:/#,-]+", value) else '"' + value.replace('"', '\\"') + '"'


def _canonical(plan: str) -> str:
    """A plan as written in the corpus, its values unquoted the way a shell would."""
    return " && ".join(" ".join(shlex.split(step)) for step in plan.split(" && "))


# ---------------------------------------------------------------- reading the corpus


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    where = Location(path=tmp_path_factory.mktemp("studio") / "kiaro.db")
    make_demo(where, TODAY)
    close_engines()  # a copy (copy_of) takes the whole file
    yield where


def copy_of(studio: Location, location: Location) -> None:
    """The studio, made once, copied into a test's own database (with its documents) to change."""
    assert studio.path is not None and location.path is not None
    copy_into(studio.path, location.path)


@dataclass(frozen=True)
class Outcome:
    plan: str | None  # None: refused
    refusal: str = ""


def outcome(where: Location, sentence: str) -> Outcome:
    with open_reader(where) as reader:
        try:
            actions = understand(reader, sentence, TODAY).actions
        except KiaroError as refused:
            return Outcome(None, refused.message)
    return Outcome(" && ".join(written(action) for action in actions))


def verdict(case: Case, got: Outcome) -> str:
    """right, refused (a refusal the corpus allows or expects) or wrong."""
    if case.expected == REFUSE:
        return "right" if got.plan is None else "wrong"
    expected = case.expected.removeprefix(OR)
    if got.plan is None:
        return "refused" if case.expected.startswith(OR) else "refused-wrongly"
    return "right" if _canonical(got.plan) == _canonical(expected) else "wrong"


def _quotes_the_sentence(message: str, sentence: str) -> bool:
    """Whether a refusal names the part it did not understand: a quoted piece of the sentence."""
    said = " ".join(sentence.lower().translate(str.maketrans("\u2019\u2018\u201c\u201d", "''\"\"")).split())
    return any(
        piece.strip() and piece.lower().strip() in said for piece in re.findall(r"'([^']+)'", message.lower())
    )


# What new users typed and the grammar once misread or refused with the wrong words.
TRIED = {
    "add Oakwood Interiors to my clients, contact is Sarah Lee sarah@oakwood.co.uk": (
        'add-client name="Oakwood Interiors" contact="Sarah Lee" email=sarah@oakwood.co.uk'
    ),
    "new lead Delta Corp, call them on 0612345678": 'add-client name="Delta Corp" phone=0612345678',
    "tag Brand Factor as vip and Kobalt Labs as design": (
        "tag client=#2 tags=vip && tag client=#5 tags=design"
    ),
    "log a call with Kobalt: they said no, mark them as past": (
        'log client=#5 type=call on=2026-11-23 summary="They said no" && status client=#5 to=past'
    ),
    "log a call with Kobalt: they said no and mark them as past": (
        'log client=#5 type=call on=2026-11-23 summary="They said no" && status client=#5 to=past'
    ),
    "add Made in Italy to my clients": 'add-client name="Made in Italy"',
    "remind me about Alpen Chalets am 15. Januar": "followup client=#18 on=2027-01-15",
    "follow up with Casa Olivo el 15 de enero": "followup client=#6 on=2027-01-15",
    "follow up with Atelier Sauvage le 3 décembre": "followup client=#3 on=2026-12-03",
    "emailed Maple & Co the invoice": 'log client=#10 type=email on=2026-11-23 summary="The invoice"',
    "spoke to Lumen Dental yesterday re: pricing": "log client=#15 type=call on=2026-11-22 summary=Pricing",
    "log call with Nordlicht: discussed pricing, next steps and timeline": (
        'log client=#1 type=call on=2026-11-23 summary="Discussed pricing, next steps and timeline"'
    ),
    "remind me to chase Kobalt's quote on Friday, high priority": (
        'event client=#5 text="Chase Kobalt\'s quote" priority=high due=2026-11-27'
    ),
    "remind me to send Kobalt the invoice for 2 weeks of work on Friday": (  # 2 counts weeks: not client #2
        'event client=#5 text="Send Kobalt the invoice for 2 weeks of work" priority=medium due=2026-11-27'
    ),
    "remind me to call Kobalt tomorrow about the invoice": (  # the day before what it is about
        'event client=#5 text="Call Kobalt about the invoice" priority=medium due=2026-11-24'
    ),
    "follow up with Kobalt Labs and Casa Olivo in two weeks": (
        "followup client=#5 on=2026-12-07 && followup client=#6 on=2026-12-07"
    ),
    "pls mark casa olivo active and follow up with her company in three days": (
        "status client=#6 to=active && followup client=#6 on=2026-11-26"
    ),
}


@pytest.mark.parametrize("sentence", TRIED)
def test_what_new_users_typed_is_read_as_they_meant(studio: Location, sentence: str) -> None:
    got = outcome(studio, sentence)
    assert got.plan is not None, got.refusal
    assert _canonical(got.plan) == _canonical(TRIED[sentence])


def test_an_event_asked_for_is_saved_with_its_day_and_priority(studio: Location, location: Location) -> None:
    copy_of(studio, location)
    with open_reader(location) as reader:
        plan = understand(reader, "remind me to chase Kobalt's quote on Friday, high priority", TODAY)
    carry_out(location, plan, TODAY)
    with open_reader(location) as reader:
        events = [event for event in open_events_of(reader, 5) if event.text == "Chase Kobalt's quote"]
    assert [(event.priority, event.due_on) for event in events] == [("high", "2026-11-27")]


def test_a_contact_said_when_adding_a_client_becomes_its_primary_contact(
    studio: Location, location: Location
) -> None:
    copy_of(studio, location)
    with open_reader(location) as reader:
        plan = understand(
            reader, "add Oakwood Interiors to my clients, contact is Sarah Lee sarah@oakwood.co.uk", TODAY
        )
    done = carry_out(location, plan, TODAY)
    with open_reader(location) as reader:
        people = list_contacts(reader, str(done.actions[0].client_id))
    assert [(person.name, person.email, person.primary) for person in people] == [
        ("Sarah Lee", "sarah@oakwood.co.uk", True)
    ]


def test_the_corpus_holds_four_hundred_sentences() -> None:
    assert len(corpus()) >= 400


def test_the_corpus_is_read_right(studio: Location) -> None:
    tally = {"right": 0, "refused": 0, "refused-wrongly": 0, "wrong": 0}
    problems: list[str] = []
    for case in corpus():
        got = outcome(studio, case.sentence)
        said = verdict(case, got)
        tally[said] += 1
        if said in ("wrong", "refused-wrongly"):
            problems.append(f"line {case.line}: {case.sentence}\n  expected {case.expected}\n  got {got}")
        if got.plan is None and not _quotes_the_sentence(got.refusal, case.sentence):
            problems.append(f"line {case.line}: {case.sentence}\n  refused without quoting it: {got.refusal}")
    total = sum(tally.values())
    print(f"\n{total} sentences: " + ", ".join(f"{count} {what}" for what, count in tally.items()))
    assert not problems, "\n".join(problems)
    assert tally["right"] / total >= RIGHT_AT_LEAST


if __name__ == "__main__":  # print the plans of the sentences given, as the corpus writes them
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        demo = Location(path=Path(folder) / "kiaro.db")
        make_demo(demo, TODAY)
        for sentence in sys.argv[1:] or sys.stdin.read().splitlines():
            if sentence.strip() and not sentence.startswith("#"):
                got = outcome(demo, sentence.partition(" => ")[0].strip())
                print(
                    f"{sentence.partition(' => ')[0].strip()} => {got.plan or 'refuse'}"
                    + ("" if got.plan else f"    # {got.refusal}")
                )
