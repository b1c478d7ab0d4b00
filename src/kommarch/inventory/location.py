"""Source positions: where in which file a node of an inventory stands.

Every position kommarch reports is made here, from the marks the loader records: lines and
columns are 1-based and counted in characters (a BOM is not counted). Rules and renderers never
compute positions themselves; they ask a record for its :class:`Location`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
