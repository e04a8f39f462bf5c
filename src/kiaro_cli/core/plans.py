"""A plan of the command bar: the actions a sentence asks for, each resolved to a client by
id and name, a day and its values, and the client as the steps before it leave it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kiaro_cli.core.records import ClientRecord

NEW_CLIENT = None  # the client_id of the client a plan creates, until it is carried out


@dataclass(frozen=True)
class Action:
    """One step of a plan, resolved: the client by id and name, the day, the values."""

    action: str
    client_id: int | None
    client_name: str
    day: date | None = None
    when: str | None = None  # the date phrase as typed
    values: Mapping[str, Any] = field(default_factory=dict)
    unchanged: bool = False  # it would change nothing ("mark Acme as active" on an active client)

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "client_id": self.client_id,
            "client_name": self.client_name,
            "date": self.day.isoformat() if self.day else None,
            "values": dict(self.values),
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class ReadAs:
    """A client named loosely (a part of its name, or with a slip), and who it was read as."""

    typed: str
    client_id: int
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"typed": self.typed, "client_id": self.client_id, "name": self.name}


@dataclass(frozen=True)
class Plan:
    """What a sentence asks for, resolved; ``applied`` once it was carried out."""

    sentence: str
    actions: tuple[Action, ...]
    applied: bool = False
    read_by: str | None = None  # the model that read a sentence the grammar refused
    read_as: tuple[ReadAs, ...] = ()
    left_out: tuple[str, ...] = ()  # polite words the grammar read around ("please", "thanks")

    @property
    def changes(self) -> int:
        """How many of its actions change something."""
        return sum(not action.unchanged for action in self.actions)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "sentence": self.sentence,
            "applied": self.applied,
            "actions": [action.to_dict() for action in self.actions],
            "read_as": [read.to_dict() for read in self.read_as],
            "left_out": list(self.left_out),
        }
        return {**data, "read_by": self.read_by} if self.read_by else data


@dataclass(frozen=True)
class Subject:
    """A client as the steps of a plan before this one leave it (``client_id`` None: the
    client the plan creates)."""

    client_id: int | None
    name: str
    status: str = "lead"
    tags: tuple[str, ...] = ()
    follow_up_on: str | None = None
    record: ClientRecord | None = None  # as stored, for the rules that read it

    @classmethod
    def of(cls, client: ClientRecord) -> Subject:
        return cls(client.id, client.name, client.status, client.tags, client.follow_up_on, client)
