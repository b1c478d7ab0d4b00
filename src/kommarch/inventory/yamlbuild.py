"""Build plain data from libyaml's event stream, keeping positions and refusing unsafe YAML.

The data is built straight from the events of PyYAML's C parser: that is faster than
``yaml.load`` with the C loader, and it is the one place where kommarch can record the 1-based
line and column of every mapping, key, value and sequence item, refuse duplicate keys (KM003),
non-standard tags, unbounded alias expansion and deep nesting (KM001) before anything is built
from them, and resolve plain scalars the YAML 1.1 way while remembering what was written (so the
schema can say "quote it" instead of silently turning ``32.30`` into ``32.3``).

Nothing here ever constructs arbitrary Python objects: there is no constructor at all.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.resolver import Resolver

from kommarch.findings import Finding, Text
from kommarch.inventory.location import YMap, YSeq, mark_position, unpack
from kommarch.inventory.yamlerrors import alias_error, tag_error, yaml_error

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


class Abort(Exception):
    """Stop building this file: the finding says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message.en)
        self.finding = finding


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
        return _capped(sign * int(value[2:], 2))
    if value.startswith("0x"):
        return _capped(sign * int(value[2:], 16))
    if value[0] == "0":
        return _capped(sign * int(value, 8))
    if ":" in value:
        total = 0
        for part in value.split(":"):
            total = _capped(total * 60 + int(part))
        return sign * total
    return sign * int(value)  # Python itself refuses more than 4,300 decimal digits


_MAX_INT = 10**4300
"""Python's own limit for a decimal literal, applied to the other notations too: a longer number
(``0xfff…``, ``0b1…``, ``1:59:59…``) could not even be shown in a message. It stays the text the
user wrote, so the schema reports it like any other wrong value."""


def _capped(number: int) -> int:
    if -_MAX_INT < number < _MAX_INT:
        return number
    raise ValueError("number too large")


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

_NOKEY = object()  # the next scalar of an open mapping is a key
_DROP = object()  # the key was refused (duplicate, not a scalar): drop its value


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


def _place(
    c: YMap | YSeq,
    key: Any,
    key_pos: int,
    merges: list[YMap] | None,
    value: Any,
    pos: int,
    raw_text: str | None,
    path: str,
    errors: list[Finding],
) -> tuple[Any, int, list[YMap] | None]:
    """Put ``value`` into the open container ``c``: the cases the builder's loop leaves out.

    Returns the container's new pending key, its position and its ``<<`` sources.
    """
    if isinstance(c, YSeq):
        if raw_text is not None:
            if c.raw is None:
                c.raw = {}
            c.raw[len(c)] = raw_text
        c.append(value)
        c.marks.append(pos)
        return key, key_pos, merges
    if key is _NOKEY:
        line, col = unpack(pos)
        if isinstance(value, YMap | YSeq):
            errors.append(
                yaml_error(
                    "KM002",
                    Text(
                        "en nøgle skal være en enkel værdi, ikke en mapping eller liste",
                        "a key must be a plain value, not a mapping or list",
                    ),
                    path,
                    line,
                    col,
                )
            )
            return _DROP, -1, merges
        if value is not _MERGE and value in c.marks:
            first = unpack(c.marks[value] >> 64)[0]
            errors.append(
                yaml_error(
                    "KM003",
                    Text(
                        f"dublet-nøgle '{value}' (første gang i linje {first}); YAML "
                        "ville stille og roligt beholde den sidste",
                        f"duplicate key '{value}' (first at line {first}); YAML would "
                        "silently keep only the last one",
                    ),
                    path,
                    line,
                    col,
                )
            )
            return _DROP, -1, merges
        return value, -1 if value is _MERGE else pos, merges
    if key is _DROP:
        return _NOKEY, key_pos, merges
    if key is _MERGE:
        sources = value if isinstance(value, YSeq) else [value]
        if not all(isinstance(s, YMap) for s in sources):
            line, col = unpack(pos)
            raise Abort(
                yaml_error(
                    "KM001",
                    Text(
                        "en '<<'-fletning kræver en mapping eller en liste af mappings",
                        "a '<<' merge needs a mapping or a list of mappings",
                    ),
                    path,
                    line,
                    col,
                )
            )
        return _NOKEY, key_pos, [*(merges or []), *sources]
    c[key] = value
    c.marks[key] = (key_pos << 64) | pos
    if raw_text is not None:
        if c.raw is None:
            c.raw = {}
        c.raw[key] = raw_text
    return _NOKEY, key_pos, merges


_RESOLVED: dict[str, Any] = {}  # plain scalar text -> its (immutable) YAML 1.1 value
_RESOLVED_MAX = 1_000_000
"""Enough for every distinct short text of a 100,000-system inventory (about 250,000): a text
that does not fit is resolved again at each occurrence, which made loading grow faster than the
inventory. At most about 60 MiB of references to texts the data holds anyway."""


