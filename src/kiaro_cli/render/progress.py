"""Progress lines on stderr for long copies and imports: what is being done, rows so far."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kiaro_cli.render.console import Screen


@contextmanager
def table_progress(label: str) -> Iterator[Callable[[str, int], None]]:
    """A progress line on stderr: the table being copied and its rows so far."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}: {task.fields[table]} {task.completed:,} rows", markup=False),
        TimeElapsedColumn(),
        console=Screen(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=None, table="")

        def advance(table: str, done: int) -> None:
            progress.update(task, completed=done, table=table)

        yield advance


@contextmanager
def row_progress(label: str) -> Iterator[Callable[[int], None]]:
    """A progress line on stderr, advanced with the number of rows done."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}: {task.completed:,} rows", markup=False),
        TimeElapsedColumn(),
        console=Screen(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int) -> None:
            if done % 500 == 0:
                progress.update(task, completed=done)

        yield advance
