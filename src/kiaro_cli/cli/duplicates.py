"""``kiaro client duplicates`` and ``kiaro client merge``: find clients that are one, and join them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.context import interactive, workspace

if TYPE_CHECKING:
    from kiaro_cli.core.duplicates import DuplicatePair


def duplicates(
    ctx: typer.Context, fmt: opt.FormatOpt = opt.Format.table, fields: opt.FieldsOpt = None
) -> None:
    """Pairs of clients that are likely the same, and why.

    Same name (ignoring case, accents, punctuation and suffixes like Ltd, GmbH,
    BV, Pty Ltd, Inc), same email, same phone, or nearly identical names.

    \b
    Examples:
      kiaro client duplicates
      kiaro client duplicates --format json
    """
    from kiaro_cli.core.duplicates import DUPLICATE_KEYS, find_duplicates

    out = output.formatter(fmt, fields=fields)
    pairs = workspace(ctx).read(find_duplicates)
    out.records(pairs, DUPLICATE_KEYS, _duplicate_table)


def _duplicate_table(pairs: Sequence[DuplicatePair]) -> None:
    from kiaro_cli.render.tables import duplicate_table

    duplicate_table(pairs)


def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The client to keep.")],
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The client merged into KEEP, then removed.")],
    yes: opt.YesOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Merge OTHER into KEEP: fill KEEP's empty fields, move everything, remove OTHER.

    Contacts, interactions, tags and history move to KEEP (KEEP's primary contact
    stays primary); the earlier follow-up is kept and the notes are joined.
    kiaro undo takes a merge back.

    \b
    Examples:
      kiaro client merge 3 7
      kiaro client merge "Acme Corp" "ACME corporation" --yes
    """
    from kiaro_cli.core.duplicates import clients_to_merge, merge_clients

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    kept, merged = ws.read(clients_to_merge, keep, other)
    output.confirm_or_refuse(
        f"Merge {merged.name} (#{merged.id}) into {kept.name} (#{kept.id}) and remove {merged.name}?",
        f"merging removes {merged.name} (#{merged.id})",
        yes=yes,
        interactive=interactive(),
        declined="Nothing merged.",
    )
    result = merge_clients(ws.location, str(kept.id), str(merged.id))
    out.client(result, messages.merged(result))