def _resolve_and_remember(text: str) -> Any:
    """:func:`_resolve_plain`, remembered for short texts (ids, enum values, dates repeat).

    Remembering also makes every occurrence of a text one string object: keys such as ``name``
    and ``status`` are stored once, not once per record.
    """
    value = _resolve_plain(text) if text[:1] in _RESOLVERS else text
    if len(text) <= 64 and len(_RESOLVED) < _RESOLVED_MAX:
        _RESOLVED[text] = value
    return value


def _tagged(tag: str, text: str, path: str, mark: Any) -> Any:
    """The value of an explicitly tagged scalar: a standard tag, or KM001."""
    if tag in _STANDARD_TAGS or tag == _T + "timestamp":
        try:
            return _construct(tag, text)
        except (ValueError, IndexError):
            raise Abort(
                yaml_error(
                    "KM001",
                    Text(
                        f"'{text}' kan ikke læses som {tag.replace(_T, '!!')}",
                        f"'{text}' cannot be read as {tag.replace(_T, '!!')}",
                    ),
                    path,
                    *mark_position(mark),
                )
            ) from None
    raise Abort(tag_error(tag, path, mark))


def _alias_target(anchors: dict[str, tuple[Any, int]], ev: Any, path: str) -> tuple[Any, int]:
    """The value an alias stands for and its weight in nodes; KM001 when the anchor is unknown."""
    target = anchors.get(ev.anchor)
    if target is None:
        raise Abort(
            yaml_error(
                "KM001",
                Text(f"ukendt alias '*{ev.anchor}'", f"unknown alias '*{ev.anchor}'"),
                path,
                *mark_position(ev.start_mark),
            )
        )
    return target


def _note_alias(aliases: list[tuple[int, int, int]], expanded: int, mark: Any, path: str) -> None:
    """Record an alias with the nodes expanded so far; KM001 beyond MAX_ALIAS_NODES."""
    aliases.append((expanded, mark.line, mark.column))
    if expanded > MAX_ALIAS_NODES:
        raise Abort(alias_error(path, mark_position(mark), ALIAS_FACTOR, MAX_ALIAS_NODES))


def _check_expansion(
    aliases: list[tuple[int, int, int]], nodes: int, expanded: int, path: str
) -> None:
    """Aliases may expand the data to at most ALIAS_FACTOR times the nodes the file holds."""
    bound = ALIAS_FACTOR * max(nodes, 1)
    if expanded > bound:
        # the ratio is known only at the end: point at the alias that crossed it
        _, line, column = next(a for a in aliases if a[0] > bound)
        raise Abort(alias_error(path, (line + 1, column + 1), ALIAS_FACTOR, MAX_ALIAS_NODES))


def _too_deep(path: str, mark: Any) -> Abort:
    return Abort(
        yaml_error(
            "KM001",
            Text(
                f"indlejring dybere end {MAX_DEPTH} niveauer",
                f"nesting deeper than {MAX_DEPTH} levels",
            ),
            path,
            *mark_position(mark),
        )
    )


def _second_document(path: str, mark: Any) -> Abort:
    return Abort(
        yaml_error(
            "KM001",
            Text(
                "endnu et YAML-dokument i samme fil; kommarch læser ét dokument "
                "pr. fil: del det op i to filer",
                "a second YAML document in one file; kommarch "
                "reads one document per file: split it into two files",
            ),
            path,
            *mark_position(mark),
        )
    )


