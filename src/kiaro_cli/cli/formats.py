"""The formats a command's output may be asked in (``--format``), named apart from the
options so the printing code can name them without importing every option."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    xlsx = "xlsx"


class PlanFormat(StrEnum):
    table = "table"
    json = "json"


class DraftFormat(StrEnum):
    text = "text"
    json = "json"


# A screen's --format (the home screen, the report): the screen, or one object. The home
# screen starts without the shared options module, so it is declared here.
ScreenFormatOpt = Annotated[
    PlanFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="table (the screen) or json (one object)."),
]
