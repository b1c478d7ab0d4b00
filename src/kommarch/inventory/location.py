"""Source positions: where in which file a node of an inventory stands.

Every position kommarch reports is made here, from the marks the loader records: lines and
columns are 1-based and counted in characters (a BOM is not counted). Rules and renderers never
compute positions themselves; they ask a record for its :class:`Location`.

A line ends where YAML (and libyaml, whose marks the builder records) says it does: at LF, CR,
CRLF, NEL (U+0085), LINE SEPARATOR (U+2028) or PARAGRAPH SEPARATOR (U+2029). libyaml's marks
already count lines that way and columns in characters (:func:`mark_position`); the errors that
only know a byte offset (a character YAML forbids, a byte that is not UTF-8) are converted by
:func:`byte_position` with the same rule, so every message points at the same place an editor
shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_UNUSUAL = (b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")


def mark_position(mark: Any) -> tuple[int, int]:
    """The 1-based ``(line, column)`` of a libyaml mark (0-based line, character column)."""
    return (mark.line + 1, mark.column + 1)


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based ``(line, column)`` of byte ``offset`` in UTF-8 ``raw`` (BOM already removed).

    Lines end as in YAML (see the module docstring); the column counts characters, so letters
    such as "æ" before the offset count once, not once per byte. Only called for an error, so
    it may decode the text before the offset.
    """
    before = raw[:offset]
    if not any(b in before for b in _UNUSUAL):  # the common file: LF line breaks only
        start = before.rfind(b"\n") + 1
        column = len(before[start:].decode("utf-8", errors="replace"))
        return (before.count(b"\n") + 1, column + 1)
    text = before.decode("utf-8", errors="replace")
    line, start = 1, 0
    for m in _BREAK.finditer(text):
        line, start = line + 1, m.end()
    return (line, len(text) - start + 1)


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in the inventory: POSIX path relative to the inventory root, 1-based line/column.

    ``line`` and ``column`` are ``None`` when there is no node to point at (for example a
    municipality that is missing from the whole inventory).
    """

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        if self.column is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int]:
        """Sort order of section 9: path, line, column (positionless first within a file)."""
        return (self.path, self.line or 0, self.column or 0)


_COL = 0xFFFFFFFF  # a packed position: (line - 1) << 32 | (column - 1)
_POS = 0xFFFFFFFFFFFFFFFF  # a packed key mark: key position << 64 | value position


def unpack(pos: int) -> tuple[int, int]:
    """The 1-based ``(line, column)`` of a packed position."""
    return ((pos >> 32) + 1, (pos & _COL) + 1)


class YMap(dict[Any, Any]):
    """A YAML mapping as loaded, with the marks of its keys and values.

    ``line``/``col`` is where the mapping starts (its first key for a block mapping).
    ``marks[key]`` packs the positions of the key and of its value into one int (a tuple and two
    ints would cost three times the memory on a large inventory): ``key << 64 | value``, each
    ``(line - 1) << 32 | (column - 1)``; read it with :func:`key_mark` and :func:`value_mark`.
    ``raw[key]`` keeps the source text of a plain scalar value that YAML resolved to something
    other than a string (``32.30`` -> 32.3), so a message can show what the user wrote.
    """

    __slots__ = ("col", "line", "marks", "raw")

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line = line
        self.col = col
        self.marks: dict[Any, int] = {}
        self.raw: dict[Any, str] | None = None


class YSeq(list[Any]):
    """A YAML sequence as loaded; ``marks[i]`` is the packed position of item ``i``."""

    __slots__ = ("col", "line", "marks", "raw")

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line = line
        self.col = col
        self.marks: list[int] = []
        self.raw: dict[int, str] | None = None


def key_mark(node: YMap, key: Any) -> tuple[int, int]:
    """Position of ``key`` in ``node`` (the mapping start when the key is absent)."""
    m = node.marks.get(key)
    return unpack(m >> 64) if m is not None else (node.line, node.col)


def value_mark(node: YMap | YSeq, key: Any) -> tuple[int, int]:
    """Position of the value under ``key`` (or item ``key`` of a sequence)."""
    if isinstance(node, YMap):
        m = node.marks.get(key)
        return unpack(m & _POS) if m is not None else (node.line, node.col)
    if isinstance(key, int) and 0 <= key < len(node.marks):
        return unpack(node.marks[key])
    return (node.line, node.col)


def item_marks(node: YSeq) -> list[tuple[int, int]]:
    """The positions of every item of a sequence, in order."""
    return [unpack(m) for m in node.marks]


def raw_text(node: YMap | YSeq, key: Any) -> str | None:
    """The source text of a scalar that YAML resolved to a non-string, if recorded."""
    if node.raw is None:
        return None
    return node.raw.get(key)
