"""Importing kiaro's own contact and interaction exports, so that a move by CSV keeps every
contact, their roles and the history of each relationship.

Each row names its client by ``client_name`` (ids differ from one database to another:
``client_id`` only settles two clients of one name), or by ``client_id`` alone. A contact
the client already has (same name, or an email it had before) is completed, never
doubled; an interaction already logged (same day, type and summary) is not logged twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kiaro_cli import clock
from kiaro_cli.codecs.csv_table import Table, read_table
from kiaro_cli.core.choices import clean_interaction_type, clean_role
from kiaro_cli.core.client_rows import Person, add_person, refresh_search_text
from kiaro_cli.core.fields import clean_email, clean_line, clean_name, clean_text
from kiaro_cli.core.imports import cells
from kiaro_cli.core.imports.clean import TRUE
from kiaro_cli.core.imports.headers import header_key
from kiaro_cli.core.imports.plan import Reject
from kiaro_cli.core.interactions import MAX_SUMMARY
from kiaro_cli.core.reach import Reach, add_missing_reach, read_labelled, same_value
from kiaro_cli.core.yearly import clean_birthday
from kiaro_cli.errors import InvalidValue, KiaroError
from kiaro_cli.search import fold
from kiaro_cli.storage import queries
from kiaro_cli.words import counted_of

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target, Writer

CONTACT_COLUMNS = (
    *(
        "client_id",
        "client_name",
        "name",
        "email",
        "phone",
        "emails",
        "phones",
        "job_title",
        "role",
        "primary",
        "birthday",
    ),
)
INTERACTION_COLUMNS = (
    "client_id",
    "client_name",
    "contact_id",
    "contact_name",
    "type",
    "occurred_at",
    "summary",
    "next_step",
)


@dataclass
class RecordsResult:
    """What an import of contacts or interactions did (or would do)."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: list[Reject] = field(default_factory=list)
    written: bool = False
    encoding: str = "utf-8"
    header: list[str] = field(default_factory=list)
    delimiter: str = ","  # how the file was written, for the rows set aside
    bom: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "skipped": self.skipped,
            "rejected": [{"line": r.line, "reasons": r.reasons} for r in self.rejected],
            "encoding": self.encoding,
            "dry_run": not self.written,
        }


Row = dict[str, str]


@dataclass(frozen=True)
class Planned:
    """A row checked: its line, its client, and what it will write."""

    line: int
    client_id: int
    values: dict[str, Any]


Check = Callable[["Writer", int, Row], dict[str, Any]]
Apply = Callable[["Writer", Planned, RecordsResult], None]


def import_contacts(
    target: Target,
    data: bytes,
    *,
    name: str = "the file",
    encoding: str | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
) -> RecordsResult:
    """Import contacts as ``kiaro export contacts`` writes them, in one transaction."""
    table = read_table(data, name, encoding)
    return _import(
        target, table, CONTACT_COLUMNS, "name", (_check_contact, _write_contact), skip_invalid, dry_run
    )


def import_interactions(
    target: Target,
    data: bytes,
    *,
    name: str = "the file",
    encoding: str | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
) -> RecordsResult:
    """Import interactions as ``kiaro export interactions`` writes them, in one transaction."""
    table = read_table(data, name, encoding)
    steps = (_check_interaction, _write_interaction)
    return _import(target, table, INTERACTION_COLUMNS, "summary", steps, skip_invalid, dry_run)


def _import(
    target: Target,
    table: Table,
    wanted: Sequence[str],
    required: str,
    steps: tuple[Check, Apply],
    skip_invalid: bool,
    dry_run: bool,
) -> RecordsResult:
    """Check every row, then (all good, or the bad ones set aside) write them."""
    from kiaro_cli.storage.unit import write

    check, apply = steps
    (_, header), *rows = table.rows
    positions = {header_key(text): index for index, text in enumerate(header)}
    columns = {key: positions[header_key(key)] for key in wanted if header_key(key) in positions}
    if required not in columns or not {"client_name", "client_id"} & set(columns):
        raise InvalidValue(f"the file needs a {required} column and a client_name (or client_id) column")
    result = RecordsResult(encoding=table.encoding, header=header, delimiter=table.delimiter, bom=table.bom)
    errors: list[str] = []
    planned: list[Planned] = []
    with write(target, dry_run=dry_run) as w:
        for line, cells_ in rows:
            row = {key: cells.cell_text(cells_[i]) if i < len(cells_) else "" for key, i in columns.items()}
            try:
                client_id = _client_of(w, row)
                planned.append(Planned(line, client_id, check(w, client_id, row)))
            except KiaroError as error:
                reasons = error.details or [error.message]
                if skip_invalid:
                    result.rejected.append(Reject(line, reasons, cells_))
                else:
                    errors.extend(f"line {line}: {reason}" for reason in reasons)
        if errors:
            bad = len({error.split(":", 1)[0] for error in errors})
            raise InvalidValue(f"{counted_of(bad, len(rows), 'row')} invalid; nothing was imported", errors)
        for item in planned:
            apply(w, item, result)
    result.written = not dry_run
    return result


