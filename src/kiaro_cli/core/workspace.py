"""What one command works in: its streams, the day, who is at the keyboard and the
database. The command context makes one a command (``cli/context.py``); use cases take it,
or what they need of it, and tests make their own instead of steering environment
variables.

A use case that has something to say beside its result (a name another client has, an
email two clients share) returns an :class:`Outcome`: its warnings are worked out inside
the transaction, before it commits, from the same snapshot the change was made on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Concatenate, Generic, ParamSpec, Protocol, TextIO, TypeVar

from kiaro_cli import clock
from kiaro_cli.storage.location import Location, history_path, resolve
from kiaro_cli.storage.reader import Reader, open_reader

P = ParamSpec("P")
T = TypeVar("T")
Y = TypeVar("Y")


class Record(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


R = TypeVar("R", bound=Record)


@dataclass
class Workspace:
    """The database a command reads and writes, the day it runs on, its streams and user.

    The day and the user are read when first asked for (a bad ``KIARO_TODAY`` or
    ``KIARO_USER`` is refused only by a command that needs it)."""

    location: Location
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    pinned_today: date | None = None
    hook_timeout_s: float = 5.0  # how long a hook may run before it is stopped

    @cached_property
    def today(self) -> date:
        return self.pinned_today or clock.today()

    @cached_property
    def user(self) -> str:
        from kiaro_cli.who import current_user

        return current_user()

    @property
    def history_path(self) -> Path:
        """Where the command bar's prompt keeps the lines typed at it."""
        return history_path()

    @property
    def wrote(self) -> bool:
        """Whether the command committed a change (the hooks then hear of those to its database)."""
        from kiaro_cli.storage.reader import any_committed

        return any_committed()

    @property
    def stderr_is_tty(self) -> bool:
        return self.stderr.isatty()

    @contextmanager
    def opened(self) -> Iterator[Reader]:
        """One snapshot of the database, for a use case that reads while it writes out."""
        with open_reader(self.location) as reader:
            yield reader

    def read(self, query: Callable[Concatenate[Reader, P], T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """What a core read function returns, over one snapshot of the database."""
        with open_reader(self.location) as reader:
            return query(reader, *args, **kwargs)

    def stream(
        self, query: Callable[Concatenate[Reader, P], Iterable[Y]], /, *args: P.args, **kwargs: P.kwargs
    ) -> Generator[Y, None, None]:
        """The records a core read function streams, read while they are taken; the
        snapshot closes once the last is taken (or the stream is dropped)."""
        with open_reader(self.location) as reader:
            yield from query(reader, *args, **kwargs)


def open_workspace(database: str | None, **given: Any) -> Workspace:
    """The workspace of a command: the database ``--db`` names, else ``KIARO_DB``, else the
    default."""
    return Workspace(resolve(database), **given)


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """What a use case did: the record as it now is, what changed, and what the user should
    know of it (worked out before the change committed)."""

    record: R
    changes: tuple[Any, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """What ``--format json`` prints: the record as it is now."""
        return self.record.to_dict()


def databases_read_but_not_made() -> list[Path]:
    """The database files this process read that did not exist (and were not made)."""
    from kiaro_cli.storage.reader import read_but_not_made

    return read_but_not_made()
