"""``make fuzz``: mutated example inventories through every public command, in this process.

    .venv/bin/python -m tests.fuzz.run --seed 1 --count 100000

Input ``i`` of seed ``s`` is a copy of an example inventory (Havø, sometimes Skovlund) with one
or two files mutated (:mod:`tests.fuzz.mutate`), sometimes a mutated ``kommarch.yaml`` and a
hostile ``--baseline``. It goes through four commands (validate, audit, graph and report or a
second audit, each in a format chosen by the seed), and every run must keep the promises of
:func:`tests.fuzz.harness.check`: exit 0-2, no internal error, no traceback, JSON and SARIF that
parse, well-formed GraphML, DOT that graphviz reads. An input that takes more than
``--timeout`` seconds (10) is a hang. Failing inputs are kept under ``--out`` (with the
command that failed) to be made again; ``summary.json`` there has the figures so far.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType
from typing import Any

from tests.fuzz.harness import check, run
from tests.fuzz.mutate import OPERATORS, mutate

REPO = Path(__file__).resolve().parents[2]
BASES = {"havoe": REPO / "inventories" / "havoe", "skovlund": REPO / "inventories" / "skovlund"}
CONFIG = REPO / "inventories" / "skovlund" / "kommarch.yaml"
VALIDATE = ("text", "json", "github")
AUDIT = ("text", "json", "sarif", "markdown", "github")
GRAPH = ("dot", "graphml", "json", "mermaid")
_BASELINES = [
    b"[" * 100_000,
    b'{"schema_version": ' + b"9" * 5000 + b"}",
    b'{"schema_version": 1, "findings": [{"fingerprint": 1}]}',
    b'{"schema_version": 1, "findings": {}}',
    b"\xff\xfe",
    b"",
]


class Hang(BaseException):
    """An input took longer than the timeout (not an Exception: kommarch must not catch it)."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Hang


def make_input(seed: int, index: int, work: Path) -> tuple[Path, list[str], Path | None]:
    """Write input ``index`` of ``seed`` under ``work``: its root, what was done, a baseline."""
    rng = random.Random(f"{seed}:{index}")
    name = "havoe" if rng.random() < 0.8 else "skovlund"
    root = work / name
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(BASES[name], root)
    files = sorted(root.rglob("*.yaml"))
    if name == "havoe" and rng.random() < 0.2:
        shutil.copy(CONFIG, root / "kommarch.yaml")
        files.append(root / "kommarch.yaml")
    done: list[str] = []
    for path in rng.sample(files, k=min(len(files), rng.choice((1, 1, 1, 2)))):
        ops = [rng.choice(OPERATORS) for _ in range(rng.randint(1, 3))]
        path.write_bytes(mutate(path.read_bytes(), rng, ops))
        done.append(f"{path.relative_to(root)}: {', '.join(op.__name__ for op in ops)}")
    baseline = None
    if rng.random() < 0.05:
        baseline = work / "baseline.json"
        baseline.write_bytes(rng.choice(_BASELINES))
        done.append("hostile baseline")
    return root, done, baseline


def commands(rng: random.Random, root: Path, baseline: Path | None) -> list[tuple[str, ...]]:
    """The four runs of one input, formats chosen by ``rng``."""
    path = str(root)
    audit: tuple[str, ...] = ("audit", path, "--as-of", "2026-11-27", "--format", rng.choice(AUDIT))
    if baseline is not None:
        audit = (*audit, "--baseline", str(baseline))
    last: tuple[str, ...] = ("report", path, "--as-of", "2026-11-27")
    if rng.random() < 0.5:
        last = ("audit", path, "--format", rng.choice(AUDIT), "--lang", rng.choice(("da", "en")))
    return [
        ("validate", path, "--format", rng.choice(VALIDATE)),
        audit,
        ("graph", path, "--format", rng.choice(GRAPH)),
        last,
    ]


def fmt_of(args: tuple[str, ...]) -> str:
    if args[0] == "report":
        return "markdown"
    return args[args.index("--format") + 1] if "--format" in args else "text"


def one(seed: int, index: int, work: Path, timeout: int) -> tuple[int, dict[str, Any] | None]:
    """Run input ``index``; the number of runs and the defect, if any."""
    root, done, baseline = make_input(seed, index, work)
    rng = random.Random(f"{seed}:{index}:commands")
    runs = 0
    signal.alarm(timeout)
    try:
        for args in commands(rng, root, baseline):
            runs += 1
            check(run(*args), fmt_of(args))
    except (Hang, Exception) as exc:  # anything is a defect of kommarch or the fuzzer
        kind = "hang" if isinstance(exc, Hang) else type(exc).__name__
        return runs, {"index": index, "kind": kind, "what": done, "error": str(exc)[:500]}
    finally:
        signal.alarm(0)
    return runs, None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--start", type=int, default=0, help="first input index")
    ap.add_argument("--timeout", type=int, default=10, help="seconds per input")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "fuzz")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    summary: dict[str, Any] = {"seed": args.seed, "inputs": 0, "runs": 0, "defects": []}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "input"
        for index in range(args.start, args.start + args.count):
            runs, defect = one(args.seed, index, work, args.timeout)
            summary["inputs"] += 1
            summary["runs"] += runs
            if defect is not None:
                summary["defects"].append(defect)
                shutil.copytree(work, args.out / f"failure-{args.seed}-{index}", dirs_exist_ok=True)
                print(f"DEFECT {json.dumps(defect, ensure_ascii=False)}", file=sys.stderr)
            if summary["inputs"] % 500 == 0 or index == args.start + args.count - 1:
                summary["seconds"] = round(time.perf_counter() - started, 1)
                (args.out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
                print(
                    f"{summary['inputs']} inputs, {summary['runs']} runs, "
                    f"{len(summary['defects'])} defects, {summary['seconds']} s",
                    file=sys.stderr,
                )
    return 1 if summary["defects"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
