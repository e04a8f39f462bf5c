"""A driver's error as one line a user can act on: the stdlib driver's, psycopg's, and
SQLAlchemy's on the engine's connections (a server's among them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from kiaro_cli.errors import StorageError
from kiaro_cli.storage.location import Location

# An unreachable server is given up after this many seconds unless the URL says otherwise.
CONNECT_TIMEOUT_S = 5


def quiet_driver_log() -> None:
    """Keep psycopg's log off stderr. Closing a connection the server dropped in the middle of
    a batch, it logs what it ignores ("error ignored terminating <psycopg.Pipeline [BAD]>"),
    which Python prints when no handler is set: a stray line before kiaro's own, which
    reports that very error."""
    import logging

    driver = logging.getLogger("psycopg")
    if not driver.handlers:
        driver.addHandler(logging.NullHandler())
    driver.propagate = False


def describe_driver_error(error: BaseException | None, location: Location) -> str:
    """One line for a driver error, in words a user can act on."""
    message = (str(error).strip().splitlines() or ["unknown error"])[0]
    if "locked" in message or "busy" in message:
        return "the database is busy with another kiaro command; retry in a moment"
    if "readonly" in message or "read-only" in message:
        return f"the database {location} is read-only"
    if "disk" in message and "full" in message:
        return "the disk is full; nothing was saved"
    if "disk i/o error" in message.lower():
        return "the disk refused a write (is it full?); nothing was saved"
    if "unable to open" in message:
        return f"cannot open the database {location}"
    if "not a database" in message:
        return f"{location} is not a kiaro database"
    if "permission denied" in message or "read-only transaction" in message:
        return f"this database user may not write to {location}; nothing was changed"
    reason = message.rsplit(": ", 1)[-1].strip().rstrip(".")
    if "password authentication failed" in message or "no password supplied" in message:
        return (
            f"the database server of {location} did not accept the login ({reason}); "
            "a password can also come from PGPASSWORD or ~/.pgpass"
        )
    if reason.startswith("role ") and reason.endswith("does not exist"):  # the server answered
        return f"the database server of {location} has no such user: {reason}; create it or name another"
    unreachable = ("connection failed", "timeout expired", "could not connect")
    if any(words in message.lower() for words in unreachable):
        return f"cannot reach the database server of {location} ({reason})"
    return f"database error: {message}"


@contextmanager
def translate_errors(location: Location) -> Iterator[None]:
    """Turn driver errors into one clear :class:`StorageError` line."""
    from sqlalchemy.exc import DBAPIError

    try:
        yield
    except DBAPIError as error:  # OperationalError among them
        if error.connection_invalidated:  # the driver's own test for a lost connection
            raise StorageError(
                f"the database server of {location} went away in the middle of the command; nothing was saved"
            ) from error
        raise StorageError(describe_driver_error(error.orig, location)) from error


def sqlite_error(error: sqlite3.Error) -> StorageError:
    """One line for an error of the stdlib driver while reading."""
    message = str(error)
    if "locked" in message or "busy" in message:
        return StorageError("the database is busy with another kiaro command; retry in a moment")
    return StorageError(f"database error: {message}")
