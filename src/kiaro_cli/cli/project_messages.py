"""What the project commands print for people: one line a change, naming the project by
id and name, its client, and the facts that matter (``Added project #3 Website relaunch
for Acme (#1): planned, budget 4,800.00 EUR, deadline Mon 1 Mar 2027``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiaro_cli.core.ledger import ProjectRecord

NOTE_SHOWN = 40  # characters of a long new value (notes) repeated in the result line


def named(project: ProjectRecord, *, with_name: bool = True) -> str:
    """``project #3 Website relaunch for Acme (#1)`` (without the name: ``project #3 for Acme (#1)``)."""
    name = f" {project['name']}" if with_name else ""
    return f"project #{project.id}{name} for {project['client_name']} (#{project.client_id})"


def _facts(project: ProjectRecord) -> str:
    from kiaro_cli.core.money import amount_label
    from kiaro_cli.dates import moment_label

    facts = [str(project["status"])]
    if project["budget"] is not None:
        facts.append(f"budget {amount_label(project['budget'], project['currency'])}")
    if project["start_date"]:
        facts.append(f"start {moment_label(project['start_date'])}")
    if project["deadline"]:
        facts.append(f"deadline {moment_label(project['deadline'])}")
    if project["late"]:
        facts.append("late")
    return ", ".join(facts)


def project_added(project: ProjectRecord) -> str:
    return f"Added {named(project)}: {_facts(project)}"


def project_changed(project: ProjectRecord, changed: Sequence[str]) -> str:
    if not changed:
        return f"Project #{project.id} already had those values; nothing changed"
    head = named(project, with_name="name" not in changed)  # a new name is said once, after →
    return f"Updated {head}: " + ", ".join(_stored(project, key) for key in changed)


def _stored(project: ProjectRecord, key: str) -> str:
    """What a field now holds: ``deadline → Mon 1 Mar 2027``, ``budget cleared``."""
    from kiaro_cli.core.money import amount_label
    from kiaro_cli.core.projects import PROJECT_FIELDS
    from kiaro_cli.dates import moment_label

    label, value = PROJECT_FIELDS[key].label, project[key]
    if value is None:
        return f"{label} cleared"
    shown: Any = value
    if key == "budget":
        shown = amount_label(value, project["currency"])
    elif key in ("start_date", "deadline"):
        shown = moment_label(value)
    elif key == "notes":
        text = " ".join(str(value).split())
        shown = text if len(text) <= NOTE_SHOWN else text[: NOTE_SHOWN - 1] + "…"
    return f"{label} → {shown}"


def status_set(project: ProjectRecord, changed: bool) -> str:
    if not changed:
        return f"Project #{project.id} was already {project['status']}"
    from kiaro_cli.dates import moment_label

    ended = f" (ended {moment_label(project['end_date'])})" if project["end_date"] else ""
    return f"Moved {named(project)} to {project['status']}{ended}"


def project_removed(project: ProjectRecord) -> str:
    return f"Removed {named(project)}"
