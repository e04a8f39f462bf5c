"""Option values without pydantic: the plain coercion takes kiaro's kinds of parameters,
gives what Typer's would, and leaves anything else to Typer; and one module alone reaches
inside Typer to make it so."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer import BadParameter
from typer.models import OptionInfo

from kiaro_cli.cli.coercion import PlainParam, plain_param


class Colour(StrEnum):
    red = "red"
    blue = "blue"


def descriptor(annotation: Any, **info: Any) -> SimpleNamespace:
    return SimpleNamespace(annotation=annotation, parameter_info=OptionInfo(**info))


def param(many: bool = False) -> SimpleNamespace:
    return SimpleNamespace(multiple=many, nargs=1, name="x", human_readable_name="--x")


@pytest.mark.parametrize(
    ("annotation", "kind"),
    [
        (str, str),
        (int | None, int),
        (bool, bool),
        (Path | None, Path),
        (Colour, Colour),
        (list[str] | None, str),
    ],
)
def test_plain_kinds_get_the_plain_coercion(annotation: Any, kind: Any) -> None:
    assert plain_param(descriptor(annotation)) == PlainParam(kind)


@pytest.mark.parametrize(
    ("annotation", "info"),
    [(float, {}), (datetime, {}), (Path, {"exists": True}), (tuple[int, int], {})],
)
def test_anything_else_is_left_to_typer(annotation: Any, info: dict[str, Any]) -> None:
    assert plain_param(descriptor(annotation, **info)) is None


def test_values_become_what_typer_would_give() -> None:
    assert PlainParam(int).coerce("42", param(), None) == 42
    assert PlainParam(Path).coerce("~/x", param(), None) == Path("~/x")
    assert PlainParam(Colour).coerce("blue", param(), None) is Colour.blue
    assert PlainParam(str).coerce(["a", "b"], param(many=True), None) == ["a", "b"]
    assert PlainParam(str).coerce(None, param(many=True), None) == ()
    assert PlainParam(str).coerce(None, param(), None) is None


def test_a_refused_value_is_one_sentence_for_its_option() -> None:
    def parser(text: str) -> int:
        raise ValueError(f"'{text}' is not an id")

    with pytest.raises(BadParameter, match="'x' is not an id"):
        PlainParam(None, parser).coerce("x", param(), None)
    with pytest.raises(BadParameter, match="is not a whole number"):
        PlainParam(int).coerce("4.5", param(), None)
    with pytest.raises(BadParameter, match="is not one of"):
        PlainParam(Colour).coerce("green", param(), None)
    with pytest.raises(BadParameter, match="must be an iterable"):
        PlainParam(str).coerce("abc", param(many=True), None)


def test_one_module_alone_reaches_inside_typer_or_click() -> None:
    root = Path(__file__).parent.parent.parent
    inside = re.compile(r"\b(typer|click)\._|from (typer|click)\.\w+ import _")
    reaching = {
        path.relative_to(root).as_posix()
        for folder in ("src", "tests", "benchmarks")
        for path in (root / folder).rglob("*.py")
        if inside.search(path.read_text()) and path != Path(__file__)
    }
    assert reaching == {"src/kiaro_cli/cli/typer_private.py"}
