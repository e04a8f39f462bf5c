"""What makes an imported row a duplicate: its code, email or name, folded, matched
against the clients already there and the rows read before it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kiaro_cli.search import fold
from kiaro_cli.storage.reader import Reader

Keys = tuple[str | None, str | None, str | None]  # a client's code, email and name, folded


def keys_of(values: Mapping[str, object]) -> Keys:
    """What makes a row a duplicate, strongest first: its code, email and name, folded
    (None when it has none)."""
    code, email, name = values.get("code"), values.get("email"), values.get("name")
    return (
        fold(str(code)) if code else None,
        fold(str(email)) if email else None,
        fold(str(name)) if name else None,
    )


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


def existing_clients(reader: Reader) -> Existing:
    """The clients already in the database, known by their duplicate keys (read once)."""
    from kiaro_cli.storage import queries

    existing = Existing()
    for row in reader.rows(queries.DUPLICATE_KEYS):
        existing.remember(row["id"], keys_of(row), str(row["name"]))
    return existing
