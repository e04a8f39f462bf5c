"""The client commands' use cases on a :class:`~kiaro_cli.core.workspace.Workspace`: each
opens the database once and returns plain records, with what the user should know of a
change worked out inside its transaction (see :class:`~kiaro_cli.core.workspace.Outcome`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kiaro_cli.core.clients import (
    EditResult,
    add_client,
    archived_matches,
    check_new_client,
    count_clients,
    edit_client,
    get_client,
    iter_clients,
    shared_email_warning,
)
from kiaro_cli.core.custom_fields import list_fields, where_conditions
from kiaro_cli.core.records import ClientRecord
from kiaro_cli.core.settings import load_settings
from kiaro_cli.core.workspace import Outcome, Workspace
from kiaro_cli.storage import queries
from kiaro_cli.storage.reader import Reader, open_reader

if TYPE_CHECKING:  # the ledger's modules load only for a table's money or the revenue order
    from kiaro_cli.core.client_money import PageMoney

ClientFilter = queries.ClientFilter  # what a listing matches: made by clients.make_filter


def add(
    ws: Workspace,
    values: Mapping[str, str | None],
    *,
    tags: Sequence[str] = (),
    custom: Mapping[str, str] | None = None,
    full_form: bool = True,
    allow_duplicate: bool = False,
) -> Outcome[ClientRecord]:
    """A new client, with a note when another client already has its email."""
    from kiaro_cli.storage.unit import write

    with write(ws.location) as w:
        record = add_client(
            w,
            values,
            tags=tags,
            custom=custom,
            full_form=full_form,
            allow_duplicate=allow_duplicate,
            today=ws.today,
        )
        warning = shared_email_warning(w.reader, record)
    return Outcome(record, (), (warning,) if warning else ())


def edit(
    ws: Workspace,
    reference: str,
    values: Mapping[str, str | None],
    *,
    clear: Sequence[str] = (),
    custom: Mapping[str, str] | None = None,
    unset: Sequence[str] = (),
    tags: Sequence[str] = (),
    allow_duplicate: bool = False,
) -> Outcome[ClientRecord]:
    """A client's fields changed and ``tags`` added (``changes`` empty: it already had those
    values), with a note when its new email is another client's too."""
    from kiaro_cli.core.tags import add_tags
    from kiaro_cli.storage.unit import write

    with write(ws.location) as w:
        fields_given = any(value is not None for value in values.values()) or clear or custom or unset
        result: EditResult = (
            edit_client(
                w,
                reference,
                values,
                clear=clear,
                custom=custom,
                unset=unset,
                allow_duplicate=allow_duplicate,
                today=ws.today,
            )
            if fields_given or not tags
            else EditResult(get_client(w.reader, reference), ())
        )
        if tags:
            tagged = add_tags(w, reference, tags)
            result = EditResult(tagged.client, result.changes + tagged.changes)
        emailed = any(change.field == "email" for change in result.changes)
        warning = shared_email_warning(w.reader, result.client) if emailed else None
    return Outcome(result.client, result.changes, (warning,) if warning else ())


def new_client_checks(
    ws: Workspace, values: Mapping[str, str | None], *, tags: Sequence[str], allow_duplicate: bool
) -> Callable[[str, str], None]:
    """Refuse now what no answer could mend (a bad value given, a name taken), and the check
    of each answer as it is typed (a name taken), for the prompts of ``client add``."""
    ws.read(check_new_client, values, tags=tags, allow_duplicate=allow_duplicate, today=ws.today)

    def check(key: str, answer: str) -> None:
        ws.read(check_new_client, {key: answer}, allow_duplicate=allow_duplicate, today=ws.today)

    return check


@dataclass(frozen=True)
class ClientListing:
    """A listing's clients, streamed from one snapshot, with the custom field keys the
    database has and, for a page shown as a table, what it left out."""

    reader: Reader
    filter: ClientFilter
    custom_keys: list[str]
    clients: Iterator[ClientRecord]
    page: int | None
    currency: str | None = None  # revenue is counted in it: the workspace currency
    by_revenue: bool = False  # sorted by revenue

    def money(self, client_ids: Sequence[int]) -> PageMoney:
        """The projects and revenue of the clients shown; by revenue, how many it leaves out."""
        from kiaro_cli.core.client_money import page_money

        return page_money(self.reader, self.filter, client_ids, self.currency, revenue_order=self.by_revenue)

    def left_out(self, shown: int) -> tuple[int, int]:
        """Clients past a full page, and archived clients a listing showing none hides."""
        more = count_clients(self.reader, self.filter) - shown if self.page and shown == self.page else 0
        hidden = archived_matches(self.reader, self.filter) if not shown else 0
        return more, hidden


@contextmanager
def client_listing(
    ws: Workspace,
    flt: ClientFilter,
    *,
    where: Sequence[str] = (),
    sort: str,
    descending: bool = False,
    page: int | None,
) -> Iterator[ClientListing]:
    """The clients ``flt`` (and the ``--where`` conditions) match, in order, at most
    ``page`` of them; read while the listing is open."""
    with open_reader(ws.location) as reader:
        if where:
            flt = replace(flt, custom=where_conditions(reader, where, ws.today))
        keys = [fld.key for fld in list_fields(reader)]
        settings = load_settings(reader)
        by_revenue = sort == "revenue"
        if by_revenue:
            from kiaro_cli.core.client_money import revenue_currency

            currency = revenue_currency(reader, settings)
        else:
            currency = settings.default_currency
        found = iter_clients(
            reader, flt, sort=sort, descending=descending, limit=page, settings=settings, currency=currency
        )
        if flt.scheduled or flt.due_on_or_before:  # a follow-up that is no day (a restored row's) is none
            found = (client for client in found if client.follow_up_on is not None)
        yield ClientListing(reader, flt, keys, found, page, currency, by_revenue)
