"""Lines of styled text, word-wrapped with a hanging indent, plain or with ANSI colours.

rich supplies the escape codes (the 16 standard colours) and the display width of characters;
the wrapping is done here because rich's console costs about half a millisecond per line, and an
audit of a national inventory can report a hundred thousand findings. Nothing here looks at the
terminal or the environment: the same calls give the same bytes everywhere.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import accumulate

from rich.cells import get_character_cell_size
from rich.color import ColorSystem
from rich.style import Style

Part = str | tuple[str, str]  # plain text, or (text, rich style such as "bold red")

_WORDS = re.compile(r"[^ ]+")


@cache
def _codes(style: str) -> tuple[str, str]:
    """The escape codes that open and close ``style``."""
    before, _, after = (
        Style.parse(style).render("\0", color_system=ColorSystem.STANDARD).partition("\0")
    )
    return before, after


_FLAT = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _rows_uniform(text: str, first: int, rest: int) -> list[tuple[int, int]]:
    """Greedy word wrap of single-width text: ``(start, end)`` of each row."""
    rows: list[tuple[int, int]] = []
    start, n, room = 0, len(text), first
    while True:
        while start < n and text[start] == " ":
            start += 1
        if n - start <= room:
            rows.append((start, len(text[start:].rstrip(" ")) + start))
            return rows
        cut = text.rfind(" ", start, start + room + 1)
        if cut <= start:  # one word wider than the row: cut it
            rows.append((start, start + room))
            start += room
        else:
            rows.append((start, len(text[start:cut].rstrip(" ")) + start))
            start = cut + 1
        room = rest


def _cell_widths(text: str) -> dict[str, int]:
    """The cell width of every distinct character of ``text`` (few, even in a long text)."""
    return {ch: get_character_cell_size(ch) for ch in set(text)}


def _rows_cells(text: str, first: int, rest: int, widths: dict[str, int]) -> list[tuple[int, int]]:
    """The same for text with wide or zero-width characters, counting terminal cells.

    Linear in the length of the text: the running cell count of every offset is computed once,
    so a word is measured by a subtraction and a word wider than the row is cut by a binary
    search, never by measuring the rest of it again.
    """
    prefix = [0, *accumulate(map(widths.__getitem__, text))]
    rows: list[tuple[int, int]] = []
    start, end, used, room = -1, 0, 0, first
    for m in _WORDS.finditer(text):
        a, b = m.span()
        w = prefix[b] - prefix[a]
        if start >= 0:
            gap = a - end  # only spaces separate words
            if used + gap + w <= room:
                used, end = used + gap + w, b
                continue
            rows.append((start, end))
            room = rest
        start = a
        while w > room:  # one word wider than the row: cut it
            cut = max(bisect_right(prefix, prefix[start] + room, start, b + 1) - 1, start + 1)
            rows.append((start, cut))
            start, room = cut, rest
            w = prefix[b] - prefix[start]
        used, end = w, b
    rows.append((start, end) if start >= 0 else (0, 0))
    return rows


def _slice(runs: list[tuple[str, str]], start: int, end: int) -> Iterator[tuple[str, str]]:
    """The styled runs between two offsets of their joined text."""
    offset = 0
    for text, style in runs:
        lo, hi = max(start - offset, 0), min(end - offset, len(text))
        if lo < hi:
            yield text[lo:hi], style
        offset += len(text)


class StyledLines:
    """Collects output lines; :meth:`text` joins them, ending in a newline."""

    def __init__(self, *, color: bool, width: int) -> None:
        self.color = color
        self.width = width
        self._lines: list[str] = []

    def blank(self) -> None:
        """An empty line."""
        self._lines.append("")

    def line(self, *parts: Part, indent: int = 0, hang: int = 0) -> None:
        """One logical line, wrapped at spaces; continuation rows start after ``hang`` spaces.

        Tabs and line breaks inside the parts become spaces: one call, one logical line.
        """
        runs = [((p, "") if isinstance(p, str) else p) for p in parts]
        runs = [(t.translate(_FLAT), style) for t, style in runs]
        text = "".join(t for t, _ in runs)
        first, rest = max(self.width - indent, 10), max(self.width - hang, 10)
        widths = None if text.isascii() else _cell_widths(text)
        if widths is None or all(w == 1 for w in widths.values()):
            rows = _rows_uniform(text, first, rest)
        else:
            rows = _rows_cells(text, first, rest, widths)
        if rows == [(0, len(text))]:  # fits as it is
            self._lines.append(" " * indent + self._join(runs) if text else "")
            return
        for n, (start, end) in enumerate(rows):
            row = self._join(_slice(runs, start, end))
            self._lines.append(" " * (indent if n == 0 else hang) + row if row else "")

    def _join(self, row: Iterable[tuple[str, str]]) -> str:
        """Adjacent runs of one style merged, styled when colour is on."""
        out: list[str] = []
        run, run_style = "", ""
        for text, style in [*row, ("", "\0end")]:
            if style == run_style:
                run += text
                continue
            if run:
                if self.color and run_style:
                    before, after = _codes(run_style)
                    out.append(f"{before}{run}{after}")
                else:
                    out.append(run)
            run, run_style = text, style
        return "".join(out)

    def text(self) -> str:
        """All lines, each ending in a newline."""
        return "\n".join(self._lines) + "\n"
