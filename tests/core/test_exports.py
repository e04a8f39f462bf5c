"""Round trips on the core: export, import and export again; a spreadsheet's save; vCards."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiaro_cli.codecs.tabular import Spreadsheet, write_many
from kiaro_cli.core import clients, custom_fields, exports, followups
from kiaro_cli.core.contacts import add_contact
from kiaro_cli.core.imports import import_clients
from kiaro_cli.core.tags import add_tags
from kiaro_cli.search import fold
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader
from tests.core.test_duplicates import lead
from tests.helpers import TODAY

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
        add_tags(source, str(record.id), ["vip", "Design"])
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
        add_tags(source, str(record.id), ["vip"])
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
    unique_by=lambda person: fold(str(person["name"])),
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


def test_kiaro_s_own_export_keeps_what_other_programs_files_would_lose(tmp_path: Path) -> None:
    """A code-like owner or source, and a name that other programs write for "no
    organisation", are what a kiaro user typed: its own export brings them back as they were."""
    source, target = Location(path=tmp_path / "a.db"), Location(path=tmp_path / "b.db")
    typed = {"name": "Freelance", "contact_person": "Ann Lee", "owner": "7", "source": "2"}
    clients.add_client(source, typed, full_form=False, today=TODAY)
    first = export_text(source)
    import_clients(target, first.encode(), today=TODAY)
    assert rows_without_ids(export_text(target)) == rows_without_ids(first)
