"""What makes an imported row a duplicate: its code, email or name, folded, matched
against the clients already there and the rows read before it; and the keys a first
pass over a file reads, so that only the clients it names are looked up."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiaro_cli.search import fold

if TYPE_CHECKING:
    from kiaro_cli.storage.reader import Reader

Keys = tuple[str | None, str | None, str | None]  # a client's code, email and name, folded


def keys_of(values: Mapping[str, object], shared: Collection[str] = ()) -> Keys:
    """What makes a row a duplicate, strongest first: its code, email and name, folded
    (None when it has none, or when its email is one of ``shared``)."""
    code, email, name = values.get("code"), values.get("email"), values.get("name")
    if email and fold(str(email)) in shared:
        email = None
    return (
        fold(str(code)) if code else None,
        fold(str(email)) if email else None,
        fold(str(name)) if name else None,
    )


@dataclass
class FileKeys:
    """What a first pass over a file read: the last line naming each client (by its name
    key, see :func:`~kiaro_cli.search.name_key`), and the codes and emails its rows give,
    cleaned and folded. An email several rows give (an office's info@ on ten companies)
    tells no client apart: it is no row's duplicate key."""

    last: dict[str, int] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    shared: set[str] = field(default_factory=set)  # emails several rows give: no one's identity

    def names(self, keys: Keys) -> bool:
        """Whether a row of the file may be a duplicate of the client with these keys."""
        code, email, name = keys
        return name in self.last or code in self.codes or email in self.emails


@dataclass
class Existing:
    """The clients already in the database, by what makes a row their duplicate."""

    by_code: dict[str, int] = field(default_factory=dict)
    by_email: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)

    def match(self, keys: Keys) -> tuple[int, str] | None:
        """The client a row duplicates, and by what."""
        code, email, name = keys
        if code is not None and code in self.by_code:
            return self.by_code[code], "code"
        if email is not None and email in self.by_email:
            return self.by_email[email], "email"
        if name is not None and name in self.by_name:
            return self.by_name[name], "name"
        return None

    def remember(self, client_id: int, keys: Keys, name: str | None = None) -> None:
        """Know a client by its code, email and name (and keep its name, when given)."""
        code, email, folded = keys
        if code is not None:
            self.by_code.setdefault(code, client_id)
        if email is not None:
            self.by_email.setdefault(email, client_id)
        if folded is not None:
            self.by_name.setdefault(folded, client_id)
        if name is not None:
            self.names.setdefault(client_id, name)


def existing_clients(reader: Reader, wanted: FileKeys) -> Existing:
    """The clients already in the database that a file's rows may duplicate, known by
    their duplicate keys (read in one query; the others are not kept)."""
    from kiaro_cli.storage import queries

    existing = Existing()
    for row in reader.rows(queries.DUPLICATE_KEYS):
        keys = keys_of(row)
        if wanted.names(keys):
            existing.remember(row["id"], keys, str(row["name"]))
    return existing
