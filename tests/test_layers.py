"""The map in CONTRIBUTING.md is true: each floor imports only the floors below it, and
every module of the package is named on the map.

Floors, top to bottom: the CLI (cli/, render/, prompts.py), the core (core/), then codecs/
and storage/, which import neither each other's business nor anything above. Leaf
modules (errors, clock, dates, places, search, words, drafting, characters) may be imported from anywhere
and import nothing above them. The record declarations (declarations/) are read by every floor,
so they import no kiaro module but the errors and characters leaves.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "kiaro_cli"
CONTRIBUTING = Path(__file__).parent.parent / "CONTRIBUTING.md"
# __main__ runs the CLI, so it is not a leaf.
LEAVES = {
    "errors", "clock", "dates", "places", "search", "words", "drafting", "characters", "csv_rows", "__init__"
}  # fmt: skip
# The leaves a declaration may not import either: it reads only errors and characters.
ABOVE_DECLARATIONS = {"clock", "dates", "places", "search", "words", "drafting", "who"}
# What each floor must not import (by the first part of the module path below kiaro_cli).
FORBIDDEN = {
    "core": {"cli", "render", "prompts"},
    "storage": {"cli", "render", "prompts", "core", "codecs", "drafting"},
    "codecs": {"cli", "render", "prompts", "core", "storage"},
    "render": {"cli", "prompts"},
    "leaf": {"cli", "render", "prompts", "core", "storage", "codecs"},
    "declarations": {"cli", "render", "prompts", "core", "storage", "codecs", *ABOVE_DECLARATIONS},
}


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def floor(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    if len(parts) == 1:
        return "leaf" if path.stem in LEAVES else "cli"
    return parts[0]


def imported(path: Path) -> set[str]:
    """The kiaro modules ``path`` imports, as paths below the package ("core.fields")."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {name.removeprefix("kiaro_cli.") for name in names if name.startswith("kiaro_cli.")}
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_each_floor_imports_only_what_is_below_it(path: Path) -> None:
    banned = FORBIDDEN.get(floor(path), set())
    wrong = sorted(name for name in imported(path) if name.split(".")[0] in banned)
    assert not wrong, f"{path.relative_to(PACKAGE)} imports {wrong}"


def test_every_module_is_on_the_map() -> None:
    section = CONTRIBUTING.read_text().split("## The map", 1)[1].split("Where things go", 1)[0]
    named = set(re.findall(r"[\w/]*?([\w]+)\.py", section)) | set(re.findall(r"(\w+)/", section))
    missing = [
        str(path.relative_to(PACKAGE))
        for path in modules()
        if path.stem not in named | {"__init__", "__main__"}
    ]
    assert not missing, f"not on the map in CONTRIBUTING.md: {missing}"


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "cli").glob("*.py")), ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_the_cli_reaches_storage_only_through_the_core(path: Path) -> None:
    """cli/ parses, calls a core use case and prints: not one import of storage/, at the
    top, inside a function or for type checking alone."""
    wrong = sorted(name for name in imported(path) if name.split(".")[0] == "storage")
    assert not wrong, f"{path.relative_to(PACKAGE)} imports {wrong}"


def test_nothing_reaches_inside_typer_or_click() -> None:
    """Public APIs of dependencies only: no private module or name of Typer or click (a
    Typer release may rename its insides; pyproject's range is then all that holds)."""
    root = PACKAGE.parent.parent
    inside = re.compile(r"\b(typer|click)\.(\w+\.)*_|from (typer|click)[.\w]* import ([^(\n]*|\([^)]*)\b_")
    reaching = {
        path.relative_to(root).as_posix()
        for folder in ("src", "tests", "benchmarks")
        for path in (root / folder).rglob("*.py")
        if inside.search(path.read_text()) and path != Path(__file__)
    }
    assert reaching == set()
