"""Tags across clients: counts, renaming (and merging), removing everywhere, undo."""

from __future__ import annotations

import pytest

from kiaro_cli.core.clients import add_client
from kiaro_cli.core.tags import TagCount, add_tags, list_tags, remove_tag, rename_tag
from kiaro_cli.core.timeline import timeline
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader


@pytest.fixture
def tagged(location: Location) -> Location:
    for name in ("Acme", "Brand", "Café"):
        add_client(location, {"name": name}, full_form=False)
    add_tags(location, "acme", ["webdev", "VIP"])
    add_tags(location, "brand", ["Web Dev", "vip"])
    add_tags(location, "café", ["webdev"])
    return location


def tags(location: Location) -> list[TagCount]:
    with open_reader(location) as reader:
        return list_tags(reader)


def client_tags(location: Location, name: str) -> list[str]:
    with open_reader(location) as reader:
        rows = reader.rows(
            "SELECT t.name FROM tag t JOIN client c ON c.id = t.client_id WHERE c.name = :n ORDER BY t.id",
            {"n": name},
        )
        return [row["name"] for row in rows]


def test_tags_are_counted_once_each_as_first_typed(tagged: Location) -> None:
    assert tags(tagged) == [TagCount("VIP", 2), TagCount("Web Dev", 1), TagCount("webdev", 2)]


def test_renaming_into_a_tag_a_client_has_already_merges_them(tagged: Location) -> None:
    add_tags(tagged, "brand", ["webdev"])
    change = rename_tag(tagged, "WEBDEV", "Web Dev")
    assert (change.old, change.new, change.clients, change.merged) == ("webdev", "Web Dev", 3, 1)
    assert tags(tagged) == [TagCount("VIP", 2), TagCount("Web Dev", 3)]
    assert client_tags(tagged, "Brand") == ["Web Dev", "vip"]
    assert client_tags(tagged, "Acme") == ["Web Dev", "VIP"]


def test_a_rename_is_in_each_timeline_and_undone_at_once(tagged: Location) -> None:
    rename_tag(tagged, "vip", "key account")
    with open_reader(tagged) as reader:
        details = [entry.detail for entry in timeline(reader, 2)]
    assert "Tag 'vip' renamed to 'key account'" in details
    undo_last(tagged)
    assert tags(tagged) == [TagCount("VIP", 2), TagCount("Web Dev", 1), TagCount("webdev", 2)]
    assert client_tags(tagged, "Brand") == ["Web Dev", "vip"]


def test_a_rename_can_settle_one_spelling(tagged: Location) -> None:
    assert rename_tag(tagged, "vip", "VIP").clients == 2
    assert client_tags(tagged, "Brand") == ["Web Dev", "VIP"]
    with pytest.raises(InvalidValue, match="already called 'VIP'"):
        rename_tag(tagged, "vip", "VIP")


def test_removing_a_tag_takes_it_off_every_client_until_undone(tagged: Location) -> None:
    assert remove_tag(tagged, "Vip").clients == 2
    assert [t.tag for t in tags(tagged)] == ["Web Dev", "webdev"]
    undo_last(tagged)
    assert TagCount("VIP", 2) in tags(tagged)


@pytest.mark.parametrize(
    ("old", "new", "error", "message"),
    [
        ("nothing", "x", NotFound, "no client has the tag 'nothing'"),
        ("vip", "a, b", InvalidValue, "cannot contain ';' or ','"),
        ("vip", "  ", InvalidValue, "a tag cannot be empty"),
        ("vip", "x" * 51, InvalidValue, "50"),
    ],
)
def test_a_bad_rename_changes_nothing(
    tagged: Location, old: str, new: str, error: type[Exception], message: str
) -> None:
    before = tags(tagged)
    with pytest.raises(error, match=message):
        rename_tag(tagged, old, new)
    assert tags(tagged) == before
