"""Turning option and argument values into Python values without pydantic.

Typer coerces every value through a pydantic ``TypeAdapter``; importing pydantic and
building the adapters costs about a tenth of a second on every command that takes a
value, several times what the command itself does. kiaro's parameters are simple —
text, whole numbers, flags, paths, enums, lists of these, most with a parser of kiaro's
own — so :func:`install` gives those a plain coercion that does the same; anything else
keeps Typer's. Typer has no public way to take over its coercion: :mod:`.typer_private`
holds the hook. ``tests/test_processes.py`` checks that hot commands never load pydantic.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer import BadParameter

from kiaro_cli.cli import typer_private

PLAIN = (str, int, bool)


@dataclass(frozen=True)
class PlainParam:
    """Coercion of one parameter: its parser, else its simple type, for one value or each
    of several (the contract of Typer's ``RuntimeParam``)."""

    kind: Any  # str, int, bool, Path, an Enum class, or None when a parser decides
    parser: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        many = param.multiple or param.nargs == -1
        if value is None:
            return () if many else None
        if many:
            if isinstance(value, str):
                raise BadParameter("Value must be an iterable.", ctx=ctx, param=param)
            return [self._one(item, param, ctx) for item in value]
        return self._one(value, param, ctx)

    def _one(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            if self.parser is not None:
                return self.parser(value)
            return _plain(self.kind, value)
        except ValueError as error:
            raise BadParameter(str(error), ctx=ctx, param=param) from None


def _plain(kind: Any, value: Any) -> Any:
    if isinstance(value, kind):
        return value
    if kind is bool:
        raise ValueError(f"{value!r} is not yes or no")
    if isinstance(kind, type) and issubclass(kind, Enum):
        return typer_private.choice(value, list(kind))
    if kind is int:
        text = str(value).strip()
        if not text.lstrip("-").isdigit():
            raise ValueError(f"{value!r} is not a whole number")
        return int(text)
    return kind(value)  # str, Path


def plain_param(descriptor: Any) -> PlainParam | None:
    """A plain coercion for a parameter, or None when only Typer's will do."""
    info = descriptor.parameter_info
    annotation = _without_none(descriptor.annotation)
    if get_origin(annotation) is list:
        annotation = _without_none(get_args(annotation)[0])
    if info.parser is not None:
        return PlainParam(None, info.parser)
    path_checks = (info.exists, info.file_okay is False, info.dir_okay is False, info.resolve_path)
    if annotation is Path and not any(path_checks):
        return PlainParam(Path)
    if annotation in PLAIN or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return PlainParam(annotation)
    return None


def _without_none(annotation: Any) -> Any:
    """``X | None`` (or ``Optional[X]``) → ``X``."""
    if get_origin(annotation) in (types.UnionType, typing.Union):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def install() -> None:
    """Give Typer's parameters the plain coercion wherever it applies (once a process)."""
    typer_private.coerce_plainly(plain_param)
