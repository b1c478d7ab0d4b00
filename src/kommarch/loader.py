"""Find inventory files and parse each one once, keeping the position of every key and value.

The data is built straight from libyaml's event stream (PyYAML's C parser): that is faster than
``yaml.load`` with the C loader, and it is the one place where kommarch can

* record 1-based line and column of every mapping, key, value and sequence item,
* refuse duplicate keys (KM003), non-standard tags, unbounded alias expansion and deep nesting
  (KM001) before anything is built from them,
* resolve plain scalars the YAML 1.1 way while remembering what was written, so that the schema
  can say "quote it" instead of silently turning ``32.30`` into ``32.3``.

Nothing here ever constructs arbitrary Python objects: there is no constructor at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.resolver import Resolver

from kommarch.findings import Finding, Severity, Text
from kommarch.location import Location, YMap, YSeq
from kommarch.validation_rules import VALIDATION_RULES

CONFIG_NAME = "kommarch.yaml"
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
ALIAS_FACTOR = 10

_T = "tag:yaml.org,2002:"
_STANDARD_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    k: [(tag, rx) for tag, rx in v if tag != _T + "yaml" and tag != _T + "value"]
    for k, v in Resolver.yaml_implicit_resolvers.items()
}
_BOOL_TRUE = {"yes", "true", "on"}
_TIMESTAMP = re.compile(
    r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<H>[0-9]{1,2}):(?P<M>[0-9]{2}):(?P<S>[0-9]{2})(?:\.(?P<f>[0-9]*))?"
    r"(?:[ \t]*(?P<tz>Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$"
)


def yaml_error(
    rule: str,
    message: str,
    path: str,
    line: int | None,
    col: int | None,
    subject: str | None = None,
) -> Finding:
    """A validation error (KM0xx) at a position, about the entry ``subject`` if it has an id."""
    return Finding(
        rule=rule,
        name=VALIDATION_RULES[rule].name,
        severity=Severity.ERROR,
        subjects=() if subject is None else (subject,),
        message=Text.same(message),
        location=Location(path, line, col),
    )


@dataclass(slots=True)
class LoadedFile:
    """One parsed file: its data (``None`` when empty or unusable) and what went wrong."""

    path: str
    data: YMap | None
    errors: list[Finding] = field(default_factory=list)
    usable: bool = True


class _Abort(Exception):
    """Stop building this file: the finding says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message.en)
        self.finding = finding


# --- discovery -----------------------------------------------------------------------------


def discover(path: Path) -> tuple[Path, list[tuple[Path, str]]]:
    """The inventory root and its files as ``(absolute path, POSIX path relative to root)``.

    A directory is searched recursively for ``*.yaml``/``*.yml``, skipping hidden files and
    folders and the root's ``kommarch.yaml``; files are in sorted order of path components. A
    single file is its own inventory, rooted at its folder.
    """
    if path.is_file():
        return path.parent, [(path, path.name)]
    found: list[tuple[tuple[str, ...], Path]] = []
    for p in path.rglob("*"):
        rel = p.relative_to(path)
        parts = rel.parts
        if any(part.startswith(".") for part in parts):
            continue
        if p.suffix not in (".yaml", ".yml") or not p.is_file():
            continue
        if parts == (CONFIG_NAME,):
            continue
        found.append((parts, p))
    found.sort(key=lambda item: item[0])
    return path, [(p, "/".join(parts)) for parts, p in found]


# --- decoding ------------------------------------------------------------------------------


