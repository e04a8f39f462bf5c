"""Everything people read in a terminal: tables that fit it, cards, the home screen.

The only package that imports Rich. ``cells`` says how values read, ``fit`` makes
tables fit the terminal, ``tables``, ``workspace``, ``cards`` and ``home`` print what the commands show.
"""

from __future__ import annotations

from kiaro_cli.render.cards import client_cards, document_card
from kiaro_cli.render.console import console
from kiaro_cli.render.home import home, welcome
from kiaro_cli.render.progress import row_progress, table_progress
from kiaro_cli.render.projects import project_card, project_table
from kiaro_cli.render.report import report_charts
from kiaro_cli.render.tables import (
    client_table,
    document_table,
    duplicate_table,
    email_table,
    event_table,
    follow_up_table,
    import_preview,
    interaction_table,
    print_addresses,
    print_contacts,
    print_rates,
    timeline_table,
)
from kiaro_cli.render.workspace import field_table, fields_table, hooks_table, settings_table, tag_table

__all__ = [
    "client_cards",
    "client_table",
    "console",
    "document_card",
    "document_table",
    "duplicate_table",
    "email_table",
    "event_table",
    "field_table",
    "fields_table",
    "follow_up_table",
    "home",
    "hooks_table",
    "import_preview",
    "interaction_table",
    "print_addresses",
    "print_contacts",
    "print_rates",
    "project_card",
    "project_table",
    "report_charts",
    "row_progress",
    "settings_table",
    "table_progress",
    "tag_table",
    "timeline_table",
    "welcome",
]
