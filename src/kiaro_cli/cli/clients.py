"""``kiaro client …``: add, list, show and change clients."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import options as opt
from kiaro_cli.cli import output
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import interactive, location, today
from kiaro_cli.core.records import CLIENT_KEYS, ClientRecord
from kiaro_cli.storage.reader import open_reader

if TYPE_CHECKING:
    from kiaro_cli.storage.location import Location
    from kiaro_cli.storage.queries import ClientFilter

app = KiaroTyper(help="Add, find, show and change clients.", no_args_is_help=True)
DATE_FIELDS = ("start_date", "end_date", "follow_up_on")
RECENT = 6  # history entries on the client's cards


def emit_client(record: ClientRecord, fmt: opt.Format, quiet: bool, message: str) -> None:
    """What a command that changed a client prints: ``message``, the record, or its id."""
    output.result(record.to_dict(), CLIENT_KEYS, fmt, quiet=quiet, message=message)


@app.command("add")
@opt.client_field_options
def add(
    ctx: typer.Context,
    fields: dict[str, str | None],
    tag: opt.Tags = None,
    allow_duplicate: opt.AllowDuplicate = False,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add an invoice-ready client (the full form).

    Name, contact person, email, address, city, postal code and country are
    required; on a terminal kiaro asks for any that are missing, otherwise it
    names them all and saves nothing. The contact becomes the primary contact.

    \b
    Example:
      kiaro client add --name "Brand Factor" --legal-name "CDF Marketing Pty Ltd" \\
        --contact "Thandi Mokoena" --email thandi@brandfactor.co.za \\
        --address "12 Long St" --city "Cape Town" --postal-code 8001 --country "South Africa"
    """
    from kiaro_cli.core.clients import add_client, check_new_client, missing_for_full_form

    values = dict(fields)
    missing = missing_for_full_form(values)
    where = location(ctx)
    if missing and interactive(no_input):
        from kiaro_cli.prompts import ask_client_fields

        with open_reader(where) as reader:  # refuse now what no answer could mend
            check_new_client(reader, values, tags=tag or (), allow_duplicate=allow_duplicate, today=today())
        values.update(ask_client_fields(missing, today()))
    record = add_client(where, values, tags=tag or (), allow_duplicate=allow_duplicate)
    _warn_if_email_shared(where, record)
    emit_client(record, fmt, quiet, f"Added {record.name} (#{record.id}){_follow_up_note(record)}")


def _warn_if_email_shared(where: Location, record: ClientRecord) -> None:
    from kiaro_cli.core.clients import shared_email_warning

    with open_reader(where) as reader:
        warning = shared_email_warning(reader, record)
    if warning:
        output.say(f"Note: {warning}", err=True)


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
    from kiaro_cli.core.clients import add_client

    record = add_client(
        location(ctx),
        {"name": name, "follow_up_on": follow_up},
        full_form=False,
        allow_duplicate=allow_duplicate,
    )
    emit_client(record, fmt, quiet, f"Added lead {record.name} (#{record.id}){_follow_up_note(record)}")


def _follow_up_note(record: ClientRecord) -> str:
    from kiaro_cli.dates import moment_label

    return f", follow up on {moment_label(record.follow_up_on)}" if record.follow_up_on else ""


