"""``kiaro project …``: a client's projects, with a status, a budget and a deadline."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kiaro_cli.cli import messages, output, project_messages
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import add_asking, given_or_asked, interactive, workspace
from kiaro_cli.declarations.project import PROJECT, STATUS_SYNONYMS, STATUSES

if TYPE_CHECKING:
    from kiaro_cli.core.ledger import ProjectRecord

app = KiaroTyper(
    help="Add, list and change a client's projects: status, budget, start and deadline.",
    no_args_is_help=True,
)


def _option(key: str) -> Any:
    """A project field's option, as its declaration says."""
    declared = PROJECT.by_key[key]
    return opt.text_option(declared.option, declared.metavar, declared.help)


ProjectId = Annotated[int, opt.id_argument("Project id (see kiaro project list).")]
Code = Annotated[str | None, _option("code")]
Name = Annotated[str | None, _option("name")]
Status = Annotated[
    str | None,
    opt.choice_option(STATUSES, "--status", aliases=STATUS_SYNONYMS, help=PROJECT.by_key["status"].help),
]
NewStatus = Annotated[
    str | None,
    opt.choice_option(
        STATUSES, "--status", aliases=STATUS_SYNONYMS, help="The new status (done or cancelled end it today)."
    ),
]
Budget = Annotated[str | None, _option("budget")]
Currency = Annotated[str | None, _option("currency")]
Start = Annotated[str | None, _option("start_date")]
Deadline = Annotated[str | None, _option("deadline")]
Notes = Annotated[str | None, _option("notes")]
FieldsOpt = Annotated[str | None, opt.fields_option("client_name,name,status,deadline")]


@app.command("add")
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    name: Annotated[
        str | None, typer.Argument(metavar="NAME", help="What the project is called (asked on a terminal).")
    ] = None,
    code: Code = None,
    status: Status = None,
    budget: Budget = None,
    currency: Currency = None,
    start: Start = None,
    deadline: Deadline = None,
    notes: Notes = None,
    no_input: opt.NoInputOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Add a project to a client (planned unless --status says otherwise).

    Its currency is the client's (else the default-currency setting) unless --currency
    is given; with neither, kiaro asks on a terminal and refuses elsewhere. Past dates
    are fine.

    \b
    Examples:
      kiaro project add acme "Website relaunch" --budget 4800 --deadline "March 1"
      kiaro project add acme "Brand book" --status active \\
        --start 2026-11-02 --currency EUR
      id=$(kiaro project add acme "Audit" -q)
    """
    from kiaro_cli.core.projects import PROJECT_KEYS, add_project, check_new_project, clean_project_name

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    if name is None:  # what is wrong is said before any question
        given = {"code": code, "status": status, "budget": budget, "currency": currency,
                 "start_date": start, "deadline": deadline, "notes": notes}  # fmt: skip
        ws.read(check_new_project, client, given, ws.today)
    name = given_or_asked(name, "project name", "NAME", clean_project_name, no_input)
    adding = partial(add_project, ws.location, client, name, code=code, status=status, budget=budget,
                     start=start, deadline=deadline, notes=notes, today=ws.today)  # fmt: skip
    project = add_asking(adding, {"currency": currency}, no_input, ws.today)
    out.result(project.to_dict(), PROJECT_KEYS, project_messages.project_added(project))


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.OptionalClientArg = None,
    status: Annotated[
        list[str] | None,
        opt.choice_option(
            STATUSES, "--status", aliases=STATUS_SYNONYMS, help="Only this status, open or not (repeat)."
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Done and cancelled projects too.")] = False,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """Projects: open ones (planned, active, on hold), the soonest deadline first.

    \b
    Examples:
      kiaro project list acme
      kiaro project list --status active --status on-hold
      kiaro project list --all --format csv
    """
    from kiaro_cli.core.ledger import archived_clients_hold
    from kiaro_cli.core.projects import PROJECT_KEYS, find_projects

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    ws = workspace(ctx)
    projects = ws.read(find_projects, client, statuses=status or (), include_all=all_, today=ws.today)

    def table(shown: Sequence[ProjectRecord]) -> None:
        from kiaro_cli.render.projects import project_table

        empty = (
            "No projects." if all_ or status else "No open projects (--all shows done and cancelled ones)."
        )
        if not shown and all_ and not (status or client) and ws.read(archived_clients_hold, "project"):
            empty = messages.only_archived_clients_hold("projects")
        project_table(shown, ws.today, with_client=client is None, empty=empty)

    out.records(projects, PROJECT_KEYS, table)


@app.command("show")
def show(
    ctx: typer.Context, project_id: ProjectId, fmt: opt.FormatOpt = opt.Format.table, fields: FieldsOpt = None
) -> None:
    """One project: its client, status (late or not), budget, what was invoiced, days, notes.

    \b
    Example:
      kiaro project show 3
    """
    from kiaro_cli.core.ledger import get_project
    from kiaro_cli.core.projects import PROJECT_KEYS

    out = output.formatter(fmt, fields=fields)
    ws = workspace(ctx)
    project = ws.read(get_project, project_id, ws.today)

    def card() -> None:
        from kiaro_cli.render.projects import project_card

        project_card(project, ws.today)

    out.one(project.to_dict(), PROJECT_KEYS, card)


@app.command("edit")
def edit(
    ctx: typer.Context,
    project_id: ProjectId,
    name: Name = None,
    code: Code = None,
    status: NewStatus = None,
    budget: Budget = None,
    currency: Currency = None,
    start: Start = None,
    deadline: Deadline = None,
    notes: Notes = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear", metavar="FIELD", help="Empty this field, e.g. --clear deadline (repeat for more)."
        ),
    ] = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Change some fields of a project; every other field stays as it is.

    \b
    Examples:
      kiaro project edit 3 --deadline "next friday" --budget 5200
      kiaro project edit 3 --name "Website relaunch (phase 2)" --clear code
    """
    from kiaro_cli.core.projects import PROJECT_KEYS, edit_project

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    project, changed = edit_project(
        ws.location,
        project_id,
        name=name,
        code=code,
        status=status,
        budget=budget,
        currency=currency,
        start=start,
        deadline=deadline,
        notes=notes,
        clear=clear or (),
        today=ws.today,
    )
    out.result(project.to_dict(), PROJECT_KEYS, project_messages.project_changed(project, changed))


