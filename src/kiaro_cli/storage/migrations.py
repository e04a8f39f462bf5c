"""Versioned schema changes, recorded in the ``kiaro_schema`` table.

A fresh database gets the current schema at once and every version recorded. An
older one is backed up, then upgraded one version at a time inside one write
transaction, so a failed migration leaves it as it was. A newer one is refused.

To change the schema: edit :mod:`.schema`, then append a :class:`Migration` whose
``upgrade`` brings a database of the previous version to the new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiaro_cli.storage.search_index import (
    SEARCH_DDL,
    has_search_index,
    install_search_index,
    refresh_search_texts,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    upgrade: Callable[[Connection], None]


def _initial(connection: Connection) -> None:
    """Version 1 is the first schema: a fresh database is created from :mod:`.schema`."""
    raise AssertionError("version 1 is created fresh, never upgraded to")


def _undo_and_search(connection: Connection) -> None:
    """Version 2: the undo log, and (on SQLite) the full-text search index."""
    from kiaro_cli.storage.schema import UndoStep

    UndoStep.__table__.create(connection)  # type: ignore[attr-defined]
    install_search_index(connection)


# Tables whose ids people and scripts hold: never reused (rebuilt with AUTOINCREMENT on SQLite).
KEPT_IDS = ("client", "contact", "interaction", "activity")  # and, from version 5, address


def _ids_kept_and_search_widened(connection: Connection) -> None:
    """Version 3: ids are never reused; search covers addresses and phone numbers by their digits.

    SQLite cannot add AUTOINCREMENT to a table, so each table is rebuilt (foreign keys are
    off while migrating, see the engine) with its rows and ids, then its indexes. The search
    text of every client is computed again under the new rule.
    """
    if connection.dialect.name == "sqlite":
        indexed = has_search_index(connection)
        for name in KEPT_IDS:
            _rebuild_table(connection, name)
        if indexed:  # the index's triggers went with the old client table
            for statement in SEARCH_DDL[1:]:
                connection.exec_driver_sql(statement)
    refresh_search_texts(connection)


def _rebuild_table(connection: Connection, name: str) -> None:
    """Recreate a table from the current schema, keeping every row and id."""
    from sqlalchemy import inspect
    from sqlalchemy.schema import CreateTable
    from sqlmodel import SQLModel

    table = SQLModel.metadata.tables[name]
    present = {column["name"] for column in inspect(connection).get_columns(name)}
    # the columns the old table has; those added since take their defaults
    columns = ", ".join(column.name for column in table.columns if column.name in present)
    ddl = str(CreateTable(table).compile(dialect=connection.dialect))
    connection.exec_driver_sql(ddl.replace(f"CREATE TABLE {name} (", f"CREATE TABLE {name}_rebuilt (", 1))
    connection.exec_driver_sql(f"INSERT INTO {name}_rebuilt ({columns}) SELECT {columns} FROM {name}")
    connection.exec_driver_sql(f"DROP TABLE {name}")
    connection.exec_driver_sql(f"ALTER TABLE {name}_rebuilt RENAME TO {name}")
    for index in table.indexes:
        index.create(connection)


def _client_profile(connection: Connection) -> None:
    """Version 4: the company and billing profile of a client (owner, language, time zone,
    registration number, size, revenue, LinkedIn, tax id, internal; payment terms, invoice
    email, IBAN, BIC, debtor id, minimum rate, invoice tolerance, financial note)."""
    _add_missing_columns(connection, "client")
    refresh_search_texts(connection)


def _addresses_and_rates(connection: Connection) -> None:
    """Version 5: a client's further addresses (office, invoicing, mailing, site) and its
    service rates by position."""
    from kiaro_cli.storage.schema import Address, Rate

    Address.__table__.create(connection)  # type: ignore[attr-defined]
    Rate.__table__.create(connection)  # type: ignore[attr-defined]


def _custom_fields(connection: Connection) -> None:
    """Version 6: fields the user adds to clients, and each client's values of them."""
    from kiaro_cli.storage.schema import CustomField, CustomValue

    CustomField.__table__.create(connection)  # type: ignore[attr-defined]
    CustomValue.__table__.create(connection)  # type: ignore[attr-defined]


def _events(connection: Connection) -> None:
    """Version 7: events on a client (reminders, quotes, complaints, notes) with a priority."""
    from kiaro_cli.storage.schema import Event

    Event.__table__.create(connection)  # type: ignore[attr-defined]


def _documents(connection: Connection) -> None:
    """Version 8: documents kept with a client (their files live in the document store)."""
    from kiaro_cli.storage.schema import Document

    Document.__table__.create(connection)  # type: ignore[attr-defined]


def _who(connection: Connection) -> None:
    """Version 9: who made each change."""
    _add_missing_columns(connection, "activity")


