"""``--fields a,b,c`` on every listing and show: only those fields, in that order, in every
format; a field the records do not have is refused, naming those they have."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import FULL_ARGS, Run, copy_into, made_once

# command, the fields asked for (all of which the records have)
COMMANDS = [
    (["client", "list"], "name,status"),
    (["followup", "due"], "id,follow_up_on"),
    (["followup", "list"], "name,follow_up_on"),
    (["contact", "list", "acme"], "name,email"),
    (["contact", "email", "ann"], "email,client"),
    (["interaction", "list"], "type,summary"),
    (["event", "list"], "text,priority"),
    (["doc", "list"], "name,kind"),
    (["field", "list"], "key,type"),
    (["tag", "list"], "tag,clients"),
    (["client", "rate", "list", "acme"], "position,rate"),
    (["client", "address", "list", "acme"], "kind,city"),
    (["client", "timeline", "acme"], "kind,detail"),
    (["client", "duplicates"], "name,other_name"),
    (["export", "clients"], "name,custom.sector"),
    (["export", "contacts"], "client_name,name"),
    (["export", "interactions"], "client_id,type"),
    (["export", "events"], "client_name,text"),
]
SHOWS = [
    (["client", "show", "acme"], "name,custom.sector,tags"),
    (["doc", "show", "1"], "name,size"),
    (["settings", "show"], "owner-name,quiet-months"),
]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The records every listing here reads, made once (each test takes a copy)."""
    contract = tmp_path_factory.mktemp("files") / "contract.txt"
    contract.write_text("signed")
    return made_once(
        tmp_path_factory.mktemp("filled"),
        tmp_path_factory.mktemp("home"),
        ["client", "add", *FULL_ARGS],
        ["client", "quick-add", "Acme", "--follow-up", "today"],
        ["client", "quick-add", "ACME", "--allow-duplicate"],
        ["contact", "add", "2", "--name", "Ann", "--email", "ann@acme.com"],
        ["client", "tag", "1", "design"],
        ["field", "add", "sector", "--type", "text"],
        ["client", "edit", "2", "--set", "sector=Retail"],
        ["interaction", "add", "2", "Call", "--type", "call"],
        ["event", "add", "2", "Chase the quote", "-p", "high"],
        ["doc", "add", "2", str(contract)],
        ["client", "rate", "add", "2", "Designer", "--rate", "95"],
        ["client", "address", "add", "2", "--kind", "invoicing", "--line1", "Postbus 1", "--city", "Utrecht",
         "--country", "NL"],
        ["settings", "set", "owner-name", "Sam"],
    )  # fmt: skip


@pytest.fixture
def filled(made: Path, db_path: Path) -> None:
    copy_into(made, db_path)


def run(kiaro: Run, args: list[str], *more: str) -> str:
    args = [arg if arg != "acme" else "2" for arg in args]  # "acme" is ambiguous with ACME
    done = kiaro(*args, *more)
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


@pytest.mark.parametrize(
    ("args", "fields"), COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, list) else v
)
def test_a_listing_gives_only_the_fields_asked_for(
    kiaro: Run, filled: None, args: list[str], fields: str
) -> None:
    wanted = fields.split(",")
    items = json.loads(run(kiaro, args, "--fields", fields, "--format", "json"))
    assert items and all(list(item) == wanted for item in items)
    lines = run(kiaro, args, "--fields", fields, "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == items
    rows = list(csv.reader(io.StringIO(run(kiaro, args, "--fields", fields, "--format", "csv"))))
    assert rows[0] == wanted and len(rows) == len(items) + 1
    if args[0] != "export":  # exports have no table
        header = run(kiaro, args, "--fields", fields).splitlines()[0].split()
        assert header == wanted


@pytest.mark.parametrize(("args", "fields"), SHOWS, ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_a_show_gives_only_the_fields_asked_for(
    kiaro: Run, filled: None, args: list[str], fields: str
) -> None:
    wanted = fields.split(",")
    assert list(json.loads(run(kiaro, args, "--fields", fields, "--format", "json"))) == wanted
    assert run(kiaro, args, "--fields", fields).splitlines()[0].split() == wanted


def test_fields_keep_their_order_and_values(kiaro: Run, filled: None) -> None:
    shown = json.loads(
        run(kiaro, ["client", "show", "acme"], "--fields", "custom.sector, NAME,name", "-f", "json")
    )
    assert shown == {"custom.sector": "Retail", "name": "Acme"}
    # -q still prints ids (by name: Acme, ACME, Brand Factor)
    assert run(kiaro, ["client", "list"], "--fields", "name", "-q") == "2\n3\n1\n"


def test_an_unknown_field_is_refused_naming_the_fields(kiaro: Run, filled: None) -> None:
    refused = kiaro("tag", "list", "--fields", "tag,count")
    assert refused.exit_code == 1
    assert refused.stderr == "Error: unknown field 'count'; the fields are:\n  tag, clients\n"
    empty = kiaro("client", "list", "--fields", " , ")
    assert (empty.exit_code, empty.stderr) == (
        1,
        "Error: --fields needs field names, e.g. id,name,legal_name\n",
    )
