"""Bad input, everywhere: every case is refused with exit 1 (a value) or 2 (usage), one
`Error:` line, no traceback, and the database exactly as it was."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers import FULL_ARGS, Run, dump

LONG = "x" * 10_000
SQL = "'; DROP TABLE client; --"
NUL = "a\x00b"
ESC = "\x1b[31mred"
RTL = "\u202emoc.elpmaxe@nna"
USAGE_LINE = re.compile(r"Error: .+; see kiaro( [a-z-]+)* --help")

BAD_VALUES = {  # an empty value clears an optional field: only a required one refuses it
    "--email": [LONG, NUL, "not-an-email", "a@b", SQL, "ann@@x.com", RTL, "ann@x.com\nbcc@y.com"],
    "--phone": ["12", LONG, "+1 (555) abc", SQL, "555-0100 ext. abc", ESC, "٠٠٠"],
    "--country": ["Atlantis", LONG, SQL, "😀", NUL],
    "--currency": ["EURO", "XYZ", LONG, "€", SQL],
    "--vat-rate": ["-1", "100.01", "1e3", "abc", "12.345", "NaN", "Infinity", LONG],
    "--value": ["-5", "1e309", "abc", "99999999999999999999999", "1,2,3", "NaN", "0.001"],
    "--start": ["2026-02-30", "31.04.2027", "whenever", "03/04/2027", SQL, LONG],
    "--follow-up": ["yesterday", "9999y", "2026-13-01", "whenever", SQL, "2071-01-01"],
    "--website": ["ftp://x.com", "javascript:alert(1)", LONG, "http://", "not a url"],
    "--code": ["A", "TOOLONGCODE", "ab-c", LONG, "é1"],
    "--name": ["", " ", LONG, NUL, "a\nb", ESC, RTL, "Acme\u2066"],
    "--notes": [NUL, "x" * 20_001],
    # the company and billing profile
    "--iban": ["NL91ABNA0417164301", "XX00 1234", "NL91", LONG, SQL, "DE89 3704 0044 0532 0130 01"],
    "--bic": ["ABNAXX2A", "AB", "ABNANL2", "ABNANL2AXXXX", SQL],
    "--language": ["Klingon", "xx", "Germn", LONG, SQL],
    "--timezone": ["Mars/Base", "Europe/Atlantis", "GMT+25", LONG, SQL],
    "--company-size": ["lots", "-5", "ten people", LONG],
    "--annual-revenue": ["plenty", "-1", "1-2M", LONG],
    "--payment-terms-days": ["-1", "366", "thirty", "net", "1e3"],
    "--internal": ["maybe", "2", LONG],
    "--linkedin": ["https://facebook.com/acme", "not a url", "ftp://linkedin.com/x", LONG],
    "--invoice-email": ["accounts", "a@b", LONG, RTL],
    "--minimum-rate": ["-1", "abc", "1e309", "0.001"],
    "--invoice-tolerance": ["-5", "NaN", "1,2,3"],
    "--owner": [NUL, "a\nb", "x" * 2_001, RTL],
    "--city": [ESC, RTL, "Paris\u200f"],
}
CASES: list[tuple[str, list[str]]] = [
    (f"edit {option} {value[:12]!r}", ["client", "edit", "acme", option, value])
    for option, values in BAD_VALUES.items()
    for value in values
]
REFERENCES = ["", "nobody", SQL, "99999999999999999999", "%", "_", LONG, NUL]
CASES += [(f"show {ref[:12]!r}", ["client", "show", ref]) for ref in REFERENCES]
CASES += [(f"status of {ref[:12]!r}", ["client", "status", ref, "active"]) for ref in REFERENCES]
CASES += [(f"follow-up of {ref[:12]!r}", ["followup", "set", ref, "2w"]) for ref in REFERENCES]
CASES += [
    (
        "address without a city",
        ["client", "address", "add", "acme", "--line1", "1 Main St", "--country", "NL"],
    ),
    (
        "address in Atlantis",
        ["client", "address", "add", "acme", "--line1", "x", "--city", "y", "--country", "Atlantis"],
    ),
    (
        "address kind",
        [
            "client",
            "address",
            "add",
            "acme",
            "--line1",
            "x",
            "--city",
            "y",
            "--country",
            "NL",
            "--kind",
            "moon",
        ],
    ),
    (
        "address on two lines",
        ["client", "address", "add", "acme", "--line1", "a\nb", "--city", "y", "--country", "NL"],
    ),
    ("no such address", ["client", "address", "edit", "999", "--city", "x"]),
    ("address id", ["client", "address", "default", "first"]),
    ("rate without amount", ["client", "rate", "add", "acme", "Designer", "--rate", "abc"]),
    ("negative rate", ["client", "rate", "add", "acme", "Designer", "--rate", "-5"]),
    ("rate currency", ["client", "rate", "add", "acme", "Designer", "--rate", "5", "--currency", "XYZ"]),
    ("empty position", ["client", "rate", "add", "acme", " ", "--rate", "5"]),
    ("no such rate", ["client", "rate", "remove", "999"]),
    ("field key with a space", ["field", "add", "contract renewal", "--type", "date"]),
    ("field key with a digit first", ["field", "add", "1st", "--type", "text"]),
    ("field key too long", ["field", "add", "k" * 41, "--type", "text"]),
    ("field key injection", ["field", "add", SQL, "--type", "text"]),
    ("field key empty", ["field", "add", " ", "--type", "text"]),
    ("field type unknown", ["field", "add", "colour", "--type", "colour"]),
    ("field type missing", ["field", "add", "colour"]),
    ("field taken", ["field", "add", "SECTOR", "--type", "text"]),
    ("choice without choices", ["field", "add", "tier", "--type", "choice"]),
    ("choices of a number", ["field", "add", "size", "--type", "number", "--choices", "a,b"]),
    ("choice twice", ["field", "add", "tier", "--type", "choice", "--choices", "Gold,gold"]),
    ("empty choice", ["field", "add", "tier", "--type", "choice", "--choices", "Gold,,Silver"]),
    ("label on two lines", ["field", "add", "tier", "--type", "text", "--label", "a\nb"]),
    ("remove unknown field", ["field", "remove", "colour", "--yes"]),
    ("remove field in use", ["field", "remove", "sector", "--no-input"]),
    ("set unknown field", ["client", "edit", "acme", "--set", "colour=blue"]),
    ("set without =", ["client", "edit", "acme", "--set", "sector"]),
    ("set without key", ["client", "edit", "acme", "--set", "=Retail"]),
    ("set empty value", ["client", "edit", "acme", "--set", "staff="]),
    ("set a word as number", ["client", "edit", "acme", "--set", "staff=ten"]),
    ("set a number too long", ["client", "edit", "acme", "--set", "staff=1234567890123456"]),
    ("set 1e6 as number", ["client", "edit", "acme", "--set", "staff=1e6"]),
    ("set NaN as number", ["client", "edit", "acme", "--set", "staff=NaN"]),
    ("set a bad date", ["client", "edit", "acme", "--set", "renewal=2027-02-30"]),
    ("set nonsense date", ["client", "edit", "acme", "--set", "renewal=when pigs fly"]),
    ("set not a choice", ["client", "edit", "acme", "--set", "sector=Mining"]),
    ("set maybe as bool", ["client", "edit", "acme", "--set", "vip=maybe"]),
    ("set control characters", ["client", "edit", "acme", "--set", f"notes2={ESC}"]),
    ("set and unset", ["client", "edit", "acme", "--set", "vip=yes", "--unset", "vip"]),
    ("unset unknown", ["client", "edit", "acme", "--unset", "colour"]),
    ("two bad values", ["client", "edit", "acme", "--set", "staff=x", "--set", "vip=x", "--city", "Paris"]),
    ("full form with a bad value", ["client", "add", *FULL_ARGS, "--name", "New Co", "--set", "staff=x"]),
    ("event without text", ["event", "add", "acme", " "]),
    ("event for nobody", ["event", "add", "nobody", "Call"]),
    ("event bad priority", ["event", "add", "acme", "Call", "--priority", "asap"]),
    ("event bad kind", ["event", "add", "acme", "Call", "--kind", "party"]),
    ("event bad due", ["event", "add", "acme", "Call", "--due", "when pigs fly"]),
    ("event impossible due", ["event", "add", "acme", "Call", "--due", "2027-02-30"]),
    ("event far due", ["event", "add", "acme", "Call", "--due", "2090-01-01"]),
    ("event control text", ["event", "add", "acme", ESC]),
    ("event long text", ["event", "add", "acme", "x" * 2001]),
    ("event done unknown", ["event", "done", "999"]),
    ("event done word id", ["event", "done", "first"]),
    ("event reopen huge id", ["event", "reopen", "99999999999999999999"]),
    ("event edit nothing", ["event", "edit", "1"]),
    ("event edit due and no due", ["event", "edit", "1", "--due", "1w", "--no-due"]),
    ("event remove without --yes", ["event", "remove", "1"]),
    ("event list two states", ["event", "list", "--done", "--all"]),
    ("event list bad priority", ["event", "list", "--priority", "soon"]),
    ("event list bad within", ["event", "list", "--due-within", "soonish"]),
    ("event list nobody", ["event", "list", "nobody"]),
    ("export events bad format", ["export", "events", "--format", "yaml"]),
    ("copy without a target", ["db", "copy", "--yes"]),
    ("copy without --yes", ["db", "copy", "--to", "/tmp/kiaro-never-made.db"]),
    ("copy to an empty --to", ["db", "copy", "--to", " ", "--yes"]),
    ("copy to a bad url", ["db", "copy", "--to", "nosuchdriver://x/y", "--yes"]),
    ("a database url of no driver", ["--db", "mysql://kiaro@db/kiaro", "client", "list"]),
    ("mail of a missing path", ["mail", "import", "/nonexistent/Maildir"]),
    ("mail of a folder that is no Maildir", ["mail", "import", "/"]),
    ("mail of a file that is no mbox", ["mail", "import", "/etc/hostname"]),
    ("mail of a device", ["mail", "import", "/dev/null"]),
    ("mail since whenever", ["mail", "import", "/dev/null", "--since", "whenever"]),
    ("mail since ahead", ["mail", "import", "/dev/null", "--since", "3m"]),
    ("mail in xml", ["mail", "import", "/dev/null", "--format", "xml"]),
    ("mail of no path", ["mail", "import"]),
    ("hooks list in xml", ["hooks", "list", "--format", "xml"]),
    ("doc of a missing file", ["doc", "add", "acme", "/nonexistent/contract.pdf"]),
    ("doc of a folder", ["doc", "add", "acme", "/"]),
    ("doc of a device", ["doc", "add", "acme", "/dev/null"]),
    ("doc of no file", ["doc", "add", "acme"]),
    ("doc for nobody", ["doc", "add", "nobody", "/etc/hostname"]),
    ("doc bad kind", ["doc", "add", "acme", "/etc/hostname", "--kind", "poem"]),
    ("doc control note", ["doc", "add", "acme", "/etc/hostname", "--note", ESC]),
    ("doc show unknown", ["doc", "show", "999"]),
    ("doc show word id", ["doc", "show", "first"]),
    ("doc get unknown", ["doc", "get", "999"]),
    ("doc open huge id", ["doc", "open", "99999999999999999999"]),
    ("doc remove unknown", ["doc", "remove", "999", "--yes"]),
    ("doc list nobody", ["doc", "list", "nobody"]),
    ("size limit words", ["settings", "set", "document-size-limit", "lots"]),
    ("size limit zero", ["settings", "set", "document-size-limit", "0"]),
    ("size limit huge", ["settings", "set", "document-size-limit", "1000 GB"]),
    ("documents folder relative", ["settings", "set", "documents-folder", "docs"]),
    ("documents folder is a file", ["settings", "set", "documents-folder", "/etc/hostname"]),
    ("where unknown field", ["client", "list", "--where", "colour=blue"]),
    ("where without operator", ["client", "list", "--where", "sector"]),
    ("where order on a choice", ["client", "list", "--where", "sector>Retail"]),
    ("where order without value", ["client", "list", "--where", "staff>"]),
    ("where bad number", ["client", "list", "--where", "staff>many"]),
    ("where bad date", ["client", "list", "--where", "renewal<someday"]),
    ("quiet in the future", ["client", "list", "--quiet-since", "tomorrow"]),
    ("quiet whenever", ["client", "list", "--quiet-since", "whenever"]),
    ("quiet months", ["settings", "set", "quiet-months", "0"]),
    ("payment terms setting", ["settings", "set", "default-payment-terms", "forever"]),
    ("end before start", ["client", "edit", "acme", "--start", "2026-05-01", "--end", "2026-04-01"]),
    ("unknown status", ["client", "status", "acme", "booked"]),
    ("set and clear", ["client", "edit", "acme", "--city", "X", "--clear", "city"]),
    ("clear unknown", ["client", "edit", "acme", "--clear", "colour"]),
    ("clear the name", ["client", "edit", "acme", "--clear", "name"]),
    ("nothing to change", ["client", "edit", "acme"]),
    ("bad format", ["client", "list", "--format", "xml"]),
    ("bad sort", ["client", "list", "--sort", "size"]),
    ("zero limit", ["client", "list", "--limit", "0"]),
    ("negative limit", ["client", "list", "--limit", "-1"]),
    ("word limit", ["client", "list", "--limit", "ten"]),
    ("huge limit", ["client", "list", "--limit", "99999999999999999999999"]),
    ("unknown option", ["client", "list", "--colour"]),
    ("unknown command", ["client", "frobnicate"]),
    ("full form missing", ["client", "add", "--name", "New Co", "--no-input"]),
    ("duplicate name", ["client", "quick-add", "ACME CORP"]),
    ("duplicate code", ["client", "edit", "beta", "--code", "ACM"]),
    ("bad full form", ["client", "add", *FULL_ARGS[:-1], "Atlantis", "--no-input"]),
    ("empty quick-add", ["client", "quick-add", ""]),
    ("tag nothing", ["client", "tag", "acme", " "]),
    ("tag with ;", ["client", "tag", "acme", ";,"]),
    ("untag absent", ["client", "untag", "acme", "nope"]),
    ("delete without --yes", ["client", "delete", "acme"]),
    ("merge with itself", ["client", "merge", "acme", "1", "--yes"]),
    ("merge unknown", ["client", "merge", "acme", "nobody", "--yes"]),
    ("merge without --yes", ["client", "merge", "acme", "beta"]),
    ("outreach to a lead", ["client", "outreach", "beta"]),
    ("followup past", ["followup", "set", "acme", "last week"]),
    ("followup nonsense", ["followup", "set", "acme", "when pigs fly"]),
    ("followup empty", ["followup", "set", "acme", ""]),
    ("done next and clear", ["followup", "done", "acme", "--next", "1w", "--clear"]),
    ("done bad next", ["followup", "done", "acme", "--next", "yesterday"]),
    ("list within nonsense", ["followup", "list", "--within", "soonish"]),
    ("draft bad format", ["followup", "draft", "acme", "--format", "pdf"]),
    ("contact without name", ["contact", "add", "acme", "--email", "x@y.com"]),
    ("contact bad email", ["contact", "add", "acme", "--name", "X", "--email", "nope"]),
    ("contact bad role", ["contact", "add", "acme", "--name", "X", "--role", "boss"]),
    ("contact bad phone", ["contact", "add", "acme", "--name", "X", "--phone", "12"]),
    ("contact edit unknown", ["contact", "edit", "999", "--name", "X"]),
    ("contact edit huge id", ["contact", "edit", "99999999999999999999", "--name", "X"]),
    ("contact edit word id", ["contact", "edit", "one", "--name", "X"]),
    ("contact edit nothing", ["contact", "edit", "1"]),
    ("contact remove unknown", ["contact", "remove", "999", "--yes"]),
    ("contact remove only one", ["contact", "remove", "1", "--yes"]),
    ("interaction empty", ["interaction", "add", "acme", " "]),
    ("interaction future", ["interaction", "add", "acme", "Call", "--on", "tomorrow"]),
    ("interaction bad type", ["interaction", "add", "acme", "Call", "--type", "fax"]),
    ("interaction bad day", ["interaction", "add", "acme", "Call", "--on", "2026-02-30"]),
    ("interaction other contact", ["interaction", "add", "beta", "Call", "--contact", "1"]),
    ("interaction long", ["interaction", "add", "acme", "x" * 2001]),
    ("interaction control", ["interaction", "add", "acme", ESC]),
    ("interaction edit unknown", ["interaction", "edit", "999", "--type", "call"]),
    ("interaction edit word id", ["interaction", "edit", "one", "--type", "call"]),
    ("interaction edit nothing", ["interaction", "edit", "1"]),
    ("interaction edit future", ["interaction", "edit", "1", "--on", "next week"]),
    ("interaction edit empty summary", ["interaction", "edit", "1", "--summary", " "]),
    ("interaction edit other contact", ["interaction", "edit", "1", "--contact", "99"]),
    ("interaction edit bad clear", ["interaction", "edit", "1", "--clear", "summary"]),
    (
        "interaction edit clear and set",
        ["interaction", "edit", "1", "--next-step", "x", "--clear", "next-step"],
    ),
    ("interaction remove without --yes", ["interaction", "remove", "1"]),
    ("interaction remove unknown", ["interaction", "remove", "999", "--yes"]),
    ("tag rename unknown", ["tag", "rename", "nope", "x"]),
    ("tag rename into two", ["tag", "rename", "design", "a;b"]),
    ("tag rename empty", ["tag", "rename", "design", " "]),
    ("tag rename same", ["tag", "rename", "design", "design"]),
    ("tag remove without --yes", ["tag", "remove", "design"]),
    ("tag remove unknown", ["tag", "remove", "nope", "--yes"]),
    ("fields unknown", ["client", "list", "--fields", "name,nope"]),
    ("fields empty", ["client", "list", "--fields", ","]),
    ("fields SQL", ["client", "show", "acme", "--fields", SQL]),
    ("fields on an export", ["export", "clients", "--fields", "name;email"]),
    ("interactions since nonsense", ["interaction", "list", "--since", "the dawn of time"]),
    ("settings unknown", ["settings", "set", "colour", "blue"]),
    ("settings currency", ["settings", "set", "default-currency", "XYZ"]),
    ("settings vat", ["settings", "set", "default-vat-rate", "101"]),
    ("settings country", ["settings", "set", "home-country", "Atlantis"]),
    ("settings owner control", ["settings", "set", "owner-name", NUL]),
    ("settings owner bidi", ["settings", "set", "owner-name", RTL]),
    ("settings user name bidi", ["settings", "set", "user-name", RTL]),
    ("contact name bidi", ["contact", "add", "acme", "--name", RTL]),
    ("contact title bidi", ["contact", "add", "acme", "--name", "Ann", "--title", RTL]),
    ("tag bidi", ["client", "tag", "acme", f"vip{RTL}"]),
    ("tag rename bidi", ["tag", "rename", "design", RTL]),
    (
        "address label bidi",
        [
            "client",
            "address",
            "add",
            "acme",
            "--line1",
            "x",
            "--city",
            "y",
            "--country",
            "NL",
            "--label",
            RTL,
        ],
    ),
    ("field label bidi", ["field", "add", "tier", "--type", "text", "--label", RTL]),
    ("field choice bidi", ["field", "add", "tier", "--type", "choice", "--choices", f"Gold,{RTL}"]),
    ("rate position bidi", ["client", "rate", "add", "acme", RTL, "--rate", "5"]),
    ("next step bidi", ["interaction", "add", "acme", "Call", "--next-step", RTL]),
    ("export bad format", ["export", "clients", "--format", "yaml"]),
    ("export nowhere", ["export", "clients", "--output", "/nonexistent/dir/x.csv"]),
    ("export vcard nobody", ["export", "vcard", "nobody"]),
    ("restore missing", ["db", "restore", "/nonexistent.db", "--yes"]),
    ("import missing", ["import", "clients", "/nonexistent.csv"]),
    ("import bad policy", ["import", "clients", "/nonexistent.csv", "--on-duplicate", "merge"]),
    ("import bad map", ["import", "clients", "/nonexistent.csv", "--map", "nonsense"]),
]
FILES = {
    "png as csv": ("clients", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    "empty csv": ("clients", b""),
    "header only, no name": ("clients", b"email,city\n"),
    "bad rows": ("clients", b"name,email,country\nNew One,nope,NL\nNew Two,two@x.com,Atlantis\n"),
    "duplicate of acme": ("clients", b"name\nAcme Corp\n"),
    "too many cells": ("clients", b"name,city\nNew Co,Paris,extra,cells\n"),
    "bad archived flag": ("clients", b"name,archived\nNew Co,maybe\n"),
    "bad timestamp": ("clients", b"name,created_at\nNew Co,last tuesday\n"),
    "csv with nul": ("clients", b"name,notes\nNew Co,a\x00b\n"),
    "custom column of no field": ("clients", b"name,custom.colour\nNew Co,blue\n"),
    "custom values of the wrong type": ("clients", b"name,custom.staff,custom.vip\nNew Co,ten,maybe\n"),
    "custom choice not known": ("clients", b"name,custom.sector\nNew Co,Mining\n"),
    "not a vcard": ("vcard", b"name,email\nA,a@b.com\n"),
    "vcard bad email": ("vcard", b"BEGIN:VCARD\nVERSION:3.0\nFN:X\nEMAIL:nope\nEND:VCARD\n"),
    "vcard truncated": ("vcard", b"BEGIN:VCARD\nVERSION:3.0\nFN:X\n"),
    "vcard nameless": ("vcard", b"BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@y.com\nEND:VCARD\n"),
    "restore a text file": ("restore", b"not a database"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small database made once: Acme (code ACM, one contact), Beta (a lead)."""
    import os

    from typer.testing import CliRunner

    from kiaro_cli.cli.app import app

    path = tmp_path_factory.mktemp("template") / "kiaro.db"
    runner, old = CliRunner(), os.environ.get("KIARO_DB")
    os.environ["KIARO_DB"] = str(path)
    try:
        for args in (
            ["client", "add", *FULL_ARGS, "--name", "Acme Corp", "--code", "ACM"],
            ["client", "quick-add", "Beta"],
            ["field", "add", "sector", "--type", "choice", "--choices", "Retail,Finance"],
            ["field", "add", "staff", "--type", "number"],
            ["field", "add", "renewal", "--type", "date"],
            ["field", "add", "vip", "--type", "bool"],
            ["field", "add", "notes2", "--type", "text"],
            ["client", "edit", "acme", "--set", "sector=Retail", "--set", "staff=12"],
            ["event", "add", "acme", "Chase the quote", "--kind", "quote"],
            ["interaction", "add", "acme", "Scope call", "--type", "call"],
            ["client", "tag", "acme", "design"],
        ):
            assert runner.invoke(app, args).exit_code == 0
    finally:
        os.environ.pop("KIARO_DB") if old is None else os.environ.__setitem__("KIARO_DB", old)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://u:S3CR3T@x@127.0.0.1:1/kiaro",  # the driver looked up 'S3CR3T@x@127.0.0.1'
        "postgresql+psycopg://u:S3CR3T@[::1:55440/x",  # once "unexpected ValueError"
        "postgresql+psycopg://u:S3CR3T@127.0.0.1:abc/x",
    ],
)
def test_a_database_url_that_does_not_parse_is_one_line_without_its_password(kiaro: Run, url: str) -> None:
    done = kiaro("--db", url, "client", "list")
    assert done.exit_code == 1
    assert done.stderr.startswith("Error: --db ") and done.stderr.count("\n") == 1
    assert "S3CR3T" not in done.stderr and "postgresql+psycopg://***@" in done.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["client", "list", "--stat"], "No such option: --stat (Possible options: --sort, --status, --tag)"),
        (["client", "list", "--bogus"], "No such option: --bogus"),
        (["client", "lst"], "No such command 'lst'. Did you mean 'list'?"),
        (["clinet"], "No such command 'clinet'. Did you mean 'client'?"),
    ],
)
def test_an_unknown_option_or_command_reads_alike_with_every_click(
    kiaro: Run, args: list[str], said: str
) -> None:
    """click 8.4 rewords these (and adds its own suggestion to Typer's): kiaro's line stays."""
    done = kiaro(*args)
    assert done.exit_code == 2
    help_of = " ".join(["kiaro", *args[:-1]])
    assert done.stderr == f"Error: {said}; see {help_of} --help\n"


