"""``kiaro client …``: add, list, show and change clients."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from kiaro_cli.cli import addresses, client_dates, client_list, completion, messages, output, rates
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import interactive, workspace
from kiaro_cli.cli.duplicates import duplicates, merge
from kiaro_cli.cli.history import timeline_
from kiaro_cli.cli.tags import client_tag, client_untag
from kiaro_cli.errors import InvalidValue

if TYPE_CHECKING:
    from kiaro_cli.core.workspace import Outcome

app = KiaroTyper(help="Add, find, show and change clients.", no_args_is_help=True)
app.add_typer(addresses.app, name="address")
app.add_typer(rates.app, name="rate")
app.add_typer(client_dates.app, name="date")


@app.command("add")
@opt.client_field_options
def add(
    ctx: typer.Context,
    fields: dict[str, str | None],
    tag: opt.Tags = None,
    set_: opt.SetOpt = None,
    allow_duplicate: opt.AllowDuplicate = False,
    no_input: opt.NoInputOpt = False,
    editor: opt.EditorOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add an invoice-ready client (the full form).

    Name, contact person, email, address, city, postal code and country are
    required; on a terminal kiaro asks for any that are missing, otherwise it
    names them all and saves nothing. The contact becomes the primary contact.

    \b
    Example:
      kiaro client add --name "Brand Factor" \\
        --legal-name "CDF Marketing Pty Ltd" \\
        --contact "Thandi Mokoena" --email thandi@brandfactor.co.za \\
        --address "12 Long St" --city "Cape Town" --postal-code 8001 \\
        --country "South Africa"
      kiaro client add --editor --name "Brand Factor"   # the rest in your editor
    """
    from kiaro_cli.core import client_cases
    from kiaro_cli.core.clients import missing_for_full_form
    from kiaro_cli.core.custom_fields import parse_assignments

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    if editor:
        from kiaro_cli.cli.record_form import edit_and_report

        edit_and_report(ws, None, out, given=fields)
        return
    values = dict(fields)
    custom = parse_assignments(set_ or ())
    missing = missing_for_full_form(values)
    if missing and interactive(no_input):
        from kiaro_cli.prompts import ask_client_fields

        check = client_cases.new_client_checks(ws, values, tags=tag or (), allow_duplicate=allow_duplicate)
        values.update(ask_client_fields(missing, ws.today, check))
    outcome = client_cases.add(ws, values, tags=tag or (), custom=custom, allow_duplicate=allow_duplicate)
    _warn(outcome)
    out.client(outcome, messages.added(outcome.record))


def _warn(outcome: Outcome[Any]) -> None:
    for warning in outcome.warnings:
        output.say(messages.note(warning), err=True)


@app.command("quick-add")
def quick_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The client's name.")],
    follow_up: opt.FollowUp = None,
    allow_duplicate: opt.AllowDuplicate = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Capture a lead with just a name (fill in the rest later).

    \b
    Examples:
      kiaro client quick-add "Acme Corp" --follow-up 1w
      id=$(kiaro client quick-add "Acme Corp" -q)
    """
    from kiaro_cli.core import client_cases

    out = output.formatter(fmt, quiet=quiet)
    values = {"name": name, "follow_up_on": follow_up}
    outcome = client_cases.add(workspace(ctx), values, full_form=False, allow_duplicate=allow_duplicate)
    out.client(outcome, messages.added(outcome.record, lead=True))


# Finding and showing clients live in their own module; registered here, in this order.
app.command("list")(client_list.list_)
app.command("show")(client_list.show)


@app.command("edit")
@opt.client_field_options
def edit(
    ctx: typer.Context,
    client: opt.ClientArg,
    fields: dict[str, str | None],
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear", metavar="FIELD", help="Empty this field, e.g. --clear vat_rate (repeat for more)."
        ),
    ] = None,
    set_: opt.SetOpt = None,
    unset: Annotated[
        list[str] | None,
        opt.text_option(
            "--unset", "KEY", "Empty a custom field (repeat for more).", completion.complete_field_key
        ),
    ] = None,
    tag: opt.Tags = None,
    allow_duplicate: opt.AllowDuplicate = False,
    editor: opt.EditorOpt = False,
    no_input: opt.NoInputOpt = False,  # edit asks nothing: taken so that one line serves add and edit
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Change some fields of a client, and add tags; every other field stays as it is.

    \b
    Examples:
      kiaro client edit acme --city Rotterdam --postal-code "3011 AA"
      kiaro client edit acme --currency EUR --clear vat_rate
      kiaro client edit acme --set sector=Retail --unset renewal
      kiaro client edit acme --status active --tag retainer
      kiaro client edit acme --editor        # the whole record, contacts too
    """
    from kiaro_cli.core import client_cases
    from kiaro_cli.core.custom_fields import parse_assignments

    out = output.formatter(fmt, quiet=quiet)
    if editor:
        if any(fields.values()) or clear or set_ or unset or tag:
            raise InvalidValue("--editor edits the whole record; leave out the field options")
        from kiaro_cli.cli.record_form import edit_and_report

        edit_and_report(workspace(ctx), client, out)
        return
    outcome = client_cases.edit(
        workspace(ctx),
        client,
        fields,
        clear=clear or (),
        custom=parse_assignments(set_ or ()),
        unset=unset or (),
        tags=tag or (),
        allow_duplicate=allow_duplicate,
    )
    _warn(outcome)
    out.client(outcome, messages.updated(outcome.record, outcome.changes))


