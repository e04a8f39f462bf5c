"""Custom fields: defined once, typed values on every client, matched by --where, undone,
merged, imported and exported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core import clients
from kiaro_cli.core.clients import make_filter
from kiaro_cli.core.custom_fields import (
    CustomField,
    add_field,
    clean_custom,
    fields_by_key,
    list_fields,
    parse_assignments,
    remove_field,
    where_conditions,
)
from kiaro_cli.core.duplicates import merge_clients
from kiaro_cli.core.imports import import_clients
from kiaro_cli.core.timeline import timeline
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import ConfirmationNeeded, Conflict, InvalidValue, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY


@pytest.fixture
def fielded(location: Location) -> Location:
    """Acme and Beta, and four fields: sector (choice), staff (number), renewal (date), vip (bool)."""
    add_field(location, "sector", "choice", choices="Retail, Finance ,Health")
    add_field(location, "Staff", "integer", label="Head count")
    add_field(location, "renewal", "date")
    add_field(location, "vip", "boolean")
    for name in ("Acme", "Beta"):
        clients.add_client(location, {"name": name}, full_form=False, today=TODAY)
    return location


def custom(location: Location, ref: str = "acme") -> dict[str, Any]:
    with open_reader(location) as reader:
        return dict(clients.get_client(reader, ref).custom)


def matching(location: Location, *where: str) -> list[str]:
    with open_reader(location) as reader:
        flt = make_filter(today=TODAY)
        flt.custom = where_conditions(reader, where, TODAY)
        return [c.name for c in clients.iter_clients(reader, flt)]


def test_fields_are_kept_typed_with_their_choices_and_labels(fielded: Location) -> None:
    with open_reader(fielded) as reader:
        fields = list_fields(reader, with_counts=True)
    assert [(f.key, f.type, f.label, f.choices, f.clients) for f in fields] == [
        ("sector", "choice", None, ("Retail", "Finance", "Health"), 0),
        ("staff", "number", "Head count", (), 0),
        ("renewal", "date", None, (), 0),
        ("vip", "bool", None, (), 0),
    ]
    assert custom(fielded) == {"sector": None, "staff": None, "renewal": None, "vip": None}
    with pytest.raises(Conflict, match="exists already"):
        add_field(fielded, "SECTOR", "text")


def test_values_are_read_by_type_and_shown_as_json_gives_them(fielded: Location) -> None:
    result = clients.edit_client(
        fielded,
        "acme",
        {},
        custom=parse_assignments(["sector=retail", "staff=1,250.50", "renewal=in 6 months", "VIP=yes"]),
        today=TODAY,
    )
    assert [c.field for c in result.changes] == [
        "custom.sector",
        "custom.staff",
        "custom.renewal",
        "custom.vip",
    ]
    assert custom(fielded) == {
        "sector": "Retail",
        "staff": Decimal("1250.5"),
        "renewal": "2027-05-23",
        "vip": True,
    }
    clients.edit_client(fielded, "acme", {}, unset=["renewal", "STAFF"], today=TODAY)
    assert custom(fielded)["staff"] is None and custom(fielded)["renewal"] is None
    again = clients.edit_client(fielded, "acme", {}, custom={"sector": "RETAIL"}, today=TODAY)
    assert again.changes == ()  # the same choice in another case is no change


def test_a_bad_value_changes_nothing_and_all_bad_values_are_named(fielded: Location) -> None:
    with pytest.raises(InvalidValue) as raised:
        clients.edit_client(
            fielded, "acme", {"city": "Paris"}, custom={"staff": "ten", "vip": "maybe"}, today=TODAY
        )
    assert raised.value.details == [
        "staff 'ten' is not a number (e.g. 42, -3.5 or 12 000)",
        "vip 'maybe' must be yes or no",
    ]
    with open_reader(fielded) as reader:
        assert clients.get_client(reader, "acme").city is None
    with pytest.raises(InvalidValue, match="not one of: Retail, Finance, Health"):
        clients.edit_client(fielded, "acme", {}, custom={"sector": "Mining"}, today=TODAY)
    with pytest.raises(InvalidValue, match="no custom field 'colour'"):
        clients.edit_client(fielded, "acme", {}, custom={"colour": "blue"}, today=TODAY)
    with pytest.raises(InvalidValue, match="cannot both"):
        clients.edit_client(fielded, "acme", {}, custom={"vip": "no"}, unset=["vip"], today=TODAY)
    with pytest.raises(InvalidValue, match="--set takes KEY=VALUE"):
        parse_assignments(["sector"])


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (["sector=retail"], ["Acme"]),
        (["sector!=Retail"], ["Beta", "Cleo"]),  # no value is "not Retail" too
        (["sector="], ["Cleo"]),
        (["sector!="], ["Acme", "Beta"]),
        (["staff>50"], ["Acme"]),
        (["staff<=12"], ["Beta"]),
        (["staff=12.0"], ["Beta"]),
        (["staff>=-1", "sector=Finance"], ["Beta"]),
        (["renewal<2027-01-01"], ["Beta"]),
        (["renewal>=in 3 months"], ["Acme"]),
        (["vip=no"], ["Beta"]),
        (["vip=yes", "sector=Retail"], ["Acme"]),
    ],
)
def test_where_matches_values_by_their_type(fielded: Location, where: list[str], expected: list[str]) -> None:
    clients.add_client(fielded, {"name": "Cleo"}, full_form=False, today=TODAY)
    clients.edit_client(
        fielded, "acme", {}, custom={"sector": "Retail", "staff": "120", "renewal": "2027-06-30", "vip": "y"}
    )
    clients.edit_client(
        fielded, "beta", {}, custom={"sector": "Finance", "staff": "12", "renewal": "2026-12-01", "vip": "n"}
    )
    assert matching(fielded, *where) == expected


@pytest.mark.parametrize(
    ("where", "error"),
    [
        ("sector>Retail", "compares it with = or != only"),
        ("vip<yes", "compares it with = or != only"),
        ("staff>", "needs a value"),
        ("staff>many", "is not a number"),
        ("renewal<someday", "cannot understand the date"),
        ("colour=blue", "no custom field 'colour'"),
        ("sector", "--where takes KEY=VALUE"),
        ("sector=Mining", "not one of"),
    ],
)
def test_where_refuses_what_it_cannot_compare(fielded: Location, where: str, error: str) -> None:
    with pytest.raises((InvalidValue, NotFound), match=error), open_reader(fielded) as reader:
        where_conditions(reader, [where], TODAY)


def test_a_field_in_use_is_removed_only_when_asked_and_undo_brings_it_back(fielded: Location) -> None:
    clients.edit_client(fielded, "acme", {}, custom={"sector": "Health"}, today=TODAY)
    with pytest.raises(ConfirmationNeeded, match="1 client has a value of sector"):
        remove_field(fielded, "sector")
    removed = remove_field(fielded, "Sector", with_values=True)
    assert removed.clients == 1
    assert "sector" not in custom(fielded)
    with open_reader(fielded) as reader:
        assert timeline(reader, 1)[0].detail == "sector: Health → (empty)"
    undo_last(fielded)
    assert custom(fielded)["sector"] == "Health"
    remove_field(fielded, "staff")  # no values: no question
    with pytest.raises(NotFound):
        remove_field(fielded, "staff")


def test_setting_a_value_is_history_and_undone(fielded: Location) -> None:
    clients.edit_client(fielded, "acme", {}, custom={"staff": "7"}, today=TODAY)
    with open_reader(fielded) as reader:
        assert timeline(reader, 1)[0].detail == "Head count: (empty) → 7"
    undo_last(fielded)
    assert custom(fielded)["staff"] is None


def test_a_merge_keeps_the_values_the_kept_client_lacks_and_a_delete_erases_them(fielded: Location) -> None:
    clients.edit_client(fielded, "acme", {}, custom={"sector": "Retail"}, today=TODAY)
    clients.edit_client(fielded, "beta", {}, custom={"sector": "Finance", "staff": "3"}, today=TODAY)
    merge_clients(fielded, "acme", "beta")
    assert custom(fielded) | {"renewal": None} == {
        "sector": "Retail",
        "staff": Decimal(3),
        "renewal": None,
        "vip": None,
    }
    clients.delete_client(fielded, "acme")
    with open_reader(fielded) as reader:
        assert fields_by_key(reader, with_counts=True)["staff"].clients == 0


def test_a_new_client_takes_custom_values_in_the_same_write(fielded: Location) -> None:
    record = clients.add_client(fielded, {"name": "Cleo"}, custom={"vip": "ja"}, full_form=False, today=TODAY)
    assert record.custom["vip"] is True
    with pytest.raises(InvalidValue):
        clients.add_client(fielded, {"name": "Dora"}, custom={"vip": "?"}, full_form=False, today=TODAY)
    with open_reader(fielded) as reader:
        assert [c.name for c in clients.iter_clients(reader, make_filter(today=TODAY))] == [
            "Acme",
            "Beta",
            "Cleo",
        ]


def test_imports_fill_custom_columns_and_mapped_ones(fielded: Location) -> None:
    data = (
        b"name,custom.sector,Employees,custom.renewal\n"
        b"Acme,finance,1.25,\n"  # an update: its empty renewal leaves the value it has
        b"Nova,Health,12,2027-01-31\n"
    )
    clients.edit_client(fielded, "acme", {}, custom={"renewal": "2027-03-01"}, today=TODAY)
    import_clients(fielded, data, mapping={"Employees": "custom.staff"}, on_duplicate="update", today=TODAY)
    assert custom(fielded) == {
        "sector": "Finance",
        "staff": Decimal("1.25"),
        "renewal": "2027-03-01",
        "vip": None,
    }
    assert custom(fielded, "nova") == {
        "sector": "Health",
        "staff": Decimal(12),
        "renewal": "2027-01-31",
        "vip": None,
    }
    undo_last(fielded)
    assert custom(fielded)["sector"] is None


def test_an_import_refuses_unknown_custom_columns_and_names_bad_values_by_line(fielded: Location) -> None:
    with pytest.raises(InvalidValue, match="no custom field 'colour'; add it first"):
        import_clients(fielded, b"name,custom.colour\nNova,blue\n", today=TODAY)
    with pytest.raises(InvalidValue) as raised:
        import_clients(fielded, b"name,custom.staff,custom.vip,email\nNova,ten,maybe,nope\n", today=TODAY)
    assert raised.value.details == [
        "line 2: invalid email 'nope': An email address must have an @-sign.",
        "line 2: staff 'ten' is not a number (e.g. 42, -3.5 or 12 000)",
        "line 2: vip 'maybe' must be yes or no",
    ]


def test_a_file_of_people_completes_custom_values_without_replacing_them(fielded: Location) -> None:
    clients.edit_client(fielded, "acme", {}, custom={"sector": "Retail"}, today=TODAY)
    data = b"First Name,Last Name,Company,custom.sector,custom.staff\nAnn,Lee,Acme,Finance,40\n"
    import_clients(fielded, data, on_duplicate="update", today=TODAY)
    assert custom(fielded)["sector"] == "Retail" and custom(fielded)["staff"] == Decimal(40)


NUMBER_FIELD = CustomField(1, "n", "number", None, ())


@given(st.decimals(-(10**9), 10**9, places=4, allow_nan=False))
def test_a_number_written_back_reads_as_the_same_number(number: Decimal) -> None:
    stored = clean_custom(NUMBER_FIELD, str(number), TODAY)
    assert Decimal(stored.value) == number
    assert clean_custom(NUMBER_FIELD, stored.value, TODAY) == stored
    assert stored.number == float(number)
    comma = clean_custom(NUMBER_FIELD, stored.value.replace(".", ","), TODAY, decimal_comma=True)
    assert comma == stored


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_a_date_reads_as_itself(day: date) -> None:
    field = CustomField(1, "d", "date", None, ())
    assert clean_custom(field, day.isoformat(), TODAY).value == day.isoformat()