def refused(kiaro: Run, args: list[str]) -> None:
    done = kiaro(*args)
    assert done.exit_code in (1, 2), (args, done.exit_code, done.stdout[-200:])
    assert ("Traceback" not in done.stderr and done.exception is None) or isinstance(
        done.exception, SystemExit
    )
    lines = done.stderr.splitlines()
    if done.exit_code == 1:
        assert lines and lines[0].startswith("Error: "), done.stderr
        assert all(line.startswith("  ") for line in lines[1:]), done.stderr  # details, indented
    else:  # a usage error: one line, naming the help to read
        assert len(lines) == 1 and USAGE_LINE.fullmatch(lines[0]), done.stderr


@pytest.mark.parametrize(("label", "args"), CASES, ids=[c[0] for c in CASES])
def test_bad_arguments(kiaro: Run, template: Path, db_path: Path, label: str, args: list[str]) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, db_path)
    before = dump(db_path)
    refused(kiaro, args)
    assert dump(db_path) == before, label


@pytest.mark.parametrize("label", list(FILES))
def test_bad_files(kiaro: Run, template: Path, db_path: Path, tmp_path: Path, label: str) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, db_path)
    before = dump(db_path)
    kind, data = FILES[label]
    file = tmp_path / "input"
    file.write_bytes(data)
    args = {"clients": ["import", "clients"], "vcard": ["import", "vcard"], "restore": ["db", "restore"]}[
        kind
    ]
    refused(kiaro, [*args, str(file), *(["--yes"] if kind == "restore" else [])])
    assert dump(db_path) == before, label


