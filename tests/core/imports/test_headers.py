"""Headers of other programs' files: what each one means, and those kiaro leaves out."""

from __future__ import annotations

import pytest

from kiaro_cli.core.imports.headers import meaning_of


@pytest.mark.parametrize(
    ("header", "field", "group"),
    [
        ("Company", "name", ""),
        ("Organization - Name", "name", ""),
        ("Account Name", "name", ""),
        ("Firma", "name", ""),
        ("Société", "name", ""),
        ("Bedrijfsnaam", "name", ""),
        ("Person - Name", "contact_person", ""),
        ("Ansprechpartner", "contact_person", ""),
        ("Given Name", "first_name", ""),
        ("Prénom", "first_name", ""),
        ("Achternaam", "last_name", ""),
        ("Organization Title", "job_title", ""),
        ("E-mail 2 Address", "email", ""),
        ("Person - Email - Work", "email", ""),
        ("Correo electrónico", "email", ""),
        ("Company Main Phone", "phone", ""),
        ("Telefon", "phone", ""),
        ("MOBILEPHONE", "phone", ""),
        ("Business Street 2", "address_line2", "business"),
        ("Billing Code", "postal_code", "billing"),
        ("BILLINGPOSTALCODE", "postal_code", "billing"),
        ("Mailing Zip", "postal_code", "mailing"),
        ("Address 1 - Extended Address", "address_line2", "address1"),
        ("Organization - Address - ZIP/Postal code", "postal_code", "business"),
        ("Organization - Address", "formatted", "business"),
        ("Apt/Suite", "address_line2", ""),
        ("Straße", "address_line1", ""),
        ("Country/Region", "country", ""),
        ("USt-IdNr.", "vat_number", ""),
        ("Chiffre d'affaires", "value", ""),
        ("Lifecycle Stage", "status_label", ""),
        ("Group Membership", "tags", ""),
        ("Annual Revenue", "annual_revenue", ""),
        ("Number of Employees", "company_size", ""),
        ("Company owner", "owner", ""),
        ("Tax ID", "tax_id", ""),
        ("Chamber of Commerce", "registration_number", ""),
        ("BIC/SWIFT", "bic", ""),
        ("Payment Terms", "payment_terms_days", ""),
        ("Time Zone", "timezone", ""),
        ("Organization - City/town/village/locality of Address", "city", "business"),
        ("Organization - House number of Address", "house_number", "business"),
        ("Country of Address", "country", "business"),
        ("Person - ZIP/Postal code of Address", "postal_code", "home"),
        ("Work Address", "formatted", "business"),  # the street alone in Thunderbird's file
        ("Work Address 2", "address_line2", "business"),
        ("Billing Street2", "address_line2", "billing"),
        ("Postal Code/Zip Code", "postal_code", ""),
        ("EmailID", "email", ""),
        ("Customer Sub Type", "kind", ""),
        ("No. of Employees", "company_size", ""),
    ],
)
def test_a_header_means_a_field(header: str, field: str, group: str) -> None:
    meaning = meaning_of(header)
    assert meaning is not None and (meaning.field, meaning.group) == (field, group)


@pytest.mark.parametrize(
    "header",
    ["Business Fax", "Assistant's Phone", "E-mail Display Name", "Phonetic First Name", "Pager"],
)
def test_headers_kiaro_leaves_out(header: str) -> None:
    assert meaning_of(header) is None


def test_business_phones_rank_before_mobile_and_home() -> None:
    ranks = {h: meaning_of(h).rank for h in ("Primary Phone", "Business Phone", "Mobile Phone", "Home Phone")}  # type: ignore[union-attr]
    assert sorted(ranks, key=ranks.__getitem__) == [
        "Primary Phone",
        "Business Phone",
        "Mobile Phone",
        "Home Phone",
    ]
