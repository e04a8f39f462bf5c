"""A client with its money: what its Money card and JSON say (per currency, open projects
and quotes), what a listing of clients shows of it (projects, revenue in the workspace
currency), why a client with invoices is not deleted, and its ledger moved by a merge.

Money is never converted: revenue is counted in one currency, the ``default-currency``
setting (else the currency most paid in), and what is paid in others is said, not added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kiaro_cli.core.ledger import Amounts, ProjectRecord, QuoteRecord, client_money
from kiaro_cli.core.money import money
from kiaro_cli.core.records import whole
from kiaro_cli.errors import Conflict
from kiaro_cli.storage import ledger_queries, money_queries, queries
from kiaro_cli.storage.reader import Reader, one, scalar
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.core.records import ClientRecord, Settings
    from kiaro_cli.storage.rows import Client
    from kiaro_cli.storage.unit import Writer


@dataclass(frozen=True)
class MoneyView:
    """A client's money on a day: per currency, and its open projects and quotes."""

    finance: dict[str, Amounts] = field(default_factory=dict)
    projects: tuple[ProjectRecord, ...] = ()  # open ones, the soonest deadline first
    quotes: tuple[QuoteRecord, ...] = ()  # open ones (draft, sent), the latest first
    projects_open: int = 0
    quotes_open: int = 0

    @property
    def empty(self) -> bool:
        """Nothing to show: no issued invoice, no open project or quote."""
        return not (self.finance or self.projects or self.quotes)

    def to_dict(self) -> dict[str, Any]:
        """The keys ``client show --format json`` adds to the client object."""
        return {
            "finance": {currency: amounts.to_dict() for currency, amounts in self.finance.items()},
            "projects_open": self.projects_open,
            "quotes_open": self.quotes_open,
        }


def money_view(reader: Reader, client_id: int, today: date) -> MoneyView:
    """What the client's Money card and JSON say on ``today``."""
    totals = client_money(reader, client_id, today)
    params = {"client_id": client_id, "today": today.isoformat()}
    return MoneyView(
        totals.finance,
        tuple(map(ProjectRecord.from_row, reader.rows(money_queries.OPEN_PROJECTS_OF_CLIENT, params))),
        tuple(map(QuoteRecord.from_row, reader.rows(money_queries.OPEN_QUOTES_OF_CLIENT, params))),
        totals.projects_open,
        totals.quotes_open,
    )


# ---------------------------------------------------------------- listings


def revenue_currency(reader: Reader, settings: Settings) -> str | None:
    """The currency revenue is counted in: the ``default-currency`` setting, else the one
    most invoices were paid in (None: nothing paid yet). Amounts of different currencies
    are never added up, so 12 million yen do not outweigh a million euros."""
    if settings.default_currency:
        return settings.default_currency
    paid = paid_currencies(reader)
    if len(paid) < 2:
        return paid[0] if paid else None
    return str(scalar(reader, money_queries.MOST_PAID_CURRENCY))


def paid_currencies(reader: Reader) -> list[str]:
    """The currencies issued invoices have been paid in, in alphabetical order."""
    return [str(row["currency"]) for row in reader.rows(money_queries.PAID_CURRENCIES)]


@dataclass(frozen=True)
class ListedMoney:
    """What a page of clients shows of one client's ledger."""

    projects: int = 0  # of any status
    revenue: Decimal | None = None  # paid in the listing's currency; None: nothing
    owed: tuple[tuple[str, Decimal], ...] = ()  # left to pay, by currency (read for --outstanding)


