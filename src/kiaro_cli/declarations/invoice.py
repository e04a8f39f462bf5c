"""An invoice to a client and its lines, in the order of their JSON keys.

A draft has no number until it is issued; issuing locks its amounts, currency and VAT rate
(until then a draft follows the client's, unless they were given).
``state`` is what is stored (draft, open or void); the ``status`` people see is worked out
from it, the payments and the day: paid, partly-paid or overdue when open.
Amounts are kept as hundredths, quantities as thousandths.
"""

from __future__ import annotations

from kiaro_cli.declarations import Field, Line, Record, Words

STATES = ("draft", "open", "void")
STATUSES = ("draft", "open", "partly-paid", "paid", "overdue", "void")
STATUS_SYNONYMS = {
    "partly paid": "partly-paid",
    "partial": "partly-paid",
    "partially paid": "partly-paid",
    "unpaid": "open",
    "sent": "open",
    "issued": "open",
    "late": "overdue",
    "past due": "overdue",
    "voided": "void",
    "cancelled": "void",
    "canceled": "void",
}
# How `invoice list --status` reads a status.
STATUS_WORDS = Words(STATUSES, STATUS_SYNONYMS)
# The typed fields in the order of the options of invoice edit (a draft's).
FORM = ("net", "title", "number", "issued_on", "due_on", "vat_rate", "currency")

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("client_id", "int", required=True, references="client.id"),
    Field("client_name", "line", column=None),  # the client's name, joined
    Field("project_id", "int", references="project.id", on_delete="SET NULL"),  # --project ID, of the client
    Field("number", "line", "invoice number", Line(40), "--number", "N",
          "Its number (default when issued: CODE-YYYY-NNN).",
          clearable=False, unique=True),
    Field("title", "line", "title", Line(200), "--title", "TITLE", "What it is for."),
    Field("issued_on", "date", "issue day", "date", "--issued", "WHEN",
          "When it is issued (default: today)."),
    Field("due_on", "date", "due day", "date", "--due", "WHEN",
          "When it is due (default: issued + the client's payment terms)."),
    Field("currency", "line", "currency", "currency", "--currency", "CODE",
          "ISO 4217 code (default: the client's, followed by a draft until issued).",
          clearable=False, required=True),
    Field("net", "cents", "amount", "money", "--amount", "NET", "The net amount ≥ 0 (or give --line).",
          clearable=False, required=True),
    Field("vat_rate", "basis points", "VAT rate", "vat rate", "--vat-rate", "RATE",
          "VAT in percent (default: the client's, followed by a draft until issued).",
          clearable=False, required=True),
    Field("vat", "cents", required=True),  # VAT on the net total, rounded half-up to the cent
    Field("gross", "cents", required=True),  # net + vat
    Field("paid", "cents", default=0),  # the sum of its payments
    Field("outstanding", "cents", column=None),  # gross − paid (0 once void)
    Field("status", "line", column=None),  # draft, open, partly-paid, paid, overdue, void
    Field("state", "line", default="draft", contract=False),  # draft, open or void
    # A draft given no --currency (--vat-rate) takes the client's until it is issued. The
    # database fills in the default (False) for the invoices of an older schema: they follow nothing.
    Field("follows_currency", "bool", default=False, server_default=True, contract=False),
    Field("follows_vat_rate", "bool", default=False, server_default=True, contract=False),
    Field("paid_on", "date"),  # the day of the payment that completed it
    Field("lines", "list", column=None),  # its lines: INVOICE_LINE
    Field("created_at", "timestamp", required=True),
    Field("updated_at", "timestamp", required=True, contract=False),
)
# fmt: on

INVOICE = Record(name="invoice", table="invoice", fields=FIELDS, form=FORM)

# A line of an invoice: what was done, how much of it and at what price; amount is
# quantity × unit price rounded half-up to the cent, and the lines sum to the invoice's net.
# fmt: off
LINE_FIELDS = (
    Field("id", "id", contract=False),
    Field("invoice_id", "int", required=True, references="invoice.id", contract=False),
    Field("position", "int", required=True, contract=False),  # its place on the invoice, from 1
    Field("description", "line", "line description", required=True),  # --line TEXT QTY PRICE
    Field("quantity", "quantity", "quantity", required=True),
    Field("unit_price", "cents", "unit price", required=True),
    Field("amount", "cents", required=True),
)
# fmt: on

INVOICE_LINE = Record(name="invoice line", table="invoice_line", fields=LINE_FIELDS)