def _server_search_index(connection: Connection) -> None:
    """Version 10: on PostgreSQL, a trigram index for search (SQLite has had FTS5 since 2)."""
    if connection.dialect.name == "postgresql":
        install_search_index(connection)


LISTING_INDEXES = (
    "ix_client_archived_name",
    "ix_client_archived_status",
    "ix_client_archived_follow_up",
    "ix_client_archived_heard_from",
)


def _listing_indexes(connection: Connection) -> None:
    """Version 11: indexes that keep the home screen and listings as fast at 100,000
    clients as at 1,000 (they replace the one on ``archived`` alone, their first column)."""
    from sqlalchemy.schema import CreateIndex
    from sqlmodel import SQLModel

    connection.exec_driver_sql("DROP INDEX IF EXISTS ix_client_archived")
    for index in SQLModel.metadata.tables["client"].indexes:
        if index.name in LISTING_INDEXES:  # a client table rebuilt by version 3 has them already
            connection.execute(CreateIndex(index, if_not_exists=True))


def _names_and_plain_letters(connection: Connection) -> None:
    """Version 12: a contact's given and family names; the folded keys computed again, now
    that Latin letters fold to plain ones (Ł is l, Æ is ae) and names ignore extra spaces.

    A tag or rate position whose new key another of the client's has keeps its old key."""
    from sqlalchemy import text

    from kiaro_cli.search import fold, name_key

    _add_missing_columns(connection, "contact")
    keys = [
        {
            "id": row.id,
            "key": name_key(row.name),
            "legal": name_key(row.legal_name) if row.legal_name else None,
        }
        for row in connection.execute(text("SELECT id, name, legal_name FROM client"))
    ]
    if keys:
        update = "UPDATE client SET name_key = :key, legal_key = :legal WHERE id = :id"
        connection.execute(text(update), keys)
    for table, shown, key in (("tag", "name", "key"), ("rate", "position", "position_key")):
        rows = connection.execute(text(f"SELECT id, client_id, {shown} AS shown, {key} AS old FROM {table}"))
        changed = [(row.id, row.client_id, fold(row.shown), row.old) for row in rows]
        taken = {(client_id, old) for _, client_id, new, old in changed if new == old}
        for row_id, client_id, new, old in sorted(changed):
            if new != old and (client_id, new) not in taken:
                taken.add((client_id, new))
                connection.execute(
                    text(f"UPDATE {table} SET {key} = :new WHERE id = :id"), {"new": new, "id": row_id}
                )
    values = connection.execute(text("SELECT id, value FROM custom_value")).all()
    folded = [{"id": row.id, "key": fold(row.value)} for row in values if not row.value.isascii()]
    if folded:  # numbers, dates and yes/no are ASCII: their keys are not folded text
        connection.execute(text("UPDATE custom_value SET value_key = :key WHERE id = :id"), folded)
    refresh_search_texts(connection)


def _client_kind(connection: Connection) -> None:
    """Version 13: whether a client is a company or an individual; every client there was
    is a company."""
    _add_missing_columns(connection, "client")


def _ledger(connection: Connection) -> None:
    """Version 14: projects, quotes, invoices with their lines, payments, and the series
    that number quotes and invoices."""
    from kiaro_cli.storage import schema

    for table in (
        schema.Project,
        schema.Quote,
        schema.Invoice,
        schema.InvoiceLine,
        schema.Payment,
        schema.LedgerNumber,
    ):
        table.__table__.create(connection)  # type: ignore[attr-defined]


def _paid_currencies_index(connection: Connection) -> None:
    """An index of the currencies invoices are paid in, so a revenue order
    finds them without reading every invoice."""
    from sqlalchemy.schema import CreateIndex
    from sqlmodel import SQLModel

    for index in SQLModel.metadata.tables["invoice"].indexes:
        if index.name == "ix_invoice_currency":
            connection.execute(CreateIndex(index, if_not_exists=True))


def _missing_details_indexes(connection: Connection) -> None:
    """Version 16: the clients lacking a field an invoice needs, and those with all of them,
    each in a partial index, so the home screen counts them without reading every client."""
    from sqlalchemy.schema import CreateIndex
    from sqlmodel import SQLModel

    for index in SQLModel.metadata.tables["client"].indexes:
        if index.name in ("ix_client_lacking", "ix_client_complete"):
            connection.execute(CreateIndex(index, if_not_exists=True))


def _project_invoiced_index(connection: Connection) -> None:
    """Version 17: the index of invoices by project also holds their state, currency and
    gross, so what each project has invoiced is read from it alone."""
    from sqlalchemy.schema import CreateIndex
    from sqlmodel import SQLModel

    connection.exec_driver_sql("DROP INDEX IF EXISTS ix_invoice_project")
    for index in SQLModel.metadata.tables["invoice"].indexes:
        if index.name == "ix_invoice_project":
            connection.execute(CreateIndex(index))


