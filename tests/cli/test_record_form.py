"""``client add|edit --editor``: the whole record as a TOML form in the user's editor,
saved in one transaction, reopened with the reasons when it cannot be saved. The editor
here is a script that edits the file the way a person would, run on a real terminal."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest

from kiaro_cli.cli.record_form import form_text, form_values, read_form
from kiaro_cli.storage.location import Location
from tests.helpers import TODAY, Run

# The editor: each round applies the next edit (Python expressions on `text`) and keeps
# what it was shown, so a test can see the form a round reopened with.
EDITOR = """
import json, sys
from pathlib import Path
form, rounds = Path(sys.argv[1]), Path(sys.argv[0]).with_suffix(".json")
done = json.loads(rounds.read_text()) if rounds.exists() else []
text = form.read_text()
edits = {edits!r}
form.write_text(eval(edits[len(done)]) if len(done) < len(edits) else text)
rounds.write_text(json.dumps([*done, text]))
"""


def run_editor(tmp_path: Path, edits: list[str], *args: str) -> tuple[str, list[str]]:
    """Run ``kiaro ARGS`` on a real terminal with the scripted editor; return what kiaro
    printed and the forms the editor was shown."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR.format(edits=edits))
    env = {**os.environ, "EDITOR": f"{sys.executable} {script}", "TERM": "xterm", "COLUMNS": "120"}
    child = pexpect.spawn(sys.executable, ["-m", "kiaro_cli", *args], env=env, encoding="utf-8", timeout=120)
    child.expect(pexpect.EOF)
    child.close()
    shown = json.loads(script.with_suffix(".json").read_text())
    return child.before.replace("\r\n", "\n"), shown


@pytest.fixture
def acme(kiaro: Run) -> None:
    for args in (
        ("client", "quick-add", "Acme"),
        ("contact", "add", "acme", "--name", "Ann Lee", "--email", "ann@acme.com"),
        ("contact", "add", "acme", "--name", "Old Contact", "--email", "old@acme.com"),
        ("client", "tag", "acme", "design"),
        ("field", "add", "sector", "--type", "choice", "--choices", "Retail,Finance"),
    ):
        assert kiaro(*args).exit_code == 0, args


def shown(kiaro: Run) -> dict[str, object]:
    return json.loads(kiaro("client", "show", "acme", "--format", "json").stdout)  # type: ignore[no-any-return]


@pytest.mark.slow
def test_a_form_with_a_mistake_reopens_with_the_reason_and_the_text_kept(
    kiaro: Run, acme: None, tmp_path: Path
) -> None:
    first = (
        "text.replace('city = \"\"', 'city = \"Utrecht\"')"
        ".replace('email = \"ann@acme.com\"', 'email = \"not-an-email\"')"
        ".replace('sector = \"\"', 'sector = \"retail\"')"
        ".replace('tags = [\"design\"]', 'tags = [\"Web\"]')"
        ".replace('Old Contact', 'Bo Berg').replace('old@acme.com', 'bo@acme.com')"
        ' + \'\\n[[contacts]]\\nname = "Cy New"\\nrole = "finance"\\n\''
    )
    second = "text.replace('not-an-email', 'ann@acme.nl')"
    printed, forms = run_editor(tmp_path, [first, second], "client", "edit", "acme", "--editor")
    assert printed.strip() == "Saved Acme (#1)", [f.splitlines()[:3] for f in forms]
    reopened = forms[1].splitlines()
    assert reopened[0] == "# ! Not saved: invalid email 'not-an-email': An email address must have an @-sign."
    assert 'city = "Utrecht"  # City.' in reopened  # what the user wrote is still there
    client = shown(kiaro)
    assert (client["city"], client["tags"], client["custom"]) == ("Utrecht", ["Web"], {"sector": "Retail"})
    people = [(c["name"], c["email"], c["primary"]) for c in client["contacts"]]  # type: ignore[attr-defined]
    assert people == [
        ("Ann Lee", "ann@acme.nl", True),
        ("Bo Berg", "bo@acme.com", False),
        ("Cy New", None, False),
    ]
    assert kiaro("undo").exit_code == 0  # one command, one undo
    assert shown(kiaro)["city"] is None


