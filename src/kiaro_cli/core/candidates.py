"""What a database can offer for a word being typed: client names and codes, contact ids,
tags, custom field keys, setting values. The shell's completion asks these; they read
through the stdlib driver on a file and load nothing heavy."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from kiaro_cli.search import fold
from kiaro_cli.storage import queries, reach_queries
from kiaro_cli.storage.reader import MAX_ID, Reader

MAX_CANDIDATES = 200  # more than a shell shows usefully; the start of a word narrows it


class Candidate(NamedTuple):
    """A value to offer, with a few words on what it is."""

    value: str
    about: str = ""


Finder = Callable[[Reader], list[Candidate]]


def offered(database: str | None, find: Finder) -> list[Candidate]:
    """What ``find`` reads from the database ``--db`` names (else ``KIARO_DB``, else the
    default); nothing where there is no database (<Tab> never creates one) or it cannot
    be read (completion stays silent: the command itself will say what is wrong)."""
    from kiaro_cli.storage.location import resolve
    from kiaro_cli.storage.reader import open_reader

    try:
        where = resolve(database)
        if where.path is not None and not where.path.exists():
            return []
        with open_reader(where) as reader:
            return find(reader)
    except Exception:
        return []


def prefix_pattern(typed: str) -> str:
    """``typed%`` for LIKE, folded, with LIKE's wildcards escaped."""
    return queries.like_pattern(fold(typed)).removeprefix("%")


def clients(reader: Reader, typed: str) -> list[Candidate]:
    """Clients whose name or code starts with ``typed`` (any case or accent), current ones
    first; an id for digits. A code is offered when the code matched, else the name."""
    if typed.isdigit():
        rows = reader.rows(queries.CLIENT_NAME_BY_ID, {"id": int(typed)}) if int(typed) <= MAX_ID else []
        return [Candidate(str(row["id"]), row["name"]) for row in rows]
    params = {"pattern": prefix_pattern(typed), "limit": MAX_CANDIDATES}
    found: dict[str, Candidate] = {}
    for row in reader.rows(queries.CLIENT_CANDIDATES, params):
        by_code = bool(typed and row["code"]) and not fold(row["name"]).startswith(fold(typed))
        value = row["code"] if by_code else row["name"]
        about = f"{row['name']}, {row['status']}" if by_code else row["status"]
        found.setdefault(value, Candidate(value, f"{about} (#{row['id']})"))
    return list(found.values())


def contacts(reader: Reader, typed: str) -> list[Candidate]:
    """Contacts whose id starts with ``typed``, each with its name and client."""
    params = {"pattern": prefix_pattern(typed), "limit": MAX_CANDIDATES}
    return [
        Candidate(str(row["id"]), f"{row['name']} at {row['client']}")
        for row in reader.rows(queries.CONTACT_CANDIDATES, params)
    ]


def reach(reader: Reader, kind: str, typed: str) -> list[Candidate]:
    """Contacts' emails (or phones) starting with ``typed``, each with whose it is: what
    ``--remove-email`` and ``--remove-phone`` take."""
    params = {
        "kind": kind,
        "pattern": queries.like_pattern(typed.lower()).removeprefix("%"),
        "limit": MAX_CANDIDATES,
    }
    return [
        Candidate(row["value"], f"{row['name']} at {row['client']}")
        for row in reader.rows(reach_queries.REACH_CANDIDATES[kind], params)
    ]


def tags(reader: Reader, typed: str) -> list[Candidate]:
    """Tags starting with ``typed``, as first typed, with how many clients carry each."""
    start = fold(typed)
    return [
        Candidate(row["name"], f"{row['clients']} client{'s' * (row['clients'] != 1)}")
        for row in reader.rows(queries.TAG_COUNTS)
        if row["key"].startswith(start)
    ]


def custom_field_keys(reader: Reader, typed: str, *, suffix: str = "") -> list[Candidate]:
    """Custom field keys starting with ``typed`` (each followed by ``suffix``, e.g. ``=``)."""
    return [
        Candidate(row["key"] + suffix, row["label"] or row["type"])
        for row in reader.rows(queries.CUSTOM_FIELDS)
        if row["key"].startswith(typed.lower())
    ]


def custom_field_values(reader: Reader, key: str, typed: str) -> list[Candidate]:
    """``KEY=CHOICE`` for a choice field's choices (or yes/no) starting with ``typed``."""
    for row in reader.rows(queries.CUSTOM_FIELDS):
        if row["key"] == key.lower():
            choices = (row["choices"] or "").splitlines() if row["type"] == "choice" else []
            if row["type"] == "bool":
                choices = ["yes", "no"]
            return [Candidate(f"{key}={c}") for c in choices if fold(c).startswith(fold(typed))]
    return []


def values_in_use(reader: Reader, kind: str, typed: str) -> list[Candidate]:
    """The currencies or countries (``kind``) clients already have, starting with ``typed``."""
    sql = queries.VALUES_IN_USE.get(kind)
    if sql is None:
        return []
    return [
        Candidate(row["value"], "in use")
        for row in reader.rows(sql)
        if fold(row["value"]).startswith(fold(typed))
    ]
