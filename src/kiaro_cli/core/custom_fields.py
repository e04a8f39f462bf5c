"""Custom fields: fields a user adds to every client, typed text, number, date, choice or yes/no.

A field has a key (``sector``), a type, an optional label and, for a choice, its choices.
A client's value is stored as shown (a number without trailing zeros, a date as
YYYY-MM-DD, a choice as the field spells it, ``true``/``false``), folded for matching,
and for a number as a number, so ``client list --where 'staff>50'`` compares numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kiaro_cli.core.choices import clean_field_type
from kiaro_cli.core.client_rows import Change
from kiaro_cli.core.fields import clean_entry, clean_line
from kiaro_cli.core.numbers import one_group, read_number
from kiaro_cli.core.profile import clean_yes_no
from kiaro_cli.errors import ConfirmationNeeded, Conflict, InvalidValue, NotFound
from kiaro_cli.search import fold
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.storage.rows import Client
    from kiaro_cli.storage.unit import Target, Writer

FIELD_KEYS = ("key", "type", "label", "choices", "clients")
ORDERED_TYPES = ("number", "date")  # the types --where compares with < and >
MAX_KEY = 40
MAX_LABEL = 60
MAX_CHOICES = 50
MAX_TEXT = 2000
MAX_DIGITS = 15  # significant digits a number keeps (what a float compares exactly)
CSV_PREFIX = "custom."
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_WHERE = re.compile(r"\s*([^=!<>\s]+)\s*(!=|>=|<=|=|>|<)\s*(.*)", re.DOTALL)


@dataclass(frozen=True)
class CustomField:
    """A custom field as the core sees it."""

    id: int
    key: str
    type: str
    label: str | None
    choices: tuple[str, ...]
    clients: int = 0  # how many clients have a value

    @property
    def title(self) -> str:
        """What people read: the label, else the key."""
        return self.label or self.key

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> CustomField:
        choices = tuple(row["choices"].split("\n")) if row["choices"] else ()
        return cls(row["id"], row["key"], row["type"], row["label"], choices, int(row.get("clients") or 0))

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "type": self.type,
            "label": self.label,
            "choices": list(self.choices),
            "clients": self.clients,
        }


@dataclass(frozen=True)
class Stored:
    """A value as stored: shown, folded for matching, and as a number when it is one."""

    value: str
    key: str
    number: float | None = None


# ---------------------------------------------------------------- values by type


def clean_custom(fld: CustomField, text: str, today: date, *, decimal_comma: bool = False) -> Stored:
    """``text`` read as a value of ``fld``; raises InvalidValue saying what the field takes."""
    said = text.strip()
    if not said:
        raise InvalidValue(f"{fld.key} cannot be empty; use --unset {fld.key} to remove it")
    if fld.type == "number":
        number = _number(said, fld.key, decimal_comma)
        return Stored(_plain(number), _plain(number), float(number))
    if fld.type == "date":
        day = _day(said, fld.key, today)
        return Stored(day, day)
    if fld.type == "choice":
        choice = next((c for c in fld.choices if fold(c) == fold(said)), None)
        if choice is None:
            raise InvalidValue(f"{fld.key} '{said}' is not one of: {', '.join(fld.choices)}")
        return Stored(choice, fold(choice))
    if fld.type == "bool":
        flag = "true" if clean_yes_no(said, fld.key) else "false"
        return Stored(flag, flag)
    value = clean_entry(said, fld.key, limit=MAX_TEXT) or ""
    return Stored(value, fold(value))


def _day(text: str, key: str, today: date) -> str:
    from kiaro_cli.dates import parse_day

    try:
        return parse_day(text, today).isoformat()
    except InvalidValue as error:
        raise InvalidValue(f"{key}: {error.message}") from None


def _number(text: str, key: str, decimal_comma: bool) -> Decimal:
    """A number by the rule of every amount (``1,250`` alone reads two ways and is
    refused), with a sign and any decimals, up to ``MAX_DIGITS`` digits."""
    number = read_number(text, key, signed=True, decimals=None, decimal_comma=decimal_comma)
    if len(number.normalize().as_tuple().digits) > MAX_DIGITS:
        raise InvalidValue(f"{key} '{text}' has more than {MAX_DIGITS} digits")
    return number


def _plain(number: Decimal) -> str:
    """A number as written back: no exponent, no trailing zeros ("1250", "3.5"), except
    one where three decimals alone would read two ways ("1.250" is written "1.2500"), so
    that what kiaro writes reads back as the same number by :func:`read_number`."""
    text = format(number.normalize(), "f")
    if text in ("-0", "+0"):
        return "0"
    return text + "0" if one_group(text.lstrip("-")) else text


def typed(fld_type: str, stored: str) -> Any:
    """A stored value as JSON gives it: a number, true/false, or text (dates as YYYY-MM-DD)."""
    if fld_type == "number":
        return Decimal(stored)
    if fld_type == "bool":
        return stored == "true"
    return stored


# ---------------------------------------------------------------- reading


def list_fields(reader: Reader, *, with_counts: bool = False) -> list[CustomField]:
    """Every custom field in the order added (``with_counts``: with how many clients have a value)."""
    sql = queries.CUSTOM_FIELDS_IN_USE if with_counts else queries.CUSTOM_FIELDS
    return [CustomField.from_row(row) for row in reader.rows(sql)]


def fields_by_key(reader: Reader, *, with_counts: bool = False) -> dict[str, CustomField]:
    return {fld.key: fld for fld in list_fields(reader, with_counts=with_counts)}


def custom_values(
    reader: Reader, client_ids: Sequence[int], fields: Sequence[CustomField]
) -> dict[int, dict[str, Any]]:
    """Each client's values, typed, under every field's key (None when it has none)."""
    if not fields:
        return {}
    types = {fld.key: fld.type for fld in fields}
    blank = dict.fromkeys(types)
    found: dict[int, dict[str, Any]] = {client_id: dict(blank) for client_id in client_ids}
    if client_ids:
        sql, params = queries.custom_values_of(client_ids)
        for row in reader.rows(sql, params):
            found[row["client_id"]][row["key"]] = typed(types[row["key"]], row["value"])
    return found


def where_conditions(
    reader: Reader, expressions: Sequence[str], today: date
) -> list[queries.CustomCondition]:
    """``--where`` expressions (``sector=Retail``, ``staff>50``, ``renewal<=3m``, ``sector=``)
    as conditions on the clients' values."""
    if not expressions:
        return []
    fields = fields_by_key(reader)
    return [_condition(expression, fields, today) for expression in expressions]


