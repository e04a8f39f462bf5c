"""``kiaro followup …``: schedule, mark done, list what is due, draft the message."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import interactive, workspace
from kiaro_cli.errors import InvalidValue

if TYPE_CHECKING:
    from kiaro_cli.core.client_cases import ClientFilter
    from kiaro_cli.core.workspace import Workspace

app = KiaroTyper(help="Schedule follow-ups, see what is due, draft the message.", no_args_is_help=True)


@app.command("set")
def set_(
    ctx: typer.Context,
    client: opt.ClientArg,
    when: Annotated[
        str | None,
        typer.Argument(
            metavar="WHEN",
            help="2026-10-15, 1w, 2w, 1m, 3m, 'in 3 weeks', 'next friday'… (optional with --every).",
        ),
    ] = None,
    every: Annotated[
        str | None,
        typer.Option(
            "--every",
            metavar="INTERVAL",
            help="A cadence: follow up every 2w, 6w, 1m, 10d… after each follow-up done or "
            "interaction logged; off ends it.",
        ),
    ] = None,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Schedule the next follow-up with a client (past dates are refused), or set its cadence.

    Without WHEN (and --every), a terminal offers In 1 week / In 2 weeks / In 1 month /
    In 3 months; elsewhere the date is required.

    With a cadence (--every 6w), marking the follow-up done or logging an interaction
    schedules the next one that interval after that day. A cadence set on a client with
    no follow-up schedules the first one that interval from today. No client has a
    cadence until you give one.

    \b
    Examples:
      kiaro followup set acme 2w
      kiaro followup set acme "next friday"
      kiaro followup set acme --every 6w
      kiaro followup set acme --every off
      kiaro followup set 12 "October 15" --format json
    """
    from kiaro_cli.core.followups import set_follow_up

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    if when is None and every is None and interactive(no_input):
        when, client = _asked_when(ws, client)
    record = set_follow_up(ws.location, client, when, ws.today, every=every).client
    message = (
        messages.scheduled(record, ws.today) if every is None else messages.cadence_set(record, ws.today)
    )
    out.client(record, message)


def _asked_when(ws: Workspace, reference: str) -> tuple[str, str]:
    """The follow-up date picked on a terminal, and the client's id (found before asking)."""
    from kiaro_cli.core.clients import get_client
    from kiaro_cli.core.followups import NEXT_CHOICES
    from kiaro_cli.prompts import choose

    found = ws.read(get_client, reference)
    chips = {label: chip for label, chip in NEXT_CHOICES if chip is not None}
    return chips[choose(f"Follow up with {found.name}:", list(chips))], str(found.id)


