"""``kiaro contact …``: the people at a client."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import completion, messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import given_or_asked, interactive, workspace
from kiaro_cli.core.records import CONTACT_KEYS, ContactRecord
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.core.contacts import EmailAddress

app = KiaroTyper(help="Add, list, change and remove a client's contacts.", no_args_is_help=True)

ContactId = Annotated[
    int, opt.id_argument("Contact id (see kiaro contact list).", completion.complete_contact)
]
ContactName = Annotated[str | None, opt.text_option("--name", "NAME", "Full name.")]
Given = Annotated[
    str | None, opt.text_option("--given", "NAME", "Given name, where the full name does not tell it.")
]
Family = Annotated[
    str | None, opt.text_option("--family", "NAME", "Family name, where the full name does not tell it.")
]
ContactEmail = Annotated[str | None, opt.text_option("--email", "EMAIL", "Email address.")]
ContactPhone = Annotated[str | None, opt.text_option("--phone", "PHONE", "Phone number.")]
Emails = Annotated[
    list[str] | None,
    opt.text_option("--email", "EMAIL", "Email address. Repeat it for more: the first is its email."),
]
Phones = Annotated[
    list[str] | None,
    opt.text_option("--phone", "PHONE", "Phone number. Repeat it for more: the first is its phone."),
]
AddEmail = Annotated[
    list[str] | None, opt.text_option("--add-email", "EMAIL", "Add an email address (repeatable).")
]
RemoveEmail = Annotated[
    list[str] | None,
    opt.text_option(
        "--remove-email",
        "EMAIL",
        "Remove an email address; the next one becomes the first.",
        completion.complete_contact_email,
    ),
]
AddPhone = Annotated[
    list[str] | None, opt.text_option("--add-phone", "PHONE", "Add a phone number (repeatable).")
]
RemovePhone = Annotated[
    list[str] | None,
    opt.text_option(
        "--remove-phone",
        "PHONE",
        "Remove a phone number; the next one becomes the first.",
        completion.complete_contact_phone,
    ),
]
Label = Annotated[
    str | None,
    opt.text_option(
        "--label", "LABEL", "The label of what --add-email/--add-phone add: work, home, mobile or other."
    ),
]
Title = Annotated[str | None, opt.text_option("--title", "TITLE", "Job title.")]
Primary = Annotated[bool, typer.Option("--primary", help="Make this the primary contact.")]
Birthday = Annotated[
    str | None,
    opt.text_option(
        "--birthday",
        "DATE",
        "Birthday: 1984-05-17, --05-17 without a year, '17 May 1984' (\"\" or off clears it).",
    ),
]


def _emit(contact: ContactRecord, out: output.Formatter, message: str) -> None:
    out.result(contact.to_dict(), CONTACT_KEYS, message)


@app.command("add")
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    name: Annotated[
        str | None, opt.text_option("--name", "NAME", "Full name. Asked on a terminal when missing.")
    ] = None,
    given: Given = None,
    family: Family = None,
    email: Emails = None,
    phone: Phones = None,
    title: Title = None,
    role: opt.RoleOpt = None,
    birthday: Birthday = None,
    primary: Primary = False,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add a contact to a client (the first contact becomes primary).

    \b
    Example:
      kiaro contact add acme --name "Ravi Patel" --email ravi@acme.com \\
        --role finance
      kiaro contact add acme --name "Ann Lee" \\
        --email ann@acme.com --email ann@lee.org
      kiaro contact add acme --name "Ngũgĩ wa Thiong'o" \\
        --given Ngũgĩ --family "wa Thiong'o"
      kiaro contact add acme --name "Ann Lee" --birthday 1984-05-17
    """
    from kiaro_cli.core.contacts import add_contact_noting_namesakes, check_new_contact
    from kiaro_cli.core.fields import clean_name
    from kiaro_cli.core.reach import ReachChanges

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    emails, phones = email or [], phone or []
    values = {
        "given_name": given,
        "family_name": family,
        "email": emails[0] if emails else None,
        "phone": phones[0] if phones else None,
        "job_title": title,
        "role": role,
        "birthday": birthday,
    }
    more = ReachChanges(add_emails=tuple(emails[1:]), add_phones=tuple(phones[1:]))
    ws.read(check_new_contact, client, values, more)  # what is wrong is said before any question
    values = {"name": given_or_asked(name, "name", "--name", clean_name, no_input), **values}
    outcome = add_contact_noting_namesakes(ws, client, values, primary=primary, more=more)
    contact = outcome.record
    for warning in outcome.warnings:
        output.say(messages.note(warning), err=True)
    _emit(contact, out, messages.contact_added(contact, birthday))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.ClientArg,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """List a client's contacts, primary first.

    \b
    Example:
      kiaro contact list acme --format json
    """
    from kiaro_cli.core.contacts import list_contacts

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    ws = workspace(ctx)
    contacts = ws.read(list_contacts, client)

    def table(shown: Sequence[ContactRecord]) -> None:
        from kiaro_cli.render.tables import print_contacts

        print_contacts(shown, ws.today)

    out.records(contacts, CONTACT_KEYS, table)