@app.command("list")
def list_(
    ctx: typer.Context,
    status: opt.StatusesOpt = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", metavar="TAG", help="Only clients with this tag (repeat: all of them)."),
    ] = None,
    industry: Annotated[
        str | None, typer.Option("--industry", metavar="INDUSTRY", help="Only this industry.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="SOURCE", help="Only this source.")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="TEXT",
            help="Text in names, codes, emails, phones, addresses, notes or contacts.",
        ),
    ] = None,
    due: Annotated[
        bool, typer.Option("--due", help="Only clients with a follow-up due today or earlier.")
    ] = False,
    missing: Annotated[
        bool, typer.Option("--missing", help="Only clients missing invoice-ready fields.")
    ] = False,
    sort: opt.SortOpt = "name",
    desc: Annotated[bool, typer.Option("--desc", help="Reverse the order.")] = False,
    archived: Annotated[bool, typer.Option("--archived", help="Only archived clients.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Archived and current clients.")] = False,
    limit: opt.LimitOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """List clients, filtered and sorted.

    Tables show 50 rows unless --limit says otherwise; json, jsonl and csv
    stream every matching row.

    \b
    Examples:
      kiaro client list --status lead --tag design --sort follow-up
      kiaro client list --missing
      kiaro client list --search zoe --format json
    """
    from kiaro_cli.core.clients import make_filter

    flt = make_filter(
        statuses=status or (),
        tags=tag or (),
        industry=industry,
        source=source,
        search=search,
        due=due,
        missing=missing,
        archived="all" if all_ else "archived" if archived else "active",
        today=today(),
    )
    list_clients(ctx, flt, sort=sort, descending=desc, limit=limit, fmt=fmt, quiet=quiet)


def list_clients(
    ctx: typer.Context,
    flt: ClientFilter,
    *,
    sort: str,
    descending: bool = False,
    limit: int | None,
    fmt: opt.Format,
    quiet: bool,
    follow_ups: str | None = None,
) -> None:
    """Print a listing: a table page (50 rows unless ``limit``), or every row as ids or records.

    ``follow_ups`` asks for the follow-up table and is what it says when there are none.
    """
    from kiaro_cli.core.clients import archived_matches, count_clients, iter_clients

    page = output.page_size(limit, fmt, quiet)
    with open_reader(location(ctx)) as reader:
        clients = iter_clients(reader, flt, sort=sort, descending=descending, limit=page)
        if quiet:
            output.ids(c.to_dict() for c in clients)
        elif fmt is opt.Format.table:
            from kiaro_cli import render

            shown = list(clients)
            more = count_clients(reader, flt) - len(shown) if page and len(shown) == page else 0
            if follow_ups:
                render.follow_up_table(shown, today(), more=more, empty=follow_ups)
                return
            hidden = archived_matches(reader, flt) if not shown else 0
            render.client_table(shown, today(), more=more, hidden=hidden, with_value=sort == "value")
        else:
            output.records((c.to_dict() for c in clients), CLIENT_KEYS, fmt)


