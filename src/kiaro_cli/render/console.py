"""The one console everything people read is printed on.

Colour is off when ``NO_COLOR`` is set or stdout is not a terminal (Rich's own
rules); the width is the terminal's, or ``COLUMNS``.
"""

from __future__ import annotations

from rich.console import Console

console = Console(highlight=False)
