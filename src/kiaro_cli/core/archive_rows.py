"""The rules a row read from an archive (``import all``) must pass, as typed input does:
text without control characters, names on one line, dates as kiaro writes them, a
document's name a plain file name (as ``doc add`` keeps it) and its SHA-256 64 hex
digits, a declared choice of words one of its words, settings as ``settings set``
takes them, the undo log and history's JSON as
kiaro writes it, the ledger's amounts, currencies, states and numbers as its commands
write them. An archive is a file from outside: a
row that breaks a rule refuses the whole archive."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache, partial
from typing import Any

from kiaro_cli.core.records import stored_day
from kiaro_cli.declarations import COLUMN_SUFFIX, Field, Record
from kiaro_cli.errors import InvalidValue

CURRENCY = re.compile(r"[A-Z]{3}")
LEDGER_TABLES = ("project", "quote", "invoice", "invoice_line", "payment")
ONE_LINE = frozenset({"name", "key", "code", "email", "phone", "kind", "type", "status", "role", "sha256"})
ENTRY = frozenset({"summary", "next_step", "text", "value"})  # lines, but no format characters


def row_problem(table: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
    """The first field of ``row`` (a row of ``table``, as loaded) that breaks a rule, and
    why; None when every field passes."""
    for field, value in row.items():
        if isinstance(value, str):
            problem = _text_problem(field, value)
            if problem:
                return field, problem
    checks = _TABLE_CHECKS.get(table)
    broken = checks(row) if checks is not None else None
    return broken or _choice_problem(table, row) or _number_problem(table, row)


def _number_problem(table: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
    """A column its declaration keeps as a whole number (an id, a count, an amount, a rate, a
    flag) that holds anything else: SQLite keeps any text in such a column."""
    for column in _whole_number_columns(table):
        value = row.get(column)
        if value is not None and not isinstance(value, int):
            return column, "is not a whole number"
    return None


@cache
def _whole_number_columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` whose declared unit is a whole number."""
    from kiaro_cli.declarations import UNITS
    from kiaro_cli.declarations.address import ADDRESS
    from kiaro_cli.declarations.client import CLIENT
    from kiaro_cli.declarations.client_date import CLIENT_DATE
    from kiaro_cli.declarations.contact import CONTACT
    from kiaro_cli.declarations.document import DOCUMENT
    from kiaro_cli.declarations.event import EVENT
    from kiaro_cli.declarations.interaction import INTERACTION
    from kiaro_cli.declarations.rate import RATE

    for record in (
        CLIENT,
        CONTACT,
        ADDRESS,
        EVENT,
        DOCUMENT,
        INTERACTION,
        RATE,
        CLIENT_DATE,
        *_ledger_records(),
    ):
        if record.table == table:
            return tuple(str(f.column_name) for f in record.stored if UNITS[f.unit] in (int, bool))
    return ()


