"""Run kommarch in-process as a user would, and check that what it wrote is well-formed.

Shared by the regression tests, the fuzz test in the suite and ``make fuzz``
(:mod:`tests.fuzz.run`): :func:`run` calls the console entry point with arguments and returns
the exit code, stdout (bytes) and stderr; :func:`check` asserts the promises every command
keeps on any input (no internal error, no traceback, exit 0-2, output that parses).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from kommarch import cli


@dataclass(frozen=True)
class Run:
    """What one command did."""

    args: tuple[str, ...]
    code: int
    out: bytes
    err: str


def run(*args: str) -> Run:
    """``kommarch ARGS`` in this process (stdin empty, no colour, 100 columns)."""
    old = sys.argv, sys.stdout, sys.stderr
    out, err = io.BytesIO(), io.StringIO()
    wrapper = io.TextIOWrapper(out, encoding="utf-8")
    sys.argv, sys.stdout, sys.stderr = ["kommarch", *args], wrapper, err
    code: int | str | None = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.argv, sys.stdout, sys.stderr = old
        wrapper.flush()
        wrapper.detach()  # keep ``out`` open
    return Run(
        args, code if isinstance(code, int) else 1 if code else 0, out.getvalue(), err.getvalue()
    )


class Broken(AssertionError):
    """A promise that a command broke: the defect the fuzzer looks for."""


def check(r: Run, fmt: str) -> None:
    """Raise :class:`Broken` unless ``r`` kept every promise for output format ``fmt``."""
    if r.code not in (0, 1, 2):
        raise Broken(f"exit {r.code}: {r.err.strip()[:300]}")
    if "Traceback" in r.err or "internal error" in r.err:
        raise Broken(f"traceback: {r.err.strip()[:300]}")
    if r.code == 2 and not r.out:
        if not r.err.startswith("kommarch: "):
            raise Broken(f"exit 2 without a message: {r.err[:300]!r}")
        return  # a usage error: nothing on stdout to check
    text = r.out.decode("utf-8")  # raises on invalid UTF-8, which is broken too
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "graphml":
        ET.fromstring(text)
    elif fmt == "dot":
        check_dot(text)


_DOT_STRING = r'"(?:[^"\\\x00]|\\.)*"'
_DOT_ID = rf"{_DOT_STRING}(?: \+ {_DOT_STRING})*"  # pieces joined with "+" (long texts)
_DOT_LINE = re.compile(
    rf"^  (?:{_DOT_ID}(?: -> {_DOT_ID})? \[(?:[a-z]+={_DOT_ID}(?:, )?)*\];"
    r"|(?:graph|node|edge) \[.*\];)$"
)


def check_dot(text: str) -> None:
    """DOT as graphviz reads it (``dot`` when installed), else kommarch's DOT shape."""
    if "\x00" in text:
        raise Broken("NUL in DOT")
    lines = text.splitlines()
    if lines[:1] != ['digraph "kommarch" {'] or lines[-1:] != ["}"]:
        raise Broken("DOT without its frame")
    bad = [line for line in lines[1:-1] if not _DOT_LINE.match(line)]
    if bad:
        raise Broken(f"DOT line out of grammar: {bad[0][:200]!r}")
    if DOT is not None:
        done = subprocess.run(
            [DOT, "-Tcanon"], input=text.encode(), capture_output=True, timeout=60, check=False
        )
        if done.returncode != 0:
            raise Broken(f"graphviz refuses the DOT: {done.stderr.decode()[:300]}")


DOT = shutil.which("dot")
