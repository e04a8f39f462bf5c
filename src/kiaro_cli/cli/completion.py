"""Shell completion: the values a database offers on <Tab>, the shells' formats, and
``kiaro completion install|show``.

A completion call builds only the command being completed (the root group loads a command
when it is named, see :mod:`.app`) and reads candidates through the stdlib driver, so <Tab>
costs about what ``--help`` does. The shell formats are click's public completion classes
(:mod:`click.shell_completion`), speaking the protocol of the scripts Typer wrote, so a
script installed by any kiaro keeps working; Typer routes ``_KIARO_COMPLETE`` to them.
A candidate never raises: a database that is missing, locked or broken offers nothing.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from click.shell_completion import (
    BashComplete,
    FishComplete,
    ZshComplete,
    add_completion_class,
    get_completion_class,
    split_arg_string,
)

from kiaro_cli.characters import first_unseen, visible
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.errors import InvalidValue

if TYPE_CHECKING:
    from kiaro_cli.core.candidates import Finder

COMPLETE_VAR = "_KIARO_COMPLETE"
Pairs = list[tuple[str, str]]


# ---- values from the database ---------------------------------------------------------


class Matched(str):
    """A value the database matched already, ignoring case and accents ("bra" finds "Brand
    Factor", "cafe" finds "Café Noir"); Typer's own filter, which compares the start
    case-sensitively, keeps it."""

    __slots__ = ()

    def startswith(self, *_: Any) -> bool:
        return True


def _offer(find: Finder) -> Callable[[Any], Pairs]:
    """The candidates ``find`` reads, for the shell to show: a value with a control or
    format character (from a restored database) is not offered, and a description shows
    them escaped."""

    def offered(ctx: Any) -> Pairs:
        from kiaro_cli.core.candidates import offered as read

        found = read(ctx.find_root().params.get("db"), find)
        return [(Matched(c.value), visible(c.about)) for c in found if not first_unseen(c.value)]

    return offered


def complete_client(ctx: typer.Context, incomplete: str) -> Pairs:
    from kiaro_cli.core import candidates

    return _offer(lambda reader: candidates.clients(reader, incomplete))(ctx)


def complete_contact(ctx: typer.Context, incomplete: str) -> Pairs:
    from kiaro_cli.core import candidates

    return _offer(lambda reader: candidates.contacts(reader, incomplete))(ctx)


def complete_contact_email(ctx: typer.Context, incomplete: str) -> Pairs:
    from kiaro_cli.core import candidates

    return _offer(lambda reader: candidates.reach(reader, "email", incomplete))(ctx)


def complete_contact_phone(ctx: typer.Context, incomplete: str) -> Pairs:
    from kiaro_cli.core import candidates

    return _offer(lambda reader: candidates.reach(reader, "phone", incomplete))(ctx)


def complete_tag(ctx: typer.Context, incomplete: str) -> Pairs:
    from kiaro_cli.core import candidates

    return _offer(lambda reader: candidates.tags(reader, incomplete))(ctx)


def complete_field_key(ctx: typer.Context, incomplete: str) -> Pairs:
    from kiaro_cli.core import candidates

    return _offer(lambda reader: candidates.custom_field_keys(reader, incomplete))(ctx)


def complete_assignment(ctx: typer.Context, incomplete: str) -> Pairs:
    """``--set`` and ``--where``: a key followed by ``=``, then a choice field's choices."""
    from kiaro_cli.core import candidates

    key, equals, typed = incomplete.partition("=")
    if equals:
        return _offer(lambda reader: candidates.custom_field_values(reader, key, typed))(ctx)
    return _offer(lambda reader: candidates.custom_field_keys(reader, key, suffix="="))(ctx)


SETTING_KEYS = {
    "default-currency": "ISO 4217 code, e.g. EUR",
    "default-vat-rate": "percent, 0-100",
    "home-country": "a country name or ISO code",
    "owner-name": "your name, on drafts",
    "default-payment-terms": "days, 0-365",
    "quiet-months": "months before a client counts as quiet",
    "document-size-limit": "largest document kept, e.g. 50M",
    "documents-folder": "an absolute path",
    "dates-ahead-days": "days of birthdays and dates on the home screen, 0-366",
    "user-name": "who you are on this machine",
    "command-model": "the model that reads what kiaro do's grammar cannot",
}
SETTING_VALUE_KINDS = {"default-currency": "currency", "home-country": "country"}


def complete_setting_key(incomplete: str) -> Pairs:
    return [(key, about) for key, about in SETTING_KEYS.items() if key.startswith(incomplete.lower())]


def complete_setting_value(ctx: typer.Context, incomplete: str) -> Pairs:
    """Currencies and countries the clients already have, for the two settings that take one."""
    from kiaro_cli.core import candidates

    kind = SETTING_VALUE_KINDS.get(str(ctx.params.get("key") or "").lower())
    if kind is None:
        return []
    return _offer(lambda reader: candidates.values_in_use(reader, kind, incomplete))(ctx)


# ---- the shells' formats --------------------------------------------------------------

# The zsh and fish scripts are the ones Typer wrote for kiaro (and users installed), with
# click's names for the values filled in; completions/ holds each as generated.
ZSH_SCRIPT = """
#compdef %(prog_name)s

%(complete_func)s() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" %(complete_var)s=complete_zsh %(prog_name)s)
}

compdef %(complete_func)s %(prog_name)s
"""

FISH_SCRIPT = (
    'complete --command %(prog_name)s --no-files --arguments "(env %(complete_var)s=complete_fish '
    '_TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) %(prog_name)s)" '
    '--condition "env %(complete_var)s=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) %(prog_name)s"'
)

_BASH_SPECIAL = re.compile(r"([^\w@%+=:,./-])")


class Bash(BashComplete):
    """The line up to the cursor (``COMP_LINE``), not bash's words: bash splits ``--set
    key=`` at ``=``. Each answer is ``type,value``: values lose what bash keeps of the word
    (up to its last word-break character), and only a path asks bash to list files."""

    incomplete = ""

    def source(self) -> str:
        return BASH_SCRIPT

    def get_completion_args(self) -> tuple[list[str], str]:
        if "COMP_LINE" not in os.environ:  # a script installed by an older kiaro
            return super().get_completion_args()
        words, incomplete = line_words(os.environ["COMP_LINE"])
        return words[1:], incomplete

    def format_completion(self, item: Any) -> str:
        if "COMP_LINE" not in os.environ:  # an older script takes escaped values alone
            return _BASH_SPECIAL.sub(r"\\\1", item.value)
        if item.type in ("file", "dir"):
            return f"{item.type},"
        return "plain," + _BASH_SPECIAL.sub(r"\\\1", after_word_break(item.value, self.incomplete))

    def get_completions(self, args: list[str], incomplete: str) -> list[Any]:
        self.incomplete = incomplete
        return super().get_completions(args, incomplete)


def typed_words() -> tuple[list[str], str]:
    """The words of the line zsh and fish send (``_TYPER_COMPLETE_ARGS``, ``kiaro`` first),
    without ``kiaro``, and the word being typed ("" after a space)."""
    words, incomplete = line_words(os.environ.get("_TYPER_COMPLETE_ARGS", ""))
    return (words[1:], incomplete) if words else ([], "")


class Zsh(ZshComplete):
    """The script's ``eval`` gets one ``_arguments`` call: values and their help quoted
    for it, help as plain text; no candidate at all lets zsh complete file names."""

    source_template = ZSH_SCRIPT

    def get_completion_args(self) -> tuple[list[str], str]:
        return typed_words()

    def format_completion(self, item: Any) -> str:
        def escaped(text: str) -> str:
            for old, new in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
                text = text.replace(old, new)
            return text

        about = f':"{escaped(item.help)}"' if item.help else ""
        return f'"{escaped(item.value)}"{about}'

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        answers = "\n".join(self.format_completion(item) for item in self.get_completions(args, incomplete))
        return f"_arguments '*: :(({answers}))'" if answers else "_files"


class Fish(FishComplete):
    """A value, a tab, and its help on one line. The script asks twice: whether there are
    candidates (``is-args``: the exit code; none lets fish complete file names), then
    for them (``get-args``)."""

    source_template = FISH_SCRIPT

    def get_completion_args(self) -> tuple[list[str], str]:
        return typed_words()

    def format_completion(self, item: Any) -> str:
        about = f"\t{' '.join(item.help.split())}" if item.help else ""
        return f"{item.value}{about}"

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        answers = [self.format_completion(item) for item in self.get_completions(args, incomplete)]
        if os.environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
            sys.exit(0 if answers else 1)
        return "\n".join(answers)


def register_shells() -> None:
    """kiaro's shell formats, in click's registry of them (where Typer's ``_KIARO_COMPLETE``
    handling finds each by name): values escaped for bash, help kept as plain text."""
    for complete_class in (Bash, Zsh, Fish):
        add_completion_class(complete_class, complete_class.name)


BASH_SCRIPT = """
_kiaro_completion() {
    local IFS=$'\\n' kind value answer
    answer=$(env COMP_LINE="${COMP_LINE:0:COMP_POINT}" COMP_WORDBREAKS="$COMP_WORDBREAKS" \\
                 _KIARO_COMPLETE=complete_bash "$1")
    COMPREPLY=()
    for line in $answer; do
        kind=${line%%,*}
        value=${line#*,}
        case $kind in
            file) compopt -o default ;;
            dir) compopt -o dirnames ;;
            plain) COMPREPLY+=("$value"); [[ $value == *= ]] && compopt -o nospace ;;
        esac
    done
    return 0
}

complete -F _kiaro_completion kiaro
"""


def line_words(line: str) -> tuple[list[str], str]:
    """The finished words of a command line up to the cursor (``kiaro`` first), and the word
    being typed."""
    words = split_arg_string(line)
    if not words or (line.endswith((" ", "\t")) and not line.endswith("\\ ")):
        return words, ""
    return words[:-1], words[-1]


def after_word_break(value: str, typed: str) -> str:
    """What bash replaces of a word: the part after its last word-break character
    (``COMP_WORDBREAKS``: ``=`` and ``:`` among them), so ``sector=Retail`` for the typed
    ``sector=R`` is answered ``Retail``."""
    breaks = set(os.environ.get("COMP_WORDBREAKS", "=:")) - set(" \t\n\"'><;|&(")
    cut = max((typed.rfind(character) for character in breaks), default=-1)
    return value[cut + 1 :] if cut >= 0 and value.startswith(typed[: cut + 1]) else value


# ---- kiaro completion install|show ----------------------------------------------------


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


app = KiaroTyper(help="Tab completion of commands and your data.")


def script(shell: Shell) -> str:
    """The completion script of ``shell`` (what ``completions/kiaro.SHELL`` holds)."""
    register_shells()
    complete_class = get_completion_class(shell.value)
    assert complete_class is not None
    return complete_class(None, {}, "kiaro", COMPLETE_VAR).source()  # type: ignore[arg-type]


def detected_shell() -> Shell:
    """The user's shell, from ``$SHELL``; refused in one line when kiaro cannot complete it."""
    name = Path(os.environ.get("SHELL", "")).name
    if name not in Shell.__members__:
        raise InvalidValue(
            f"cannot tell which shell you use (SHELL is '{name or 'unset'}'); name it: "
            "kiaro completion install bash|zsh|fish"
        )
    return Shell(name)


def install_path(shell: Shell) -> Path:
    """Where each shell looks for a user's completions (zsh: a folder added to fpath)."""
    home = Path.home()
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return {
        Shell.bash: data / "bash-completion" / "completions" / "kiaro",
        Shell.zsh: home / ".zfunc" / "_kiaro",
        Shell.fish: config / "fish" / "completions" / "kiaro.fish",
    }[shell]


def _zsh_hint(path: Path) -> str:
    zshrc = Path(os.environ.get("ZDOTDIR") or Path.home()) / ".zshrc"
    if zshrc.exists() and ".zfunc" in zshrc.read_text(errors="replace"):
        return "Open a new shell to use it."
    return (
        f"Add these lines to {zshrc} (before any other compinit), then open a new shell:\n"
        f"  fpath+=({path.parent})\n  autoload -Uz compinit && compinit"
    )


ShellArg = Annotated[
    Shell | None, typer.Argument(metavar="SHELL", help="bash, zsh or fish (default: your $SHELL).")
]


@app.command("install")
def install(shell: ShellArg = None) -> None:
    """Install completion for your shell.

    The script goes in the shell's folder for your own completions; kiaro says where.

    \b
    Examples:
      kiaro completion install          # the shell in $SHELL
      kiaro completion install fish
    """
    chosen = shell or detected_shell()
    path = install_path(chosen)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script(chosen) + "\n")
    after = _zsh_hint(path) if chosen is Shell.zsh else "Open a new shell to use it."
    from kiaro_cli.cli import output

    output.say(f"Installed {chosen.value} completion in {path}. {after}")


@app.command("show")
def show(shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")]) -> None:
    """Print a shell's completion script.

    Keep it wherever your shell reads completions from.

    \b
    Example:
      kiaro completion show bash \\
        > ~/.local/share/bash-completion/completions/kiaro
    """
    typer.echo(script(shell))
