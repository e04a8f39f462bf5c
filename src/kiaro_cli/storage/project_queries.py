"""The listing of projects: of one client or of all, by status, in portable SQL with
``:name`` parameters (the SELECT, the order and ``late`` on ``:today`` are the ledger's)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiaro_cli.storage.ledger_queries import PROJECT_ORDER, PROJECT_SELECT


def project_list(client_id: int | None, statuses: Sequence[str], today: str) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters listing the projects of ``client_id`` (None: every current client's)
    whose status is one of ``statuses``: open ones first, the soonest deadline first."""
    where: list[str] = []
    params: dict[str, Any] = {"today": today}
    if client_id is not None:
        where.append("p.client_id = :client_id")
        params["client_id"] = client_id
    else:  # every current client's: archived clients are out of lists, as in every listing
        where.append("c.archived = :false_flag")
        params["false_flag"] = False
    names = [f"status_{i}" for i in range(len(statuses))]
    where.append(f"p.status IN ({', '.join(':' + name for name in names)})")
    params.update(zip(names, statuses, strict=True))
    return f"{PROJECT_SELECT} WHERE {' AND '.join(where)}{PROJECT_ORDER}", params
