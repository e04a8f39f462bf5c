"""The report: the numbers behind ``kiaro report``'s charts, from current clients.

- the pipeline: clients and their value by status (value in each currency: the client's,
  else the workspace's default, else XXX);
- where clients came from: by source, how many, and how many became clients (any
  status past lead);
- the follow-up load: how many are overdue, then how many fall in each of the next
  eight weeks (a week is seven days from today);
- interactions per month over the last twelve months, this one included;
- the money (:mod:`kiaro_cli.core.report_money`): revenue by month, what is outstanding by
  client and by owner, and how quotes ended.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from kiaro_cli.core import report_money
from kiaro_cli.core.choices import STATUSES
from kiaro_cli.core.money import amount_label
from kiaro_cli.core.records import status_context, stored_day
from kiaro_cli.core.report_money import ClientOwes, Conversion, MonthAmounts, OwnerOwes, last_months
from kiaro_cli.core.settings import load_settings
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader

WEEKS = 8
UNKNOWN_SOURCE = "not recorded"
NO_CURRENCY = "XXX"  # ISO 4217's code for none: neither the client nor the workspace names one


@dataclass(frozen=True)
class StatusLine:
    status: str
    clients: int
    value: dict[str, Decimal]  # currency → the sum of the clients' values

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "clients": self.clients,
            "value": dict(self.value),
        }


@dataclass(frozen=True)
class SourceLine:
    source: str
    clients: int
    became_clients: int

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "clients": self.clients, "became_clients": self.became_clients}


@dataclass(frozen=True)
class Count:
    """A labelled count: a week (its first day), a month (YYYY-MM), or "overdue"."""

    label: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "count": self.count}


@dataclass(frozen=True)
class Report:
    today: date
    pipeline: tuple[StatusLine, ...]
    sources: tuple[SourceLine, ...]
    follow_ups: tuple[Count, ...]  # overdue first, then one a week
    interactions: tuple[Count, ...]  # oldest month first
    revenue: tuple[MonthAmounts, ...]  # oldest month first
    outstanding_by_client: tuple[ClientOwes, ...]
    outstanding_by_owner: tuple[OwnerOwes, ...]
    quote_conversion: Conversion

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "pipeline": [line.to_dict() for line in self.pipeline],
            "sources": [line.to_dict() for line in self.sources],
            "follow_ups": [count.to_dict() for count in self.follow_ups],
            "interactions": [count.to_dict() for count in self.interactions],
            "revenue": [month.to_dict() for month in self.revenue],
            "outstanding_by_client": [line.to_dict() for line in self.outstanding_by_client],
            "outstanding_by_owner": [line.to_dict() for line in self.outstanding_by_owner],
            "quote_conversion": self.quote_conversion.to_dict(),
        }


def build_report(reader: Reader, today: date) -> Report:
    """Every number of the report, as of ``today``."""
    return Report(
        today,
        _pipeline(reader),
        _sources(reader),
        _follow_ups(reader, today),
        _interactions(reader, today),
        report_money.revenue(reader, today),
        report_money.outstanding_by_client(reader),
        report_money.outstanding_by_owner(reader),
        report_money.conversion(reader, today),
    )


def _pipeline(reader: Reader) -> tuple[StatusLine, ...]:
    default = load_settings(reader).default_currency or NO_CURRENCY
    clients: dict[str, int] = defaultdict(int)
    value: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for row in reader.rows(queries.REPORT_PIPELINE, {"false_flag": False}):
        clients[row["status"]] += row["clients"]
        if row["value_cents"]:
            currency = row["currency"] or default
            value[row["status"]][currency] = (
                value[row["status"]].get(currency, Decimal(0)) + Decimal(row["value_cents"]) / 100
            )
    return tuple(StatusLine(s, clients[s], dict(sorted(value[s].items()))) for s in STATUSES)


def _sources(reader: Reader) -> tuple[SourceLine, ...]:
    lines = [
        SourceLine(row["source"] or UNKNOWN_SOURCE, row["clients"], row["became_clients"])
        for row in reader.rows(queries.REPORT_SOURCES, {"false_flag": False})
    ]
    return tuple(sorted(lines, key=_source_order))


def _source_order(line: SourceLine) -> tuple[bool, int, str]:
    """The most clients first, alphabetically among equals; unrecorded sources last."""
    return (line.source == UNKNOWN_SOURCE, -line.clients, line.source.lower())


def _follow_ups(reader: Reader, today: date) -> tuple[Count, ...]:
    until = today + timedelta(weeks=WEEKS)
    overdue, weeks = 0, [0] * WEEKS
    for row in reader.rows(queries.REPORT_FOLLOW_UPS, {"false_flag": False, "until": until.isoformat()}):
        day = stored_day(row["day"])
        if day is None:  # a restored row's or a teammate's day that is no day reads as none
            continue
        if day < today:
            overdue += row["clients"]
        else:
            weeks[(day - today).days // 7] += row["clients"]
    starts = [(today + timedelta(weeks=n)).isoformat() for n in range(WEEKS)]
    return (Count("overdue", overdue), *(Count(start, n) for start, n in zip(starts, weeks, strict=True)))


def _interactions(reader: Reader, today: date) -> tuple[Count, ...]:
    months = last_months(today)
    found = {
        row["month"]: row["interactions"]
        for row in reader.rows(queries.REPORT_INTERACTIONS, {"false_flag": False, "since": f"{months[0]}-01"})
    }
    return tuple(Count(month, found.get(month, 0)) for month in months)


# ---------------------------------------------------------------- labels
# One set of words for the terminal's charts and the web page's: both read them from here.


def status_label(status: str) -> str:
    """ "Lead", "Client", "Inactive client", "Past client"."""
    return status_context(status)


def amounts(value: dict[str, Decimal]) -> str:
    """ "EUR 12,500, ZAR 48,000": each currency's sum in whole units (no code when none is known)."""
    return ", ".join(
        f"{currency} {amount:,.0f}".removeprefix(f"{NO_CURRENCY} ") for currency, amount in value.items()
    )


