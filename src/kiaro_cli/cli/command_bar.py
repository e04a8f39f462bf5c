"""``kiaro do``: say what to do in a sentence, see the plan, save it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import options as opt
from kiaro_cli.cli import output, plan_messages
from kiaro_cli.cli.context import interactive, workspace
from kiaro_cli.errors import ConfirmationNeeded, Declined, KiaroError

if TYPE_CHECKING:
    from kiaro_cli.core.plans import Plan
    from kiaro_cli.core.workspace import Workspace


SentenceArg = Annotated[
    list[str] | None,
    typer.Argument(metavar="SENTENCE...", help="What to do, in words (quoted or not)."),
]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show the plan; save nothing.")]


def do(
    ctx: typer.Context,
    words: SentenceArg = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Save without asking.")] = False,
    dry_run: DryRunOpt = False,
    fmt: opt.PlanFormatOpt = opt.PlanFormat.table,
) -> None:
    """Say what to do in a sentence; kiaro shows the plan and saves it when you agree.

    It adds leads, sets, moves, clears and completes follow-ups, changes statuses, logs
    calls, meetings, emails and texts, tags and adds notes (docs/command-bar.md lists
    every form). Off a terminal it saves only with --yes. Without a sentence, on a
    terminal, it asks for one line after another (Ctrl-D leaves).

    \b
    Examples:
      kiaro do "remind me to follow up with Acme in 3 weeks"
      kiaro do add Brand Factor to my clients, based in South Africa
      kiaro do "mark my follow-up with Acme done, remind me again in a month"
      kiaro do "log a call with Acme: discussed the Q3 scope" --yes
      kiaro do "mark Acme as active and follow up in 2 weeks" --dry-run \\
        --format json
    """
    ws = workspace(ctx)
    if words:
        run(ws, " ".join(words), yes=yes, dry_run=dry_run, fmt=fmt, asking=interactive())
    elif interactive():
        prompt_loop(ws, yes=yes, dry_run=dry_run)
    else:
        raise typer.BadParameter('say what to do, e.g. kiaro do "follow up with Acme in 2 weeks"')


def run(ws: Workspace, sentence: str, *, yes: bool, dry_run: bool, fmt: opt.PlanFormat, asking: bool) -> None:
    """Understand one sentence, show its plan, and save it if agreed."""
    from kiaro_cli.core.model_reading import understood

    day = ws.today
    plan = ws.read(understood, sentence, day)
    if fmt is opt.PlanFormat.json:
        if plan.changes and not (yes or dry_run):
            raise ConfirmationNeeded(
                "not saved: with --format json nothing is asked (--dry-run shows the plan); re-run with --yes"
            )
        data = (_saved(ws, plan) if yes and not dry_run else plan).to_dict()
        output.formatter(opt.Format.json).result(data, list(data), "")
        return
    from kiaro_cli.render.cards import plan_card

    title = f"kiaro do: read by the model {plan.read_by}" if plan.read_by else "kiaro do"
    plan_card(
        [plan_messages.planned(action, day) for action in plan.actions],
        title=title,
        notes=[
            *(plan_messages.client_read_as(read.typed, read.name, read.client_id) for read in plan.read_as),
            *([plan_messages.left_out(plan.left_out)] if plan.left_out else []),
        ],
    )
    if not plan.changes:
        output.say(plan_messages.NOTHING_TO_CHANGE)
        return
    if dry_run:
        output.say("Dry run: nothing was saved")
        return
    if not yes:
        if not asking:
            raise ConfirmationNeeded("not saved: off a terminal there is no one to ask; re-run with --yes")
        from kiaro_cli.prompts import agree

        if not agree("Save?"):
            raise Declined("Not saved.")
    output.say(plan_messages.plan_saved(_saved(ws, plan).changes))


def _saved(ws: Workspace, plan: Plan) -> Plan:
    from kiaro_cli.core.carry_out import carry_out

    return carry_out(ws.location, plan, ws.today)


def prompt_loop(ws: Workspace, *, yes: bool, dry_run: bool) -> None:
    """One sentence after another at a prompt, each understood, shown and saved on its own."""
    from kiaro_cli.core.command_bar import client_names
    from kiaro_cli.core.sentences import PROMPT_WORDS
    from kiaro_cli.prompts import ask_sentence

    names = ws.read(client_names)
    output.say("Say what to do (Tab completes names, Ctrl-D leaves).")
    while (sentence := ask_sentence(ws.history_path, [*PROMPT_WORDS, *names])) is not None:
        if not sentence.strip():
            continue
        try:
            run(ws, sentence, yes=yes, dry_run=dry_run, fmt=opt.PlanFormat.table, asking=True)
        except KiaroError as error:
            output.report(error)
