"""The report's numbers on a database whose every number is known."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from kiaro_cli.core.clients import add_client, set_archived
from kiaro_cli.core.interactions import add_interaction
from kiaro_cli.core.report import Count, SourceLine, StatusLine, build_report
from kiaro_cli.core.settings import set_setting
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY

LONG_AGO = date(2026, 1, 1)  # clients are added as of then, so any follow-up day is allowed


def client(where: Location, name: str, **values: str) -> None:
    add_client(where, {"name": name, **values}, full_form=False, today=LONG_AGO)


def test_every_number_of_the_report(location: Location) -> None:
    set_setting(location, "default-currency", "EUR")
    client(location, "A", status="lead", source="Referral", value="1000", follow_up_on="2026-11-20")
    client(location, "B", status="active", source="referral", value="2500.50", currency="USD")
    client(location, "C", status="active", source="website", value="500", follow_up_on="2026-11-23")
    client(location, "D", status="past", follow_up_on="2026-11-29")  # the last day of this week
    client(location, "E", status="inactive", source="website", follow_up_on="2026-11-30")  # next week
    client(location, "F", status="lead", follow_up_on="2027-01-18")  # past the eighth week: not counted
    client(location, "Gone", status="active", source="website", value="9999", follow_up_on="2026-11-24")
    set_archived(location, "gone", True)
    for name, day in (("A", "2026-11-02"), ("B", "2026-11-20"), ("B", "2025-12-01"), ("C", "2025-11-30")):
        add_interaction(location, name, "Call", kind="call", on=day, today=TODAY)
    add_interaction(location, "gone", "Call", kind="call", on="2026-10-01", today=TODAY)

    with open_reader(location) as reader:
        report = build_report(reader, TODAY)
    assert report.pipeline == (
        StatusLine("lead", 2, {"EUR": Decimal(1000)}),
        StatusLine("active", 2, {"EUR": Decimal(500), "USD": Decimal("2500.50")}),
        StatusLine("inactive", 1, {}),
        StatusLine("past", 1, {}),
    )
    assert report.sources == (
        SourceLine("Referral", 2, 1),  # "referral" in any case is one source
        SourceLine("website", 2, 2),
        SourceLine("not recorded", 2, 1),
    )
    weeks = [
        Count((TODAY + timedelta(weeks=n)).isoformat(), n_) for n, n_ in enumerate((2, 1, 0, 0, 0, 0, 0, 0))
    ]
    assert report.follow_ups == (Count("overdue", 1), *weeks)
    assert report.interactions[0] == Count("2025-12", 1)  # twelve months, this one last
    assert report.interactions[-1] == Count("2026-11", 2)
    assert [c.count for c in report.interactions[1:-1]] == [
        0
    ] * 10  # the archived client's call is not counted
    from kiaro_cli.codecs.tabular import dumps

    assert dumps(report.to_dict()["pipeline"][1]) == (
        '{"status": "active", "clients": 2, "value": {"EUR": 500, "USD": 2500.5}}'
    )


def test_an_empty_database_has_a_report_of_zeros(location: Location) -> None:
    with open_reader(location) as reader:
        report = build_report(reader, TODAY)
    assert [line.clients for line in report.pipeline] == [0, 0, 0, 0]
    assert report.sources == ()
    assert sum(c.count for c in report.follow_ups) == sum(c.count for c in report.interactions) == 0
