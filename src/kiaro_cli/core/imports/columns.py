"""Which field each column of a file fills, where the header is, and what one row says.

Columns are matched by :mod:`~kiaro_cli.core.imports.headers`, or by ``--map`` (``COLUMN=field``;
``COLUMN#2=field`` for the second column of that name; ``COLUMN=`` leaves it out). A
file may begin with lines before its header (LinkedIn's notes): the header is the first
row that is clearly one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from kiaro_cli.core.custom_fields import CSV_PREFIX
from kiaro_cli.core.imports import cells
from kiaro_cli.core.imports.headers import (
    ADDRESS_FIELDS,
    ADDRESS_PARTS,
    IMPORTABLE,
    MAPPABLE,
    NAME_LIKE,
    Meaning,
    group_rank,
    header_key,
    meaning_of,
    written_by_kiaro,
)
from kiaro_cli.core.reach import label_of_types, read_labelled
from kiaro_cli.declarations.reach import DEFAULT_LABEL
from kiaro_cli.errors import InvalidValue

HEADER_SEARCH = 10  # rows looked at for a header that does not come first
DISPLAY_NAME = "display name"
# Columns only a file of customers has (an invoicing tool's): its Display Name is the client.
CUSTOMER_FIELDS = frozenset(("currency", "payment_terms_days", "kind", "vat_number"))
CUSTOMER_NAMES = ("customer", "customer name", "client name")  # the customer there, not its company
PERSON_PARTS = ("contact_person", "first_name", "middle_name", "last_name")
TRANSPORT_LABELS = ("smtp", "ex", "internet", "x400")  # Outlook's "E-mail Type": how, not whose
WORK_LABELS = (
    "work",
    "business",
    "office",
    "company",
    "billing",
    "arbeit",
    "geschaftlich",
    "travail",
    "trabajo",
)


GROUP_LABELS = {"business": "Work", "billing": "Billing", "mailing": "Mailing", "home": "Home", "": "Other"}


@dataclass(frozen=True)
class Column:
    """One column kiaro reads: where it is, its header, and what it gives."""

    index: int
    header: str
    meaning: Meaning


@dataclass
class ColumnMap:
    """The columns a file's rows are read through, and the headers left out."""

    columns: list[Column]
    unknown: list[str]
    width: int  # how many columns the header has
    header_line: int = 1
    own_export: bool = False  # kiaro's own client export: every value is as kiaro keeps it
    by_field: dict[str, list[Column]] = field(default_factory=dict)
    groups: dict[str, list[Column]] = field(default_factory=dict)
    labels: dict[tuple[str, int], Column] = field(default_factory=dict)
    # the fields read from one column each, and those columns (a row's cells are taken in
    # one call); the others need more care: several columns, tags, stages
    single: tuple[str, ...] = ()
    take_single: Callable[[Sequence[str]], tuple[str, ...]] = field(default=lambda row: ())
    several: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for column in sorted(self.columns, key=lambda c: (c.meaning.rank, c.index)):
            meaning = column.meaning
            if meaning.field == "label":
                self.labels[(meaning.kind, meaning.rank)] = column
            elif meaning.field in ADDRESS_FIELDS or meaning.field in ADDRESS_PARTS:
                self.groups.setdefault(meaning.group, []).append(column)
            else:
                self.by_field.setdefault(meaning.field, []).append(column)
        single = {
            name: group[0].index
            for name, group in self.by_field.items()
            if len(group) == 1 and name not in ("tags", "status_label")
        }
        self.single = tuple(single)
        self.take_single = _cells_at(list(single.values()))
        self.several = tuple(name for name in self.by_field if name not in single)

    def only(self, fields: Sequence[str]) -> ColumnMap:
        """The map of the columns giving ``fields`` alone: a row read through it gives those
        fields as through the whole map (each field is read from its own columns)."""
        kept = [column for column in self.columns if column.meaning.field in fields]
        return ColumnMap(kept, [], self.width, self.header_line, self.own_export)

    @property
    def about_people(self) -> bool:
        """A file of people (First Name, Job Title…): its rows complete a client, as a
        person's details, rather than replace what the client has."""
        return any(key in self.by_field for key in ("first_name", "middle_name", "last_name", "job_title"))


@dataclass
class RawRow:
    """What one row says, as text: a value per field, the address of the group chosen, the
    person, and the further values kept as (label, value) for the notes."""

    values: dict[str, str] = field(default_factory=dict)
    address: dict[str, str] = field(default_factory=dict)
    person: str | None = None
    job_title: str | None = None
    status_labels: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    extras: list[tuple[str, str]] = field(default_factory=list)
    # each further email and phone: its kind, value, what its column calls it ("Mobile
    # Phone", "Phone (Mobile)") and the label that says (mobile); a person's, else notes
    more_reach: list[tuple[str, str, str, str]] = field(default_factory=list)
    first_labels: dict[str, str] = field(default_factory=dict)  # the label of the email and phone
    other_addresses: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (label, parts)
    individual: bool = False  # a person whose "company" names no organisation (Self-employed)


