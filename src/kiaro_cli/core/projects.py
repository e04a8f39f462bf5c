"""Projects of a client: a piece of work with a status, perhaps a budget in a currency, a
start and a deadline.

A new project is planned unless told otherwise; its currency is the client's effective
one (its own, else the ``default-currency`` setting) unless given. Planned, active and
on-hold projects are open; one that becomes done or cancelled ends that day, and one
opened again has no end. An open project past its deadline is late. Every change is a
line in the client's history, and ``kiaro undo`` takes it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from kiaro_cli import clock
from kiaro_cli.core.choices import clean_choice
from kiaro_cli.core.fields import CleanContext, FieldRule, clean_values, field_rule
from kiaro_cli.core.ledger import ProjectRecord, get_project
from kiaro_cli.core.money import amount_label, money, to_cents
from kiaro_cli.core.references import resolve_client
from kiaro_cli.declarations.project import OPEN_STATUSES, PROJECT, STATUSES
from kiaro_cli.errors import InvalidValue, MissingFields
from kiaro_cli.storage.project_queries import project_list
from kiaro_cli.storage.reader import Reader

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client, Project
    from kiaro_cli.storage.unit import Target, Writer

PROJECT_KEYS = PROJECT.keys  # the JSON object of a project, in order
# Each typed field's rule, as the declaration says, in the order of the options of project edit.
PROJECT_FIELDS: dict[str, FieldRule] = {declared.key: field_rule(declared) for declared in PROJECT.typed}
CLOSED_STATUSES = tuple(status for status in STATUSES if status not in OPEN_STATUSES)
NO_CURRENCY = (
    "the project needs a currency: the client has none and no default-currency is set; "
    "give --currency CODE (e.g. EUR)"
)


def project_field(name: str) -> str:
    """The project field a key or an option names (``deadline``, ``start_date``, ``--start``)."""
    wanted = name.strip().lower().lstrip("-").replace("_", "-")
    for key, rule in PROJECT_FIELDS.items():
        if wanted in (key.replace("_", "-"), rule.option.lstrip("-")):
            return key
    raise InvalidValue(f"a project has no field '{name.strip()}' (use {', '.join(PROJECT_FIELDS)})")


def clean_status(value: str) -> str:
    """A project status as typed: one of the statuses, or a word other tools use for one."""
    rule = PROJECT_FIELDS["status"]
    return clean_choice(value, rule.choices, rule.synonyms, rule.label)


def _cleaned(given: Mapping[str, str | None], today: date) -> dict[str, object]:
    """The fields given, cleaned by their rules; amounts as cents, a name never empty."""
    raw = {key: value for key, value in given.items() if value is not None}
    cleaned = clean_values(PROJECT_FIELDS, raw, CleanContext(today))
    if "name" in cleaned and not cleaned["name"]:
        raise InvalidValue("a project needs a name, e.g. 'Website relaunch'")
    if cleaned.get("budget") is not None:
        cleaned["budget"] = to_cents(cleaned["budget"])  # type: ignore[arg-type]
    return cleaned


def check_new_project(
    reader: Reader, client_reference: str, given: Mapping[str, str | None], today: date
) -> None:
    """Refuse the client and the values given for a new project as :func:`add_project`
    would, so that a missing name is never asked for in vain."""
    resolve_client(reader, client_reference)
    cleaned = _cleaned(given, today)
    _check_dates(cleaned.get("start_date"), cleaned.get("deadline"))  # type: ignore[arg-type]


def clean_project_name(name: str) -> str:
    """A project's name as kept: one line, never empty."""
    return str(_cleaned({"name": name}, clock.today())["name"])


def _columns(cleaned: Mapping[str, object]) -> dict[str, object]:
    """The cleaned fields by the columns that store them (``budget`` → ``budget_cents``)."""
    return {str(PROJECT.by_key[key].column_name): value for key, value in cleaned.items()}


def _check_dates(start: str | None, deadline: str | None) -> None:
    if start and deadline and deadline < start:
        raise InvalidValue(
            f"the deadline {_day(deadline)} is before the start {_day(start)}; give a later --deadline"
        )


def _end_date(status: str, today: date) -> str | None:
    """The day a project that takes ``status`` today ends: today when it becomes done or
    cancelled, none while open."""
    return None if status in OPEN_STATUSES else today.isoformat()


# ---------------------------------------------------------------- reading


def find_projects(
    reader: Reader,
    client_reference: str | None = None,
    *,
    statuses: Sequence[str] = (),
    include_all: bool = False,
    today: date,
) -> list[ProjectRecord]:
    """The projects a listing asks for: open ones (``include_all``: done and cancelled too),
    or those of ``statuses`` whatever ``include_all`` says; of one client, or of all. Open
    ones first, the soonest deadline first."""
    wanted = tuple(dict.fromkeys(clean_status(status) for status in statuses))
    shown = wanted or (STATUSES if include_all else OPEN_STATUSES)
    client_id = resolve_client(reader, client_reference) if client_reference is not None else None
    sql, params = project_list(client_id, shown, today.isoformat())
    return [ProjectRecord.from_row(row) for row in reader.rows(sql, params)]


# ---------------------------------------------------------------- writing


