"""The command bar on the core: sentences become exact plans on real clients, or are refused."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kiaro_cli.core import clients, command_bar, plans
from kiaro_cli.core.carry_out import carry_out
from kiaro_cli.core.command_bar import understand
from kiaro_cli.core.plans import Action
from kiaro_cli.core.tags import remove_tags
from kiaro_cli.errors import Ambiguous, Conflict, InvalidValue, KiaroError, NotFound
from kiaro_cli.search import fold
from kiaro_cli.storage.engine import close_engines
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from kiaro_cli.storage.unit import write
from tests.helpers import TODAY, dump

# The address book every sentence below is read against (TODAY is Monday 23 November 2026).
BOOK: tuple[tuple[str, dict[str, str], list[str]], ...] = (
    ("Acme", {"follow_up_on": "2026-12-01"}, ["vip"]),
    ("Acme Inc", {"status": "active"}, []),
    ("Brand Factor", {"status": "active", "code": "BRF"}, []),
    ("Follow Up Studio", {}, []),
    ("Studio May", {}, []),
    ("Next Level Media", {"status": "inactive"}, []),
    ("Joe's Diner", {"status": "past"}, []),
    ("Smith & Sons", {"status": "active"}, []),
)


def fill(where: Location) -> None:
    for name, values, tags in BOOK:
        clients.add_client(where, {"name": name, **values}, tags=tags, full_form=False, today=TODAY)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    where = Location(path=tmp_path_factory.mktemp("book") / "kiaro.db")
    fill(where)
    yield where


def plan_of(where: Location, sentence: str) -> list[str]:
    with open_reader(where) as reader:
        return [shown(action) for action in understand(reader, sentence, TODAY).actions]


def shown(action: Action) -> str:
    """ "follow-up|Acme|2026-12-14" and the values that matter, in a line a table can hold."""
    hidden = {"name", "status"} if action.action == "create" else {"previous", "at"}
    values = {key: value for key, value in action.values.items() if key not in hidden}
    text = ",".join(f"{k}={'+'.join(v) if isinstance(v, list) else v}" for k, v in sorted(values.items()))
    parts = [action.action, action.client_name, action.day.isoformat() if action.day else ""]
    return "|".join(parts + ([text] if text else [])).rstrip("|")


SENTENCES = {
    # creating a lead, and what else was said of it
    "/client Acme Corp": ["create|Acme Corp"],
    "add Zenith to my clients": ["create|Zenith"],
    "Add Zenith Labs to my client list.": ["create|Zenith Labs"],
    "new lead Zenith": ["create|Zenith"],
    "New client: Zenith": ["create|Zenith"],
    "Zenith is a new lead": ["create|Zenith"],
    "add Zenith as a new client": ["create|Zenith"],
    "create a lead called Zenith": ["create|Zenith"],
    "/lead Zenith GmbH from Germany": ["create|Zenith GmbH||country=DE"],
    "add Zenith to my clients, based in Berlin, Germany": ["create|Zenith||city=Berlin,country=DE"],
    "add Zenith to my clients based in Spain": ["create|Zenith||country=ES"],
    "new lead Zenith in the fintech industry, hello@zenith.example, +49 30 1234567": [
        "create|Zenith||email=hello@zenith.example,industry=fintech,phone=+49 30 1234567"
    ],
    "add Zenith to my clients, website www.zenith.example": [
        "create|Zenith||website=https://www.zenith.example"
    ],
    "add Zenith to my clients and follow up in 2 weeks": ["create|Zenith|2026-12-07|follow_up_on=2026-12-07"],
    "add Zenith to my clients, remind me next friday": ["create|Zenith|2026-11-27|follow_up_on=2026-11-27"],
    "add Zenith to my clients and call them tomorrow": ["create|Zenith|2026-11-24|follow_up_on=2026-11-24"],
    "new lead Zenith and email them next week": ["create|Zenith|2026-11-30|follow_up_on=2026-11-30"],
    "\u201cZenith Partners\u201d is a new prospect": ["create|Zenith Partners"],
    "add Made in Berlin to my clients": ["create|Made in Berlin"],
    "Zenith is a new lead from France": ["create|Zenith||country=FR"],
    "new lead Zenith from the UK": ["create|Zenith||country=GB"],
    # in a sentence a country is named exactly: "from Olivia" is a person, not Bolivia
    "new lead Zenith from Olivia": ["create|Zenith from Olivia"],
    # setting or moving a follow-up
    "remind me to follow up with Acme in 3 weeks": ["follow-up|Acme|2026-12-14"],
    "Remind me to follow up with ACME in 3 weeks.": ["follow-up|Acme|2026-12-14"],
    "remind me to follow-up with acme in three weeks": ["follow-up|Acme|2026-12-14"],
    "follow up with Acme in 2 weeks": ["follow-up|Acme|2026-12-07"],
    "follow up with Acme in 2 weeks!": ["follow-up|Acme|2026-12-07"],
    "please remind me to follow up with Acme in 2 weeks, thanks": ["follow-up|Acme|2026-12-07"],
    "follow up with Acme Inc next friday": ["follow-up|Acme Inc|2026-11-27"],
    "set Acme's next follow-up to October 15": ["follow-up|Acme|2027-10-15"],
    "set Acme\u2019s follow-up to October 15": ["follow-up|Acme|2027-10-15"],
    "move Acme's follow-up to end of month": ["follow-up|Acme|2026-11-30"],
    "push Brand Factor's follow-up to 2w": ["follow-up|Brand Factor|2026-12-07"],
    "set the next follow-up for Brand Factor to December 1": ["follow-up|Brand Factor|2026-12-01"],
    "schedule a follow-up with Brand Factor tomorrow": ["follow-up|Brand Factor|2026-11-24"],
    "remind me to call Brand Factor on friday": ["follow-up|Brand Factor|2026-11-27"],
    "remind me about Smith & Sons next week": ["follow-up|Smith & Sons|2026-11-30"],
    "follow up with Follow Up Studio in 1m": ["follow-up|Follow Up Studio|2026-12-23"],
    "remind me to follow up with Follow Up Studio next friday": ["follow-up|Follow Up Studio|2026-11-27"],
    "follow up with Studio May in 3 weeks": ["follow-up|Studio May|2026-12-14"],
    "follow up with Next Level Media next week": ["follow-up|Next Level Media|2026-11-30"],
    'follow up with "Brand Factor" in 2 weeks': ["follow-up|Brand Factor|2026-12-07"],
    "follow up with 'Acme Inc' in 2 weeks": ["follow-up|Acme Inc|2026-12-07"],
    "follow up with BRF in 3m": ["follow-up|Brand Factor|2027-02-23"],
    "follow up with 3 in 2 weeks": ["follow-up|Brand Factor|2026-12-07"],
    "set Joe's Diner's follow-up to next week": ["follow-up|Joe's Diner|2026-11-30"],
    "remind me to follow up with brand factor in a month": ["follow-up|Brand Factor|2026-12-23"],
    "check in with Acme on December 1": ["follow-up|Acme|2026-12-01"],
    "follow up with Smith in 2 weeks": ["follow-up|Smith & Sons|2026-12-07"],
    # clearing one
    "clear Acme's follow-up": ["clear-follow-up|Acme"],
    "clear the follow-up for Acme": ["clear-follow-up|Acme"],
    "cancel Brand Factor's follow-up": ["clear-follow-up|Brand Factor"],
    "don't remind me about Acme": ["clear-follow-up|Acme"],
    "remove the follow-up with Studio May": ["clear-follow-up|Studio May"],
    "no more follow-ups for Acme Inc": ["clear-follow-up|Acme Inc"],
    # marking one done, with or without the next
    "mark my follow-up with Acme done, remind me again in a month": ["done|Acme|2026-12-23"],
    "mark my follow-up with Acme done": ["done|Acme"],
    "mark Acme's follow-up as done": ["done|Acme"],
    "mark Acme's follow-up done and follow up again in 2 weeks": ["done|Acme|2026-12-07"],
    "I followed up with Brand Factor, next in 3 weeks": ["done|Brand Factor|2026-12-14"],
    "followed up with Brand Factor": ["done|Brand Factor"],
    "Acme follow-up done, follow up again next friday": ["done|Acme|2026-11-27"],
    "mark the follow-up with Follow Up Studio done, remind me in 2 weeks": [
        "done|Follow Up Studio|2026-12-07"
    ],
    # status
    "mark Acme as active": ["status|Acme||from=lead,to=active"],
    "mark acme active": ["status|Acme||from=lead,to=active"],
    "set Brand Factor to past": ["status|Brand Factor||from=active,to=past"],
    "make Acme a past client": ["status|Acme||from=lead,to=past"],
    "move Studio May to inactive": ["status|Studio May||from=lead,to=inactive"],
    "change Acme Inc's status to inactive": ["status|Acme Inc||from=active,to=inactive"],
    "Next Level Media is now a client": ["status|Next Level Media||from=inactive,to=active"],
    "mark Acme as a prospect": ["status|Acme||from=lead,to=lead"],
    "mark Joe's Diner as active": ["status|Joe's Diner||from=past,to=active"],
    # interactions
    "log a call with Acme: discussed the Q3 scope": [
        "log|Acme|2026-11-23|summary=Discussed the Q3 scope,type=call"
    ],
    "met Acme yesterday about the launch": ["log|Acme|2026-11-22|summary=The launch,type=meeting"],
    "log a meeting with Brand Factor on friday: kickoff": [
        "log|Brand Factor|2026-11-20|summary=Kickoff,type=meeting"
    ],
    "I called Acme Inc: left a voicemail": ["log|Acme Inc|2026-11-23|summary=Left a voicemail,type=call"],
    "emailed Brand Factor about the invoice": ["log|Brand Factor|2026-11-23|summary=The invoice,type=email"],
    "texted Studio May: running late": ["log|Studio May|2026-11-23|summary=Running late,type=text"],
    "had a call with Follow Up Studio 2 days ago about pricing": [
        "log|Follow Up Studio|2026-11-21|summary=Pricing,type=call"
    ],
    "spoke with Smith & Sons today regarding the renewal": [
        "log|Smith & Sons|2026-11-23|summary=The renewal,type=call"
    ],
    "log an email to Acme: sent the proposal": ["log|Acme|2026-11-23|summary=Sent the proposal,type=email"],
    "log a note on Acme: budget approved": ["log|Acme|2026-11-23|summary=Budget approved,type=note"],
    # a first word with capitals of its own is kept as typed
    "log a call with Acme: iPhone app review": ["log|Acme|2026-11-23|summary=iPhone app review,type=call"],
    "log a note on Acme: eBay listing live": ["log|Acme|2026-11-23|summary=eBay listing live,type=note"],
    "met with Next Level Media": [
        "log|Next Level Media|2026-11-23|summary=Meeting with Next Level Media,type=meeting"
    ],
    "called Joe's Diner yesterday": ["log|Joe's Diner|2026-11-22|summary=Call with Joe's Diner,type=call"],
    # tags
    "tag Acme as vip": ["tag|Acme||tags=vip"],
    "tag Brand Factor with design, web": ["tag|Brand Factor||tags=design+web"],
    "add the design tag to Acme Inc": ["tag|Acme Inc||tags=design"],
    "tag Acme Inc retainer": ["tag|Acme Inc||tags=retainer"],
    "tag Acme #design": ["tag|Acme||tags=design"],  # a hash, as people write a tag
    "tag Acme Inc as new": ["tag|Acme Inc||tags=new"],  # "new" is a tag like any other
    "log a call with Acme: discussed pricing, email them the quote": [  # a summary's words, not a clause
        "log|Acme|2026-11-23|summary=Discussed pricing, email them the quote,type=call"
    ],
    "tag Brand Factor as factor": ["tag|Brand Factor||tags=factor"],  # said as a tag: taken
    "remove the vip tag from Acme": ["untag|Acme||tags=vip"],
    "untag vip from Acme": ["untag|Acme||tags=vip"],
    # notes on the client
    "add a note to Acme: prefers calls in the morning": ["note|Acme||text=prefers calls in the morning"],
    "note for Brand Factor: invoice in EUR": ["note|Brand Factor||text=invoice in EUR"],
    "add a note to Acme saying they pay late": ["note|Acme||text=they pay late"],
    # two actions
    "mark Acme as active and follow up in 2 weeks": [
        "status|Acme||from=lead,to=active",
        "follow-up|Acme|2026-12-07",
    ],
    "mark Acme as active, then remind me in a month": [
        "status|Acme||from=lead,to=active",
        "follow-up|Acme|2026-12-23",
    ],
    "log a call with Acme: discussed scope and follow up next friday": [
        "log|Acme|2026-11-23|summary=Discussed scope,type=call",
        "follow-up|Acme|2026-11-27",
    ],
    "tag Acme as vip and follow up with them in 3 weeks": ["tag|Acme||tags=vip", "follow-up|Acme|2026-12-14"],
    "mark Studio May as inactive and clear the follow-up for Studio May": [
        "status|Studio May||from=lead,to=inactive",
        "clear-follow-up|Studio May",
    ],
    "add Zenith to my clients and tag them as design": ["create|Zenith", "tag|Zenith||tags=design"],
    # each step is checked against what the steps before it leave
    "tag Acme Inc as vip then untag them vip": ["tag|Acme Inc||tags=vip", "untag|Acme Inc||tags=vip"],
    "add Zenith to my clients, tag them as design and untag them design": [
        "create|Zenith",
        "tag|Zenith||tags=design",
        "untag|Zenith||tags=design",
    ],
    # an id as kiaro prints it, and a name typed with a slip
    "follow up with #2 in 2 weeks": ["follow-up|Acme Inc|2026-12-07"],
    "mark Brnd Factor as past": ["status|Brand Factor||from=active,to=past"],
    "tag Smith & Snos as vip": ["tag|Smith & Sons||tags=vip"],
}


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_sentence_becomes_its_exact_plan(book: Location, sentence: str) -> None:
    assert plan_of(book, sentence) == SENTENCES[sentence]


def test_the_table_holds_at_least_eighty_sentences() -> None:
    assert len(SENTENCES) >= 80


REFUSED = {
    "blah blah": (InvalidValue, "no action in it was recognised"),
    "   ": (InvalidValue, "say what to do"),
    "what is the weather like": (InvalidValue, "cannot understand"),
    "delete Acme": (InvalidValue, "cannot understand"),
    "add to my clients": (InvalidValue, "cannot understand"),
    "clear follow-up": (InvalidValue, "cannot understand"),
    "follow up in 2 weeks": (InvalidValue, "cannot understand"),
    "and tag them vip": (InvalidValue, "cannot understand"),
    "remind me to follow up with Acme": (InvalidValue, "no date was found"),
    "remind me to follow up with in 3 weeks": (InvalidValue, "cannot understand"),
    "mark Acme as purple": (InvalidValue, "cannot understand"),
    "follow up with Acme yesterday": (InvalidValue, "is in the past"),
    "follow up with Acme on February 30": (InvalidValue, "February 30"),
    "follow up with Acme on 03/04/2027": (InvalidValue, "03/04/2027"),
    "set Acme's follow-up to someday": (InvalidValue, "cannot understand the date 'someday'"),
    "mark my follow-up with Acme done, remind me again yesterday": (InvalidValue, "is in the past"),
    "add Zenith to my clients, follow up yesterday": (InvalidValue, "is in the past"),
    "met Acme tomorrow about lunch": (InvalidValue, "is in the future"),
    "follow up with Acmeex in 2 weeks": (NotFound, "did you mean Acme (#1)"),
    "follow up with Acmee in 2 weeks": (Ambiguous, "'Acmee' matches 2 clients"),  # a slip from each
    "mark Zzyzx as active": (NotFound, "no client matches 'Zzyzx'"),
    "log a call with Zzyzx: hello": (NotFound, "no client matches"),
    "follow up with Ac in 2 weeks": (Ambiguous, "'Ac' matches"),
    "add Acme to my clients": (Conflict, "a client named 'Acme' already exists"),
    "untag Acme design": (InvalidValue, "Acme has no tag 'design'"),
    "/client Zenith, zenith@example": (InvalidValue, "email"),
    # no tag named: the last word is of the client's own name, or an article
    "tag brand factor": (InvalidValue, 'say which tag, e.g. kiaro do "tag Brand Factor as vip"'),
    "tag Acme and next level media": (InvalidValue, "say which tag"),
    "add a tag to Acme": (InvalidValue, "say which tag"),
}


@pytest.mark.parametrize("sentence", REFUSED)
def test_a_sentence_that_cannot_be_done_is_refused_saying_why(book: Location, sentence: str) -> None:
    kind, said = REFUSED[sentence]
    before = dump(Path(str(book.path)))
    with pytest.raises(kind) as refused:
        plan_of(book, sentence)
    assert said in refused.value.message
    assert dump(Path(str(book.path))) == before


def test_a_sentence_not_understood_shows_two_examples_close_to_it(book: Location) -> None:
    with pytest.raises(InvalidValue) as refused:
        plan_of(book, "remind me to follow up with Acme whenever")
    assert "it reads as a follow-up, but no date was found" in refused.value.message
    assert len(refused.value.details) == 2
    assert any("remind me to follow up with Acme in 3 weeks" in line for line in refused.value.details)


def test_an_ambiguous_client_lists_its_candidates(book: Location) -> None:
    with pytest.raises(Ambiguous) as refused:
        plan_of(book, "follow up with Ac in 2 weeks")
    assert {"#1  Acme", "#2  Acme Inc"} <= set(refused.value.details)


# ---------------------------------------------------------------- carrying a plan out


def understood(where: Location, sentence: str) -> plans.Plan:
    with open_reader(where) as reader:
        return understand(reader, sentence, TODAY)


def test_a_plan_is_carried_out_in_one_transaction_and_one_undo_step(location: Location) -> None:
    fill(location)
    done = carry_out(location, understood(location, "mark Acme as active and follow up in 2 weeks"), TODAY)
    assert done.applied
    with open_reader(location) as reader:
        acme = clients.get_client(reader, "1")
    assert (acme.status, acme.follow_up_on) == ("active", "2026-12-07")
    from kiaro_cli.core.undo import undo_last

    undo_last(location)
    with open_reader(location) as reader:
        acme = clients.get_client(reader, "1")
    assert (acme.status, acme.follow_up_on) == ("lead", "2026-12-01")


def test_a_step_that_changes_nothing_is_marked_and_a_plan_of_only_those_saves_nothing(
    location: Location,
) -> None:
    fill(location)
    sentence = "mark Acme Inc as active, tag Acme as vip and clear the follow-up for Studio May"
    plan = understood(location, sentence)
    assert [action.unchanged for action in plan.actions] == [True, True, True]
    before = dump(Path(str(location.path)))
    assert not carry_out(location, plan, TODAY).applied
    assert dump(Path(str(location.path))) == before
    again = understood(location, "mark Acme as active then mark Acme as active")
    assert [action.unchanged for action in again.actions] == [False, True]  # the second: after the first
    assert (carry_out(location, again, TODAY).applied, again.changes) == (True, 1)


def test_a_name_read_loosely_is_said_and_an_exact_one_is_not(book: Location) -> None:
    plan = understood(book, "mark Brnd Factor as past and tag Acme as design")
    assert plan.read_as == (plans.ReadAs("Brnd Factor", 3, "Brand Factor"),)
    assert plan.to_dict()["read_as"] == [{"typed": "Brnd Factor", "client_id": 3, "name": "Brand Factor"}]
    assert understood(book, "tag Diner as vip").read_as == (plans.ReadAs("Diner", 7, "Joe's Diner"),)


def test_a_name_found_as_typed_never_reads_every_clients_name(
    book: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unused(*args: object) -> None:
        raise AssertionError("the search for a slip ran")

    monkeypatch.setattr(command_bar, "closest_client", unused)
    assert plan_of(book, "mark Brand Factor as past and follow up with Acme in 2 weeks")
    assert plan_of(book, "tag Diner as vip")  # a part of one name


def test_a_plan_that_fails_half_way_changes_nothing(location: Location) -> None:
    fill(location)
    plan = understood(location, "mark Acme as active and remove the vip tag from Acme")
    remove_tags(location, "Acme", ["vip"])  # meanwhile, another command took the tag off
    before = dump(Path(str(location.path)))
    with pytest.raises(KiaroError):
        carry_out(location, plan, TODAY)
    assert dump(Path(str(location.path))) == before


def test_a_new_client_and_what_follows_it_are_saved_together(location: Location) -> None:
    fill(location)
    plan = understood(location, "add Zenith to my clients, based in Germany and tag them as design")
    done = carry_out(location, plan, TODAY)
    new_id = done.actions[0].client_id
    assert new_id is not None and all(action.client_id == new_id for action in done.actions)
    with open_reader(location) as reader:
        zenith = clients.get_client(reader, str(new_id))
    assert (zenith.name, zenith.status, zenith.country, zenith.tags) == ("Zenith", "lead", "DE", ("design",))


def test_a_note_is_added_below_the_notes_already_there(location: Location) -> None:
    fill(location)
    carry_out(location, understood(location, "add a note to Acme: prefers calls"), TODAY)
    carry_out(location, understood(location, "note for Acme: pays late"), TODAY)
    with open_reader(location) as reader:
        assert clients.get_client(reader, "Acme").notes == "prefers calls\npays late"


def test_a_logged_interaction_and_a_done_follow_up_are_stored(location: Location) -> None:
    fill(location)
    carry_out(location, understood(location, "met Acme yesterday about the launch"), TODAY)
    carry_out(location, understood(location, "mark my follow-up with Acme done, remind me in a month"), TODAY)
    with open_reader(location) as reader:
        acme = clients.get_client(reader, "Acme")
    assert acme.last_interaction_at == "2026-11-22"
    assert acme.follow_up_on == "2026-12-23" and acme.last_followed_up_at is not None
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        rows = connection.execute("SELECT type, occurred_at, summary FROM interaction").fetchall()
    assert rows == [("meeting", "2026-11-22", "The launch")]


def test_a_done_follow_up_with_a_cadence_plans_the_day_it_saves(location: Location) -> None:
    from kiaro_cli.core.followups import set_follow_up

    fill(location)
    set_follow_up(location, "acme", None, TODAY, every="3w")
    plan = understood(location, "mark my follow-up with Acme done")
    (action,) = plan.actions
    carry_out(location, plan, TODAY)
    with open_reader(location) as reader:
        saved = clients.get_client(reader, "Acme").follow_up_on
    assert str(action.day) == saved == "2026-12-14"  # the card said what was saved


# ---------------------------------------------------------------- any name, in any form

WORDS = st.sampled_from(
    ["Acme", "Studio", "Follow", "Up", "Next", "May", "Design", "and", "Sons", "Brand", "Factor", "Media",
     "Lab", "Works", "Done", "Active", "Tag", "Call", "Note", "Level", "North", "&", "Co.", "O'Neil",
     "Blue-Sky"]
)  # fmt: skip
NAMES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
TEMPLATES = (
    ("remind me to follow up with {name} in 3 weeks", "follow-up"),
    ("set {name}'s next follow-up to October 15", "follow-up"),
    ('follow up with "{name}" next friday', "follow-up"),
    ("mark {name} as active", "status"),
    ("log a call with {name}: discussed the scope", "log"),
    ("clear the follow-up for {name}", "clear-follow-up"),
    ("tag {name} as vip", "tag"),
    ("mark my follow-up with {name} done, remind me again in a month", "done"),
    ("add a note to {name}: likes tea", "note"),
)


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database, made once: each example starts from a copy of it."""
    path = tmp_path_factory.mktemp("empty") / "kiaro.db"
    with write(Location(path=path)):
        pass
    close_engines()
    return path


