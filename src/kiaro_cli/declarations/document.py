"""A document: a file kept with a client (a contract, an NDA), its name as given and its
content's SHA-256, by which the store names the file, in the order of its JSON keys."""

from __future__ import annotations

from kiaro_cli.declarations import Field, Record, Text, Words

KINDS = ("contract", "proposal", "nda", "invoice", "certificate", "other")
# What other tools and people call each kind of document.
KIND_SYNONYMS = {
    "agreement": "contract",
    "signed agreement": "contract",
    "quote": "proposal",
    "offer": "proposal",
    "non disclosure agreement": "nda",
    "insurance": "certificate",
    "insurance certificate": "certificate",
}

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("client_id", "int", required=True, references="client.id"),
    Field("client_name", "line", column=None),  # the client's name, joined
    Field("name", "line", "file name", required=True),  # the file's name as given
    Field("kind", "line", "document kind", Words(KINDS, KIND_SYNONYMS), "--kind", help="What they are.",
          clearable=False, default="other"),
    Field("note", "text", "note", Text(2000), "--note", "TEXT", "A note kept with them."),
    Field("size", "int", required=True),  # bytes
    Field("sha256", "line", required=True),
    Field("created_at", "timestamp", required=True),
)
# fmt: on

DOCUMENT = Record(name="document", table="document", fields=FIELDS, form=("kind", "note"))