def _decode(raw: bytes, path: str) -> bytes:
    """The UTF-8 bytes without a BOM; anything that is not UTF-8 is KM001 at the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Abort(yaml_error("KM001", "the file is UTF-16; save it as UTF-8", path, 1, 1))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        line = raw.count(b"\n", 0, start) + 1
        col = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
        raise _Abort(
            yaml_error(
                "KM001",
                f"not valid UTF-8 (byte 0x{raw[start]:02x}); kommarch reads UTF-8 files only",
                path,
                line,
                col,
            )
        ) from None
    return raw


# --- scalars -------------------------------------------------------------------------------


def _to_int(text: str) -> int:
    value = text.replace("_", "")
    sign = 1
    if value[0] in "+-":
        sign = -1 if value[0] == "-" else 1
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value[0] == "0":
        return sign * int(value, 8)
    if ":" in value:
        total = 0
        for part in value.split(":"):
            total = total * 60 + int(part)
        return sign * total
    return sign * int(value)


def _to_float(text: str) -> float:
    value = text.replace("_", "").lower()
    sign = -1.0 if value[0] == "-" else 1.0
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    if ":" in value:
        total = 0.0
        for part in value.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(value)


def _to_timestamp(text: str) -> Any:
    m = _TIMESTAMP.match(text)
    if m is None:
        return text
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return text  # not a real date: the schema says so, with the text the user wrote
    if m["H"] is None:
        return day
    return dt.datetime(day.year, day.month, day.day, int(m["H"]), int(m["M"]), int(m["S"]))


def _construct(tag: str, text: str) -> Any:
    """Turn a scalar into a value for one of the standard tags (raises ValueError)."""
    if tag == _T + "null":
        return None
    if tag == _T + "bool":
        return text.lower() in _BOOL_TRUE
    if tag == _T + "int":
        return _to_int(text)
    if tag == _T + "float":
        return _to_float(text)
    if tag == _T + "timestamp":
        return _to_timestamp(text)
    return text


def _resolve_plain(text: str) -> Any:
    """YAML 1.1 implicit resolution of a plain scalar, as PyYAML's SafeLoader does it."""
    candidates = _RESOLVERS.get(text[:1])
    if candidates is None:
        return text
    for tag, rx in candidates:
        if rx.match(text):
            if tag == _T + "merge":
                return _MERGE
            try:
                return _construct(tag, text)
            except ValueError:
                return text
    return text


class _MergeKey:
    """The ``<<`` merge key."""

    def __repr__(self) -> str:
        return "<<"


_MERGE = _MergeKey()


# --- the builder ---------------------------------------------------------------------------

_NOKEY = object()


class _Frame:
    """An open mapping or sequence while its events stream in."""

    __slots__ = ("anchor", "container", "is_map", "key", "key_col", "key_line", "merges", "start")

    def __init__(self, container: YMap | YSeq, is_map: bool, anchor: str | None, start: int):
        self.container = container
        self.is_map = is_map
        self.key: Any = _NOKEY
        self.key_line = 0
        self.key_col = 0
        self.merges: list[YMap] | None = None
        self.anchor = anchor
        self.start = start


def _merge_into(target: YMap, sources: list[YMap]) -> None:
    """Apply ``<<`` merges: explicit keys win, then the sources in order."""
    for src in sources:
        for k, v in src.items():
            if k not in target:
                target[k] = v
                target.marks[k] = src.marks[k]
                if src.raw and k in src.raw:
                    if target.raw is None:
                        target.raw = {}
                    target.raw[k] = src.raw[k]


def _events(raw: bytes) -> Iterator[Any]:
    parser = yaml.CSafeLoader(raw)
    try:
        get = parser.get_event
        while True:
            ev = get()
            yield ev
            if type(ev) is StreamEndEvent:
                return
    finally:
        parser.dispose()


