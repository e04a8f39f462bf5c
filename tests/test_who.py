"""Who made each change: recorded on every history line, shown in the timeline, and undo
takes back only your own newest change unless told otherwise."""

from __future__ import annotations

import pytest

from kiaro_cli.core import clients
from kiaro_cli.core.home import home_summary
from kiaro_cli.core.settings import load_settings, set_setting, settings_dict
from kiaro_cli.core.tags import add_tags
from kiaro_cli.core.timeline import timeline
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import Conflict, InvalidValue
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from kiaro_cli.who import current_user
from tests.helpers import TODAY


def as_user(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("KIARO_USER", name)


def test_the_user_is_kiaro_user_else_this_machine_s_name_else_the_login(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    monkeypatch.delenv("KIARO_USER", raising=False)
    assert current_user() == getpass.getuser()
    assert set_setting(location, "user-name", "  Lee   Smith ") == "Lee Smith"
    assert current_user() == "Lee Smith"
    monkeypatch.setenv("KIARO_USER", "  Sam   Rivera ")
    assert current_user() == "Sam Rivera"  # the variable wins
    with open_reader(location) as reader:
        assert settings_dict(load_settings(reader))["user-name"] == "Lee Smith"  # this machine's
        assert "user-name" not in {row["key"] for row in reader.rows("SELECT key FROM setting")}
    set_setting(location, "user-name", "")
    monkeypatch.delenv("KIARO_USER")
    assert current_user() == getpass.getuser()


def test_every_change_says_who_made_it(location: Location, monkeypatch: pytest.MonkeyPatch) -> None:
    as_user(monkeypatch, "sam")
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    as_user(monkeypatch, "lee")
    add_tags(location, "acme", ["vip"])
    with open_reader(location) as reader:
        assert [(e.kind, e.by) for e in timeline(reader, 1)] == [("tag added", "lee"), ("created", "sam")]


def test_undo_takes_back_only_your_own_newest_change(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_user(monkeypatch, "sam")
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    as_user(monkeypatch, "lee")
    add_tags(location, "acme", ["vip"])
    as_user(monkeypatch, "sam")
    with pytest.raises(
        Conflict,
        match=r"your newest change \(Added Acme \(quick add\)\) cannot be taken back alone: lee's change "
        r"\(Tag 'vip' added, 2\d{3}-.* UTC\) changed the same records since; kiaro undo --anyone",
    ):
        undo_last(location)
    with open_reader(location) as reader:
        assert clients.get_client(reader, "acme").tags == ("vip",)  # refused: nothing changed
    result = undo_last(location, anyone=True)
    assert result.by == "lee" and result.details == ("Tag 'vip' added",)
    assert undo_last(location).by == "sam"  # the next newest is Sam's own


def test_undo_takes_back_your_own_change_past_a_teammate_s_on_other_records(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_user(monkeypatch, "sam")
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    add_tags(location, "acme", ["vip"])
    as_user(monkeypatch, "lee")
    clients.add_client(location, {"name": "Beta"}, full_form=False, today=TODAY)
    clients.edit_client(location, "beta", {"city": "Delft"}, today=TODAY)
    as_user(monkeypatch, "sam")
    result = undo_last(location)
    assert (result.by, result.details) == ("sam", ("Tag 'vip' added",))
    with open_reader(location) as reader:
        assert clients.get_client(reader, "acme").tags == ()
        assert clients.get_client(reader, "beta").city == "Delft"  # Lee's changes stay
    as_user(monkeypatch, "lee")
    clients.edit_client(location, "acme", {"city": "Utrecht"}, today=TODAY)
    as_user(monkeypatch, "sam")
    with pytest.raises(
        Conflict, match=r"lee's change \(City: \(empty\) → Utrecht, .*changed the same records since"
    ):
        undo_last(location)  # Sam's newest left is Acme's creation, which Lee has changed since
    as_user(monkeypatch, "kim")
    with pytest.raises(Conflict, match=r"nothing of yours to undo; the newest is lee's change \("):
        undo_last(location)


def test_owner_me_and_your_due_follow_ups(location: Location, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, owner in (("Acme", "Sam"), ("Beta", "Lee"), ("Gamma", None)):
        clients.add_client(
            location, {"name": name, "owner": owner, "follow_up_on": "today"}, full_form=False, today=TODAY
        )
    as_user(monkeypatch, "sam")
    with open_reader(location) as reader:
        mine = clients.iter_clients(reader, clients.make_filter(owner="me", today=TODAY))
        assert [c.name for c in mine] == ["Acme"]
        assert home_summary(reader, TODAY).yours == 1
    monkeypatch.delenv("KIARO_USER")
    with open_reader(location) as reader:
        assert home_summary(reader, TODAY).yours is None  # a login says nothing of who owns a client
        lees = clients.iter_clients(reader, clients.make_filter(owner="LEE", today=TODAY))
        assert [c.name for c in lees] == ["Beta"]


@pytest.mark.parametrize("name", ["eve\x1b[2J", "eve\x1b]0;owned\x07", "\u202eeve", "eve\u2066", "eve\x9b"])
def test_a_name_with_control_or_format_characters_is_refused_from_wherever_it_comes(
    location: Location, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from kiaro_cli.who import _name_file

    monkeypatch.setenv("KIARO_USER", name)
    with pytest.raises(InvalidValue, match=r"^KIARO_USER has the control or format character U\+"):
        current_user()
    with pytest.raises(InvalidValue, match=r"^KIARO_USER has"):
        clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    monkeypatch.delenv("KIARO_USER")
    _name_file().parent.mkdir(parents=True, exist_ok=True)
    _name_file().write_text(name, encoding="utf-8")  # the file kept on this machine, edited by hand
    with pytest.raises(InvalidValue, match=r"^the user name kept in .*user-name has the control"):
        current_user()
    _name_file().unlink()
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, name)
    with pytest.raises(InvalidValue, match=r"^the login name has the control or format character"):
        current_user()
    with open_reader(location) as reader:
        assert list(reader.rows("SELECT id FROM client")) == []