@app.command("clear")
def clear(
    ctx: typer.Context,
    client: opt.ClientArg,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Remove a client's scheduled follow-up.

    \b
    Example:
      kiaro followup clear acme
    """
    from kiaro_cli.core.followups import clear_follow_up

    out = output.formatter(fmt, quiet=quiet)
    outcome = clear_follow_up(workspace(ctx).location, client)
    out.client(outcome, messages.cleared(outcome.client, outcome.changes))


@app.command("done")
def done(
    ctx: typer.Context,
    client: opt.ClientArg,
    next_: Annotated[
        str | None, typer.Option("--next", metavar="WHEN", help="Schedule the next follow-up (1w, 1m…).")
    ] = None,
    clear_: Annotated[bool, typer.Option("--clear", help="Schedule no next follow-up.")] = False,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Record that you followed up now, then schedule the next one or none.

    With a cadence (followup set --every), the next one is that interval from today
    unless --next or --clear says otherwise. Without one, on a terminal without --next
    or --clear, kiaro offers In 1 week / In 2 weeks / In 1 month / In 3 months / Done;
    elsewhere, no flag means --clear.

    \b
    Examples:
      kiaro followup done acme
      kiaro followup done acme --next 1m
      kiaro followup done acme --clear
    """
    from kiaro_cli.core.followups import NEXT_CHOICES, mark_done

    out = output.formatter(fmt, quiet=quiet)
    if next_ is not None and clear_:
        raise typer.BadParameter("give --next WHEN or --clear, not both", param_hint="--next/--clear")
    ws = workspace(ctx)
    reference = client
    if next_ is None and not clear_ and interactive(no_input):
        from kiaro_cli.core.clients import get_client

        found = ws.read(get_client, client)
        reference = str(found.id)
        if not found["cadence"]:  # a cadence says when the next one is
            from kiaro_cli.prompts import choose

            labels = dict(NEXT_CHOICES)
            next_ = labels[choose(f"Followed up with {found.name}. Next follow-up?", list(labels))]
            clear_ = next_ is None
    record = mark_done(ws.location, reference, next_, ws.today, clear=clear_).client
    out.client(record, messages.followed_up(record, ws.today))


@app.command("due")
def due(
    ctx: typer.Context,
    limit: opt.LimitOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """Clients whose follow-up is due today or overdue, most overdue first.

    Archived clients are left out. Made for cron: `--format json` is one array of
    client objects, `-q` prints only ids.

    \b
    Examples:
      kiaro followup due
      kiaro followup due --format json
      kiaro followup due --fields id,name,follow_up_on
    """
    from kiaro_cli.core.followups import due_filter

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    _list(ctx, out, due_filter(workspace(ctx).today), limit, empty="Nothing due. Nice.")


@app.command("list")
def list_(
    ctx: typer.Context,
    within: Annotated[
        str | None,
        typer.Option("--within", metavar="WHEN", help="Only follow-ups due by then (2w, 'end of month')."),
    ] = None,
    limit: opt.LimitOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """Every scheduled follow-up, soonest (most overdue) first.

    \b
    Examples:
      kiaro followup list
      kiaro followup list --within 2w --format csv
    """
    from kiaro_cli.core.followups import scheduled_filter

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    empty = "No follow-ups scheduled."
    _list(ctx, out, scheduled_filter(workspace(ctx).today, within), limit, empty=empty)


def _list(
    ctx: typer.Context, out: output.Formatter, flt: ClientFilter, limit: int | None, *, empty: str
) -> None:
    from kiaro_cli.core.followups import SOONEST_FIRST

    output.list_clients(workspace(ctx), out, flt, sort=SOONEST_FIRST, limit=limit, follow_ups=empty)


@app.command("draft")
def draft(
    ctx: typer.Context,
    client: opt.ClientArg,
    fmt: opt.DraftFormatOpt = opt.DraftFormat.text,
    mailto: Annotated[
        bool, typer.Option("--mailto", help="Print a mailto: URL a mail program opens as the draft.")
    ] = False,
    edit: Annotated[
        bool, typer.Option("--edit", help="Open the draft in $VISUAL/$EDITOR first; print what you save.")
    ] = False,
) -> None:
    """Draft the follow-up message for a client (printed, never sent).

    The tone follows the status: a lead gets one concrete next step, an active
    client a check-in with substance, an inactive or past client a no-pressure
    hello. Words come from templates you can change (see docs/follow-ups.md).

    \b
    Examples:
      kiaro followup draft acme
      kiaro followup draft acme --format json | jq -r .body
      kiaro followup draft acme --edit --mailto | xargs xdg-open
    """
    from kiaro_cli.core.drafts import draft_for

    if mailto and fmt is opt.DraftFormat.json:
        raise InvalidValue("--mailto prints a URL; leave out --format json")
    ws = workspace(ctx)
    message = ws.read(draft_for, client, ws.today)
    if edit:
        from kiaro_cli.cli.editor import edit_text
        from kiaro_cli.drafting import draft_from_text

        if message.notice:
            output.say(f"Note: {message.notice}", err=True)
        message = draft_from_text(edit_text(message.as_text(), suffix=".eml"), message.tone)
    if mailto:
        output.say(message.mailto())
    else:
        output.draft(message, fmt)
