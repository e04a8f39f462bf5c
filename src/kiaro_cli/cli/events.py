"""``kiaro event …``: reminders and notes on a client, with a priority, perhaps pinned."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import interactive, workspace
from kiaro_cli.core.choices import EVENT_KIND_ALIASES, EVENT_KINDS, PRIORITIES, PRIORITY_ALIASES

if TYPE_CHECKING:
    from kiaro_cli.core.events import EventRecord

app = KiaroTyper(
    help="Add, list and close events: reminders, quotes, complaints and notes with a priority.",
    no_args_is_help=True,
)

EventId = Annotated[int, opt.id_argument("Event id (see kiaro event list).")]
KindOpt = Annotated[
    str | None,
    opt.choice_option(
        EVENT_KINDS, "--kind", aliases=EVENT_KIND_ALIASES, help="What it is (default: reminder)."
    ),
]
PriorityOpt = Annotated[
    str | None,
    opt.choice_option(
        PRIORITIES, "--priority", "-p", aliases=PRIORITY_ALIASES, help="How urgent (default: medium)."
    ),
]
DueOpt = Annotated[
    str | None, opt.text_option("--due", "WHEN", "When it is due: 2026-12-01, 'next friday', 2w.")
]


@app.command("add")
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What to remember.")],
    kind: KindOpt = None,
    priority: PriorityOpt = None,
    due: DueOpt = None,
    sticky: Annotated[bool, typer.Option("--sticky", help="Pin it to the top of client show.")] = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add an event to a client (open until done).

    \b
    Examples:
      kiaro event add acme "Chase the signed quote" --kind quote \\
        --due "next friday"
      kiaro event add acme "Invoice 2026-031 disputed" --kind complaint \\
        -p high --sticky
    """
    from kiaro_cli.core.events import EVENT_KEYS, add_event

    out = output.formatter(fmt, quiet=quiet)
    event = add_event(
        workspace(ctx).location,
        client,
        text,
        kind=kind or "reminder",
        priority=priority or "medium",
        due=due,
        sticky=sticky,
        today=workspace(ctx).today,
    )
    out.result(event.to_dict(), EVENT_KEYS, messages.event_added(event))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.OptionalClientArg = None,
    open_: Annotated[bool, typer.Option("--open", help="Open events (the default).")] = False,
    done: Annotated[bool, typer.Option("--done", help="Done events only.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Open and done events.")] = False,
    priority: Annotated[
        list[str] | None,
        opt.choice_option(
            PRIORITIES, "--priority", "-p", aliases=PRIORITY_ALIASES, help="Only this priority (repeat)."
        ),
    ] = None,
    due_within: Annotated[
        str | None,
        opt.text_option("--due-within", "WHEN", "Only those due by then: 0d (today or overdue), 1w."),
    ] = None,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.EventFieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """Events, most urgent first: by priority, then the soonest due.

    \b
    Examples:
      kiaro event list acme
      kiaro event list --priority critical --priority high --due-within 0d
      kiaro event list --all --format csv
    """
    from kiaro_cli.core.events import EVENT_KEYS, find_events

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    if sum((open_, done, all_)) > 1:
        from kiaro_cli.errors import InvalidValue

        raise InvalidValue("give one of --open, --done and --all")
    state = "done" if done else "all" if all_ else "open"
    ws = workspace(ctx)
    events = ws.read(
        find_events, client, state=state, priorities=priority or (), due_within=due_within, today=ws.today
    )

    def table(shown: Sequence[EventRecord]) -> None:
        from kiaro_cli.render.tables import event_table

        empty = {"open": "No open events.", "done": "No done events.", "all": "No events."}[state]
        event_table(shown, ws.today, with_client=client is None, empty=empty)

    out.records(events, EVENT_KEYS, table)


@app.command("done")
def done(
    ctx: typer.Context, event_id: EventId, fmt: opt.FormatOpt = opt.Format.table, quiet: opt.QuietOpt = False
) -> None:
    """Mark an event done.

    \b
    Example:
      kiaro event done 3
    """
    from kiaro_cli.core.events import EVENT_KEYS, set_done

    out = output.formatter(fmt, quiet=quiet)
    event, changed = set_done(workspace(ctx).location, event_id, True)
    out.result(event.to_dict(), EVENT_KEYS, messages.event_done(event, changed))


@app.command("reopen")
def reopen(
    ctx: typer.Context, event_id: EventId, fmt: opt.FormatOpt = opt.Format.table, quiet: opt.QuietOpt = False
) -> None:
    """Open a done event again.

    \b
    Example:
      kiaro event reopen 3
    """
    from kiaro_cli.core.events import EVENT_KEYS, set_done

    out = output.formatter(fmt, quiet=quiet)
    event, changed = set_done(workspace(ctx).location, event_id, False)
    message = messages.event_reopened(event, changed)
    out.result(event.to_dict(), EVENT_KEYS, message)


@app.command("edit")
def edit(
    ctx: typer.Context,
    event_id: EventId,
    text: Annotated[str | None, opt.text_option("--text", "TEXT", "What to remember.")] = None,
    kind: KindOpt = None,
    priority: PriorityOpt = None,
    due: DueOpt = None,
    no_due: Annotated[bool, typer.Option("--no-due", help="Remove the due day.")] = False,
    sticky: Annotated[
        bool | None, typer.Option("--sticky/--not-sticky", help="Pin it to client show, or not.")
    ] = None,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Change an event; everything not given stays.

    \b
    Examples:
      kiaro event edit 3 --priority critical --due tomorrow
      kiaro event edit 3 --not-sticky --no-due
    """
    from kiaro_cli.core.events import EVENT_KEYS, edit_event

    out = output.formatter(fmt)
    event = edit_event(
        workspace(ctx).location,
        event_id,
        text=text,
        kind=kind,
        priority=priority,
        due=due,
        clear_due=no_due,
        sticky=sticky,
        today=workspace(ctx).today,
    )
    out.result(event.to_dict(), EVENT_KEYS, messages.event_changed(event))


@app.command("remove")
def remove(ctx: typer.Context, event_id: EventId, yes: opt.YesOpt = False) -> None:
    """Remove an event (kiaro undo brings it back). On a terminal it asks first; off one it
    needs --yes.

    \b
    Example:
      kiaro event remove 3 --yes
    """
    from kiaro_cli.core.events import get_event, remove_event

    ws = workspace(ctx)
    event = ws.read(get_event, event_id)
    output.confirm_or_refuse(
        f"Remove event #{event.id} of {event.client_name} ({event.text.splitlines()[0][:40]})?",
        f"removing event #{event.id} of {event.client_name} needs confirming",
        yes=yes,
        interactive=interactive(),
    )
    output.say(messages.event_removed(remove_event(ws.location, event_id)))
