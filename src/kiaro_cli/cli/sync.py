"""``kiaro sync …``: contacts kept in step with other tools, and what a sync prints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.characters import visible
from kiaro_cli.cli import options as opt
from kiaro_cli.cli import output
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import workspace
from kiaro_cli.cli.formats import Format, PlanFormat
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.core.vdir import SyncChange, SyncResult

app = KiaroTyper(
    help="Keep contacts in step with a folder of vCards (khard, vdirsyncer, a phone).",
    no_args_is_help=True,
)


@app.callback()
def sync() -> None:
    """Keep contacts in step with a folder of vCards (khard, vdirsyncer, a phone)."""


FormatOpt = Annotated[
    PlanFormat, opt.choice_option(PlanFormat, "--format", "-f", help="table (lines) or json.")
]

# What each action reads as, after the card's file and before the contact's name.
SAID = {
    "added": "added to kiaro:",
    "updated": "updated in kiaro:",
    "removed": "removed from kiaro:",
    "linked": "linked to",
    "written": "written for",
    "rewritten": "rewritten for",
    "deleted": "removed from the folder:",
    "conflict": "changed on both sides, kiaro's kept:",
    "card-missing": "missing from the folder:",
    "contact-missing": "missing from kiaro:",
    "kept": "kept:",
}


@app.command("vdir")
def vdir(
    ctx: typer.Context,
    path: Annotated[
        str, typer.Argument(metavar="PATH", help="The folder of cards, one .vcf a contact (made if missing).")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing anywhere.")
    ] = False,
    delete: Annotated[
        bool,
        typer.Option(
            "--delete",
            help="Remove a contact whose card left the folder, and a card whose contact left kiaro.",
        ),
    ] = False,
    fmt: FormatOpt = PlanFormat.table,
) -> None:
    """Sync every contact both ways with a folder of one .vcf a contact (khard's and
    vdirsyncer's layout).

    A card changed in the folder updates its contact; a contact changed in kiaro
    rewrites its card; changed on both sides, kiaro's card is kept and the folder's
    beside it as NAME.conflict.vcf. A new card becomes a contact (its ORG names the
    client); a new contact becomes a card. A card removed from the folder, or a
    contact removed in kiaro, is only reported unless --delete. Cards that cannot be
    read are named, a line each, and the rest synced. The database side is one undo
    step; the folder's files are not undone.

    \b
    Examples:
      kiaro sync vdir ~/.local/share/contacts/kiaro --dry-run
      kiaro sync vdir ~/.local/share/contacts/kiaro && vdirsyncer sync
    """
    from kiaro_cli.core.vdir import sync_vdir

    ws = workspace(ctx)
    out = output.formatter(Format(fmt.value))
    result = sync_vdir(ws.location, path, delete=delete, dry_run=dry_run, today=ws.today)
    summary = result.to_dict()
    if out.people:
        for change in result.changes:
            output.say(change_line(change))
    out.result(summary, list(summary), summary_line(result))
    if out.people:
        for file, reason in result.problems:
            output.say(f"Skipped {visible(file)}: {reason}", err=True)  # a file's name may hold a newline


def change_line(change: SyncChange) -> str:
    """``ana.vcf: updated in kiaro: Ana Lima (#3)``, and why, when there is more to say."""
    who = f"{change.name} (#{change.contact_id})" if change.contact_id is not None else change.name
    detail = f" ({change.detail})" if change.detail else ""
    return f"{visible(change.file)}: {SAID[change.action]} {who}{detail}"


def summary_line(result: SyncResult) -> str:
    """``Synced /x: kiaro 1 added, 0 updated, 0 removed; cards 2 added, …; 1 conflict``."""
    from kiaro_cli.core.vdir import FOLDER_SIDE, KIARO_SIDE

    kiaro, cards = result.counts(KIARO_SIDE), result.counts(FOLDER_SIDE)
    sides = [
        f"{name} " + ", ".join(f"{count} {what}" for what, count in side.items())
        for name, side in (("kiaro", kiaro), ("cards", cards))
    ]
    line = f"Synced {result.folder}: {'; '.join(sides)}; {counted(result.conflicts, 'conflict')}"
    if result.problems:
        line += f"; {counted(len(result.problems), 'card')} skipped"
    return line + (" (dry run: nothing written)" if result.dry_run else "")
