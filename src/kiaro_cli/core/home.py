"""What the home screen knows: whether the workspace is empty, and quick counts."""

from __future__ import annotations

from dataclasses import dataclass

from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader, scalar


@dataclass(frozen=True)
class HomeSummary:
    total: int
    by_status: dict[str, int]
    missing_invoice_details: int

    @property
    def empty(self) -> bool:
        return self.total == 0


def home_summary(reader: Reader) -> HomeSummary:
    """Counts for the home screen (archived clients are left out of the counts)."""
    total = int(scalar(reader, queries.COUNT_ALL) or 0)
    if not total:
        return HomeSummary(0, {}, 0)
    params = {**queries.BASE_PARAMS, "false_flag": False}
    by_status = {row["status"]: int(row["n"]) for row in reader.rows(queries.COUNT_BY_STATUS, params)}
    missing = int(scalar(reader, queries.COUNT_MISSING, params) or 0)
    return HomeSummary(total, by_status, missing)
