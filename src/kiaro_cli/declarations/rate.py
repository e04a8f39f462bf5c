"""A service rate: what a client pays for a position (an hour of a designer, say), regular
and overtime, in the order of its JSON keys. Amounts are kept as hundredths."""

from __future__ import annotations

from kiaro_cli.declarations import Field, Line, Record

# The typed fields in the order of the options of client rate edit.
FORM = ("position", "rate", "overtime", "currency")

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("client_id", "int", required=True, references="client.id"),
    Field("position", "line", "position", Line(100), "--position", "POSITION", "A new position name.",
          clearable=False, required=True),
    Field("position_key", "line", required=True, contract=False, internal=True),  # folded: one a position
    Field("rate", "cents", "rate", "money", "--rate", "AMOUNT", "The regular rate ≥ 0.", clearable=False,
          required=True),
    Field("overtime", "cents", "overtime rate", "money", "--overtime", "AMOUNT",
          'The overtime rate ≥ 0 ("" clears it).'),
    Field("currency", "line", "currency", "currency", "--currency", "CODE", "ISO 4217 code."),
    Field("created_at", "timestamp", required=True, contract=False, internal=True),
)
# fmt: on

RATE = Record(name="rate", table="rate", fields=FIELDS, form=FORM)
