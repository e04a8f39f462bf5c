"""A command's workspace and the use cases that take it: the day and database they are
given, not the environment's, and warnings known before the change commits."""

from __future__ import annotations

from datetime import date

import pytest

from kiaro_cli.core import client_cases
from kiaro_cli.core.contacts import add_contact_noting_namesakes
from kiaro_cli.core.workspace import Workspace
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage.location import Location
from tests.helpers import FULL


def test_a_use_case_dates_by_the_workspace_day_not_the_environment(location: Location) -> None:
    ws = Workspace(location, pinned_today=date(2030, 1, 7))
    added = client_cases.add(ws, {"name": "Acme", "follow_up_on": "1w"}, full_form=False)
    assert added.record.follow_up_on == "2030-01-14"
    assert added.warnings == () and added.to_dict()["name"] == "Acme"


def test_an_email_two_clients_share_is_a_warning_of_the_outcome(location: Location) -> None:
    ws = Workspace(location)
    first = client_cases.add(ws, FULL)
    assert first.warnings == ()
    lead = client_cases.add(ws, {"name": "CDF Marketing"}, full_form=False).record
    edited = client_cases.edit(ws, str(lead.id), {"email": FULL["email"]})
    assert edited.warnings == (f"{FULL['email']} is also the email of Brand Factor (#1)",)
    assert [change.field for change in edited.changes] == ["email"]
    unchanged = client_cases.edit(ws, str(lead.id), {"email": FULL["email"]})
    assert unchanged.changes == () and unchanged.warnings == ()


def test_a_contact_named_as_another_of_the_client_is_noted(location: Location) -> None:
    ws = Workspace(location)
    client_cases.add(ws, FULL)
    outcome = add_contact_noting_namesakes(ws, "1", {"name": "thandi  MOKOENA"})
    assert outcome.warnings == ("Brand Factor already has a contact named Thandi Mokoena (#1)",)


def test_the_user_is_read_only_when_asked_for(location: Location, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIARO_USER", "\x1b[31mmallory")
    ws = Workspace(location, pinned_today=date(2030, 1, 7))
    assert ws.today == date(2030, 1, 7)  # a bad KIARO_USER stops only what needs a user
    with pytest.raises(InvalidValue):
        _ = ws.user
    monkeypatch.setenv("KIARO_USER", "Ann")
    assert Workspace(location).user == "Ann"
