"""The client rules, exercised on the core directly against a real SQLite file."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from kiaro_cli.core import clients
from kiaro_cli.core.records import ClientRecord
from kiaro_cli.core.settings import set_setting
from kiaro_cli.core.tags import add_tags, remove_tags
from kiaro_cli.errors import Ambiguous, Conflict, InvalidValue, MissingFields, NotFound
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import FULL, TODAY


def add(location: Location, **values: str) -> ClientRecord:
    return clients.add_client(location, {**FULL, **values}, today=TODAY)


def get(location: Location, ref: str) -> ClientRecord:
    with open_reader(location) as reader:
        return clients.get_client(reader, ref)


def dump(location: Location) -> list[str]:
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        return list(connection.iterdump())


def test_full_form_names_every_missing_field_at_once(location: Location) -> None:
    with pytest.raises(MissingFields) as raised:
        clients.add_client(location, {"name": "Acme", "city": "Paris"}, today=TODAY)
    assert raised.value.fields == ["contact_person", "email", "address_line1", "postal_code", "country"]
    assert "email (--email)" in raised.value.message and "postal code (--postal-code)" in raised.value.message


def test_full_form_stores_normalised_values_and_primary_contact(location: Location) -> None:
    client = add(location, email="Thandi@BrandFactor.CO.ZA", phone="021 555 0123", vat_rate="15")
    assert client.status == "active"
    assert client.country == "ZA"
    assert client.email == "Thandi@brandfactor.co.za"
    assert client.phone == "+27 21 555 0123"
    assert client.contact_person == "Thandi Mokoena"
    assert client.vat_rate == Decimal("15")
    assert client.missing_fields == ()
    assert client.billing_name == "CDF Marketing Pty Ltd"
    with open_reader(location) as reader:
        (contact,) = clients.contacts_of(reader, client.id)
    assert contact.primary and contact.email == client.email and contact.phone == client.phone


def test_quick_add_makes_a_lead_with_only_a_name(location: Location) -> None:
    lead = clients.add_client(location, {"name": "  Acme Corp  "}, full_form=False, today=TODAY)
    assert (lead.name, lead.status) == ("Acme Corp", "lead")
    assert lead.missing_fields == (
        "contact_person",
        "email",
        "address_line1",
        "city",
        "postal_code",
        "country",
    )


def test_duplicate_name_is_refused_unless_allowed(location: Location) -> None:
    add(location)
    with pytest.raises(Conflict, match="already exists"):
        clients.add_client(location, {"name": "BRAND factor"}, full_form=False, today=TODAY)
    again = clients.add_client(
        location, {"name": "BRAND factor"}, full_form=False, allow_duplicate=True, today=TODAY
    )
    assert again.id == 2


def test_codes_are_upper_case_and_unique(location: Location) -> None:
    assert add(location, code="bf1").code == "BF1"
    with pytest.raises(Conflict, match="BF1 is already used"):
        clients.add_client(location, {"name": "Other", "code": "Bf1"}, full_form=False, today=TODAY)
    with pytest.raises(InvalidValue, match="2–8 letters"):
        clients.add_client(location, {"name": "Other", "code": "b-1"}, full_form=False, today=TODAY)


def test_several_invalid_values_are_reported_together(location: Location) -> None:
    with pytest.raises(InvalidValue) as raised:
        add(location, email="nope", vat_rate="120", country="Atlantis")
    assert raised.value.message == "3 values are invalid"
    assert len(raised.value.details) == 3
    with open_reader(location) as reader:
        assert clients.count_clients(reader, clients.make_filter(archived="all")) == 0


def test_editing_one_field_touches_no_other(location: Location) -> None:
    before = add(location, vat_rate="15", notes="Prefers calls")
    outcome = clients.edit_client(location, "brand", {"city": "Durban"}, today=TODAY)
    after = outcome.client
    assert [c.field for c in outcome.changes] == ["city"]
    changed = {k for k, v in after.to_dict().items() if before.to_dict()[k] != v}
    assert changed - {"updated_at", "last_activity_at"} == {"city"}
    assert after.vat_rate == Decimal("15") and after.notes == "Prefers calls"


def test_clear_empties_a_field_and_falls_back_to_the_default(location: Location) -> None:
    add(location, vat_rate="15")
    set_setting(location, "default-vat-rate", "21")
    after = clients.edit_client(location, "brand", {}, clear=["vat-rate"], today=TODAY).client
    assert after.vat_rate is None
    assert (after.effective_vat_rate, after.vat_rate_from_default) == (Decimal("21"), True)


def test_name_and_status_cannot_be_cleared_and_unknown_fields_are_refused(location: Location) -> None:
    add(location)
    with pytest.raises(InvalidValue, match="cannot be cleared"):
        clients.edit_client(location, "brand", {}, clear=["name"])
    with pytest.raises(InvalidValue, match="unknown field 'colour'"):
        clients.edit_client(location, "brand", {}, clear=["colour"])


def test_end_date_before_start_is_refused_and_nothing_changes(location: Location) -> None:
    add(location)
    before = dump(location)
    with pytest.raises(InvalidValue, match="before start date"):
        clients.edit_client(location, "brand", {"start_date": "2026-05-01", "end_date": "2026-04-01"})
    assert dump(location) == before


def test_dates_are_checked_as_they_end_up_so_a_cleared_start_bounds_no_end(location: Location) -> None:
    add(location)
    clients.edit_client(location, "brand", {"start_date": "2026-05-01"})
    moved = clients.edit_client(location, "brand", {"end_date": "2020-01-01"}, clear=["start_date"]).client
    assert (moved.start_date, moved.end_date) == (None, "2020-01-01")
    moved = clients.edit_client(location, "brand", {"start_date": "2026-06-01"}, clear=["end_date"]).client
    assert (moved.start_date, moved.end_date) == ("2026-06-01", None)
    with pytest.raises(InvalidValue, match="before start date"):
        clients.edit_client(location, "brand", {"end_date": "2026-01-01"})


def test_setting_the_contact_person_renames_the_primary_contact(location: Location) -> None:
    client = add(location)
    renamed = clients.edit_client(location, "brand", {"contact_person": "Thandi M."}).client
    assert renamed.contact_person == "Thandi M."
    with open_reader(location) as reader:
        assert [c.name for c in clients.contacts_of(reader, client.id)] == ["Thandi M."]


def test_status_change_keeps_the_follow_up_date(location: Location) -> None:
    clients.add_client(location, {"name": "Acme", "follow_up_on": "2w"}, full_form=False, today=TODAY)
    after = clients.set_status(location, "acme", "active").client
    assert (after.status, after.follow_up_on) == ("active", "2026-12-07")


def test_follow_up_in_the_past_is_refused_quoting_the_phrase(location: Location) -> None:
    with pytest.raises(InvalidValue, match="'2026-01-01' is in the past"):
        clients.add_client(
            location, {"name": "Acme", "follow_up_on": "2026-01-01"}, full_form=False, today=TODAY
        )


def test_tags_are_case_insensitive_and_kept_as_first_typed(location: Location) -> None:
    add(location)
    first = add_tags(location, "brand", ["Design", "design", "VIP"])
    assert first.client.tags == ("Design", "VIP")
    again = add_tags(location, "brand", ["DESIGN"])
    assert again.changes == () and again.client.tags == ("Design", "VIP")
    assert remove_tags(location, "brand", ["vip"]).client.tags == ("Design",)
    with pytest.raises(NotFound, match="no tag 'retainer'"):
        remove_tags(location, "brand", ["retainer"])


def test_references_by_id_code_exact_name_legal_name_and_substring(location: Location) -> None:
    add(location, code="BF")
    clients.add_client(location, {"name": "Brandwerk"}, full_form=False, today=TODAY)
    assert get(location, "1").name == "Brand Factor"
    assert get(location, "bf").name == "Brand Factor"
    assert get(location, "brand factor").name == "Brand Factor"
    assert get(location, "cdf marketing pty ltd").name == "Brand Factor"
    assert get(location, "werk").name == "Brandwerk"
    with pytest.raises(Ambiguous) as raised:
        get(location, "brand")
    assert raised.value.details == ["#1  Brand Factor", "#2  Brandwerk"]
    with pytest.raises(NotFound, match="no client matches 'zzz'"):
        get(location, "zzz")
    with pytest.raises(InvalidValue, match="cannot be empty"):
        get(location, "  ")


def test_archived_clients_are_found_by_reference_but_hidden_from_lists(location: Location) -> None:
    add(location)
    clients.set_archived(location, "brand", True)
    assert get(location, "brand").archived
    with open_reader(location) as reader:
        assert clients.count_clients(reader, clients.make_filter()) == 0
        assert clients.count_clients(reader, clients.make_filter(archived="archived")) == 1
        assert clients.count_clients(reader, clients.make_filter(archived="all")) == 1


def test_delete_erases_the_client_and_everything_of_it(location: Location) -> None:
    add(location)
    add_tags(location, "brand", ["x"])
    clients.delete_client(location, "brand")
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        for table in ("client", "contact", "tag", "interaction"):
            assert connection.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        # what stays: one line saying a client was deleted, with nothing of it in it
        assert connection.execute("SELECT client_id, detail FROM activity").fetchall() == [
            (None, "Deleted client #1")
        ]
        assert connection.execute("SELECT table_name, before FROM undo_step").fetchall() == [("", None)]
        dump = "\n".join(connection.iterdump())
        index = b"".join(block for (block,) in connection.execute("SELECT block FROM client_search_data"))
    for value in ("Brand Factor", "thandi", "Long Street", "Mokoena"):
        assert value not in dump
    for trigram in (b"bra", b"tha", b"mok"):  # the search index keeps no pieces of it either
        assert trigram not in index


def test_effective_currency_and_cross_border_hint(location: Location) -> None:
    from kiaro_cli.core.records import Settings, cross_border_hint

    client = add(location, vat_number="4123456789")
    assert (client.effective_currency, client.currency_from_default) == (None, False)
    set_setting(location, "default-currency", "eur")
    client = get(location, "brand")
    assert (client.effective_currency, client.currency_from_default) == ("EUR", True)
    assert cross_border_hint(client, Settings(home_country="NL")) is not None
    assert cross_border_hint(client, Settings(home_country="ZA")) is None
    assert cross_border_hint(client, Settings()) is None


def test_listing_filters_combine(location: Location) -> None:
    add(location)
    clients.add_client(
        location,
        {"name": "Zoë Studio", "follow_up_on": "today", "industry": "Design"},
        full_form=False,
        tags=["a", "b"],
        today=TODAY,
    )
    clients.add_client(
        location, {"name": "Other", "follow_up_on": "1w"}, full_form=False, tags=["a"], today=TODAY
    )

    def names(**kwargs: object) -> list[str]:
        with open_reader(location) as reader:
            return [c.name for c in clients.iter_clients(reader, clients.make_filter(today=TODAY, **kwargs))]  # type: ignore[arg-type]

    assert names(tags=["A", "b"]) == ["Zoë Studio"]
    assert names(tags=["a"]) == ["Other", "Zoë Studio"]
    assert names(search="zoe") == ["Zoë Studio"]
    assert names(search="THANDI") == ["Brand Factor"]
    assert names(due=True) == ["Zoë Studio"]
    assert names(missing=True) == ["Other", "Zoë Studio"]
    assert names(statuses=["active"]) == ["Brand Factor"]
    assert names(industry="design") == ["Zoë Studio"]


def test_export_values_are_the_records_json(location: Location) -> None:
    from kiaro_cli.core import exports

    add(location, vat_rate="15.5", value="1200.50")
    clients.add_client(location, {"name": "Lead Co"}, full_form=False, today=TODAY)
    add_tags(location, "lead co", ["x", "Y"])
    set_setting(location, "default-currency", "EUR")
    with open_reader(location) as reader:
        records = [c.to_dict() for c in clients.iter_clients(reader, clients.make_filter(), sort="created")]
        assert list(exports.client_rows(reader)) == records


def primary_of(location: Location, reference: str) -> tuple[str, str | None, str | None]:
    from kiaro_cli.core.contacts import list_contacts

    with open_reader(location) as reader:
        first = list_contacts(reader, reference)[0]
    assert first.primary
    return first.name, first.email, first.phone


@pytest.mark.parametrize(
    "steps",
    [
        [{"contact_person": "Thandi", "email": "t@bf.co.za", "phone": "021 555 0199"}],
        [{"phone": "021 555 0199", "email": "t@bf.co.za", "contact_person": "Thandi"}],
        [{"contact_person": "Thandi"}, {"email": "t@bf.co.za", "phone": "021 555 0199"}],
        [{"email": "t@bf.co.za"}, {"contact_person": "Thandi"}, {"phone": "021 555 0199"}],
    ],
    ids=["contact first", "contact last", "contact, then the rest", "one at a time"],
)
def test_a_primary_contact_made_by_edit_gets_the_email_and_phone_in_any_order(
    location: Location, steps: list[dict[str, str]]
) -> None:
    clients.add_client(location, {"name": "Brand Factor", "country": "ZA"}, full_form=False, today=TODAY)
    for values in steps:
        clients.edit_client(location, "brand", values, today=TODAY)
    assert primary_of(location, "brand") == ("Thandi", "t@bf.co.za", "+27 21 555 0199")


def test_a_primary_contact_keeps_its_own_email_when_the_clients_changes(location: Location) -> None:
    add(location)
    clients.edit_client(location, "brand", {"email": "accounts@brandfactor.co.za"}, today=TODAY)
    assert primary_of(location, "brand")[1] == "thandi@brandfactor.co.za"


def test_a_rename_to_a_name_another_client_has_is_refused_unless_allowed(location: Location) -> None:
    add(location)
    clients.add_client(location, {"name": "Acme"}, full_form=False, today=TODAY)
    before = dump(location)
    with pytest.raises(Conflict, match="a client named 'Brand Factor' already exists"):
        clients.edit_client(location, "acme", {"name": "BRAND FACTOR"}, today=TODAY)
    assert dump(location) == before
    clients.edit_client(location, "1", {"name": "brand factor"}, today=TODAY)  # its own name, recased
    clients.edit_client(location, "acme", {"name": "BRAND FACTOR"}, allow_duplicate=True, today=TODAY)


def test_a_new_client_is_checked_before_anything_is_asked(location: Location) -> None:
    add(location)
    with open_reader(location) as reader:
        with pytest.raises(Conflict, match="already exists"):
            clients.check_new_client(reader, {"name": "brand factor"}, today=TODAY)
        with pytest.raises(InvalidValue, match="invalid email"):
            clients.check_new_client(reader, {"name": "Other", "email": "nope"}, today=TODAY)
        clients.check_new_client(reader, {"name": "brand factor"}, allow_duplicate=True, today=TODAY)


def test_a_shared_email_is_worth_a_note(location: Location) -> None:
    first = add(location)
    second = clients.add_client(
        location, {"name": "CDF Marketing", "email": "Thandi@BrandFactor.co.za"}, full_form=False, today=TODAY
    )
    with open_reader(location) as reader:
        assert clients.shared_email_warning(reader, second) == (
            f"Thandi@brandfactor.co.za is also the email of Brand Factor (#{first.id})"
        )
        assert clients.shared_email_warning(reader, first) == (
            f"thandi@brandfactor.co.za is also the email of CDF Marketing (#{second.id})"
        )


def test_a_record_read_from_a_row_is_the_one_its_constructor_makes(location: Location) -> None:
    """Records are built without __init__ (for speed): every field set, equal to a record
    built through it, and its object in the contract's key order."""
    import dataclasses

    from kiaro_cli.core.records import CLIENT_KEYS

    add(location, value="1200.50", vat_rate="20")
    add_tags(location, "brand", ["vip"])
    record = get(location, "brand")
    attributes = {attribute.name: getattr(record, attribute.name) for attribute in dataclasses.fields(record)}
    assert ClientRecord(**attributes) == record
    assert (record.tags, record.value, record.vat_rate) == (("vip",), Decimal("1200.5"), Decimal(20))
    assert tuple(record.to_dict()) == CLIENT_KEYS
    assert record.to_dict()["tags"] == ["vip"] and record.to_dict() is not record.values
