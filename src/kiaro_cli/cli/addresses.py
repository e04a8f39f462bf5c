"""``kiaro client address …``: a client's office, invoicing, mailing and site addresses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import interactive, workspace
from kiaro_cli.core.choices import ADDRESS_ALIASES, ADDRESS_KINDS

if TYPE_CHECKING:
    from kiaro_cli.core.address_records import AddressRecord

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


def _emit(address: AddressRecord, out: output.Formatter, message: str) -> None:
    from kiaro_cli.core.address_records import ADDRESS_KEYS

    out.result(address.to_dict(), ADDRESS_KEYS, message)


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
      kiaro client address add acme --kind invoicing --line1 "Postbus 12" \\
        --city Utrecht \\
        --postal-code "3500 AA" --country NL
    """
    from kiaro_cli.core.addresses import add_address

    out = output.formatter(fmt, quiet=quiet)
    values = {"line1": line1, "line2": line2, "city": city, "region": region, "postal_code": postal_code,
              "country": country}  # fmt: skip
    where = workspace(ctx).location
    address = add_address(where, client, values, kind=kind or "office", label=label, default=default)
    _emit(address, out, messages.address_added(address))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.ClientArg,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """A client's addresses, the default first marked.

    \b
    Example:
      kiaro client address list acme --format json
    """
    from kiaro_cli.core.address_records import ADDRESS_KEYS
    from kiaro_cli.core.addresses import list_addresses

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    addresses = workspace(ctx).read(list_addresses, client)
    out.records(addresses, ADDRESS_KEYS, _address_table)


def _address_table(addresses: Sequence[AddressRecord]) -> None:
    from kiaro_cli.render.tables import print_addresses

    print_addresses(addresses)


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

    out = output.formatter(fmt, quiet=quiet)
    values = {"line1": line1, "line2": line2, "city": city, "region": region, "postal_code": postal_code,
              "country": country}  # fmt: skip
    address = edit_address(workspace(ctx).location, address_id, values, kind=kind, label=label)
    _emit(address, out, messages.address_updated(address))


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
    from kiaro_cli.core.addresses import default_noting_readiness

    out = output.formatter(fmt, quiet=quiet)
    outcome = default_noting_readiness(workspace(ctx), address_id)
    _emit(outcome.record, out, messages.address_default(outcome.record))
    for warning in outcome.warnings:
        output.say(messages.note(warning), err=True)


@app.command("remove")
def remove(ctx: typer.Context, address_id: AddressId, yes: opt.YesOpt = False) -> None:
    """Remove an address. A removed default hands over to the next address; the only
    address of a client ready to invoice stays.

    \b
    Example:
      kiaro client address remove 4 --yes
    """
    from kiaro_cli.core.addresses import get_address, remove_address

    ws = workspace(ctx)
    address = ws.read(get_address, address_id)
    output.confirm_or_refuse(
        f"Remove address #{address.id} ({address.one_line()})?",
        f"removing address #{address.id} needs confirmation",
        yes=yes,
        interactive=interactive(),
    )
    outcome = remove_address(ws.location, address_id)
    output.say(messages.address_removed(outcome.removed, outcome.new_default))
