"""The reads of birthdays and clients' dates ask for a window of days of the year through the
expression their indexes are built on, so the home screen reads them from the index."""

from __future__ import annotations

import sqlite3

import pytest

from kiaro_cli.core import clients
from kiaro_cli.storage import date_queries, schema
from kiaro_cli.storage.location import Location
from tests.helpers import TODAY

PARAMS = {"first": "11-23", "last": "11-30", "first_day": "2026-11-23", "last_day": "2026-11-30",
          "false_flag": False, "true_flag": True}  # fmt: skip


def test_the_day_of_the_year_is_the_schema_s_expression() -> None:
    assert date_queries.DAY_OF_YEAR == schema.DAY_OF_YEAR


@pytest.mark.parametrize("wraps", [False, True])
def test_birthdays_and_dates_in_a_window_are_read_from_their_indexes(location: Location, wraps: bool) -> None:
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    with sqlite3.connect(str(location.path)) as connection:
        for sql, index in (
            (date_queries.birthdays_within(wraps), "ix_contact_birthday"),
            (date_queries.client_dates_within(wraps), "ix_client_date_day"),
            (date_queries.client_dates_within(wraps), "ix_client_date_falls_on"),
        ):
            plan = " ".join(str(row[-1]) for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", PARAMS))
            assert index in plan, plan
            assert "SCAN" not in plan, plan


def test_a_kept_day_of_the_year_is_its_last_five_characters(location: Location) -> None:
    with sqlite3.connect(str(location.path)) as connection:
        for kept in ("1984-05-17", "--05-17"):
            (day,) = connection.execute(
                f"SELECT {date_queries.DAY_OF_YEAR.format('?')}", (kept, kept)
            ).fetchone()
            assert day == "05-17"
