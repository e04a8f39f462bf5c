"""kiaro with mail programs: an address book for mutt/neomutt/aerc, drafts as mailto:
URLs, and drafts edited in $EDITOR before they are printed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from click.testing import Result

from tests.helpers import Run, copy_into, made_once


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The people every test here mails, made once (each test takes a copy)."""
    return made_once(
        tmp_path_factory.mktemp("people"),
        tmp_path_factory.mktemp("home"),
        ["client", "quick-add", "Acme Corp"],
        ["client", "edit", "acme", "--email", "hello@acme.com"],
        ["contact", "add", "acme", "--name", "Ann Lee", "--email", "ann@acme.com"],
        ["client", "quick-add", "Zoë Design"],
        ["contact", "add", "zoe", "--name", "Zoë  Brandt", "--email", "zoe@zd.de"],
        ["contact", "add", "zoe", "--name", "No Mail"],
        ["client", "quick-add", "Gone Ltd"],
        ["client", "edit", "gone", "--email", "old@gone.com"],
        ["client", "archive", "gone"],
    )


@pytest.fixture
def people(made: Path, db_path: Path) -> None:
    copy_into(made, db_path)


def test_an_address_book_for_mutt_and_aerc(kiaro: Run, people: None) -> None:
    assert kiaro("contact", "email", "--parsable", "ZOE").stdout == (
        "Found 1 address for 'ZOE'\nzoe@zd.de\tZoë Brandt\tZoë Design\n"
    )
    assert kiaro("contact", "email", "-p", "--remove-first-line", "acme").stdout == (
        "ann@acme.com\tAnn Lee\tAcme Corp\nhello@acme.com\tAnn Lee\tAcme Corp\n"
    )
    assert json.loads(kiaro("contact", "email", "lee", "-f", "json").stdout)[0] == {
        "email": "ann@acme.com", "name": "Ann Lee", "client": "Acme Corp",
    }  # fmt: skip
    missing = kiaro("contact", "email", "gone", "-p")  # archived clients are not offered
    assert (missing.exit_code, missing.stdout) == (1, "")
    assert missing.stderr == "Error: no contact or client with an email matches 'gone'\n"


def test_a_draft_as_a_mailto_url(kiaro: Run, people: None) -> None:
    draft = json.loads(kiaro("followup", "draft", "acme", "--format", "json").stdout)
    url = urlsplit(kiaro("followup", "draft", "acme", "--mailto").stdout.strip())
    fields = parse_qs(url.query)
    assert (url.scheme, unquote(url.path)) == ("mailto", "ann@acme.com")
    assert fields["subject"] == [draft["subject"]]
    assert fields["body"] == [draft["body"].replace("\n", "\r\n")]
    refused = kiaro("followup", "draft", "acme", "--mailto", "--format", "json")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: --mailto prints a URL; leave out --format json\n",
    )


EDITOR = """
import sys
from pathlib import Path
path = Path(sys.argv[1])
text = path.read_text()
path.write_text({change})
"""


def draft_edited(kiaro: Run, tmp_path: Path, change: str, *args: str) -> Result:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR.format(change=change))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("EDITOR", f"{sys.executable} {script}")
        return kiaro("followup", "draft", "acme", "--edit", *args)


def test_a_draft_edited_before_it_is_printed(kiaro: Run, people: None, tmp_path: Path) -> None:
    change = "text.replace('Subject: ', 'Subject: Re: ').replace('Hi Ann', 'Dear Ann')"
    edited = draft_edited(kiaro, tmp_path, change)
    assert edited.exit_code == 0, edited.stderr
    lines = edited.stdout.splitlines()
    assert lines[0] == "To: ann@acme.com"
    assert lines[1].startswith("Subject: Re: ")
    assert lines[3] == "Dear Ann,"
    as_url = draft_edited(
        kiaro, tmp_path, "text.replace('To: ann@acme.com', 'To: ann@elsewhere.org')", "--mailto"
    )
    assert as_url.stdout.startswith("mailto:ann@elsewhere.org?subject=")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ("''", "Error: the draft was emptied; nothing printed\n"),
        ("'To: ann@acme.com\\n\\n\\n'", "Error: the draft was emptied; nothing printed\n"),
        ("sys.exit(3)", "Error: the editor exited with status 3; nothing was changed\n"),
    ],
)
def test_an_emptied_draft_or_a_failing_editor_prints_nothing(
    kiaro: Run, people: None, tmp_path: Path, change: str, error: str
) -> None:
    done = draft_edited(kiaro, tmp_path, change)
    assert (done.exit_code, done.stdout, done.stderr) == (1, "", error)