@app.command("email")
def email(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(metavar="QUERY", help="Part of a name, client or address.")],
    parsable: Annotated[
        bool,
        typer.Option(
            "--parsable", "-p", help="Tab-separated email, name and client lines, for mutt, neomutt and aerc."
        ),
    ] = False,
    remove_first_line: Annotated[
        bool, typer.Option("--remove-first-line", help="With --parsable: no status line (for aerc).")
    ] = False,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
) -> None:
    """Find email addresses of contacts and clients, for a mail program's address book.

    \b
    Examples:
      kiaro contact email ann
      kiaro contact email --parsable acme
    \b
    In ~/.muttrc (or neomuttrc):
      set query_command = "kiaro contact email --parsable %s"
    In aerc.conf:
      address-book-cmd = kiaro contact email --parsable --remove-first-line "%s"
    """
    from kiaro_cli.core.contacts import EMAIL_KEYS, find_email_addresses

    out = output.formatter(fmt, fields=fields)
    found = workspace(ctx).read(find_email_addresses, query)
    if parsable:
        if not remove_first_line:  # mutt shows the first line as a status and skips it
            output.say(f"Found {counted(len(found), 'address', 'addresses')} for '{query.strip()}'")
        for address in found:
            output.say("\t".join(" ".join(value.split()) for value in address.to_dict().values()))
    else:
        out.records(found, EMAIL_KEYS, _email_table)


def _email_table(found: Sequence[EmailAddress]) -> None:
    from kiaro_cli.render.tables import email_table

    email_table(found)


@app.command("edit")
def edit(
    ctx: typer.Context,
    contact_id: ContactId,
    name: ContactName = None,
    given: Given = None,
    family: Family = None,
    email: ContactEmail = None,
    phone: ContactPhone = None,
    add_email: AddEmail = None,
    remove_email: RemoveEmail = None,
    add_phone: AddPhone = None,
    remove_phone: RemovePhone = None,
    label: Label = None,
    title: Title = None,
    role: opt.RoleOpt = None,
    birthday: Birthday = None,
    primary: Primary = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Change a contact; --primary makes it the client's primary contact.

    An empty value ("") clears email, phone, title, given or family name, or birthday. A
    new --name without --given and --family lets go of the ones given before. --email and
    --phone change the first email and phone; --add-email and --add-phone add more,
    labelled with --label (work unless told); removing the first makes the next one the first.

    \b
    Examples:
      kiaro contact edit 7 --title "Head of Marketing" --primary
      kiaro contact edit 7 --add-email ann@home.org --label home \\
        --remove-phone "+27 21 555 0100"
      kiaro contact edit 7 --birthday --05-17
      kiaro contact edit 7 --birthday off
    """
    from kiaro_cli.core.contacts import edit_contact
    from kiaro_cli.core.reach import ReachChanges

    out = output.formatter(fmt, quiet=quiet)
    values = {
        "name": name,
        "given_name": given,
        "family_name": family,
        "email": email,
        "phone": phone,
        "job_title": title,
        "role": role,
        "birthday": birthday,
    }
    reach = ReachChanges(
        tuple(add_email or ()),
        tuple(remove_email or ()),
        tuple(add_phone or ()),
        tuple(remove_phone or ()),
        label,
    )
    contact = edit_contact(workspace(ctx).location, contact_id, values, primary=primary, reach=reach)
    _emit(contact, out, messages.contact_updated(contact, birthday))


@app.command("remove")
def remove(ctx: typer.Context, contact_id: ContactId, yes: opt.YesOpt = False) -> None:
    """Remove a contact. A client's only contact stays; a removed primary hands over.

    \b
    Example:
      kiaro contact remove 7 --yes
    """
    from kiaro_cli.core.contacts import removable_contact, remove_contact

    ws = workspace(ctx)
    contact = ws.read(removable_contact, contact_id)
    output.confirm_or_refuse(
        f"Remove contact {contact.name} (#{contact.id})?",
        f"removing contact {contact.name} (#{contact.id}) needs confirmation",
        yes=yes,
        interactive=interactive(),
    )
    outcome = remove_contact(ws.location, contact_id)
    output.say(messages.contact_removed(outcome.removed, outcome.promoted))
