"""Where the database is: ``--db`` > ``KIARO_DB`` > the per-user data directory."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from kiaro_cli.errors import InvalidValue


@dataclass(frozen=True)
class Location:
    """A SQLite file (``path``) or any SQLAlchemy URL (``url``)."""

    path: Path | None = None
    url: str | None = None

    @property
    def is_file(self) -> bool:
        return self.path is not None

    def sqlalchemy_url(self) -> str:
        if self.path is not None:
            return f"sqlite:///{self.path}"
        assert self.url is not None
        return self.url

    def __str__(self) -> str:
        return str(self.path) if self.path is not None else hide_credentials(self.url or "")


def default_path() -> Path:
    """``platformdirs.user_data_path("kiaro") / "kiaro.db"``."""
    from platformdirs import user_data_path

    return user_data_path("kiaro") / "kiaro.db"


def demo_path(database: Location | None = None) -> Path:
    """Where ``kiaro demo`` puts the sample studio unless told: beside the database in use
    (``--db`` or ``KIARO_DB``) when it is a file, else beside the default one."""
    beside = database.path if database is not None and database.path is not None else default_path()
    return beside.with_name("demo.db")


def history_path() -> Path:
    """Where the command bar's prompt keeps the lines typed at it, beside the default database."""
    from platformdirs import user_data_path

    return user_data_path("kiaro") / "do-history"


def resolve(option: str | None) -> Location:
    """The database named by the ``--db`` option, else ``KIARO_DB``, else the default.

    An empty ``--db`` or ``KIARO_DB`` is refused rather than read as "the default":
    a script whose variable came out empty must not write to the personal database.
    """
    if option is not None:
        source, value = "--db", option
    elif "KIARO_DB" in os.environ:
        source, value = "KIARO_DB", os.environ["KIARO_DB"]
    else:
        return Location(path=default_path())
    value = value.strip()
    if not value:
        raise InvalidValue(f"{source} is empty: give a file path or a database URL, or leave it out")
    if value.startswith("sqlite:///"):
        return Location(path=Path(value.removeprefix("sqlite:///")).expanduser().absolute())
    if "://" in value:
        return Location(url=_checked_url(source, value))
    return Location(path=Path(value).expanduser().absolute())


def hide_credentials(url: str) -> str:
    """``url`` as it may be shown: everything between ``://`` and the last ``@`` (the user
    and the password, whatever they hold) and a ``password=`` parameter as ``***``."""
    scheme, sep, rest = url.partition("://")
    _, at, host = rest.rpartition("@")
    shown = f"{scheme}{sep}***@{host}" if at else url
    return re.sub(r"(?i)([?&]password=)[^&#]*", r"\1***", shown)


# After the last "@": a host name, or an address in brackets, then ":PORT" in digits.
_SERVER = re.compile(r"(?:\[[^\]/?#]*\]|[^\[\]:/?#]*)(?::\d+)?")


def _checked_url(source: str, url: str) -> str:
    """``url``, unless it cannot name a server as the driver reads it: an ``@`` in the password
    would send part of it to the name lookup (and into its error), a broken host or port
    would fail deep in the driver. Refused in one line that shows no credentials."""
    rest = url.partition("://")[2]
    if rest.count("@") > 1:
        raise InvalidValue(
            f"{source} has more than one '@': write an '@' in the password as %40 "
            f"(or keep the password in PGPASSWORD or ~/.pgpass): {hide_credentials(url)}"
        )
    server = re.split(r"[/?#]", rest.rpartition("@")[2], maxsplit=1)[0]
    if not _SERVER.fullmatch(server):
        raise InvalidValue(
            f"{source} is not a database URL kiaro can read: '{server}' is not a host and port "
            f"(HOST, HOST:5432 or [::1]:5432): {hide_credentials(url)}"
        )
    return url
