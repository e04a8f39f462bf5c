"""A model where the grammar stops (optional): a sentence ``core/sentences.py`` refuses is
sent, with the names of the clients it may mean, to the model set by ``kiaro settings set
command-model NAME`` (any model Simon Willison's ``llm`` library knows, local ones too).

Its answer is never trusted: it is read as steps, and those steps go through the same
resolver as the grammar's (``command_bar.plan_of``), with the same refusals. ``llm`` is
imported only here, inside a function, once a model is set and the grammar has refused.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from kiaro_cli.core import sentences
from kiaro_cli.core.command_bar import RESOLVERS, plan_of
from kiaro_cli.core.plans import Plan
from kiaro_cli.core.settings import COMMAND_MODEL, command_model
from kiaro_cli.errors import InvalidValue, KiaroError
from kiaro_cli.search import fold
from kiaro_cli.storage import queries

if TYPE_CHECKING:
    from kiaro_cli.storage.reader import Reader

MAX_CANDIDATES = 50  # client names sent with a sentence
MAX_STEPS = 10
TIMEOUT = 120.0  # seconds a model has to answer (a local one on a laptop is slow)
MAX_ANSWER = 20_000  # characters of an answer read
INSTALL_HINT = "uv tool install 'kiaro-cli[model]' (or pipx inject kiaro-cli llm)"

# What each kind of step may say besides its client and day; anything else is refused.
STEP_VALUES: dict[str, tuple[str, ...]] = {
    sentences.CREATE: ("name", "email", "phone", "website", "city", "country", "industry"),
    sentences.FOLLOW_UP: (),
    sentences.CLEAR: (),
    sentences.DONE: (),
    sentences.STATUS: ("status",),
    sentences.LOG: ("type", "summary"),
    sentences.TAG: ("tags",),
    sentences.UNTAG: ("tags",),
    sentences.NOTE: ("text",),
}
_TEXT = {"type": ["string", "null"]}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "steps": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "action": {"type": "string", "enum": list(STEP_VALUES)},
                    "client": _TEXT,
                    "when": _TEXT,
                    **{key: _TEXT for keys in STEP_VALUES.values() for key in keys},
                },
                "required": ["action"],
            },
        }
    },
    "required": ["steps"],
}
INSTRUCTIONS = """\
You turn one sentence of a user of kiaro, a CRM, into the steps kiaro can do. Answer with \
JSON only: {"steps": [...]}, following this JSON schema:
SCHEMA
Actions:
- "create": add a new lead; "name" is required; "email", "phone", "website", "city", \
"country", "industry" when the sentence says them; "when" for a first follow-up.
- "follow-up": schedule or move the next follow-up with "client" to "when".
- "clear-follow-up": cancel the next follow-up with "client".
- "done": the follow-up with "client" was done; "when" is the next one, if any.
- "status": set "status" to one of lead, active, inactive, past.
- "log": an interaction that happened: "type" is call, meeting, email, text or note; \
"summary" says what it was about; "when" the day it happened, if not today.
- "tag" / "untag": add or remove "tags" (comma-separated).
- "note": add "text" to the client's notes.
"client" is one of the client names given, exactly as written; leave it out of a step \
about the client of the step before it. Write "when" as the sentence says it ("in 2 weeks", \
"next friday", "yesterday") or as YYYY-MM-DD. If the sentence asks for nothing of these, \
answer {"steps": []}.\
"""


# ---------------------------------------------------------------- reading


def read_refused(reader: Reader, refusal: KiaroError, sentence: str, today: date) -> Plan:
    """The plan the command model reads in ``sentence``, which the grammar refused with
    ``refusal``; without a model set (or with nothing said), ``refusal`` itself."""
    model = command_model()
    if model is None or not sentence.strip():
        raise refusal
    answer = ask_model(model, sentence.strip(), candidate_names(reader, sentence))
    reading = steps_of(answer, model)
    try:
        plan = plan_of(reader, sentence, reading, today)
    except KiaroError as error:  # the grammar's refusal, said of the model's reading
        error.message = f"read by the model {model}: {error.message}"
        raise
    return replace(plan, read_by=model)


_COMMON = frozenset((
    "the", "and", "for", "with", "from", "about", "into", "that", "this", "then", "them", "next", "last",
    "week", "weeks", "month", "months", "day", "days", "today", "tomorrow", "yesterday", "call", "called",
    "email", "emailed", "meeting", "met", "note", "tag", "tags", "lead", "leads", "client", "clients",
    "follow", "followup", "remind", "mark", "done", "new", "add", "log",
))  # fmt: skip  # words of the sentence that name no client


def candidate_names(reader: Reader, sentence: str) -> list[str]:
    """The clients ``sentence`` may mean: those whose name shares a word with it (words of
    three letters or more that are not the grammar's), most words shared first."""
    said = {word for word in re.findall(r"\w+", fold(sentence)) if len(word) >= 3} - _COMMON
    if not said:
        return []
    found: list[tuple[int, int, str]] = []
    for row in reader.rows(queries.CLIENT_NAMES):
        shared = len(said & set(re.findall(r"\w+", fold(row["name"]))))
        if shared:
            found.append((-shared, row["id"], row["name"]))
    return [name for _, _, name in sorted(found)[:MAX_CANDIDATES]]


def prompt_text(sentence: str, names: list[str]) -> str:
    """All that is sent besides the instructions: the sentence and the candidate names."""
    listed = "\n".join(f"- {name}" for name in names) or "(none)"
    return f"Clients it may name:\n{listed}\n\nSentence: {sentence}"


def ask_model(model_name: str, sentence: str, names: list[str]) -> str:
    """The model's answer to ``sentence``, within :data:`TIMEOUT` seconds."""
    try:
        import llm
    except ImportError:
        raise KiaroError(f"{COMMAND_MODEL} needs the llm library: {INSTALL_HINT}") from None
    try:
        model = llm.get_model(model_name)
    except KeyError:  # llm.UnknownModelError
        raise KiaroError(
            f"the model {model_name} is unknown to llm (llm models lists them; "
            f"kiaro settings set {COMMAND_MODEL} NAME changes it)"
        ) from None
    except Exception as error:  # a plugin that fails to load
        raise KiaroError(f"the model {model_name} failed: {_first_line(error)}") from None
    system = INSTRUCTIONS.replace("SCHEMA", json.dumps(SCHEMA))
    constrained = getattr(model, "supports_schema", False)  # llm 0.23 and later, some models
    outcome: list[str | BaseException] = []

    def call() -> None:
        text = prompt_text(sentence, names)
        try:
            if constrained:
                response = model.prompt(text, system=system, schema=SCHEMA)
            else:
                response = model.prompt(text, system=system)
            outcome.append(response.text())
        except Exception as error:  # any plugin's failure: a server down, a missing key
            outcome.append(error)

    thread = threading.Thread(target=call, name="command-model", daemon=True)
    thread.start()
    thread.join(TIMEOUT)
    if not outcome:
        raise KiaroError(f"the model {model_name} did not answer within {TIMEOUT:g} seconds; nothing saved")
    answer = outcome[0]
    if isinstance(answer, BaseException):
        raise KiaroError(f"the model {model_name} failed: {_first_line(answer)}; nothing saved")
    return answer


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def steps_of(answer: str, model_name: str) -> sentences.Reading:
    """The steps in a model's answer: JSON (in a code fence or not) of known kinds, with
    text values only. The resolver checks the rest (clients, dates, statuses, tags)."""
    unreadable = InvalidValue(f"the model {model_name} did not answer with steps kiaro can read")
    text = answer[:MAX_ANSWER]
    start, end = text.find("{"), text.rfind("}")
    try:
        data = json.loads(text[start : end + 1]) if 0 <= start < end else None
    except ValueError:
        data = None
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list) or not all(isinstance(step, dict) for step in steps):
        raise unreadable
    if not steps:
        raise InvalidValue(f"the model {model_name} found nothing kiaro can do in it")
    if len(steps) > MAX_STEPS:
        raise InvalidValue(f"the model {model_name} answered with more than {MAX_STEPS} steps")
    return tuple(_step(step, model_name) for step in steps)