def find_header(rows: Sequence[tuple[int, list[str]]], overrides: Mapping[str, str]) -> int:
    """The position of the header among the first rows: the first row, unless a later one
    knows clearly more columns (LinkedIn's export opens with notes)."""
    wanted = {_override_key(column)[0] for column in overrides}

    def known(cells_: Sequence[str]) -> int:
        return sum(
            1
            for cell in cells_
            if header_key(cell) in wanted or header_key(cell) in NAME_LIKE or meaning_of(cell) is not None
        )

    scores = [known(cells_) for _, cells_ in rows[:HEADER_SEARCH]]
    if not scores:
        return 0
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return best if scores[best] >= 2 and scores[best] > scores[0] else 0


def map_columns(header: Sequence[str], overrides: Mapping[str, str], header_line: int = 1) -> ColumnMap:
    """Map headers to fields by name or ``--map``; names that mean the client in one file
    and the person in another are settled by the other columns."""
    targets = _overrides(header, overrides)
    found: dict[int, Meaning] = {}
    unknown: list[str] = []
    for index, text in enumerate(header):
        if index in targets:
            target = targets[index]
            if target is not None:
                found[index] = Meaning(target, rank=-1)
            continue
        if header_key(text) in (*NAME_LIKE, DISPLAY_NAME):
            continue  # settled once the other columns are known
        custom = _custom_field(text)
        if custom is not None:
            found[index] = Meaning(custom)
            continue
        meaning = meaning_of(text)
        if meaning is None or meaning.field == "unused":
            if header_key(text):
                unknown.append(text)
        elif meaning.field != "derived":
            found[index] = meaning
    fields = {meaning.field for meaning in found.values() if not meaning.weak}
    fields |= _customer_names(header, found, targets)
    for index, text in enumerate(header):
        if index not in targets and header_key(text) in NAME_LIKE:
            found[index] = Meaning(_name_like(header_key(text), fields))
    # a weak name gives way to a strong one ("Title" beside "Job Title" is Mr. or Ms.); a
    # status-like one stays, read after the others ("Type" when "Lifecycle Stage" is empty)
    found = {
        i: m for i, m in found.items() if not (m.weak and m.field in fields and m.field != "status_label")
    }
    named = {m.field for m in found.values()}
    if "name" not in named and not named & set(PERSON_PARTS):
        raise InvalidValue(
            "no column gives the client's name (e.g. name, Company) or a person's; use --map COLUMN=name"
        )
    columns = [Column(i, header[i], m) for i, m in sorted(found.items())]
    return ColumnMap(columns, unknown, len(header), header_line, written_by_kiaro(header))


def _customer_names(
    header: Sequence[str], found: dict[int, Meaning], targets: Mapping[int, object]
) -> set[str]:
    """Settle the names of a customer in an invoicing tool's file (one with a currency,
    payment terms, a customer type or a billing address): its Display Name, Customer or
    Customer Name is the client, before the Company it works for (and so is Zoho's Contact
    Name beside a Display Name). In an address book's file, Display Name is the person's
    whole name. Gives the fields the Display Name column fills."""
    customers = bool(CUSTOMER_FIELDS & {m.field for m in found.values()}) or any(
        m.group == "billing" for m in found.values()
    )
    keys = [header_key(text) for text in header]
    given: set[str] = set()
    for index, key in enumerate(keys):
        if index in targets:
            continue
        if key == DISPLAY_NAME:
            found[index] = Meaning("name", rank=-1) if customers else Meaning("contact_person")
            given.add(found[index].field)
        elif customers and (
            (key in CUSTOMER_NAMES and found.get(index) == Meaning("name"))
            or (key == "contact name" and DISPLAY_NAME in keys)
        ):
            found[index] = Meaning("name", rank=-1)
    return given


def _name_like(key: str, fields: set[str]) -> str:
    """ "Name" is the client in a file of clients, the person beside a Company column;
    "Nombre"/"Naam" is a first name beside a last name, "Nom" a last name beside a first."""
    if key in ("nombre", "naam") and "last_name" in fields:
        return "first_name"
    if key == "nom" and "first_name" in fields:
        return "last_name"
    return "contact_person" if "name" in fields else "name"


