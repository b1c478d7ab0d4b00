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

from kommarch.findings import Finding, Lang, Text, thousands
from kommarch.inventory.location import YMap, YSeq, key_mark, raw_text, value_mark
from kommarch.inventory.yamlerrors import yaml_error

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
_ID_RULE = Text(
    "id'er består af små ASCII-bogstaver, cifre, '.', '_' og '-', begynder med et bogstav eller "
    "et ciffer og er højst 64 tegn (navnet i klartekst hører til i 'name')",
    "ids are lowercase ASCII letters, digits, '.', '_' and '-', start with a letter or "
    "digit and are at most 64 characters (the human name goes in 'name')",
)
_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
# where an unknown field stands, when it is at the top of an entry (the model's name)
_WHERE_DA = {
    "orgunit": "organisationsenhed",
    "dataobject": "dataobjekt",
    "process": "proces",
    "municipalitymodel": "municipality",
    "config": "kommarch.yaml",
}
# kommarch's own errors (models.py), by their English message
_CUSTOM_DA = {
    "expected a date YYYY-MM-DD, not a timestamp": (
        "forventede en dato ÅÅÅÅ-MM-DD, ikke et tidspunkt"
    ),
    "expected a date YYYY-MM-DD": "forventede en dato ÅÅÅÅ-MM-DD",
}
_PATTERNS = {  # field -> message for a value of the wrong form, "{t}" the value
    "kle": (
        "'{t}' er ikke et KLE-nummer: skriv NN, NN.NN eller NN.NN.NN, fx \"32.24.04\"",
        "'{t}' is not a KLE number: write NN, NN.NN or NN.NN.NN, e.g. \"32.24.04\"",
    ),
    "service": (
        "'{t}' er ikke et service-id på Serviceplatformen: SF og 4 cifre, eventuelt _ og "
        "bogstaver eller cifre (SF1520, SF1590_A)",
        "'{t}' is not a Serviceplatformen service id: SF and 4 digits, optionally _ and letters "
        "or digits (SF1520, SF1590_A)",
    ),
    "code": (
        '\'{t}\' er ikke en kommunekode: 3 cifre, eller 4 med foranstillet nul ("101", "0101")',
        '\'{t}\' is not a kommunekode: 3 digits, or 4 with a leading zero ("101", "0101")',
    ),
    "rule": (
        "'{t}' er ikke en regelkode: KM og 3 cifre (KM201)",
        "'{t}' is not a rule code: KM and 3 digits (KM201)",
    ),
    "lang": (
        "'{t}' er ikke et sprog, kommarch skriver: da eller en",
        "'{t}' is not a language kommarch writes: da or en",
    ),
}
_SIMPLE = {  # error kind -> message, "{d}" the value as described by _describe
    "string_too_short": ("må ikke være tom", "must not be empty"),
    "too_short": ("må ikke være tom", "must not be empty"),
    "int_type": ("forventede et heltal, fik {d}", "expected a whole number, got {d}"),
    "int_parsing": ("forventede et heltal, fik {d}", "expected a whole number, got {d}"),
    "int_from_float": ("forventede et heltal, fik {d}", "expected a whole number, got {d}"),
    "finite_number": ("skal være et endeligt tal, fik {d}", "must be a finite number, got {d}"),
    "float_type": ("forventede et tal, fik {d}", "expected a number, got {d}"),
    "float_parsing": ("forventede et tal, fik {d}", "expected a number, got {d}"),
    "bool_type": ("forventede true eller false, fik {d}", "expected true or false, got {d}"),
    "bool_parsing": ("forventede true eller false, fik {d}", "expected true or false, got {d}"),
    "list_type": ("forventede en liste, fik {d}", "expected a list, got {d}"),
}
_JA = {"ja": True, "j": True, "sand": True, "nej": False, "n": False, "falsk": False}
_BOUNDS = {  # pydantic's bound kinds: (ctx key, Danish, English)
    "greater_than_equal": ("ge", "skal være mindst", "must be greater than or equal to"),
    "greater_than": ("gt", "skal være større end", "must be greater than"),
    "less_than_equal": ("le", "skal være højst", "must be less than or equal to"),
    "less_than": ("lt", "skal være mindre end", "must be less than"),
}


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` when ``word`` is close to one of ``choices``, else ``""``."""
    return did_you_mean(word, choices).en


def did_you_mean(word: str, choices: typing.Iterable[str]) -> Text:
    """:func:`suggest` in both languages (``"; mente du 'x'?"``), or empty texts."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    if not close:
        return Text("", "")
    return Text(f"; mente du '{close[0]}'?", f"; did you mean '{close[0]}'?")


def slug(text: str) -> str:
    """A valid id made from ``text`` (for suggestions)."""
    s = text.translate(_TRANSLIT).lower()
    s = re.sub(r"[^a-z0-9._-]+", "-", s).strip("-._")
    return s[:64] or "x"


def _describe(value: Any) -> Text:
    if value is None:
        return Text("ingenting", "nothing")
    if isinstance(value, bool):
        return Text(f"sandhedsværdien {str(value).lower()}", f"the boolean {str(value).lower()}")
    if isinstance(value, int | float):
        return Text(f"tallet {value}", f"the number {value}")
    if isinstance(value, dt.date):
        return Text(f"datoen {value.isoformat()}", f"the date {value.isoformat()}")
    if isinstance(value, YMap):
        return Text("en mapping", "a mapping")
    if isinstance(value, YSeq):
        return Text("en liste", "a list")
    return Text.same(f"'{value}'")


def _at(prefix: str, text: Text) -> Text:
    """``"prefix: text"`` in both languages."""
    return Text(f"{prefix}: {text.da}", f"{prefix}: {text.en}")


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


_DATA_USES = frozenset({"master", "integration", "manual"})


def _outside_data(key: str, use: str) -> Text:
    """``person: integration`` written directly on a system instead of under ``data:``."""
    return Text(
        f"'{key}: {use}' står direkte på systemet, men dataobjekter hører til under data: "
        f"skriv data: {{{key}: {use}}}",
        f"'{key}: {use}' is a data object placed outside data: write data: {{{key}: {use}}}",
    )


def _unknown_field(model: type[BaseModel], loc: tuple[Any, ...], value: Any, prefix: str) -> Text:
    """An unknown field, with the allowed ones and a suggestion; a data object outside data:."""
    names = _field_names(_model_at(model, loc[:-1]))
    if "data" in names and isinstance(value, str) and value in _DATA_USES:
        return _outside_data(str(loc[-1]), value)
    hint = did_you_mean(str(loc[-1]), names)
    where = prefix.rsplit(".", 1)[0] if "." in prefix else model.__name__.lower()
    allowed = ", ".join(names)
    return Text(
        f"ukendt felt '{loc[-1]}' i {_WHERE_DA.get(where, where)}{hint.da} (tilladte: {allowed})",
        f"unknown field '{loc[-1]}' in {where}{hint.en} (allowed: {allowed})",
    )


def _pattern_message(field: str, value: Any) -> Text:
    text = str(value)
    if field in _ID_FIELDS:
        return Text(
            f"'{text}' er ikke et gyldigt id: {_ID_RULE.da}; fx '{slug(text)}'",
            f"'{text}' is not a valid id: {_ID_RULE.en}; for example '{slug(text)}'",
        )
    da, en = _PATTERNS.get(field, ("'{t}' har forkert form", "'{t}' has the wrong form"))
    return Text(da.format(t=text), en.format(t=text))


def _type_hint(value: Any, raw: str | None, what: Text) -> Text:
    shown = (
        raw
        if raw is not None
        else (value.isoformat() if isinstance(value, dt.date) else str(value))
    )
    if isinstance(value, bool) and raw is not None:
        word = str(value).lower()
        return Text(
            f"forventede {what.da}, men YAML læser {raw} som sandhedsværdien {word}; "
            f'sæt anførselstegn: "{raw}"',
            f'expected {what.en}, but YAML reads {raw} as the boolean {word}; quote it: "{raw}"',
        )
    desc = _describe(value)
    if isinstance(value, int | float | dt.date) and not isinstance(value, bool):
        if raw is not None and raw != str(value):
            return Text(
                f"forventede {what.da}, men YAML læser {raw} som {desc.da}; "
                f'sæt anførselstegn: "{raw}"',
                f'expected {what.en}, but YAML reads {raw} as {desc.en}; quote it: "{raw}"',
            )
        return Text(
            f'forventede {what.da}, fik {desc.da}; sæt anførselstegn: "{shown}"',
            f'expected {what.en}, got {desc.en}; quote it: "{shown}"',
        )
    return Text(f"forventede {what.da}, fik {desc.da}", f"expected {what.en}, got {desc.en}")


_DA_DIGITS = str.maketrans(",.", ".,")


def _limit(value: float, lang: Lang) -> str:
    """A bound as the language writes numbers: ``100.000.000`` and ``1.924,5`` in Danish,
    ``100,000,000`` and ``1,924.5`` in English."""
    if float(value).is_integer():
        return thousands(value, lang)
    return f"{value:,}".translate(_DA_DIGITS) if lang == "da" else f"{value:,}"


def _bound(kind: str, ctx: dict[str, Any]) -> Text:
    """Pydantic's ``Input should be less than or equal to 100000000`` as ``must be less than or
    equal to 100,000,000`` (``skal være højst 100.000.000``)."""
    key, da, en = _BOUNDS[kind]
    value = ctx[key]
    return Text(f"{da} {_limit(value, 'da')}", f"{en} {_limit(value, 'en')}")


def _custom(err: Any) -> Text:
    """kommarch's own error (``kommarch_*``) in both languages."""
    msg: str = err["msg"]
    ctx = err.get("ctx", {})
    if err["type"] == "kommarch_text":  # the model wrote both languages
        return Text(ctx["da"], ctx["en"])
    value = ctx.get("value")
    if value is not None and msg == f"{value} is not a date that exists":
        return Text(f"{value} er ikke en dato, der findes", msg)
    return Text(_CUSTOM_DA.get(msg, f"ugyldig værdi: {msg}"), msg)


_MAPPING_KINDS = frozenset({"dict_type", "model_type", "model_attributes_type"})


def _enum_message(err: Any, value: Any, raw: str | None) -> Text:
    """A value outside a closed set: the allowed values and, for a text, a suggestion."""
    expected = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
    listed = ", ".join(expected)
    if isinstance(value, str):
        hint = did_you_mean(value, expected)
        return Text(
            f"'{value}' er ikke én af {listed}{hint.da}",
            f"'{value}' is not one of {listed}{hint.en}",
        )
    return _type_hint(value, raw, Text(f"én af {listed}", f"one of {listed}"))


def _not_a_boolean(value: str) -> Text:
    """``ja``/``nej`` and friends where a boolean belongs."""
    good = "true" if _JA[value.lower()] else "false"
    return Text(
        f"'{value}' er ikke en sandhedsværdi; skriv {good} (true eller false)",
        f"'{value}' is not a boolean; write {good} (true or false)",
    )


def _value_message(err: Any, kind: str, value: Any, raw: str | None, field: str) -> Text:
    """What is wrong with a value (without the ``prefix:`` it is shown with)."""
    if kind == "enum":
        return _enum_message(err, value, raw)
    if kind == "string_type":
        return _type_hint(value, raw, Text("tekst", "text"))
    if kind == "string_pattern_mismatch":
        return _pattern_message(field, value)
    if kind in ("bool_type", "bool_parsing") and isinstance(value, str) and value.lower() in _JA:
        return _not_a_boolean(value)
    if kind in _SIMPLE:
        da, en = _SIMPLE[kind]
        desc = _describe(value)
        return Text(da.format(d=desc.da), en.format(d=desc.en))
    if kind in _BOUNDS:
        return _bound(kind, err["ctx"])
    if kind.startswith("kommarch_"):
        return _custom(err)
    return Text(f"ugyldig værdi: {err['msg']}", err["msg"])


def _bad_key(
    kind: str, value: Any, node: YMap, field: str, prefix: str, pos: tuple[int, int]
) -> tuple[Text, tuple[int, int]]:
    """A mapping key (e.g. a data object id in ``data:``) is wrong: point at the key."""
    if value in node.marks:
        pos = key_mark(node, value)
    if kind == "string_pattern_mismatch":
        return _at(prefix, _pattern_message(field, value)), pos
    return _at(prefix, _type_hint(value, None, Text("et id som nøgle", "an id as key"))), pos


def _shown_prefix(loc: tuple[Any, ...], key: Any) -> str:
    """The field path a message starts with (a list index only when the item exists)."""
    shown = loc[:-1] if loc and isinstance(loc[-1], int) and key != loc[-1] else loc
    return ".".join(str(p) for p in shown if p != "[key]")


def _message(err: Any, model: type[BaseModel], entry: YMap) -> tuple[Text, tuple[int, int]]:
    loc: tuple[Any, ...] = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    parent, key, node = _walk(entry, loc)
    prefix = _shown_prefix(loc, key)
    in_entry = isinstance(parent, YMap | YSeq)
    raw = raw_text(parent, key) if in_entry else None
    pos = value_mark(parent, key) if in_entry else (entry.line, entry.col)
    if kind == "missing":
        container = node if isinstance(node, YMap) else entry
        return Text(
            f"mangler det påkrævede felt '{loc[-1]}'", f"missing required field '{loc[-1]}'"
        ), (container.line, container.col)
    if kind == "extra_forbidden":
        if isinstance(parent, YMap):
            pos = key_mark(parent, key)
        return _unknown_field(model, loc, value, prefix), pos
    if "[key]" in loc and isinstance(node, YMap):
        return _bad_key(kind, value, node, _last_name(loc), prefix, pos)
    if kind in _MAPPING_KINDS:
        desc = _describe(value)
        return Text(
            f"{prefix or 'post'}: forventede en mapping (nøgle: værdi), fik {desc.da}",
            f"{prefix or 'entry'}: expected a mapping (key: value), got {desc.en}",
        ), pos
    return _at(prefix, _value_message(err, kind, value, raw, _last_name(loc))), pos


def schema_findings(
    exc: ValidationError, model: type[BaseModel], entry: YMap, path: str, subject: str | None
) -> list[Finding]:
    """KM002 findings for one entry's validation errors."""
    out: list[Finding] = []
    for err in exc.errors(include_url=False):
        message, (line, col) = _message(err, model, entry)
        out.append(yaml_error("KM002", message, path, line, col, subject))
    return out
