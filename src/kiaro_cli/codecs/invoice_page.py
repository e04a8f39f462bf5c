"""A printable invoice as one self-contained HTML page: nothing loaded from anywhere (no font,
script or image), laid out to print on one sheet of A4 or Letter alike.

Its values come from records and settings that may have been read from anyone's files: every
one is HTML-escaped, and a character a browser would act on or hide (a control or format
character) is shown escaped, as the terminal shows it (:mod:`kiaro_cli.characters`). Amounts
read "4,800.00 EUR" as in kiaro's tables; days read "6 December 2026".
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from kiaro_cli.characters import visible
from kiaro_cli.places import country_name

# A4 is 210 mm wide, Letter 215.9 mm: within 15 mm margins both hold 180 mm.
STYLE = """
@page { size: auto; margin: 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: #1f2933; margin: 2rem auto; max-width: 180mm; padding: 0 1rem; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
header, .parties { display: flex; justify-content: space-between; gap: 2rem; }
header > div, .parties > section { flex: 1 1 0; min-width: 0; overflow-wrap: anywhere; }
header > .heading { flex: 0 1 auto; max-width: 65%; text-align: right; }
h1 { font-size: 20pt; font-weight: 600; margin: 0 0 .5rem; }
h2 { font-size: 8.5pt; text-transform: uppercase; letter-spacing: .08em; color: #52606d;
     margin: 0 0 .3rem; }
p { margin: 0; }
.business { font-size: 12pt; font-weight: 600; }
.mark { display: inline-block; border: 2px solid #b91c1c; color: #b91c1c; font-weight: 700;
        letter-spacing: .25em; padding: .05rem .3rem .05rem .55rem; margin-bottom: .5rem; }
dl { display: grid; grid-template-columns: auto auto; justify-content: end; gap: .1rem 1rem;
     margin: 0; }
dt { color: #52606d; } dd { margin: 0; text-align: right; }
.payment dl { justify-content: start; } .payment dd { text-align: left; }
.parties { margin-top: 2rem; }
table { width: 100%; border-collapse: collapse; margin-top: 2rem; }
th { text-align: left; font-weight: 600; }
.lines th { font-size: 8.5pt; text-transform: uppercase; letter-spacing: .08em; color: #52606d;
            border-bottom: 1.5px solid #1f2933; padding: .3rem .5rem; }
.lines td { border-bottom: 1px solid #d9e2ec; padding: .4rem .5rem; vertical-align: top;
            overflow-wrap: anywhere; }
.n { text-align: right !important; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.totals { width: auto; min-width: 50%; margin: 1rem 0 0 auto; }
.totals th { font-weight: normal; padding: .15rem 2rem .15rem .5rem; }
.totals td { padding: .15rem .5rem; }
.totals .total th, .totals .total td { font-weight: 700; border-top: 1.5px solid #1f2933;
                                        padding-top: .35rem; }
.notes, .payment { margin-top: 2rem; overflow-wrap: anywhere; }
.notes p + p { margin-top: .4rem; }
tr, .notes p { break-inside: avoid; }
"""

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def invoice_page(
    invoice: Mapping[str, Any],
    business: Mapping[str, str | None],
    bill_to: Mapping[str, str | None],
    notes: Sequence[str] = (),
) -> str:
    """The page of ``invoice`` (its JSON object, amounts as Decimal, days as ISO text; an
    optional ``payment_terms_days``), from ``business`` (name, address, vat_number, iban) to
    ``bill_to`` (legal_name else name, address, vat_number, country as alpha-2), with
    ``notes`` printed under the totals. A value that is None or blank is left out."""
    number = _text(invoice.get("number"))
    heading = f"Invoice {number}" if number else f"Draft #{_text(invoice['id'])}"
    status = invoice.get("status")
    mark = "VOID" if status == "void" else "DRAFT" if status == "draft" or not number else ""
    body = (
        f"<header><div>{_business(business)}</div>"
        f'<div class="heading"><h1>{heading}</h1>'
        + (f'<p class="mark">{mark}</p>' if mark else "")
        + f"{_facts(invoice)}</div></header>"
        f'<div class="parties"><section><h2>Bill to</h2>{_bill_to(bill_to)}</section>'
        + (f"<section><h2>For</h2><p>{title}</p></section>" if (title := _text(invoice.get("title"))) else "")
        + f"</div>{_lines(invoice)}{_totals(invoice)}{_payment(business, number)}"
    )
    if said := [shown for note in notes if (shown := _lines_of(note))]:
        body += '<section class="notes">' + "".join(f"<p>{note}</p>" for note in said) + "</section>"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{heading}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def _business(business: Mapping[str, str | None]) -> str:
    parts = []
    if name := _text(business.get("name")):
        parts.append(f'<p class="business">{name}</p>')
    if address := _lines_of(business.get("address")):
        parts.append(f"<p>{address}</p>")
    if vat_number := _text(business.get("vat_number")):
        parts.append(f"<p>VAT number {vat_number}</p>")
    return "".join(parts)


def _facts(invoice: Mapping[str, Any]) -> str:
    facts = [
        ("Issued", _day(invoice.get("issued_on"))),
        ("Due", _day(invoice.get("due_on"))),
        ("Terms", _terms(invoice.get("payment_terms_days"))),
        ("Paid on", _day(invoice.get("paid_on"))),
    ]
    shown = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts if value)
    return f"<dl>{shown}</dl>" if shown else ""


def _bill_to(bill_to: Mapping[str, str | None]) -> str:
    lines = [_text(bill_to.get("legal_name")) or _text(bill_to.get("name"))]
    address = _lines_of(bill_to.get("address"))
    lines.append(address)
    code = (bill_to.get("country") or "").strip()
    if code:
        country = country_name(code.upper())
        last = address.rsplit("<br>", 1)[-1].strip().casefold()
        if last not in (_text(country).casefold(), _text(code).casefold()):
            lines.append(_text(country))
    if vat_number := _text(bill_to.get("vat_number")):
        lines.append(f"VAT number {vat_number}")
    return "".join(f"<p>{line}</p>" for line in lines if line)


def _lines(invoice: Mapping[str, Any]) -> str:
    currency = invoice.get("currency")
    lines = invoice.get("lines") or [
        {
            "description": invoice.get("title") or "Services",
            "quantity": 1,
            "unit_price": invoice.get("net"),
            "amount": invoice.get("net"),
        }
    ]
    rows = "".join(
        f'<tr><td>{_text(line.get("description"))}</td><td class="n">{_quantity(line.get("quantity"))}</td>'
        f'<td class="n">{_money(line.get("unit_price"), currency)}</td>'
        f'<td class="n">{_money(line.get("amount"), currency)}</td></tr>'
        for line in lines
    )
    return (
        '<table class="lines"><thead><tr><th>Description</th><th class="n">Quantity</th>'
        f'<th class="n">Unit price</th><th class="n">Amount</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _totals(invoice: Mapping[str, Any]) -> str:
    currency, rate = invoice.get("currency"), invoice.get("vat_rate")
    vat = "VAT" if rate is None else f"VAT {_number(rate)}%"
    paid = invoice.get("paid")
    rows = [
        ("", "Net", invoice.get("net")),
        ("", vat, invoice.get("vat")),
        ("total", "Total", invoice.get("gross")),
    ]
    if paid:
        rows += [("", "Paid", paid), ("total", "Outstanding", invoice.get("outstanding"))]
    shown = "".join(
        f'<tr class="{kind}"><th>{label}</th><td class="n">{_money(amount, currency)}</td></tr>'
        for kind, label, amount in rows
        if amount is not None
    )
    return f'<table class="totals"><tbody>{shown}</tbody></table>'


def _payment(business: Mapping[str, str | None], number: str) -> str:
    iban = _text(_grouped(business.get("iban") or ""))
    if not iban:
        return ""
    parts = [f"<dt>IBAN</dt><dd>{iban}</dd>"]
    if name := _text(business.get("name")):
        parts.insert(0, f"<dt>Account</dt><dd>{name}</dd>")
    if number:
        parts.append(f"<dt>Reference</dt><dd>{number}</dd>")
    return f'<section class="payment"><h2>Payment</h2><dl>{"".join(parts)}</dl></section>'


def _terms(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "Payment due on receipt"
    return f"Payment due within {days} day{'' if days == 1 else 's'}"


def _day(value: str | None) -> str:
    if not value:
        return ""
    day = date.fromisoformat(value[:10])
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _money(amount: Any, currency: str | None) -> str:
    if amount is None:
        return ""
    return f"{amount:,.2f} {_text(currency)}".strip()


def _quantity(quantity: Any) -> str:
    return "" if quantity is None else _number(quantity)


def _number(value: Any) -> str:
    """A decimal with no trailing zeros, grouped by thousands: "1.5", "20", "1,000"."""
    return f"{Decimal(str(value)).normalize():,f}"


def _grouped(iban: str) -> str:
    """An IBAN in groups of four, as it is printed ("NL91 ABNA 0417 1643 00"); other text as is."""
    compact = "".join(iban.split())
    if not compact.isascii() or not compact.isalnum():
        return iban
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _text(value: Any) -> str:
    """One line of text for the page: unseen characters escaped, then HTML-escaped; None is ""."""
    if value is None:
        return ""
    shown = visible(str(value).strip())
    # a lone surrogate (from a file's JSON) cannot be written as UTF-8: shown as \\udc80
    return html.escape(shown.encode("utf-8", "backslashreplace").decode("utf-8"))


def _lines_of(value: str | None) -> str:
    """A multi-line text (an address, a note), its blank lines dropped, as lines of the page."""
    return "<br>".join(shown for line in (value or "").splitlines() if (shown := _text(line)))
