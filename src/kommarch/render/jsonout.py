"""Indented JSON, byte for byte what ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes.

The standard library drops its C encoder as soon as ``indent`` is set; its pure-Python generator
then costs more than building the report. This writer keeps the C string escaping and walks the
JSON-ready value (dicts with string keys, lists, strings, ints, floats, bools, None) directly,
about twice as fast. A test compares it with ``json.dumps`` on every report shape.
"""

from __future__ import annotations

import json
import math
from typing import Any

_escape = json.encoder.encode_basestring  # the C implementation where available


def dumps(value: Any, indent: int = 2) -> str:
    """``value`` as indented JSON (no trailing newline); non-ASCII characters as they are."""
    out: list[str] = []
    put = out.append
    pads = ["\n"]

    def pad(level: int) -> str:
        while len(pads) <= level:
            pads.append("\n" + " " * (indent * len(pads)))
        return pads[level]

    def write(v: Any, level: int) -> None:
        kind = type(v)
        if kind is str:
            put(_escape(v))
        elif kind is dict:
            if not v:
                put("{}")
                return
            inner = pad(level + 1)
            sep = "{" + inner
            for key, item in v.items():
                put(sep)
                put(_escape(key))
                put(": ")
                write(item, level + 1)
                sep = "," + inner
            put(pad(level) + "}")
        elif kind is list or kind is tuple:
            if not v:
                put("[]")
                return
            inner = pad(level + 1)
            sep = "[" + inner
            for item in v:
                put(sep)
                write(item, level + 1)
                sep = "," + inner
            put(pad(level) + "]")
        elif v is None:
            put("null")
        elif v is True:
            put("true")
        elif v is False:
            put("false")
        elif kind is int:
            put(int.__repr__(v))
        elif kind is float and math.isfinite(v):
            put(float.__repr__(v))
        else:
            raise TypeError(f"not JSON-ready: {v!r}")

    write(value, 0)
    return "".join(out)
