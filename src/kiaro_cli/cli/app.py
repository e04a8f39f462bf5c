"""The root command: global options, the noun groups, and one error handler."""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from kiaro_cli import __version__
from kiaro_cli.cli import (
    clients,
    coercion,
    command_bar,
    completion,
    contacts,
    custom_fields,
    db,
    documents,
    events,
    followups,
    imports,
    interactions,
    settings,
    tags,
    transfer,
)
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.demo import demo
from kiaro_cli.cli.history import undo
from kiaro_cli.cli.home import home
from kiaro_cli.cli.output import printable, report, say
from kiaro_cli.cli.report import report as report_command
from kiaro_cli.errors import ExitCode, KiaroError


class KiaroGroup(TyperGroup):
    """The root group: turns every :class:`KiaroError` into one clean message and exit 1.

    Built for one command line, it holds only the command that line names (see
    :func:`app_for`); ``stand_ins`` then list every command in the root's help.
    """

    stand_ins: dict[str, Any] = {}  # noqa: RUF012 (set on the instance by app_for)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        if self.commands or not self.stand_ins:
            super().format_commands(ctx, formatter)
            return
        self.commands = dict(self.stand_ins)
        try:
            super().format_commands(ctx, formatter)
        finally:
            self.commands = {}

    def main(  # type: ignore[override]  # never returns: always SystemExit
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        """Runs the command line; its errors are each one line on stderr.

        Click is run with ``standalone_mode=False`` so that a usage error comes back here
        and reads as one line naming the help to see (``Error: …; see kiaro X --help``,
        exit 2) instead of click's usage block. ``standalone_mode`` is taken and
        ignored: a run always ends in ``SystemExit``, as click's own standalone run does.
        """
        _files_not_made()  # a run in-process (tests) starts afresh
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as error:  # click's errors, from parsing or a command
            usage = getattr(error, "ctx", None)
            if error.exit_code == ExitCode.USAGE and usage is not None and error.message != usage.get_help():
                message = printable(error.format_message().rstrip("."))
                say(f"Error: {message}; see {usage.command_path} --help", err=True)
            else:  # a group named alone shows its help (no_args_is_help)
                error.show()  # type: ignore[attr-defined]
            sys.exit(error.exit_code)
        except typer.Abort:
            sys.stderr.write("Aborted!\n")
            sys.exit(ExitCode.REFUSED)
        except KiaroError as error:  # raised outside a command (e.g. while parsing)
            report(error)
            sys.exit(error.exit_code)
        code = code if isinstance(code, int) else 0
        if code == 0:  # a refusal says what went wrong itself
            _say_what_was_not_made()
        sys.exit(code)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KiaroError as error:
            if os.environ.get("KIARO_DEBUG"):
                raise
            report(error)
            raise typer.Exit(error.exit_code) from None


def _files_not_made() -> list[Path]:
    from kiaro_cli.core.workspace import databases_read_but_not_made

    return databases_read_but_not_made()


def _say_what_was_not_made() -> None:
    """A command that only read a database file that does not exist says so when it is
    done: a mistyped path is not quietly read as an empty book, and nothing was made there."""
    for path in _files_not_made():
        say(
            f"Note: the database {path} does not exist; nothing was made (a command that saves makes it)",
            err=True,
        )


coercion.install()  # before any value is parsed: plain coercion, no pydantic
app = KiaroTyper(
    name="kiaro",
    cls=KiaroGroup,
    help="A local-first CRM for freelancers: clients, contacts and follow-ups in one file.",
    epilog="Run 'kiaro COMMAND --help' for options and examples, and 'man kiaro' for every command.",
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
app.add_typer(events.app, name="event")
app.add_typer(documents.app, name="doc")
app.add_typer(transfer.export_app, name="export")
app.add_typer(imports.import_app, name="import")
app.add_typer(custom_fields.app, name="field")
app.add_typer(tags.app, name="tag")
app.add_typer(settings.app, name="settings")
app.add_typer(db.app, name="db")
app.add_typer(completion.app, name="completion")
app.command("home")(home)
app.command("undo")(undo)
app.command("do")(command_bar.do)
app.command("report")(report_command)
app.command("demo")(demo)


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


def named_command(args: Sequence[str]) -> str | None:
    """The command or group a command line names, past the root's own options."""
    rest = iter(args)
    for arg in rest:
        if arg == "--db":
            next(rest, None)
        elif not arg.startswith("-"):
            return arg
    return None


def app_for(args: Sequence[str], *, completing: bool = False) -> Any:
    """The root click group for one command line, with only the command it names built.

    Typer turns every command's options into click objects on each run; building all of
    them costs a start-up tens of milliseconds, so only the named one is built. A name
    kiaro does not know gets the whole app (for click's suggestions); no name (the home
    screen, the root's help) gets none, and the help lists them all from their help text.
    When ``completing`` the command's own name, those stand-ins are the root's commands.
    """
    import copy

    from typer.core import TyperCommand
    from typer.main import get_command

    name = named_command(args)
    groups = {group.name: group for group in app.registered_groups}
    commands = {command.name: command for command in app.registered_commands}
    if name is not None and name not in groups and name not in commands:
        return get_command(app)
    trimmed = copy.copy(app)
    trimmed.registered_groups = [groups[name]] if name in groups else []
    trimmed.registered_commands = [commands[name]] if name in commands else []
    root = get_command(trimmed)
    if name is None:
        stand_ins: dict[str, Any] = {
            str(command.name): TyperCommand(command.name, help=inspect.getdoc(command.callback))
            for command in app.registered_commands
        }
        stand_ins |= {
            str(group.name): TyperGroup(name=group.name, help=group.typer_instance.info.help)
            for group in app.registered_groups
            if group.typer_instance is not None
        }
        root.stand_ins = stand_ins  # type: ignore[attr-defined]
        if completing:
            root.commands = stand_ins  # type: ignore[attr-defined]
    return root


def main() -> None:
    """Entry point of the ``kiaro`` console script."""
    try:
        if completion.COMPLETE_VAR in os.environ:  # <Tab>: register the shells only then
            completion.register_shells()
            root = app_for(completion.words_before_cursor(), completing=True)
        else:
            root = app_for(sys.argv[1:])
        root.main(prog_name="kiaro")
    except Exception as error:  # a bug: one line unless debugging
        if os.environ.get("KIARO_DEBUG"):
            raise
        said = printable(f"unexpected {type(error).__name__}: {error}")
        say(f"Error: {said} (KIARO_DEBUG=1 shows details)", err=True)
        sys.exit(ExitCode.REFUSED)
