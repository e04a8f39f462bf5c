"""The lines exports and imports print for people: what was written, read, set aside,
skipped and updated (every other result line is in :mod:`kiaro_cli.cli.messages`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kiaro_cli.cli.messages import NOTE_SHOWN
from kiaro_cli.words import counted

if TYPE_CHECKING:
    from kiaro_cli.core.client_rows import Change
    from kiaro_cli.core.imports import VcardResult
    from kiaro_cli.core.imports.invoices import InvoiceImportResult
    from kiaro_cli.core.imports.plan import Reject
    from kiaro_cli.core.imports.records import RecordsResult
    from kiaro_cli.core.imports.write import ImportResult, Updated
    from kiaro_cli.core.mail import MailImport


def exported(count: int, noun: str, target: str) -> str:
    return f"Exported {counted(count, noun)} to {target}"


def vcards_imported(result: VcardResult) -> str:
    added, matched, skipped = len(result.clients_added), len(result.clients_matched), result.contacts_skipped
    done = f"{counted(added, 'new client')}, {counted(result.contacts_added, 'new contact')}"
    if result.addresses_added:
        done += f", {counted(result.addresses_added, 'further address', 'further addresses')}"
    if matched or skipped:
        done += f"; {counted(matched, 'client')}, {counted(skipped, 'contact')} already there"
    return f"Imported {done}" if result.written else f"Would import {done} (dry run: nothing was written)"


def records_imported(result: RecordsResult, noun: str) -> str:
    done = (
        f"{counted(result.added, 'new ' + noun)}, {counted(result.updated, noun)} completed, "
        f"{counted(result.skipped, noun)} already there"
    )
    return f"Imported {done}" if result.written else f"Would import {done} (dry run: nothing was written)"


def read_as(name: str, encoding: str) -> str:
    return f"Note: {name} is not UTF-8: read as {encoding} (--encoding names another)"


def header_found(line: int) -> str:
    return f"Note: the header is on line {line}; the lines above it were left out"


def rejects_written(count: int, path: str) -> str:
    return f"Wrote {counted(count, 'set-aside row')} to {path}: fix them and import that file again"


PREVIEW_SHOWN = 50  # invoices an import lists before "… and N more"
SHOWN = 10  # set-aside rows and warnings listed before "… and N more"


def set_aside(rejected: Sequence[Reject], where: str = "line") -> list[str]:
    """The rows (or cards) --skip-invalid set aside, a line each, by their line in the file."""
    lines = [f"{where} {r.line}: set aside, {'; '.join(r.reasons)}" for r in rejected[:SHOWN]]
    if len(rejected) > SHOWN:
        lines.append(f"… and {len(rejected) - SHOWN} more set aside (--format json lists them all)")
    return lines


def warned(warnings: Sequence[str]) -> list[str]:
    lines = [f"Note: {warning}" for warning in warnings[:SHOWN]]
    if len(warnings) > SHOWN:
        lines.append(f"… and {len(warnings) - SHOWN} more notes (--format json lists them all)")
    return lines


def skipped(skips: Sequence[tuple[int, str]]) -> list[str]:
    """The duplicate rows ``--on-duplicate skip`` left out, a line each."""
    lines = [f"line {line}: skipped, {reason}" for line, reason in skips[:SHOWN]]
    if len(skips) > SHOWN:
        lines.append(f"… and {len(skips) - SHOWN} more skipped")
    return lines


def import_updates(updated: Sequence[Updated]) -> list[str]:
    """Each client an import updated (or would), and each of its fields, old → new."""
    lines = []
    for client in updated[:SHOWN]:
        lines.append(f"{client.name} (#{client.client_id}), line {client.line}:")
        lines += [f"  {field_changed(change)}" for change in client.changes]
        if client.tags:
            lines.append(f"  tags: + {', '.join(client.tags)}")
        if client.people:
            lines.append(f"  contacts: + {', '.join(client.people)}")
        if not (client.changes or client.tags or client.people):
            lines.append("  nothing new")
    if len(updated) > SHOWN:
        lines.append(f"… and {counted(len(updated) - SHOWN, 'more client')} updated")
    return lines


def field_changed(change: Change) -> str:
    """``email: old@acme.example → ann@acme.example``; notes, joined: ``notes: A → A + B``."""
    from kiaro_cli.core.custom_fields import CSV_PREFIX
    from kiaro_cli.core.fields import CLIENT_FIELDS

    field = change.field
    label = field.removeprefix(CSV_PREFIX) if field.startswith(CSV_PREFIX) else CLIENT_FIELDS[field].label
    old, new = _short(change.old), _short(change.new)
    if field == "notes" and change.old and str(change.new).startswith(str(change.old)):
        new = f"{old} + {_short(str(change.new)[len(str(change.old)) :])}"
    return f"{label}: {old} → {new}"


def _short(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    text = " ".join(str(value).split())
    return text if len(text) <= NOTE_SHOWN else text[: NOTE_SHOWN - 1] + "…"


def import_summary(result: ImportResult, *, dry_run: bool) -> str:
    """``Added 3 clients with 4 contacts, updated 1, skipped 0, set aside 1``."""
    plan = result.plan
    verb = ("Would add", "would update", "would skip") if dry_run else ("Added", "updated", "skipped")
    contacts = f" with {counted(result.contacts_added, 'contact')}" if result.contacts_added else ""
    summary = (
        f"{verb[0]} {counted(plan.added, 'client')}{contacts}, {verb[1]} {len(plan.updates)}, "
        f"{verb[2]} {len(plan.skips)}"
    )
    if plan.rejected:
        summary += f", set aside {len(plan.rejected)}"
    return summary + (" (dry run: nothing was written)" if dry_run else "")


def not_kept(counts: Mapping[str, int]) -> str | None:
    """What cards held that kiaro does not keep: "Not kept: PHOTO (3 cards), BDAY (1 card)"."""
    if not counts:
        return None
    return "Not kept: " + ", ".join(f"{key} ({counted(n, 'card')})" for key, n in counts.items())


def invoices_listed(result: InvoiceImportResult) -> list[str]:
    """Each invoice imported (or that would be): ``line 2: INV-0001, Acme, 1,200.00 EUR, paid``."""
    from kiaro_cli.core import money

    lines = []
    for invoice in result.invoices[:PREVIEW_SHOWN]:
        gross = money.amount_label(money.money(invoice.gross), invoice.currency)
        if invoice.state != "open":
            how = invoice.state
        elif invoice.paid == invoice.gross:
            how = "paid"
        else:
            how = f"paid {money.money(invoice.paid):,.2f}" if invoice.paid else "open"
        lines.append(f"line {invoice.line}: {invoice.number or 'draft'}, {invoice.client}, {gross}, {how}")
    if len(result.invoices) > PREVIEW_SHOWN:
        lines.append(f"… and {counted(len(result.invoices) - PREVIEW_SHOWN, 'more invoice')}")
    return lines


def invoices_imported(result: InvoiceImportResult) -> str:
    """``Imported 4 invoices for 3 clients (2 payments); skipped 1, set aside 0``."""
    done = f"{counted(len(result.invoices), 'invoice')} for {counted(len(result.clients), 'client')}"
    done += f" ({counted(result.payments, 'payment')})"
    if result.clients_created:
        names = ", ".join(result.clients_created[:SHOWN])
        done += f"; {counted(len(result.clients_created), 'new lead')}: {names}"
    done += f"; skipped {len(result.skipped)}"
    if result.rejected:
        done += f", set aside {len(result.rejected)}"
    if result.written:
        return f"Imported {done}"
    return f"Would import {done} (dry run: nothing was written)"


def mail_imported(result: MailImport) -> str:
    """``12 added, 3 already there, 40 skipped: no known address`` (and the other skips)."""
    parts = [f"{len(result.added)} added", f"{result.already_there} already there"]
    parts.append(f"{result.no_known_address} skipped: no known address")
    if result.no_date:
        parts.append(f"{result.no_date} skipped: no date kiaro can read, or one ahead")
    if result.before_since:
        parts.append(f"{result.before_since} before --since")
    if result.follow_ups:
        parts.append(f"{counted(len(result.follow_ups), 'follow-up')} moved by a cadence")
    done = ", ".join(parts)
    return f"Would add: {done} (dry run: nothing was written)" if result.dry_run else done
