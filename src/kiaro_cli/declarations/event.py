"""An event on a client: a note or reminder (a quote to chase, a complaint to watch) with a
priority, perhaps a due day, perhaps pinned (``sticky``) to the top of the record, in the
order of its JSON keys."""

from __future__ import annotations

from kiaro_cli.declarations import Entry, Field, Record, Words

KINDS = ("reminder", "quote", "complaint", "note", "other")
KIND_SYNONYMS = {"todo": "reminder", "task": "reminder", "offer": "quote", "issue": "complaint"}
PRIORITIES = ("critical", "high", "medium", "low")  # most urgent first
PRIORITY_SYNONYMS = {"urgent": "critical", "normal": "medium", "p1": "critical", "p2": "high", "p3": "medium"}
# The typed fields in the order of the options of event edit.
FORM = ("text", "kind", "priority", "due_on")

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("client_id", "int", required=True, references="client.id"),
    Field("client_name", "line", column=None),  # the client's name, joined
    Field("text", "text", "event text", Entry(2000), "--text", "TEXT", "What to remember.",
          clearable=False, required=True),
    Field("kind", "line", "event kind", Words(KINDS, KIND_SYNONYMS), "--kind",
          help="What it is (default: reminder).", clearable=False, default="reminder"),
    Field("priority", "line", "priority", Words(PRIORITIES, PRIORITY_SYNONYMS), "--priority",
          help="How urgent (default: medium).", clearable=False, default="medium"),
    Field("due_on", "date", "due day", "date", "--due", "WHEN",
          "When it is due: 2026-12-01, 'next friday', 2w."),
    Field("sticky", "bool", default=False),
    Field("done", "bool", column=None),  # whether done_at is set
    Field("done_at", "timestamp"),
    Field("created_at", "timestamp", required=True),
    Field("updated_at", "timestamp", required=True),
)
# fmt: on

EVENT = Record(name="event", table="event", fields=FIELDS, form=FORM)
