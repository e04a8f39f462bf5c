"""The root command: global options, every command by name, and one error handler.

The root is click's lazy group: :data:`COMMANDS` names each command's Typer app (or
function) as ``"module:attribute"`` with the first paragraph of its help, and a command's
module is imported only when a command line names it. The root's ``--help`` and <Tab> list
every command from the table alone; a test holds each help to the module's own.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, NamedTuple, NoReturn

import typer
from click import ClickException, Command, NoSuchOption
from click.shell_completion import CompletionItem
from typer.main import get_command

from kiaro_cli import __version__
from kiaro_cli.cli import completion
from kiaro_cli.cli.command import KiaroGroup, KiaroTyper, LazyCommands, lazy_command
from kiaro_cli.cli.output import printable, report, say
from kiaro_cli.errors import ExitCode, KiaroError


class Entry(NamedTuple):
    """Where a root command lives, and what the root's list says of it."""

    target: str  # "module:attribute": a Typer app, or a command function of the root's
    help: str  # the first paragraph of the command's help


COMMANDS: dict[str, Entry] = {
    "home": Entry(
        "kiaro_cli.cli.home:home",
        "The home screen: due follow-ups, urgent events, overdue invoices and late projects, then counts.",
    ),
    "undo": Entry(
        "kiaro_cli.cli.history:undo",
        "Revert the last change (everything one command did), and say what it was.",
    ),
    "do": Entry(
        "kiaro_cli.cli.command_bar:do",
        "Say what to do in a sentence; kiaro shows the plan and saves it when you agree.",
    ),
    "report": Entry(
        "kiaro_cli.cli.report:report",
        "Charts of the business: the pipeline, where clients came from, the follow-up load, "
        "interactions per month, and the money: revenue, what is outstanding, quotes.",
    ),
    "demo": Entry(
        "kiaro_cli.cli.demo:demo",
        "Make a sample database to try every command on (your own is never touched).",
    ),
    "client": Entry("kiaro_cli.cli.clients:app", "Add, find, show and change clients."),
    "contact": Entry("kiaro_cli.cli.contacts:app", "Add, list, change and remove a client's contacts."),
    "followup": Entry(
        "kiaro_cli.cli.followups:app", "Schedule follow-ups, see what is due, draft the message."
    ),
    "dates": Entry("kiaro_cli.cli.dates:dates", "Birthdays and clients' dates coming up, soonest first."),
    "interaction": Entry(
        "kiaro_cli.cli.interactions:app",
        "Log, list, correct and remove calls, emails, meetings, texts and notes.",
    ),
    "event": Entry(
        "kiaro_cli.cli.events:app",
        "Add, list and close events: reminders, quotes, complaints and notes with a priority.",
    ),
    "project": Entry(
        "kiaro_cli.cli.projects:app",
        "Add, list and change a client's projects: status, budget, start and deadline.",
    ),
    "quote": Entry(
        "kiaro_cli.cli.quotes:app",
        "Add, list, show and change quotes: proposals from draft to sent, accepted or declined.",
    ),
    "invoice": Entry(
        "kiaro_cli.cli.invoices:app",
        "Invoice clients: add, issue, list, show, print, record payments, void and remove.",
    ),
    "doc": Entry(
        "kiaro_cli.cli.documents:app",
        "Keep files with a client: add, list, show, open, get and remove them.",
    ),
    "export": Entry(
        "kiaro_cli.cli.transfer:export_app",
        "Export data as CSV, Excel workbooks, JSON or JSON lines, and follow-ups as a calendar.",
    ),
    "import": Entry(
        "kiaro_cli.cli.imports:import_app",
        "Import clients, address books and invoices from other tools, and kiaro's own exports.",
    ),
    "sync": Entry(
        "kiaro_cli.cli.sync:app",
        "Keep contacts in step with a folder of vCards (khard, vdirsyncer, a phone).",
    ),
    "mail": Entry(
        "kiaro_cli.cli.mail:app",
        "Read a Maildir or mbox: mail to or from your contacts joins their history.",
    ),
    "hooks": Entry(
        "kiaro_cli.cli.hooks:app",
        "List the hooks: programs in kiaro's config folder run on every change.",
    ),
    "field": Entry(
        "kiaro_cli.cli.custom_fields:app",
        "Add, list and remove custom fields (set them with client edit --set KEY=VALUE).",
    ),
    "tag": Entry("kiaro_cli.cli.tags:app", "List, rename and remove tags across all clients."),
    "settings": Entry("kiaro_cli.cli.settings:app", "Show and change workspace settings."),
    "db": Entry("kiaro_cli.cli.db:app", "Locate, check, repair, back up and restore the database."),
    "completion": Entry("kiaro_cli.cli.completion:app", "Tab completion of commands and your data."),
}


