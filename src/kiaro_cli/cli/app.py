"""The root command: global options, the noun groups, and one error handler."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kiaro_cli import __version__
from kiaro_cli.cli import (
    clients,
    command_bar,
    contacts,
    db,
    followups,
    imports,
    interactions,
    settings,
    transfer,
)
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.history import undo
from kiaro_cli.cli.home import home
from kiaro_cli.cli.output import report
from kiaro_cli.errors import ExitCode, KiaroError


class KiaroGroup(TyperGroup):
    """The root group: turns every :class:`KiaroError` into one clean message and exit 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KiaroError as error:
            if os.environ.get("KIARO_DEBUG"):
                raise
            report(error)
            raise typer.Exit(error.exit_code) from None


app = KiaroTyper(
    name="kiaro",
    cls=KiaroGroup,
    help="A local-first CRM for freelancers: clients, contacts and follow-ups in one file.",
    epilog="Run 'kiaro COMMAND --help' for examples. Docs: docs/ in the project.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(clients.app, name="client")
app.add_typer(contacts.app, name="contact")
app.add_typer(followups.app, name="followup")
app.add_typer(interactions.app, name="interaction")
app.add_typer(transfer.export_app, name="export")
app.add_typer(imports.import_app, name="import")
app.add_typer(settings.app, name="settings")
app.add_typer(db.app, name="db")
app.command("home")(home)
app.command("undo")(undo)
app.command("do")(command_bar.do)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"kiaro {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="PATH_OR_URL", help="Database file or SQLAlchemy URL (env KIARO_DB)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """A local-first CRM for freelancers: clients, contacts and follow-ups in one file.

    \b
    Examples:
      kiaro                                  the home screen
      kiaro client quick-add "Acme" --follow-up 2w
      kiaro client list --status lead
      kiaro --db team.db client show acme
    """
    if ctx.invoked_subcommand is None:
        home(ctx)


def main() -> None:
    """Entry point of the ``kiaro`` console script."""
    if "_KIARO_COMPLETE" in os.environ:  # shell completion: register the shells only then
        from typer._completion_classes import completion_init

        completion_init()
    try:
        app(prog_name="kiaro")
    except KiaroError as error:  # raised outside a command (e.g. while parsing)
        report(error)
        sys.exit(error.exit_code)
    except Exception as error:  # a bug: one line unless debugging
        if os.environ.get("KIARO_DEBUG"):
            raise
        sys.stderr.write(f"Error: unexpected {type(error).__name__}: {error} (KIARO_DEBUG=1 shows details)\n")
        sys.exit(ExitCode.REFUSED)
