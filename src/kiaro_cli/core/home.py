"""What the home screen knows: whether the workspace is empty, what is due, quick counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kiaro_cli.core.clients import count_clients
from kiaro_cli.core.followups import due_filter, iter_follow_ups, scheduled_filter
from kiaro_cli.core.records import QUIET_MONTHS, ClientRecord
from kiaro_cli.core.settings import load_settings
from kiaro_cli.dates import months_before
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader, scalar

DUE_CARDS = 3


@dataclass(frozen=True)
class HomeSummary:
    total: int
    by_status: dict[str, int] = field(default_factory=dict)
    missing_invoice_details: int = 0
    due: tuple[ClientRecord, ...] = ()
    due_count: int = 0
    next_up: ClientRecord | None = None  # when nothing is due: the next follow-up scheduled
    quiet: int = 0  # clients not heard from for quiet_months or more
    quiet_months: int = QUIET_MONTHS

    @property
    def empty(self) -> bool:
        return self.total == 0


def home_summary(reader: Reader, today: date) -> HomeSummary:
    """The first :data:`DUE_CARDS` due follow-ups (most overdue first), how many are due
    (or, when none is, the next one), and counts by status, of clients missing invoice
    details and of clients gone quiet (archived left out)."""
    total = int(scalar(reader, queries.COUNT_ALL) or 0)
    if not total:
        return HomeSummary(0)
    params = {**queries.BASE_PARAMS, "false_flag": False}
    by_status = {row["status"]: int(row["n"]) for row in reader.rows(queries.COUNT_BY_STATUS, params)}
    missing = int(scalar(reader, queries.COUNT_MISSING, params) or 0)
    flt = due_filter(today)
    due = tuple(iter_follow_ups(reader, flt, limit=DUE_CARDS))
    due_count = len(due) if len(due) < DUE_CARDS else count_clients(reader, flt)
    next_up = None if due else next(iter_follow_ups(reader, scheduled_filter(today), limit=1), None)
    months = load_settings(reader).quiet_months
    before = months_before(today, months).isoformat()
    quiet = int(scalar(reader, queries.COUNT_QUIET, {"false_flag": False, "quiet_before": before}) or 0)
    return HomeSummary(total, by_status, missing, due, due_count, next_up, quiet, months)
