"""``kiaro tag list|rename|remove`` as a user meets them."""

from __future__ import annotations

import json

from tests.helpers import Run


def test_tags_listed_renamed_and_removed(kiaro: Run) -> None:
    assert kiaro("tag", "list").stdout == "No tags yet: kiaro client tag CLIENT TAG\n"
    for name in ("Acme", "Brand"):
        assert kiaro("client", "quick-add", name).exit_code == 0
    kiaro("client", "tag", "acme", "webdev", "vip")
    kiaro("client", "tag", "brand", "Web Dev", "webdev")
    table = kiaro("tag", "list").stdout.splitlines()
    assert [line.split() for line in table[2:]] == [["vip", "1"], ["Web", "Dev", "1"], ["webdev", "2"]]
    assert kiaro("tag", "list", "--format", "csv").stdout == "tag,clients\nvip,1\nWeb Dev,1\nwebdev,2\n"

    renamed = kiaro("tag", "rename", "webdev", "Web Dev")
    assert renamed.stdout == (
        "Renamed the tag 'webdev' to 'Web Dev' on 2 clients (1 had 'Web Dev' already and keep one)\n"
    )
    assert json.loads(kiaro("tag", "list", "--format", "json").stdout) == [
        {"tag": "vip", "clients": 1},
        {"tag": "Web Dev", "clients": 2},
    ]

    refused = kiaro("tag", "remove", "Web Dev")
    assert (refused.exit_code, refused.stderr) == (1, "Error: the tag is on 2 clients; re-run with --yes\n")
    assert kiaro("tag", "remove", "web dev", "--yes").stdout == "Removed the tag 'Web Dev' from 2 clients\n"
    assert kiaro("client", "list", "--tag", "web dev", "-q").stdout == ""
    assert kiaro("undo").exit_code == 0
    assert kiaro("client", "list", "--tag", "web dev", "-q").stdout == "1\n2\n"


def test_unknown_tags_are_one_line(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    for args in (("tag", "rename", "nope", "x"), ("tag", "remove", "nope", "--yes")):
        done = kiaro(*args)
        assert (done.exit_code, done.stderr) == (1, "Error: no client has the tag 'nope'\n")
