"""Workspace settings: default currency, VAT rate and payment terms, home country, owner name;
and those kept on this machine: who you are, the model that reads what the grammar refuses."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from kiaro_cli.core.fields import clean_line, clean_text
from kiaro_cli.core.numbers import clean_vat_rate
from kiaro_cli.core.profile import clean_iban, clean_payment_terms
from kiaro_cli.core.records import Settings
from kiaro_cli.errors import InvalidValue
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader
from kiaro_cli.who import keep_on_machine, machine_user_name

if TYPE_CHECKING:
    from kiaro_cli.storage.unit import Target


def _currency(value: str) -> str:
    from kiaro_cli.places import resolve_currency

    return resolve_currency(value)


def _country(value: str) -> str:
    from kiaro_cli.places import resolve_country

    return resolve_country(value)


def _vat(value: str) -> str:
    return str(clean_vat_rate(value))


def _owner(value: str) -> str:
    return clean_line(value, "owner name", limit=200) or ""


_PREFIX = re.compile(r"[A-Z0-9]{1,12}")


def _invoice_prefix(value: str) -> str:
    """What numbers invoices of clients without a code: 1–12 letters or digits (``INV``)."""
    prefix = value.strip().upper()
    if not _PREFIX.fullmatch(prefix):
        raise InvalidValue(f"invoice-prefix '{value.strip()}' must be 1 to 12 letters or digits, e.g. INV")
    return prefix


def _business_line(label: str) -> Callable[[str], str]:
    return lambda value: clean_line(value, label, limit=200) or ""


def _business_address(value: str) -> str:
    """The business's postal address as printed: up to 6 lines (``\n`` types a new line)."""
    text = clean_text(value.replace("\\n", "\n"), "business-address", limit=500) or ""
    if len(text.splitlines()) > 6:
        raise InvalidValue("business-address has more than 6 lines")
    return text


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(b|bytes?|k|kb|kib|m|mb|mib|g|gb|gib)?")
_UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3}
MAX_DOCUMENT_SIZE = 16 * 1024**3


def _size(value: str) -> int:
    """A size in bytes: "100 MiB", "50MB", "1g", "2000000" (KB, MB, GB read as KiB, MiB, GiB)."""
    match = _SIZE.fullmatch(value.strip().lower())
    size = int(float(match.group(1)) * _UNITS.get((match.group(2) or "b")[0], 1)) if match else 0
    if not match or not 1 <= size <= MAX_DOCUMENT_SIZE:
        shown = value.strip()
        raise InvalidValue(f"document-size-limit '{shown}' must be a size from 1 byte to 16 GiB, e.g. 100MiB")
    return size


def _folder(value: str) -> str:
    """An absolute folder path (``~`` is your home)."""
    from pathlib import Path

    path = Path(value.strip()).expanduser()
    if not path.is_absolute():
        raise InvalidValue(f"documents-folder '{value.strip()}' must be an absolute path")
    if path.exists() and not path.is_dir():
        raise InvalidValue(f"documents-folder {path} is a file, not a folder")
    return str(path)


SETTING_RULES: dict[str, Callable[[str], str]] = {
    "default-currency": _currency,
    "default-vat-rate": _vat,
    "home-country": _country,
    "owner-name": _owner,
    "default-payment-terms": lambda value: str(clean_payment_terms(value)),
    "quiet-months": lambda value: str(_months(value)),
    "document-size-limit": lambda value: str(_size(value)),
    "documents-folder": _folder,
    "invoice-prefix": _invoice_prefix,
    "business-name": _business_line("business-name"),
    "business-address": _business_address,
    "business-vat-number": _business_line("business-vat-number"),
    "business-iban": clean_iban,
    "dates-ahead-days": lambda value: str(_days_ahead(value)),
}

MULTI_LINE_SETTINGS = ("business-address",)  # every other setting's value is one line

MAX_DAYS_AHEAD = 366


def _days_ahead(value: str) -> int:
    """Whole days, 0 (today only) to 366 ("7", "7d", "14 days")."""
    match = re.fullmatch(r"(\d{1,3})\s*(?:d|days?)?", value.strip().lower())
    if match is None or not 0 <= int(match.group(1)) <= MAX_DAYS_AHEAD:
        raise InvalidValue(f"dates-ahead-days '{value.strip()}' must be 0 to {MAX_DAYS_AHEAD} days")
    return int(match.group(1))


MAX_QUIET_MONTHS = 120


