"""Deciding an import: for each cleaned row, to add, join, update, skip, refuse or set aside.

Pure: the planner is given what the first pass read (the last line naming each client,
and the clients already there that the file names) and the cleaned rows in the file's
order; it never opens a session and never calls the writer. It holds a new client while
a later row may still change it, and gives it back settled once the file's last row
naming it has been read, so that a large file is never held whole and no row ever
changes a client already written.

Rows naming the same client with different people are one client with several contacts,
the first its primary contact: the files Google, Outlook, LinkedIn and Pipedrive write
have a row per person. A row that repeats a client without a new person is a duplicate,
and ``--on-duplicate`` decides.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from kiaro_cli.core.choices import DUPLICATE_POLICIES
from kiaro_cli.core.client_rows import join_notes
from kiaro_cli.core.imports.clean import Row, text_of
from kiaro_cli.core.imports.duplicates import Existing, keys_of
from kiaro_cli.errors import InvalidValue
from kiaro_cli.search import fold


@dataclass(frozen=True)
class Reject:
    """A row set aside, with why, and its cells as the file had them."""

    line: int
    reasons: list[str]
    cells: list[str]


PREVIEW_KEPT = 100  # new clients a plan keeps for its preview once they are settled


@dataclass
class Plan:
    """What an import does: ``added`` counts the new clients, ``shown`` keeps the first
    :data:`PREVIEW_KEPT` of them for a preview; ``updates`` are the clients already there
    that rows update; ``merges`` the first rows that add a contact to a new client of an
    earlier row, or update it."""

    added: int = 0
    shown: list[Row] = field(default_factory=list)
    updates: list[tuple[int, Row]] = field(default_factory=list)
    skips: list[tuple[int, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rejected: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    merged: int = 0  # rows that add a contact to, or update, a new client of the file
    merges: list[tuple[str, int, Mapping[str, object]]] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    countries: dict[str, str | None] = field(default_factory=dict)
    rows: int = 0


@dataclass
class Planner:
    """Decides, row by row in the file's order, what each does, and gives back the new
    clients in the order they came once no later row can change them.

    ``last`` is the last line naming each client key (the first pass's); a client key is
    the folded name a row's client goes by.
    """

    plan: Plan
    existing: Existing
    last: dict[str, int]
    on_duplicate: str
    skip_invalid: bool = False
    shared: Collection[str] = ()  # emails several rows of the file give (see FileKeys)
    in_file: Existing = field(default_factory=Existing)
    clients: dict[str, Row] = field(default_factory=dict)  # by key: rows later rows may change
    waiting: deque[tuple[str, Row]] = field(default_factory=deque)  # new clients, as they came

    def __post_init__(self) -> None:
        if self.on_duplicate not in DUPLICATE_POLICIES:
            raise InvalidValue(f"--on-duplicate must be one of {', '.join(DUPLICATE_POLICIES)}")

    def refuse(self, line: int, reasons: Sequence[str], cells_: Sequence[str]) -> None:
        if self.skip_invalid:
            self.plan.rejected.append(Reject(line, list(reasons), list(cells_)))
        else:
            self.plan.errors.extend(f"line {line}: {reason}" for reason in reasons)

    def take(self, key: str, row: Row, cells_: Sequence[str]) -> None:
        """Decide what a cleaned row does; ``key`` is its client key."""
        keys = keys_of(row.values, () if _a_person(row) else self.shared)
        client = self.clients.get(key)
        if client is not None and _brings_someone_new(client, row):
            _join(client, row)
            self.show("contact", row.line, client, row)
            return
        earlier = self.in_file.match(keys)
        if earlier is not None:
            self.duplicate(row, cells_, f"same {earlier[1]} as line {earlier[0]}", client)
            return
        self.in_file.remember(row.line, keys)
        match = self.existing.match(keys)
        if match is None:
            self.add(key, row)
            return
        client_id, by = match
        who = f"{self.existing.names.get(client_id, '')} (#{client_id})"
        if self.on_duplicate == "update":
            self.plan.updates.append((client_id, row))
            self.clients[key] = row
        else:
            self.duplicate(row, cells_, f"same {by} as {who}", None, updatable=True)

    def add(self, key: str, row: Row) -> None:
        plan = self.plan
        plan.added += 1
        if len(plan.shown) < PREVIEW_KEPT:
            plan.shown.append(row)
        self.clients[key] = row
        self.waiting.append((key, row))

    def show(self, action: str, line: int, client: Row, joining: Row | None = None) -> None:
        """A row that changes a new client of the file, for the preview: the client as it
        is, and the person a ``joining`` row adds to it."""
        plan = self.plan
        plan.merged += 1
        if len(plan.merges) < PREVIEW_KEPT:
            values = client.values if joining is None else {**client.values, **_person_values(joining)}
            plan.merges.append((action, line, values))

    def duplicate(
        self, row: Row, cells_: Sequence[str], reason: str, earlier: Row | None, *, updatable: bool = False
    ) -> None:
        """A row repeating a client: skipped, updating the earlier row of the same client, or
        refused (``updatable``: a client already there, which ``update`` would update)."""
        if self.on_duplicate == "skip":
            self.plan.skips.append((row.line, reason))
        elif self.on_duplicate == "update" and earlier is not None:
            _update(earlier, row)
            self.show("update", row.line, earlier)
        else:
            # two rows of one file are one client only when they name it: updating is no way out
            way_out = "skip or update" if earlier is not None or updatable else "skip"
            hint = "" if self.skip_invalid else f" (use --on-duplicate {way_out})"
            self.refuse(row.line, [reason + hint], cells_)

    def settled(self, line: int) -> Iterator[Row]:
        """Once ``line`` is read: the new clients no later row names, in the order they came
        (one still waiting for its last row holds back those after it, so that clients
        are written in the file's order)."""
        waiting, last = self.waiting, self.last
        while waiting and last[waiting[0][0]] <= line:
            key, row = waiting.popleft()
            del self.clients[key], last[key]  # no later row names it
            yield row

    def rest(self) -> Iterator[Row]:
        """The new clients still waiting, at the end of the file."""
        while self.waiting:
            yield self.waiting.popleft()[1]


def _a_person(row: Row) -> bool:
    """A row whose client is the person it names (no organisation): their email is theirs."""
    values = row.values
    person = values.get("contact_person")
    return values.get("kind") == "individual" or (
        person is not None and fold(str(person)) == fold(str(values.get("name")))
    )


def _person_values(row: Row) -> dict[str, object]:
    person = row.people[0]
    return {"contact_person": person.name, "email": person.email}


def _brings_someone_new(client: Row, row: Row) -> bool:
    """A row of the same client names a person the client's rows have not named yet."""
    if not row.people:
        return False
    person = row.people[0]
    names = {fold(p.name) for p in client.people}
    emails = {fold(p.email) for p in client.people if p.email}
    return fold(person.name) not in names and not (person.email and fold(person.email) in emails)


def _join(client: Row, row: Row) -> None:
    """Another person at the client: a contact, their values filling what the client lacks."""
    person = row.people[0]
    client.people.append(person)
    own = ("contact_person", "email", "phone", "notes")
    for key, value in row.values.items():
        if key not in own and client.values.get(key) in (None, ""):
            client.values[key] = value
    client.tags += [tag for tag in row.tags if fold(tag) not in {fold(t) for t in client.tags}]
    client.custom = {**row.custom, **client.custom}
    if row.values.get("notes"):
        said = f"{person.name}: {row.values['notes']}"
        client.values["notes"] = f"{client.values['notes']}\n{said}" if client.values.get("notes") else said


def _update(earlier: Row, row: Row) -> None:
    """A repeated row updates the earlier one: its non-empty values win (its notes join the
    earlier's), its tags are added."""
    notes = join_notes(text_of(earlier.values.get("notes")), text_of(row.values.get("notes")))
    earlier.values.update({key: value for key, value in row.values.items() if key != "contact_person"})
    if notes:
        earlier.values["notes"] = notes
    earlier.custom.update(row.custom)
    earlier.tags += [tag for tag in row.tags if fold(tag) not in {fold(t) for t in earlier.tags}]


def iter_preview(plan: Plan, limit: int) -> Iterator[tuple[str, int, Mapping[str, object]]]:
    """The first ``limit`` actions of a plan, a row each: ("add" | "update" | "contact", line,
    values); "contact" is a row adding a contact to a client of an earlier row."""
    actions: list[tuple[str, int, Mapping[str, object]]] = [
        ("add", row.line, row.values) for row in plan.shown
    ]
    actions += [("update", row.line, row.values) for _, row in plan.updates]
    actions += plan.merges
    yield from sorted(actions, key=lambda action: action[1])[:limit]
