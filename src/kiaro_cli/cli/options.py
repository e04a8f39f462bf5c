"""Options shared by several commands, declared once.

Every option that takes a value names it in words (``--limit N``, ``--tag TAG``). Fixed
choices accept any case, spaces or hyphens and the words other tools use ("Decision
Maker", "prospect", ``--sort amount``), and refuse anything else in one sentence.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from kiaro_cli.cli import completion, formats
from kiaro_cli.core.choices import (
    DUPLICATE_POLICIES,
    INTERACTION_ALIASES,
    INTERACTION_TYPES,
    ROLE_ALIASES,
    ROLES,
    SORT_ALIASES,
    SORTS,
    STATUSES,
    pick_choice,
    read_status,
)
from kiaro_cli.core.fields import CLIENT_FIELDS

# The --format choices, declared in .formats (which the printing code imports alone).
Format = formats.Format
ExportFormat = formats.ExportFormat
PlanFormat = formats.PlanFormat
DraftFormat = formats.DraftFormat

Choice = TypeVar("Choice", bound=StrEnum)
Completer = Callable[..., list[tuple[str, str]]]
MAX_LIMIT = 2**31 - 1


def refusal(template: str, **context: Any) -> Exception:
    """A refused value, shown as one sentence after the option's name. A parser raises it
    as click's ``BadParameter``: click would turn a ``ValueError`` into the bare value."""
    return typer.BadParameter(template.format(**context))


def choice_parser(kind: type[Choice], aliases: Mapping[str, str] | None = None) -> Callable[[Any], Choice]:
    """Parse one of ``kind``'s values (any case, or an alias) into the enum member."""
    values = [member.value for member in kind]

    def parse(text: Any) -> Choice:
        if isinstance(text, kind):
            return text
        picked = pick_choice(str(text), values, aliases or {})
        if picked is None:
            raise refusal("'{text}' is not one of {choices}", text=str(text), choices=", ".join(values))
        return kind(picked)

    return parse


def word_parser(
    choices: Sequence[str],
    aliases: Mapping[str, str] | None = None,
    *,
    read: Callable[[str], str | None] | None = None,
) -> Callable[[Any], str]:
    """Parse one of the core's ``choices`` (any case, or an alias) into the choice itself;
    ``read`` is the core's own reader of the choice, when it has one (statuses)."""

    def parse(text: Any) -> str:
        picked = read(str(text)) if read else pick_choice(str(text), choices, aliases or {})
        if picked is None:
            raise refusal("'{text}' is not one of {choices}", text=str(text), choices=", ".join(choices))
        return picked

    return parse


def choice_option(
    choices: type[StrEnum] | Sequence[str],
    *decls: str,
    help: str,
    aliases: Mapping[str, str] | None = None,
    read: Callable[[str], str | None] | None = None,
) -> Any:
    """An option whose value is one of ``choices`` (an enum of the CLI's, or a tuple of the
    core's), shown as ``[a|b|c]`` and completed in the shell."""
    if isinstance(choices, type):
        values = [member.value for member in choices]
        parser: Callable[[Any], Any] = choice_parser(choices, aliases)
    else:
        values, parser = list(choices), word_parser(choices, aliases, read=read)

    def complete(incomplete: str) -> list[str]:
        return [value for value in values if value.startswith(incomplete.lower())]

    metavar = "[" + "|".join(values) + "]"
    return typer.Option(*decls, parser=parser, metavar=metavar, help=help, autocompletion=complete)


def whole_number(low: int, high: int | None = None) -> Callable[[Any], int]:
    """Parse a whole number from ``low`` (to ``high``, when there is a limit); without a
    limit it is an id, which may be written as kiaro prints it (``#12``)."""

    def parse(text: Any) -> int:
        typed = str(text).strip()
        value = typed.removeprefix("#") if high is None else typed
        digits = value.isascii() and value.isdigit()  # "²" is a digit to Python, not to int()
        if not digits or int(value) < low or (high is not None and int(value) > high):
            if high is None:
                raise refusal("'{text}' is not an id", text=typed)
            raise refusal(
                "'{text}' is not a whole number from {low} to {high}", text=typed, low=low, high=high
            )
        return int(value)

    return parse


FormatOpt = Annotated[Format, choice_option(Format, "--format", "-f", help="Output format.")]
ExportFormatOpt = Annotated[ExportFormat, choice_option(ExportFormat, "--format", "-f", help="File format.")]
DraftFormatOpt = Annotated[
    DraftFormat, choice_option(DraftFormat, "--format", "-f", help="text (default) or json.")
]
PlanFormatOpt = Annotated[
    PlanFormat, choice_option(PlanFormat, "--format", "-f", help="table (the plan as a card) or json.")
]
StatusesOpt = Annotated[
    list[str] | None,
    choice_option(STATUSES, "--status", read=read_status, help="Only this status (repeat for several)."),
]
SortOpt = Annotated[str, choice_option(SORTS, "--sort", aliases=SORT_ALIASES, help="Sort order.")]
RoleOpt = Annotated[
    str | None, choice_option(ROLES, "--role", aliases=ROLE_ALIASES, help="Role at the client.")
]
TypeOpt = Annotated[
    str,
    choice_option(
        INTERACTION_TYPES, "--type", "-t", aliases=INTERACTION_ALIASES, help="What kind of contact."
    ),
]
TypesOpt = Annotated[
    list[str] | None,
    choice_option(
        INTERACTION_TYPES,
        "--type",
        "-t",
        aliases=INTERACTION_ALIASES,
        help="Only this type (repeat for several).",
    ),
]
OnDuplicateOpt = Annotated[
    str,
    choice_option(
        DUPLICATE_POLICIES,
        "--on-duplicate",
        help="A row with the code, email or name of a client: error, skip, or update it.",
    ),
]
EditorOpt = Annotated[
    bool, typer.Option("--editor", "-e", help="Fill in the whole record in $VISUAL/$EDITOR (a TOML form).")
]


