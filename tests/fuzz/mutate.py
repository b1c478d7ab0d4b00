"""Mutations of example inventory files: the kinds of damage a fuzzer found defects with.

Each operator takes a file's bytes and a seeded :class:`random.Random` and returns new bytes;
:func:`mutate` applies a few of them. Deterministic for a seed, so a failing input can be made
again from ``(seed, index)`` (see ``tests/fuzz/run.py``).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Operator = Callable[[bytes, random.Random], bytes]

_SCALAR = re.compile(rb"(:[ ]+)([^\n#{}\[\],]+)")
_WEIRD = [
    "\\0", "\\a", "\\x1b", "\\x7f", "\\uFFFE", "\\uFFFF", "\\u200b", "\\u2028", "\\x85",
    "\\t", "\\r", "\\n", "\\\\", '\\"', "\\x00\\x01\\x02",
]  # fmt: skip
_WIDE = ["\u200b", "😀", "日本語", "Ærø", "e\u0301", "\u3000", "\ufeff", "𝔘", "ﷺ", "\u2028"]
_HUGE = [
    b"0x" + b"f" * 5000,
    b"0b" + b"1" * 15000,
    b"0" + b"7" * 5000,
    b"1:" + b"59:" * 2500 + b"59",
    b"9" * 5000,
    b"1.0e+308",
    b"-1.0e+308",
    b".inf",
    b".nan",
    b"1" + b"0" * 400,
    b"-9223372036854775809",
    b"'" + b"x" * 100_000 + b"'",
    b"2019-02-29",
    b"9999-12-31",
    b"0001-01-01",
]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick_line(lines: list[bytes], rng: random.Random) -> int:
    return rng.randrange(len(lines)) if lines else 0


def flip(data: bytes, rng: random.Random) -> bytes:
    """Replace a few bytes with random ones."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def indent(data: bytes, rng: random.Random) -> bytes:
    """Break the indentation of a line: spaces added or removed, or a tab."""
    lines = _lines(data)
    i = _pick_line(lines, rng)
    line = lines[i]
    choice = rng.randrange(3)
    if choice == 0:
        lines[i] = b" " * rng.randint(1, 3) + line
    elif choice == 1:
        lines[i] = line.lstrip(b" ")
    else:
        lines[i] = b"\t" + line
    return b"\n".join(lines)


def swap_type(data: bytes, rng: random.Random) -> bytes:
    """A scalar value becomes a list, a mapping, a number, a boolean or null."""
    matches = list(_SCALAR.finditer(data))
    if not matches:
        return data
    m = rng.choice(matches)
    new = rng.choice(
        [b"[a, b]", b"{x: 1}", b"42", b"-1", b"3.5", b"yes", b"no", b"~", b"null", b"''", b"[]"]
    )
    return data[: m.start(2)] + new + data[m.end(2) :]


def weird_text(data: bytes, rng: random.Random) -> bytes:
    """A value gets control characters (escaped, in double quotes) or wide characters."""
    matches = list(_SCALAR.finditer(data))
    if not matches:
        return data
    m = rng.choice(matches)
    if rng.random() < 0.5:
        text = rng.choice(_WEIRD) * rng.randint(1, 3)
        value = b'"x' + text.encode() + b'y"'
    else:
        value = (m.group(2).strip().decode("utf-8", "replace") + rng.choice(_WIDE)).encode()
        if rng.random() < 0.3:
            value = value * rng.randint(50, 400)
    return data[: m.start(2)] + value + data[m.end(2) :]


def raw_control(data: bytes, rng: random.Random) -> bytes:
    """A raw control or forbidden character somewhere (YAML refuses it)."""
    at = rng.randrange(len(data) + 1)
    char = rng.choice([b"\x00", b"\x07", b"\x1b", b"\x7f", "\ufffe".encode(), b"\xc2\x80"])
    return data[:at] + char + data[at:]


def anchors(data: bytes, rng: random.Random) -> bytes:
    """Anchors and aliases: a value re-used, an unknown alias, or an alias bomb."""
    matches = list(_SCALAR.finditer(data))
    choice = rng.randrange(3)
    if choice == 0 and len(matches) >= 2:
        a, b = rng.sample(matches, 2)
        first, second = sorted((a, b), key=lambda m: m.start())
        return (
            data[: first.start(2)]
            + b"&x "
            + data[first.start(2) : second.start(2)]
            + b"*x"
            + data[second.end(2) :]
        )
    if choice == 1 and matches:
        m = rng.choice(matches)
        return data[: m.start(2)] + b"*nowhere" + data[m.end(2) :]
    bomb = b"b0: &b0 [x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, rng.randint(2, 9)):
        bomb += f"b{n}: &b{n} [".encode() + b", ".join([f"*b{n - 1}".encode()] * 9) + b"]\n"
    return data + b"\n" + bomb


