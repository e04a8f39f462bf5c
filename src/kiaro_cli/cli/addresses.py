"""``kiaro client address …``: a client's office, invoicing, mailing and site addresses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import interactive, location
from kiaro_cli.core.choices import ADDRESS_ALIASES, ADDRESS_KINDS
from kiaro_cli.storage.reader import open_reader

if TYPE_CHECKING:
    from kiaro_cli.core.addresses import AddressRecord

app = KiaroTyper(help="Add, list, change and remove a client's addresses.", no_args_is_help=True)

AddressId = Annotated[int, opt.id_argument("Address id (see kiaro client address list).")]
KindOpt = Annotated[
    str | None,
    opt.choice_option(ADDRESS_KINDS, "--kind", aliases=ADDRESS_ALIASES, help="What the address is for."),
]
Label = Annotated[str | None, opt.text_option("--label", "TEXT", "A name for it ('Rotterdam site').")]
Line1 = Annotated[str | None, opt.text_option("--line1", "TEXT", "Street and number.")]
Line2 = Annotated[str | None, opt.text_option("--line2", "TEXT", "Second line.")]
City = Annotated[str | None, opt.text_option("--city", "CITY", "City.")]
Region = Annotated[str | None, opt.text_option("--region", "REGION", "State, province or region.")]
Postal = Annotated[str | None, opt.text_option("--postal-code", "CODE", "Postal code.")]
Country = Annotated[str | None, opt.text_option("--country", "COUNTRY", "Country name or ISO code.")]
Default = Annotated[bool, typer.Option("--default", help="Make it the client's default address.")]


def _emit(address: AddressRecord, fmt: opt.Format, quiet: bool, message: str) -> None:
    from kiaro_cli.core.addresses import ADDRESS_KEYS

    output.result(address.to_dict(), ADDRESS_KEYS, fmt, quiet=quiet, message=message)


@app.command("add")
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    line1: Line1 = None,
    city: City = None,
    country: Country = None,
    kind: KindOpt = None,
    label: Label = None,
    line2: Line2 = None,
    region: Region = None,
    postal_code: Postal = None,
    default: Default = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add an address (--line1, --city and --country are needed); the first is the default.

    The default address is the client's own address (address_line1, city… in every
    output); billing output uses the invoicing address when there is one.

    \b
    Example:
      kiaro client address add acme --kind invoicing --line1 "Postbus 12" --city Utrecht \\
        --postal-code "3500 AA" --country NL
    """
    from kiaro_cli.core.addresses import add_address

    values = {"line1": line1, "line2": line2, "city": city, "region": region, "postal_code": postal_code,
              "country": country}  # fmt: skip
    address = add_address(location(ctx), client, values, kind=kind or "office", label=label, default=default)
    _emit(address, fmt, quiet, messages.address_added(address))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.ClientArg,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
) -> None:
    """A client's addresses, the default first marked.

    \b
    Example:
      kiaro client address list acme --format json
    """
    from kiaro_cli.core.addresses import ADDRESS_KEYS, list_addresses

    with open_reader(location(ctx)) as reader:
        addresses = list_addresses(reader, client)
    output.emit_records(addresses, ADDRESS_KEYS, fmt, fields, _address_table)


def _address_table(addresses: Sequence[AddressRecord]) -> None:
    from kiaro_cli import render

    render.print_addresses(addresses)


@app.command("edit")
def edit(
    ctx: typer.Context,
    address_id: AddressId,
    kind: KindOpt = None,
    label: Label = None,
    line1: Line1 = None,
    line2: Line2 = None,
    city: City = None,
    region: Region = None,
    postal_code: Postal = None,
    country: Country = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Change an address; an empty value ("") clears line 2, region, postal code or label.

    \b
    Example:
      kiaro client address edit 3 --line2 "Floor 4" --label "Head office"
    """
    from kiaro_cli.core.addresses import edit_address

    values = {"line1": line1, "line2": line2, "city": city, "region": region, "postal_code": postal_code,
              "country": country}  # fmt: skip
    address = edit_address(location(ctx), address_id, values, kind=kind, label=label)
    _emit(address, fmt, quiet, messages.address_updated(address))


@app.command("default")
def default_(
    ctx: typer.Context,
    address_id: AddressId,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Make an address the client's default (its own address fields become it).

    \b
    Example:
      kiaro client address default 4
    """
    from kiaro_cli.core.addresses import get_address, make_default
    from kiaro_cli.core.clients import load_client
    from kiaro_cli.core.fields import label_with_option

    where = location(ctx)
    with open_reader(where) as reader:
        ready = not load_client(reader, get_address(reader, address_id).client_id).missing_fields
    address = make_default(where, address_id)
    _emit(address, fmt, quiet, messages.address_default(address))
    with open_reader(where) as reader:
        client = load_client(reader, address.client_id)
    if ready and client.missing_fields:  # the new default lacks what an invoice needs
        lacking = ", ".join(label_with_option(key) for key in client.missing_fields)
        output.say(
            f"Note: {client.name} (#{client.id}) is no longer ready to invoice: missing {lacking}", err=True
        )


@app.command("remove")
def remove(ctx: typer.Context, address_id: AddressId, yes: opt.YesOpt = False) -> None:
    """Remove an address. A removed default hands over to the next address; the only
    address of a client ready to invoice stays.

    \b
    Example:
      kiaro client address remove 4 --yes
    """
    from kiaro_cli.core.addresses import get_address, remove_address

    where = location(ctx)
    with open_reader(where) as reader:
        address = get_address(reader, address_id)
    output.confirm_or_refuse(
        f"Remove address #{address.id} ({address.one_line()})?",
        f"removing address #{address.id} needs confirmation",
        yes=yes,
        interactive=interactive(),
    )
    outcome = remove_address(where, address_id)
    output.say(messages.address_removed(outcome.removed, outcome.new_default))
