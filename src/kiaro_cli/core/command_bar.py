"""The command bar: a sentence becomes a plan of actions on named clients and concrete
dates, which is shown, then carried out in one transaction (one undo step).

Each step is checked against the state the steps before it leave ("tag Acme as vip then
untag them vip" is allowed), and a step that would change nothing is kept on the plan
but marked ``unchanged``: a plan of only those saves nothing.

Understanding reads the database through a :class:`Reader` only, so a dry run or a
refusal never loads the write path. Carrying out calls the same use cases as the
commands (``client quick-add``, ``followup set``…), with their validation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from kiaro_cli.core import sentences
from kiaro_cli.core.cadence import next_follow_up
from kiaro_cli.core.choices import clean_interaction_type, clean_priority, clean_status
from kiaro_cli.core.clients import check_new_client, load_client
from kiaro_cli.core.command_bar_ledger import LEDGER_RESOLVERS, resolve_payment
from kiaro_cli.core.events import MAX_EVENT_TEXT
from kiaro_cli.core.fields import (
    MAX_NOTES,
    CleanContext,
    clean_client_values,
    clean_entry,
    clean_tags,
    clean_text,
)
from kiaro_cli.core.interactions import MAX_SUMMARY, interaction_moment
from kiaro_cli.core.plans import NEW_CLIENT, Action, Plan, ReadAs, Subject
from kiaro_cli.core.records import ClientRecord, refuse_follow_up_if_archived
from kiaro_cli.core.references import closest_client, exact_name, no_match, resolve_client
from kiaro_cli.core.sentence_words import LAST_WORD
from kiaro_cli.core.sentences import (
    CLEAR,
    CREATE,
    DONE,
    EVENT,
    FOLLOW_UP,
    LOG,
    NOTE,
    PAY,
    STATUS,
    TAG,
    UNTAG,
    Step,
)
from kiaro_cli.dates import parse_when
from kiaro_cli.errors import Ambiguous, Conflict, InvalidValue, KiaroError, NotFound
from kiaro_cli.search import fold
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader

if TYPE_CHECKING:
    pass

# ---------------------------------------------------------------- understanding


def understand(reader: Reader, sentence: str, today: date) -> Plan:
    """The plan ``sentence`` asks for: the first reading whose clients and dates all resolve.

    Only when no reading does because a client matches nothing are the readings tried
    again with names typed with a slip (``Nordlicht Brewng``). When none does, the
    refusal of the reading that got furthest is raised (an unknown client with the
    nearest names, an ambiguous one with its candidates, a past date…).
    """
    try:
        return _understand(reader, sentence, today, _Lookup(reader))
    except NotFound:
        return _understand(reader, sentence, today, _Lookup(reader, slips=True))


class _Lookup:
    """Finds the client named by some words, as everywhere in kiaro; with ``slips``, also a
    name typed with a slip, reading every client's name once at most. Only then does a
    refusal name the closest names (the first pass may be tried again)."""

    def __init__(self, reader: Reader, *, slips: bool = False) -> None:
        self.reader = reader
        self.slips = slips
        self._names: list[dict[str, Any]] | None = None
        self._found: dict[str, int | KiaroError] = {}  # words looked up already
        self.unsure: Ambiguous | None = None  # words typed with a slip that several names are as near

    def __call__(self, words: str) -> int:
        if words not in self._found:
            try:
                self._found[words] = self._look_up(words)
            except KiaroError as error:
                self._found[words] = error
        found = self._found[words]
        if isinstance(found, KiaroError):
            raise found
        return found

    def _look_up(self, words: str) -> int:
        try:
            return resolve_client(self.reader, words, suggest=False)
        except Ambiguous:
            dotted = exact_name(self.reader, words + ".")  # "… for Co." lost its dot with the sentence's
            if dotted is None:
                raise
            return dotted
        except NotFound:
            if not self.slips:
                raise
        if self._names is None:
            self._names = list(self.reader.rows(queries.CLIENT_NAMES))
        try:
            found = closest_client(self._names, words)
        except Ambiguous as error:
            self.unsure = error
            raise
        if found is None:
            raise no_match(self.reader, words) from None
        return found


def _understand(reader: Reader, sentence: str, today: date, lookup: _Lookup) -> Plan:
    best: tuple[int, KiaroError] | None = None
    loose: Plan | None = None  # the first plan found where a client was named by part of its name
    polite = sentences.left_out(sentence)
    for reading in sentences.readings(sentence):
        progress = _Progress()
        try:
            actions = _resolve(reader, reading, today, progress, lookup)
            plan = Plan(sentence.strip(), actions, read_as=tuple(progress.read_as), left_out=polite)
        except KiaroError as error:
            if lookup.unsure is not None and loose is None:
                raise lookup.unsure from None  # a likelier reading's slip is not guessed away
            if best is None or progress.score > best[0]:
                best = (progress.score, error)
            continue
        if best is not None and best[0] > progress.score:
            raise best[1]  # a reading that did more ("… and follow up yesterday") was refused
        if not progress.loose:
            return plan
        loose = loose or plan
    if loose is not None:
        return loose
    assert best is not None
    raise best[1]


def plan_of(reader: Reader, sentence: str, reading: sentences.Reading, today: date) -> Plan:
    """The plan of steps read other than by the grammar (by a model), resolved and refused
    exactly as the grammar's are."""
    progress = _Progress()
    actions = _resolve(reader, reading, today, progress, _Lookup(reader))
    return Plan(sentence.strip(), actions, read_as=tuple(progress.read_as))


