"""The editor form of a client (``client add|edit --editor``): the record as TOML, every
field with a comment naming its rule, contacts as an array of tables; read back into the
changes made, and saved in one transaction. A form that cannot be saved reopens with the
reasons at the top and the text as the user left it."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kiaro_cli.core.choices import ROLES
from kiaro_cli.core.client_rows import ADDED_STATUS
from kiaro_cli.core.fields import CLIENT_FIELDS, CONTACT_FIELDS
from kiaro_cli.core.record_edit import ContactEntry, RecordChanges
from kiaro_cli.declarations.client import CLIENT
from kiaro_cli.declarations.contact import CONTACT
from kiaro_cli.errors import InvalidValue, KiaroError

if TYPE_CHECKING:
    from kiaro_cli.cli.output import Formatter
    from kiaro_cli.core.records import ClientRecord
    from kiaro_cli.core.workspace import Workspace

# contact_person is the primary contact's name: the form edits it in [[contacts]].
FORM_FIELDS = [key for key in CLIENT_FIELDS if key != "contact_person"]
# The fields a new client's form fills in: those that cannot be emptied and have a default.
REQUIRED_DEFAULTS = tuple(
    key
    for key, rule in CLIENT_FIELDS.items()
    if not rule.clearable and CLIENT.by_key[key].default is not None
)
# A contact's lines: the typed fields of its JSON object, then its emails and phones after
# the first, each "label:value".
CONTACT_KEYS = tuple(key for key in CONTACT_FIELDS if key in CONTACT.keys)
MORE = {"more_emails": ("emails", "address"), "more_phones": ("phones", "number")}
MORE_HELP = "  # more, each label:value (work, home, mobile, other)"
ERROR_MARK = "# ! "  # the lines kiaro writes at the top when it could not save the form
HELP_LINES = (
    "# Save and close to apply; leave it unchanged or empty the file to change nothing.",
    '# An empty value ("") clears a field. Lines starting with # are comments.',
)

Form = dict[str, Any]


def form_values(record: Mapping[str, Any] | None, contacts: Sequence[Mapping[str, Any]] = ()) -> Form:
    """What the form shows for a client (``record`` None: a new one): text for every field,
    the tags, the custom values, the contacts."""
    record = record or {}
    fields = {key: _text(record.get(key)) for key in FORM_FIELDS}
    if not record:  # a new client: what a field that cannot be empty starts as
        fields |= {key: _text(CLIENT.by_key[key].default) for key in REQUIRED_DEFAULTS}
        fields["status"] = ADDED_STATUS
    people = [
        {
            "id": c["id"],
            **{key: _text(c.get(key)) for key in CONTACT_KEYS},
            **{
                more: [f"{e['label']}:{e[value]}" for e in c.get(listed, [])[1:]]
                for more, (listed, value) in MORE.items()
            },
            "primary": bool(c.get("primary")),
        }
        for c in contacts
    ]
    custom = {key: _text(value) for key, value in (record.get("custom") or {}).items()}
    return {"fields": fields, "tags": list(record.get("tags") or []), "custom": custom, "contacts": people}


def form_text(title: str, form: Form, custom_types: Mapping[str, str]) -> str:
    """The form as TOML, each field followed by its rule as a comment."""
    lines = [f"# {title}", *HELP_LINES, ""]
    for key, value in form["fields"].items():
        lines.append(f"{key} = {_toml(value)}  # {_rule(key)}")
    lines.append(f'tags = {json.dumps(form["tags"], ensure_ascii=False)}  # a list: ["design", "web"]')
    if custom_types:
        lines += ["", "[custom]  # your own fields (kiaro field list)"]
        for key, kind in custom_types.items():
            lines.append(f"{key} = {_toml(form['custom'].get(key, ''))}  # {kind}")
    lines += ["", "# Contacts: one [[contacts]] table each. Delete a table to remove the contact; add one"]
    lines += ["# without an id for a new contact. The primary contact is the one kiaro writes to."]
    for contact in form["contacts"] or [None]:
        lines += ["", "[[contacts]]" if contact else "# [[contacts]]"]
        for key in ("id", *CONTACT_KEYS, *MORE, "primary"):
            if key == "id" and (contact is None or contact["id"] is None):
                continue
            empty: Any = [] if key in MORE else ("" if key != "primary" else True)
            value = contact.get(key, empty) if contact else empty
            shown = f"{key} = {_toml(value)}"
            comment = f"  # {', '.join(ROLES)}" if key == "role" else (MORE_HELP if key in MORE else "")
            lines.append(shown + comment if contact else f"# {shown}")
    return "\n".join(lines) + "\n"


def prefilled(given: Mapping[str, str | None]) -> Form:
    """A new client's form with the values of ``client add``'s options (its contact person
    as the first contact)."""
    form = form_values(None)
    form["fields"].update({key: value for key, value in given.items() if value and key in FORM_FIELDS})
    if given.get("contact_person"):
        person = dict.fromkeys(CONTACT_KEYS, "") | {"name": given["contact_person"]}
        form["contacts"] = [{"id": None, **person, "primary": True}]
    return form


def read_form(text: str, before: Form) -> RecordChanges:
    """The changes a saved form makes to ``before``; a form that is not valid TOML, or has
    a key kiaro does not know, is refused."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidValue(f"the form is not valid TOML: {error}") from None
    custom = data.pop("custom", {})
    people = data.pop("contacts", None)
    tags = data.pop("tags", before["tags"])
    unknown = [key for key in data if key not in FORM_FIELDS]
    if unknown:
        raise InvalidValue(f"unknown field '{unknown[0]}' in the form")
    fields = {key: _scalar(key, value) for key, value in data.items()}
    changed = {k: v for k, v in fields.items() if v != before["fields"].get(k, "")}
    custom_text = {key: _scalar(f"custom.{key}", value) for key, value in _table(custom, "custom").items()}
    custom_changed = {k: v for k, v in custom_text.items() if v != before["custom"].get(k, "")}
    contacts = _contacts(people) if people is not None else []
    return RecordChanges(
        fields={k: v for k, v in changed.items() if v},
        clear=[k for k, v in changed.items() if not v],
        custom={k: v for k, v in custom_changed.items() if v},
        unset=[k for k, v in custom_changed.items() if not v],
        tags=None if _tag_list(tags) == before["tags"] else _tag_list(tags),
        contacts=None if _same_contacts(contacts, before["contacts"]) else contacts,
    )