@app.command("show")
def show(ctx: typer.Context, client: opt.ClientArg, fmt: opt.FormatOpt = opt.Format.table) -> None:
    """Show one client as cards (or one JSON object with its contacts).

    \b
    Examples:
      kiaro client show acme
      kiaro client show 12 --format json
    """
    from kiaro_cli.core.clients import contacts_of, get_client
    from kiaro_cli.core.interactions import count_interactions
    from kiaro_cli.core.records import cross_border_hint
    from kiaro_cli.core.settings import load_settings
    from kiaro_cli.core.timeline import timeline

    with open_reader(location(ctx)) as reader:
        settings = load_settings(reader)
        record = get_client(reader, client, settings)
        contacts = contacts_of(reader, record.id)
        if fmt is not opt.Format.table:
            item = record.to_dict() | {"contacts": [c.to_dict() for c in contacts]}
            output.result(item, [*CLIENT_KEYS, "contacts"], fmt, quiet=False, message="")
            return
        recent = timeline(reader, record.id)[:RECENT]
        interactions = count_interactions(reader, record.id)
    from kiaro_cli import render

    hint = cross_border_hint(record, settings)
    render.client_cards(record, contacts, recent, interactions, settings, hint, today())


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
    allow_duplicate: opt.AllowDuplicate = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Change some fields of a client; every other field stays as it is.

    \b
    Examples:
      kiaro client edit acme --city Rotterdam --postal-code "3011 AA"
      kiaro client edit acme --currency EUR --clear vat_rate
    """
    from kiaro_cli.core.clients import edit_client

    where = location(ctx)
    outcome = edit_client(where, client, fields, clear=clear or (), allow_duplicate=allow_duplicate)
    record = outcome.client
    if outcome.changes:
        stored = ", ".join(stored_text(change.field, change.new) for change in outcome.changes)
        message = f"Updated {record.name} (#{record.id}): {stored}"
        if any(change.field == "email" for change in outcome.changes):
            _warn_if_email_shared(where, record)
    else:
        message = f"{record.name} (#{record.id}) already had those values; nothing changed"
    emit_client(record, fmt, quiet, message)


NOTE_SHOWN = 40  # characters of new notes repeated in the result line


def stored_text(field: str, new: object) -> str:
    """What was stored, as the result line says it: ``country → KR (Korea, Republic of)``,
    ``value → 12000.00``, ``follow-up date → Fri 27 Nov 2026``, ``VAT rate cleared``."""
    from decimal import Decimal

    from kiaro_cli.core.fields import CLIENT_FIELDS

    label = CLIENT_FIELDS[field].label
    if new is None or new == "":
        return f"{label} cleared"
    if field in DATE_FIELDS:
        from kiaro_cli.dates import moment_label

        shown = moment_label(str(new))
    elif field == "country":
        from kiaro_cli.places import country_name

        shown = f"{new} ({country_name(str(new))})"
    elif field == "value" and isinstance(new, Decimal):
        shown = f"{new:.2f}"
    elif field == "vat_rate":
        shown = f"{new}%"
    else:
        text = " ".join(str(new).split())
        shown = text if len(text) <= NOTE_SHOWN else text[: NOTE_SHOWN - 1] + "…"
    return f"{label} → {shown}"


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

    where = location(ctx)
    with open_reader(where) as reader:
        record = get_client(reader, client)
    if not record.missing_fields:
        emit_client(record, fmt, quiet, f"{record.name} (#{record.id}) has every invoice-ready field")
        return
    if not interactive(no_input):
        raise missing_fields_error(record.missing_fields, record)
    from kiaro_cli.prompts import ask_client_fields

    answers = ask_client_fields(record.missing_fields, today())
    outcome = edit_client(where, str(record.id), answers)
    emit_client(outcome.client, fmt, quiet, f"Completed {outcome.client.name} (#{outcome.client.id})")


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

    outcome = set_status(location(ctx), client, new_status)
    record = outcome.client
    if outcome.changes:
        message = f"{record.name} (#{record.id}): {outcome.changes[0].old} → {record.status}"
    else:
        message = f"{record.name} (#{record.id}) is already {record.status}"
    emit_client(record, fmt, quiet, message)


TagArgs = Annotated[list[str], typer.Argument(metavar="TAG", help="One or more tags.")]


@app.command("tag")
def tag(
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
    from kiaro_cli.core.clients import add_tags

    outcome = add_tags(location(ctx), client, tags)
    added = [str(change.new) for change in outcome.changes]
    record = outcome.client
    message = (
        f"Tagged {record.name} (#{record.id}): {', '.join(added)}"
        if added
        else f"{record.name} (#{record.id}) already has those tags"
    )
    emit_client(record, fmt, quiet, message)


@app.command("untag")
def untag(
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
    from kiaro_cli.core.clients import remove_tags

    outcome = remove_tags(location(ctx), client, tags)
    removed = ", ".join(str(change.old) for change in outcome.changes)
    emit_client(
        outcome.client, fmt, quiet, f"Untagged {outcome.client.name} (#{outcome.client.id}): {removed}"
    )


def _archive(ctx: typer.Context, client: str, archived: bool, fmt: opt.Format, quiet: bool) -> None:
    from kiaro_cli.core.clients import set_archived

    outcome = set_archived(location(ctx), client, archived)
    record, word = outcome.client, "archived" if archived else "unarchived"
    message = (
        f"{word.capitalize()} {record.name} (#{record.id})"
        if outcome.changes
        else f"{record.name} (#{record.id}) is already {'archived' if archived else 'not archived'}"
    )
    emit_client(record, fmt, quiet, message)


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
    _archive(ctx, client, True, fmt, quiet)


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
    _archive(ctx, client, False, fmt, quiet)


@app.command("delete")
def delete(
    ctx: typer.Context,
    client: opt.ClientArg,
    yes: opt.YesOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Erase a client and everything of it: contacts, interactions, history.

    This cannot be undone; archive keeps the client instead. Off a terminal
    it needs --yes.

    \b
    Example:
      kiaro client delete "Old Co" --yes
    """
    from kiaro_cli.core.clients import delete_client, get_client

    where = location(ctx)
    with open_reader(where) as reader:
        record = get_client(reader, client)
    output.confirm_or_refuse(
        f"Erase {record.name} (#{record.id}) with its contacts and history?",
        f"deleting {record.name} (#{record.id}) erases its contacts and history",
        yes=yes,
        interactive=interactive(),
    )
    deleted = delete_client(where, str(record.id))
    emit_client(deleted, fmt, quiet, f"Deleted {deleted.name} (#{deleted.id}) and everything of it")


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
    from kiaro_cli.core.followups import draft_for

    with open_reader(location(ctx)) as reader:
        message = draft_for(reader, client, today(), outreach=True)
    output.draft(message, fmt)


