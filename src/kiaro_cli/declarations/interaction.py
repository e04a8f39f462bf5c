"""An interaction: a call, email, meeting, text or note logged with a client (and perhaps
one of its contacts), in the order of its JSON keys."""

from __future__ import annotations

from kiaro_cli.declarations import Entry, Field, Line, Record, Words

TYPES = ("call", "email", "meeting", "text", "note")
# What other tools and people call each type.
TYPE_SYNONYMS = {
    "phone": "call",
    "phone call": "call",
    "mail": "email",
    "e mail": "email",
    "meet": "meeting",
    "visit": "meeting",
    "sms": "text",
    "message": "text",
    "chat": "text",
}
# The typed fields in the order of the options of interaction edit.
FORM = ("summary", "type", "next_step")

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("client_id", "int", required=True, references="client.id"),
    Field("contact_id", "int", references="contact.id", on_delete="SET NULL"),  # kept when they go
    Field("type", "line", "interaction type", Words(TYPES, TYPE_SYNONYMS), "--type",
          help="What kind of contact.", clearable=False, required=True),
    Field("occurred_at", "timestamp", required=True),  # a day, or a day and a time with its offset
    Field("summary", "text", "summary", Entry(2000), "--summary", "TEXT", "What happened, corrected.",
          clearable=False, required=True),
    Field("next_step", "line", "next step", Line(2000), "--next-step", "TEXT",
          "What was agreed to happen next."),
    Field("client_name", "line", column=None, contract=False),  # the client's name, joined
    Field("created_at", "timestamp", required=True, contract=False, internal=True),
    # The Message-ID of the mail it was imported from (else a hash of its date, sender and
    # subject): a mailbox read again adds nothing.
    Field("message_id", "line", contract=False, internal=True),
)
# fmt: on

INTERACTION = Record(name="interaction", table="interaction", fields=FIELDS, form=FORM)