def with_errors(text: str, message: str, details: Sequence[str]) -> str:
    """The form again, with why it could not be saved at the top (an earlier reason
    replaced) and the user's text below as they left it."""
    kept = [line for line in text.splitlines() if not line.startswith(ERROR_MARK)]
    reasons = [f"{ERROR_MARK}Not saved: {message}", *(f"{ERROR_MARK}  {d}" for d in details)]
    reasons.append(f"{ERROR_MARK}Correct it and save again, or empty the file to change nothing.")
    return "\n".join([*reasons, *kept]) + "\n"


def _contacts(people: Any) -> list[ContactEntry]:
    if not isinstance(people, list):
        raise InvalidValue("contacts must be [[contacts]] tables")
    entries = []
    for number, person in enumerate(people, start=1):
        table = _table(person, f"contact {number}")
        unknown = [key for key in table if key not in (*CONTACT_KEYS, *MORE, "id", "primary")]
        if unknown:
            raise InvalidValue(f"unknown field '{unknown[0]}' in contact {number}")
        contact_id = table.get("id")
        if contact_id is not None and (not isinstance(contact_id, int) or isinstance(contact_id, bool)):
            raise InvalidValue(f"the id of contact {number} must be a number")
        values = {key: _scalar(key, table.get(key, "")) for key in CONTACT_KEYS}
        more = {key: tuple(_tag_list(table.get(key, []), key)) for key in MORE}
        entries.append(
            ContactEntry(
                contact_id, values, table.get("primary") is True, more["more_emails"], more["more_phones"]
            )
        )
    return entries


def _same_contacts(entries: Sequence[ContactEntry], before: Sequence[Mapping[str, Any]]) -> bool:
    now = [(e.id, dict(e.values), list(e.more_emails), list(e.more_phones), e.primary) for e in entries]
    was = [
        (c["id"], {k: c[k] for k in CONTACT_KEYS}, *(c.get(k, []) for k in MORE), c["primary"])
        for c in before
    ]
    return now == was


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidValue(f"{where} must be a table of key = value lines")
    return value


def _tag_list(tags: Any, key: str = "tags") -> list[str]:
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        example = '["design", "web"]' if key == "tags" else '["home:ann@home.org"]'
        raise InvalidValue(f"{key} must be a list of words in quotes: {key} = {example}")
    return [tag.strip() for tag in tags if tag.strip()]


def _scalar(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int | float):
        return str(value).strip()
    raise InvalidValue(f"{key} must be one value in quotes")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _toml(value: Any) -> str:
    """A TOML value: JSON's strings are TOML basic strings (escapes included)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def _rule(key: str) -> str:
    rule = CLIENT_FIELDS[key]
    if rule.choices:
        return ", ".join(rule.choices)
    return rule.help if key != "name" else f"required; {rule.help[0].lower()}{rule.help[1:]}"


def edit_in_editor(
    ws: Workspace, reference: str | None, given: Mapping[str, str | None] | None = None
) -> ClientRecord | None:
    """Open the form of a client (``reference`` None: a new one, with the ``given`` values)
    until it saves, or the user leaves it unchanged or empty (None: nothing was saved)."""
    from kiaro_cli.cli.editor import edit_text
    from kiaro_cli.core.record_edit import save_record
    from kiaro_cli.core.views import form_sources

    fields, view = ws.read(form_sources, reference)
    types = {fld.key: fld.type + (f": {', '.join(fld.choices)}" if fld.choices else "") for fld in fields}
    if view is None:
        before, title = form_values(None), "A new client"
    else:
        before = form_values(view.client.to_dict(), [c.to_dict() for c in view.contacts])
        title = f"{view.client.name} (#{view.client.id})"
    # a new client's form starts from the options given (all of it new against ``before``)
    text = form_text(title, prefilled(given) if given else before, types)
    while True:
        saved = edit_text(text, suffix=".toml")
        if not saved.strip() or saved == text:
            return None
        try:
            changes = read_form(saved, before)
            if changes.empty:
                return None
            return save_record(ws.location, reference, changes, today=ws.today)
        except KiaroError as error:
            text = with_errors(saved, error.message, error.details)


def edit_and_report(
    ws: Workspace,
    reference: str | None,
    out: Formatter,
    given: Mapping[str, str | None] | None = None,
) -> None:
    """``--editor``: the form, then what was saved (or that nothing was)."""
    from kiaro_cli.cli import messages, output

    record = edit_in_editor(ws, reference, given)
    if record is None:
        output.say("Nothing changed.", err=True)
        return
    out.client(record, f"Saved {messages.named(record)}")
