"""A quote (a proposal) to a client: a net amount, its VAT and gross, a number, and where it
stands, in the order of its JSON keys. Draft and sent quotes are open; a sent quote past
its ``valid_until`` reads as expired."""

from __future__ import annotations

from kiaro_cli.declarations import Field, Line, Record, Words

STATUSES = ("draft", "sent", "accepted", "declined", "expired")
OPEN_STATUSES = ("draft", "sent")
STATUS_SYNONYMS = {
    "proposed": "sent",
    "won": "accepted",
    "signed": "accepted",
    "converted": "accepted",
    "approved": "accepted",
    "lost": "declined",
    "rejected": "declined",
    "cancelled": "declined",
    "canceled": "declined",
}
# How `quote status` and `quote list --status` read a status.
STATUS_WORDS = Words(STATUSES, STATUS_SYNONYMS)
# The typed fields in the order of the options of quote edit.
FORM = ("net", "title", "number", "vat_rate", "currency", "issued_on", "valid_until")

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("client_id", "int", required=True, references="client.id"),
    Field("client_name", "line", column=None),  # the client's name, joined
    Field("project_id", "int", references="project.id", on_delete="SET NULL"),  # --project ID, of the client
    Field("number", "line", "quote number", Line(40), "--number", "N",
          "Its number (default: Q-YYYY-NNN).", clearable=False, required=True, unique=True),
    Field("title", "line", "title", Line(200), "--title", "TITLE", "What it is for."),
    Field("issued_on", "date", "issue day", "date", "--issued", "WHEN", "When it was made (default: today)."),
    Field("valid_until", "date", "valid until", "date", "--valid-until", "WHEN",
          "Until when it holds: 30d, 'January 31'."),
    Field("currency", "line", "currency", "currency", "--currency", "CODE",
          "ISO 4217 code (default: the client's currency).", clearable=False, required=True),
    Field("net", "cents", "amount", "money", "--amount", "NET", "The net amount ≥ 0.", clearable=False,
          required=True),
    Field("vat_rate", "basis points", "VAT rate", "vat rate", "--vat-rate", "RATE",
          "VAT in percent (default: the client's).", clearable=False, required=True),
    Field("vat", "cents", required=True),  # net × rate, rounded half-up to the cent
    Field("gross", "cents", required=True),  # net + vat
    Field("status", "line", "quote status", default="draft"),  # STATUS_WORDS
    Field("created_at", "timestamp", required=True, contract=False),
    Field("updated_at", "timestamp", required=True, contract=False),
)
# fmt: on

QUOTE = Record(name="quote", table="quote", fields=FIELDS, form=FORM)
