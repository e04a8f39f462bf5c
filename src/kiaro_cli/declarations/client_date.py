"""A date of a client that matters: a renewal, a company anniversary; once, or every year
on that day. In the order of its JSON keys."""

from __future__ import annotations

from kiaro_cli.declarations import Field, Line, Record

# The typed fields in the order of the arguments of client date add.
FORM = ("label", "date")

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("client_id", "int", required=True, references="client.id"),
    Field("label", "line", "label", Line(200), metavar="LABEL",
          help="What the date is, e.g. 'Contract renewal'.", clearable=False, required=True),
    Field("date", "date", "date", "date", metavar="WHEN", help="The day: 2027-03-01, 'March 1'…",
          clearable=False, required=True, column="falls_on"),
    Field("yearly", "bool", default=False),
    Field("created_at", "timestamp", required=True, contract=False, internal=True),
)
# fmt: on

CLIENT_DATE = Record(name="client date", table="client_date", fields=FIELDS, form=FORM)
