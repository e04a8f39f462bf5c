"""The formats a command's output may be asked in (``--format``), named apart from the
options so the printing code can name them without importing every option."""

from __future__ import annotations

from enum import StrEnum


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
