"""Where the database is: ``--db`` > ``KIARO_DB`` > the per-user data directory."""

from __future__ import annotations

import os
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
        return str(self.path) if self.path is not None else _hide_password(self.url or "")


def default_path() -> Path:
    """``platformdirs.user_data_path("kiaro") / "kiaro.db"``."""
    from platformdirs import user_data_path

    return user_data_path("kiaro") / "kiaro.db"


def demo_path() -> Path:
    """Where ``kiaro demo`` puts the sample studio unless told: beside the real database."""
    return default_path().with_name("demo.db")


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
        return Location(url=value)
    return Location(path=Path(value).expanduser().absolute())


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"
