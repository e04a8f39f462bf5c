"""A project of a client: a piece of work with a status, perhaps a budget and a deadline, in
the order of its JSON keys. Open projects are planned, active or on hold."""

from __future__ import annotations

from kiaro_cli.declarations import Field, Line, Record, Text, Words

STATUSES = ("planned", "active", "on-hold", "done", "cancelled")
OPEN_STATUSES = ("planned", "active", "on-hold")
STATUS_SYNONYMS = {
    "on hold": "on-hold",
    "paused": "on-hold",
    "in progress": "active",
    "started": "active",
    "finished": "done",
    "completed": "done",
    "closed": "done",
    "canceled": "cancelled",
    "dropped": "cancelled",
    "new": "planned",
}
# The typed fields in the order of the options of project edit.
FORM = ("name", "code", "status", "budget", "currency", "start_date", "deadline", "notes")

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("client_id", "int", required=True, references="client.id"),
    Field("client_name", "line", column=None),  # the client's name, joined
    Field("code", "line", "project code", Line(40), "--code", "CODE", "A short code (WEB-2)."),
    Field("name", "line", "project name", Line(200), "--name", "NAME", "What the project is called.",
          clearable=False, required=True),
    Field("status", "line", "project status", Words(STATUSES, STATUS_SYNONYMS), "--status", "STATUS",
          "planned, active, on-hold, done or cancelled (default: planned).", clearable=False,
          default="planned"),
    Field("budget", "cents", "budget", "money", "--budget", "AMOUNT", "The budget ≥ 0."),
    Field("currency", "line", "currency", "currency", "--currency", "CODE",
          "ISO 4217 code (default: the client's currency)."),
    Field("start_date", "date", "start day", "date", "--start", "WHEN",
          "When it starts: 2026-12-01, 'next monday'."),
    Field("deadline", "date", "deadline", "date", "--deadline", "WHEN", "When it is due: 'March 1', 6w."),
    Field("end_date", "date"),  # the day it became done or cancelled
    Field("notes", "text", "notes", Text(5000), "--notes", "TEXT", "Notes kept with it."),
    Field("invoiced", "cents", column=None),  # the gross of its issued invoices that are not void
    Field("late", "bool", column=None),  # open and past its deadline
    Field("created_at", "timestamp", required=True),
    Field("updated_at", "timestamp", required=True),
)
# fmt: on

PROJECT = Record(name="project", table="project", fields=FIELDS, form=FORM)
