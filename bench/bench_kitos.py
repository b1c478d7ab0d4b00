"""kommarch import kitos against a stand-in KITOS serving a generated municipality.

Run it as a script (not a test)::

    .venv/bin/python bench/bench_kitos.py [--usages 300] [--repeat 3] [--json]

The stand-in (``kitos_stub.py``) runs in this process on 127.0.0.1; each import runs as the real
command in a fresh interpreter, so start-up, the HTTP traffic (one request per list page, one per
catalogue system and interface), mapping, the round-trip merge, the in-memory validation and the
writes are all measured. It also re-imports the unchanged data and checks that no file was
rewritten (bytes and modification times). See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kitos_stub as ks


def _import(inventory: Path, url: str) -> float:
    env = {**os.environ, "KITOS_TOKEN": ks.TOKEN, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "kommarch", "import", "kitos", str(inventory)]
    start = time.perf_counter()
    r = subprocess.run(
        [*command, "--org", "29189919", "--url", url, "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"import failed ({r.returncode}): {r.stderr.strip()}")
    return elapsed


def _state(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def main() -> None:
    """Measure a first import and a re-import; print the best times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--usages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = ks.municipality(args.usages)
    first: list[float] = []
    again: list[float] = []
    unchanged = True
    with ks.StubServer(data) as server, tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            inventory = Path(tmp) / f"run{i}"
            first.append(_import(inventory, server.url))
            before = _state(inventory)
            again.append(_import(inventory, server.url))
            unchanged = unchanged and _state(inventory) == before
        requests = len(server.behaviour.requests) // (2 * args.repeat)
        systems = (Path(tmp) / "run0" / "kitos" / "systems.yaml").read_text("utf-8").count("- id:")
    result = {
        "usages": len(data.usages),
        "systems_written": systems,
        "requests_per_import": requests,
        "first_import_s": round(min(first), 2),
        "reimport_s": round(min(again), 2),
        "reimport_rewrote_nothing": unchanged,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:26} {value}")


if __name__ == "__main__":
    main()
