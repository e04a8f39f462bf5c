"""What <Tab> offers: the database's clients, contacts, tags and custom field keys."""

from __future__ import annotations

import pytest

from kiaro_cli.core import candidates
from kiaro_cli.core.clients import add_client, set_archived
from kiaro_cli.core.contacts import add_contact
from kiaro_cli.core.custom_fields import add_field
from kiaro_cli.core.tags import add_tags
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader


@pytest.fixture
def filled(location: Location) -> Location:
    for name, code in (("Brand Factor", "BF"), ("Bravo Studio", None), ("Café Noir", "NOIR"), ("Acme", None)):
        add_client(location, {"name": name, "code": code, "currency": "EUR"}, full_form=False)
    set_archived(location, "bravo", True)
    add_tags(location, "acme", ["Web Dev", "design"])
    add_tags(location, "brand", ["web dev"])
    add_contact(location, "acme", {"name": "Ann Lee"})
    add_field(location, "sector", "choice", choices="Retail,Finance")
    add_field(location, "staff", "number")
    return location


def offered(location: Location, find: str, *args: str) -> list[tuple[str, str]]:
    with open_reader(location) as reader:
        return [tuple(c) for c in getattr(candidates, find)(reader, *args)]


def test_clients_start_with_what_is_typed_in_any_case_or_accent_current_first(filled: Location) -> None:
    assert offered(filled, "clients", "br") == [
        ("Brand Factor", "lead (#1)"),
        ("Bravo Studio", "lead (#2)"),  # archived: after the current ones
    ]
    assert [v for v, _ in offered(filled, "clients", "BRAV")] == ["Bravo Studio"]
    assert [v for v, _ in offered(filled, "clients", "cafe")] == ["Café Noir"]
    assert [v for v, _ in offered(filled, "clients", "")] == [
        "Acme",
        "Brand Factor",
        "Café Noir",
        "Bravo Studio",
    ]


def test_a_code_is_offered_when_only_the_code_matches_and_an_id_for_digits(filled: Location) -> None:
    assert offered(filled, "clients", "no") == [("NOIR", "Café Noir, lead (#3)")]
    assert offered(filled, "clients", "3") == [("3", "Café Noir")]
    assert offered(filled, "clients", "99") == []
    assert offered(filled, "clients", "9" * 30) == []  # past any id: nothing, no error
    assert offered(filled, "clients", "%") == []  # LIKE's wildcards are plain characters


def test_tags_as_first_typed_with_their_clients(filled: Location) -> None:
    assert offered(filled, "tags", "") == [("design", "1 client"), ("Web Dev", "2 clients")]
    assert offered(filled, "tags", "WEB") == [("Web Dev", "2 clients")]


def test_contacts_custom_keys_choices_and_values_in_use(filled: Location) -> None:
    assert offered(filled, "contacts", "") == [("1", "Ann Lee at Acme")]
    assert offered(filled, "contacts", "2") == []
    assert offered(filled, "custom_field_keys", "s") == [("sector", "choice"), ("staff", "number")]
    with open_reader(filled) as reader:
        assert [c.value for c in candidates.custom_field_keys(reader, "se", suffix="=")] == ["sector="]
        assert [c.value for c in candidates.custom_field_values(reader, "sector", "f")] == ["sector=Finance"]
        assert candidates.custom_field_values(reader, "staff", "") == []
        assert candidates.custom_field_values(reader, "nothing", "") == []
    assert offered(filled, "values_in_use", "currency", "e") == [("EUR", "in use")]
    assert offered(filled, "values_in_use", "owner", "") == []
