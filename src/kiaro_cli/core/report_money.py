"""The report's money: what was paid each month, what is owed by client and by owner, and
how quotes ended.

- revenue by month: payments by the month of their day, the last twelve months (this one
  included), per currency;
- outstanding by client: gross − paid of open invoices, per client and currency, the ten
  that owe the most in each currency, then the others together;
- outstanding by owner: the same by the clients' owner (None for none, shown ``no owner``);
- quote conversion: of the quotes issued in the last twelve months that were accepted or
  declined, how many were accepted (the rate), and how many quotes are open.

Amounts are never summed across currencies. Drafts and void invoices never count;
archived clients are left out, as in the rest of the report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from kiaro_cli.core.money import amount_label, money
from kiaro_cli.core.records import whole
from kiaro_cli.storage import report_ledger_queries as q
from kiaro_cli.storage.reader import Reader, one

MONTHS = 12
TOP_CLIENTS = 10  # the clients named in each currency; the others are summed on one line
NO_OWNER = "no owner"
NO_DECIDED_QUOTES = "no quotes decided yet"


@dataclass(frozen=True)
class MonthAmounts:
    """What was paid in a month (``YYYY-MM``), per currency."""

    label: str
    amounts: dict[str, Decimal]

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "amounts": dict(self.amounts)}


@dataclass(frozen=True)
class ClientOwes:
    """What a client owes in one currency; ``client_id`` None: the others together
    (``clients`` says how many)."""

    client_id: int | None
    client: str | None
    clients: int
    currency: str
    amount: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "client": self.client,
            "clients": self.clients,
            "currency": self.currency,
            "amount": self.amount,
        }


@dataclass(frozen=True)
class OwnerOwes:
    """What the clients of an owner owe in one currency (``owner`` None: clients of no one)."""

    owner: str | None
    clients: int
    currency: str
    amount: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {
            "owner": self.owner,
            "clients": self.clients,
            "currency": self.currency,
            "amount": self.amount,
        }


@dataclass(frozen=True)
class Conversion:
    """Quotes of the last twelve months accepted and declined, and the quotes open now."""

    accepted: int
    declined: int
    open: int

    @property
    def rate(self) -> Decimal | None:
        """The share accepted of those decided, in percent to one place; None if none was."""
        decided = self.accepted + self.declined
        return (Decimal(100 * self.accepted) / decided).quantize(Decimal("0.1")) if decided else None

    def to_dict(self) -> dict[str, Any]:
        return {"accepted": self.accepted, "declined": self.declined, "rate": self.rate, "open": self.open}


def month_back(today: date, back: int) -> str:
    """The month (``YYYY-MM``) ``back`` months before today's."""
    index = today.year * 12 + today.month - 1 - back
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def last_months(today: date) -> list[str]:
    """The last twelve months, oldest first, today's last."""
    return [month_back(today, back) for back in range(MONTHS - 1, -1, -1)]


# The most a total of stored amounts can be: 2×10^13 (the largest gross kept) a row, for
# more rows than any book holds; SQLite adds a teammate's 1e300 up as a float past it.
_MOST_CENTS = 10**24


def _total(value: object) -> Decimal:
    """A sum of stored hundredths as an amount; one that is no sum of whole numbers kiaro
    keeps (a restored row's 1e300 makes the sum a float) counts as 0 until it is mended."""
    cents = whole(value)
    return money(cents) if cents is not None and abs(cents) <= _MOST_CENTS else money(0)


def revenue(reader: Reader, today: date) -> tuple[MonthAmounts, ...]:
    months = last_months(today)
    paid: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for row in reader.rows(q.REPORT_REVENUE, {"false_flag": False, "since": f"{months[0]}-01"}):
        paid[row["month"]][row["currency"]] = _total(row["cents"])
    return tuple(MonthAmounts(month, dict(sorted(paid[month].items()))) for month in months)


def outstanding_by_client(reader: Reader) -> tuple[ClientOwes, ...]:
    """The most owed first in each currency, currencies alphabetically, the others last."""
    return tuple(
        ClientOwes(
            None if row["client_id"] is None else int(row["client_id"]),
            row["name"],
            int(row["clients"]),
            row["currency"],
            _total(row["cents"]),
        )
        for row in reader.rows(q.REPORT_OUTSTANDING_BY_CLIENT, {"false_flag": False, "top": TOP_CLIENTS})
    )


def outstanding_by_owner(reader: Reader) -> tuple[OwnerOwes, ...]:
    """By currency, the most owed first (owners alphabetically among equals), no owner last."""
    lines = [
        OwnerOwes(row["owner"] or None, int(row["clients"]), row["currency"], _total(row["cents"]))
        for row in reader.rows(q.REPORT_OUTSTANDING_BY_OWNER, {"false_flag": False})
    ]
    return tuple(sorted(lines, key=_owner_order))


def _owner_order(line: OwnerOwes) -> tuple[str, bool, Decimal, str]:
    return line.currency, line.owner is None, -line.amount, (line.owner or "").lower()


def conversion(reader: Reader, today: date) -> Conversion:
    since = f"{last_months(today)[0]}-01"
    row = one(reader, q.REPORT_QUOTES, {"false_flag": False, "since": since, "today": today.isoformat()})
    assert row is not None  # an aggregate without GROUP BY is one row
    return Conversion(int(row["accepted"]), int(row["declined"]), int(row["open_quotes"]))


# ---------------------------------------------------------------- words


def amounts_label(amounts: dict[str, Decimal]) -> str:
    """ "1,200.00 EUR, 300.00 GBP"; "nothing" for none."""
    return ", ".join(amount_label(amount, currency) for currency, amount in amounts.items()) or "nothing"


def owes_label(line: ClientOwes) -> str:
    """The client's name, or "3 other clients"."""
    if line.client_id is not None:
        return line.client or f"#{line.client_id}"
    return f"{line.clients} other {'client' if line.clients == 1 else 'clients'}"


def conversion_label(made: Conversion) -> str:
    """ "3 of 4 decided were accepted (75%)", or that none was decided yet."""
    if made.rate is None:
        return NO_DECIDED_QUOTES
    decided, verb = made.accepted + made.declined, "was" if made.accepted == 1 else "were"
    return f"{made.accepted} of {decided} decided {verb} accepted ({made.rate.normalize():f}%)"