def test_the_corpus_is_large() -> None:
    assert len(CASES) + len(FILES) >= 150


@settings(max_examples=60)
@given(st.binary(max_size=300))
@example(b'"')  # a lone quote: only blank records, once an IndexError
@example(b",,,\n;;\n")
def test_any_bytes_as_a_csv_import_are_refused_or_imported_whole(
    kiaro: Run, db_path: Path, tmp_path: Path, data: bytes
) -> None:
    from kiaro_cli.core.imports import import_clients
    from kiaro_cli.errors import KiaroError
    from kiaro_cli.storage.location import Location

    location = Location(path=db_path)
    try:
        import_clients(location, data, dry_run=True)
    except KiaroError as error:
        assert error.message and "\n" not in error.message


def test_a_negative_setting_is_refused_by_its_rule_not_taken_for_an_option(kiaro: Run) -> None:
    for key, refusal in (
        ("default-payment-terms", "Error: payment terms '-5' must be 0 to 365 days\n"),
        ("default-vat-rate", "Error: VAT rate '-5' is not a number ≥ 0 (e.g. 21 or 7.5)\n"),
    ):
        refused = kiaro("settings", "set", key, "-5")
        assert (refused.exit_code, refused.stderr) == (1, refusal)
    assert kiaro("settings", "set", "owner-name", "-Sam-").exit_code == 0
    mistyped = kiaro("settings", "set", "owner-name", "--bogus")  # two dashes: an option, as ever
    assert (mistyped.exit_code, mistyped.stderr.splitlines()[0]) == (
        2,
        "Error: No such option: --bogus; see kiaro settings set --help",
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["contact", "add", "acme"], "Error: missing name (--name)\n"),
        (["contact", "add", "acme", "--no-input"], "Error: missing name (--name)\n"),
        (["client", "rate", "add", "acme", "Designer"], "Error: missing rate (--rate)\n"),
        (["contact", "add", "nobody"], "Error: no client matches 'nobody'\n"),  # said before any question
    ],
)
def test_a_missing_required_value_off_a_terminal_is_refused_naming_it(
    kiaro: Run, args: list[str], said: str
) -> None:
    assert kiaro("client", "quick-add", "Acme").exit_code == 0
    refused = kiaro(*args)
    assert (refused.exit_code, refused.stderr) == (1, said)
    assert kiaro("contact", "list", "acme", "-q").stdout == ""