@dataclass
class _Progress:
    score: int = 0  # how far a reading got: the refusal of the furthest is the one shown
    loose: bool = False  # a client was found by part of its name (or a slip), not its id, code or name
    read_as: list[ReadAs] = field(default_factory=list)  # how each loosely named client was read


def _resolve(
    reader: Reader, reading: sentences.Reading, today: date, progress: _Progress, lookup: _Lookup
) -> tuple[Action, ...]:
    actions: list[Action] = []
    after: dict[int | None, Subject] = {}  # each client as the steps so far leave it
    current: Subject | None = None  # the client named last
    named: dict[tuple[str, int], str] = {}  # the words that named each client of each action
    for step in reading:
        progress.score += 1
        if step.action == CREATE:
            action = _create(reader, step, today)
        elif step.action == PAY and (step.client is None or _invoice_settles(reader, step, lookup, today)):
            # "ACME-2026-004 was paid": the invoice's client
            action = resolve_payment(reader, step, None, today)
            current = after.get(action.client_id) or Subject.of(
                load_client(reader, int(action.client_id or 0))
            )
        else:
            if step.client is not None:
                record = load_client(reader, lookup(step.client))
                _note_how_named(progress, step.client, record)
                current = after.get(record.id) or Subject.of(record)
                said = named.setdefault((step.action, record.id), step.client)
                if said != step.client:  # "Harbour and Pine" read as two clients, both Harbour & Pine
                    raise InvalidValue(f"'{said}' and '{step.client}' both name {record.name} (#{record.id})")
            elif current is None:
                raise InvalidValue(f'say which client, e.g. kiaro do "{sentences.EXAMPLES[8]}"')
            progress.score += 1
            ledger = LEDGER_RESOLVERS.get(step.action)
            action = (
                ledger(reader, step, current, today)
                if ledger
                else RESOLVERS[step.action](step, current, today)
            )
        progress.score += 2
        actions.append(action)
        current = _after(action, current)
        after[current.client_id] = current
    return tuple(actions)


def _invoice_settles(reader: Reader, step: sentences.Step, lookup: _Lookup, today: date) -> bool:
    """Whether a payment's words for its client name several clients, the invoice's among
    them ("Acme paid ACM-2026-004" with two Acmes): its number then says which."""
    assert step.client is not None
    try:
        lookup(step.client)
    except Ambiguous:
        from kiaro_cli.core.ledger import find_invoice

        invoice = find_invoice(reader, step.value("number") or "", today)
        client = load_client(reader, invoice.client_id)
        return any(fold(step.client) in fold(name or "") for name in (client.name, client.legal_name))
    return False


def _note_how_named(progress: _Progress, words: str, client: ClientRecord) -> None:
    said = fold(words).removeprefix("#")
    names = {str(client.id), fold(client.code or ""), fold(client.name), fold(client.legal_name or "")}
    if said in names:
        return
    progress.loose = True
    if all(fold(read.typed) != fold(words) for read in progress.read_as):
        progress.read_as.append(ReadAs(words.strip(), client.id, client.name))


def _after(action: Action, subject: Subject | None) -> Subject:
    """The client of ``action`` as it leaves it (``subject``: as it was before)."""
    values = action.values
    if action.action == CREATE:
        return Subject(NEW_CLIENT, action.client_name, "lead", (), values.get("follow_up_on"))
    assert subject is not None
    if action.action == STATUS:
        return replace(subject, status=values["to"])
    if action.action == TAG:
        return replace(subject, tags=(*subject.tags, *_new_tags(values["tags"], subject)))
    if action.action == UNTAG:
        gone = {fold(tag) for tag in values["tags"]}
        return replace(subject, tags=tuple(tag for tag in subject.tags if fold(tag) not in gone))
    if action.action in (FOLLOW_UP, CLEAR, DONE):
        return replace(subject, follow_up_on=action.day.isoformat() if action.day else None)
    return subject


def _about(client: Subject) -> tuple[int | None, str]:
    """The id and name of a client (None: the one this plan creates)."""
    return client.client_id, client.name


def client_names(reader: Reader) -> list[str]:
    """Every client's name, for completing a sentence as it is typed."""
    return [row["name"] for row in reader.rows(queries.CLIENT_NAMES)]


