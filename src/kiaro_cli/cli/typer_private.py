"""The one module that reaches inside Typer, for the two things it offers no public way to do.

- **Plain coercion.** Typer 0.29 turns every option and argument value into a Python value
  through a pydantic ``TypeAdapter`` (a ``parser=`` included; only a bare flag is spared).
  Importing pydantic costs a start-up about a quarter of a second, more than a whole
  command, so :func:`coerce_plainly` lets kiaro's own coercion (:mod:`.coercion`) answer
  first; Typer's takes whatever it declines.
- **The shells' completion.** Typer keeps its shell classes (the scripts and the
  ``_KIARO_COMPLETE`` protocol) and the registry its completion reads them from inside;
  :mod:`.completion` subclasses them to escape values and keep help plain.

pyproject pins ``typer`` to the releases that have these names (``>=0.29,<0.30``); CI runs
the suite on the lowest of them. Ruff forbids ``typer._*`` everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from typer._click.shell_completion import (
    CompletionItem,
    add_completion_class,
    get_completion_class,
    split_arg_string,
)
from typer._completion_classes import BashComplete, FishComplete, ZshComplete, completion_init
from typer._param_types import coerce_cli_choice
from typer.core import _TyperParameter

__all__ = [
    "BashComplete",
    "CompletionItem",
    "FishComplete",
    "ZshComplete",
    "add_completion_class",
    "choice",
    "coerce_plainly",
    "completion_init",
    "get_completion_class",
    "split_arg_string",
]


def choice(value: Any, choices: list[Any]) -> Any:
    """The choice ``value`` names, as Typer's own coercion finds it (its refusal included:
    ``'xml' is not one of table, json, …``)."""
    return coerce_cli_choice(value, choices=choices, case_sensitive=True)


def coerce_plainly(plain: Callable[[Any], Any | None]) -> None:
    """Coerce each parameter with ``plain(descriptor)`` where it gives a coercion (an object
    with Typer's ``coerce(value, param, ctx)``; the descriptor has the parameter's
    ``annotation`` and ``parameter_info``), else with Typer's own. Done once a process."""
    if getattr(_TyperParameter, "kiaro_plain", False):
        return
    typers_own = _TyperParameter.get_runtime_param

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            self._runtime_param = plain(self.type_descriptor) or typers_own(self)
        return self._runtime_param

    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
    _TyperParameter.kiaro_plain = True  # type: ignore[attr-defined]