@given(
    names=st.lists(NAMES, min_size=1, max_size=4), pick=st.integers(0, 3), template=st.sampled_from(TEMPLATES)
)
def test_any_client_name_in_any_form_resolves_to_that_client(
    tmp_path_factory: pytest.TempPathFactory,
    empty_db: Path,
    names: list[str],
    pick: int,
    template: tuple[str, str],
) -> None:
    folded = [fold(name) for name in names]
    assume(len(set(folded)) == len(folded))
    target = names[pick % len(names)]
    assume(not all(word.lower() in {"and", "&", "may", "next"} for word in target.split()))
    path = tmp_path_factory.mktemp("names") / "kiaro.db"
    shutil.copyfile(empty_db, path)
    where = Location(path=path)
    ids = {name: clients.add_client(where, {"name": name}, full_form=False, today=TODAY).id for name in names}
    sentence, action = template
    plan = understood(where, sentence.format(name=target))
    assert [(a.action, a.client_id) for a in plan.actions] == [(action, ids[target])]


def test_a_name_ending_in_a_dot_said_at_the_end_of_a_sentence_is_that_client(location: Location) -> None:
    for name in ("Co.", "Acme Co."):
        clients.add_client(
            location, {"name": name, "follow_up_on": "2026-12-01"}, full_form=False, today=TODAY
        )
    (action,) = understood(location, "clear the follow-up for Co.").actions
    assert (action.client_name, action.action) == ("Co.", "clear-follow-up")