def tags(data: bytes, rng: random.Random) -> bytes:
    """A tag before a value: standard, unknown or dangerous."""
    matches = list(_SCALAR.finditer(data))
    if not matches:
        return data
    m = rng.choice(matches)
    tag = rng.choice(
        [b"!!str ", b"!!int ", b"!!float ", b"!!bool ", b"!!null ", b"!!binary ", b"!!set ",
         b"!!python/object:os.system ", b"!custom ", b"!<tag:x> ", b"!!timestamp ", b"! "]
    )  # fmt: skip
    return data[: m.start(2)] + tag + data[m.start(2) :]


def duplicate(data: bytes, rng: random.Random) -> bytes:
    """A line repeated (duplicate keys, duplicate list items)."""
    lines = _lines(data)
    i = _pick_line(lines, rng)
    lines.insert(i, lines[i] if lines else b"")
    return b"\n".join(lines)


def delete(data: bytes, rng: random.Random) -> bytes:
    """A line, or the end of the file, removed."""
    if rng.random() < 0.3:
        return data[: rng.randrange(len(data) + 1)]
    lines = _lines(data)
    if lines:
        del lines[_pick_line(lines, rng)]
    return b"\n".join(lines)


def huge(data: bytes, rng: random.Random) -> bytes:
    """A huge number, a long text or an impossible date as a value."""
    matches = list(_SCALAR.finditer(data))
    if not matches:
        return data
    m = rng.choice(matches)
    return data[: m.start(2)] + rng.choice(_HUGE) + data[m.end(2) :]


def line_breaks(data: bytes, rng: random.Random) -> bytes:
    """Line breaks of another kind: CR, CRLF, NEL, LS or PS (all, or some)."""
    new = rng.choice([b"\r", b"\r\n", "\x85".encode(), "\u2028".encode(), "\u2029".encode()])
    if rng.random() < 0.5:
        return data.replace(b"\n", new)
    parts = data.split(b"\n")
    return b"".join(p + (new if rng.random() < 0.3 else b"\n") for p in parts[:-1]) + parts[-1]


def nesting(data: bytes, rng: random.Random) -> bytes:
    """Deep flow nesting as a value."""
    matches = list(_SCALAR.finditer(data))
    if not matches:
        return data
    m = rng.choice(matches)
    depth = rng.choice([10, 63, 64, 65, 200, 5000])
    return data[: m.start(2)] + b"[" * depth + b"]" * depth + data[m.end(2) :]


def encoding(data: bytes, rng: random.Random) -> bytes:
    """Another encoding or a stray BOM."""
    text = data.decode("utf-8", "replace")
    return rng.choice(
        [
            b"\xef\xbb\xbf" + data,
            b"\xef\xbb\xbf\xef\xbb\xbf" + data,
            text.encode("utf-16"),
            text.encode("utf-32"),
            text.encode("latin-1", "replace"),
            data.replace(b"\xc3\xb8", b"\xf8"),
        ]
    )


def structure(data: bytes, rng: random.Random) -> bytes:
    """Documents, directives and odd top levels."""
    return rng.choice(
        [
            b"---\n" + data + b"\n---\nx: 1\n",
            b"%YAML 1.1\n---\n" + data,
            b"%YAML 1.3\n---\n" + data,
            b"- " + data.replace(b"\n", b"\n  "),
            b"? [a, b]\n: c\n" + data,
            data + b"\n... \nrest: 1\n",
            data + b"\n<<: {municipality: {name: X}}\n",
            b"",
            b"~\n",
            b"'just text'\n",
        ]
    )


OPERATORS: tuple[Operator, ...] = (
    flip,
    indent,
    swap_type,
    weird_text,
    raw_control,
    anchors,
    tags,
    duplicate,
    delete,
    huge,
    line_breaks,
    nesting,
    encoding,
    structure,
)


def mutate(data: bytes, rng: random.Random, ops: list[Operator] | None = None) -> bytes:
    """``data`` after one to three operators (``ops``, or chosen by ``rng``)."""
    for op in ops or [rng.choice(OPERATORS) for _ in range(rng.randint(1, 3))]:
        data = op(data, rng)
    return data
