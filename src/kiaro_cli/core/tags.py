"""Tags: adding and removing a client's, and across clients how many carry each,
renaming one (merging it into another), and removing one from every client. Each client
touched gets a history line; undo takes the whole command back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiaro_cli.core.client_rows import Change, add_missing_tags, refresh_search_text
from kiaro_cli.core.clients import EditResult, load_client
from kiaro_cli.core.fields import clean_tag, clean_tags
from kiaro_cli.core.references import resolve_client
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.search import fold
from kiaro_cli.storage import queries

if TYPE_CHECKING:
    from kiaro_cli.storage.reader import Reader
    from kiaro_cli.storage.rows import Client
    from kiaro_cli.storage.unit import Target, Writer

TAG_KEYS = ("tag", "clients")


def add_tags(target: Target, reference: str, tags: Sequence[str]) -> EditResult:
    """Add tags (case-insensitively new ones only, kept as typed)."""
    wanted = clean_tags(tags)
    if not wanted:
        raise InvalidValue("give at least one tag")

    def change(w: Writer, client: Client) -> list[Change]:
        return [Change("tags", None, tag) for tag in add_missing_tags(w, client, wanted)]

    return _change_tags(target, reference, change)


def remove_tags(target: Target, reference: str, tags: Sequence[str]) -> EditResult:
    """Remove tags; a tag the client does not have is refused."""
    wanted = clean_tags(tags)
    if not wanted:
        raise InvalidValue("give at least one tag")

    def change(w: Writer, client: Client) -> list[Change]:
        assert client.id is not None
        current = w.tags.of_client(client.id)
        absent = [tag for tag in wanted if fold(tag) not in current]
        if absent:
            raise NotFound(f"{client.name} has no tag '{absent[0]}'")
        removed = [current[fold(tag)] for tag in wanted]
        for tag in removed:
            w.delete(tag)
            w.journal.log(client, "tag removed", f"Tag '{tag.name}' removed", tag=tag.name)
        return [Change("tags", tag.name, None) for tag in removed]

    return _change_tags(target, reference, change)


def _change_tags(
    target: Target, reference: str, change: Callable[[Writer, Client], list[Change]]
) -> EditResult:
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        client_id = resolve_client(w.reader, reference)
        client = w.clients.get(client_id)
        changes = change(w, client)
        refresh_search_text(w, client)
        return EditResult(load_client(w.reader, client_id), tuple(changes))


@dataclass(frozen=True)
class TagCount:
    """A tag as first typed, and how many clients carry it."""

    tag: str
    clients: int

    def to_dict(self) -> dict[str, Any]:
        return {"tag": self.tag, "clients": self.clients}


@dataclass(frozen=True)
class TagChange:
    """What a rename or removal did: the clients it touched, and for a rename into a tag
    some of them had already, how many of those it merged."""

    old: str
    new: str | None
    clients: int
    merged: int = 0


def list_tags(reader: Reader) -> list[TagCount]:
    """Every tag, alphabetically, with how many clients carry it."""
    return [TagCount(row["name"], row["clients"]) for row in reader.rows(queries.TAG_COUNTS)]


def count_of(reader: Reader, tag: str) -> int:
    """How many clients carry ``tag`` (any case)."""
    return next((t.clients for t in list_tags(reader) if fold(t.tag) == fold(tag.strip())), 0)


def rename_tag(target: Target, old: str, new: str) -> TagChange:
    """Rename a tag on every client; a client that has the new tag already keeps one."""
    from kiaro_cli.storage.unit import write

    wanted = clean_tag(new)
    with write(target) as w:
        found = _tags_or_refuse(w, old)
        spelled = min(found, key=lambda tag: tag.id).name
        if all(tag.name == wanted for tag in found):
            raise InvalidValue(f"the tag is already called '{wanted}'")
        merged = 0
        for tag in found:
            kept = w.tags.of_client(tag.client_id).get(fold(wanted))
            if kept is not None and kept.id != tag.id:  # the client has the new tag already
                line = f"Tag '{tag.name}' merged into '{kept.name}'"
                w.delete(tag)
                merged += 1
            else:
                line = f"Tag '{tag.name}' renamed to '{wanted}'"
                tag.name, tag.key = wanted, fold(wanted)
                w.add(tag)
            w.journal.log(w.clients.get(tag.client_id), "tag renamed", line, tag=wanted)
        return TagChange(spelled, wanted, len(found), merged)


def remove_tag(target: Target, tag: str) -> TagChange:
    """Remove a tag from every client that carries it."""
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        found = _tags_or_refuse(w, tag)
        for row in found:
            w.delete(row)
            w.journal.log(
                w.clients.get(row.client_id), "tag removed", f"Tag '{row.name}' removed", tag=row.name
            )
        return TagChange(found[0].name, None, len(found))


def _tags_or_refuse(w: Writer, tag: str) -> list[Any]:
    cleaned = clean_tag(tag)
    found = w.tags.with_key(fold(cleaned))
    if not found:
        raise NotFound(f"no client has the tag '{cleaned}'")
    return found
