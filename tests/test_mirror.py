"""The tests mirror the source: every module with logic has its ``test_<module>.py`` in the
folder of its package (``src/kiaro_cli/codecs/vcard.py`` → ``tests/codecs/test_vcard.py``,
a leaf like ``dates.py`` → ``tests/test_dates.py``), or is named below with where it is tested.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "src" / "kiaro_cli"
TESTS = ROOT / "tests"

# Modules tested only through others, each with where. A module that gets its own test
# module leaves this list (the second test says so).
TESTED_ELSEWHERE = {
    # leaves
    "characters.py": "core/test_fields.py, cli/test_hostile_text.py",
    "errors.py": "every refusal's exit code and line, cli/test_bad_input.py",
    "search.py": "core/test_references.py, storage/test_search_index.py",
    # cli/
    "cli/app.py": "cli/test_reference.py, test_processes.py, every CLI test",
    "cli/command.py": "cli/test_reference.py (the help of every command)",
    "cli/context.py": "every CLI test (the kiaro fixture)",
    "cli/editor.py": "cli/test_record_form.py, cli/test_mail_cli.py",
    "cli/interactions.py": "cli/test_history.py",
    "cli/messages.py": "every CLI test's result lines",
    "cli/client_list.py": "cli/test_clients.py (client list and show), cli/test_fields_option.py",
    "cli/formats.py": "cli/test_output.py, cli/test_options.py (the --format choices)",
    "cli/import_messages.py": "cli/test_imports.py, cli/test_transfer.py (their result lines)",
    "cli/invoice_messages.py": "cli/test_invoices.py (their result lines)",
    "cli/plan_messages.py": "cli/test_command_bar.py (what kiaro do prints)",
    "cli/project_messages.py": "cli/test_projects.py (their result lines)",
    "cli/rates.py": "cli/test_addresses.py",
    "cli/settings.py": "cli/test_clients.py, core/test_profile.py",
    # codecs/
    "codecs/ics.py": "cli/test_followups.py, cli/test_events.py (the ICS feed)",
    "codecs/report_page.py": "cli/test_report.py (drawn in a headless browser)",
    "codecs/vcard.py": "cli/test_imports.py, cli/test_moving_in.py, core/test_exports.py",
    # core/
    "core/activity.py": "cli/test_history.py",
    "core/archives.py": "storage/test_archive.py",
    "core/carry_out.py": "core/test_command_bar.py, core/test_sentence_corpus.py",
    "core/choices.py": "cli/test_status_words.py, cli/test_options.py",
    "core/client_cases.py": "core/test_workspace.py, cli/test_clients.py",
    "core/document_files.py": "cli/test_documents.py",
    "core/export_cases.py": "cli/test_transfer.py, cli/test_fields_option.py",
    "core/maintenance.py": "cli/test_db.py, storage/test_maintenance.py",
    "core/numbers.py": "core/test_fields.py (one number rule), core/imports/test_cells.py",
    "core/demo.py": "cli/test_demo.py, core/test_sentence_corpus.py",
    "core/demo_ledger.py": "cli/test_demo.py, cli/test_report.py (the sample's money)",
    "core/invoice_input.py": "core/test_invoices.py, core/test_payments.py",
    "core/plans.py": "core/test_command_bar.py, core/test_command_bar_ledger.py",
    "core/printed_invoice.py": "cli/test_invoices.py (invoice show --html)",
    "core/mentions.py": "core/test_sentences.py",
    "core/model_reading.py": "cli/test_command_model.py",
    "core/record_edit.py": "cli/test_record_form.py",
    "core/records.py": "core/test_fields.py, storage/test_storage.py",
    "core/sentence_events.py": "core/test_sentences.py, core/test_sentence_corpus.py",
    "core/sentence_refusals.py": "core/test_sentences.py, cli/test_command_bar.py",
    "core/sentence_rules.py": "core/test_sentences.py, core/test_sentence_corpus.py",
    "core/sentence_words.py": "core/test_sentences.py",
    "core/settings.py": "core/test_profile.py, core/test_clients.py",
    "core/timeline.py": "core/test_interactions.py, test_who.py",
    "core/undo.py": "cli/test_history.py and the undo of every core test",
    "core/views.py": "core/test_events.py, cli/test_clients.py",
    "core/imports/clean.py": "core/imports/test_pipeline.py, cli/test_imports.py",
    "core/imports/duplicates.py": "cli/test_import_updates.py, core/imports/test_write.py",
    "core/imports/records.py": "cli/test_import_records.py",
    "core/imports/invoice_rows.py": "core/imports/test_invoices.py",
    "core/imports/vcards.py": "cli/test_imports.py, cli/test_moving_in.py, cli/test_vcard_imports.py",
    "core/imports/card_addresses.py": "cli/test_vcard_imports.py, cli/test_moving_in.py",
    # render/
    "render/cards.py": "render/test_fit.py, render/test_screens.py",
    "render/cells.py": "render/test_screens.py, cli/test_hostile_text.py",
    "render/console.py": "cli/test_hostile_text.py",
    "render/home.py": "cli/test_home.py, cli/test_followups.py, render/test_screens.py",
    "render/progress.py": "cli/test_moving_in.py",
    "render/projects.py": "cli/test_projects.py (the table at 80 columns, the card)",
    "render/money_card.py": "cli/test_client_money.py (the card at 80 columns), render/test_screens.py",
    "render/invoices.py": "cli/test_invoices.py (the listing at 80 columns, the card)",
    "render/report.py": "cli/test_report.py",
    "render/tables.py": "render/test_fit.py, render/test_screens.py",
    "render/workspace.py": "render/test_screens.py, cli/test_tags.py",
    "render/quotes.py": "cli/test_quotes.py (the table and card at 80 and 120 columns)",
    "render/dates.py": "cli/test_dates.py, cli/test_client_dates.py (their tables)",
    # storage/
    "storage/archive_members.py": "storage/test_archive.py, cli/test_import_all_hostile.py",
    "storage/archive_read.py": "storage/test_archive.py, cli/test_import_all_hostile.py",
    "storage/documents.py": "core/test_documents.py, test_safety.py",
    "storage/engine.py": "storage/test_storage.py, test_faults.py",
    "storage/files.py": "storage/test_storage.py (private files)",
    "storage/journal.py": "cli/test_history.py",
    "storage/ledger_queries.py": "core/test_ledger.py, core/test_ledger_exports.py, test_postgres.py",
    "storage/queries.py": "storage/test_storage.py (both read drivers), test_postgres.py",
    "storage/row_classes.py": "storage/test_rows.py",
    "storage/schema.py": "storage/test_migrations.py, storage/test_rows.py",
    "storage/screening.py": "storage/test_maintenance.py",
    "storage/tracking.py": "storage/test_rows.py, storage/test_changes.py",
    "storage/dialect.py": "storage/test_unit.py (the fast path through either driver)",
    "storage/driver_errors.py": "storage/test_link.py, test_postgres.py",
    "storage/entry_queries.py": "core/test_events.py, core/test_documents.py",
    "storage/project_queries.py": "core/test_projects.py (the listing)",
    "storage/money_queries.py": "core/test_client_money.py, test_postgres_client_money.py",
    "storage/protocols.py": "storage/test_unit.py (types only: Reader and Link)",
    "storage/repositories.py": "storage/test_unit.py, every core write",
    "storage/row.py": "storage/test_rows.py, storage/test_changes.py",
    "storage/sqlite_uri.py": "storage/test_maintenance.py, cli/test_missing_database.py",
    "storage/writer.py": "storage/test_unit.py, core/imports/test_write.py, storage/test_numbering.py",
}


def has_logic(path: Path) -> bool:
    """A module with a function or a class of its own; a package's __init__ re-exports."""
    if path.name in {"__init__.py", "__main__.py"}:
        return False
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) for node in tree.body)


def mirror_of(module: str) -> Path:
    """Where the tests of a module (relative to the package) are."""
    parent, _, name = module.rpartition("/")
    return TESTS / parent / f"test_{name}"


def modules() -> list[str]:
    return sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py") if has_logic(path))


def test_every_module_with_logic_has_its_test_module() -> None:
    missing = [m for m in modules() if m not in TESTED_ELSEWHERE and not mirror_of(m).exists()]
    assert missing == [], f"add tests/<package>/test_<module>.py for: {', '.join(missing)}"


def test_every_module_tested_elsewhere_still_needs_saying() -> None:
    with_logic = modules()
    stale = [m for m in TESTED_ELSEWHERE if m not in with_logic or mirror_of(m).exists()]
    assert stale == [], f"take these out of TESTED_ELSEWHERE: {', '.join(stale)}"


def test_the_tests_named_are_there() -> None:
    named = {name for where in TESTED_ELSEWHERE.values() for name in re.findall(r"[\w/]+\.py", where)}
    assert sorted(name for name in named if not (TESTS / name).exists()) == []