# The one exception to the complexity gates (C901, PLR0912, PLR0915): this is the hot loop of
# every command. Split into helpers that pass the gates, it costs a Python call per container
# and per list item; measured with cachegrind on the 1,000-system benchmark inventory, even a
# split that still failed the gates added 4.7 % to the instructions of building and 21 % to
# what the builder adds over libyaml's events (docs/performance.md, "The builder's loop").
# The rare paths (aliases, the expansion bound, tags, depth, a second document, duplicate keys,
# ``<<``) are helpers.
def build(raw: bytes, path: str, errors: list[Finding]) -> Any:  # noqa: C901, PLR0912, PLR0915
    """Build plain data from the event stream (see the module docstring).

    This loop runs once per YAML event (about a million at 10,000 systems), so its state lives
    in local variables rather than in objects: the innermost open container ``c`` with its
    ``marks``, whether it is a mapping, its pending ``key`` and that key's packed position; the
    enclosing containers' state is saved on ``stack``. The common cases (a plain scalar as a key,
    a value or a list item; a finished container put into its parent) are handled in the loop,
    everything else (duplicate keys, ``<<``, anchors, non-scalar keys) in :func:`_place`, and
    aliases in :func:`_alias_target` and :func:`_note_alias`.
    """
    resolved = _RESOLVED
    stack: list[tuple[Any, ...]] = []
    anchors: dict[str, tuple[Any, int]] = {}
    aliases: list[tuple[int, int, int]] = []  # (nodes expanded so far, line, column) per alias
    nodes = 0  # nodes the file itself holds (with ``expanded``: the nodes the data holds)
    expanded = 0  # nodes added by aliases
    root: Any = None
    documents = 0
    c: Any = None  # the innermost open YMap or YSeq; None at the top level
    marks: Any = None
    is_map = False
    key: Any = _NOKEY
    key_pos = 0  # -1 while ``key`` is _DROP or _MERGE
    anchor: str | None = None
    start = 0  # nodes + expanded when ``c`` was opened (for the weight of its anchor)
    merges: list[YMap] | None = None
    value: Any
    counting = b"&" in raw  # without '&' there are no anchors, so nothing to bound
    parser = yaml.CSafeLoader(raw)
    get = parser.get_event
    try:
        while True:
            ev: Any = get()
            t = ev.__class__
            if t is ScalarEvent:
                if counting:
                    nodes += 1
                mark = ev.start_mark
                pos = (mark.line << 32) | mark.column  # location.unpack reads it
                text = ev.value
                if ev.implicit[0]:
                    try:
                        value = resolved[text]
                    except KeyError:
                        value = _resolve_and_remember(text)
                elif ev.tag is None or ev.tag == "!":
                    value = text
                else:
                    value = _tagged(ev.tag, text, path, mark)
                if value.__class__ is str and not (counting and ev.anchor is not None):
                    # the common case inline: a string key, value or item, no anchor
                    if is_map:
                        if key is _NOKEY:
                            if value not in marks:
                                key = value
                                key_pos = pos
                                continue
                        elif key_pos >= 0:
                            c[key] = value
                            marks[key] = (key_pos << 64) | pos
                            key = _NOKEY
                            continue
                    elif c is not None:
                        c.append(value)
                        marks.append(pos)
                        continue
                elif (
                    is_map
                    and key_pos >= 0
                    and key is not _NOKEY
                    and value is not _MERGE
                    and not (counting and ev.anchor is not None)
                ):
                    # a number, date, boolean or null as a value: inline too, keeping its text
                    c[key] = value
                    marks[key] = (key_pos << 64) | pos
                    if ev.implicit[0]:
                        if c.raw is None:
                            c.raw = {}
                        c.raw[key] = text
                    key = _NOKEY
                    continue
                if ev.anchor is not None:
                    anchors[ev.anchor] = (value, 1)
                if c is None:
                    root = value
                else:
                    raw_text = (
                        text
                        if ev.implicit[0] and value.__class__ is not str and value is not _MERGE
                        else None
                    )
                    key, key_pos, merges = _place(
                        c, key, key_pos, merges, value, pos, raw_text, path, errors
                    )
            elif t is MappingStartEvent or t is SequenceStartEvent:
                nodes += 1
                mark = ev.start_mark
                if ev.tag is not None and ev.tag != "!" and ev.tag not in _STANDARD_TAGS:
                    raise Abort(tag_error(ev.tag, path, mark))
                if len(stack) >= MAX_DEPTH:
                    raise _too_deep(path, mark)
                stack.append((c, marks, is_map, key, key_pos, anchor, start, merges))
                is_map = t is MappingStartEvent
                # mark_position(mark), inline: this runs for every mapping and list
                c = (YMap if is_map else YSeq)(mark.line + 1, mark.column + 1)
                marks = c.marks
                key = _NOKEY
                anchor = ev.anchor
                start = nodes + expanded
                merges = None
            elif t is MappingEndEvent or t is SequenceEndEvent:
                value = c
                if merges:
                    _merge_into(value, merges)
                if anchor is not None:
                    anchors[anchor] = (value, nodes + expanded - start + 1)
                c, marks, is_map, key, key_pos, anchor, start, merges = stack.pop()
                pos = ((value.line - 1) << 32) | (value.col - 1)
                if c is None:
                    root = value
                elif not is_map:
                    c.append(value)
                    marks.append(pos)
                elif key is not _NOKEY and key_pos >= 0:
                    c[key] = value
                    marks[key] = (key_pos << 64) | pos
                    key = _NOKEY
                else:
                    key, key_pos, merges = _place(
                        c, key, key_pos, merges, value, pos, None, path, errors
                    )
            elif t is AliasEvent:
                value, weight = _alias_target(anchors, ev, path)
                expanded += weight
                _note_alias(aliases, expanded, ev.start_mark, path)
                if c is None:
                    root = value
                else:
                    mark = ev.start_mark
                    pos = (mark.line << 32) | mark.column
                    key, key_pos, merges = _place(
                        c, key, key_pos, merges, value, pos, None, path, errors
                    )
            elif t is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _second_document(path, ev.start_mark)
            elif t is StreamEndEvent:
                break
    finally:
        parser.dispose()
    _check_expansion(aliases, nodes, expanded, path)
    return root