def _condition(expression: str, fields: Mapping[str, CustomField], today: date) -> queries.CustomCondition:
    match = _WHERE.fullmatch(expression)
    if match is None:
        raise InvalidValue(f"--where takes KEY=VALUE (or !=, <, <=, >, >=), not '{expression}'")
    key, operator, text = match.group(1).lower(), match.group(2), match.group(3).strip()
    fld = _known(fields, key)
    ordered = operator not in ("=", "!=")
    if ordered and fld.type not in ORDERED_TYPES:
        raise InvalidValue(f"{key} is a {fld.type} field: --where compares it with = or != only")
    if not text:
        if ordered:
            raise InvalidValue(f"--where {key}{operator} needs a value")
        return queries.CustomCondition(fld.id, operator, "value_key", None)
    stored = clean_custom(fld, text, today)
    if fld.type == "number":
        return queries.CustomCondition(fld.id, operator, "value_number", stored.number)
    return queries.CustomCondition(fld.id, operator, "value_key", stored.key)


def _known(fields: Mapping[str, CustomField], key: str) -> CustomField:
    fld = fields.get(key.lower())
    if fld is None:
        known = ", ".join(fields) or "none yet: kiaro field add KEY --type TYPE"
        raise NotFound(f"no custom field '{key}' (custom fields: {known})")
    return fld


# ---------------------------------------------------------------- defining fields


