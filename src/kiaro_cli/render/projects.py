"""Projects for people: a table that fits the terminal, and one project's card."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from rich import box
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kiaro_cli.declarations.project import OPEN_STATUSES
from kiaro_cli.render import cells
from kiaro_cli.render.console import console
from kiaro_cli.render.fit import Cell, Column
from kiaro_cli.render.tables import ID, show_table

if TYPE_CHECKING:
    from kiaro_cli.core.ledger import ProjectRecord

STATUS_STYLE = {"planned": "cyan", "active": "green", "on-hold": "yellow", "done": "dim", "cancelled": "dim"}
LATE = "bold red"


def project_table(projects: Sequence[ProjectRecord], today: date, *, with_client: bool, empty: str) -> None:
    """Projects, open ones first and the soonest deadline first: name, client, status,
    deadline, budget, code, and late ones marked."""
    if not projects:
        console.print(empty)
        return
    columns = [
        ID,
        Column("Project", squeeze=True, min_width=14, keep=2),
        *([Column("Client", squeeze=True, min_width=10, drop=3)] if with_client else []),
        Column("Status"),
        Column("Deadline"),
        Column("Budget", justify="right", drop=2),
        Column("Code", drop=1),
    ]
    rows: list[list[Cell]] = [
        [
            str(project.id),
            project["name"],
            *([project["client_name"]] if with_client else []),
            _status(project),
            _deadline(project, today),
            cells.money(project["budget"], project["currency"]) or "",
            project["code"] or "",
        ]
        for project in projects
    ]
    show_table(columns, rows)


def _status(project: ProjectRecord) -> Text:
    """A project's status, and ``late`` beside it when it is (``planned, late``)."""
    status = Text(project["status"], style=STATUS_STYLE.get(project["status"], ""))
    if project["late"]:
        status.append(", late", style=LATE)
    return status


def _deadline(project: ProjectRecord, today: date) -> Text:
    """An open project's deadline as short as it can be said ("3 days overdue", "Fri 27 Nov");
    a closed one's as its day."""
    if project["status"] in OPEN_STATUSES:
        return cells.follow_up(project["deadline"], today)
    return Text(cells.day(project["deadline"], today))


def project_card(project: ProjectRecord, today: date) -> None:
    """One project: whose it is, its status (late or not), money, days and notes."""
    from kiaro_cli.dates import describe

    status = _status(project)
    deadline: Any = None
    if project["deadline"]:
        day = date.fromisoformat(project["deadline"])
        deadline = Text(cells.moment_in_full(project["deadline"]) or "")
        if project["status"] in OPEN_STATUSES:
            deadline.append(f" ({describe(day, today)})", style=LATE if project["late"] else "")
    title = cells.card_title(project["name"], f"#{project.id}", console.width)
    rows: list[tuple[str, Any]] = [
        ("Project", project["name"] if title.plain != f"{project['name']}  #{project.id}" else None),
        ("Client", f"{project['client_name']} (#{project.client_id})"),
        ("Code", project["code"]),
        ("Status", status),
        ("Budget", cells.money(project["budget"], project["currency"])),
        ("Invoiced", cells.money(project["invoiced"], project["currency"])),
        ("Currency", project["currency"]),
        ("Start", cells.moment_in_full(project["start_date"])),
        ("Deadline", deadline),
        ("Ended", cells.moment_in_full(project["end_date"])),
        ("Notes", project["notes"]),
        ("Added", cells.moment_in_full(project["created_at"])),
        (
            "Changed",
            cells.moment_in_full(changed)
            if (changed := project["updated_at"]) != project["created_at"]
            else None,
        ),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value is not None and value != "":
            grid.add_row(label, value if isinstance(value, Text) else Text(str(value)))
    console.print(Panel(grid, title=title, title_align="left", box=box.ROUNDED))
