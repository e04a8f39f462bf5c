"""The one console everything people read is printed on, and the doorway all of it passes.

Colour is off when ``NO_COLOR`` is set or stdout is not a terminal (Rich's own
rules); the width is the terminal's, or ``COLUMNS``.

Values come from files, archives, restored databases and teammates on a server: none of
them may move the cursor, clear the screen, retitle the window or reverse the text
around them. :class:`Screen` shows every control and format character of what it prints
escaped (``\\x1b``, ``\\u202e``, see :mod:`kiaro_cli.characters`); a newline and a tab
stay what they are. Text is never read as Rich markup or emoji codes: ``[red]`` and ``:smile:`` in
a name print as typed. Rich's own colours and cursor moves are not text and pass.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Span, Text

from kiaro_cli.characters import escaped, visible


def visible_text(text: Text) -> Text:
    """``text`` with its unseen characters escaped, its styles kept on the same characters."""
    plain = text.plain
    if visible(plain, lines=True) == plain:
        return text
    pieces = [char if char in "\n\t" else escaped(char) for char in plain]
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    shown = text.copy()
    shown.plain = "".join(pieces)
    end = len(plain)
    shown.spans = [Span(starts[min(s.start, end)], starts[min(s.end, end)], s.style) for s in text.spans]
    return shown


NARROWEST = 20  # a COLUMNS below this is no width to draw in (COLUMNS=0 printed nothing at all)


def _too_narrow() -> int | None:
    """80 when ``COLUMNS`` asks for fewer columns than any table can be drawn in; else None:
    the width is the terminal's, or ``COLUMNS``."""
    import os

    said = os.environ.get("COLUMNS", "").strip()
    return 80 if said.isdigit() and int(said) < NARROWEST else None


class Screen(Console):
    """A console whose output shows every unseen character of its text escaped."""

    def __init__(self, *, stderr: bool = False) -> None:
        super().__init__(stderr=stderr, highlight=False, markup=False, emoji=False, width=_too_narrow())

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        """The segments of ``renderable``: a text escaped before it is laid out, and any
        segment of text that still holds an unseen character (from any renderable) escaped."""
        if isinstance(renderable, Text):
            renderable = visible_text(renderable)
        for segment in super().render(renderable, options):
            shown = segment.text if segment.control else visible(segment.text, lines=True)
            yield segment if shown == segment.text else Segment(shown, segment.style)


console = Screen()
