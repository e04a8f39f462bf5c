"""Columns of other programs' files: the header row found, each column mapped by its neighbours."""

from __future__ import annotations

from kiaro_cli.core.imports.columns import find_header, map_columns, read_row


def test_name_is_the_client_or_the_person_by_the_columns_beside_it() -> None:
    assert map_columns(["Name", "Email"], {}).by_field["name"][0].header == "Name"
    assert map_columns(["Company", "Name"], {}).by_field["contact_person"][0].header == "Name"
    beside_last = map_columns(["Nombre", "Apellidos", "Empresa"], {})
    assert beside_last.by_field["first_name"][0].header == "Nombre"


def test_a_title_beside_a_job_title_is_not_a_job() -> None:
    columns = map_columns(["First Name", "Title", "Job Title", "Company"], {})
    raw = read_row(["Ann", "Dr.", "Editor", "Acme"], columns)
    assert (raw.person, raw.job_title) == ("Ann", "Editor")


def test_the_header_after_linkedins_notes_is_found() -> None:
    rows = [
        (1, ["Notes:"]),
        (2, ["When exporting your connection data, some addresses are missing."]),
        (4, ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]),
        (5, ["Ann", "Lee", "https://www.linkedin.com/in/ann", "", "Acme", "CEO", "01 Jan 2024"]),
    ]
    assert find_header(rows, {}) == 2
    assert find_header([(1, ["name", "city"]), (2, ["Acme", "Leeds"])], {}) == 0


def test_display_name_is_the_customer_in_an_invoicing_tools_file_and_a_person_elsewhere() -> None:
    zoho = map_columns(["Display Name", "Company Name", "First Name", "Currency Code"], {})
    raw = read_row(["Ann Lee", "Acme", "Ann", "GBP"], zoho)
    assert (raw.values["name"], raw.extras) == ("Ann Lee", [("Company Name", "Acme")])
    books = map_columns(["Contact Name", "Display Name", "First Name", "Last Name", "Currency Code"], {})
    raw = read_row(["Defenders", "Defenders", "Matt", "Murdock", "USD"], books)
    assert (raw.values["name"], raw.person) == ("Defenders", "Matt Murdock")
    quickbooks = map_columns(["Company", "Customer", "Billing Address", "Billing City"], {})
    assert read_row(["Acme", "Ann Lee", "1 Elm Row", "York"], quickbooks).values["name"] == "Ann Lee"
    thunderbird = map_columns(["First Name", "Display Name", "Organization"], {})
    assert read_row(["Ann", "Ann Lee", "Acme"], thunderbird).person == "Ann Lee"


def test_a_company_that_is_no_organisation_leaves_the_person_a_client_of_their_own() -> None:
    columns = map_columns(["First Name", "Last Name", "Company"], {})
    raw = read_row(["Ann", "Lee", "Self-employed"], columns)
    assert ("name" not in raw.values, raw.person, raw.individual) == (True, "Ann Lee", True)
    assert raw.extras == [("Company", "Self-employed")]
    assert read_row(["Bo", "Berg", "Acme"], columns).values["name"] == "Acme"


def test_the_address_groups_not_chosen_are_kept_with_their_labels() -> None:
    columns = map_columns(["Company", "Home Address", "Home City", "Work Address", "Work City"], {})
    raw = read_row(["Acme", "1 Elm Row", "York", "5 Mill Lane", "Leeds"], columns)
    assert raw.address == {"formatted": "5 Mill Lane", "city": "Leeds"}
    assert raw.other_addresses == [("Home address", {"formatted": "1 Elm Row", "city": "York"})]


def test_odoos_is_a_company_says_whose_name_a_row_gives() -> None:
    columns = map_columns(["Name", "Is a Company", "Related Company"], {})
    company = read_row(["Acme BV", "True", ""], columns)
    assert (company.values["name"], company.person) == ("Acme BV", None)
    person = read_row(["Ann Lee", "False", "Acme BV"], columns)
    assert (person.values["name"], person.person, person.individual) == ("Acme BV", "Ann Lee", False)
    alone = read_row(["Bo Berg", "False", ""], columns)
    assert ("name" in alone.values, alone.person, alone.individual) == (False, "Bo Berg", True)
