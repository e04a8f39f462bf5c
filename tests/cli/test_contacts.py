"""Contact commands from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import Run


def test_contact_lifecycle(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    assert kiaro("contact", "add", "acme", "--name", "Ann").stdout == "Added contact Ann (#1, primary)\n"
    assert (
        kiaro("contact", "add", "acme", "--name", "Bob", "--role", "Finance").stdout
        == "Added contact Bob (#2)\n"
    )
    listed = json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)
    assert [(c["name"], c["primary"], c["role"]) for c in listed] == [
        ("Ann", True, "other"),
        ("Bob", False, "finance"),
    ]
    assert kiaro("contact", "edit", "2", "--primary", "-q").stdout == "2\n"
    refused = kiaro("contact", "remove", "2")
    assert refused.exit_code == 1 and refused.stderr.endswith("re-run with --yes\n")
    removed = kiaro("contact", "remove", "2", "--yes")
    assert removed.stdout == "Removed contact Bob (#2)\nAnn (#1) is now the primary contact\n"
    only = kiaro("contact", "remove", "1", "--yes")
    assert only.exit_code == 1 and "only contact of Acme" in only.stderr


def test_contact_id_must_exist(kiaro: Run) -> None:
    result = kiaro("contact", "edit", "42", "--name", "X")
    assert result.exit_code == 1 and result.stderr == "Error: no contact with id 42\n"


def test_removing_the_only_contact_is_refused_before_any_confirmation(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann")
    refused = kiaro("contact", "remove", "1")  # no --yes: the refusal comes first, not a request to confirm
    assert refused.exit_code == 1
    assert refused.stderr == "Error: Ann is the only contact of Acme and cannot be removed\n"


def test_a_second_contact_of_the_same_name_is_added_with_a_note(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann Lee")
    first = kiaro("contact", "add", "acme", "--name", "Pieter  Botha", "-q")
    assert first.stderr == ""
    second = kiaro("contact", "add", "acme", "--name", "pieter botha", "-q")
    assert second.exit_code == 0 and second.stdout == "3\n"
    assert second.stderr == "Note: Acme already has a contact named Pieter Botha (#2)\n"


def _names_in_cards(vcf: str) -> dict[str, tuple[str, str]]:
    import vobject

    return {card.fn.value: (card.n.value.given, card.n.value.family) for card in vobject.readComponents(vcf)}


def test_vcards_carry_given_and_family_names_as_given_or_split_by_the_rules(
    kiaro: Run, tmp_path: Path
) -> None:
    kiaro("client", "quick-add", "Acme")
    for name in ("Lerato van der Merwe", "Maria José Carreras", "O'Brien, Seán", "山田 太郎"):
        assert kiaro("contact", "add", "acme", "--name", name).exit_code == 0
    added = kiaro(
        "contact", "add", "acme", "--name", "Ngũgĩ wa Thiong'o", "--given", "Ngũgĩ", "--family", "wa Thiong'o"
    )
    assert added.exit_code == 0
    exported = kiaro("export", "vcard").stdout
    assert _names_in_cards(exported) == {
        "Lerato van der Merwe": ("Lerato", "van der Merwe"),
        "Maria José Carreras": ("Maria José", "Carreras"),
        "O'Brien, Seán": ("Seán", "O'Brien"),
        "山田 太郎": ("太郎", "山田"),
        "Ngũgĩ wa Thiong'o": ("Ngũgĩ", "wa Thiong'o"),
    }
    (tmp_path / "book.vcf").write_text(exported)  # an import keeps N's parts as they were
    other = str(tmp_path / "other.db")
    assert kiaro("--db", other, "import", "vcard", str(tmp_path / "book.vcf")).exit_code == 0
    assert _names_in_cards(kiaro("--db", other, "export", "vcard").stdout) == _names_in_cards(exported)

    kiaro("contact", "edit", "5", "--name", "Ngugi wa Thiongo")  # a new name lets go of the old parts
    kiaro("contact", "edit", "2", "--family", "José Carreras")  # the given name is the rest
    names = _names_in_cards(kiaro("export", "vcard").stdout)
    assert names["Ngugi wa Thiongo"] == ("Ngugi wa", "Thiongo")
    assert names["Maria José Carreras"] == ("Maria", "José Carreras")


def test_contact_add_keeps_every_email_and_phone_given(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann", "--email", "ann@acme.com", "--email", "ann@lee.org",
          "--phone", "+27 21 555 0100", "--phone", "+27 82 555 0101")  # fmt: skip
    (ann,) = json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)
    assert ann["email"] == "ann@acme.com"
    assert ann["emails"] == [
        {"address": "ann@acme.com", "label": "work"},
        {"address": "ann@lee.org", "label": "work"},
    ]
    assert [phone["number"] for phone in ann["phones"]] == ["+27 21 555 0100", "+27 82 555 0101"]


def test_contact_edit_adds_and_removes_emails_and_phones_with_labels(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann", "--email", "ann@acme.com")
    edited = kiaro("contact", "edit", "1", "--add-email", "ann@home.org", "--add-phone", "+27 82 555 0101",
                   "--label", "mobile", "--remove-email", "ann@acme.com", "--format", "json")  # fmt: skip
    ann = json.loads(edited.stdout)
    assert ann["email"] == "ann@home.org" and ann["phone"] == "+27 82 555 0101"
    assert ann["emails"] == [{"address": "ann@home.org", "label": "mobile"}]
    assert ann["phones"] == [{"number": "+27 82 555 0101", "label": "mobile"}]
    refused = kiaro("contact", "edit", "1", "--add-email", "a@b.org", "--label", "pager")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: unknown label 'pager': use work, home, mobile, other\n",
    )
    shown = kiaro("client", "show", "acme").stdout
    assert "ann@home.org" in shown


def test_every_address_of_a_contact_is_offered_to_a_mail_program_in_its_order(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann", "--email", "zed@acme.com", "--email", "ann@home.org")
    assert kiaro("contact", "email", "-p", "--remove-first-line", "ann").stdout == (
        "zed@acme.com\tAnn\tAcme\nann@home.org\tAnn\tAcme\n"
    )
    assert kiaro("contact", "email", "-p", "home.org").stdout.startswith("Found 1 address for 'home.org'\n")


def test_a_birthday_is_set_with_or_without_a_year_shown_and_cleared(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    added = kiaro("contact", "add", "acme", "--name", "Ann Lee", "--birthday", "17 May 1984", "-f", "json")
    assert json.loads(added.stdout)["birthday"] == "1984-05-17"
    edited = kiaro("contact", "edit", "1", "--birthday", "--05-17", "-f", "json")
    assert json.loads(edited.stdout)["birthday"] == "--05-17"
    assert "17 May" in kiaro("contact", "list", "acme").stdout
    assert "17 May" in kiaro("client", "show", "acme").stdout
    refused = kiaro("contact", "edit", "1", "--birthday", "1984-02-30")
    assert (refused.exit_code, refused.stderr) == (1, "Error: birthday '1984-02-30' is not a real date\n")
    assert json.loads(kiaro("contact", "list", "acme", "-f", "json").stdout)[0]["birthday"] == "--05-17"
    said = kiaro("contact", "edit", "1", "--birthday", "May 17").stdout  # the day as it was read
    assert said == "Updated contact Ann Lee (#1); birthday 17 May\n"
    cleared = kiaro("contact", "edit", "1", "--birthday", "off", "-f", "json")
    assert json.loads(cleared.stdout)["birthday"] is None
    assert "Birthday" not in kiaro("contact", "list", "acme").stdout


def test_values_given_are_refused_before_a_missing_name_would_be_asked(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Acme")
    refused = kiaro("contact", "add", "acme", "--email", "bad", "--phone", "abc")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: 2 values are invalid") and "name" not in refused.stderr
    second = kiaro("contact", "add", "acme", "--email", "ann@acme.com", "--email", "not-an-email")
    assert second.exit_code == 1 and "not-an-email" in second.stderr and "--name" not in second.stderr
    missing = kiaro("contact", "add", "acme", "--email", "ann@acme.com")
    assert (missing.exit_code, missing.stderr) == (1, "Error: missing name (--name)\n")
    assert kiaro("contact", "add", "nobody").stderr == "Error: no client matches 'nobody'\n"