def listed_money(
    reader: Reader, client_ids: Sequence[int], currency: str | None, *, owed: bool = False
) -> dict[int, ListedMoney]:
    """The projects and revenue (in ``currency``) of each of some clients, and with ``owed``
    what each has left to pay, read :data:`~kiaro_cli.storage.money_queries.IDS_AT_ONCE`
    clients at a time."""
    projects: dict[int, int] = {}
    revenue: dict[int, Decimal] = {}
    left: dict[int, list[tuple[str, Decimal]]] = {}
    for start in range(0, len(client_ids), money_queries.IDS_AT_ONCE):
        some = client_ids[start : start + money_queries.IDS_AT_ONCE]
        for row in reader.rows(*money_queries.projects_of(some)):
            projects[int(row["client_id"])] = int(row["n"])
        for row in reader.rows(*money_queries.revenue_of(some, currency)) if currency else ():
            if int(row["cents"] or 0) > 0:
                revenue[int(row["client_id"])] = money(int(row["cents"]))
        for row in reader.rows(*money_queries.outstanding_of(some)) if owed else ():
            if (cents := whole(row["cents"])) is not None:
                left.setdefault(int(row["client_id"]), []).append((str(row["currency"]), money(cents)))
    return {
        client_id: ListedMoney(
            projects.get(client_id, 0), revenue.get(client_id), tuple(left.get(client_id, ()))
        )
        for client_id in set(projects) | set(revenue) | set(left)
    }


@dataclass(frozen=True)
class PageMoney:
    """What a page of clients shows of their ledger: each one's projects and revenue in
    ``currency``, and how many of the clients listed were paid in other currencies."""

    currency: str | None = None
    clients: dict[int, ListedMoney] = field(default_factory=dict)
    revenue_order: bool = False  # the page is sorted by revenue
    paid_elsewhere: int = 0  # of the clients matched (by revenue only)


def page_money(
    reader: Reader,
    flt: queries.ClientFilter,
    client_ids: Sequence[int],
    currency: str | None,
    *,
    revenue_order: bool,
) -> PageMoney:
    """The ledger columns of a page of clients ``flt`` matched (revenue in ``currency``; None:
    no Revenue column); with ``revenue_order``, how many matched clients the order leaves out."""
    elsewhere = paid_elsewhere(reader, flt, currency) if revenue_order else 0
    owed = flt.outstanding or flt.overdue_on is not None  # a listing of who owes shows how much
    return PageMoney(
        currency, listed_money(reader, client_ids, currency, owed=owed), revenue_order, elsewhere
    )


def paid_elsewhere(reader: Reader, flt: queries.ClientFilter, currency: str | None) -> int:
    """How many of the clients ``flt`` matches were paid in another currency than
    ``currency``: a revenue order does not count that."""
    if currency is None or not set(paid_currencies(reader)) - {currency}:
        return 0
    indexed = bool(flt.search) and reader.has_search_index
    sql, params = queries.client_count(replace(flt, paid_elsewhere_than=currency), search_index=indexed)
    return int(scalar(reader, sql, params) or 0)


# ---------------------------------------------------------------- deleting, merging


def refuse_deletion(reader: Reader, client: ClientRecord) -> None:
    """Refuse to delete a client whose money history (invoices, payments) would go with it."""
    row = one(reader, ledger_queries.COUNT_LEDGER_OF_CLIENT, {"client_id": client.id})
    invoices, payments = (int(row["invoices"]), int(row["payments"])) if row else (0, 0)
    if invoices or payments:
        kept = ((invoices, "invoice"), (payments, "payment"))
        held = " and ".join(counted(n, kind) for n, kind in kept if n)
        raise Conflict(f"{client.name} has {held}; archive it instead: kiaro client archive {client.id}")


@dataclass(frozen=True)
class LedgerMoved:
    """What a merge gave the client kept of the other's ledger."""

    projects: int = 0
    quotes: int = 0
    invoices: int = 0
    payments: int = 0

    def said(self) -> str:
        """``2 projects, 3 invoices`` (what moved), or empty."""
        counts = (
            (self.projects, "project"),
            (self.quotes, "quote"),
            (self.invoices, "invoice"),
            (self.payments, "payment"),
        )
        return ", ".join(counted(n, noun) for n, noun in counts if n)


def move_ledger(w: Writer, keep: Client, other: Client) -> LedgerMoved:
    """Give KEEP every project, quote, invoice (its lines stay with it) and payment of OTHER."""
    assert keep.id is not None and other.id is not None
    moved = []
    for repository in (w.projects, w.quotes, w.invoices, w.payments):
        rows: list[Any] = repository.of_client(other.id)
        for row in rows:
            row.client_id = keep.id
            w.add(row)
        moved.append(len(rows))
    w.flush()
    return LedgerMoved(*moved)
