"""The command bar's grammar alone: no database, no clock."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core.mentions import mentioned_fields
from kiaro_cli.core.sentence_rules import PAST_VERBS
from kiaro_cli.core.sentence_words import KIND_WORDS, looks_like_date
from kiaro_cli.core.sentences import NotUnderstood, Step, left_out, normalise, readings

DOCS = Path(__file__).parents[2] / "docs" / "command-bar.md"


def documented() -> list[str]:
    """Every sentence docs/command-bar.md shows: the table cells' `…` and the kiaro do examples."""
    text = DOCS.read_text(encoding="utf-8")
    part = text[text.index("## What it understands") : text.index("## When it refuses")]
    said = [
        cell
        for row in part.splitlines()
        if row.startswith("| `")
        for cell in re.findall(r"`([^`]+)`", row.split(" | ")[0])
    ]
    said += re.findall(r'kiaro do "([^"]+)"', part)
    return said


@pytest.mark.parametrize("sentence", documented())
def test_every_documented_sentence_is_read(sentence: str) -> None:
    assert readings(sentence)


def test_the_docs_show_many_sentences() -> None:
    assert len(documented()) >= 60


def test_a_sentence_is_read_without_its_politeness_quotes_and_punctuation() -> None:
    assert normalise("  \u201cPlease follow up with Acme\u2019s team in 2 weeks!\u201d ") == (
        "follow up with Acme's team in 2 weeks"
    )
    assert normalise("kiaro, tag Acme as vip, thanks.") == "tag Acme as vip"


@pytest.mark.parametrize(
    ("sentence", "set_aside"),
    [
        ("Hey kiaro, please log a call with Acme, thanks!", ("Hey kiaro please", "thanks")),
        ("could you tag Acme as vip and also please tag Brand pls", ("could you", "also please", "pls")),
        ("follow up w/ Acme in 2 weeks", ()),  # spelled out, not left out
        ("tag Acme as vip, thank you so much... thanks!", ("thank you so much", "thanks")),
        ("log a call with Acme: they said no, mark them as past.", ()),
        ("\u201cmark Acme Inc. done\u201d", ()),
    ],
)
def test_the_words_read_around_are_named(sentence: str, set_aside: tuple[str, ...]) -> None:
    assert left_out(sentence) == set_aside


_POLITE_WORDS = st.sampled_from(
    [
        "please",
        "thanks",
        "thank",
        "you",
        "so",
        "much",
        "lot",
        "Acme",
        "tag",
        "as",
        "vip",
        ",",
        "!",
        "w/",
        "and",
    ]
)


@given(st.lists(_POLITE_WORDS, max_size=12).map(" ".join))
def test_what_is_left_out_and_what_is_read_make_the_sentence(sentence: str) -> None:
    kept = normalise(sentence).lower().replace("with", "w/").split()
    dropped = " ".join(left_out(sentence)).lower().split()
    typed = re.findall(r"[\w/]+", sentence.lower())
    assert sorted(re.findall(r"[\w/]+", " ".join(kept + dropped))) == sorted(typed)


def test_where_a_name_ends_every_reading_is_offered_the_likeliest_first() -> None:
    found = [reading[0] for reading in readings("follow up with Studio May in 3 weeks")]
    assert found[0] == Step("follow-up", "Studio May", "in 3 weeks")
    assert Step("follow-up", "Studio", "May in 3 weeks") in found


def test_a_date_after_a_done_or_a_new_client_belongs_to_it() -> None:
    assert readings("mark my follow-up with Acme done, remind me again in a month")[0] == (
        Step("done", "Acme", "in a month"),
    )
    created = readings("add Zenith to my clients and follow up in 2 weeks")[0]
    assert created == (Step("create", None, "in 2 weeks", (("name", "Zenith"),)),)


def test_a_second_clause_may_leave_the_client_out() -> None:
    assert readings("mark Acme as active and tag them vip")[0] == (
        Step("status", "Acme", values=(("status", "active"),)),
        Step("tag", None, values=(("tags", "vip"), ("last_word", "yes"))),
    )


