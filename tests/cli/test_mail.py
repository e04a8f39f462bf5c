"""``kiaro mail import`` as a user meets it: one summary line, JSON, a dry run, and a path
that is no mailbox refused in one line."""

from __future__ import annotations

import json
import mailbox
from email.message import EmailMessage
from pathlib import Path

from tests.helpers import Run


def sent_folder(tmp_path: Path) -> Path:
    made = EmailMessage()
    made["From"], made["To"], made["Subject"] = "me@example.org", "ann@acme.nl", "=?utf-8?q?Offer_=1B[2J?="
    made["Date"], made["Message-ID"] = "Fri, 20 Nov 2026 15:30:00 +0000", "<o1@example.org>"
    made.set_content("body")
    box = mailbox.Maildir(tmp_path / "Sent")
    box.add(made)
    stranger = EmailMessage()
    stranger["From"], stranger["To"], stranger["Subject"] = "me@example.org", "x@elsewhere.nl", "Hi"
    box.add(stranger)
    return tmp_path / "Sent"


def test_mail_import_says_what_it_added_once(kiaro: Run, tmp_path: Path) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann", "--email", "ann@acme.nl")
    folder = str(sent_folder(tmp_path))
    preview = kiaro("mail", "import", folder, "--dry-run")
    assert preview.stdout == (
        "Would add: 1 added, 0 already there, 1 skipped: no known address (dry run: nothing was written)\n"
    )
    done = kiaro("mail", "import", folder)
    assert (done.exit_code, done.stdout) == (0, "1 added, 0 already there, 1 skipped: no known address\n")
    again = json.loads(kiaro("mail", "import", folder, "--format", "json").stdout)
    assert list(again) == [
        "added",
        "already_there",
        "no_known_address",
        "no_date",
        "before_since",
        "dry_run",
        "interactions",
        "follow_ups_moved",
    ]
    assert (again["added"], again["already_there"], again["no_known_address"]) == (0, 1, 1)
    (logged,) = json.loads(kiaro("interaction", "list", "acme", "--format", "json").stdout)
    assert (logged["type"], logged["summary"]) == ("email", "Offer [2J")
    assert "\x1b" not in kiaro("client", "timeline", "acme").stdout


def test_a_path_that_is_no_mailbox_is_one_line(kiaro: Run, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello\n")
    refused = kiaro("mail", "import", str(tmp_path / "notes.txt"))
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert (
        refused.stderr
        == f"Error: {tmp_path / 'notes.txt'} is not a mailbox: an mbox file starts with a 'From ' line\n"
    )