@app.command("complete")
def complete(
    ctx: typer.Context,
    client: opt.ClientArg,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Ask for exactly the invoice-ready fields a client is missing, and save them.

    \b
    Example:
      kiaro client complete acme
    """
    from kiaro_cli.core.clients import edit_client, get_client, missing_fields_error

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    record = ws.read(get_client, client)
    if not record.missing_fields:
        out.client(record, messages.completed(record, already=True))
        return
    if not interactive(no_input):
        raise missing_fields_error(record.missing_fields, record)
    from kiaro_cli.prompts import ask_client_fields

    answers = ask_client_fields(record.missing_fields, ws.today)
    outcome = edit_client(ws.location, str(record.id), answers)
    out.client(outcome, messages.completed(outcome.client))


@app.command("status")
def status(
    ctx: typer.Context,
    client: opt.ClientArg,
    new_status: opt.StatusArg,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Move a client to another status (its follow-up date stays).

    \b
    Example:
      kiaro client status acme active
    """
    from kiaro_cli.core.clients import set_status

    out = output.formatter(fmt, quiet=quiet)
    outcome = set_status(workspace(ctx).location, client, new_status)
    out.client(outcome, messages.status_moved(outcome.client, outcome.changes))


def _archive(ctx: typer.Context, client: str, archived: bool, out: output.Formatter) -> None:
    from kiaro_cli.core.clients import set_archived

    outcome = set_archived(workspace(ctx).location, client, archived)
    message = messages.archived(outcome.client, archive=archived, changed=bool(outcome.changes))
    out.client(outcome, message)


@app.command("archive")
def archive(
    ctx: typer.Context,
    client: opt.ClientArg,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Hide a client from lists, due follow-ups and exports, keeping everything.

    \b
    Example:
      kiaro client archive acme
    """
    out = output.formatter(fmt, quiet=quiet)
    _archive(ctx, client, True, out)


@app.command("unarchive")
def unarchive(
    ctx: typer.Context,
    client: opt.ClientArg,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Bring an archived client back.

    \b
    Example:
      kiaro client unarchive acme
    """
    out = output.formatter(fmt, quiet=quiet)
    _archive(ctx, client, False, out)


@app.command("delete")
def delete(
    ctx: typer.Context,
    client: opt.ClientArg,
    yes: opt.YesOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Erase a client and everything of it: contacts, interactions, history.

    This cannot be undone; archive keeps the client instead. A client with
    invoices or payments is refused: archive it. Off a terminal it needs --yes.

    \b
    Example:
      kiaro client delete "Old Co" --yes
    """
    from kiaro_cli.core.client_money import refuse_deletion
    from kiaro_cli.core.clients import delete_client, get_client

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    record = ws.read(get_client, client)
    ws.read(refuse_deletion, record)  # before asking: no answer would let it through
    output.confirm_or_refuse(
        f"Erase {record.name} (#{record.id}) with its contacts and history?",
        f"deleting {record.name} (#{record.id}) erases its contacts and history",
        yes=yes,
        interactive=interactive(),
        declined="Nothing deleted.",
    )
    deleted = delete_client(ws.location, str(record.id))
    out.client(deleted, messages.deleted(deleted))


@app.command("outreach")
def outreach(
    ctx: typer.Context, client: opt.ClientArg, fmt: opt.DraftFormatOpt = opt.DraftFormat.text
) -> None:
    """Draft a no-pressure re-engagement message to an inactive or past client.

    Printed, never sent. Leads and active clients get their draft from
    kiaro followup draft.

    \b
    Examples:
      kiaro client outreach "Old Friend Ltd"
      kiaro client outreach 7 --format json
    """
    from kiaro_cli.core.drafts import draft_for

    ws = workspace(ctx)
    message = ws.read(draft_for, client, ws.today, outreach=True)
    output.draft(message, fmt)


# Commands of the client noun that live in their own modules.
app.command("timeline")(timeline_)
app.command("tag")(client_tag)
app.command("untag")(client_untag)
app.command("duplicates")(duplicates)
app.command("merge")(merge)