@app.command("timeline")
def timeline_(
    ctx: typer.Context,
    client: opt.ClientArg,
    limit: opt.LimitOpt = None,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """A client's whole history: every change and every interaction, newest first.

    \b
    Examples:
      kiaro client timeline acme
      kiaro client timeline acme --format jsonl | head
    """
    from kiaro_cli.core.clients import get_client
    from kiaro_cli.core.timeline import TIMELINE_KEYS, timeline

    page = output.page_size(limit, fmt)
    with open_reader(location(ctx)) as reader:
        record = get_client(reader, client)
        entries = timeline(reader, record.id)
    shown = entries[:page]
    if fmt is opt.Format.table:
        from kiaro_cli import render

        render.timeline_table(shown, today(), more=len(entries) - len(shown))
    else:
        output.records((e.to_dict() for e in shown), TIMELINE_KEYS, fmt)


@app.command("duplicates")
def duplicates(ctx: typer.Context, fmt: opt.FormatOpt = opt.Format.table) -> None:
    """Pairs of clients that are likely the same, and why.

    Same name (ignoring case, accents, punctuation and suffixes like Ltd, GmbH,
    BV, Pty Ltd, Inc), same email, same phone, or nearly identical names.

    \b
    Examples:
      kiaro client duplicates
      kiaro client duplicates --format json
    """
    from kiaro_cli.core.duplicates import DUPLICATE_KEYS, find_duplicates

    with open_reader(location(ctx)) as reader:
        pairs = find_duplicates(reader)
    if fmt is opt.Format.table:
        from kiaro_cli import render

        render.duplicate_table(pairs)
    else:
        output.records((pair.to_dict() for pair in pairs), DUPLICATE_KEYS, fmt)


@app.command("merge")
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
    from kiaro_cli.core.clients import get_client
    from kiaro_cli.core.duplicates import merge_clients

    where = location(ctx)
    with open_reader(where) as reader:
        kept, merged = get_client(reader, keep), get_client(reader, other)
    output.confirm_or_refuse(
        f"Merge {merged.name} (#{merged.id}) into {kept.name} (#{kept.id}) and remove {merged.name}?",
        f"merging removes {merged.name} (#{merged.id})",
        yes=yes,
        interactive=interactive(),
    )
    result = merge_clients(where, str(kept.id), str(merged.id))
    from kiaro_cli.core.fields import CLIENT_FIELDS

    labels = [CLIENT_FIELDS[key].label for key in result.filled]
    filled = f"; filled {', '.join(labels)}" if labels else ""
    same = f" ({result.merged_contacts} already there, merged)" if result.merged_contacts else ""
    message = (
        f"Merged {result.other.name} (#{result.other.id}) into {result.client.name} (#{result.client.id}): "
        f"{result.moved_contacts} contact(s) moved{same}, {result.moved_interactions} interaction(s){filled}"
    )
    emit_client(result.client, fmt, quiet, message)