@pytest.mark.slow
@pytest.mark.parametrize("edit", ["''", "text"], ids=["emptied", "unchanged"])
def test_an_emptied_or_unchanged_form_changes_nothing(
    kiaro: Run, acme: None, tmp_path: Path, edit: str
) -> None:
    before = shown(kiaro)
    printed, forms = run_editor(tmp_path, [edit], "client", "edit", "acme", "--editor")
    assert printed.strip() == "Nothing changed."
    assert len(forms) == 1 and shown(kiaro) == before


@pytest.mark.slow
def test_a_new_client_from_the_form(kiaro: Run, tmp_path: Path) -> None:
    partly = (
        "text.replace('email = \"\"', 'email = \"hi@brand.co.za\"', 1)"
        ".replace('country = \"\"', 'country = \"ZA\"')"
        " + '\\n[[contacts]]\\nname = \"Thandi Mokoena\"\\nprimary = true\\n'"
    )
    address = (
        "text.replace('address_line1 = \"\"', 'address_line1 = \"12 Long St\"', 1)"
        ".replace('city = \"\"', 'city = \"Cape Town\"', 1)"
        ".replace('postal_code = \"\"', 'postal_code = \"8001\"', 1)"
    )
    printed, forms = run_editor(
        tmp_path, [partly, address], "client", "add", "--editor", "--name", "Brand Factor"
    )
    assert 'name = "Brand Factor"' in forms[0].splitlines()[4]
    assert 'kind = "company"  # company, individual' in forms[0].splitlines()  # its default, its words
    assert forms[1].startswith(
        "# ! Not saved: a new client needs every invoice-ready field, as client add does: address, city,"
        " postal code"
    )  # refused as client add refuses it, and the form opens again with the text kept
    assert 'email = "hi@brand.co.za"' in forms[1]
    assert printed.strip() == "Saved Brand Factor (#1)"
    client = json.loads(kiaro("client", "show", "1", "-f", "json").stdout)
    assert (client["email"], client["country"], client["contact_person"]) == (
        "hi@brand.co.za",
        "ZA",
        "Thandi Mokoena",
    )


@pytest.mark.slow
def test_a_form_that_is_not_toml_reopens_until_it_is_emptied(kiaro: Run, acme: None, tmp_path: Path) -> None:
    printed, forms = run_editor(tmp_path, ["text + 'city = '", "''"], "client", "edit", "acme", "--editor")
    assert forms[1].startswith("# ! Not saved: the form is not valid TOML: ")
    assert printed.strip() == "Nothing changed."


def test_editor_and_field_options_do_not_mix(kiaro: Run, acme: None) -> None:
    refused = kiaro("client", "edit", "acme", "--editor", "--city", "Utrecht")
    assert (refused.exit_code, refused.stderr) == (
        1, "Error: --editor edits the whole record; leave out the field options\n",
    )  # fmt: skip


def test_a_form_read_back_unchanged_is_no_change(kiaro: Run, acme: None) -> None:
    from kiaro_cli.core.views import client_view
    from kiaro_cli.storage.location import resolve
    from kiaro_cli.storage.reader import open_reader

    with open_reader(resolve(None)) as reader:
        view = client_view(reader, "acme")
    before = form_values(view.client.to_dict(), [c.to_dict() for c in view.contacts])
    assert read_form(form_text("Acme", before, {"sector": "choice"}), before).empty


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("colour = 'red'", "unknown field 'colour' in the form"),
        ("tags = 'design'", "tags must be a list of words"),
        ("[[contacts]]\nid = 'one'", "the id of contact 1 must be a number"),
        ("[[contacts]]\nname = 'X'\nfax = '1'", "unknown field 'fax' in contact 1"),
        ("city = ['a']", "city must be one value in quotes"),
    ],
)
def test_a_form_kiaro_cannot_read_is_refused(extra: str, message: str) -> None:
    from kiaro_cli.errors import InvalidValue

    before = form_values(None)
    with pytest.raises(InvalidValue, match=message):
        read_form(f'name = "Acme"\n{extra}\n', before)


