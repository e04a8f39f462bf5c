"""The floor every Typer + Rich program pays: a minimal Typer app that prints a two-row
Rich table. ``run.py`` times it beside kiaro's commands, whose targets are ratios of it."""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False)


@app.command()
def main() -> None:
    table = Table("name", "status")
    table.add_row("Acme", "lead")
    table.add_row("Brand Factor", "active")
    Console().print(table)


if __name__ == "__main__":
    app()
