"""Turn pydantic validation errors into KM002 findings at the offending node, with a hint.

Pydantic reports a location as a path of keys (``("steps", 2, "action")``); the loaded data
carries the marks to turn that path into a line and column, and the raw text of a plain scalar
that YAML resolved to something else (so ``kle: 32.30`` can say *quote it: "32.30"*).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from kommarch.findings import Finding
from kommarch.loader import yaml_error
from kommarch.location import YMap, YSeq, key_mark, raw_text, value_mark

_ID_FIELDS = {
    "id",
    "parent",
    "unit",
    "from",
    "to",
    "via",
    "replaces",
    "system",
    "data",
    "previous_ids",
}
_ID_RULE = (
    "ids are lowercase ASCII letters, digits, '.', '_' and '-', start with a letter or "
    "digit and are at most 64 characters (the human name goes in 'name')"
)
_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` when ``word`` is close to one of ``choices``, else ``""``."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def slug(text: str) -> str:
    """A valid id made from ``text`` (for suggestions)."""
    s = text.translate(_TRANSLIT).lower()
    s = re.sub(r"[^a-z0-9._-]+", "-", s).strip("-._")
    return s[:64] or "x"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    return f"'{value}'"


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``loc`` inside ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = _field_by_name(current, str(part))
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_by_name(model: type[BaseModel], name: str) -> Any:
    for fname, field in model.model_fields.items():
        if (field.alias or fname) == name:
            return field
    return None


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside ``list[X]``, ``X | None``, ``Annotated[X, ...]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None:
        return None
    for arg in typing.get_args(annotation):
        if origin is typing.Annotated:
            return _inner_model(arg)
        found = _inner_model(arg)
        if found is not None:
            return found
    if origin in (types.UnionType, typing.Union):
        return None
    return None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or n for n, f in model.model_fields.items()]


def _walk(node: Any, loc: tuple[Any, ...]) -> tuple[Any, Any, Any]:
    """Follow ``loc`` into the data: ``(container, key, value)`` of the deepest reachable node.

    For an error about a mapping *key* (pydantic's ``"[key]"`` marker) the walk stops at the
    mapping that holds the key, so the position is the key's.
    """
    if "[key]" in loc:
        loc = loc[: loc.index("[key]") - 1]
    parent: Any = None
    key: Any = None
    for part in loc:
        in_map = isinstance(node, YMap) and part in node
        in_seq = isinstance(node, YSeq) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_map or in_seq):
            break
        parent, key, node = node, part, node[part]
    return parent, key, node


def _last_name(loc: tuple[Any, ...]) -> str:
    for part in reversed(loc):
        if isinstance(part, str) and part != "[key]":
            return part
    return ""


def _pattern_message(field: str, value: Any) -> str:
    text = str(value)
    if field in _ID_FIELDS:
        return f"'{text}' is not a valid id: {_ID_RULE}; for example '{slug(text)}'"
    if field == "kle":
        return f"'{text}' is not a KLE number: write NN, NN.NN or NN.NN.NN, e.g. \"32.24.04\""
    if field == "service":
        return (
            f"'{text}' is not a Serviceplatformen service id: SF and 4 digits, optionally _ "
            "and letters or digits (SF1520, SF1590_A)"
        )
    if field == "code":
        return (
            f'\'{text}\' is not a kommunekode: 3 digits, or 4 with a leading zero ("101", "0101")'
        )
    if field == "rule":
        return f"'{text}' is not a rule code: KM and 3 digits (KM201)"
    if field == "lang":
        return f"'{text}' is not a language kommarch writes: da or en"
    return f"'{text}' has the wrong form"


def _type_hint(value: Any, raw: str | None, what: str) -> str:
    shown = (
        raw
        if raw is not None
        else (value.isoformat() if isinstance(value, dt.date) else str(value))
    )
    if isinstance(value, bool) and raw is not None:
        return (
            f"expected {what}, but YAML reads {raw} as the boolean {str(value).lower()}; "
            f'quote it: "{raw}"'
        )
    if isinstance(value, int | float | dt.date) and not isinstance(value, bool):
        if raw is not None and raw != str(value):
            return f'expected {what}, but YAML reads {raw} as {_describe(value)}; quote it: "{raw}"'
        return f'expected {what}, got {_describe(value)}; quote it: "{shown}"'
    return f"expected {what}, got {_describe(value)}"


def _message(err: Any, model: type[BaseModel], entry: YMap) -> tuple[str, tuple[int, int]]:
    loc: tuple[Any, ...] = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    parent, key, node = _walk(entry, loc)
    field = _last_name(loc)
    shown = loc[:-1] if loc and isinstance(loc[-1], int) and key != loc[-1] else loc
    prefix = ".".join(str(p) for p in shown if p != "[key]")
    raw = raw_text(parent, key) if isinstance(parent, YMap | YSeq) else None
    pos = value_mark(parent, key) if isinstance(parent, YMap | YSeq) else (entry.line, entry.col)
    if kind == "missing":
        container = node if isinstance(node, YMap) else entry
        return f"missing required field '{loc[-1]}'", (container.line, container.col)
    if kind == "extra_forbidden":
        names = _field_names(_model_at(model, loc[:-1]))
        hint = suggest(str(loc[-1]), names)
        if isinstance(parent, YMap):
            pos = key_mark(parent, key)
        where = prefix.rsplit(".", 1)[0] if "." in prefix else model.__name__.lower()
        allowed = ", ".join(names)
        return f"unknown field '{loc[-1]}' in {where}{hint} (allowed: {allowed})", pos
    if "[key]" in loc and isinstance(node, YMap):
        # a mapping key (e.g. a data object id in `data:`) is wrong
        bad = value
        if bad in node.marks:
            pos = key_mark(node, bad)
        if kind == "string_pattern_mismatch":
            return f"{prefix}: {_pattern_message(field, bad)}", pos
        return f"{prefix}: {_type_hint(bad, None, 'an id as key')}", pos
    if kind == "enum":
        expected = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        if isinstance(value, str):
            hint = suggest(value, expected)
            return (f"{prefix}: '{value}' is not one of {', '.join(expected)}{hint}", pos)
        return f"{prefix}: {_type_hint(value, raw, 'one of ' + ', '.join(expected))}", pos
    if kind == "string_type":
        return f"{prefix}: {_type_hint(value, raw, 'text')}", pos
    if kind == "string_pattern_mismatch":
        return f"{prefix}: {_pattern_message(field, value)}", pos
    if kind == "string_too_short":
        return f"{prefix}: must not be empty", pos
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{prefix}: expected a whole number, got {_describe(value)}", pos
    if kind == "finite_number":
        return f"{prefix}: must be a finite number, got {_describe(value)}", pos
    if kind in ("float_type", "float_parsing"):
        return f"{prefix}: expected a number, got {_describe(value)}", pos
    if kind in ("bool_type", "bool_parsing"):
        if isinstance(value, str) and value.lower() in ("ja", "nej", "j", "n", "sand", "falsk"):
            good = "true" if value.lower() in ("ja", "j", "sand") else "false"
            return (f"{prefix}: '{value}' is not a boolean; write {good} (true or false)", pos)
        return f"{prefix}: expected true or false, got {_describe(value)}", pos
    if kind == "too_short":
        return f"{prefix}: must not be empty", pos
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"{prefix}: {err['msg'].replace('Input should be', 'must be')}", pos
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{prefix or 'entry'}: expected a mapping (key: value), got {_describe(value)}", pos
    if kind == "list_type":
        return f"{prefix}: expected a list, got {_describe(value)}", pos
    if kind.startswith("kommarch_"):
        return f"{prefix}: {err['msg']}", pos
    return f"{prefix}: {err['msg']}", pos


def schema_findings(
    exc: ValidationError, model: type[BaseModel], entry: YMap, path: str, subject: str | None
) -> list[Finding]:
    """KM002 findings for one entry's validation errors."""
    out: list[Finding] = []
    for err in exc.errors(include_url=False):
        message, (line, col) = _message(err, model, entry)
        out.append(yaml_error("KM002", message, path, line, col, subject))
    return out