def test_a_new_clients_form_starts_from_the_options_given() -> None:
    from kiaro_cli.cli.record_form import prefilled

    form = prefilled({"name": "Brand Factor", "contact_person": "Thandi Mokoena", "city": None})
    text = form_text("A new client", form, {})
    assert 'name = "Brand Factor"  # required; display name (1–200 characters).' in text
    assert '[[contacts]]\nname = "Thandi Mokoena"' in text  # a new contact: no id line
    changes = read_form(text, form_values(None))
    assert changes.fields == {"name": "Brand Factor"}
    assert changes.contacts is not None and changes.contacts[0].values["name"] == "Thandi Mokoena"


def test_a_client_added_in_the_editor_is_active_as_with_client_add(location: Location) -> None:
    from kiaro_cli.core.record_edit import RecordChanges, save_record

    form = form_values(None)
    assert form["fields"]["status"] == "active"  # what the new form shows
    ready = {
        "email": "hi@acme.com",
        "address_line1": "1 Main St",
        "city": "Leeds",
        "postal_code": "LS1",
        "country": "GB",
    }
    text = form_text("A new client", form, {}).replace('name = ""', 'name = "Acme"', 1)
    for key, value in ready.items():
        text = text.replace(f'{key} = ""', f'{key} = "{value}"', 1)
    left = read_form(text + '\n[[contacts]]\nname = "Ann Lee"\n', form)
    assert save_record(location, None, left, today=TODAY).status == "active"
    said = RecordChanges(fields={"name": "Beta", "status": "lead", **ready}, contacts=left.contacts)
    assert save_record(location, None, said, today=TODAY).status == "lead"  # unless it says otherwise


def test_a_client_added_in_the_editor_needs_every_invoice_ready_field(location: Location) -> None:
    from kiaro_cli.core.record_edit import RecordChanges, save_record
    from kiaro_cli.errors import MissingFields

    with pytest.raises(MissingFields) as refused:
        save_record(
            location, None, RecordChanges(fields={"name": "Acme", "email": "hi@acme.com"}), today=TODAY
        )
    assert str(refused.value) == (
        "a new client needs every invoice-ready field, as client add does:"
        " contact person (a [[contacts]] table), address, city, postal code, country"
    )
    assert refused.value.fields == ["contact_person", "address_line1", "city", "postal_code", "country"]


def test_a_contacts_further_emails_and_phones_are_lines_of_the_form(kiaro: Run, acme: None) -> None:
    from kiaro_cli.core.record_edit import save_record
    from kiaro_cli.core.views import client_view
    from kiaro_cli.storage.location import resolve
    from kiaro_cli.storage.reader import open_reader

    kiaro("contact", "edit", "1", "--add-email", "ann@home.org", "--label", "home")
    location = resolve(None)
    with open_reader(location) as reader:
        view = client_view(reader, "acme")
    before = form_values(view.client.to_dict(), [c.to_dict() for c in view.contacts])
    text = form_text("Acme", before, {"sector": "choice"})
    assert 'more_emails = ["home:ann@home.org"]  # more, each label:value (work, home, mobile, other)' in text
    edited = text.replace(
        'more_emails = ["home:ann@home.org"]', 'more_emails = ["mobile:ann@lee.org", "ann@x.org"]'
    )
    edited = edited.replace("more_phones = []", 'more_phones = ["cell:+27 82 555 0101"]', 1)
    with pytest.raises(Exception, match="Ann Lee has no phone to come first"):
        save_record(location, "acme", read_form(edited, before), today=TODAY)
    fields, contacts = edited.split("[[contacts]]", 1)
    edited = fields + "[[contacts]]" + contacts.replace('phone = ""', 'phone = "+27 21 555 0100"', 1)
    save_record(location, "acme", read_form(edited, before), today=TODAY)
    (ann, _) = json.loads(kiaro("contact", "list", "acme", "--format", "json").stdout)
    assert [(e["address"], e["label"]) for e in ann["emails"]] == [
        ("ann@acme.com", "work"),
        ("ann@lee.org", "mobile"),
        ("ann@x.org", "work"),
    ]
    assert [(p["number"], p["label"]) for p in ann["phones"]] == [
        ("+27 21 555 0100", "work"),
        ("+27 82 555 0101", "mobile"),
    ]