def clean_key(text: str) -> str:
    """A field key: lowercase letters, digits and ``_``, starting with a letter."""
    key = text.strip().lower()
    if not key:
        raise InvalidValue("a custom field needs a key, e.g. sector")
    if not _KEY.fullmatch(key) or len(key) > MAX_KEY:
        hint = re.sub(r"[^a-z0-9]+", "_", fold(key)).strip("_") or "sector"
        hint = hint if hint[0].isalpha() else f"f_{hint}"
        raise InvalidValue(
            f"field key '{text.strip()}' must be up to {MAX_KEY} letters, digits and _, "
            f"starting with a letter (e.g. {hint[:MAX_KEY]}); --label gives it a title"
        )
    return key


def clean_choices(text: str | None, fld_type: str) -> tuple[str, ...]:
    """A choice field's choices (``a,b,c``); other types take none."""
    if fld_type != "choice":
        if text is not None:
            raise InvalidValue(f"--choices is for a choice field, not a {fld_type} field")
        return ()
    if text is None or not text.strip():
        raise InvalidValue("a choice field needs --choices, e.g. --choices 'Retail,Finance,Health'")
    choices: dict[str, str] = {}
    for part in text.split(","):
        choice = clean_line(part, "choice", limit=MAX_LABEL)
        if not choice:
            raise InvalidValue(f"--choices '{text.strip()}' has an empty choice")
        if fold(choice) in choices:
            raise InvalidValue(f"--choices names '{choice}' twice")
        choices[fold(choice)] = choice
    if len(choices) > MAX_CHOICES:
        raise InvalidValue(f"a choice field takes up to {MAX_CHOICES} choices")
    return tuple(choices.values())


def add_field(
    target: Target, key: str, fld_type: str, *, choices: str | None = None, label: str | None = None
) -> CustomField:
    """Add a custom field (every client has it, empty until set)."""
    name = clean_key(key)
    kind = clean_field_type(fld_type)
    options = clean_choices(choices, kind)
    title = clean_line(label, "label", limit=MAX_LABEL) if label is not None else None
    from kiaro_cli.storage.rows import CustomField as FieldRow
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        if w.custom_fields.with_key(name) is not None:
            raise Conflict(f"a custom field '{name}' exists already (kiaro field list)")
        w.add(FieldRow(key=name, type=kind, label=title, choices="\n".join(options) or None, created_at=w.at))
        w.flush()
        said = f"{name} ({kind}: {', '.join(options)})" if options else f"{name} ({kind})"
        w.journal.record(None, "custom field added", f"Custom field added: {said}", key=name)
        return fields_by_key(w.reader)[name]


