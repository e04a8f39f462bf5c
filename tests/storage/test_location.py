"""Where the database is: the precedence of its sources, URLs shown and refused without passwords."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiaro_cli.storage.location import resolve


def test_location_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KIARO_DB", str(tmp_path / "env.db"))
    assert resolve(str(tmp_path / "opt.db")).path == tmp_path / "opt.db"
    assert resolve(None).path == tmp_path / "env.db"
    assert resolve("postgresql+psycopg://me:secret@db/kiaro").url is not None
    assert "secret" not in str(resolve("postgresql+psycopg://me:secret@db/kiaro"))
    monkeypatch.delenv("KIARO_DB")
    assert resolve(None).path is not None and resolve(None).path.name == "kiaro.db"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://me:secret@db/kiaro", "postgresql+psycopg://***@db/kiaro"),
        ("postgresql+psycopg://me:se:cr@et@db/kiaro", "postgresql+psycopg://***@db/kiaro"),
        ("postgresql+psycopg://secret@db/kiaro", "postgresql+psycopg://***@db/kiaro"),  # no colon
        ("postgresql+psycopg://db/kiaro?Password=secret&sslmode=require",
         "postgresql+psycopg://db/kiaro?Password=***&sslmode=require"),
        ("postgresql+psycopg:///kiaro?host=/tmp/pg", "postgresql+psycopg:///kiaro?host=/tmp/pg"),
    ],
)  # fmt: skip
def test_a_url_is_shown_without_what_comes_before_its_last_at(url: str, shown: str) -> None:
    from kiaro_cli.storage.location import hide_credentials

    assert hide_credentials(url) == shown


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("postgresql+psycopg://u:S3CR3T@x@127.0.0.1/kiaro", "write an '@' in the password as %40"),
        ("postgresql+psycopg://u:S3CR3T@[::1:55440/x", "'[::1:55440' is not a host and port"),
        ("postgresql+psycopg://u:S3CR3T@127.0.0.1:abc/x", "'127.0.0.1:abc' is not a host and port"),
    ],
)  # fmt: skip
def test_a_url_no_server_can_be_read_from_is_refused_without_its_password(url: str, reason: str) -> None:
    from kiaro_cli.errors import InvalidValue

    with pytest.raises(InvalidValue) as raised:
        resolve(url)
    assert reason in raised.value.message and "S3CR3T" not in raised.value.message


@pytest.mark.parametrize(
    "url", ["postgresql+psycopg://u:p@[::1]:5432/x", "postgresql+psycopg://u:p/w@db:5432/x"]
)
def test_a_url_a_server_can_be_read_from_is_kept_as_typed(url: str) -> None:
    assert resolve(url).url == url