def _drafts_follow_their_client(connection: Connection) -> None:
    """Version 18: a draft remembers whether its currency and VAT rate were given, or follow
    the client's until it is issued. Drafts made before stay as they are (given)."""
    _add_missing_columns(connection, "invoice")


def _wide_amounts(connection: Connection) -> None:
    """Version 19: amounts, rates and quantities are 64-bit integers on PostgreSQL, whose
    INTEGER held no amount from 21,474,836.48 up. SQLite's integers are 64 bits already."""
    from sqlmodel import SQLModel

    from kiaro_cli.storage.schema import WIDE

    if connection.dialect.name != "postgresql":
        return
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if column.type is WIDE:
                connection.exec_driver_sql(
                    f'ALTER TABLE "{table.name}" ALTER COLUMN "{column.name}" TYPE BIGINT'
                )


def _vdir_cards(connection: Connection) -> None:
    """The cards kept in step with folders of vCards."""
    from kiaro_cli.storage.schema import VdirCard

    VdirCard.__table__.create(connection)  # type: ignore[attr-defined]


def _version_15(connection: Connection) -> None:
    """Version 15, in parts each of which makes its own tables, columns and indexes."""
    for part in (_paid_currencies_index, _vdir_cards, _mail_message_ids, _contact_reach, _rhythm):
        part(connection)


def _mail_message_ids(connection: Connection) -> None:
    """an interaction keeps the Message-ID of the mail it was imported from,
    once per client."""
    from sqlalchemy.schema import CreateIndex
    from sqlmodel import SQLModel

    _add_missing_columns(connection, "interaction")
    for index in SQLModel.metadata.tables["interaction"].indexes:
        if index.name == "ux_interaction_message":
            connection.execute(CreateIndex(index, if_not_exists=True))


def _contact_reach(connection: Connection) -> None:
    """Several labelled emails and phones a contact. A contact's own email and
    phone stay its first ones (labelled work), so no row is needed for them."""
    from kiaro_cli.storage import schema

    schema.ContactReach.__table__.create(connection)  # type: ignore[attr-defined]


def _rhythm(connection: Connection) -> None:
    """A contact's birthday, a client's dates that come back (renewals,
    anniversaries) and its follow-up cadence."""
    from sqlalchemy.schema import CreateIndex
    from sqlmodel import SQLModel

    from kiaro_cli.storage import schema

    _add_missing_columns(connection, "contact")
    _add_missing_columns(connection, "client")
    for index in SQLModel.metadata.tables["contact"].indexes:  # a contact table rebuilt by 3 has them
        connection.execute(CreateIndex(index, if_not_exists=True))
    schema.ClientDate.__table__.create(connection)  # type: ignore[attr-defined]


def _add_missing_columns(connection: Connection, name: str) -> None:
    """Add each column the schema gives ``name`` and the database lacks, as the schema says."""
    from sqlalchemy import inspect
    from sqlalchemy.schema import CreateColumn
    from sqlmodel import SQLModel

    table = SQLModel.metadata.tables[name]
    present = {column["name"] for column in inspect(connection).get_columns(name)}
    for column in table.columns:
        if column.name not in present:
            spec = CreateColumn(column).compile(dialect=connection.dialect)
            connection.exec_driver_sql(f"ALTER TABLE {name} ADD COLUMN {spec}")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "clients, contacts, tags, interactions, activity, settings", _initial),
    Migration(2, "undo log; full-text search index", _undo_and_search),
    Migration(3, "ids never reused; search by address and phone digits", _ids_kept_and_search_widened),
    Migration(4, "the company and billing profile of a client", _client_profile),
    Migration(5, "several addresses and service rates a client", _addresses_and_rates),
    Migration(6, "custom fields", _custom_fields),
    Migration(7, "events on a client", _events),
    Migration(8, "documents kept with a client", _documents),
    Migration(9, "who made each change", _who),
    Migration(10, "a search index on PostgreSQL", _server_search_index),
    Migration(11, "indexes for the home screen and listings at any size", _listing_indexes),
    Migration(12, "contacts' given and family names; plain Latin letters", _names_and_plain_letters),
    Migration(13, "a client's kind: company or individual", _client_kind),
    Migration(14, "projects, quotes, invoices and payments", _ledger),
    Migration(15, "reach and rhythm: emails and phones, dates, cadences, vCard folders, mail", _version_15),
    Migration(16, "missing invoice details counted from indexes", _missing_details_indexes),
    Migration(17, "what a project has invoiced read from its own index", _project_invoiced_index),
    Migration(18, "a draft invoice follows its client's currency and VAT rate", _drafts_follow_their_client),
    Migration(19, "amounts in 64-bit integers on a server", _wide_amounts),
)


SCHEMA_VERSION = MIGRATIONS[-1].version