def _months(value: str) -> int:
    """Whole months, 1 to 120 ("12", "12m", "18 months")."""
    match = re.fullmatch(r"(\d{1,3})\s*(?:m|mo|months?)?", value.strip().lower())
    if match is None or not 1 <= int(match.group(1)) <= MAX_QUIET_MONTHS:
        raise InvalidValue(f"quiet-months '{value.strip()}' must be 1 to {MAX_QUIET_MONTHS} months")
    return int(match.group(1))


def _set_user_name(value: str) -> str | None:
    from kiaro_cli.who import MAX_NAME, save_machine_user_name

    name = " ".join((clean_line(value, "user name", limit=MAX_NAME) or "").split()) or None
    save_machine_user_name(name)
    return name


COMMAND_MODEL = "command-model"


def _command_model_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path("kiaro") / COMMAND_MODEL


def command_model() -> str | None:
    """The model set on this machine to read the sentences ``kiaro do``'s grammar refuses."""
    try:
        said = _command_model_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return _model_name(said) if said else None


def _model_name(value: str) -> str:
    """A model's name as llm knows it: one line, no control or format characters."""
    return clean_line(value, COMMAND_MODEL, limit=200) or ""


def _set_command_model(value: str) -> str | None:
    """Kept on this machine, not in a database a team shares: it decides where your
    sentences go, and which models exist depends on what this machine has installed."""
    name = _model_name(value) if value.strip() else None
    keep_on_machine(_command_model_file(), name)
    return name


def load_settings(reader: Reader) -> Settings:
    """The settings stored in the database read by ``reader``."""
    return Settings.from_pairs({row["key"]: row["value"] for row in reader.rows(queries.SETTINGS)})


def settings_dict(settings: Settings) -> dict[str, str | None]:
    """Settings keyed as on the command line, for display and JSON."""
    vat: Decimal | None = settings.default_vat_rate
    return {
        "default-currency": settings.default_currency,
        "default-vat-rate": None if vat is None else str(vat),
        "home-country": settings.home_country,
        "owner-name": settings.owner_name,
        "default-payment-terms": None
        if settings.default_payment_terms is None
        else str(settings.default_payment_terms),
        "quiet-months": str(settings.quiet_months),
        "document-size-limit": str(settings.document_size_limit),
        "documents-folder": settings.documents_folder,
        "invoice-prefix": settings.invoice_prefix,
        "business-name": settings.business_name,
        "business-address": settings.business_address,
        "business-vat-number": settings.business_vat_number,
        "business-iban": settings.business_iban,
        "dates-ahead-days": str(settings.dates_ahead_days),
        "user-name": machine_user_name(),  # this machine's, not the database's
        COMMAND_MODEL: command_model(),  # this machine's too
    }


MACHINE_SETTINGS = ("user-name", COMMAND_MODEL)  # kept on this machine, not in the shared database


def set_setting(target: Target, key: str, value: str) -> str | None:
    """Validate and store one setting (an empty value clears it); return what was stored.
    ``user-name`` (see :mod:`kiaro_cli.who`) and ``command-model`` are kept on this machine,
    not in the database."""
    if key.strip().lower() == "user-name":
        return _set_user_name(value)
    if key.strip().lower() == COMMAND_MODEL:
        return _set_command_model(value)
    rule = SETTING_RULES.get(key.strip().lower())
    if rule is None:
        raise InvalidValue(
            f"unknown setting '{key}' (known: {', '.join([*SETTING_RULES, *MACHINE_SETTINGS])})"
        )
    key = key.strip().lower()
    stored = rule(value) if value.strip() else None
    from kiaro_cli.core.activity import show_value
    from kiaro_cli.storage.rows import Setting
    from kiaro_cli.storage.unit import write

    with write(target) as w:
        existing = w.settings.find(key)
        old = existing.value if existing is not None else None
        if stored is None:
            if existing is not None:
                w.delete(existing)
        elif existing is None:
            w.add(Setting(key=key, value=stored))
        else:
            existing.value = stored
            w.add(existing)
        if old != stored:
            detail = f"Setting {key}: {show_value(old)} → {show_value(stored)}"
            w.journal.record(None, "setting changed", detail, key=key, old=old, new=stored)
            if key in ("default-currency", "default-vat-rate"):  # what drafts may follow
                from kiaro_cli.core.draft_terms import follow_clients

                follow_clients(w, load_settings(w.reader))
    return stored