@app.command("status")
def status_(
    ctx: typer.Context,
    project_id: ProjectId,
    status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            parser=opt.word_parser(STATUSES, STATUS_SYNONYMS),
            help="planned, active, on-hold, done or cancelled (done and cancelled end it today).",
        ),
    ],
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Move a project to another status; done or cancelled ends it today.

    \b
    Examples:
      kiaro project status 3 active
      kiaro project status 3 done
    """
    from kiaro_cli.core.projects import PROJECT_KEYS, set_status

    out = output.formatter(fmt, quiet=quiet)
    ws = workspace(ctx)
    project, changed = set_status(ws.location, project_id, status, today=ws.today)
    out.result(project.to_dict(), PROJECT_KEYS, project_messages.status_set(project, changed))


@app.command("remove")
def remove(
    ctx: typer.Context,
    project_id: ProjectId,
    yes: opt.YesOpt = False,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Remove a project (kiaro undo brings it back); its quotes and invoices stay with the
    client. On a terminal it asks first; off one it needs --yes.

    \b
    Example:
      kiaro project remove 3 --yes
    """
    from kiaro_cli.core.ledger import get_project
    from kiaro_cli.core.projects import PROJECT_KEYS, remove_project

    ws = workspace(ctx)
    project = ws.read(get_project, project_id, ws.today)
    output.confirm_or_refuse(
        f"Remove project #{project.id} {project['name']} of {project['client_name']}?",
        f"removing project #{project.id} of {project['client_name']} needs confirming",
        yes=yes,
        interactive=interactive(),
    )
    removed = remove_project(ws.location, project_id, today=ws.today)
    output.formatter(fmt, quiet=quiet).result(
        removed.to_dict(), PROJECT_KEYS, project_messages.project_removed(removed)
    )
