"""One formatter a command, chosen from --format, -q and --fields: what each prints."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import pytest

from kiaro_cli.cli import output
from kiaro_cli.cli.options import Format
from kiaro_cli.errors import InvalidValue
from kiaro_cli.render.wrap import wrapped


@dataclass(frozen=True)
class Item:
    id: int
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


ITEMS = [Item(1, "Acme"), Item(2, "Brand Factor")]


def drawn(found: list[Item]) -> None:
    output.say("table: " + ", ".join(item.name for item in found))


def test_each_format_prints_a_listing_its_own_way(capsys: pytest.CaptureFixture[str]) -> None:
    output.formatter(Format.table).records(ITEMS, ["id", "name"], drawn)
    output.formatter(Format.csv).records(ITEMS, ["id", "name"], drawn)
    output.formatter(Format.jsonl, fields="name").records(ITEMS, ["id", "name"], drawn)
    output.formatter(Format.json, quiet=True).records(ITEMS, ["id", "name"], drawn)
    assert capsys.readouterr().out == (
        "table: Acme, Brand Factor\n"
        "id,name\n1,Acme\n2,Brand Factor\n"
        '{"name": "Acme"}\n{"name": "Brand Factor"}\n'
        "1\n2\n"
    )


def test_a_change_prints_its_line_its_record_or_its_id(capsys: pytest.CaptureFixture[str]) -> None:
    record = ITEMS[0].to_dict()
    output.formatter(Format.table).result(record, ["id", "name"], "Added Acme (#1)")
    output.formatter(Format.jsonl).result(record, ["id", "name"], "Added Acme (#1)")
    output.formatter(Format.table, quiet=True).result(record, ["id", "name"], "Added Acme (#1)")
    assert capsys.readouterr().out == 'Added Acme (#1)\n{"id": 1, "name": "Acme"}\n1\n'


def test_a_table_shows_a_page_and_programs_every_row() -> None:
    assert output.formatter(Format.table).page(None) == output.TABLE_PAGE
    assert output.formatter(Format.table).page(3) == 3
    assert output.formatter(Format.json).page(None) is None
    assert output.formatter(Format.table, quiet=True).page(None) is None


def test_a_field_the_records_lack_is_refused_whatever_the_format() -> None:
    for chosen in (
        output.formatter(Format.table, fields="nope"),
        output.formatter(quiet=True, fields="nope"),
    ):
        with pytest.raises(InvalidValue, match="unknown field 'nope'"):
            chosen.records(ITEMS, ["id", "name"], drawn)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


HOSTILE = [
    Item(1, "Acme \x1b[2J\rBrand \u202egpj.exe \x9b2J \U000e0041")
]  # a teammate's row, a restored file


@pytest.mark.parametrize("fmt", [Format.csv, Format.jsonl])
def test_text_for_programs_shows_what_a_terminal_acts_on_escaped_there_and_only_there(
    monkeypatch: pytest.MonkeyPatch, fmt: Format
) -> None:
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        monkeypatch.setattr("sys.stdout", stream)
        output.formatter(fmt).records(HOSTILE, ["id", "name"], drawn)
    shown, piped = terminal.getvalue(), pipe.getvalue()
    assert shown.replace("\n", "").isprintable() and "\\u202egpj.exe" in shown  # as Python writes it
    assert "\u202e" in piped  # a program gets every character
    if fmt is Format.jsonl:  # JSON still reads the same on the terminal
        assert json.loads(shown) == json.loads(piped) == HOSTILE[0].to_dict()
    else:
        assert "\x1b[2J\rBrand" in piped and "\\u001b[2J\\u000dBrand" in shown


@pytest.mark.parametrize("width", [40, 80])
def test_a_line_is_wrapped_by_the_cells_a_terminal_gives_each_character(width: int) -> None:
    from rich.cells import cell_len

    name = "株式会社山田デザイン事務所東京本社"  # each character two cells wide
    message = f"Issued invoice YAMA-2026-002 (#3) to {name}: 33,000,000.00 JPY, due Wed 6 Jan 2027"
    lines = wrapped(message, width).splitlines()
    assert all(cell_len(line) <= width for line in lines)
    assert " ".join(lines) == message  # cut at spaces only, every word whole
    dated = "Added Brand Factor Studio (#1), start date Mon 30 Nov 2026, end date Mon 21 Dec 2026, next"
    assert wrapped(dated, 80).splitlines()[1] == "Mon 21 Dec 2026, next"  # a day never cut from its year
    assert wrapped("  - an item that goes on past the width", 20).splitlines() == [
        "  - an item that",
        "    goes on past the",
        "    width",
    ]
