"""The fixed choices of kiaro's records, and the words other tools use for them.

A typed choice is read whatever its case, spaces, hyphens or underscores ("Decision
Maker" is decision-maker), and a word another CRM uses is read as ours ("prospect" is a
lead, ``--sort amount`` is value). Anything else is refused, naming the choices.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from kiaro_cli.declarations import address as declared_address
from kiaro_cli.declarations import contact as declared_contact
from kiaro_cli.declarations import document as declared_document
from kiaro_cli.declarations import event as declared_event
from kiaro_cli.declarations import interaction as declared_interaction
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage import queries

STATUSES = ("lead", "active", "inactive", "past")
ROLES = declared_contact.ROLES
ROLE_ALIASES = declared_contact.ROLE_SYNONYMS  # what other tools and people call each role
INTERACTION_TYPES = declared_interaction.TYPES
INTERACTION_CLEARABLE = ("next-step", "contact")  # what interaction edit --clear empties
DOCUMENT_KINDS = declared_document.KINDS
DOCUMENT_KIND_ALIASES = declared_document.KIND_SYNONYMS  # what other tools call each kind of document
EVENT_KINDS = declared_event.KINDS
EVENT_KIND_ALIASES = declared_event.KIND_SYNONYMS
PRIORITIES = declared_event.PRIORITIES  # most urgent first
PRIORITY_ALIASES = declared_event.PRIORITY_SYNONYMS
CUSTOM_FIELD_TYPES = ("text", "number", "date", "choice", "bool")
CUSTOM_TYPE_ALIASES = {
    "string": "text",
    "integer": "number",
    "int": "number",
    "decimal": "number",
    "boolean": "bool",
    "yes/no": "bool",
    "flag": "bool",
    "select": "choice",
    "list": "choice",
}
ADDRESS_KINDS = declared_address.KINDS
ADDRESS_ALIASES = declared_address.KIND_SYNONYMS  # what other tools call each kind of address
# Words other tools use for the same thing (after choice_key), accepted wherever the choice is.
DUPLICATE_POLICIES = ("error", "skip", "update")  # what an import does with a row a client already has
# The one vocabulary of statuses, read wherever a status comes in (client status, --status,
# the editor form, imports, kiaro do): the words people say and the stages and account
# types other CRMs export (HubSpot's lifecycle stage and lead status, Zoho's and
# Salesforce's account type…). Anything else ("Partner", "Vendor") names no status.
STATUS_ALIASES = {
    **dict.fromkeys(
        (
            "potential", "prospect", "pending", "new", "open", "subscriber", "marketing qualified lead",
            "sales qualified lead", "mql", "sql", "opportunity", "in progress", "attempted to contact",
            "connected", "open deal", "qualified", "interessent", "prospekt", "nouveau",
            "cliente potencial", "potentiele klant",
        ),
        "lead",
    ),
    **dict.fromkeys(
        (
            "client", "current", "customer", "customer direct", "customer channel", "evangelist", "won",
            "closed won", "kunde", "bestandskunde", "cliente", "klant", "actif", "aktiv", "activo", "actief",
        ),
        "active",
    ),
    **dict.fromkeys(("dormant", "paused", "inaktiv", "inactif", "inactivo", "inactief"), "inactive"),
    **dict.fromkeys(
        (
            "former", "former customer", "churned", "lost", "closed lost", "ex customer", "ehemaliger kunde",
            "ancien client", "antiguo cliente", "ex klant",
        ),
        "past",
    ),
}  # fmt: skip
SORTS = tuple(queries.SORTS)  # the orders a listing can be sorted by
SORT_ALIASES = {"amount": "value", "last activity": "activity", "due": "follow-up"}
INTERACTION_ALIASES = declared_interaction.TYPE_SYNONYMS  # what other tools call each type


def choice_key(text: str) -> str:
    """A typed choice reduced for matching: case, spaces, '-' and '_' set aside."""
    return " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def pick_choice(text: str, choices: Sequence[str], aliases: Mapping[str, str]) -> str | None:
    """The choice ``text`` names (any case, spaces or hyphens, or an alias), or None."""
    key = choice_key(text)
    return _by_key(tuple(choices)).get(key) or aliases.get(key)


@cache
def _by_key(choices: tuple[str, ...]) -> dict[str, str]:
    return {choice_key(choice): choice for choice in choices}


def clean_choice(value: str, choices: Sequence[str], aliases: Mapping[str, str], label: str) -> str:
    """The choice ``value`` names; refused, naming the choices, when it names none."""
    picked = pick_choice(value, choices, aliases)
    if picked is None:
        raise InvalidValue(f"unknown {label} '{value.strip()}' (use {', '.join(choices)})")
    return picked


def read_status(text: str) -> str | None:
    """The status a word names (any case; "prospect" and "Lifecycle Stage: Opportunity" are
    leads, "Customer" and "Kunde" active, "churned" and "former" past), or None: every input
    of a status reads it through here."""
    return pick_choice(text, STATUSES, STATUS_ALIASES)


def clean_status(value: str) -> str:
    """One of lead, active, inactive, past, as :func:`read_status` reads it; refused otherwise."""
    status = read_status(value)
    if status is None:
        raise InvalidValue(f"unknown status '{value.strip()}' (use {', '.join(STATUSES)})")
    return status


def clean_role(value: str) -> str:
    """A contact role ("Decision Maker" is decision-maker)."""
    return clean_choice(value, ROLES, ROLE_ALIASES, "role")


def clean_address_kind(value: str) -> str:
    """What an address is for: office, invoicing, mailing, site, other ("billing" is invoicing)."""
    return clean_choice(value, ADDRESS_KINDS, ADDRESS_ALIASES, "address kind")


def clean_event_kind(value: str) -> str:
    """What an event is: reminder, quote, complaint, note or other."""
    return clean_choice(value, EVENT_KINDS, EVENT_KIND_ALIASES, "event kind")


def clean_priority(value: str) -> str:
    """critical, high, medium or low ("urgent" is critical)."""
    return clean_choice(value, PRIORITIES, PRIORITY_ALIASES, "priority")


def clean_field_type(value: str) -> str:
    """A custom field's type: text, number, date, choice or bool ("boolean" is bool)."""
    return clean_choice(value, CUSTOM_FIELD_TYPES, CUSTOM_TYPE_ALIASES, "field type")


def clean_interaction_type(value: str) -> str:
    """An interaction type ("phone" is a call)."""
    return clean_choice(value, INTERACTION_TYPES, INTERACTION_ALIASES, "interaction type")
