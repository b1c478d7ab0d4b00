"""Benchmark of ``kommarch compare``: 98 municipalities of 800 systems each, target < 60 s.

Writes (or reuses) 98 deterministic synthetic inventories under ``bench/out/compare/`` with
:func:`generate.ensure` (seed = the municipality's number, so the scores differ), names each
"Syntetisk Kommune NN" with its own code, then times the whole command as a user runs it
(``python -m kommarch compare DIR --format json``: start-up, 98 audits in parallel processes,
ranking and rendering) ``--repeat`` times and prints the best and the median wall time.

    .venv/bin/python bench/compare.py                 # 98 x 800, best of 3
    .venv/bin/python bench/compare.py --count 10 --systems 200 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from generate import ensure

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = 60.0


def municipalities(root: Path, count: int, systems: int) -> list[Path]:
    """``count`` inventories of ``systems`` systems each, below ``root``."""
    out: list[Path] = []
    for i in range(count):
        path = root / f"kommune-{i + 1:03d}"
        ensure(path, systems, seed=i + 1)
        (path / "municipality.yaml").write_text(
            f'municipality:\n  name: Syntetisk Kommune {i + 1:02d}\n  code: "{101 + i}"\n',
            encoding="utf-8",
        )
        out.append(path)
    return out


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def run_once(root: Path) -> tuple[float, float, dict[str, object]]:
    """One ``kommarch compare`` of every inventory below ``root``: wall seconds, CPU seconds
    (the command and its worker processes) and its JSON."""
    cpu = _cpu()
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "kommarch", "compare", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu
    if run.returncode != 0:
        raise SystemExit(f"kommarch compare failed ({run.returncode}): {run.stderr[-2000:]}")
    doc: dict[str, object] = json.loads(run.stdout)
    return seconds, cpu, doc


def main() -> None:
    """Generate, time, print the figures next to the target."""
    p = argparse.ArgumentParser(description="Benchmark of kommarch compare (bench/compare.py).")
    p.add_argument("--count", type=int, default=98)
    p.add_argument("--systems", type=int, default=800)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--out", type=Path, default=HERE / "out" / "compare")
    args = p.parse_args()
    root: Path = args.out / f"{args.count}x{args.systems}"
    t0 = time.perf_counter()
    municipalities(root, args.count, args.systems)
    sys.stderr.write(f"generated {args.count} inventories in {time.perf_counter() - t0:.1f} s\n")
    times: list[float] = []
    cpus: list[float] = []
    doc: dict[str, object] = {}
    for n in range(args.repeat):
        seconds, cpu, doc = run_once(root)
        times.append(seconds)
        cpus.append(cpu)
        load = os.getloadavg()[0]
        sys.stderr.write(f"run {n + 1}: {seconds:.1f} s, {cpu:.1f} CPU s, load {load:.1f}\n")
    rows = doc.get("municipalities")
    ranked = (
        sum(1 for r in rows if isinstance(r, dict) and r.get("rank") is not None)
        if isinstance(rows, list)
        else 0
    )
    best = min(times)
    verdict = "PASS" if best < TARGET_SECONDS else "FAIL"
    print(
        f"compare {args.count} x {args.systems} systems on {os.cpu_count()} cores: "
        f"best {best:.1f} s, median {statistics.median(times):.1f} s "
        f"({ranked} ranked), {min(cpus):.1f} CPU s; target < {TARGET_SECONDS:.0f} s: {verdict}"
    )


if __name__ == "__main__":
    main()
