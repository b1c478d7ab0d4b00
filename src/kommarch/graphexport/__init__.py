"""``kommarch graph``: the system/integration graph as Mermaid, Graphviz DOT, GraphML or JSON.

The graph is :func:`network` (the whole inventory as a ``networkx.MultiDiGraph``) narrowed to
what is worth drawing: every inventory system, the catalogue systems an integration actually
connects, and one edge ``from -> to`` per integration keyed by its id. Two narrowings (they
combine: the flow first, then the neighbourhood inside it):

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

This package is the core of the command: it selects, and never writes. The four formats are
:mod:`kommarch.render.graphformats`. The narrowings are networkx's own algorithms (``bfs_layers``
forward and backward for the flow, ``ego_graph`` for the neighbourhood). networkx is imported
here and nowhere in the audit, whose hot path uses the plain indexes of :mod:`kommarch.graph`
(docs/performance.md, "networkx and the audit").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias

import networkx as nx

from kommarch.graph import DIRECT, Graph, build_graph
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import DataUse, SystemStatus
from kommarch.inventory.schemaerrors import suggest

Network: TypeAlias = "nx.MultiDiGraph[str]"  # generic in the stubs only (types-networkx)
"""A system/integration graph: node ids are system ids, edge keys integration ids."""

Edge = tuple[str, str, str]  # from, to, integration id


def network(graph: Graph) -> Network:
    """The whole inventory as a ``networkx.MultiDiGraph``.

    A node per catalogue and inventory system (attributes ``name``, ``kind``, ``type``,
    ``status``; a catalogue node has its kind as type and status ``in-use``) and an edge
    ``from -> to`` per integration keyed by its id (``data`` tuple, ``via`` with ``direct``
    for omitted, ``service``, ``mechanism``, ``frequency``, ``status``; None when absent).
    Integrations naming an unknown system (already KM005) are left out. Nodes and edges are
    added sorted by id.
    """
    inv = graph.inventory
    nodes: dict[str, dict[str, Any]] = {}
    for cid, c in inv.catalogue.systems.items():
        nodes[cid] = {
            "name": c.name,
            "kind": c.kind.value,
            "type": c.kind.value,
            "status": SystemStatus.IN_USE.value,
        }
    for sid, entry in inv.systems.items():
        s = entry.model
        nodes[sid] = {
            "name": s.name,
            "kind": "inventory",
            "type": s.type.value,
            "status": s.status.value,
        }
    g: Network = nx.MultiDiGraph()
    g.add_nodes_from(sorted(nodes.items()))
    for iid in sorted(inv.integrations):
        m = inv.integrations[iid].model
        if m.from_ not in nodes or m.to not in nodes:
            continue
        g.add_edge(
            m.from_,
            m.to,
            key=iid,
            data=tuple(m.data),
            via=m.via or DIRECT,
            service=m.service,
            mechanism=None if m.mechanism is None else m.mechanism.value,
            frequency=None if m.frequency is None else m.frequency.value,
            status=m.status.value,
        )
    return g


def select(
    inv: Inventory, *, system: str | None = None, depth: int = 1, data: str | None = None
) -> Network:
    """The narrowed graph, nodes and edges sorted (see the module docstring).

    Raises ``ValueError`` (with a did-you-mean) for an unknown system or data object, a negative
    depth, or a system that takes no part in the flow of ``data``.
    """
    sid = None if system is None else _system_id(inv, system)
    if data is not None and not inv.is_object(data):
        known = [*inv.data_objects, *inv.catalogue.objects]
        raise ValueError(f"unknown data object '{data}'{suggest(data, known)}")
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    graph = build_graph(inv)
    full = network(graph)
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


def _flow(graph: Graph, full: Network, obj: str) -> tuple[set[str], list[Edge], dict[str, str]]:
    """Sources of ``obj``, the active edges carrying it forward from them, unreached holders
    (``missing``, or ``broken`` together with the deliveries that feed them)."""
    carrying: Network = nx.MultiDiGraph()
    for u, v, k, d in full.edges(keys=True, data=True):
        if d["status"] == "active" and obj in d["data"]:
            carrying.add_edge(u, v, key=k)
    sources = sorted(n for n in full.nodes if graph.is_source(n, obj))
    flow = {
        n: "source"
        for n in sources
        if full.nodes[n]["kind"] == "inventory"
        or n == graph.authority(obj)
        or (n in carrying and carrying.out_degree(n) > 0)
    }
    reached = {*sources, *_reachable(carrying, sources)}
    edges = [e for e in carrying.edges(keys=True) if e[0] in reached]
    for _, v, _ in edges:
        flow.setdefault(v, "delivered")
    unreached = [
        sid
        for sid, entry in graph.inventory.systems.items()
        if entry.model.data.get(obj) is DataUse.INTEGRATION
        and sid not in reached
        and entry.model.status is not SystemStatus.RETIRED
    ]
    fed = [sid for sid in unreached if sid in carrying and carrying.in_degree(sid)]
    for sid in unreached:
        flow[sid] = "broken" if sid in fed else "missing"
    upstream = set(_reachable(carrying.reverse(copy=False), fed))
    feeding = [e for e in carrying.edges(keys=True) if e[1] in upstream]
    for u, v, _ in feeding:  # the rest of the chain: providers that are not holders themselves
        flow.setdefault(u, "broken")
        flow.setdefault(v, "broken")
    return set(flow), edges + feeding, flow


def _reachable(g: Network, starts: Iterable[str]) -> Iterable[str]:
    """The nodes of ``g`` reachable from those of ``starts`` in it (breadth first, starts too)."""
    present = [s for s in starts if s in g]
    if not present:
        return ()
    return (n for layer in nx.bfs_layers(g, present) for n in layer)


def _neighbourhood(start: str, depth: int, edges: list[Edge]) -> set[str]:
    """Nodes at most ``depth`` undirected hops from ``start`` along ``edges``."""
    g: Network = nx.MultiDiGraph()
    g.add_node(start)
    for u, v, k in edges:
        g.add_edge(u, v, key=k)
    return set(nx.ego_graph(g, start, radius=depth, undirected=True))


def _assemble(
    full: Network, nodes: set[str], edges: list[Edge], flow: dict[str, str], attrs: dict[str, Any]
) -> Network:
    node_data = full.nodes
    adjacency = full.adj
    g: Network = nx.MultiDiGraph(**attrs)
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
    for u, v, k in sorted(set(edges)):
        g.add_edge(
            u,
            v,
            key=k,
            id=k,
            **{
                a: list(x) if a == "data" else x
                for a, x in adjacency[u][v][k].items()
                if x is not None
            },
        )
    return g


__all__ = ["DIRECT", "Network", "network", "select"]
