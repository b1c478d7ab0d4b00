"""Markdown building blocks of the gap report: escaping, code spans, tables, fitting a size limit.

Every piece of inventory text (names, messages, reasons, paths) goes through :func:`escape`
before it reaches the document, so a name such as ``a|b``, ``<script>`` or one with a newline
can break neither a table nor the page, on GitHub or GitLab. :func:`fit` keeps the whole
document under a byte limit (GitHub's step summary takes at most 1 MiB) by shortening the long
tables and saying how many rows it left out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar, overload

MAX_BYTES = 1024 * 1024  # GitHub's limit for one step summary
T = TypeVar("T")

_BREAK = "<br>"
_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
# Characters with a meaning in CommonMark/GFM (and GitHub's ``$`` math) get a backslash; HTML
# specials become entities; line breaks become <br>; other control and bidi-override
# characters are dropped (they could hide or reorder text).
_TABLE: dict[int, str | None] = {
    **{ord(c): "\\" + c for c in "\\`*_[]~$#|"},
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord("\t"): " ",
    **{ord(c): _BREAK for c in _BREAKS},
    **dict.fromkeys((*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F)),
    **dict.fromkeys((*range(0x202A, 0x202F), *range(0x2066, 0x206A))),
}
# Text that may stand inside a code span as is: no backtick, pipe, backslash or control
# character, and no space at either end (CommonMark would strip one).
_CODE_SAFE = re.compile(r"[^\s`|\\]([^`|\\\x00-\x1f\x7f\u2028\u2029]*[^\s`|\\])?")


_SPAN = re.compile(r"`([^`]+)`")


def escape(text: str) -> str:
    """``text`` as literal inline Markdown, safe in a table cell, a heading or a list item."""
    return _escape(text.strip())


def _escape(text: str) -> str:
    return text.replace("\r\n", "\n").translate(_TABLE)


def code(text: str) -> str:
    """``text`` as a code span (ids, codes, paths), or escaped text when a span cannot hold it."""
    if _CODE_SAFE.fullmatch(text):
        return f"`{text}`"
    return escape(text)


def prose(text: str) -> str:
    """Like :func:`escape`, but a `backticked` part becomes a code span (the rule texts use them).

    Only what :func:`code` accepts becomes a span; everything else is escaped, so a message that
    quotes a hostile name is as safe as the name alone.
    """
    out: list[str] = []
    pos = 0
    text = text.strip()
    for m in _SPAN.finditer(text):
        out.append(_escape(text[pos : m.start()]))
        inner = m.group(1)
        out.append(f"`{inner}`" if _CODE_SAFE.fullmatch(inner) else _escape(m.group(0)))
        pos = m.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


class LazyRows(Sequence[tuple[str, ...]], Generic[T]):
    """Table rows made on demand from ``items``: a long table costs only the rows it shows."""

    def __init__(self, items: Sequence[T], row: Callable[[T], tuple[str, ...]]) -> None:
        self._items = items
        self._row = row

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[str, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[str, ...] | Sequence[tuple[str, ...]]:
        if isinstance(index, slice):
            return [self._row(item) for item in self._items[index]]
        return self._row(self._items[index])


@dataclass(slots=True)
class Table:
    """A GFM table. Cells are Markdown already (escape them first); ``right`` columns hold numbers.

    ``cut`` tables may be shortened from the end by :func:`fit`; their rows are therefore in
    order of importance.
    """

    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]] = ()
    right: frozenset[int] = frozenset()
    cut: bool = True

    def head(self) -> str:
        """The header line and the delimiter line."""
        delim = ("---:" if i in self.right else "---" for i in range(len(self.header)))
        return f"{_line(self.header)}\n|{'|'.join(delim)}|"

    def line(self, index: int) -> str:
        """Row ``index`` as one line, padded or clipped to the header's width."""
        width = len(self.header)
        return _line((*self.rows[index], *([""] * width))[:width])


def _line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c if c else " " for c in cells) + " |"


