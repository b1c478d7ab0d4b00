"""The audit's graph: the plain indexes of ``kommarch.graph`` against a networkx graph.

Run it as a script (it is not a test)::

    .venv/bin/python bench/graphs.py [--sizes 10000,100000] [--repeat 3]

For each size it validates the benchmark inventory of ``bench/out/<size>`` once (generating it
if needed, see ``generate.py``) and times, best of ``--repeat``:

* ``build_graph``: every index the rules and the scoring ask (:mod:`kommarch.graph`), the
  per-object reachability of KM202 included: the whole cost of the audit's graph today;
* reachability with dicts: what ``build_graph`` does for KM202 alone: per object an adjacency
  dict of the active edges carrying it and one search from its sources;
* reachability with networkx: the same with a ``DiGraph`` per object and one multi-source
  ``nx.bfs_layers`` (the networkx way; ``nx.descendants`` per source is slower);
* the networkx ``MultiDiGraph`` of the inventory (:func:`kommarch.graphexport.network`, what
  the exports start from): what making the audit's graph a networkx graph would add before
  the first query.

Both must give the same answers (checked). docs/performance.md records the result.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from generate import ensure
from kommarch.graph import Graph, build_graph
from kommarch.graphexport import network
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import IntegrationStatus
from kommarch.pipeline import validate

HERE = Path(__file__).resolve().parent


def _carried(inv: Inventory) -> dict[str, list[tuple[str, str]]]:
    """(from, to) of every active integration, per object it carries."""
    by_object: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for link in inv.integrations.values():
        m = link.model
        if m.status is IntegrationStatus.ACTIVE:
            for obj in dict.fromkeys(m.data):
                by_object[obj].append((m.from_, m.to))
    return by_object


def reach_dicts(inv: Inventory, graph: Graph) -> dict[str, set[str]]:
    """Per object, the nodes reached from its sources: adjacency dicts and a stack (graph.py)."""
    fed: dict[str, set[str]] = {}
    for obj, edges in _carried(inv).items():
        adjacency: defaultdict[str, list[str]] = defaultdict(list)
        for u, v in edges:
            adjacency[u].append(v)
        stack = [n for n in adjacency if graph.is_source(n, obj)]
        seen = set(stack)
        while stack:
            for nxt in adjacency.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        fed[obj] = seen
    return fed


def reach_networkx(inv: Inventory, graph: Graph) -> dict[str, set[str]]:
    """The same with networkx: a ``DiGraph`` per object and one multi-source ``bfs_layers``."""
    fed: dict[str, set[str]] = {}
    for obj, edges in _carried(inv).items():
        carrying: nx.DiGraph[str] = nx.DiGraph(edges)
        starts = [n for n in carrying if graph.is_source(n, obj) and carrying.out_degree(n)]
        fed[obj] = {n for layer in nx.bfs_layers(carrying, starts) for n in layer}
    return fed


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()  # as the audit runs (pipeline.no_gc)
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        gc.enable()
    return min(times)


def measure(size: int, out: Path, repeat: int) -> str:
    """One table row for an inventory of ``size`` systems."""
    ensure(out / str(size), size)
    inv = validate(out / str(size)).inventory
    graph = build_graph(inv)
    fed = reach_dicts(inv, graph)
    assert reach_networkx(inv, graph) == fed, "the two ways disagree"
    assert all(  # and both agree with the graph the rules use
        graph.chain_intact(s, o) == (s in fed.get(o, ()) or graph.is_source(s, o))
        for s, o in graph.expected
    )
    t_build = best(lambda: build_graph(inv), repeat)
    t_dicts = best(lambda: reach_dicts(inv, graph), repeat)
    t_nx = best(lambda: reach_networkx(inv, graph), repeat)
    t_network = best(lambda: network(graph), repeat)
    return (
        f"| {size:,} | {len(inv.integrations):,} | {t_build:.2f} s | {t_dicts:.2f} s | "
        f"{t_nx:.2f} s ({t_nx / t_dicts:.1f}x) | {t_network:.2f} s |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated system counts")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (best is kept)")
    ap.add_argument("--out", type=Path, default=HERE / "out", help="where inventories go")
    args = ap.parse_args(argv)
    print(
        "| systems | integrations | build_graph (all indexes) | reachability, dicts "
        "| reachability, networkx | networkx MultiDiGraph of the inventory |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        print(measure(size, args.out, args.repeat), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
