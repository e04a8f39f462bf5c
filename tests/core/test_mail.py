"""Mail in the history: a real Maildir and mbox made with :mod:`mailbox`, read into email
interactions of the clients whose addresses they name, once."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from kiaro_cli.core.clients import add_client, get_client
from kiaro_cli.core.contacts import add_contact
from kiaro_cli.core.interactions import iter_interactions
from kiaro_cli.core.mail import import_mail
from kiaro_cli.core.reach import ReachChanges
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import SERVER, TODAY


def message(sender: str, to: str, subject: str, date: str, message_id: str | None = None) -> EmailMessage:
    made = EmailMessage()
    made["From"], made["To"], made["Subject"], made["Date"] = sender, to, subject, date
    if message_id is not None:
        made["Message-ID"] = message_id
    made.set_content("the body, never read")
    return made


MESSAGES = (
    message(
        "Ann <ANN@Acme.nl>", "me@example.org", "Quote", "Fri, 20 Nov 2026 15:30:00 +0100", "<q1@acme.nl>"
    ),
    message("me@example.org", "ann@acme.nl, bo@brand.nl", "Re: Quote", "Sat, 21 Nov 2026 09:05:07 +0000"),
    message("news@shop.nl", "me@example.org", "Offers", "Sat, 21 Nov 2026 10:00:00 +0000", "<n1@shop>"),
    message("ann@acme.nl", "me@example.org", "Old", "Mon, 02 Mar 2026 10:00:00 +0000", "<old@acme>"),
)


@pytest.fixture
def known(location: Location) -> Location:
    add_client(location, {"name": "Acme"}, full_form=False)
    add_client(location, {"name": "Brand", "email": "bo@brand.nl"}, full_form=False)
    add_contact(location, "acme", {"name": "Ann", "email": "ann@acme.nl"})
    return location


@pytest.fixture(params=["maildir", "mbox"])
def box(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / ("Sent" if request.param == "maildir" else "sent.mbox")
    made = mailbox.Maildir(path) if request.param == "maildir" else mailbox.mbox(path)
    for each in MESSAGES:
        made.add(each)
    made.close()
    return path


def local(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> str:
    """A moment given in UTC, as kept: in local time with its offset."""
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC).astimezone().isoformat()


def emails(location: Location, client: str) -> list[tuple[str, str, int | None]]:
    with open_reader(location) as reader:
        found = iter_interactions(reader, reference=client, types=["email"])
        return [(each.occurred_at, each.summary, each.contact_id) for each in found]


def test_known_mail_becomes_email_interactions_with_time_and_direction(known: Location, box: Path) -> None:
    result = import_mail(known, box, today=TODAY)
    assert (len(result.added), result.already_there, result.no_known_address) == (4, 0, 1)
    acme = emails(known, "acme")
    assert [(moment, summary) for moment, summary, _ in acme] == [
        (local(2026, 11, 21, 9, 5, 7), "Re: Quote"),
        (local(2026, 11, 20, 14, 30), "Quote"),
        (local(2026, 3, 2, 10, 0), "Old"),
    ]
    assert {contact for _, _, contact in acme} == {1}
    assert emails(known, "brand") == [(acme[0][0], "Re: Quote", None)]  # the client's own address
    with open_reader(known) as reader:
        assert get_client(reader, "acme").last_interaction_at == local(2026, 11, 21, 9, 5, 7)[:10]


def test_a_second_run_adds_nothing_and_one_undo_takes_an_import_back(known: Location, box: Path) -> None:
    import_mail(known, box, today=TODAY)
    again = import_mail(known, box, today=TODAY)
    assert (len(again.added), again.already_there) == (0, 4)
    assert len(emails(known, "acme")) == 3
    undone = undo_last(known)
    assert sorted(undone.details) == [
        "1 email imported from mail (2026-11-21)",
        "3 emails imported from mail (2026-03-02 to 2026-11-21)",
    ]
    assert emails(known, "acme") == [] and emails(known, "brand") == []


def test_since_and_a_dry_run(known: Location, box: Path) -> None:
    preview = import_mail(known, box, today=TODAY, since="2026-11-01", dry_run=True)
    assert (len(preview.added), preview.before_since, preview.dry_run) == (3, 1, True)
    assert emails(known, "acme") == []


def test_messages_dated_ahead_or_unreadably_are_skipped(known: Location, tmp_path: Path) -> None:
    made = mailbox.mbox(tmp_path / "odd.mbox")
    made.add(message("ann@acme.nl", "me@example.org", "Ahead", "Fri, 01 Jan 2027 10:00:00 +0000"))
    made.add(message("ann@acme.nl", "me@example.org", "No day", "someday"))
    made.close()
    result = import_mail(known, tmp_path / "odd.mbox", today=TODAY)
    assert (len(result.added), result.no_date) == (0, 2)


def test_a_path_that_is_no_mailbox_changes_nothing(known: Location, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not mail\n")
    with pytest.raises(InvalidValue, match="is not a mailbox"):
        import_mail(known, tmp_path / "notes.txt", today=TODAY)
    with pytest.raises(InvalidValue):
        import_mail(known, tmp_path, today=TODAY, since="whenever")
    ahead = r"'next friday' is in the future \(.*\); say how long ago, e.g. 12m"
    with pytest.raises(InvalidValue, match=ahead):
        import_mail(known, tmp_path / "notes.txt", today=TODAY, since="next friday")


def test_merging_two_clients_that_both_have_a_mail_keeps_it_once(known: Location, box: Path) -> None:
    """ "Re: Quote" went to Ann of Acme and to Brand: one interaction each, until they are one."""
    from kiaro_cli.core.duplicates import merge_clients

    import_mail(known, box, today=TODAY)
    merged = merge_clients(known, "acme", "brand")
    assert merged.moved_interactions == 0
    assert [summary for _, summary, _ in emails(known, "acme")] == [
        "Re: Quote",
        "Quote",
        "Old",
    ]
    assert import_mail(known, box, today=TODAY).added == []


@pytest.mark.postgres
@pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)")
def test_a_server_keeps_each_mail_once_as_a_file_does(postgres_url: str, tmp_path: Path) -> None:
    from kiaro_cli.storage.location import resolve

    server = resolve(postgres_url)
    path = tmp_path / "sent.mbox"
    made = mailbox.mbox(path)
    for each in MESSAGES:
        made.add(each)
    made.close()
    add_client(server, {"name": "Acme"}, full_form=False)
    add_contact(server, "acme", {"name": "Ann", "email": "ann@acme.nl"})
    first, again = (import_mail(server, path, today=TODAY) for _ in range(2))
    assert (len(first.added), len(again.added), again.already_there) == (3, 0, 3)
    assert [summary for _, summary, _ in emails(server, "acme")] == [
        "Re: Quote",
        "Quote",
        "Old",
    ]


def test_mail_to_a_contacts_further_address_joins_their_history(location: Location, tmp_path: Path) -> None:
    add_client(location, {"name": "Acme"}, full_form=False)
    add_contact(
        location,
        "acme",
        {"name": "Ann", "email": "ann@acme.nl"},
        more=ReachChanges(add_emails=("ann@home.nl",)),
    )
    path = tmp_path / "sent.mbox"
    made = mailbox.mbox(path)
    made.add(message("me@example.org", "Ann@Home.nl", "Dinner", "Sat, 21 Nov 2026 19:00:00 +0000", "<d1@me>"))
    made.close()
    assert len(import_mail(location, path, today=TODAY).added) == 1
    assert [(summary, contact) for _, summary, contact in emails(location, "acme")] == [("Dinner", 1)]


def test_mail_with_a_cadence_schedules_the_next_follow_up_as_logging_does(
    location: Location, tmp_path: Path
) -> None:
    from kiaro_cli.core.followups import set_follow_up

    add_client(location, {"name": "Acme"}, full_form=False)
    add_contact(location, "acme", {"name": "Ann", "email": "ann@acme.nl"})
    set_follow_up(location, "acme", "2027-03-01", TODAY, every="2w")
    path = tmp_path / "in.mbox"
    made = mailbox.mbox(path)
    made.add(
        message("ann@acme.nl", "me@example.org", "Dates", "Fri, 20 Nov 2026 09:00:00 +0000", "<c1@acme>")
    )
    made.close()
    assert import_mail(location, path, today=TODAY, dry_run=True).follow_ups == {
        1: "2026-12-04"
    }  # said first
    assert import_mail(location, path, today=TODAY).follow_ups == {1: "2026-12-04"}
    with open_reader(location) as reader:
        assert get_client(reader, "acme").follow_up_on == "2026-12-04"  # two weeks after the mail
