"""A contact: a person at a client, in the order of its JSON keys and CSV columns."""

from __future__ import annotations

from kiaro_cli.declarations import Field, Line, Record, Words

ROLES = ("decision-maker", "project-manager", "finance", "technical-lead", "other")
# What other tools and people call each role.
ROLE_SYNONYMS = {
    "decision": "decision-maker",
    "owner": "decision-maker",
    "pm": "project-manager",
    "project lead": "project-manager",
    "accounts": "finance",
    "billing": "finance",
    "accounting": "finance",
    "tech lead": "technical-lead",
    "technical": "technical-lead",
    "developer": "technical-lead",
}
# The typed fields in the order of the options of contact add and edit.
FORM = ("name", "given_name", "family_name", "email", "phone", "job_title", "role", "birthday")

# One field a line (or a few): the table the fields make reads best unformatted.
# fmt: off
FIELDS = (
    Field("id", "id"),
    Field("client_id", "int", required=True, references="client.id"),
    Field("name", "line", "contact name", "name", "--name", "NAME", "Full name.", clearable=False,
          required=True),
    Field("given_name", "line", "given name", "name", "--given", "NAME",
          "Given name, where the full name does not tell it.", contract=False),
    Field("family_name", "line", "family name", "name", "--family", "NAME",
          "Family name, where the full name does not tell it.", contract=False),
    Field("email", "line", "email", "email", "--email", "EMAIL", "Email address."),
    Field("phone", "line", "phone", "phone", "--phone", "PHONE", "Phone number."),
    Field("emails", "list"),  # every email with its label, the first being ``email`` (core/reach.py)
    Field("phones", "list"),  # every phone with its label, the first being ``phone``
    Field("job_title", "line", "job title", Line(200), "--title", "TITLE", "Job title."),
    Field("role", "line", "role", Words(ROLES, ROLE_SYNONYMS), "--role", help="Role at the client.",
          default="other"),
    Field("primary", "bool", column="is_primary", default=False),
    # YYYY-MM-DD, or --MM-DD when the year is not known (as vCard writes it)
    Field("birthday", "line", "birthday", "birthday", "--birthday", "DATE",
          "Birthday: 1984-05-17, --05-17 without a year, '17 May 1984' (\"\" or off clears it)."),
    Field("last_interaction_at", "date", column=None),  # the latest interaction logged with them
    Field("created_at", "timestamp", required=True, contract=False, internal=True),
)
# fmt: on

CONTACT = Record(name="contact", table="contact", fields=FIELDS, form=FORM)