def _create(reader: Reader, step: Step, today: date) -> Action:
    values = dict(step.values)
    if step.when:
        values["follow_up_on"] = sentences.when_phrase(step.when)
    try:
        check_new_client(reader, values, today=today)
    except Conflict:
        raise Conflict(
            f"a client named '{values['name']}' already exists; "
            f"kiaro client quick-add '{values['name']}' --allow-duplicate adds another"
        ) from None
    given = {key: value for key, value in values.items() if key != "follow_up_on" and value}
    stored = clean_client_values(given, CleanContext(today))
    values.update({key: str(value) for key, value in stored.items() if key in given})  # as stored
    day = parse_when(values["follow_up_on"], today) if "follow_up_on" in values else None
    if day is not None:
        values["follow_up_on"] = day.isoformat()
    return Action(CREATE, NEW_CLIENT, values["name"], day, step.when, {**values, "status": "lead"})


def _follow_up(step: Step, client: Subject, today: date) -> Action:
    if client.record is not None:
        refuse_follow_up_if_archived(client.record)
    day = parse_when(sentences.when_phrase(step.when or ""), today)
    previous = client.follow_up_on
    same = previous == day.isoformat()
    return Action(FOLLOW_UP, *_about(client), day, step.when, {"previous": previous}, unchanged=same)


def _clear(step: Step, client: Subject, today: date) -> Action:
    previous = client.follow_up_on
    return Action(CLEAR, *_about(client), values={"previous": previous}, unchanged=previous is None)


def _done(step: Step, client: Subject, today: date) -> Action:
    if step.when and client.record is not None:
        refuse_follow_up_if_archived(client.record)
    if step.when:
        day: date | None = parse_when(sentences.when_phrase(step.when), today)
    else:  # as marking it done does: the next one its cadence says, else none
        record = client.record
        cadence = record["cadence"] if record is not None else None
        day = next_follow_up(cadence, bool(record and record.archived), today)
    return Action(DONE, *_about(client), day, step.when, {"previous": client.follow_up_on})


def _status(step: Step, client: Subject, today: date) -> Action:
    wanted = clean_status(step.value("status") or "")
    values = {"from": client.status, "to": wanted}
    return Action(STATUS, *_about(client), values=values, unchanged=client.status == wanted)


def _log(step: Step, client: Subject, today: date) -> Action:
    kind = clean_interaction_type(step.value("type") or "note")
    client_id, name = _about(client)
    said = step.value("summary") or f"{kind.capitalize()} with {name}"
    summary = clean_entry(said, "summary", limit=MAX_SUMMARY)
    moment = interaction_moment(step.when, today)
    day = date.fromisoformat(moment[:10])
    return Action(LOG, client_id, name, day, step.when, {"type": kind, "summary": summary, "at": moment})


def _tag(step: Step, client: Subject, today: date) -> Action:
    # "#design", as people write a tag; never an article ("add a tag to Acme") or, read from
    # the last word, a word of the client's own name ("tag brand factor")
    tags = [tag.lstrip("#") for tag in clean_tags([step.value("tags") or ""])]
    named = {fold(word) for word in client.name.split()}
    if step.value(LAST_WORD) and any(fold(tag) in named for tag in tags):
        raise InvalidValue(f'say which tag, e.g. kiaro do "tag {client.name} as vip"')
    if not tags or not all(tags) or any(fold(tag) in _NO_TAG for tag in tags):
        raise InvalidValue('say which tag, e.g. kiaro do "tag Acme as vip"')
    if step.action == UNTAG:
        has = {fold(tag) for tag in client.tags}
        missing = [tag for tag in tags if fold(tag) not in has]
        if missing:
            raise InvalidValue(f"{client.name} has no tag '{missing[0]}'")
    unchanged = step.action == TAG and not _new_tags(tags, client)
    return Action(step.action, *_about(client), values={"tags": tags}, unchanged=unchanged)


_NO_TAG = frozenset({"a", "an", "some"})  # "add a tag to Acme" names none


def _new_tags(tags: list[str], client: Subject) -> list[str]:
    """The ``tags`` ``client`` does not have yet (in any case)."""
    has = {fold(tag) for tag in client.tags}
    return [tag for tag in tags if fold(tag) not in has]


def _note(step: Step, client: Subject, today: date) -> Action:
    text = clean_text(step.value("text") or "", "note", limit=MAX_NOTES)
    if text is None:
        raise InvalidValue('say what the note is, e.g. kiaro do "add a note to Acme: prefers calls"')
    return Action(NOTE, *_about(client), values={"text": text})


def _event(step: Step, client: Subject, today: date) -> Action:
    text = clean_entry(step.value("text") or "", "event text", limit=MAX_EVENT_TEXT)
    if not text:
        raise InvalidValue(
            'say what to be reminded of, e.g. kiaro do "remind me to chase Acme\'s quote on friday"'
        )
    day = parse_when(sentences.when_phrase(step.when), today) if step.when else None
    priority = clean_priority(step.value("priority") or "medium")
    return Action(EVENT, *_about(client), day, step.when, {"text": text, "priority": priority})


RESOLVERS: dict[str, Callable[[Step, Subject, date], Action]] = {
    FOLLOW_UP: _follow_up,
    CLEAR: _clear,
    DONE: _done,
    STATUS: _status,
    LOG: _log,
    TAG: _tag,
    UNTAG: _tag,
    NOTE: _note,
    EVENT: _event,
}