def remove_field(target: Target, key: str, *, with_values: bool = False) -> CustomField:
    """Remove a custom field; one that clients have values of only ``with_values`` (they go too)."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        fld = _known(fields_by_key(w.reader, with_counts=True), key.strip())
        if fld.clients and not with_values:
            raise ConfirmationNeeded(
                f"{counted(fld.clients, 'client')} {'has' if fld.clients == 1 else 'have'} "
                f"a value of {fld.key}; re-run with --yes to remove the field and its values"
            )
        for value in w.custom_values.of_field(fld.id):
            w.delete(value)
            facts = {"field": CSV_PREFIX + fld.key, "old": value.value, "new": None}
            detail = f"{fld.title}: {value.value} → (empty)"
            w.journal.log(w.clients.get(value.client_id), "field changed", detail, **facts)
        w.flush()
        definition = w.custom_fields.with_key(fld.key)
        assert definition is not None
        w.delete(definition)
        w.flush()
        w.journal.record(None, "custom field removed", f"Custom field removed: {fld.key}", key=fld.key)
        return fld


# ---------------------------------------------------------------- a client's values


def parse_assignments(pairs: Sequence[str]) -> dict[str, str]:
    """``--set KEY=VALUE`` options as a mapping (the last one of a key wins)."""
    found: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InvalidValue(f"--set takes KEY=VALUE, not '{pair}'")
        found[key.strip().lower()] = value
    return found


def set_custom_values(
    w: Writer,
    client: Client,
    assigned: Mapping[str, str],
    unset: Sequence[str] = (),
    *,
    today: date,
    only_missing: bool = False,
) -> list[Change]:
    """Set and unset a client's custom values, each change with its history line.

    Every value is checked before any is written. ``only_missing`` leaves values the
    client has (an import of people completes a client, never replaces).
    """
    fields = fields_by_key(w.reader)
    both = sorted(set(assigned) & {key.strip().lower() for key in unset})
    if both:
        raise InvalidValue(f"cannot both --set and --unset {', '.join(both)}")
    errors: list[str] = []
    wanted: dict[str, Stored | None] = {}
    for key, text in assigned.items():
        try:
            wanted[key] = clean_custom(_known(fields, key), text, today)
        except (InvalidValue, NotFound) as error:
            errors.append(error.message)
    for key in unset:
        try:
            wanted[_known(fields, key.strip()).key] = None
        except NotFound as error:
            errors.append(error.message)
    if len(errors) == 1:
        raise InvalidValue(errors[0])
    if errors:
        raise InvalidValue(f"{len(errors)} custom values are invalid; nothing was changed", errors)
    return _write_values(w, client, {fields[key]: value for key, value in wanted.items()}, only_missing)


def write_stored(
    w: Writer, client: Client, values: Mapping[str, Stored], *, only_missing: bool
) -> list[Change]:
    """Write values already cleaned (an import's) for the fields they name; return the changes."""
    fields = fields_by_key(w.reader)
    return _write_values(w, client, {fields[key]: value for key, value in values.items()}, only_missing)


def _write_values(
    w: Writer, client: Client, wanted: Mapping[CustomField, Stored | None], only_missing: bool
) -> list[Change]:
    from kiaro_cli.core.activity import show_value
    from kiaro_cli.storage.rows import CustomValue

    assert client.id is not None
    current = w.custom_values.of_client(client.id)
    changes: list[Change] = []
    for fld, stored in wanted.items():
        row = current.get(fld.id)
        old = None if row is None else row.value
        new = None if stored is None else stored.value
        if old == new or (only_missing and row is not None):
            continue
        if stored is None:
            assert row is not None
            w.delete(row)
        elif row is None:
            w.add(CustomValue(client_id=client.id, field_id=fld.id, **_columns(stored)))
        else:
            for column, value in _columns(stored).items():
                setattr(row, column, value)
            w.add(row)
        facts = {"field": CSV_PREFIX + fld.key, "old": old, "new": new}
        w.journal.log(client, "field changed", f"{fld.title}: {show_value(old)} → {show_value(new)}", **facts)
        changes.append(Change(CSV_PREFIX + fld.key, old, new))
    w.flush()
    return changes


def _columns(stored: Stored) -> dict[str, Any]:
    return {"value": stored.value, "value_key": stored.key, "value_number": stored.number}


def value_rows(
    client_id: int, values: Mapping[str, Stored], fields: Mapping[str, CustomField]
) -> list[dict[str, Any]]:
    """A new client's custom values as rows to insert in bulk."""
    return [
        {"client_id": client_id, "field_id": fields[key].id, **_columns(stored)}
        for key, stored in values.items()
    ]


def move_custom_values(w: Writer, keep: Client, other: Client) -> None:
    """Give KEEP the values of OTHER for fields it has no value of (a merge), each with its
    history line; OTHER's other values go."""
    assert keep.id is not None and other.id is not None
    known = w.custom_values.of_client(keep.id)
    titles = {fld.id: fld for fld in list_fields(w.reader)}
    for field_id, row in w.custom_values.of_client(other.id).items():
        if field_id in known:
            w.delete(row)
            continue
        row.client_id = keep.id
        w.add(row)
        fld = titles[field_id]
        facts = {"field": CSV_PREFIX + fld.key, "old": None, "new": row.value}
        w.journal.log(keep, "field changed", f"{fld.title}: (empty) → {row.value}", **facts)
    w.flush()
