"""A contact's email address or phone number beside the first, with its label, in the
order of its JSON keys. Its rules are in core/reach.py."""

from __future__ import annotations

from kiaro_cli.declarations import Field, Record

KINDS = ("email", "phone")
LABELS = ("work", "home", "mobile", "other")
DEFAULT_LABEL = "work"  # a contact's own email or phone, and one added without --label
# What other tools call each label (vCard TYPE words, spreadsheet cells).
LABEL_SYNONYMS = {
    "cell": "mobile",
    "iphone": "mobile",
    "personal": "home",
    "private": "home",
    "business": "work",
    "office": "work",
    "main": "work",
}

# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("contact_id", "int", required=True, references="contact.id"),
    Field("kind", "line", required=True),
    Field("value", "line", required=True),
    Field("label", "line", default=DEFAULT_LABEL),
    Field("position", "int", required=True),
)
# fmt: on

REACH = Record(name="contact_reach", table="contact_reach", fields=FIELDS)