def _client_of(w: Writer, row: Row) -> int:
    """The client a row names: by name (its id settling two of one name), or by id alone."""
    name, number = row.get("client_name", ""), row.get("client_id", "")
    if name:
        ids = [found["id"] for found in w.reader.rows(queries.CLIENT_IDS_BY_EXACT_NAME, {"key": fold(name)})]
        if len(ids) == 1:
            return int(ids[0])
        if number.isdigit() and int(number) in ids:
            return int(number)
        if ids:
            raise InvalidValue(f"{len(ids)} clients are named '{name}'; a client_id must say which")
        raise InvalidValue(f"no client is named '{name}'")
    if not number.isdigit():
        raise InvalidValue("the row names no client (client_name or client_id)")
    return int(w.clients.get(int(number)).id or 0)


def _check_contact(w: Writer, client_id: int, row: Row) -> dict[str, Any]:
    country = w.clients.get(client_id).country
    emails = _listed(row, "email", clean_email)
    phones = _listed(row, "phone", lambda value: cells.import_phone(value, country)[0])
    person = Person(
        clean_name(row.get("name", ""), "contact name"),
        emails[0].value if emails else None,
        phones[0].value if phones else None,
        clean_line(row.get("job_title", ""), "job title", limit=200),
        clean_role(row["role"]) if row.get("role") else None,
        emails=emails,
        phones=phones,
    )
    birthday = clean_birthday(row["birthday"], clock.today()) if row.get("birthday") else None
    return {"person": person, "primary": row.get("primary", "").lower() in TRUE, "birthday": birthday}


def _listed(row: Row, kind: str, clean: Callable[[str], str]) -> tuple[Reach, ...]:
    """A row's emails (or phones): its ``emails`` cell (``work:ann@acme.com;home:…``), its
    ``email`` first when the cell does not hold it; each cleaned, each once."""
    listed = [Reach(clean(entry.value), entry.label) for entry in read_labelled(row.get(f"{kind}s", ""))]
    if row.get(kind):
        own = clean(row[kind])
        if not any(same_value(kind, entry.value, own) for entry in listed):
            listed.insert(0, Reach(own))
    kept: list[Reach] = []
    for entry in listed:
        if not any(same_value(kind, mine.value, entry.value) for mine in kept):
            kept.append(entry)
    return tuple(kept)


def _write_contact(w: Writer, item: Planned, result: RecordsResult) -> None:
    """Add the contact, or complete the one the client has by that name."""
    from kiaro_cli.core.contacts import make_primary, set_contact_field

    client = w.clients.get(item.client_id)
    person: Person = item.values["person"]
    same = _named(w, item.client_id, person.name)
    birthday = item.values["birthday"]
    if same is None:
        add_person(w, client, person, set(), how="import")
        result.added += 1
        same = _named(w, item.client_id, person.name)
        if birthday and same is not None:
            set_contact_field(w, client, same, "birthday", birthday)
    else:
        filled = [add_missing_reach(w, same, kind, entries) for kind, entries in _reach_of(person)]
        details = (("job_title", person.job_title), ("birthday", birthday))
        filled += [set_contact_field(w, client, same, k, v) for k, v in details if v and not getattr(same, k)]
        if person.role and same.role == "other":
            filled.append(set_contact_field(w, client, same, "role", person.role))
        result.updated += any(filled)
        result.skipped += not any(filled)
    if item.values["primary"] and same is not None:
        make_primary(w, client, same)
    refresh_search_text(w, client)


def _reach_of(person: Person) -> tuple[tuple[str, tuple[Reach, ...]], ...]:
    return (("email", person.emails), ("phone", person.phones))


def _named(w: Writer, client_id: int, name: str) -> Any:
    return next((c for c in w.contacts.of_client(client_id) if fold(c.name) == fold(name)), None)


def _check_interaction(w: Writer, client_id: int, row: Row) -> dict[str, Any]:
    summary = clean_text(row.get("summary", ""), "summary", limit=MAX_SUMMARY)
    if not summary:
        raise InvalidValue("summary is empty")
    contact = _named(w, client_id, row["contact_name"]) if row.get("contact_name") else None
    return {
        "type": clean_interaction_type(row.get("type") or "note"),
        "occurred_at": _moment(row.get("occurred_at", "")),
        "summary": summary,
        "next_step": clean_line(row.get("next_step", ""), "next step"),
        "contact_id": contact.id if contact is not None else None,
    }


def _moment(text: str) -> str:
    """When an exported interaction happened: its day, or its moment with the offset."""
    try:
        return (
            date.fromisoformat(text).isoformat()
            if len(text) == 10
            else datetime.fromisoformat(text).isoformat()
        )
    except ValueError:
        raise InvalidValue(f"occurred_at '{text}' is not an ISO date (2026-11-20) or time") from None


def _write_interaction(w: Writer, item: Planned, result: RecordsResult) -> None:
    """Log the interaction unless the client has it already (same day, type and summary)."""
    from kiaro_cli.storage.rows import Interaction

    values = item.values
    day = values["occurred_at"][:10]
    logged = w.interactions.of_client(item.client_id)
    already = {(i.occurred_at[:10], i.type, fold(i.summary)) for i in logged}
    if (day, values["type"], fold(values["summary"])) in already:
        result.skipped += 1
        return
    client = w.clients.get(item.client_id)
    interaction = Interaction(client_id=item.client_id, created_at=w.at, **values)
    w.add(interaction)
    w.flush()
    if client.last_interaction_at is None or client.last_interaction_at < day:
        client.last_interaction_at = day
    w.journal.log(
        client,
        "interaction logged",
        f"{values['type'].capitalize()} of {day} imported",
        interaction_id=interaction.id,
    )
    result.added += 1