def _build(raw: bytes, path: str, errors: list[Finding]) -> Any:
    """Build plain data from the event stream (see the module docstring)."""
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    nodes = 0  # nodes the file itself holds
    weight = 0  # nodes the data holds once aliases are expanded
    expanded = 0
    root: Any = None
    documents = 0

    def place(value: Any, line: int, col: int, raw_text: str | None) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        frame = stack[-1]
        c = frame.container
        if frame.is_map:
            assert isinstance(c, YMap)
            if frame.key is _NOKEY:
                if isinstance(value, YMap | YSeq):
                    errors.append(
                        yaml_error(
                            "KM002",
                            "a key must be a plain value, not a mapping or list",
                            path,
                            line,
                            col,
                        )
                    )
                    frame.key = _DROP
                    return
                if value is not _MERGE and value in c.marks:
                    first = c.marks[value][0]
                    errors.append(
                        yaml_error(
                            "KM003",
                            f"duplicate key '{value}' (first at line {first}); YAML would "
                            "silently keep only the last one",
                            path,
                            line,
                            col,
                        )
                    )
                    frame.key = _DROP
                    return
                frame.key = value
                frame.key_line = line
                frame.key_col = col
                return
            key = frame.key
            frame.key = _NOKEY
            if key is _DROP:
                return
            if key is _MERGE:
                sources = value if isinstance(value, YSeq) else [value]
                if not all(isinstance(s, YMap) for s in sources):
                    raise _Abort(
                        yaml_error(
                            "KM001",
                            "a '<<' merge needs a mapping or a list of mappings",
                            path,
                            line,
                            col,
                        )
                    )
                if frame.merges is None:
                    frame.merges = []
                frame.merges.extend(sources)
                return
            c[key] = value
            c.marks[key] = (frame.key_line, frame.key_col, line, col)
            if raw_text is not None:
                if c.raw is None:
                    c.raw = {}
                c.raw[key] = raw_text
        else:
            assert isinstance(c, YSeq)
            if raw_text is not None:
                if c.raw is None:
                    c.raw = {}
                c.raw[len(c)] = raw_text
            c.append(value)
            c.marks.append((line, col))

    for ev in _events(raw):
        t = type(ev)
        if t is ScalarEvent:
            nodes += 1
            weight += 1
            mark = ev.start_mark
            text = ev.value
            raw_text = None
            if ev.implicit[0]:
                value = _resolve_plain(text)
                if value is not text and value is not _MERGE and not isinstance(value, str):
                    raw_text = text
            elif ev.tag is None or ev.tag == "!":
                value = text
            elif ev.tag in _STANDARD_TAGS or ev.tag == _T + "timestamp":
                try:
                    value = _construct(ev.tag, text)
                except (ValueError, IndexError):
                    raise _Abort(
                        yaml_error(
                            "KM001",
                            f"'{text}' cannot be read as {ev.tag.replace(_T, '!!')}",
                            path,
                            mark.line + 1,
                            mark.column + 1,
                        )
                    ) from None
            else:
                raise _Abort(_tag_error(ev.tag, path, mark))
            if ev.anchor is not None:
                anchors[ev.anchor] = (value, 1)
            place(value, mark.line + 1, mark.column + 1, raw_text)
        elif t is MappingStartEvent or t is SequenceStartEvent:
            nodes += 1
            weight += 1
            mark = ev.start_mark
            if ev.tag is not None and ev.tag != "!" and ev.tag not in _STANDARD_TAGS:
                raise _Abort(_tag_error(ev.tag, path, mark))
            if len(stack) >= MAX_DEPTH:
                raise _Abort(
                    yaml_error(
                        "KM001",
                        f"nesting deeper than {MAX_DEPTH} levels",
                        path,
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
            is_map = t is MappingStartEvent
            container: YMap | YSeq = (
                YMap(mark.line + 1, mark.column + 1)
                if is_map
                else YSeq(mark.line + 1, mark.column + 1)
            )
            stack.append(_Frame(container, is_map, ev.anchor, weight))
        elif t is MappingEndEvent or t is SequenceEndEvent:
            frame = stack.pop()
            c = frame.container
            if frame.merges:
                assert isinstance(c, YMap)
                _merge_into(c, frame.merges)
            if frame.anchor is not None:
                anchors[frame.anchor] = (c, weight - frame.start + 1)
            place(c, c.line, c.col, None)
        elif t is AliasEvent:
            mark = ev.start_mark
            target = anchors.get(ev.anchor)
            if target is None:
                raise _Abort(
                    yaml_error(
                        "KM001",
                        f"unknown alias '*{ev.anchor}'",
                        path,
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
            expanded += target[1]
            weight += target[1]
            if expanded > MAX_ALIAS_NODES:
                raise _Abort(_alias_error(path, mark))
            place(target[0], mark.line + 1, mark.column + 1, None)
        elif t is DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = ev.start_mark
                raise _Abort(
                    yaml_error(
                        "KM001",
                        "a second YAML document in one file; kommarch "
                        "reads one document per file: split it into two files",
                        path,
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
        elif t is DocumentEndEvent or t is StreamStartEvent or t is StreamEndEvent:
            pass
    if expanded > ALIAS_FACTOR * max(nodes, 1):
        raise _Abort(_alias_error(path, None))
    return root


_DROP = object()


def _tag_error(tag: str, path: str, mark: Any) -> Finding:
    shown = tag.replace(_T, "!!")
    return yaml_error(
        "KM001",
        f"the tag '{shown}' is not allowed: kommarch accepts only the standard YAML tags "
        "(!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)",
        path,
        mark.line + 1,
        mark.column + 1,
    )


def _alias_error(path: str, mark: Any) -> Finding:
    return yaml_error(
        "KM001",
        f"aliases expand to too many nodes (more than {ALIAS_FACTOR}x the file's own nodes, "
        f"at most {MAX_ALIAS_NODES:,}); refused for safety",
        path,
        None if mark is None else mark.line + 1,
        None if mark is None else mark.column + 1,
    )


def _syntax_error(exc: yaml.MarkedYAMLError, path: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    message = problem
    if exc.context:
        where = ""
        if exc.context_mark is not None:
            where = f" at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
        message = f"{problem} ({exc.context}{where})"
    return yaml_error(
        "KM001",
        message,
        path,
        None if mark is None else mark.line + 1,
        None if mark is None else mark.column + 1,
    )


def parse_bytes(raw: bytes, path: str) -> LoadedFile:
    """Parse one file's bytes. Never raises for bad input: problems become KM001-KM003."""
    errors: list[Finding] = []
    try:
        data = _build(_decode(raw, path), path, errors)
    except _Abort as abort:
        return LoadedFile(path, None, [*errors, abort.finding], usable=False)
    except yaml.MarkedYAMLError as exc:
        return LoadedFile(path, None, [*errors, _syntax_error(exc, path)], usable=False)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        what = f"character U+{ord(exc.character):04X}" if isinstance(exc.character, str) else "byte"
        message = f"the {what} is not allowed in YAML (control characters must be escaped)"
        return LoadedFile(
            path, None, [*errors, yaml_error("KM001", message, path, line, col)], usable=False
        )
    except yaml.YAMLError as exc:  # anything else without a mark
        return LoadedFile(
            path, None, [*errors, yaml_error("KM001", str(exc), path, 1, 1)], usable=False
        )
    if data is None:
        return LoadedFile(path, None, errors)
    if not isinstance(data, YMap):
        line, col = (data.line, data.col) if isinstance(data, YSeq) else (1, 1)
        return LoadedFile(
            path,
            None,
            [
                *errors,
                yaml_error(
                    "KM001",
                    "the top level must be a mapping of sections (municipality, organisation, "
                    "systems, integrations, data_objects, processes)",
                    path,
                    line,
                    col,
                ),
            ],
            usable=False,
        )
    return LoadedFile(path, data, errors)


def load_file(abs_path: Path, rel: str) -> LoadedFile:
    """Read and parse one file; an unreadable file is KM001 without a line."""
    try:
        raw = abs_path.read_bytes()
    except OSError as exc:
        return LoadedFile(
            rel,
            None,
            [yaml_error("KM001", f"cannot read file: {exc.strerror}", rel, None, None)],
            usable=False,
        )
    return parse_bytes(raw, rel)
