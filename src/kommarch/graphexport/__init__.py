"""``kommarch graph``: the system/integration graph as Mermaid, Graphviz DOT, GraphML or JSON.

The graph is :attr:`kommarch.graph.Graph.nx` narrowed to what is worth drawing: every inventory
system, the catalogue systems an integration actually connects, and one edge ``from -> to`` per
integration keyed by its id. Two narrowings (they combine: the flow first, then the
neighbourhood inside it):

* ``system`` + ``depth``: the systems at most ``depth`` hops from ``system`` ignoring direction,
  with every edge between them (a former id from ``previous_ids`` is accepted);
* ``data``: one data object's flow: its sources (the authority, the ``master``/``manual``
  systems, a distributing channel that sends it on), every active edge carrying it that is
  reachable forward from them, and the systems that hold it as ``integration`` without being
  reached (retired ones aside), marked ``missing`` (no active delivery at all, KM201) or
  ``broken`` (deliveries that do not come from a source, KM202; the deliveries feeding them are
  drawn too). Each node of this view has a ``flow`` attribute.

Nodes carry ``name``, ``kind`` (``inventory``, ``register``, ``channel``, ``infrastructure``),
``type`` and ``status``; edges carry ``id``, ``data``, ``via``, ``service``, ``mechanism``,
``frequency`` and ``status`` (absent values are left out). Nodes are sorted by id and edges by
(from, to, id), so the output is byte-identical across runs.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import networkx as nx

from kommarch.graph import Graph, build_graph
from kommarch.graphexport.writers import FORMATS, WRITERS, Format
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import DataUse, SystemStatus
from kommarch.inventory.schemaerrors import suggest

Edge = tuple[str, str, str]  # from, to, integration id


def export_graph(
    inv: Inventory,
    fmt: Format,
    *,
    system: str | None = None,
    depth: int = 1,
    data: str | None = None,
) -> str:
    """The (narrowed) graph of ``inv`` in ``fmt``, ending in a newline.

    Raises ``ValueError`` (with a did-you-mean) for an unknown system or data object, a negative
    depth, or a system that takes no part in the flow of ``data``.
    """
    return WRITERS[fmt](select(inv, system=system, depth=depth, data=data))


def select(
    inv: Inventory, *, system: str | None = None, depth: int = 1, data: str | None = None
) -> Any:
    """The narrowed graph as a sorted ``networkx.MultiDiGraph`` (see the module docstring)."""
    sid = None if system is None else _system_id(inv, system)
    if data is not None and not inv.is_object(data):
        known = [*inv.data_objects, *inv.catalogue.objects]
        raise ValueError(f"unknown data object '{data}'{suggest(data, known)}")
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    graph = build_graph(inv)
    full = graph.nx
    flow: dict[str, str] = {}
    if data is not None:
        nodes, edges, flow = _flow(graph, full, data)
    else:
        edges = [(u, v, k) for u, v, k in full.edges(keys=True)]
        nodes = set(inv.systems) | {u for u, _, _ in edges} | {v for _, v, _ in edges}
    if sid is not None:
        if sid not in nodes:
            if data is not None:
                raise ValueError(f"system '{sid}' takes no part in the flow of '{data}'")
            nodes, edges = {sid}, []  # a catalogue system no integration connects
        nodes = _neighbourhood(sid, depth, edges)
        edges = [e for e in edges if e[0] in nodes and e[1] in nodes]
    attrs = {
        "municipality": inv.header.name,
        "system": sid,
        "depth": depth if sid else None,
        "data": data,
    }
    return _assemble(full, nodes, edges, flow, {k: v for k, v in attrs.items() if v is not None})


def _system_id(inv: Inventory, system: str) -> str:
    sid = inv.current_id(system)
    if inv.is_system(sid):
        return sid
    known = [*inv.systems, *inv.catalogue.systems, *inv.previous_ids]
    raise ValueError(f"unknown system '{system}'{suggest(system, known)}")


def _flow(graph: Graph, full: Any, obj: str) -> tuple[set[str], list[Edge], dict[str, str]]:
    """Sources of ``obj``, the active edges carrying it forward from them, unreached holders
    (``missing``, or ``broken`` together with the deliveries that feed them)."""
    out: dict[str, list[Edge]] = {}
    into: dict[str, list[Edge]] = {}
    for u, v, k, d in full.edges(keys=True, data=True):
        if d["status"] == "active" and obj in d["data"]:
            out.setdefault(u, []).append((u, v, k))
            into.setdefault(v, []).append((u, v, k))
    sources = sorted(n for n in full.nodes if graph.is_source(n, obj))
    flow = {
        n: "source"
        for n in sources
        if full.nodes[n]["kind"] == "inventory" or n == graph.authority(obj) or n in out
    }
    edges = _walk(sources, out, 1)
    reached = {*sources, *(v for _, v, _ in edges)}
    for _, v, _ in edges:
        flow.setdefault(v, "delivered")
    unreached = [
        sid
        for sid, entry in graph.inventory.systems.items()
        if entry.model.data.get(obj) is DataUse.INTEGRATION
        and sid not in reached
        and entry.model.status is not SystemStatus.RETIRED
    ]
    for sid in unreached:
        flow[sid] = "broken" if sid in into else "missing"
    feeding = _walk([sid for sid in unreached if sid in into], into, 0)
    for u, v, _ in feeding:  # the rest of the chain: providers that are not holders themselves
        flow.setdefault(u, "broken")
        flow.setdefault(v, "broken")
    return set(flow), edges + feeding, flow


def _walk(starts: list[str], adjacency: dict[str, list[Edge]], end: int) -> list[Edge]:
    """Every edge reachable from ``starts``; ``end`` is the index of the node walked to."""
    edges: list[Edge] = []
    queue = deque(starts)
    seen = set(starts)
    while queue:
        for e in adjacency.get(queue.popleft(), ()):
            edges.append(e)
            if e[end] not in seen:
                seen.add(e[end])
                queue.append(e[end])
    return edges


def _neighbourhood(start: str, depth: int, edges: list[Edge]) -> set[str]:
    """Nodes at most ``depth`` undirected hops from ``start`` along ``edges``."""
    adjacent: dict[str, set[str]] = {}
    for u, v, _ in edges:
        adjacent.setdefault(u, set()).add(v)
        adjacent.setdefault(v, set()).add(u)
    seen = {start}
    frontier = {start}
    for _ in range(depth):
        frontier = {n for f in frontier for n in adjacent.get(f, ())} - seen
        if not frontier:  # nothing further: a huge --depth must not count to the end
            break
        seen |= frontier
    return seen


def _assemble(
    full: Any, nodes: set[str], edges: list[Edge], flow: dict[str, str], attrs: dict[str, Any]
) -> Any:
    node_data = full.nodes
    adjacency = full.adj
    g = nx.MultiDiGraph(**attrs)
    g.add_nodes_from(
        (
            n,
            {
                **{k: v for k, v in node_data[n].items() if v is not None},
                **({"flow": flow[n]} if n in flow else {}),
            },
        )
        for n in sorted(nodes)
    )
    g.add_edges_from(
        (
            u,
            v,
            k,
            {
                "id": k,
                **{
                    a: list(x) if a == "data" else x
                    for a, x in adjacency[u][v][k].items()
                    if x is not None
                },
            },
        )
        for u, v, k in sorted(set(edges))
    )
    return g


__all__ = ["FORMATS", "Format", "export_graph", "select"]