def _choice_problem(table: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
    """A field its declaration gives a choice of words (a client's kind, an interaction's
    type…) that holds another word, as stored: typed input never stores one."""
    for column, choices, clearable in _choices_of(table):
        if column in row and not (row[column] in choices or (clearable and row[column] is None)):
            return column, f"is not one of {', '.join(choices)}"
    return None


@cache
def _choices_of(table: str) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """The columns of ``table`` whose declared rule is a choice of words."""
    from kiaro_cli.core.choices import STATUSES
    from kiaro_cli.declarations import Words
    from kiaro_cli.declarations.address import ADDRESS
    from kiaro_cli.declarations.client import CLIENT
    from kiaro_cli.declarations.contact import CONTACT
    from kiaro_cli.declarations.document import DOCUMENT
    from kiaro_cli.declarations.event import EVENT
    from kiaro_cli.declarations.interaction import INTERACTION
    from kiaro_cli.declarations.rate import RATE

    for record in (CLIENT, CONTACT, ADDRESS, EVENT, DOCUMENT, INTERACTION, RATE, *_ledger_records()):
        if record.table == table:
            client_status = (("status", STATUSES, False),) if record is CLIENT else ()
            return client_status + tuple(
                (str(f.column_name), f.rule.choices, f.clearable)
                for f in record.stored
                if isinstance(f.rule, Words)
            )
    return ()


def _text_problem(field: str, value: str) -> str | None:
    from kiaro_cli.core.fields import clean_entry, clean_line, clean_text

    try:
        if value.isascii() and value.isprintable():
            pass  # printable ASCII passes each of the rules below
        elif field in ONE_LINE:
            clean_line(value, "the value", limit=len(value))
        elif field in ENTRY:
            clean_entry(value, "the value", limit=len(value))
        else:
            clean_text(value, "the value", limit=len(value))
    except InvalidValue as error:
        return error.message
    if field == "at" or field.endswith("_at"):
        return None if _reads(datetime.fromisoformat, value) else "is not a date and time (ISO 8601)"
    if field.endswith(("_on", "_date")):
        return None if stored_day(value) else "is not a date (YYYY-MM-DD)"
    return None


def _reads(parse: Callable[[str], object], value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _document(row: Mapping[str, Any]) -> tuple[str, str] | None:
    from kiaro_cli.core.choices import DOCUMENT_KINDS
    from kiaro_cli.core.documents import clean_file_name

    name = row.get("name")
    try:
        plain = isinstance(name, str) and clean_file_name(name) == name
    except InvalidValue:
        plain = False
    if not plain:
        return "name", "is not a plain file name (a document's name is never a path)"
    from kiaro_cli.storage.documents import SHA256

    if not isinstance(row.get("sha256"), str) or not SHA256.fullmatch(row["sha256"]):
        return "sha256", "is not a SHA-256 (64 hex digits)"
    if row.get("kind") not in DOCUMENT_KINDS:
        return "kind", f"is not a document kind ({', '.join(DOCUMENT_KINDS)})"
    if not isinstance(row.get("size"), int) or row["size"] < 0:
        return "size", "is not a size in bytes"
    return None


def _setting(row: Mapping[str, Any]) -> tuple[str, str] | None:
    from kiaro_cli.core.settings import MULTI_LINE_SETTINGS, SETTING_RULES

    key = str(row.get("key"))
    rule = SETTING_RULES.get(key)
    if rule is None or not isinstance(row.get("value"), str):
        return None
    if ("\n" in row["value"] and key not in MULTI_LINE_SETTINGS) or "\t" in row["value"]:
        return "value", "must be on one line"
    try:
        rule(row["value"])
    except InvalidValue as error:
        return "value", error.message
    return None


def _undo_step(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """A step undo can take back: a table of the schema (or none: a barrier), a key, and a
    before-image that is an object passing the rules of a row of its table: ``kiaro undo``
    writes it back as it is, so it must not bring what the archive's own rows may not."""
    from kiaro_cli.storage.rows import ROW_CLASSES

    table = row.get("table_name")
    if not table:
        return None  # a barrier: never taken back
    if table not in {cls.TABLE for cls in ROW_CLASSES}:
        return "table_name", "is not a table of this schema"
    key = _json(row.get("row_key"))
    if not (isinstance(key, int | str) or (isinstance(key, list) and len(key) == 2)):
        return "row_key", "is not a row's key (JSON)"
    before = _json(row["before"]) if row.get("before") is not None else {}
    if not isinstance(before, dict):
        return "before", "is not a row's image (a JSON object)"
    broken = row_problem(str(table), before) if before else None
    if broken is not None:
        return "before", f"would put back a {table} row whose {broken[0]} {broken[1]}"
    return None


def _activity(row: Mapping[str, Any]) -> tuple[str, str] | None:
    if row.get("data") is not None and not isinstance(_json(row["data"]), dict):
        return "data", "is not a JSON object"
    return None


def _json(value: Any) -> Any:
    """``value`` read as JSON, or None when it is not JSON text."""
    import json

    try:
        return json.loads(value) if isinstance(value, str) else None
    except (ValueError, RecursionError):
        return None


@cache
def _ledger_records() -> tuple[Record, ...]:
    from kiaro_cli.declarations.invoice import INVOICE, INVOICE_LINE
    from kiaro_cli.declarations.payment import PAYMENT
    from kiaro_cli.declarations.project import PROJECT
    from kiaro_cli.declarations.quote import QUOTE

    return PROJECT, QUOTE, INVOICE, INVOICE_LINE, PAYMENT


@cache
def _ledger_columns(table: str) -> tuple[tuple[Field, str], ...]:
    """The stored fields of a ledger table and their columns."""
    record = next(record for record in _ledger_records() if record.table == table)
    return tuple((declared, str(declared.column_name)) for declared in record.stored)


@cache
def _stored_limits() -> dict[str, int]:
    """What kiaro's rules let each stored unit of the ledger reach (not reached): a net, a
    budget or a price under MAX_VALUE, so a gross (net + VAT of 100% at most) under twice it;
    quantities as typed input allows them; a VAT rate of 100% at most."""
    from kiaro_cli.core.money import MAX_QUANTITY, to_cents
    from kiaro_cli.core.numbers import MAX_VALUE

    return {"cents": 2 * to_cents(MAX_VALUE), "basis points": 10_001, "quantity": int(MAX_QUANTITY) * 1000}


def _ledger_row(table: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
    """A row of the ledger as its commands write it: amounts, rates and quantities whole
    numbers ≥ 0 within what typed input allows (a VAT rate up to 100%), a gross that is the
    net and the VAT added up, a currency an ISO code, one-line fields on one line, days as
    days, a quote's status and an invoice's state one of their words, never paid above gross."""
    from kiaro_cli.core.fields import clean_line
    from kiaro_cli.declarations.invoice import STATES
    from kiaro_cli.declarations.quote import STATUSES

    for declared, column in _ledger_columns(table):
        value = row.get(column)
        if value is None:
            continue
        if declared.unit in COLUMN_SUFFIX and not (isinstance(value, int) and value >= 0):
            return column, "is not a whole number ≥ 0"
        if declared.unit in COLUMN_SUFFIX and value >= _stored_limits()[declared.unit]:
            return column, "is more than kiaro keeps (a VAT rate up to 100%, a gross under 2×10^13)"
        if declared.key == "currency" and not (isinstance(value, str) and CURRENCY.fullmatch(value)):
            return column, "is not a currency code (three capital letters)"
        if declared.unit == "date" and not stored_day(value):
            return column, "is not a date (YYYY-MM-DD)"
        if declared.unit == "line" and isinstance(value, str):
            try:
                clean_line(value, "the value", limit=len(value))
            except InvalidValue as error:
                return column, error.message
    if table == "quote" and row.get("status") not in STATUSES:
        return "status", f"is not one of {', '.join(STATUSES)}"
    if table == "invoice" and row.get("state") not in STATES:
        return "state", f"is not one of {', '.join(STATES)}"
    if table == "invoice" and int(row.get("paid_cents") or 0) > int(row.get("gross_cents") or 0):
        return "paid_cents", "is more than the invoice's gross amount"
    amounts = [row.get(f"{part}_cents") for part in ("net", "vat", "gross")]
    whole = [n for n in amounts if isinstance(n, int)]
    if table in ("quote", "invoice") and len(whole) == 3 and whole[2] != whole[0] + whole[1]:
        return "gross_cents", "is not the net amount and the VAT added up"
    return None


def _ledger_number(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """A series (``INV-2026``) on one line and the last number it gave, ≥ 1."""
    from kiaro_cli.core.fields import clean_line

    try:
        clean_line(str(row.get("series")), "the value", limit=100)
    except InvalidValue as error:
        return "series", error.message
    if not isinstance(row.get("last"), int) or row["last"] < 1:
        return "last", "is not a whole number ≥ 1"
    return None


def _reach(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """A contact's email or phone: of a kind and a label kiaro knows, on one line."""
    from kiaro_cli.core.fields import clean_line
    from kiaro_cli.declarations.reach import KINDS, LABELS

    for column, words in (("kind", KINDS), ("label", LABELS)):
        if row.get(column) not in words:
            return column, f"is not one of {', '.join(words)}"
    try:
        clean_line(str(row.get("value")), "the value", limit=500)
    except InvalidValue as error:
        return "value", error.message
    return None


class ArchiveRules:
    """The rules of :func:`row_problem` over the rows of one archive, and those between its
    rows: a quote's or an invoice's number given once (in any case)."""

    def __init__(self) -> None:
        self.numbers: dict[str, set[str]] = {"quote": set(), "invoice": set()}

    def __call__(self, table: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
        problem = row_problem(table, row)
        numbers = self.numbers.get(table)
        if problem is not None or numbers is None or not isinstance(row.get("number"), str):
            return problem
        number = row["number"].upper()
        if number in numbers:
            return "number", f"{row['number']} is given to another {table} before it"
        numbers.add(number)
        return None


def _birthday(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """A contact's birthday as kiaro keeps it: YYYY-MM-DD, or --MM-DD without its year."""
    from kiaro_cli.core.yearly import NO_YEAR, clean_birthday

    value = row.get("birthday")
    if value is None:
        return None
    try:
        kept = isinstance(value, str) and (NO_YEAR.match(value) or stored_day(value))
        kept = kept and clean_birthday(value, date(9998, 1, 1)) == value
    except InvalidValue:
        kept = False
    return None if kept else ("birthday", "is not a birthday (YYYY-MM-DD or --MM-DD)")


def _cadence(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """A client's follow-up cadence as kiaro keeps it: 6w, 1m, 10d, 1y."""
    from kiaro_cli.core.cadence import clean_cadence

    value = row.get("cadence")
    if value is None:
        return None
    try:
        kept = isinstance(value, str) and clean_cadence(value) == value
    except InvalidValue:
        kept = False
    return None if kept else ("cadence", "is not a cadence (6w, 1m, 10d)")


_TABLE_CHECKS: dict[str, Callable[[Mapping[str, Any]], tuple[str, str] | None]] = {
    "document": _document,
    "setting": _setting,
    "undo_step": _undo_step,
    "activity": _activity,
    "ledger_number": _ledger_number,
    "contact_reach": _reach,
    "contact": _birthday,
    "client": _cadence,
    **{table: partial(_ledger_row, table) for table in LEDGER_TABLES},
}