class Slot:
    """Where the document-level truncation note goes (nothing when nothing was cut)."""


Block = str | Table | Slot
Notes = tuple[Callable[[int], str], Callable[[int], str]]  # per table, for the document


@dataclass(slots=True)
class _Sized:
    """A table's head and its first rows, rendered only as far as the byte budget reaches."""

    table: Table
    head: str
    count: int
    lines: list[str]
    prefix: list[int]  # prefix[k] = bytes of the first k row lines, each with its "\n"

    def shown(self, keep: int | None) -> int:
        return self.count if keep is None or not self.table.cut else min(keep, self.count)


def _size(table: Table, budget: int) -> _Sized:
    count = len(table.rows)
    lines: list[str] = []
    prefix = [0]
    for i in range(count):
        if table.cut and prefix[-1] > budget:
            break
        lines.append(table.line(i))
        prefix.append(prefix[-1] + _bytes(lines[-1]) + 1)
    return _Sized(table, table.head(), count, lines, prefix)


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def fit(
    blocks: Sequence[Block],
    max_bytes: int,
    table_note: Callable[[int], str],
    document_note: Callable[[int], str],
) -> str:
    """Join ``blocks`` into a document of at most ``max_bytes`` UTF-8 bytes, if cutting can.

    When the whole document is too large, every ``cut`` table keeps at most its first ``k``
    rows, with the largest ``k`` that fits; each shortened table is followed by
    ``table_note(rows_left_out)`` and the :class:`Slot` is filled with
    ``document_note(total_left_out)``. Only the tables are shortened: if the rest alone is too
    large, the tables keep no rows and the document stays over the limit. Rows past the budget
    are never rendered, so a huge table costs about ``max_bytes`` of work.
    """
    notes = (table_note, document_note)
    sized = {id(b): _size(b, max_bytes) for b in blocks if isinstance(b, Table)}
    if _estimate(blocks, sized, None, notes) <= max_bytes:
        return _join(blocks, sized, None, notes)
    low, high = 0, max((s.count for s in sized.values() if s.table.cut), default=0)
    while high - low > 1:  # keep=high is too large; keep=low fits (or nothing fits)
        mid = (low + high) // 2
        if _estimate(blocks, sized, mid, notes) <= max_bytes:
            low = mid
        else:
            high = mid
    return _join(blocks, sized, low, notes)


def _omitted(sized: dict[int, _Sized], keep: int | None) -> int:
    return sum(s.count - s.shown(keep) for s in sized.values())


def _estimate(
    blocks: Sequence[Block], sized: dict[int, _Sized], keep: int | None, notes: Notes
) -> float:
    """The byte size of ``_join(..., keep)`` without building it; infinite past the budget."""
    omitted = _omitted(sized, keep)
    total, parts = 1, 0  # the final newline; blocks are separated by a blank line
    for b in blocks:
        if isinstance(b, Slot):
            if omitted == 0:
                continue
            total += _bytes(notes[1](omitted))
        elif isinstance(b, Table):
            s = sized[id(b)]
            shown = s.shown(keep)
            if shown >= len(s.prefix):
                return math.inf
            total += _bytes(s.head) + s.prefix[shown]
            if shown < s.count:
                total += 2 + _bytes(notes[0](s.count - shown))
                parts += 1
        else:
            total += _bytes(b)
        parts += 1
    return total + 2 * max(0, parts - 1)


def _join(blocks: Sequence[Block], sized: dict[int, _Sized], keep: int | None, notes: Notes) -> str:
    omitted = _omitted(sized, keep)
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Slot):
            if omitted:
                out.append(notes[1](omitted))
        elif isinstance(b, Table):
            s = sized[id(b)]
            shown = s.shown(keep)
            out.append("\n".join([s.head, *s.lines[:shown]]))
            if shown < s.count:
                out.append(notes[0](s.count - shown))
        else:
            out.append(b)
    return "\n\n".join(out) + "\n"
