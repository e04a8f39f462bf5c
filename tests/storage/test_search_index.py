"""Search: the index agrees with a plain scan, follows every change, survives repair;
and an older database is upgraded to have it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.core import clients
from kiaro_cli.core.contacts import add_contact
from kiaro_cli.search import LATIN_LETTERS, fold
from kiaro_cli.storage import queries
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.maintenance import check, repair
from kiaro_cli.storage.migrations import SCHEMA_VERSION
from kiaro_cli.storage.reader import open_reader
from tests.helpers import TODAY

FIXTURES = Path(__file__).parent.parent / "fixtures"
NAMES = ["Zoë Studio", "Acme Corp", "Brand Factor", "Café Noir", "O'Brien & Sons", "ACME labs", "Zoe 100%"]


def found(location: Location, text: str) -> list[int]:
    with open_reader(location) as reader:
        return [c.id for c in clients.iter_clients(reader, clients.make_filter(search=text))]


def scanned(location: Location, text: str) -> list[int]:
    """What a plain LIKE scan over the search text finds: the reference answer."""
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        rows = connection.execute(
            "SELECT id FROM client WHERE archived = 0 AND search_text LIKE ? ESCAPE '\\'"
            " ORDER BY name_key, id",
            (queries.like_pattern(fold(text.strip())),),
        )
        return [row[0] for row in rows]


@pytest.fixture
def catalogue(location: Location) -> Location:
    for name in NAMES:
        clients.add_client(location, {"name": name}, full_form=False, today=TODAY)
    clients.edit_client(location, "café noir", {"notes": "Met at Web Summit"}, today=TODAY)
    add_contact(location, "acme corp", {"name": "Zoë Martin", "email": "zoe@martin.fr"})
    return location


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("zoe", ["Acme Corp", "Zoë Studio", "Zoe 100%"]),  # Acme: its contact is Zoë Martin
        ("ZOË", ["Acme Corp", "Zoë Studio", "Zoe 100%"]),
        ("cafe", ["Café Noir"]),
        ("o'brien", ["O'Brien & Sons"]),
        ("100%", ["Zoe 100%"]),
        ("martin.fr", ["Acme Corp"]),
        ("ac", ["Acme Corp", "ACME labs", "Brand Factor"]),  # too short for the index: a scan
        ("web summit", ["Café Noir"]),
        ("nobody", []),
    ],
)
def test_search_finds_what_people_mean(catalogue: Location, text: str, names: list[str]) -> None:
    with open_reader(catalogue) as reader:
        assert reader.has_search_index
        hits = [c.name for c in clients.iter_clients(reader, clients.make_filter(search=text))]
    assert sorted(hits) == sorted(names)


@settings(max_examples=60)
@given(st.text(alphabet="aceinorsz ëé'%_\"-.", min_size=1, max_size=6).filter(str.strip))
def test_the_index_agrees_with_a_scan(catalogue: Location, text: str) -> None:
    assert found(catalogue, text) == scanned(catalogue, text)


def test_the_index_follows_edits_deletes_and_undo(catalogue: Location) -> None:
    from kiaro_cli.core.undo import undo_last

    clients.edit_client(catalogue, "brand factor", {"name": "Brandt Faktor"}, today=TODAY)
    assert found(catalogue, "faktor") == [3] and found(catalogue, "factor") == []
    undo_last(catalogue)
    assert found(catalogue, "factor") == [3] and found(catalogue, "faktor") == []
    clients.delete_client(catalogue, "brand factor")
    assert found(catalogue, "factor") == []


def test_check_finds_an_index_out_of_step_and_repair_fixes_it(catalogue: Location) -> None:
    assert check(catalogue).ok
    assert catalogue.path is not None
    with sqlite3.connect(catalogue.path) as connection:  # a write behind kiaro's back, without the trigger
        connection.execute("DROP TRIGGER client_search_update")
        connection.execute("UPDATE client SET search_text = 'renamed' WHERE id = 1")
    report = check(catalogue)
    assert report.problems == [
        "search index: out of step with the clients (kiaro db check --repair rebuilds it)"
    ]
    assert repair(catalogue) == ["search index rebuilt"]
    assert check(catalogue).ok and found(catalogue, "renamed") == [1]


def test_a_version_1_database_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:
        connection.executescript((FIXTURES / "kiaro-v1.sql").read_text())
    location = Location(path=path)
    before = sqlite3.connect(path).execute("SELECT count(*) FROM client").fetchone()
    with open_reader(location) as reader:  # the first use upgrades it
        hits = [c.name for c in clients.iter_clients(reader, clients.make_filter(search="zoe"))]
        assert reader.has_search_index
    assert hits == ["Zoë Studio"]
    (backup,) = tmp_path.glob("old.db.v1-*.bak")
    assert sqlite3.connect(backup).execute("SELECT max(version) FROM kiaro_schema").fetchone() == (1,)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT max(version) FROM kiaro_schema").fetchone() == (SCHEMA_VERSION,)
        assert connection.execute("SELECT count(*) FROM client").fetchone() == before
    assert check(location).ok
    clients.set_status(location, "zoë", "past")  # and it takes writes, which undo can revert
    from kiaro_cli.core.undo import undo_last

    assert undo_last(location).details == ("Status active → past",)


@pytest.mark.parametrize(
    "text", ["021 555 0199", "0215550199", "+27215550199", "+27 21 555 0199", "21 555 0199"]
)
def test_a_phone_number_is_found_as_typed_nationally_or_internationally(
    location: Location, text: str
) -> None:
    clients.add_client(
        location, {"name": "Brand Factor", "phone": "021 555 0199", "country": "ZA"}, full_form=False
    )
    clients.add_client(location, {"name": "Other", "phone": "+31 20 123 4567"}, full_form=False)
    with open_reader(location) as reader:
        (brand,) = clients.iter_clients(reader, clients.make_filter(search="brand"))
    assert brand.phone == "+27 21 555 0199"
    assert found(location, text) == [brand.id]


@pytest.mark.parametrize("text", ["082 123 4567", "0821234567", "+27821234567", "Long Street", "8001"])
def test_contact_phones_streets_and_postal_codes_are_searched(location: Location, text: str) -> None:
    brand = clients.add_client(
        location,
        {"name": "Brand Factor", "address_line1": "12 Long Street", "postal_code": "8001", "country": "ZA"},
        full_form=False,
    )
    clients.add_client(location, {"name": "Other"}, full_form=False)
    add_contact(location, "brand", {"name": "Lerato", "phone": "082 123 4567"})
    assert found(location, text) == [brand.id]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("0031 20 7654321", "Canal Works"),
        ("+31 (0)20 7654321", "Canal Works"),
        ("0031207654321", "Canal Works"),
        ("0027 21 555 0199", "Brand Factor"),
        ("1016GV", "Canal Works"),
        ("1016 gv", "Canal Works"),
        ("d02xy45", "Liffey Print"),
        ("D02 XY45", "Liffey Print"),
    ],
)
def test_phones_as_phone_options_take_them_and_postal_codes_without_spaces_are_found(
    location: Location, text: str, name: str
) -> None:
    add = clients.add_client
    canal = {"name": "Canal Works", "phone": "+31 20 765 4321", "postal_code": "1016 GV"}
    add(location, canal, full_form=False)
    add(location, {"name": "Brand Factor", "phone": "021 555 0199", "country": "ZA"}, full_form=False)
    add(location, {"name": "Liffey Print", "postal_code": "D02 XY45", "country": "IE"}, full_form=False)
    with open_reader(location) as reader:
        hits = [c.name for c in clients.iter_clients(reader, clients.make_filter(search=text))]
    assert hits == [name]


def test_a_phone_search_by_the_scan_finds_the_same(location: Location) -> None:
    clients.add_client(location, {"name": "Brand Factor", "phone": "+27 21 555 0199"}, full_form=False)
    with open_reader(location) as reader:
        flt = clients.make_filter(search="0215550199")
        sql, params = queries.client_list(flt, search_index=False)
        assert [row["name"] for row in reader.rows(sql, params)] == ["Brand Factor"]


def test_an_older_database_is_searched_by_phone_after_its_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:
        connection.executescript((FIXTURES / "kiaro-v2.sql").read_text())
        connection.execute("UPDATE contact SET phone = '+27 21 555 0199' WHERE name = 'Ann Lee'")
    assert found(Location(path=path), "021 555 0199") == [2]  # Acme Corp, through its contact
    assert found(Location(path=path), "rue oberkampf") == [1]


def _latin_letters() -> list[str]:
    import unicodedata

    ranges = (range(0xC0, 0x250), range(0x1E00, 0x1F00), range(0x2C60, 0x2C80))
    return [
        chr(cp)
        for block in ranges
        for cp in block
        if unicodedata.category(chr(cp)).startswith("L") and "LATIN" in unicodedata.name(chr(cp), "")
    ]


LATIN = _latin_letters()
PLAIN_LATIN = "".join(c for c in LATIN if not set(fold(c)) & set(LATIN_LETTERS))


@settings(max_examples=300)
@given(st.text() | st.text(alphabet="ÀÉîõüçñßĳﬁ\u0301\u034f\u0483Ωй漢 Ab" + PLAIN_LATIN[:80]))
def test_folding_drops_every_combining_mark_and_nothing_else(text: str) -> None:
    import unicodedata

    text = "".join(c for c in text if not set(c.casefold()) & set(LATIN_LETTERS))  # see the table
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    assert fold(text) == "".join(c for c in decomposed if not unicodedata.combining(c))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łódź Films", "lodz films"),
        ("Øresund", "oresund"),
        ("Æble", "aeble"),
        ("Đorđević", "dordevic"),
        ("Œuvre", "oeuvre"),
        ("Straße", "strasse"),
        ("Þórður", "thordur"),
        ("Ħamrun", "hamrun"),
        ("Işık", "isik"),
        ("Paral·lel ŀl", "paral·lel ll"),
        ("Ǽ ǿ", "ae o"),
    ],
)
def test_latin_letters_fold_to_plain_ones(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.sampled_from(LATIN))
def test_every_latin_letter_with_a_mark_stroke_or_hook_folds_to_its_plain_letter(letter: str) -> None:
    import re
    import unicodedata

    name = unicodedata.name(letter)
    base = re.match(r"LATIN (?:CAPITAL|SMALL) LETTER ([A-Z]) WITH (?!SMALL LETTER)", name)
    if base is not None:
        assert fold(letter) == base[1].lower(), name
    if ord(letter) < 0x180 or base is not None:  # Latin-1 and Latin Extended-A: every letter
        assert fold(letter).isascii() and fold(letter).replace("'", "").isalpha(), name


@given(st.text(alphabet="Łłódź ØøÆæĐđœ" + "abc"))
def test_the_table_folds_whole_letters(text: str) -> None:
    assert fold(text).isascii() and len(fold(text)) >= len(text)


def test_names_sort_and_are_found_by_their_folded_letters(location: Location) -> None:
    ids = {
        name: clients.add_client(location, {"name": name}, full_form=False, today=TODAY).id
        for name in ("Zoë Studio", "Łódź Films", "Acme", "Ærø Bikes", "Đorđević & Co", "Øresund AB")
    }
    with open_reader(location) as reader:
        names = [c.name for c in clients.iter_clients(reader, clients.make_filter())]
    assert names == ["Acme", "Ærø Bikes", "Đorđević & Co", "Łódź Films", "Øresund AB", "Zoë Studio"]
    for text, name in (("lodz", "Łódź Films"), ("oresund", "Øresund AB"), ("aero", "Ærø Bikes")):
        assert found(location, text) == [ids[name]]
    assert found(location, "dordevic") == [ids["Đorđević & Co"]]
