"""``kiaro interaction …``: log calls, emails, meetings, texts and notes, and list them."""

from __future__ import annotations

from typing import Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import given_or_asked, interactive, workspace
from kiaro_cli.core.choices import INTERACTION_ALIASES, INTERACTION_CLEARABLE, INTERACTION_TYPES

app = KiaroTyper(
    help="Log, list, correct and remove calls, emails, meetings, texts and notes.", no_args_is_help=True
)


ContactOpt = Annotated[
    int | None,
    typer.Option("--contact", metavar="ID", parser=opt.whole_number(0), help="The contact it was with."),
]
NextStepOpt = Annotated[str | None, opt.text_option("--next-step", "TEXT", "What was agreed to happen next.")]


@app.command("add")
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    summary: Annotated[
        str | None,
        typer.Argument(metavar="SUMMARY", help="What happened, in a line or two (asked on a terminal)."),
    ] = None,
    kind: opt.TypeOpt = "note",
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="WHEN", help="When it happened (default today; past allowed)."),
    ] = None,
    contact: ContactOpt = None,
    next_step: NextStepOpt = None,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Log an interaction with a client.

    Notes (the default type) stay private: drafts only draw on calls, emails,
    meetings and texts.

    \b
    Examples:
      kiaro interaction add acme "Discussed the Q3 scope" --type call \\
        --next-step "Send the proposal"
      kiaro interaction add acme "Kick-off at their office" --type meeting \\
        --on "last tuesday"
    """
    from kiaro_cli.core.interactions import INTERACTION_KEYS, add_interaction, clean_summary
    from kiaro_cli.core.references import resolve_client

    out = output.formatter(fmt, quiet=quiet)
    if summary is None:
        workspace(ctx).read(resolve_client, client)  # a client that is not there is said before any question
    said = given_or_asked(summary, "summary", "SUMMARY", clean_summary, no_input)
    record = add_interaction(
        workspace(ctx).location,
        client,
        said,
        kind=kind,
        on=on,
        contact_id=contact,
        next_step=next_step,
        today=workspace(ctx).today,
    )
    out.result(record.to_dict(), INTERACTION_KEYS, messages.logged(record))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.OptionalClientArg = None,
    kind: opt.TypesOpt = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="WHEN", help="Only from this day on ('2 weeks ago', 2026-10-01)."),
    ] = None,
    limit: opt.LimitOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """List interactions, newest first.

    \b
    Examples:
      kiaro interaction list acme
      kiaro interaction list --type call --since "1 month ago" --format csv
    """
    from collections.abc import Iterable
    from contextlib import closing
    from itertools import islice

    from kiaro_cli.core.interactions import INTERACTION_KEYS, InteractionRecord, iter_interactions

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    ws = workspace(ctx)
    with closing(
        ws.stream(iter_interactions, reference=client, types=kind or (), since=since, today=ws.today)
    ) as found:

        def table(page: Iterable[InteractionRecord]) -> None:
            from kiaro_cli.render.tables import interaction_table

            shown = list(page)
            interaction_table(shown, ws.today, more=sum(1 for _ in found), with_client=client is None)

        out.records(islice(found, out.page(limit)), INTERACTION_KEYS, table)


InteractionId = Annotated[int, opt.id_argument("Interaction id (see kiaro interaction list).")]


@app.command("edit")
def edit(
    ctx: typer.Context,
    interaction_id: InteractionId,
    summary: Annotated[str | None, opt.text_option("--summary", "TEXT", "What happened, corrected.")] = None,
    kind: Annotated[
        str | None,
        opt.choice_option(
            INTERACTION_TYPES, "--type", "-t", aliases=INTERACTION_ALIASES, help="What kind of contact."
        ),
    ] = None,
    on: Annotated[str | None, opt.text_option("--on", "WHEN", "When it happened (past allowed).")] = None,
    contact: ContactOpt = None,
    next_step: NextStepOpt = None,
    clear: Annotated[
        list[str] | None,
        opt.choice_option(
            INTERACTION_CLEARABLE, "--clear", help="Empty the next step or the contact (repeat for both)."
        ),
    ] = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Correct an interaction: its summary, type, day, contact or next step.

    \b
    Examples:
      kiaro interaction edit 12 --type call --on "last tuesday"
      kiaro interaction edit 12 --next-step "Send the revised quote"
      kiaro interaction edit 12 --clear contact
    """
    from kiaro_cli.core.interactions import INTERACTION_KEYS, InteractionEdit, edit_interaction

    out = output.formatter(fmt, quiet=quiet)
    wanted = InteractionEdit(summary, kind, on, contact, next_step, tuple(clear or ()))
    ws = workspace(ctx)
    record, changed = edit_interaction(ws.location, interaction_id, wanted, today=ws.today)
    message = messages.interaction_edited(record, changed)
    out.result(record.to_dict(), INTERACTION_KEYS, message)


@app.command("remove")
def remove(
    ctx: typer.Context,
    interaction_id: InteractionId,
    yes: opt.YesOpt = False,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Remove an interaction logged by mistake (asks first, or --yes; kiaro undo brings it back).

    \b
    Example:
      kiaro interaction remove 12 --yes
    """
    from kiaro_cli.core.interactions import INTERACTION_KEYS, get_interaction, remove_interaction

    out = output.formatter(fmt)
    ws = workspace(ctx)
    if not yes:
        record = ws.read(get_interaction, interaction_id)
        output.confirm_or_refuse(
            f"Remove {messages.interaction_named(record)}?",
            f"this removes {messages.interaction_named(record)}",
            yes=False,
            interactive=interactive(no_input),
        )
    removed = remove_interaction(ws.location, interaction_id)
    message = f"Removed {messages.interaction_named(removed)}"
    out.result(removed.to_dict(), INTERACTION_KEYS, message)