def _override_key(column: str) -> tuple[str, int]:
    """``Phone#2`` → ("phone", 2): the second column of that name."""
    name, hash_, number = column.rpartition("#")
    if hash_ and number.isdigit() and name.strip():
        return header_key(name), int(number)
    return header_key(column), 1


def _overrides(header: Sequence[str], overrides: Mapping[str, str]) -> dict[int, str | None]:
    """The column index each ``--map`` names, and its field (None: left out)."""
    targets: dict[int, str | None] = {}
    keys = [header_key(text) for text in header]
    for column, target in overrides.items():
        key, nth = _override_key(column)
        positions = [i for i, k in enumerate(keys) if k == key]
        if len(positions) < nth:
            raise InvalidValue(f"--map names a column the file does not have: '{column}'")
        targets[positions[nth - 1]] = _mapped_field(target, column)
    return targets


def _custom_field(header: str) -> str | None:
    """``custom.KEY`` (our own export's column of a custom field), or None."""
    said = header.strip().lower()
    key = said.removeprefix(CSV_PREFIX).strip()
    return CSV_PREFIX + key if said.startswith(CSV_PREFIX) and key else None


def custom_columns(columns: ColumnMap) -> dict[str, Column]:
    """The columns that fill custom fields, by the field's key."""
    return {
        column.meaning.field.removeprefix(CSV_PREFIX): column
        for column in columns.columns
        if column.meaning.field.startswith(CSV_PREFIX)
    }


def _mapped_field(target: str, column: str) -> str | None:
    custom = _custom_field(target)
    if custom is not None:
        return custom
    key = target.strip().lower().replace("-", "_")
    if not key:
        return None
    if key not in MAPPABLE:
        fields = ", ".join(MAPPABLE)
        raise InvalidValue(f"--map {column}={target}: unknown field (fields: {fields}, custom.KEY)")
    return key


def parse_map(pairs: Sequence[str]) -> dict[str, str]:
    """``--map COLUMN=field`` options as a mapping."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip():
            raise InvalidValue(f"--map takes COLUMN=field, not '{pair}'")
        mapping[column.strip()] = target.strip()
    return mapping


def template(custom_keys: Sequence[str] = ()) -> str:
    """An empty CSV with every importable column (the custom fields as ``custom.KEY``)."""
    return ",".join((*IMPORTABLE, *(CSV_PREFIX + key for key in custom_keys))) + "\n"


# ---------------------------------------------------------------- one row


def read_row(row: Sequence[str], columns: ColumnMap) -> RawRow:
    """What a row says through the column map: for each field the best column with a value
    (the others kept as extras), the best address group, and the person."""
    raw = RawRow()
    values = raw.values
    if len(row) < columns.width:
        row = [*row, *[""] * (columns.width - len(row))]
    cells_ = columns.take_single(row)
    for name, cell in compress(zip(columns.single, cells_, strict=True), cells_):  # the non-empty
        text = cells.cell_text(cell)
        if cells.MULTI in text or name in REACH:  # several values in a cell, or emails and phones
            _read_field(raw, name, row, columns)
        elif text:
            values[name] = text
    for name in columns.several:
        _read_field(raw, name, row, columns)
    raw.address, raw.other_addresses = _addresses(row, columns)
    person = [values.pop(key, None) for key in PERSON_PARTS]
    raw.person = cells.person_name(*person)
    _settle_organisation(raw, columns)
    raw.job_title = values.pop("job_title", None)
    website = values.get("website")
    if website and cells.is_social(website):
        raw.extras.append((columns.by_field["website"][0].header, values.pop("website")))
    return raw


def _settle_organisation(raw: RawRow, columns: ColumnMap) -> None:
    """Whose row it is: a company cell naming no organisation ("Self-employed") leaves the
    person a client of their own; Odoo's "Is a Company" says whether the Name beside a
    Related Company column is an organisation or a person."""
    values = raw.values
    company = values.pop("is_company", "").strip().lower()
    if raw.person and not columns.own_export and cells.no_organisation(values.get("name", "")):
        raw.extras.append((columns.by_field["name"][0].header, values.pop("name")))
        raw.individual = True
    elif company and not values.get("name") and raw.person:
        if company in cells.YES:
            values["name"], raw.person = raw.person, None
        else:
            raw.individual = True


def _cells_at(indexes: list[int]) -> Callable[[Sequence[str]], tuple[str, ...]]:
    """A function taking a row's cells at ``indexes``, in one call."""
    if not indexes:
        return lambda row: ()
    if len(indexes) == 1:
        return lambda row: (row[indexes[0]],)
    return itemgetter(*indexes)


REACH = frozenset({"email", "phone"})  # read each with its label, however many a cell holds


