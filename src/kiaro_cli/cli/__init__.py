"""The command line: thin Typer commands that call the core and render its results."""
