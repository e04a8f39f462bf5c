"""A payment of an invoice: how much, on which day, how, in the invoice's currency, in the
order of its JSON keys. A payment never takes more than the invoice's outstanding amount."""

from __future__ import annotations

from kiaro_cli.declarations import Field, Line, Record

# The typed fields in the order of the options of invoice pay.
FORM = ("amount", "paid_on", "method")

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("invoice_id", "int", required=True, references="invoice.id"),
    Field("number", "line", column=None),  # the invoice's number, joined
    Field("client_id", "int", required=True, references="client.id"),
    Field("paid_on", "date", "payment day", "date", "--on", "WHEN", "When it was paid (default: today).",
          clearable=False, required=True),
    Field("amount", "cents", "amount", "money", "--amount", "AMOUNT",
          "How much (default: the whole outstanding amount).", clearable=False, required=True),
    Field("currency", "line", required=True),  # the invoice's
    Field("method", "line", "payment method", Line(100), "--method", "TEXT", "How: bank transfer, card…"),
    Field("created_at", "timestamp", required=True, contract=False),
)
# fmt: on

PAYMENT = Record(name="payment", table="payment", fields=FIELDS, form=FORM)
