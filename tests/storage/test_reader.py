"""The reads' SQL as each driver takes it: the text SQLAlchemy compiles for psycopg is the
text kiaro gives psycopg itself on a server."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import psycopg

import kiaro_cli.storage
from kiaro_cli.storage.reader import psycopg_sql


def compiled(sql: str) -> str:
    return str(text(sql).compile(dialect=psycopg.dialect()))  # type: ignore[no-untyped-call]


def named_queries() -> list[str]:
    """Every query text a storage module names (its constants of SQL with parameters)."""
    found = []
    for info in pkgutil.iter_modules(kiaro_cli.storage.__path__):
        module = importlib.import_module(f"kiaro_cli.storage.{info.name}")
        for value in vars(module).values():
            if isinstance(value, str) and value.lstrip().startswith(("SELECT", "WITH")) and ":" in value:
                found.append(value)
    return found


@pytest.mark.parametrize("sql", named_queries())
def test_each_named_query_reads_on_psycopg_as_sqlalchemy_would_give_it(sql: str) -> None:
    assert psycopg_sql(sql) == compiled(sql)


PIECES = ["SELECT ", ":a", ":b_1", "::text", "%", "'50%'", "\\:x", " x:y ", "a:", "é:"]


@given(st.lists(st.sampled_from(PIECES)))
def test_parameters_casts_escapes_and_percent_signs_read_as_sqlalchemy_reads_them(parts: list[str]) -> None:
    sql = "".join(parts)
    assert psycopg_sql(sql) == compiled(sql)
