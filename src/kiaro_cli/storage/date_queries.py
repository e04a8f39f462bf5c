"""The reads of dates that come back: a client's dates, and the birthdays and dates that
fall within some days (the home screen, kiaro dates, the calendar).

A day of the year is compared as MM-DD through :data:`DAY_OF_YEAR`, the expression the
indexes ``ix_contact_birthday`` and ``ix_client_date_day`` are built on
(``schema.DAY_OF_YEAR``): a window of days is one range of it, or two when it runs over
the new year. The core works out the exact day each row falls on.
"""

from __future__ import annotations

from kiaro_cli.declarations.client_date import CLIENT_DATE

DAY_OF_YEAR = "substr({0}, length({0}) - 4, 5)"  # MM-DD of YYYY-MM-DD and of --MM-DD

CLIENT_DATE_COLUMNS = ", ".join(
    (*(f"d.{declared.column_name}" for declared in CLIENT_DATE.read), "c.name AS client_name")
)
_CLIENT_DATES = f"SELECT {CLIENT_DATE_COLUMNS} FROM client_date d JOIN client c ON c.id = d.client_id"
CLIENT_DATES_OF_CLIENT = f"{_CLIENT_DATES} WHERE d.client_id = :client_id ORDER BY d.falls_on, d.id"
CLIENT_DATE_BY_ID = f"{_CLIENT_DATES} WHERE d.id = :id"
CLIENT_NAME = "SELECT name FROM client WHERE id = :client_id"
EVERY_CLIENT_DATE = f"""
SELECT {CLIENT_DATE_COLUMNS}, d.created_at FROM client_date d JOIN client c ON c.id = d.client_id
WHERE c.archived = :false_flag ORDER BY d.id
"""
EVERY_BIRTHDAY = """
SELECT ct.id, ct.name, ct.birthday, ct.created_at, c.id AS client_id, c.name AS client_name
FROM contact ct JOIN client c ON c.id = ct.client_id
WHERE ct.birthday IS NOT NULL AND c.archived = :false_flag ORDER BY ct.id
"""


def _window(column: str, wraps: bool) -> str:
    """Rows whose day of the year is in :first..:last (over the new year when ``wraps``),
    and those of 29 February, which fall on the 28th in most years."""
    day = DAY_OF_YEAR.format(column)
    inside = f"{day} >= :first OR {day} <= :last" if wraps else f"{day} BETWEEN :first AND :last"
    return f"({inside} OR {day} = '02-29')"


def birthdays_within(wraps: bool) -> str:
    """Contacts (of clients not archived) whose birthday's day of the year is in the window."""
    return f"""
SELECT ct.id, ct.name, ct.birthday, c.id AS client_id, c.name AS client_name
FROM contact ct CROSS JOIN client c
WHERE c.id = ct.client_id AND {_window("ct.birthday", wraps)} AND c.archived = :false_flag
"""


def client_dates_within(wraps: bool) -> str:
    """Yearly dates whose day of the year is in the window, then dates once between
    :first_day and :last_day (of clients not archived), each read from its index."""
    return f"""
SELECT {CLIENT_DATE_COLUMNS} FROM client_date d CROSS JOIN client c
WHERE c.id = d.client_id AND {_window("d.falls_on", wraps)} AND d.yearly = :true_flag
  AND c.archived = :false_flag
UNION ALL
SELECT {CLIENT_DATE_COLUMNS} FROM client_date d CROSS JOIN client c
WHERE c.id = d.client_id AND d.falls_on BETWEEN :first_day AND :last_day AND d.yearly = :false_flag
  AND c.archived = :false_flag
"""
