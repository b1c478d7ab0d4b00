"""The inventory's YAML files as round-trip documents (ruamel.yaml): edited in place, written
atomically, and only when their bytes change.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from kommarch.errors import UsageError

# (mapping, sequence, offset): kommarch's own style first, then ruamel's default.
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 0))


def _yaml(indent: tuple[int, int, int]) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return y


@dataclass(slots=True)
class Doc:
    """One inventory file: its original bytes (None when new) and its editable document."""

    rel: str
    original: bytes | None
    data: CommentedMap
    indent: tuple[int, int, int] = _INDENTS[0]
    text: str | None = None
    dirty: bool = False

    def dump(self) -> str:
        """The document as text."""
        out = io.StringIO()
        _yaml(self.indent).dump(self.data, out)
        return out.getvalue()

    def new_bytes(self) -> bytes | None:
        """The file's new bytes, or None when they equal the original (or nothing was edited)."""
        if not self.dirty and self.original is not None:
            return None
        if self.text is None:
            self.text = self.dump()
        data = self.text.encode("utf-8")
        return None if data == self.original else data


def load_doc(path: Path, rel: str) -> Doc:
    """Parse one file round-trip, with the indentation that reproduces it best."""
    raw = path.read_bytes()  # FileNotFoundError: the caller starts a new file
    text = raw.decode("utf-8-sig")
    try:
        data = _yaml(_INDENTS[0]).load(text)
    except YAMLError as exc:
        raise UsageError(f"{rel}: cannot be read for merging ({type(exc).__name__})") from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise UsageError(f"{rel}: the top level is not a mapping")
    return Doc(rel, raw, data, _indent(text))


def _indent(text: str) -> tuple[int, int, int]:
    """The file's block indentation, from its first list item under a top-level key."""
    lines = text.splitlines()
    for i, line in enumerate(lines[:-1]):
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            item = lines[i + 1]
            dash = len(item) - len(item.lstrip(" "))
            if item.lstrip(" ").startswith("- "):
                return (2, dash + 2, dash) if dash else (2, 2, 0)
    return _INDENTS[0]


def new_doc(rel: str, section: str, header: str) -> Doc:
    """A new file with one empty list section and a comment at the top."""
    data = CommentedMap()
    data[section] = CommentedSeq()
    data.yaml_set_start_comment(header)
    return Doc(rel, None, data, dirty=True)


@dataclass(slots=True)
class Writer:
    """Writes every changed file atomically: all temporary files first, then the renames."""

    root: Path
    pending: dict[str, bytes] = field(default_factory=dict)

    def write(self) -> list[str]:
        """Write the pending files; returns their relative paths."""
        temps: list[tuple[str, Path]] = []
        try:
            for rel, data in sorted(self.pending.items()):
                target = self.root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, name = tempfile.mkstemp(prefix=".kommarch-", dir=target.parent)
                os.chmod(name, _mode(target))
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                temps.append((rel, Path(name)))
            for rel, temp in temps:
                os.replace(temp, self.root / rel)
        except OSError as exc:
            for _, temp in temps:
                temp.unlink(missing_ok=True)
            raise UsageError(f"cannot write into {self.root}: {exc.strerror}") from None
        return [rel for rel, _ in temps]


def _mode(target: Path) -> int:
    """The file's current permissions, or what a new file gets under the umask."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def plain(value: Any) -> Any:
    """A loaded value as plain Python (for comparing and showing)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
