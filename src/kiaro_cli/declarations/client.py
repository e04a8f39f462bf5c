"""The client: every field of a client, in the order of its JSON keys and CSV columns."""

from __future__ import annotations

from kiaro_cli.declarations import Card, Effective, Field, Line, Record, Text, Words

MAX_NOTES = 20000
KINDS = ("company", "individual")
# What other tools call a company and a person billed in their own name.
KIND_SYNONYMS = {
    **dict.fromkeys(
        ("organisation", "organization", "business", "corporation", "firm", "legal entity", "legal person"),
        "company",
    ),
    **dict.fromkeys(
        ("person", "private", "private person", "natural person", "consumer", "private individual"),
        "individual",
    ),
}
# The fields an invoice needs, in the order missing_fields names them.
INVOICE_READY = ("contact_person", "email", "address_line1", "city", "postal_code", "country")

# The typed fields in the order of the options of add and edit, the form and its prompts.
FORM = (
    "name", "contact_person", "email", "phone", "address_line1", "address_line2", "city", "region",
    "postal_code", "country", "legal_name", "kind", "code", "industry", "website", "currency",
    "vat_rate", "vat_number", "status", "value", "start_date", "end_date", "notes", "source", "owner",
    "language", "timezone", "registration_number", "reference", "company_size", "annual_revenue",
    "linkedin", "tax_id", "internal", "payment_terms_days", "invoice_email", "iban", "bic", "debtor_id",
    "minimum_rate", "invoice_tolerance", "financial_note", "follow_up_on",
)  # fmt: skip
# The cards of `client show` that show fields, each with its fields in order.
IDENTITY = (
    "status", "kind", "legal_name", "code", "email", "phone", "website", "industry", "source", "tags",
    "value", "start_date", "end_date",
)  # fmt: skip
COMPANY = (
    "owner", "language", "timezone", "registration_number", "tax_id", "reference", "company_size",
    "annual_revenue", "linkedin", "internal",
)  # fmt: skip
BILLING = (
    "effective_currency", "effective_vat_rate", "vat_number", "effective_payment_terms_days",
    "invoice_email", "iban", "bic", "debtor_id", "minimum_rate", "invoice_tolerance", "financial_note",
)  # fmt: skip
CARDS = (Card("Identity", IDENTITY), Card("Company", COMPANY), Card("Billing", BILLING))

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id", imported=False),
    Field("name", "line", "name", "name", "--name", "NAME", "Display name (1–200 characters).",
          question="Client name", clearable=False, required=True,
          synonyms=(
              "company, company name, organisation, organization, organization name, organisation name, "
              "org, client, client name, customer, customer name, account, account name, business, "
              "business name, firma, firmenname, unternehmen, kunde, kundenname, societe, entreprise, "
              "nom de l entreprise, nom de la societe, empresa, compania, nombre de la empresa, "
              "cliente, bedrijf, bedrijfsnaam, organisatie, klant, klantnaam"
          )),
    Field("name_key", "line", required=True, contract=False, internal=True),
    Field("legal_name", "line", "legal name", Line(300), "--legal-name", "NAME",
          "Legal/billing entity used on billing output.", card="Legal name", merged=True,
          synonyms=(
              "legal name, legal entity, billing name, registered name, company legal name, raison "
              "sociale, razon social, firmierung, rechtlicher name, statutaire naam"
          )),
    Field("legal_key", "line", contract=False, internal=True),
    Field("kind", "line", "kind", Words(KINDS, KIND_SYNONYMS), "--kind",
          help="A company, or an individual billed in their own name.", clearable=False,
          card="Kind", default="company", server_default=True,
          synonyms="client kind, customer kind, client type, customer type, entity type, party type"),
    Field("code", "line", "code", "code", "--code", "CODE", "Short unique handle, 2–8 letters/digits.",
          card="Code", unique=True, merged=True,
          synonyms="client code, short code, handle"),
    Field("email", "line", "email", "email", "--email", "EMAIL", "Email address.", card="Email", merged=True),
    Field("phone", "line", "phone", "phone", "--phone", "PHONE", "Phone number, e.g. '+31 20 123 4567'.",
          card="Phone", merged=True),
    Field("contact_person", "line", "contact person", "name", "--contact", "NAME",
          "Primary contact's name.", clearable=False, column=None,  # the primary contact's name
          synonyms=(
              "contact, contact name, contact person, primary contact, person, full name, "
              "ansprechpartner, kontakt, kontaktperson, interlocuteur, contact principal, nom complet, "
              "contacto, persona de contacto, nombre completo, contactpersoon, volledige naam"
          )),
    Field("industry", "line", "industry", Line(), "--industry", "INDUSTRY", "Industry, free text.",
          card="Industry", merged=True,
          synonyms="industry, sector, vertical, branche, secteur, secteur d activite, industria"),
    Field("website", "line", "website", "website", "--website", "URL", "http(s) address.", card="Website",
          merged=True,
          synonyms=(
              "website, web, web site, url, homepage, site, webseite, internetseite, site web, site "
              "internet, sitio web, pagina web, web page, website url"
          )),
    Field("address_line1", "line", "address", Line(), "--address", "TEXT", "Billing address, line 1.",
          question="Address (street and number)", merged=True),
    Field("address_line2", "line", "address line 2", Line(), "--address2", "TEXT",
          "Billing address, line 2.", merged=True),
    Field("city", "line", "city", Line(), "--city", "CITY", "City.", merged=True),
    Field("region", "line", "region", Line(), "--region", "REGION", "State, province or region.",
          merged=True),
    Field("postal_code", "line", "postal code", Line(), "--postal-code", "CODE", "Postal code.", merged=True),
    Field("country", "line", "country", "country", "--country", "COUNTRY",
          "Country name or ISO code ('Netherlands', 'NL').", merged=True),
    Field("currency", "line", "currency", "currency", "--currency", "CODE",
          "ISO 4217 code; empty = workspace default.", merged=True,
          synonyms="currency, currency code, wahrung, devise, monnaie, moneda, divisa, valuta"),
    Field("vat_rate", "basis points", "VAT rate", "vat rate", "--vat-rate", "RATE",
          "VAT rate in percent, 0–100.", merged=True,
          synonyms=(
              "vat rate, vat percent, tax rate, mwst satz, ust satz, steuersatz, taux de tva, tipo de "
              "iva, btw tarief, btw percentage"
          )),
    Field("vat_number", "line", "VAT number", Line(), "--vat-number", "NUMBER", "VAT or tax number.",
          card="VAT number", merged=True,
          synonyms=(
              "vat, vat no, vat id, vat number, vat registration number, ust id, ust idnr, ust id nr, "
              "ustid, umsatzsteuer id, numero de tva, n tva, tva, tva intracommunautaire, nif, cif, nif "
              "cif, btw nummer, btw nr, btw, btw id"
          )),
    Field("effective_currency", "line", card="Currency",
          effective=Effective("currency", "default_currency"), imported=False),
    Field("effective_vat_rate", "basis points", card="VAT rate",
          effective=Effective("vat_rate", "default_vat_rate", otherwise="0"), imported=False),
    Field("owner", "line", "account owner", Line(), "--owner", "NAME",
          "Account owner: who looks after the client.", card="Owner", merged=True,
          synonyms=(
              "account owner, client owner, company owner, contact owner, owner, record owner, "
              "kundenbetreuer, responsable du compte, propietario de la cuenta, accountmanager, account "
              "manager"
          )),
    Field("language", "line", "correspondence language", "language", "--language", "LANGUAGE",
          "Correspondence language: a name or ISO 639-1 code ('German', 'de').", card="Language",
          shown="language", merged=True,
          synonyms="language, preferred language, correspondence language, sprache, langue, idioma, taal"),
    Field("timezone", "line", "time zone", "timezone", "--timezone", "ZONE",
          "IANA time zone or its city ('Europe/Amsterdam', 'Amsterdam').", card="Time zone", merged=True,
          synonyms="time zone, timezone, zeitzone, fuseau horaire, zona horaria, tijdzone"),
    Field("registration_number", "line", "registration number", Line(), "--registration-number", "NUMBER",
          "Company registration (Chamber of Commerce) number.", card="Registration", merged=True,
          synonyms=(
              "registration number, company number, company registration number, chamber of commerce, "
              "chamber of commerce number, coc number, kvk, kvk nummer, handelsregisternummer, hrb, "
              "siret, siren"
          )),
    Field("reference", "line", "reference", Line(), "--reference", "TEXT", "Your reference for the client.",
          card="Reference", merged=True),
    Field("company_size", "line", "company size", "company size", "--company-size", "SIZE",
          "People: 1-10, 11-50, 51-200, 201-500, 500+ (or a head count).", card="Size", shown="{} people",
          merged=True,
          synonyms="company size, number of employees, employees, employee count, mitarbeiter, effectif"),
    Field("annual_revenue", "line", "annual revenue", "annual revenue", "--annual-revenue", "AMOUNT",
          "Annual revenue: under 1M, 1-5M, 5-20M, 20-100M, 100M+ (or an amount).", card="Revenue",
          shown="{} a year", merged=True,
          synonyms="annual revenue, revenue range, jahresumsatz"),
    Field("linkedin", "line", "LinkedIn", "linkedin", "--linkedin", "URL",
          "LinkedIn page (a linkedin.com address).", card="LinkedIn", shown="one line", merged=True,
          synonyms="linkedin, linkedin url, linkedin company page, linkedin page, company linkedin page"),
    Field("tax_id", "line", "tax id", Line(), "--tax-id", "ID", "Tax id (besides the VAT number).",
          card="Tax id", merged=True,
          synonyms="tax id, tax number, tin, steuernummer, numero fiscal"),
    Field("internal", "bool", "internal client", "yes/no", "--internal", "YES|NO",
          "An internal client (your own company or team).", card="Internal",
          shown="yes: an internal client", default=False, server_default=True),
    Field("payment_terms_days", "int", "payment terms (days)", "payment terms", "--payment-terms-days",
          "DAYS", "Days to pay an invoice, 0–365; empty = workspace default.", merged=True,
          synonyms="payment terms, payment term, zahlungsziel, delai de paiement, betalingstermijn"),
    Field("effective_payment_terms_days", "int", card="Payment terms", shown="{} days",
          effective=Effective("payment_terms_days", "default_payment_terms"), imported=False),
    Field("invoice_email", "line", "invoice email", "email", "--invoice-email", "EMAIL",
          "Where invoices go, when not the client's email.", card="Invoice email", merged=True,
          synonyms=(
              "invoice email, billing email, accounts payable email, rechnungs e mail, email "
              "facturation"
          )),
    Field("iban", "line", "IBAN", "iban", "--iban", "IBAN", "Bank account (IBAN, checked).", card="IBAN",
          shown="groups of four", merged=True,
          synonyms="iban, bank account, iban number"),
    Field("bic", "line", "BIC", "bic", "--bic", "BIC", "Bank's BIC/SWIFT code (checked).", card="BIC",
          merged=True,
          synonyms="bic, swift, bic swift, swift code, bic code"),
    Field("debtor_id", "line", "debtor id", Line(), "--debtor-id", "ID", "Debtor id in your accounting.",
          card="Debtor id", merged=True,
          synonyms="debtor id, debtor number, debiteurnummer, debitorennummer"),
    Field("minimum_rate", "cents", "minimum rate", "money", "--minimum-rate", "AMOUNT",
          "Minimum rate agreed ≥ 0.", card="Minimum rate", shown="money", merged=True),
    Field("invoice_tolerance", "cents", "invoice tolerance", "money", "--invoice-tolerance", "AMOUNT",
          "Invoice tolerance ≥ 0.", card="Tolerance", shown="money", merged=True),
    Field("financial_note", "text", "financial note", Text(MAX_NOTES), "--financial-note", "TEXT",
          "A note on billing and payment.", card="Note", merged=True),
    Field("status", "line", "status", "status", "--status", "", "Pipeline status.", clearable=False,
          card="Status", shown="status", default="lead",
          synonyms="status, pipeline status"),
    Field("value", "cents", "value", "money", "--value", "AMOUNT",
          "Lifetime or contract value ≥ 0: 1250 or 1250.50.", card="Value", shown="money", merged=True,
          synonyms=(
              "value, deal value, contract value, lifetime value, umsatz, auftragswert, chiffre d "
              "affaires, valeur, montant, valor, importe, facturacion, omzet, waarde, bedrag"
          )),
    Field("start_date", "date", "start date", "date", "--start", "WHEN", "Start date (ISO or a phrase).",
          card="Start", shown="day", merged=True,
          synonyms="start, started, start date"),
    Field("end_date", "date", "end date", "date", "--end", "WHEN", "End date (ISO or a phrase).",
          card="End", shown="day", merged=True,
          synonyms="end, ended, end date"),
    Field("notes", "text", "notes", Text(MAX_NOTES), "--notes", "TEXT",
          "Private notes; drafts quote only a line starting 'Shared:'.",
          synonyms=(
              "notes, note, comments, comment, description, private notes, notizen, notiz, bemerkung, "
              "bemerkungen, anmerkungen, kommentar, beschreibung, remarques, remarque, commentaires, "
              "notas, nota, comentarios, observaciones, notities, opmerkingen, omschrijving"
          )),
    Field("source", "line", "source", Line(), "--source", "SOURCE",
          "Where the client came from: referral, website, social, repeat…", card="Source", merged=True,
          synonyms=(
              "source, lead source, referral source, channel, quelle, herkunft, origine, origen, "
              "fuente, bron"
          )),
    Field("tags", "list", card="Tags", shown="list",
          synonyms=(
              "tags, tag, labels, label, categories, group membership, schlagworte, stichworte, "
              "etiketten, kategorien, etiquettes, categories, etiquetas, categorias"
          )),
    Field("follow_up_on", "date", "follow-up date", "follow-up", "--follow-up", "WHEN",
          "Follow-up date: 2w, 1m, 'next friday', 2026-10-15.",
          synonyms="follow up, follow up date, next follow up, follow up on"),
    # how often to follow up (6w, 1m, 10d), opt-in: set with followup set --every
    Field("cadence", "line", "follow-up cadence", merged=True),
    Field("last_followed_up_at", "timestamp"),
    Field("last_interaction_at", "date"),
    Field("last_activity_at", "timestamp", imported=False),
    Field("archived", "bool", default=False),
    Field("missing_fields", "list", imported=False, formula_free=True),
    Field("search_text", "text", default="", contract=False, internal=True),
    Field("created_at", "timestamp", required=True),
    Field("updated_at", "timestamp", required=True),
    Field("custom", "map", imported=False),

)
# fmt: on

CLIENT = Record(name="client", table="client", fields=FIELDS, form=FORM, cards=CARDS)
