"""Errors the core raises; each carries the exit code the CLI uses for it."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    """What kiaro's exit status means (docs/conventions.md)."""

    OK = 0
    REFUSED = 1  # a value refused, nothing matched, a conflict, a confirmation needed or declined
    USAGE = 2  # an unknown option, or a value outside an option's fixed choices (Click's own)


class KiaroError(Exception):
    """A refusal the user can act on: printed as ``Error: …`` and exit code 1.

    ``details`` are lines that belong to the error (candidates of an ambiguous
    reference, bad rows of an import); they are printed below the first line.
    """

    exit_code = ExitCode.REFUSED

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details)


class InvalidValue(KiaroError):
    """A value the rules refuse (range, country, email, date…)."""


class NotFound(KiaroError):
    """No record matches a reference."""


class Ambiguous(KiaroError):
    """A reference matches more than one record."""


class Conflict(KiaroError):
    """The change clashes with what is stored (duplicate name, code in use…)."""


class MissingFields(KiaroError):
    """Required fields were not given."""

    def __init__(self, message: str, fields: Sequence[str]) -> None:
        super().__init__(message)
        self.fields = list(fields)


class ConfirmationNeeded(KiaroError):
    """A destructive command ran without a TTY and without ``--yes``."""


class Declined(KiaroError):
    """The person answered no at a confirmation: not an error, so said plainly on stderr
    (``Not saved.``) without ``Error:``; the exit code is still 1 (nothing was done)."""


class StorageError(KiaroError):
    """The database cannot be used as asked (busy, newer schema, unreadable…)."""
