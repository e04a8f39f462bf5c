"""Tags: ``kiaro tag …`` across every client (list, rename, remove), and ``kiaro client
tag|untag`` on one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import completion, messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import interactive, workspace
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.core.tags import TagCount

app = KiaroTyper(help="List, rename and remove tags across all clients.", no_args_is_help=True)

TagArg = Annotated[
    str, typer.Argument(metavar="TAG", help="A tag, in any case.", autocompletion=completion.complete_tag)
]


@app.command("list")
def list_(ctx: typer.Context, fmt: opt.FormatOpt = opt.Format.table, fields: opt.TagFieldsOpt = None) -> None:
    """List every tag with how many clients carry it.

    \b
    Examples:
      kiaro tag list
      kiaro tag list --format csv
    """
    from kiaro_cli.core.tags import TAG_KEYS, list_tags

    out = output.formatter(fmt, fields=fields)
    tags = workspace(ctx).read(list_tags)
    out.records(tags, TAG_KEYS, _tag_table)


def _tag_table(tags: Sequence[TagCount]) -> None:
    from kiaro_cli.render.workspace import tag_table

    tag_table(tags)


@app.command("rename")
def rename(
    ctx: typer.Context,
    old: TagArg,
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new name (an existing tag merges).")],
) -> None:
    """Rename a tag on every client; renaming into an existing tag merges the two.

    \b
    Examples:
      kiaro tag rename webdev "Web Dev"
      kiaro tag rename vip key-account     # clients with both keep one
    """
    from kiaro_cli.core.tags import rename_tag

    output.say(messages.tag_renamed(rename_tag(workspace(ctx).location, old, new)))


@app.command("remove")
def remove(
    ctx: typer.Context, tag: TagArg, yes: opt.YesOpt = False, no_input: opt.NoInputOpt = False
) -> None:
    """Remove a tag from every client (asks first, or --yes; kiaro undo brings it back).

    \b
    Example:
      kiaro tag remove old-campaign --yes
    """
    from kiaro_cli.core.tags import count_of, remove_tag

    ws = workspace(ctx)
    if not yes:
        carried = ws.read(count_of, tag)
        if carried:
            output.confirm_or_refuse(
                f"Remove the tag '{tag.strip()}' from {counted(carried, 'client')}?",
                f"the tag is on {counted(carried, 'client')}",
                yes=False,
                interactive=interactive(no_input),
            )
    output.say(messages.tag_removed(remove_tag(ws.location, tag)))


TagArgs = Annotated[
    list[str],
    typer.Argument(metavar="TAG", help="One or more tags.", autocompletion=completion.complete_tag),
]


def client_tag(
    ctx: typer.Context,
    client: opt.ClientArg,
    tags: TagArgs,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add tags to a client (tags are case-insensitive and kept as first typed).

    \b
    Example:
      kiaro client tag acme design retainer
    """
    from kiaro_cli.core.tags import add_tags

    out = output.formatter(fmt, quiet=quiet)
    outcome = add_tags(workspace(ctx).location, client, tags)
    added = [str(change.new) for change in outcome.changes]
    out.client(outcome, messages.tagged(outcome.client, added))


def client_untag(
    ctx: typer.Context,
    client: opt.ClientArg,
    tags: TagArgs,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Remove tags from a client.

    \b
    Example:
      kiaro client untag acme retainer
    """
    from kiaro_cli.core.tags import remove_tags

    out = output.formatter(fmt, quiet=quiet)
    outcome = remove_tags(workspace(ctx).location, client, tags)
    removed = [str(change.old) for change in outcome.changes]
    out.client(outcome, messages.untagged(outcome.client, removed))