def became(count: int) -> str:
    """ "1 became a client", "3 became clients"."""
    return f"{count} became {'a client' if count == 1 else 'clients'}"


def week_label(label: str, today: date) -> str:
    """ "overdue", "this week", "from Mon 30 Nov"."""
    if label == "overdue":
        return label
    start = date.fromisoformat(label)
    return "this week" if start == today else f"from {start:%a} {start.day} {start:%b}"


def month_label(label: str) -> str:
    """ "2026-11" → "Nov 2026"."""
    year, month = (int(part) for part in label.split("-"))
    return date(year, month, 1).strftime("%b %Y")


def labels(report: Report) -> dict[str, list[str]]:
    """The words each chart shows beside its numbers, in the order of the report's lines."""
    return {
        "pipeline": [status_label(line.status) for line in report.pipeline],
        "values": [amounts(line.value) for line in report.pipeline],
        "sources": [line.source for line in report.sources],
        "became": [became(line.became_clients) for line in report.sources],
        "follow_ups": [week_label(count.label, report.today) for count in report.follow_ups],
        "interactions": [month_label(count.label) for count in report.interactions],
        "revenue": [month_label(month.label) for month in report.revenue],
        "revenue_paid": [report_money.amounts_label(month.amounts) for month in report.revenue],
        "owed_by_client": [report_money.owes_label(line) for line in report.outstanding_by_client],
        "owed_by_client_amounts": [
            amount_label(line.amount, line.currency) for line in report.outstanding_by_client
        ],
        "owed_by_owner": [line.owner or report_money.NO_OWNER for line in report.outstanding_by_owner],
        "owed_by_owner_amounts": [
            amount_label(line.amount, line.currency) for line in report.outstanding_by_owner
        ],
        "quotes": ["accepted", "declined", "open"],
        "quote_conversion": [report_money.conversion_label(report.quote_conversion)],
    }
