"""Record declarations: each record type's fields said once, in one module a type.

A :class:`Record` lists its :class:`Field`\\ s in the order of its JSON and CSV keys. A
field says how it is stored (its column and :data:`UNITS` unit), how people see and type
it (label, option, metavar, help, card), what other tools call it (import synonyms),
whether it may be cleared, how it is derived (:class:`Effective`) and which rule checks
it (:data:`Rule`: a rule of the core named, or a small declarative one the core turns
into a cleaner). The storage builds its tables, rows and SELECT lists from here, the core
its records and cleaners, the CLI its options and the editor form, render the cards'
field lines.

A leaf: it imports nothing of kiaro and no third-party library, so every floor may read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

# Storage units: how a value is kept, and the Python type of its column.
UNITS: dict[str, type] = {
    "id": int,  # a row's id
    "line": str,  # one line of text
    "text": str,  # text of several lines
    "int": int,  # a whole number
    "bool": bool,  # a flag
    "cents": int,  # an amount, kept as an integer of hundredths (column KEY_cents)
    "basis points": int,  # a percentage, kept as an integer of hundredths (column KEY_bp)
    "quantity": int,  # a quantity, kept as an integer of thousandths (column KEY_milli)
    "date": str,  # YYYY-MM-DD
    "timestamp": str,  # ISO 8601 with its UTC offset
    "list": list,  # several words (tags, the names of missing fields): not a column
    "map": dict,  # key → value (custom fields): not a column
}
COLUMN_SUFFIX = {"cents": "_cents", "basis points": "_bp", "quantity": "_milli"}
HUNDREDTHS = frozenset({"cents", "basis points"})
# Cells kiaro makes itself, which never start like a formula: a row's own id, a flag as
# true/false. A stored day, moment, status or number may hold anything a teammate wrote
# (SQLite keeps text in an INTEGER column), so the fast exports escape those too.
NEVER_FORMULA_UNITS = frozenset({"id", "bool"})


@dataclass(frozen=True)
class Words:
    """A rule: one of ``choices``, or a word other tools use for one (``synonyms``, any case)."""

    choices: tuple[str, ...]
    synonyms: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Line:
    """A rule: one line of text of at most ``limit`` characters, without format characters."""

    limit: int = 2000


@dataclass(frozen=True)
class Text:
    """A rule: text of several lines of at most ``limit`` characters."""

    limit: int = 20000


@dataclass(frozen=True)
class Entry:
    """A rule: what is said in a line or two (a summary, an event's text), at most ``limit``
    characters, lines allowed but no format characters (a bidi override reads backwards)."""

    limit: int = 2000


# A field's rule: a rule of the core by its name ("email", "phone"…, see core/fields.py), or
# a declarative one.
Rule = str | Words | Line | Text | Entry


@dataclass(frozen=True)
class Effective:
    """A derived field: the value of the field ``own`` when set, else the workspace
    setting ``setting`` (an attribute of the core's Settings), else ``otherwise``."""

    own: str
    setting: str
    otherwise: str | None = None


@dataclass(frozen=True)
class Field:
    """One field of a record: everything said about it, once."""

    key: str  # the JSON and CSV key
    unit: str  # one of UNITS
    label: str = ""  # in messages and prompts ("postal code")
    rule: Rule | None = None  # how typed text is checked; None: never typed
    option: str = ""  # the option of add/edit ("--postal-code"); "" for a field never typed
    metavar: str = ""
    help: str = ""
    question: str = ""  # what a prompt asks, when it says more than the label
    clearable: bool = True  # whether --clear and an empty value may empty it
    synonyms: str = ""  # what other tools call the column: "zip, zip code, plz"
    card: str = ""  # its label on a card, where it shows there
    shown: str = ""  # how a card shows it: a format with {} ("{} people"), or a form render knows
    column: str | None = ""  # its column: "" named from key and unit; None: not a column of the table
    default: object = None  # the column's default
    required: bool = False  # a column every row has (no default, never NULL)
    unique: bool = False
    server_default: bool = False  # the database fills the default in (a column added to rows that exist)
    effective: Effective | None = None
    contract: bool = True  # a key of the JSON object and CSV columns
    internal: bool = False  # a column only the storage reads (a folded key, the search text)
    references: str = ""  # the column a stored id points to ("client.id"): a row deleted with it
    on_delete: str = "CASCADE"  # what deleting the row pointed to does; SET NULL: this one is kept
    imported: bool = True  # an import reads it from a column of the same name
    merged: bool = False  # a merge fills it on the kept client when that one's is empty
    formula_free: bool = False  # kiaro makes its cells of fixed words (field names), never of stored text

    def __post_init__(self) -> None:
        assert self.unit in UNITS, f"{self.key}: unknown unit {self.unit!r}"

    @cached_property  # read for every field of every row a listing shows
    def column_name(self) -> str | None:
        """The column that stores it (None: it is not a column: joined, derived, listed)."""
        if self.column is None or self.effective is not None or self.unit in ("list", "map"):
            return None
        return self.column or self.key + COLUMN_SUFFIX.get(self.unit, "")

    @cached_property
    def typed(self) -> bool:
        """Whether people type it (an option of add and edit, a line of the form)."""
        return self.rule is not None

    @property
    def never_formula(self) -> bool:
        return self.formula_free or self.unit in NEVER_FORMULA_UNITS

    @property
    def python_type(self) -> type:
        return UNITS[self.unit]


@dataclass(frozen=True)
class Card:
    """A card of the record's view and the fields it shows, in their order."""

    title: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Record:
    """A record type: its table and its fields in key order. A record type never changes,
    so each list of its fields is made once (they are read for every row a command reads)."""

    name: str
    table: str
    fields: tuple[Field, ...]
    form: tuple[str, ...] = ()  # the typed fields in the order of the options and the form
    cards: tuple[Card, ...] = ()

    def __post_init__(self) -> None:
        keys = [f.key for f in self.fields]
        assert len(keys) == len(set(keys)), f"{self.name}: a key declared twice"
        typed = {f.key for f in self.fields if f.typed}
        assert set(self.form) == typed, f"{self.name}: the form lists {set(self.form) ^ typed} wrongly"
        shown = {key for card in self.cards for key in card.keys}
        assert shown <= set(keys), f"{self.name}: cards show undeclared {shown - set(keys)}"

    @cached_property
    def by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """The JSON object's keys, in order."""
        return tuple(f.key for f in self.fields if f.contract)

    @cached_property
    def stored(self) -> tuple[Field, ...]:
        """The fields kept in a column of the table, in the table's order."""
        return tuple(f for f in self.fields if f.column_name is not None)

    @cached_property
    def read(self) -> tuple[Field, ...]:
        """The stored fields a record holds: what a read selects."""
        return tuple(f for f in self.stored if not f.internal)

    @cached_property
    def read_fields(self) -> tuple[Field, ...]:
        """Every field a record of this type holds: stored ones read, joined and derived ones."""
        return tuple(f for f in self.fields if not f.internal)

    @cached_property
    def typed(self) -> tuple[Field, ...]:
        """The fields people type, in the order of the options and the form."""
        return tuple(self.by_key[key] for key in self.form)

    @cached_property
    def derived(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.effective is not None)

    def card(self, title: str) -> tuple[Field, ...]:
        (found,) = (card for card in self.cards if card.title == title)
        return tuple(self.by_key[key] for key in found.keys)