def _step(data: dict[str, Any], model_name: str) -> sentences.Step:
    action = data.get("action")
    if (
        not isinstance(action, str)
        or action not in STEP_VALUES
        or (action != sentences.CREATE and action not in RESOLVERS)
    ):
        shown = str(action)[:40]
        raise InvalidValue(f"the model {model_name} answered with a step kiaro cannot do: '{shown}'")
    values: list[tuple[str, str]] = []
    for key, given in data.items():
        value = ", ".join(t for t in given if isinstance(t, str)) if isinstance(given, list) else given
        if value is None or value == "" or key == "action":
            continue
        if not isinstance(value, str):
            raise InvalidValue(f"the model {model_name} answered '{key[:40]}' with something other than text")
        if key not in ("client", "when"):
            if key not in STEP_VALUES[action]:
                raise InvalidValue(f"the model {model_name} answered '{key[:40]}' for a {action} step")
            values.append((key, value))
    client, when = data.get("client") or None, data.get("when") or None
    if action == sentences.CREATE and not dict(values).get("name"):
        raise InvalidValue(f"the model {model_name} added a client without a name")
    return sentences.Step(action, client, when, tuple(values))


def understood(reader: Reader, sentence: str, today: date) -> Plan:
    """The plan of ``sentence``: the grammar's reading, else (when it refuses) the command
    model's."""
    from kiaro_cli.core.command_bar import understand

    try:
        return understand(reader, sentence, today)
    except sentences.NotUnderstood as refusal:
        return read_refused(reader, refusal, sentence, today)
