"""``kiaro field …``: fields of your own on every client (sector, renewal date, head count)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import completion, messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import interactive, workspace
from kiaro_cli.core.choices import CUSTOM_FIELD_TYPES, CUSTOM_TYPE_ALIASES
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.core.custom_fields import CustomField

app = KiaroTyper(
    help="Add, list and remove custom fields (set them with client edit --set KEY=VALUE).",
    no_args_is_help=True,
)

FieldKey = Annotated[str, typer.Argument(metavar="KEY", help="The field's key, e.g. sector.")]
KnownKey = Annotated[
    str,
    typer.Argument(
        metavar="KEY", help="The field's key, e.g. sector.", autocompletion=completion.complete_field_key
    ),
]


@app.command("add")
def add(
    ctx: typer.Context,
    key: FieldKey,
    kind: Annotated[
        str,
        opt.choice_option(
            CUSTOM_FIELD_TYPES, "--type", aliases=CUSTOM_TYPE_ALIASES, help="What its values are."
        ),
    ],
    choices: Annotated[
        str | None, opt.text_option("--choices", "A,B,C", "A choice field's choices, comma-separated.")
    ] = None,
    label: Annotated[str | None, opt.text_option("--label", "TEXT", "A title shown on client show.")] = None,
    fmt: opt.FormatOpt = opt.Format.table,
) -> None:
    """Add a field every client has (empty until set).

    Keys are lowercase letters, digits and _. Values are checked by type: numbers,
    dates as you say them ("2027-03-31", "in 6 months"), one of the choices, yes/no.

    \b
    Examples:
      kiaro field add sector --type choice --choices "Retail,Finance,Health"
      kiaro field add renewal --type date --label "Contract renewal"
      kiaro field add staff --type number
      kiaro client edit acme --set sector=Retail --set renewal=2027-03-31
      kiaro client list --where sector=Retail --where "staff>50"
    """
    from kiaro_cli.core.custom_fields import FIELD_KEYS, add_field

    out = output.formatter(fmt)
    added = add_field(workspace(ctx).location, key, kind, choices=choices, label=label)
    out.result(added.to_dict(), FIELD_KEYS, messages.field_added(added))


@app.command("list")
def list_(ctx: typer.Context, fmt: opt.FormatOpt = opt.Format.table, fields: opt.FieldsOpt = None) -> None:
    """The custom fields, and how many clients have a value of each.

    \b
    Example:
      kiaro field list --format json
    """
    from kiaro_cli.core.custom_fields import FIELD_KEYS, list_fields

    out = output.formatter(fmt, fields=fields)
    found = workspace(ctx).read(list_fields, with_counts=True)
    out.records(found, FIELD_KEYS, _field_table)


def _field_table(found: Sequence[CustomField]) -> None:
    from kiaro_cli.render.workspace import field_table

    field_table(found)


@app.command("remove")
def remove(
    ctx: typer.Context, key: KnownKey, yes: opt.YesOpt = False, no_input: opt.NoInputOpt = False
) -> None:
    """Remove a custom field. One that clients have values of asks first (or --yes),
    and its values go with it (kiaro undo brings both back).

    \b
    Example:
      kiaro field remove sector --yes
    """
    from kiaro_cli.core.custom_fields import fields_by_key, remove_field

    ws = workspace(ctx)
    if not yes:
        fld = ws.read(fields_by_key, with_counts=True).get(key.strip().lower())
        if fld is not None and fld.clients:
            clients = counted(fld.clients, "client")
            output.confirm_or_refuse(
                f"Remove {fld.key} and its values on {clients}?",
                f"{clients} {'has' if fld.clients == 1 else 'have'} a value of {fld.key}",
                yes=False,
                interactive=interactive(no_input),
            )
            yes = True
    output.say(messages.field_removed(remove_field(ws.location, key, with_values=yes)))
