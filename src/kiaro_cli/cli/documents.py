"""``kiaro doc …``: contracts, proposals, NDAs and any other file, kept with a client."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kiaro_cli.cli import messages, output
from kiaro_cli.cli import options as opt
from kiaro_cli.cli.command import KiaroTyper
from kiaro_cli.cli.context import interactive, workspace
from kiaro_cli.core.choices import DOCUMENT_KIND_ALIASES, DOCUMENT_KINDS

if TYPE_CHECKING:
    from kiaro_cli.core.documents import DocumentRecord

app = KiaroTyper(
    help="Keep files with a client: add, list, show, open, get and remove them.", no_args_is_help=True
)

DocumentId = Annotated[int, opt.id_argument("Document id (see kiaro doc list).")]


@app.command("add")
def add(
    ctx: typer.Context,
    client: opt.ClientArg,
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="The files to keep.")],
    kind: Annotated[
        str | None,
        opt.choice_option(DOCUMENT_KINDS, "--kind", aliases=DOCUMENT_KIND_ALIASES, help="What they are."),
    ] = None,
    note: Annotated[str | None, opt.text_option("--note", "TEXT", "A note kept with them.")] = None,
    fmt: opt.FormatOpt = opt.Format.table,
    quiet: opt.QuietOpt = False,
) -> None:
    """Keep copies of files with a client (the originals stay where they are).

    Each file is copied into the documents folder beside the database; the same
    content is stored once. Files over the size limit (100 MiB unless
    kiaro settings set document-size-limit says) are refused.

    \b
    Examples:
      kiaro doc add acme ~/Downloads/contract-2026.pdf --kind contract
      kiaro doc add acme nda.pdf insurance.pdf --note "Signed at the kick-off"
    """
    from kiaro_cli.core.documents import DOCUMENT_KEYS, add_documents

    out = output.formatter(fmt, quiet=quiet)
    result = add_documents(workspace(ctx).location, client, files, kind=kind or "other", note=note)
    for given, document in result.already:
        output.say(messages.document_already(given, document), err=True)

    def lines(added: Sequence[DocumentRecord]) -> None:
        for document in added:
            output.say(messages.document_added(document))

    if len(files) == 1 and len(result.added) == 1:  # one file: its record, as every add prints one
        (document,) = result.added
        out.result(document.to_dict(), DOCUMENT_KEYS, messages.document_added(document))
        return
    out.records(result.added, DOCUMENT_KEYS, lines)


@app.command("list")
def list_(
    ctx: typer.Context,
    client: opt.OptionalClientArg = None,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """Documents, the newest first: name, kind, size, when added, and the start of the SHA-256.

    \b
    Examples:
      kiaro doc list acme
      kiaro doc list --format json
    """
    from kiaro_cli.core.documents import DOCUMENT_KEYS, list_documents

    out = output.formatter(fmt, quiet=quiet, fields=fields)
    ws = workspace(ctx)
    documents = ws.read(list_documents, client)

    def table(shown: Sequence[DocumentRecord]) -> None:
        from kiaro_cli.render.tables import document_table

        document_table(shown, ws.today, with_client=client is None)

    out.records(documents, DOCUMENT_KEYS, table)


@app.command("show")
def show(
    ctx: typer.Context,
    document_id: DocumentId,
    fmt: opt.FormatOpt = opt.Format.table,
    fields: opt.FieldsOpt = None,
) -> None:
    """One document: its client, name, kind, size, note, SHA-256 and where its file is.

    \b
    Example:
      kiaro doc show 3
    """
    from kiaro_cli.core.document_files import stored_document
    from kiaro_cli.core.documents import DOCUMENT_KEYS

    out = output.formatter(fmt, fields=fields)
    stored = stored_document(workspace(ctx), document_id)
    document, path = stored.document, stored.path

    def card() -> None:
        from kiaro_cli.render.cards import document_card

        document_card(document, path)

    out.one(document.to_dict() | {"path": str(path)}, [*DOCUMENT_KEYS, "path"], card)


@app.command("open")
def open_(ctx: typer.Context, document_id: DocumentId) -> None:
    """Open a document with the desktop's program for it; without a desktop, print its path.

    The stored copy is opened read-only; use kiaro doc get to work on a copy.

    \b
    Example:
      kiaro doc open 3
    """
    from kiaro_cli.core.document_files import open_with_desktop, stored_document

    stored = stored_document(workspace(ctx), document_id)
    document, path = stored.document, stored.path
    if not path.is_file():
        from kiaro_cli.errors import StorageError

        raise StorageError(f"the file of document #{document.id} is missing (kiaro db check)")
    if not open_with_desktop(path):
        output.say(str(path))


@app.command("get")
def get(
    ctx: typer.Context,
    document_id: DocumentId,
    output_path: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="PATH", help="Where to write it (default: its name, here)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a file that is there.")] = False,
) -> None:
    """Copy a document out of kiaro, under its name in this folder unless --output says.

    Only the last part of the name is used, never a path.

    \b
    Examples:
      kiaro doc get 3
      kiaro doc get 3 --output ~/Desktop/acme-contract.pdf
    """
    from kiaro_cli.core.document_files import copy_out, stored_document
    from kiaro_cli.core.documents import file_name_out

    stored = stored_document(workspace(ctx), document_id)
    document = stored.document
    name = file_name_out(document)
    target = output_path.expanduser().absolute() if output_path else Path(name).absolute()
    if target.is_dir():
        target = target / name
    if target.exists() and not force:
        from kiaro_cli.errors import InvalidValue

        raise InvalidValue(f"{target} already exists; choose another --output or add --force")
    copy_out(stored, target)
    output.say(messages.document_copied(document, target))


@app.command("remove")
def remove(ctx: typer.Context, document_id: DocumentId, yes: opt.YesOpt = False) -> None:
    """Remove a document and, unless another document keeps the same content, its file.

    This cannot be undone. On a terminal it asks first; off one it needs --yes.

    \b
    Example:
      kiaro doc remove 3 --yes
    """
    from kiaro_cli.core.documents import get_document, remove_document

    ws = workspace(ctx)
    document = ws.read(get_document, document_id)
    output.confirm_or_refuse(
        f"Remove {document.name} (#{document.id}) of {document.client_name} for good?",
        f"removing {document.name} (#{document.id}) cannot be undone",
        yes=yes,
        interactive=interactive(),
    )
    output.say(messages.document_removed(remove_document(ws.location, document_id)))