def _read_field(raw: RawRow, name: str, row: Sequence[str], columns: ColumnMap) -> None:
    """A field read from several columns, or from a cell holding several values."""
    group = columns.by_field[name]
    if name == "tags":
        raw.tags = cells.tag_words(_cell(row, column) for column in group)
        return
    if name == "status_label":
        raw.status_labels = [(c.header, _cell(row, c)) for c in group if _cell(row, c)]
        return
    if name in REACH:
        _read_reach(raw, name, row, columns)
        return
    found = [(column, value) for column in group for value in cells.values_of(_cell(row, column))]
    if not found:
        return
    (_, first), *rest = found
    raw.values[name] = first
    seen = {first.casefold()}
    for column, value in rest:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            raw.extras.append((_label(column, row, columns), value))


def _read_reach(raw: RawRow, kind: str, row: Sequence[str], columns: ColumnMap) -> None:
    """Emails (or phones) from each column of them and from each value in a cell (Google's
    ``a ::: b``, kiaro's own ``work:ann@acme.com;home:ann@home.org``): the first is the
    field, the others more of its kind, each with its label (the one written before it,
    else what its column says) and each once."""
    seen: set[str] = set()
    for column in columns.by_field[kind]:
        said = _label(column, row, columns)
        for value in cells.values_of(_cell(row, column)):
            otherwise = reach_label(said, "other" if seen else DEFAULT_LABEL)
            for entry in read_labelled(value, otherwise):
                if entry.value.casefold() in seen or not entry.value:
                    continue
                if not seen:
                    raw.values[kind], raw.first_labels[kind] = entry.value, entry.label
                else:
                    raw.more_reach.append((kind, entry.value, said, entry.label))
                seen.add(entry.value.casefold())


def reach_label(said: str, otherwise: str) -> str:
    """The label of an email or phone its column names ("Mobile Phone", "E-mail (Home)"):
    the first word that is one, else ``otherwise``."""
    words = [word.lower() for word in re.findall(r"[A-Za-z][a-z]*", said)]  # "MobilePhone" too
    return label_of_types(words, otherwise)


def _cell(row: Sequence[str], column: Column) -> str:
    """A cell's text, trimmed, without the ``'`` an export puts before a formula-like value."""
    return cells.cell_text(row[column.index]) if column.index < len(row) else ""


def _label(column: Column, row: Sequence[str], columns: ColumnMap) -> str:
    """What to call a further value: its label cell ("Mobile") when the file has one."""
    kind = column.meaning.field
    number = column.meaning.rank % 100
    label = columns.labels.get((kind, number))
    text = row[label.index].strip().removeprefix("* ") if label and label.index < len(row) else ""
    if text.lower() in TRANSPORT_LABELS:
        text = ""
    return f"{kind.capitalize()} ({text})" if text else column.header


def _addresses(
    row: Sequence[str], columns: ColumnMap
) -> tuple[dict[str, str], list[tuple[str, dict[str, str]]]]:
    """The parts of the most preferred address group that has any (a Google address labelled
    "Work" before one labelled "Home"), and the other groups' as (label, parts)."""
    found: list[tuple[tuple[int, int], str, dict[str, str]]] = []
    for group, group_columns in columns.groups.items():
        parts: dict[str, str] = {}
        for column in group_columns:
            value = _cell(row, column)
            if value and column.meaning.field not in parts:
                parts[column.meaning.field] = value
        if parts:
            found.append((_labelled_rank(group, row, columns), _group_label(group, row, columns), parts))
    if not found:
        return {}, []
    found.sort(key=lambda item: item[0])
    (_, _, best), *others = found
    return best, [(label, parts) for _, label, parts in others]


def _group_label(group: str, row: Sequence[str], columns: ColumnMap) -> str:
    """What to call an address group in the notes: "Home address", "Address (Home)"."""
    if group.startswith("address") and group[7:].isdigit():
        label = columns.labels.get(("address", int(group[7:])))
        text = row[label.index].strip().lstrip("* ") if label and label.index < len(row) else ""
        return f"Address ({text})" if text else f"Address {group[7:]}"
    return f"{GROUP_LABELS.get(group, group.capitalize())} address"


def _labelled_rank(group: str, row: Sequence[str], columns: ColumnMap) -> tuple[int, int]:
    rank = group_rank(group)
    if group.startswith("address") and group[7:].isdigit():
        label = columns.labels.get(("address", int(group[7:])))
        text = row[label.index].strip().lstrip("* ").lower() if label and label.index < len(row) else ""
        if text in WORK_LABELS:
            return 1, rank[1]
        if text in ("home", "private", "privat", "domicile"):
            return 8, rank[1]
    return rank
