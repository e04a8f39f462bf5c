"""Round trips and the rules behind duplicates and merge, on the core."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiaro_cli.codecs.tabular import Spreadsheet, write_many
from kiaro_cli.core import clients, custom_fields, exports, followups
from kiaro_cli.core.contacts import add_contact
from kiaro_cli.core.duplicates import find_duplicates, merge_clients, normalised_name
from kiaro_cli.core.imports import import_clients
from kiaro_cli.core.interactions import add_interaction, iter_interactions
from kiaro_cli.core.undo import undo_last
from kiaro_cli.errors import InvalidValue, NotFound
from kiaro_cli.search import fold
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY, Run

TRICKY = "aZé ø中,;\"'=+-@%"
names = st.text(alphabet=TRICKY, min_size=1, max_size=24).map(str.strip).filter(bool)
notes = st.one_of(st.none(), st.text(alphabet=TRICKY + "\n", min_size=1, max_size=40).filter(str.strip))
client_values = st.fixed_dictionaries(
    {
        "notes": notes,
        "country": st.sampled_from([None, "NL", "ZA", "JP"]),
        "value": st.one_of(st.none(), st.decimals(0, 10**6, places=2).map(str)),
        "vat_rate": st.one_of(st.none(), st.sampled_from(["0", "9", "21", "15.5"])),
        "status": st.sampled_from(["lead", "active", "inactive", "past"]),
        "follow_up_on": st.one_of(
            st.none(), st.integers(0, 400).map(lambda d: (TODAY + timedelta(d)).isoformat())
        ),
        "contact_person": st.one_of(st.none(), st.sampled_from(["Ann Lee", "Zoë Martin"])),
        "industry": st.one_of(st.none(), st.just("=cmd")),
        # the company and billing profile
        "owner": st.one_of(st.none(), names),
        "language": st.sampled_from([None, "de", "Dutch", "français"]),
        "timezone": st.sampled_from([None, "Europe/Amsterdam", "Tokyo", "UTC"]),
        "company_size": st.sampled_from([None, "1-10", "500+", "42"]),
        "annual_revenue": st.sampled_from([None, "<1M", "100M+", "7500000"]),
        "linkedin": st.sampled_from([None, "linkedin.com/company/acme"]),
        "internal": st.sampled_from([None, "yes", "no"]),
        "payment_terms_days": st.one_of(st.none(), st.integers(0, 365).map(str)),
        "invoice_email": st.sampled_from([None, "ap@acme.example"]),
        "iban": st.sampled_from([None, "NL91 ABNA 0417 1643 00", "DE89370400440532013000"]),
        "bic": st.sampled_from([None, "ABNANL2A", "DEUTDEFF500"]),
        "minimum_rate": st.one_of(st.none(), st.decimals(0, 10**5, places=2).map(str)),
        "invoice_tolerance": st.one_of(st.none(), st.decimals(0, 100, places=2).map(str)),
        "financial_note": notes,
        "reference": st.one_of(st.none(), st.just("+ref")),
    }
)
# Values of the custom fields FIELDS defines, as typed.
custom_values = st.fixed_dictionaries(
    {
        "sector": st.sampled_from([None, "Retail", "finance", "Health & care"]),
        # typed as the number rule reads one way: '1.250' could be 1250, '1.2500' cannot
        "staff": st.one_of(st.none(), st.decimals(-(10**6), 10**6, places=3).map(lambda d: f"{d:.4f}")),
        "renewal": st.one_of(
            st.none(), st.integers(-400, 400).map(lambda d: (TODAY + timedelta(d)).isoformat())
        ),
        "vip": st.sampled_from([None, "yes", "no"]),
        "motto": st.one_of(st.none(), names),
    }
)
FIELDS = [
    ("sector", "choice", "Retail,Finance,Health & care"),
    ("staff", "number", None),
    ("renewal", "date", None),
    ("vip", "bool", None),
    ("motto", "text", None),
]


def define_fields(*locations: Location) -> None:
    for location in locations:
        for key, kind, choices in FIELDS:
            custom_fields.add_field(location, key, kind, choices=choices)


def export_text(location: Location) -> str:
    """``kiaro export clients --all`` as CSV text."""
    out = io.StringIO()
    with open_reader(location) as reader:
        write_many(
            "csv",
            exports.client_rows(reader, include_archived=True),
            exports.columns_of(reader, "clients"),
            out,
        )
    return out.getvalue()


def rows_without_ids(text: str) -> list[dict[str, str]]:
    rows = csv.DictReader(io.StringIO(text))
    return [{k: v for k, v in row.items() if k not in ("id", "last_activity_at")} for row in rows]


@settings(max_examples=10)
@given(
    st.lists(
        st.tuples(names, client_values, st.booleans(), custom_values),
        min_size=1,
        max_size=6,
        unique_by=lambda t: fold(t[0]),
    )
)
def test_export_import_export_is_identical_but_for_ids(tmp_path: Path, generated: list) -> None:  # type: ignore[type-arg]
    folder = tmp_path / uuid.uuid4().hex  # hypothesis runs many examples in one test's tmp_path
    source, target = Location(path=folder / "a.db"), Location(path=folder / "b.db")
    define_fields(source, target)
    for name, values, archived, custom in generated:
        given_values = {k: v for k, v in values.items() if v is not None}
        record = clients.add_client(
            source,
            {"name": name, **given_values},
            custom={k: v for k, v in custom.items() if v is not None},
            full_form=False,
            allow_duplicate=True,
            today=TODAY,
        )
        clients.add_tags(source, str(record.id), ["vip", "Design"])
        if values["follow_up_on"]:
            followups.mark_done(source, str(record.id), "1m", TODAY)
        if archived:
            clients.set_archived(source, str(record.id), True)
    lead(source, "=Formula Co", notes="+1 idea", phone="+31 20 123 4567", country="NL")
    first = export_text(source)
    import_clients(target, first.encode(), today=TODAY)
    second = export_text(target)
    assert rows_without_ids(second) == rows_without_ids(first)
    assert "'=Formula Co" in first and "'+1 idea" in first  # escaped cells went through the import
    custom_columns = ",custom.sector,custom.staff,custom.renewal,custom.vip,custom.motto"
    assert first.splitlines()[0].endswith(custom_columns)


# How a spreadsheet may save kiaro's CSV again: its encoding, separator and decimal mark.
SAVED_AS = [
    ("utf-16", ";"),
    ("windows-1252", ";"),
    ("utf-16", "\t"),
    ("windows-1252", ","),
    ("utf-8-sig", ";"),
]


@settings(max_examples=20)
@given(
    st.lists(
        st.tuples(names, client_values, st.booleans(), custom_values),
        min_size=1,
        max_size=4,
        unique_by=lambda t: fold(t[0]),
    ),
    st.sampled_from(SAVED_AS),
)
def test_an_export_saved_again_by_a_spreadsheet_imports_to_the_same_rows(
    tmp_path: Path,
    generated: list,  # type: ignore[type-arg]
    saved_as: tuple[str, str],
) -> None:
    encoding, delimiter = saved_as
    folder = tmp_path / uuid.uuid4().hex
    source, target = Location(path=folder / "a.db"), Location(path=folder / "b.db")
    define_fields(source, target)
    for name, values, archived, custom in generated:
        given_values = {k: v for k, v in values.items() if v is not None}
        record = clients.add_client(
            source,
            {"name": name, **given_values},
            custom={k: v for k, v in custom.items() if v is not None},
            full_form=False,
            allow_duplicate=True,
            today=TODAY,
        )
        clients.add_tags(source, str(record.id), ["vip"])
        if archived:
            clients.set_archived(source, str(record.id), True)
    first = export_text(source)
    sheet = Spreadsheet(delimiter=delimiter, decimal_comma=delimiter == ";")
    out = io.StringIO()
    with open_reader(source) as reader:
        write_many(
            "csv",
            exports.client_rows(reader, include_archived=True),
            exports.columns_of(reader, "clients"),
            out,
            sheet=sheet,
        )
    try:
        saved = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        assume(False)  # not every name can be written in Windows-1252
    import_clients(target, saved, today=TODAY)
    assert rows_without_ids(export_text(target)) == rows_without_ids(first)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme Corp.", "ACME corporation"),
        ("Brand Factor Pty Ltd", "brand factor"),
        ("Müller GmbH", "Muller"),
        ("Studio Nord B.V.", "studio nord bv"),
        ("The Agency, Inc.", "agency inc"),
        ("CDF Marketing Pty Ltd t/a Brand Factor", "CDF Marketing"),
    ],
)
def test_names_normalise_alike(a: str, b: str) -> None:
    assert normalised_name(a) == normalised_name(b)


def test_distinct_names_stay_distinct() -> None:
    assert normalised_name("Acme Design") != normalised_name("Acme")
    assert normalised_name("Ltd") == "ltd"  # a suffix alone is a name


def lead(location: Location, name: str, **values: str) -> int:
    return clients.add_client(
        location, {"name": name, **values}, full_form=False, allow_duplicate=True, today=TODAY
    ).id


def test_duplicates_with_their_reasons(location: Location) -> None:
    acme = lead(location, "Acme Corp.", email="hi@acme.com")
    acme2 = lead(location, "ACME Corporation")
    mail = lead(location, "Totally Different", email="HI@acme.com")
    tel1 = lead(location, "Phone One", phone="+31 20 123 4567", country="NL")
    tel2 = lead(location, "Phone Two", phone="020 123 4567")
    typo1 = lead(location, "Brandfactory Studio")
    typo2 = lead(location, "Brandfactroy Studio")
    lead(location, "Unrelated")
    with open_reader(location) as reader:
        pairs = {(p.id, p.other_id): p.reasons for p in find_duplicates(reader)}
    assert pairs.pop((acme, acme2)) == ["same name"]
    assert pairs.pop((acme, mail)) == ["same email"]
    assert pairs.pop((tel1, tel2)) == ["same phone"]
    assert pairs.pop((typo1, typo2))[0].startswith("similar names")
    assert not [pair for pair in pairs if 8 in pair]


def test_phones_are_the_same_only_with_the_same_country_code(location: Location) -> None:
    tokyo = lead(location, "Tokyo Office", phone="+81 3-1234-5678")
    lead(location, "Dublin Office", phone="+353 1 234 5678")
    tokyo_again = lead(location, "Tokyo Branch", phone="03 1234 5678", country="JP")
    somewhere = lead(location, "Somewhere", phone="0031 20 123 4567")
    amsterdam = lead(location, "Amsterdam", phone="+31 20 123 4567")
    with open_reader(location) as reader:
        pairs = {(p.id, p.other_id): p.reasons for p in find_duplicates(reader)}
    assert pairs == {(tokyo, tokyo_again): ["same phone"], (somewhere, amsterdam): ["same phone"]}


def test_merge_per_the_rules(location: Location) -> None:
    keep = lead(location, "Acme", email="hi@acme.com", follow_up_on="2026-12-20", notes="Keep notes")
    other = lead(
        location, "ACME Corp", city="Utrecht", code="ACM", follow_up_on="2026-12-01", notes="Other notes"
    )
    add_contact(location, str(keep), {"name": "Ann"})
    add_contact(location, str(other), {"name": "Bob"})
    clients.add_tags(location, str(keep), ["vip"])
    clients.add_tags(location, str(other), ["VIP", "design"])
    add_interaction(location, str(other), "Call", kind="call", today=TODAY)
    result = merge_clients(location, str(keep), str(other))
    merged = result.client
    assert (merged.city, merged.code, merged.email) == ("Utrecht", "ACM", "hi@acme.com")
    assert merged.follow_up_on == "2026-12-01"  # the earlier one
    assert merged.notes == "Keep notes\n\nOther notes"
    assert merged.tags == ("vip", "design") and merged.contact_person == "Ann"
    with open_reader(location) as reader:
        assert [c.name for c in clients.contacts_of(reader, keep)] == ["Ann", "Bob"]
        with pytest.raises(NotFound):
            clients.get_client(reader, str(other))
        from kiaro_cli.core.timeline import timeline

        kinds = [entry.kind for entry in timeline(reader, keep)]
    assert "merged" in kinds and "call" in kinds and "created" in kinds
    assert result.moved_contacts == 1 and result.moved_interactions == 1

    undo_last(location)
    with open_reader(location) as reader:
        back = clients.get_client(reader, str(other))
        assert (back.name, back.code, back.tags) == ("ACME Corp", "ACM", ("VIP", "design"))
        assert [c.name for c in clients.contacts_of(reader, keep)] == ["Ann"]
        assert clients.get_client(reader, str(keep)).city is None


def test_merging_a_client_with_itself_is_refused(location: Location) -> None:
    acme = lead(location, "Acme")
    with pytest.raises(InvalidValue, match="are the same client"):
        merge_clients(location, "acme", str(acme))


def test_import_keeps_stamps_and_follow_ups_in_the_past(location: Location) -> None:
    text = (
        "name,follow_up_on,created_at,updated_at,last_followed_up_at,archived,value\n"
        "Old Co,2020-01-01,2020-01-01T10:00:00+00:00,2021-02-03T04:05:06,2020-06-01T00:00:00Z,true,1500.50\n"
    )
    import_clients(location, text.encode(), today=TODAY)
    with open_reader(location) as reader:
        old = clients.get_client(reader, "old co")
    assert old.follow_up_on == "2020-01-01" and old.archived and old.value == Decimal("1500.5")
    assert (old.created_at, old.updated_at) == ("2020-01-01T10:00:00+00:00", "2021-02-03T04:05:06+00:00")
    assert old.last_followed_up_at == "2020-06-01T00:00:00+00:00"
    assert date.fromisoformat(old.follow_up_on) < TODAY


def test_merge_joins_contacts_that_are_one_person(location: Location) -> None:
    keep = lead(location, "Acme")
    other = lead(location, "ACME Corp")
    ann = add_contact(location, str(keep), {"name": "Ann Lee", "email": "ann@acme.com"})
    add_contact(location, str(keep), {"name": "Bob Ray"})
    add_contact(location, str(other), {"name": "Ann L.", "email": "ANN@acme.com", "phone": "+31 20 123 4567"})
    twin_bob = add_contact(
        location, str(other), {"name": "bob  ray", "job_title": "CTO", "role": "technical-lead"}
    )
    add_contact(location, str(other), {"name": "Cy Moss", "email": "cy@acme.com"})
    add_interaction(location, str(other), "Call with Bob", kind="call", contact_id=twin_bob.id, today=TODAY)
    result = merge_clients(location, str(keep), str(other))
    assert (result.moved_contacts, result.merged_contacts) == (1, 2)
    with open_reader(location) as reader:
        people = {c.name: c for c in clients.contacts_of(reader, keep)}
        (call,) = iter_interactions(reader, reference=str(keep))
    assert sorted(people) == ["Ann Lee", "Bob Ray", "Cy Moss"]
    assert (people["Ann Lee"].email, people["Ann Lee"].phone, people["Ann Lee"].primary) == (
        "ann@acme.com",
        "+31 20 123 4567",
        True,
    )
    assert (people["Bob Ray"].job_title, people["Bob Ray"].role) == ("CTO", "technical-lead")
    assert call.contact_id == people["Bob Ray"].id and ann.id == people["Ann Lee"].id
    undo_last(location)
    with open_reader(location) as reader:
        assert [c.name for c in clients.contacts_of(reader, str(other))] == ["Ann L.", "bob ray", "Cy Moss"]
        (call,) = iter_interactions(reader, reference=str(other))
    assert call.contact_id == twin_bob.id


def test_merge_keeps_a_twins_other_phone_in_the_notes(location: Location) -> None:
    keep = lead(location, "Acme", notes="Met at a fair", country="NL")
    other = lead(location, "ACME Corp")
    add_contact(location, str(keep), {"name": "Ann Lee", "email": "ann@acme.com", "phone": "+31 20 123 4567"})
    add_contact(location, str(keep), {"name": "Bob Ray", "phone": "020 765 4321"})
    add_contact(location, str(other), {"name": "Ann L.", "email": "ANN@acme.com", "phone": "+31 6 1234 5678"})
    add_contact(
        location, str(other), {"name": "bob ray", "email": "bob@acme.com", "phone": "+31 20 765 4321"}
    )
    result = merge_clients(location, str(keep), str(other))
    assert result.kept_in_notes == ("Ann Lee: Phone: +31 6 12345678",)  # Bob has one number
    assert result.client.notes == "Met at a fair\nAnn Lee: Phone: +31 6 12345678"
    with open_reader(location) as reader:
        people = {c.name: (c.email, c.phone) for c in clients.contacts_of(reader, keep)}
    assert people == {
        "Ann Lee": ("ann@acme.com", "+31 20 123 4567"),
        "Bob Ray": ("bob@acme.com", "+31 20 765 4321"),
    }
    undo_last(location)
    with open_reader(location) as reader:
        assert clients.get_client(reader, str(keep)).notes == "Met at a fair"


def test_the_merge_summary_says_what_went_to_the_notes(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("client", "quick-add", "Acme BV", "--allow-duplicate")
    kiaro("contact", "add", "1", "--name", "Ann Lee", "--phone", "+31 20 123 4567")
    kiaro("contact", "add", "2", "--name", "Ann Lee", "--phone", "+27 21 555 0199")
    merged = kiaro("client", "merge", "1", "2", "--yes")
    assert merged.exit_code == 0
    assert merged.stdout.rstrip().endswith("; kept in the notes: Ann Lee: Phone: +27 21 555 0199")


street = st.text(alphabet="abcXYZ 0123,;.'-éø", min_size=1, max_size=20).map(str.strip).filter(bool)
people = st.lists(
    st.fixed_dictionaries(
        {
            "name": names,
            "email": st.one_of(st.none(), st.sampled_from(["ann@acme.com", "bo@x.co.za", "zoë@exämple.fr"])),
            "phone": st.one_of(
                st.none(), st.sampled_from(["+31 20 123 4567", "021 555 0199", "555-0199 x12"])
            ),
            "job_title": st.one_of(st.none(), names),
            "role": st.sampled_from(["other", "finance", "decision-maker"]),
        }
    ),
    max_size=3,
    unique_by=lambda person: fold(person["name"]),
)
carded = st.fixed_dictionaries(
    {
        "legal_name": st.one_of(st.none(), names),
        "email": st.one_of(st.none(), st.just("hello@acme.com")),
        "phone": st.one_of(st.none(), st.just("+27 21 555 0199")),
        "website": st.one_of(st.none(), st.just("https://acme.com")),
        "address_line1": st.one_of(st.none(), street),
        "address_line2": st.one_of(st.none(), street),
        "city": st.one_of(st.none(), street),
        "region": st.one_of(st.none(), street),
        "postal_code": st.one_of(st.none(), st.just("8001")),
        "country": st.sampled_from([None, "NL", "ZA", "JP", "KR", "CI"]),
    }
)
CARRIED = ("name", "legal_name", "email", "phone", "website", "address_line1", "address_line2", "city",
           "region", "postal_code", "country", "tags")  # fmt: skip


def vcard_text(location: Location) -> str:
    from kiaro_cli.codecs.vcard import write_cards

    out = io.StringIO()
    with open_reader(location) as reader:
        write_cards(exports.address_book(reader), out)
    return out.getvalue()


def carried(location: Location) -> list[tuple[object, ...]]:
    """What a vCard carries of each client and its contacts (contacts in order, primary first)."""
    with open_reader(location) as reader:
        found = []
        for client in clients.iter_clients(reader, clients.make_filter()):
            people = [
                (c.name, c.email, c.phone, c.job_title, c.role, c.primary)
                for c in clients.contacts_of(reader, client.id)
            ]
            found.append((*(getattr(client, key) for key in CARRIED), people))
    return sorted(found, key=str)


@settings(max_examples=8)
@given(
    st.lists(
        st.tuples(names, carded, people, st.lists(st.sampled_from(["design", "vip", "Zoë"]), unique=True)),
        min_size=1,
        max_size=4,
        unique_by=lambda item: fold(item[0]),
    )
)
def test_vcard_export_then_import_brings_back_every_client_and_contact(
    tmp_path: Path,
    generated: list,  # type: ignore[type-arg]
) -> None:
    """What a vCard holds of a client (not its notes, status or money) comes back the same."""
    from kiaro_cli.core.imports import import_vcards

    first, second = (Location(path=tmp_path / f"{uuid.uuid4().hex}.db") for _ in range(2))
    for name, values, contacts, tags in generated:
        given = {key: value for key, value in values.items() if value is not None}
        if given.get("legal_name") and fold(given["legal_name"]) in {fold(n) for n, *_ in generated}:
            del given["legal_name"]  # a legal name that is another client's name names that client
        clients.add_client(first, {"name": name, **given}, tags=tags, full_form=False, today=TODAY)
        for person in contacts:
            add_contact(first, name, person)
    import_vcards(second, vcard_text(first).encode(), today=TODAY)
    assert carried(second) == carried(first)