@pytest.mark.parametrize("sentence", ["follow up in 2 weeks", "tag them as vip", "hello", "delete Acme", ""])
def test_a_first_clause_must_name_its_client_or_be_refused(sentence: str) -> None:
    with pytest.raises(NotUnderstood):
        readings(sentence)


@given(st.text(max_size=60))
def test_any_text_is_read_or_refused_and_only_the_lead_forms_create(text: str) -> None:
    try:
        found = readings(text)
    except NotUnderstood as refused:
        assert refused.message and len(refused.details) == 2
        return
    creating = any(step.action == "create" for reading in found for step in reading)
    lead_words = re.search(r"^\s*/|clients?|leads?|prospect|crm|pipeline|contacts|client list", text, re.I)
    assert not creating or lead_words


@pytest.mark.parametrize(
    ("sentence", "client", "when"),
    [
        ("remind me about Alpen Chalets am 15. Januar", "Alpen Chalets", "15. Januar"),
        ("follow up with Casa Olivo el 15 de enero", "Casa Olivo", "15 de enero"),
        ("follow up with Atelier Sauvage le 3 décembre", "Atelier Sauvage", "3 décembre"),
        ("follow up with Nordlicht nächste Woche", "Nordlicht", "nächste Woche"),
        ("follow up with Kobalt in two weeks", "Kobalt", "in two weeks"),
        ("follow up with Kobalt in a couple of weeks", "Kobalt", "in 2 weeks"),
    ],
)
def test_a_date_in_english_german_french_or_spanish_ends_the_name(
    sentence: str, client: str, when: str
) -> None:
    assert readings(sentence)[0] == (Step("follow-up", client, when),)


@pytest.mark.parametrize("phrase", ["the invoice", "yesterday re", "steps and timeline", "Labs", "someday"])
def test_words_that_are_no_date_are_never_taken_for_one(phrase: str) -> None:
    assert not looks_like_date(phrase)


def test_a_verb_said_once_for_two_clients_is_two_steps() -> None:
    assert readings("tag Brand Factor as vip and Kobalt Labs as design")[0] == (
        Step("tag", "Brand Factor", values=(("tags", "vip"),)),
        Step("tag", "Kobalt Labs", values=(("tags", "design"),)),
    )


def test_a_summary_runs_to_the_end_unless_a_whole_clause_follows() -> None:
    summary = "log call with Nordlicht: discussed pricing, next steps and timeline"
    assert readings(summary)[0] == (
        Step(
            "log",
            "Nordlicht",
            values=(("type", "call"), ("summary", "Discussed pricing, next steps and timeline")),
        ),
    )
    assert readings("log a call with Kobalt: they said no, mark them as past")[0] == (
        Step("log", "Kobalt", values=(("type", "call"), ("summary", "They said no"))),
        Step("status", None, values=(("status", "past"),)),
    )


@pytest.mark.parametrize(
    ("said", "name", "fields"),
    [
        ("Made in Italy", "Made in Italy", []),
        ("Acme GmbH in Italy", "Acme GmbH", [("country", "IT")]),
        ("Acme, in Italy", "Acme", [("country", "IT")]),
        (
            "Oakwood Interiors, contact is Sarah Lee sarah@oakwood.co.uk",
            "Oakwood Interiors",
            [("email", "sarah@oakwood.co.uk"), ("contact_person", "Sarah Lee")],
        ),
        ("Delta Corp, call them on 0612345678", "Delta Corp", [("phone", "0612345678")]),
    ],
)
def test_what_a_new_client_sentence_says_besides_the_name(
    said: str, name: str, fields: list[tuple[str, str]]
) -> None:
    assert mentioned_fields(said) == (name, fields)


@given(st.from_regex(PAST_VERBS, fullmatch=True))
def test_every_past_verb_the_grammar_reads_names_its_kind(verb: str) -> None:
    assert " ".join(verb.lower().split()) in KIND_WORDS
    assert (
        readings(f"{verb.upper()} Acme yesterday")[0][0].values[0][1]
        == KIND_WORDS[" ".join(verb.lower().split())]
    )