def add_project(
    target: Target,
    client_reference: str,
    name: str,
    *,
    code: str | None = None,
    status: str | None = None,
    budget: str | None = None,
    currency: str | None = None,
    start: str | None = None,
    deadline: str | None = None,
    notes: str | None = None,
    today: date,
) -> ProjectRecord:
    """Add a project to a client: planned unless ``status`` says otherwise, in the client's
    effective currency unless ``currency`` is given (refused when there is neither)."""
    given = {"name": name, "code": code, "status": status, "budget": budget, "currency": currency,
             "start_date": start, "deadline": deadline, "notes": notes}  # fmt: skip
    cleaned = _cleaned(given, today)
    cleaned.setdefault("status", "planned")
    _check_dates(cleaned.get("start_date"), cleaned.get("deadline"))  # type: ignore[arg-type]
    from kiaro_cli.core.settings import load_settings
    from kiaro_cli.storage.rows import Project
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client = w.clients.get(resolve_client(w.reader, client_reference))
        if cleaned.get("currency") is None:
            cleaned["currency"] = client.currency or load_settings(w.reader).default_currency
            if cleaned["currency"] is None:
                raise MissingFields(NO_CURRENCY, ["currency"])
        row = Project(
            client_id=client.id,
            end_date=_end_date(str(cleaned["status"]), today),
            created_at=w.at,
            updated_at=w.at,
            **_columns(cleaned),
        )
        w.add(row)
        w.flush()
        w.journal.log(client, "project added", f"Project added: {said(row)}", project_id=row.id)
        return get_project(w.reader, row.id, today)


def edit_project(
    target: Target,
    project_id: int,
    *,
    name: str | None = None,
    code: str | None = None,
    status: str | None = None,
    budget: str | None = None,
    currency: str | None = None,
    start: str | None = None,
    deadline: str | None = None,
    notes: str | None = None,
    clear: Iterable[str] = (),
    today: date,
) -> tuple[ProjectRecord, list[str]]:
    """Change some fields of a project (``clear``: empty these); every other field stays.
    Return the project and the keys that changed."""
    given = {"name": name, "code": code, "status": status, "budget": budget, "currency": currency,
             "start_date": start, "deadline": deadline, "notes": notes}  # fmt: skip
    cleared = list(dict.fromkeys(project_field(field) for field in clear))
    for key in cleared:
        if given[key] is not None:
            raise InvalidValue(f"cannot both set {PROJECT_FIELDS[key].option} and clear it")
        if not PROJECT_FIELDS[key].clearable:
            raise InvalidValue(f"the {PROJECT_FIELDS[key].label} cannot be cleared")
    changes = _cleaned(given, today) | dict.fromkeys(cleared)
    if "currency" in changes and changes["currency"] is None:
        raise InvalidValue("a project keeps a currency: give --currency CODE to change it")
    if not changes:
        options = ", ".join(rule.option for rule in PROJECT_FIELDS.values())
        raise InvalidValue(f"nothing to change: give {options} or --clear FIELD")
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.projects.get(project_id)
        columns = _columns(changes)
        changed = [
            key
            for key, column in zip(changes, columns, strict=True)
            if getattr(row, column) != columns[column]
        ]
        after = {column: columns.get(column, getattr(row, column)) for column in ("start_date", "deadline")}
        _check_dates(after["start_date"], after["deadline"])  # type: ignore[arg-type]
        if changed:
            for column, value in columns.items():
                setattr(row, column, value)
            if "status" in changed:
                row.end_date = _end_date(row.status, today)
            row.updated_at = w.at
            w.add(row)
            labels = ", ".join(PROJECT_FIELDS[key].label for key in changed)
            _log(w, row, "project changed", f"Project changed ({labels}): {said(row)}")
        return get_project(w.reader, project_id, today), changed


def set_status(target: Target, project_id: int, status: str, *, today: date) -> tuple[ProjectRecord, bool]:
    """Move a project to ``status`` (done or cancelled: it ends today; open again: it has no
    end); and whether that changed anything."""
    wanted = clean_status(status)
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.projects.get(project_id)
        if row.status == wanted:
            return get_project(w.reader, project_id, today), False
        before, row.status = row.status, wanted
        row.end_date = _end_date(wanted, today)
        row.updated_at = w.at
        w.add(row)
        _log(w, row, "project changed", f"Project {before} → {wanted}: {said(row)}")
        return get_project(w.reader, project_id, today), True


def remove_project(target: Target, project_id: int, *, today: date) -> ProjectRecord:
    """Remove a project; its quotes and invoices stay with the client, without it."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        row = w.projects.get(project_id)
        removed = get_project(w.reader, project_id, today)
        for kept in (*w.invoices.of_project(project_id), *w.quotes.of_project(project_id)):
            kept.project_id = None  # as the database would, but noted for undo
            w.add(kept)
        w.delete(row)
        w.flush()
        client = w.clients.get(row.client_id)
        w.journal.log(client, "project removed", f"Project removed: {said(row)}", project_id=project_id)
        return removed


def _log(w: Writer, row: Project, kind: str, detail: str) -> None:
    w.flush()
    client: Client = w.clients.get(row.client_id)
    w.journal.log(client, kind, detail, project_id=row.id)


def said(row: Project) -> str:
    """A project in a history line, its name first and its facts after it:
    ``Website relaunch (active, budget 4,800.00 EUR, deadline Mon 1 Mar 2027)``."""
    facts = [str(row.status)]
    if row.budget_cents is not None:
        facts.append(f"budget {amount_label(money(row.budget_cents), row.currency)}")
    if row.deadline:
        facts.append(f"deadline {_day(row.deadline)}")
    return f"{row.name} ({', '.join(facts)})"


def _day(value: object) -> str:
    from kiaro_cli.dates import day_label

    return day_label(date.fromisoformat(str(value)))
