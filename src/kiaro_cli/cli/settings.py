"""``kiaro settings …``: workspace defaults stored in the database."""

from __future__ import annotations

from typing import Annotated

import click
import typer

from kiaro_cli.cli import completion, messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import workspace

app = KiaroTyper(help="Show and change workspace settings.", no_args_is_help=True)


@app.command("show")
def show(ctx: typer.Context, fmt: opt.FormatOpt = opt.Format.table, fields: opt.FieldsOpt = None) -> None:
    """Show every setting.

    \b
    Example:
      kiaro settings show --format json
    """
    from kiaro_cli.core.settings import load_settings, settings_dict

    out = output.formatter(fmt, fields=fields)
    values = settings_dict(workspace(ctx).read(load_settings))

    def card() -> None:
        from kiaro_cli.render.workspace import settings_table

        settings_table(values)

    out.one(values, list(values), card)


# A value with one dash (default-payment-terms -5, owner-name -Sam-) is read as the value, and
# checked by its rule (exit 1); a word with two dashes is still an unknown option (exit 2).
@app.command("set", context_settings={"ignore_unknown_options": True})
def set_(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY",
            help="A setting's name (kiaro settings show lists them).",
            autocompletion=completion.complete_setting_key,
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help='The new value ("" clears it).',
            autocompletion=completion.complete_setting_value,
        ),
    ],
) -> None:
    """Change a setting; values are checked like client fields.

    \b
    Examples:
      kiaro settings set default-currency EUR
      kiaro settings set default-vat-rate 21
      kiaro settings set home-country Netherlands
      kiaro settings set owner-name "Sam Jansen"
      kiaro settings set document-size-limit 50MB   # MB and MiB both mean MiB
      kiaro settings set user-name sam     # who you are here (KIARO_USER wins)
      kiaro settings set command-model llama3   # for what kiaro do cannot read
    """
    from kiaro_cli.core.settings import set_setting

    for given in (key, value):
        if given.startswith("--"):
            raise click.NoSuchOption(given, ctx=ctx)
    stored = set_setting(workspace(ctx).location, key, value)
    output.say(messages.setting_stored(key.strip().lower(), stored))
