"""An address of a client beside its own (invoicing, mailing, a site), in the order of its
JSON keys. Its lines are read by the client's address rules (core/addresses.py)."""

from __future__ import annotations

from kiaro_cli.declarations import Field, Line, Record, Words

KINDS = ("office", "invoicing", "mailing", "site", "other")
# What other tools call each kind of address.
KIND_SYNONYMS = {
    "billing": "invoicing",
    "invoice": "invoicing",
    "head office": "office",
    "headquarters": "office",
    "hq": "office",
    "business": "office",
    "work": "office",
    "postal": "mailing",
    "post": "mailing",
    "project site": "site",
    "project": "site",
}

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("client_id", "int", required=True, references="client.id"),
    Field("kind", "line", "address kind", Words(KINDS, KIND_SYNONYMS), "--kind",
          help="What the address is for.", default="office"),
    Field("label", "line", "label", Line(100), "--label", "TEXT", "A name for it ('Rotterdam site')."),
    Field("line1", "line"),
    Field("line2", "line"),
    Field("city", "line"),
    Field("region", "line"),
    Field("postal_code", "line"),
    Field("country", "line"),
    Field("default", "bool", column="is_default", default=False),
    Field("created_at", "timestamp", required=True, contract=False, internal=True),
)
# fmt: on

ADDRESS = Record(name="address", table="address", fields=FIELDS, form=("kind", "label"))