def build(name: str) -> Any:
    """The click command of a root command: its module imported, its Typer app built."""
    module, _, attribute = COMMANDS[name].target.partition(":")
    found = getattr(importlib.import_module(module), attribute)
    if not isinstance(found, typer.Typer):  # a function: the one command of its own app
        alone = KiaroTyper()
        alone.command(name)(found)
        found = alone
    command = lazy_command(found)
    command.name = name
    return command


def short_help(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters as click cuts a command's help in a list: after
    its first sentence when that fits, else before a word, ending in ``...``."""
    words = text.split()
    length = 0
    for index, word in enumerate(words):
        length += len(word) + (index > 0)
        if length > limit:
            break
        if word.endswith("."):
            return " ".join(words[: index + 1])
        if length == limit and index != len(words) - 1:
            break
    else:
        return " ".join(words)
    length += len("...")
    while index > 0:
        length -= len(words[index]) + 1
        if length <= limit:
            break
        index -= 1
    return " ".join(words[:index]) + "..."


class RootGroup(KiaroGroup):
    """The root group: its commands are :data:`COMMANDS`, each imported when named (click's
    lazy group: ``list_commands`` and ``get_command`` read :class:`Commands`), and every
    :class:`KiaroError` becomes one clean message and exit 1."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.commands = LazyCommands(COMMANDS, build)  # type: ignore[assignment]  # read-only: the table is the list

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Every command with its help, from the table: no command's module is imported."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        with formatter.section("Commands"):
            formatter.write_dl([(name, short_help(entry.help, limit)) for name, entry in COMMANDS.items()])

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """<Tab> on a command's name: the names from the table, each with its help."""
        named = [
            CompletionItem(name, help=short_help(entry.help, 45))
            for name, entry in COMMANDS.items()
            if name.startswith(incomplete)
        ]
        return named + Command.shell_complete(self, ctx, incomplete)  # the options (not the group's commands)

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
        except ClickException as error:  # click's errors, from parsing or a command
            usage = getattr(error, "ctx", None)
            if error.exit_code == ExitCode.USAGE and usage is not None and error.message != usage.get_help():
                message = printable(usage_message(error).rstrip("."))
                say(f"Error: {message}; see {usage.command_path} --help", err=True)
            else:  # a group named alone shows its help (no_args_is_help)
                error.show()
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
        finally:
            _run_hooks(ctx)


def usage_message(error: ClickException) -> str:
    """click's message for a refused command line, an unknown option worded the same
    whichever click is installed (8.4 rewords it): ``No such option: --stat (Possible
    options: --sort, --status)``."""
    if isinstance(error, NoSuchOption):
        close = ", ".join(sorted(error.possibilities or ()))
        return f"No such option: {error.option_name}" + (f" (Possible options: {close})" if close else "")
    return error.format_message()


def _run_hooks(ctx: Any) -> None:
    """The hooks, on what the command committed (once it has): each problem one line on
    stderr, the exit code the command's."""
    from kiaro_cli.cli.context import KEY
    from kiaro_cli.core.workspace import Workspace

    ws = ctx.meta.get(KEY)
    if isinstance(ws, Workspace) and ws.wrote:  # a read, or no workspace at all: nothing to hear of
        from kiaro_cli.core.hooks import after_changes

        for problem in after_changes(ws):
            say(f"Note: {printable(problem)}; the change is saved", err=True)


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


app = KiaroTyper(
    name="kiaro",
    cls=RootGroup,
    help="A local-first CRM for freelancers: clients, contacts and follow-ups in one file.",
    epilog="Run 'kiaro COMMAND --help' for options and examples, and 'man kiaro' for every command.",
    invoke_without_command=True,
    subcommand_metavar="COMMAND [ARGS]...",  # the usage line kiaro has always had, whichever click
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
        from kiaro_cli.cli.home import home

        home(ctx)


def main() -> None:
    """Entry point of the ``kiaro`` console script."""
    try:
        if completion.COMPLETE_VAR in os.environ:  # <Tab>: kiaro's shell formats
            completion.register_shells()
        get_command(app).main(prog_name="kiaro")
    except Exception as error:  # a bug: one line unless debugging
        if os.environ.get("KIARO_DEBUG"):
            raise
        if isinstance(error, UnicodeEncodeError) and error.reason == "surrogates not allowed":
            byte = printable(error.object[error.start : error.start + 1])  # of an argument or a file name
            say(f"Error: a value holds bytes that are not UTF-8 ({byte}); nothing was changed", err=True)
            sys.exit(ExitCode.REFUSED)
        said = printable(f"unexpected {type(error).__name__}: {error}")
        say(
            f"Error: {said} (KIARO_DEBUG=1 shows details)",
            err=True,
        )
        sys.exit(ExitCode.REFUSED)