def fields_option(example: str) -> Any:
    """``--fields``, its help giving an example the command's records have."""
    return typer.Option(
        "--fields", metavar="FIELDS", help=f"Only these fields, in this order: {example} (any format)."
    )


FieldsOpt = Annotated[str | None, fields_option("name,email,status")]
EventFieldsOpt = Annotated[str | None, fields_option("client_name,priority,due_on,text")]
TagFieldsOpt = Annotated[str | None, fields_option("tag,clients")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the id(s).")]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        parser=whole_number(1, MAX_LIMIT),
        help="At most N rows (tables: 50 by default).",
    ),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do it without asking.")]
# On a removal that never asks (a client's date, a rate: undo brings them back), --yes is
# taken and changes nothing, so a script that says it of every removal runs.
NeverAsksOpt = Annotated[bool, typer.Option("--yes", "-y", hidden=True)]
NoInputOpt = Annotated[bool, typer.Option("--no-input", help="Never prompt; fail naming what is missing.")]
ClientArg = Annotated[
    str,
    typer.Argument(
        metavar="CLIENT",
        help="Client id, code, name or a unique part of a name.",
        autocompletion=completion.complete_client,
    ),
]
StatusArg = Annotated[
    str,
    typer.Argument(
        metavar="STATUS",
        parser=word_parser(STATUSES, read=read_status),
        help="lead, active, inactive or past (prospect is a lead, customer active, churned past).",
    ),
]
OptionalClientArg = Annotated[
    str | None,
    typer.Argument(
        metavar="CLIENT",
        help="Only this client (default: every current client).",
        autocompletion=completion.complete_client,
    ),
]


def id_argument(help: str, complete: Completer | None = None) -> Any:
    """An id argument: a whole number, refused in one sentence otherwise."""
    return typer.Argument(metavar="ID", parser=whole_number(0), help=help, autocompletion=complete)


def text_option(decl: str, metavar: str, help: str, complete: Completer | None = None) -> Any:
    """An option that takes one value, named ``metavar`` in the help (and completed by
    ``complete`` on <Tab>)."""
    return typer.Option(decl, metavar=metavar, help=help, autocompletion=complete)


def _field_option(key: str) -> Any:
    """A client field's option, as its declaration says (a choice of words: its words)."""
    rule = CLIENT_FIELDS[key]
    if rule.choices:
        return choice_option(rule.choices, rule.option, aliases=rule.synonyms, help=rule.help)
    return typer.Option(rule.option, metavar=rule.metavar, help=rule.help)


def client_field_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command one option per client field, in the registry's order, and hand it the
    values as one mapping: ``fields`` (field key → the text typed, or None).

    The options take the place of the command's ``fields`` parameter in its signature, so
    ``client add`` and ``client edit`` declare them once, and a field added to the registry
    is an option of both.
    """
    signature = inspect.signature(command, eval_str=True)
    before = [p for p in signature.parameters.values() if p.name != "fields"]
    split = next(
        (i for i, p in enumerate(before) if p.kind is p.KEYWORD_ONLY or p.default is not p.empty), len(before)
    )
    options = [
        inspect.Parameter(
            _parameter(key),
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=None,
            annotation=Annotated[str | None, _field_option(key)],
        )
        for key in CLIENT_FIELDS
    ]

    @functools.wraps(command)
    def with_fields(*args: Any, **kwargs: Any) -> None:
        fields = {key: kwargs.pop(_parameter(key)) for key in CLIENT_FIELDS}
        command(*args, fields=fields, **kwargs)

    parameters = [*before[:split], *options, *before[split:]]
    with_fields.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    with_fields.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
    return with_fields


FollowUp = Annotated[str | None, _field_option("follow_up_on")]


def _parameter(key: str) -> str:
    """The Python name of a field's option: ``--postal-code`` → ``postal_code``."""
    return CLIENT_FIELDS[key].option.lstrip("-").replace("-", "_")


Tags = Annotated[
    list[str] | None,
    text_option("--tag", "TAG", "A tag (repeat, or 'design, web').", completion.complete_tag),
]
TagFilter = Annotated[
    list[str] | None,
    text_option("--tag", "TAG", "Only clients with this tag (repeat: all of them).", completion.complete_tag),
]
SetOpt = Annotated[
    list[str] | None,
    text_option(
        "--set",
        "KEY=VALUE",
        "Set a custom field, e.g. --set sector=Retail (repeat for more).",
        completion.complete_assignment,
    ),
]
AllowDuplicate = Annotated[
    bool, typer.Option("--allow-duplicate", help="Go ahead even if a client has the same name.")
]
