"""The report's money on a book whose every amount is known: revenue by month, what is owed by
client and by owner, and how quotes ended; per currency, drafts and void invoices left out,
archived clients too."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiaro_cli.codecs.tabular import dumps
from kiaro_cli.core.clients import add_client, set_archived
from kiaro_cli.core.report import Report, build_report, labels
from kiaro_cli.core.report_money import ClientOwes, Conversion, MonthAmounts, OwnerOwes
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from kiaro_cli.storage.unit import Writer, write
from tests.helpers import SERVER, TODAY


def client(where: Location, name: str, owner: str | None = None) -> int:
    made = add_client(where, {"name": name, "owner": owner}, full_form=False, today=TODAY)
    return int(made.id)


def invoice(
    w: Writer, client_id: int, gross: int, *, paid: int = 0, state: str = "open", currency: str = "EUR"
) -> int:
    """An invoice of ``gross`` whole units (no VAT), ``paid`` of it paid."""
    from kiaro_cli.storage.rows import Invoice

    row = Invoice(
        client_id=client_id, number=None if state == "draft" else f"INV-2026-{w.take_number('INV-2026'):03d}",
        state=state, currency=currency, net_cents=gross * 100, vat_rate_bp=0, vat_cents=0,
        gross_cents=gross * 100, paid_cents=paid * 100, issued_on="2026-10-01", due_on="2026-10-31",
        created_at=w.at, updated_at=w.at,
    )  # fmt: skip
    w.add(row)
    w.flush()
    assert row.id is not None
    return int(row.id)


def payment(w: Writer, invoice_id: int, client_id: int, amount: str, day: str, currency: str = "EUR") -> None:
    from kiaro_cli.storage.rows import Payment

    cents = int(Decimal(amount) * 100)
    w.add(Payment(invoice_id=invoice_id, client_id=client_id, paid_on=day, amount_cents=cents,
                  currency=currency, created_at=w.at))  # fmt: skip


def quote(w: Writer, client_id: int, status: str, issued: str, valid_until: str = "2026-12-31") -> None:
    from kiaro_cli.storage.rows import Quote

    serial = w.take_number("Q-2026")
    w.add(Quote(client_id=client_id, number=f"Q-2026-{serial:03d}", currency="EUR", net_cents=100,
                vat_rate_bp=0, vat_cents=0, gross_cents=100, status=status, issued_on=issued,
                valid_until=valid_until, created_at=w.at, updated_at=w.at))  # fmt: skip


def report_of(where: Location) -> Report:
    with open_reader(where) as reader:
        return build_report(reader, TODAY)


def test_revenue_is_paid_money_by_month_per_currency(location: Location) -> None:
    acme, gone = client(location, "Acme"), client(location, "Gone")
    with write(location) as w:
        eur, usd = invoice(w, acme, 1000, paid=700), invoice(w, acme, 500, paid=500, currency="USD")
        void = invoice(w, acme, 300, paid=300, state="void")
        old = invoice(w, acme, 90, paid=90)
        payment(w, eur, acme, "400.50", "2026-11-02")
        payment(w, eur, acme, "299.50", "2026-10-31")
        payment(w, usd, acme, "500", "2026-11-20", "USD")
        payment(w, void, acme, "300", "2026-11-03")  # of a voided invoice: not revenue
        payment(w, old, acme, "90", "2025-11-30")  # before the twelve months
        gone_invoice = invoice(w, gone, 80, paid=80)
        payment(w, gone_invoice, gone, "80", "2026-11-04")
    set_archived(location, "gone", True)

    revenue = report_of(location).revenue
    assert [month.label for month in revenue] == [f"2025-{m}" for m in ("12",)] + [
        f"2026-{m:02d}" for m in range(1, 12)
    ]
    assert revenue[-1] == MonthAmounts("2026-11", {"EUR": Decimal("400.50"), "USD": Decimal("500.00")})
    assert revenue[-2] == MonthAmounts("2026-10", {"EUR": Decimal("299.50")})
    assert all(month.amounts == {} for month in revenue[:-2])
    assert dumps(revenue[-1].to_dict()) == '{"label": "2026-11", "amounts": {"EUR": 400.5, "USD": 500}}'


def test_outstanding_is_open_invoices_gross_less_paid_per_client_and_currency(location: Location) -> None:
    acme, beta, gone = (
        client(location, "Acme", "Sam"),
        client(location, "Beta", "sam "),
        client(location, "Gone"),
    )
    nobody = client(location, "Nobody")
    with write(location) as w:
        invoice(w, acme, 1000, paid=250)
        invoice(w, acme, 400, currency="USD")
        invoice(w, acme, 5000, state="draft")  # a draft never counts
        invoice(w, acme, 7000, state="void")  # nor a void one
        invoice(w, beta, 300, paid=300)  # paid: nothing owed
        invoice(w, beta, 1200)
        invoice(w, nobody, 60)
        invoice(w, gone, 9999)
    set_archived(location, "gone", True)

    made = report_of(location)
    assert made.outstanding_by_client == (
        ClientOwes(beta, "Beta", 1, "EUR", Decimal("1200.00")),
        ClientOwes(acme, "Acme", 1, "EUR", Decimal("750.00")),
        ClientOwes(nobody, "Nobody", 1, "EUR", Decimal("60.00")),
        ClientOwes(acme, "Acme", 1, "USD", Decimal("400.00")),  # never added to the euros
    )
    assert made.outstanding_by_owner == (
        OwnerOwes("Sam", 2, "EUR", Decimal("1950.00")),  # "Sam" and "sam " are one owner
        OwnerOwes(None, 1, "EUR", Decimal("60.00")),
        OwnerOwes("Sam", 1, "USD", Decimal("400.00")),
    )
    said = labels(made)
    assert said["owed_by_client_amounts"][:2] == ["1,200.00 EUR", "750.00 EUR"]
    assert said["owed_by_owner"] == ["Sam", "no owner", "Sam"]


def test_the_ten_that_owe_most_are_named_and_the_others_summed(location: Location) -> None:
    ids = [client(location, f"Client {n:02d}") for n in range(1, 14)]
    with write(location) as w:
        for n, client_id in enumerate(ids, start=1):
            invoice(w, client_id, 100 * n)  # Client 13 owes the most
        invoice(w, ids[0], 5, currency="GBP")

    owed = report_of(location).outstanding_by_client
    assert [line.client for line in owed[:10]] == [f"Client {n:02d}" for n in range(13, 3, -1)]
    assert owed[10] == ClientOwes(None, None, 3, "EUR", Decimal("600.00"))  # 100 + 200 + 300
    assert owed[11] == ClientOwes(ids[0], "Client 01", 1, "GBP", Decimal("5.00"))
    assert labels(report_of(location))["owed_by_client"][10] == "3 other clients"


def test_quote_conversion_counts_the_decided_quotes_of_twelve_months(location: Location) -> None:
    acme, gone = client(location, "Acme"), client(location, "Gone")
    with write(location) as w:
        quote(w, acme, "accepted", "2026-11-20")
        quote(w, acme, "accepted", "2025-12-01")
        quote(w, acme, "declined", "2026-03-03")
        quote(w, acme, "declined", "2025-11-30")  # before the twelve months
        quote(w, acme, "draft", "2026-11-23")
        quote(w, acme, "sent", "2026-11-01", valid_until="2026-12-01")
        quote(w, acme, "sent", "2026-10-01", valid_until="2026-11-01")  # expired: neither open nor decided
        quote(w, gone, "accepted", "2026-11-01")
    set_archived(location, "gone", True)

    made = report_of(location)
    assert made.quote_conversion == Conversion(accepted=2, declined=1, open=2)
    assert made.quote_conversion.to_dict() == {
        "accepted": 2,
        "declined": 1,
        "rate": Decimal("66.7"),
        "open": 2,
    }
    assert labels(made)["quote_conversion"] == ["2 of 3 decided were accepted (66.7%)"]


def test_one_accepted_quote_reads_in_the_singular() -> None:
    from kiaro_cli.core.report_money import conversion_label

    assert (
        conversion_label(Conversion(accepted=1, declined=0, open=0)) == "1 of 1 decided was accepted (100%)"
    )
    assert conversion_label(Conversion(accepted=0, declined=2, open=0)) == "0 of 2 decided were accepted (0%)"


def test_no_quote_decided_yet_has_no_rate(location: Location) -> None:
    acme = client(location, "Acme")
    with write(location) as w:
        quote(w, acme, "sent", "2026-11-01")
    made = report_of(location)
    assert made.quote_conversion.rate is None
    assert dumps(made.quote_conversion.to_dict()) == '{"accepted": 0, "declined": 0, "rate": null, "open": 1}'
    assert labels(made)["quote_conversion"] == ["no quotes decided yet"]


def test_an_empty_book_has_no_money(location: Location) -> None:
    made = report_of(location)
    assert len(made.revenue) == 12 and all(month.amounts == {} for month in made.revenue)
    assert made.outstanding_by_client == () and made.outstanding_by_owner == ()
    assert labels(made)["revenue_paid"][0] == "nothing"


@pytest.mark.postgres
@pytest.mark.skipif(not SERVER, reason="KIARO_TEST_POSTGRES_URL is not set (.ci/run sets it)")
def test_postgresql_reads_the_same_money(location: Location, postgres_url: str) -> None:
    reports = []
    for where in (location, Location(url=postgres_url)):
        ids = [client(where, f"Client {n:02d}", "Sam" if n % 2 else None) for n in range(1, 13)]
        with write(where) as w:
            for n, client_id in enumerate(ids, start=1):
                paid_invoice = invoice(w, client_id, 10 * n, paid=n)
                payment(w, paid_invoice, client_id, str(n), f"2026-{n:02d}-15")
            invoice(w, ids[0], 7, currency="USD")
            quote(w, ids[0], "accepted", "2026-06-01")
            quote(w, ids[1], "declined", "2026-06-01")
        set_archived(where, "Client 03", True)
        reports.append(report_of(where).to_dict())
    assert reports[0] == reports[1]
    assert reports[0]["outstanding_by_client"][10]["clients"] == 1  # 12 clients, one archived
    assert reports[0]["revenue"][2] == {"label": "2026-02", "amounts": {"EUR": 2}}
    assert reports[0]["revenue"][3] == {"label": "2026-03", "amounts": {}}  # the archived client's
