"""How long the text renderer takes to wrap one over-long value (issue 13: it was quadratic).

Writes an inventory whose one system type holds SIZE bytes of a given kind of text
(ASCII words, zero-width spaces, CJK, emoji, Danish letters), then times ``kommarch validate``
in text and in JSON in this process, best of ``--repeat``. The text run must stay close to the
JSON run: wrapping is linear in the length of the value.

    .venv/bin/python bench/wrap.py                  # 1 MB of each kind
    .venv/bin/python bench/wrap.py --size 4000000   # 4 MB
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

from kommarch import cli

KINDS = {
    "ascii words": "lorem ipsum ",
    "zero-width": "a\u200b",
    "cjk": "日本語",
    "emoji": "x😀",
    "danish": "æøå ",
}
HEADER = 'municipality: {name: Testkommune, code: "999"}\nsystems:\n  - id: a\n    name: A\n'


def inventory(folder: Path, unit: str, size: int) -> Path:
    """A one-system inventory whose ``type`` is ``size`` bytes of ``unit`` repeated.

    The type is not one of the allowed values, so validate quotes the whole value back in a
    KM002 message, and the text renderer has to wrap it.
    """
    text = unit * (size // len(unit.encode()))
    (folder / "inv.yaml").write_text(
        HEADER + f"    type: '{text}'\n    status: in-use\n", encoding="utf-8"
    )
    return folder


def timed(args: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            sys.argv = ["kommarch", *args]
            with contextlib.suppress(SystemExit):
                cli.main()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--size", type=int, default=1_000_000, help="bytes in the value")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    print(f"{'kind':<12} {'text s':>8} {'json s':>8}")
    for kind, unit in KINDS.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = inventory(Path(tmp), unit, args.size)
            text = timed(["validate", str(root)], args.repeat)
            json_ = timed(["validate", str(root), "--format", "json"], args.repeat)
        print(f"{kind:<12} {text:8.2f} {json_:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
