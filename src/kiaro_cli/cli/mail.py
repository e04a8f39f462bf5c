"""Mail: ``kiaro mail import`` makes the messages of a Maildir or an mbox file to or from
a known address ``email`` interactions of their clients."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kiaro_cli.cli import import_messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import workspace

app = KiaroTyper(
    help="Read a Maildir or mbox: mail to or from your contacts joins their history.",
    no_args_is_help=True,
)


@app.callback()
def group() -> None:
    """Kept a group of its own (a Typer app of one command would be that command), so
    other verbs can join ``import``."""


@app.command("import")
def import_(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH", help="A Maildir folder (cur, new, tmp in it) or an mbox file.", show_default=False
        ),
    ],
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="WHEN",
            help="Only messages from that day on (e.g. '3 months ago', 2026-01-01).",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be added; add nothing.")] = False,
    fmt: Annotated[
        opt.PlanFormat,
        opt.choice_option(opt.PlanFormat, "--format", "-f", help="table (a summary line) or json."),
    ] = opt.PlanFormat.table,
) -> None:
    """Add the mail to and from your contacts as email interactions of their clients.

    Each message from or to an address of a contact (or a client's own) becomes an
    email interaction of that client: its subject the summary (whether it was received
    or sent is in --format json), its date and time kept; a client with a cadence is next
    due that interval after its latest message. Messages are known by their Message-ID, so
    reading the same mailbox again adds nothing. Only headers are read, never bodies,
    and nothing is sent. One undo step takes the whole import back.

    \b
    Examples:
      kiaro mail import ~/Mail/work/Sent
      kiaro mail import ~/mail/sent.mbox --since '3 months ago' --dry-run
    """
    from kiaro_cli.core.mail import import_mail

    out = output.formatter(opt.Format(fmt.value))
    ws = workspace(ctx)
    result = import_mail(ws.location, path.expanduser(), today=ws.today, since=since, dry_run=dry_run)
    data = result.to_dict()
    out.result(data, list(data), import_messages.mail_imported(result))
