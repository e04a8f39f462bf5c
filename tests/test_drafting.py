"""Drafts: tone by status, what they draw on, and templates that cannot break."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli import drafting
from kiaro_cli.drafting import Conversation, DraftContext, Proposal, compose
from kiaro_cli.errors import InvalidValue

TODAY = date(2026, 11, 23)  # a Monday
SELLING = ("offer", "discount", "price", "proposal", "deal", "package", "special", "limited", "book a")

names = st.one_of(st.none(), st.sampled_from(["Maria Lopez", "Dr. Ann Lee", "Kenji", "Mx. Sam O'Neil"]))
texts = st.one_of(st.none(), st.text(min_size=1, max_size=80).filter(str.strip))
conversations = st.one_of(
    st.none(),
    st.builds(
        Conversation,
        type=st.sampled_from(["call", "meeting", "email", "text"]),
        day=st.dates(min_value=date(2024, 1, 1), max_value=TODAY),
        summary=st.text(min_size=1, max_size=60).filter(str.strip),
        next_step=texts,
    ),
)
contexts = st.builds(
    DraftContext,
    client=st.sampled_from(["Acme", "Zoë & Co", "{braces} Ltd"]),
    status=st.sampled_from(["lead", "active", "inactive", "past"]),
    today=st.just(TODAY),
    contact_name=names,
    to=st.one_of(st.none(), st.just("ann@acme.com")),
    industry=texts,
    note=texts,
    conversation=conversations,
    last_contact=st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=TODAY)),
    owner=st.one_of(st.none(), st.just("Sam Rivera")),
    proposal=st.one_of(
        st.none(),
        st.builds(
            Proposal,
            day=st.dates(min_value=date(2024, 1, 1), max_value=TODAY),
            amount=st.just("4,800.00 EUR"),
        ),
    ),
    last_project=texts,
)


@given(contexts)
def test_every_draft_is_complete_and_in_its_tone(context: DraftContext) -> None:
    draft = compose(context)
    assert draft.subject and draft.body.endswith("\n")
    assert draft.to == context.to
    greeting = draft.body.splitlines()[0]
    expected_name = drafting.first_name(context.contact_name)
    assert greeting == (f"Hi {expected_name}," if expected_name else "Hello,")
    if context.owner:
        assert draft.body.rstrip().endswith(context.owner)
    words = draft.body.lower()
    if context.status == "lead":
        assert draft.tone == "lead" and "?" in draft.body and "20 minutes on" in draft.body
    elif context.status == "active":
        assert draft.tone == "active"
        assert "just checking in" not in words and "just checking in" not in draft.subject.lower()
    else:
        assert draft.tone == "reactivation"
        template_words = draft.body.replace(context.client, "").replace(context.industry or "\0", "")
        template_words = template_words.replace((context.last_project or "\0").strip(), "").lower()
        assert not [word for word in SELLING if word in template_words]


@pytest.mark.parametrize(
    ("name", "greeted"),
    [
        ("Herr Jonas Weber", "Jonas"),
        ("Frau Dr. Anna Schmidt", "Anna"),
        ("Mme Claire Dubois", "Claire"),
        ("M. Luc Martin", "Luc"),
        ("Mlle Inès Roux", "Inès"),
        ("Dra. Lucía Gómez", "Lucía"),
        ("Sr. Pedro Alves", "Pedro"),
        ("Sra. Ana Costa", "Ana"),
        ("Ing. Marco Rossi", "Marco"),
        ("Sig.ra Giulia Bianchi", "Giulia"),
        ("Dott. Luca Verdi", "Luca"),
        ("ir. Pieter de Vries", "Pieter"),
        ("Mevr. Marieke Bakker", "Marieke"),
        ("Dhr. Sven Jansen", "Sven"),
        ("Dipl.-Ing. Eva Huber", "Eva"),
        ("Mag. Lena Gruber", "Lena"),
        ("Hr. Ole Berg", "Ole"),
        ("Fr. Ida Lund", "Ida"),
        ("Srta. Sofía Ruiz", "Sofía"),
        ("Mario Herrmann", "Mario"),  # a name that starts like a title is a name
        ("Frau", None),
    ],
)
def test_greetings_skip_titles_in_every_language_kiaro_reads(name: str, greeted: str | None) -> None:
    assert drafting.first_name(name) == greeted


def test_every_title_in_the_table_is_skipped() -> None:
    for titles in drafting.HONORIFICS.values():
        for title in titles:
            assert drafting.first_name(f"{title} Ann") == "Ann", title
            assert drafting.first_name(f"{title.upper()} Ann") == "Ann", title


def test_first_names_skip_titles() -> None:
    assert drafting.first_name("Dr. Maria Lopez") == "Maria"
    assert drafting.first_name("  prof  Ann ") == "Ann"
    assert drafting.first_name("Mr.") is None
    assert drafting.first_name(None) is None


@given(st.text(max_size=200), st.sampled_from(["lead", "active", "inactive", "past"]))
def test_notes_never_reach_a_draft_unless_a_line_is_marked_shared(notes: str, status: str) -> None:
    private = "PRIVATE-" + notes.replace("hared", "-hared")
    context = DraftContext(client="Acme", status=status, today=TODAY, note=drafting.shared_note(private))
    draft = compose(context)
    assert "PRIVATE" not in draft.subject + draft.body


def test_a_line_marked_shared_is_the_one_a_draft_may_quote() -> None:
    notes = "Cheapskates, haggled hard last time.\nShared: Wants the shop live before the Berlin fair. Ask."
    assert drafting.shared_note(notes) == "Wants the shop live before the Berlin fair. Ask."
    assert drafting.shared_note("Haggles.\nshared:   launch in May") == "launch in May"
    assert drafting.shared_note("We shared: nothing") is None  # the mark starts a line
    assert drafting.shared_note(None) is None


def test_notes_are_quoted_by_their_first_sentence_only() -> None:
    assert drafting.first_sentence("Wants a new booking flow. Pays late!") == "Wants a new booking flow"
    assert drafting.first_sentence("One line\nsecond line") == "One line"
    long = drafting.first_sentence("word " * 60)
    assert long is not None and len(long) <= drafting.NOTE_LIMIT and long.endswith("…")


@pytest.mark.parametrize(
    ("today", "days"),
    [
        (date(2026, 11, 23), "Wednesday 25 or Thursday 26 November"),  # Monday
        (date(2026, 11, 26), "Monday 30 November or Tuesday 1 December"),  # Thursday
        (date(2026, 11, 28), "Monday 30 November or Tuesday 1 December"),  # Saturday
    ],
)
def test_a_lead_is_offered_two_concrete_working_days(today: date, days: str) -> None:
    assert days in compose(DraftContext("Acme", "lead", today)).body


def test_a_lead_draft_recaps_the_last_conversation() -> None:
    talk = Conversation("meeting", date(2026, 11, 20), "Reviewed the moodboard.", "Send the estimate.")
    draft = compose(DraftContext("Acme", "lead", TODAY, contact_name="Ann Lee", conversation=talk))
    assert draft.subject == "Next step after our meeting"
    assert "meeting on 20 November" in draft.body
    assert "- Reviewed the moodboard\n- Next step: Send the estimate" in draft.body


def test_a_lead_or_active_client_s_draft_asks_about_its_open_quote() -> None:
    quote = Proposal(date(2026, 11, 3), "4,800.00 EUR")
    talk = Conversation("call", date(2026, 11, 20), "Went through the scope", "Send the estimate")
    for context in (
        DraftContext("Acme", "lead", TODAY, proposal=quote),
        DraftContext("Acme", "lead", TODAY, conversation=talk, proposal=quote),
    ):
        body = compose(context).body
        assert "Have you had a chance to look at the proposal of 3 November for 4,800.00 EUR?" in body
        assert "20 minutes on Wednesday 25 or Thursday 26 November" in body
    active = compose(DraftContext("Acme", "active", TODAY, industry="retail", proposal=quote)).body
    assert "Is the proposal of 3 November for 4,800.00 EUR still on your list?" in active
    assert "proposal" not in compose(DraftContext("Acme", "active", TODAY, industry="retail")).body
    last_year = DraftContext("Acme", "lead", TODAY, proposal=Proposal(date(2025, 12, 15), "900.00 USD"))
    assert "the proposal of 15 December 2025 for 900.00 USD?" in compose(last_year).body
    assert (
        "proposal" not in compose(DraftContext("Acme", "lead", TODAY)).body
    )  # none: the sentence is not there


def test_a_past_clients_draft_names_its_last_project() -> None:
    draft = compose(DraftContext("Acme", "past", TODAY, last_project="Website relaunch"))
    assert "I was thinking about the Website relaunch we worked on together the other day, and Acme came" in (
        draft.body
    )
    old = compose(
        DraftContext(
            "Acme", "inactive", TODAY, last_contact=date(2026, 3, 2), last_project="Website relaunch"
        )
    )
    assert "back in March. I was thinking about the Website relaunch the other day" in old.body
    assert "project" not in compose(DraftContext("Acme", "past", TODAY)).body
    assert (
        "Website relaunch"
        not in compose(DraftContext("Acme", "active", TODAY, last_project="Website relaunch")).body
    )


@pytest.mark.parametrize("tone", ["lead", "active", "reactivation"])
def test_packaged_templates_are_valid(tone: str) -> None:
    template = drafting.load_template(tone)
    assert set(template) <= set(drafting.PARTS)
    assert all(template[part] for part in ("subject", "greeting", "ask", "sign_off"))


BROKEN = [
    ('[[subject]]\ntext = "Hi {nickname}"', "unknown fact 'nickname'"),
    ('[[subject]]\ntext = "Hi {first_name}"', "uses 'first_name' without when"),
    ('[[salutation]]\ntext = "Hi"', "unknown part"),
    ("[[subject]]\nwhen = []", "every variant needs a text"),
    ('subject = "Hi"', "write it as [[subject]] tables"),
    ('[[subject]]\nwhen = "owner"\ntext = "{owner}"', "write when as a list of facts"),
    ('[[subject]]\ntext = "Hi {"', "Single '{'"),
    ("[[subject]\n", "not valid TOML"),
]


@pytest.mark.parametrize(("text", "reason"), BROKEN, ids=[b[1] for b in BROKEN])
def test_a_broken_user_template_is_refused_clearly(
    text: str, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    own = tmp_path / "kiaro" / "drafts" / "lead.toml"
    own.parent.mkdir(parents=True)
    own.write_text(text)
    with pytest.raises(InvalidValue, match=re.escape(reason)) as raised:
        compose(DraftContext("Acme", "lead", TODAY))
    assert str(own) in raised.value.message


def test_a_user_template_replaces_the_packaged_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    own = tmp_path / "kiaro" / "drafts" / "active.toml"
    own.parent.mkdir(parents=True)
    own.write_text(
        '[[subject]]\ntext = "Quick one, {client}"\n\n[[ask]]\ntext = "Coffee on {meeting_days}?"\n'
    )
    draft = compose(DraftContext("Acme", "active", TODAY))
    assert draft.subject == "Quick one, Acme"
    assert draft.body == "Coffee on Wednesday 25 or Thursday 26 November?\n"
    assert compose(DraftContext("Acme", "lead", TODAY)).subject == "A next step for Acme"  # others stay


def test_the_follow_ups_guide_lists_every_fact() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "follow-ups.md").read_text()
    assert [fact for fact in drafting.PLACEHOLDERS if f"| `{fact}` |" not in guide] == []


def test_last_contact_is_mentioned_only_when_it_was_a_while_ago() -> None:
    recent = compose(DraftContext("Acme", "past", TODAY, last_contact=date(2026, 11, 2)))
    assert "It's been a while" not in recent.body
    old = compose(DraftContext("Acme", "past", TODAY, last_contact=date(2026, 8, 2)))
    assert "back in August," in old.body


line = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40).map(str.strip)


@given(
    to=st.none() | st.emails(),
    subject=line.filter(bool),
    paragraphs=st.lists(line.filter(bool), min_size=1, max_size=4),
)
def test_a_draft_read_back_from_its_text_is_the_same_draft(
    to: str | None, subject: str, paragraphs: list[str]
) -> None:
    from kiaro_cli.drafting import Draft, draft_from_text

    draft = Draft(to, subject, "\n\n".join(paragraphs) + "\n", "lead")
    assert draft_from_text(draft.as_text(), "lead") == draft


def test_text_without_headers_is_all_body() -> None:
    from kiaro_cli.drafting import draft_from_text

    read = draft_from_text("Hello: there\nHow are you?\n", "lead")
    assert (read.to, read.subject, read.body) == (None, "", "Hello: there\nHow are you?\n")
