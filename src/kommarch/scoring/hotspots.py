"""Hot spots: a readable subgraph of duplicate entry and missing integrations (section 12).

Every KM101/KM102 finding (system S keys object X in by hand) is an edge of kind ``manual`` and
every KM201/KM202 finding (X does not reach S through a working integration) an edge of kind
``missing``, drawn from where X should come from to S: X's authority for register and
infrastructure objects, else each audited master of X (no edge when X has none; S is still a hot
spot). Edges between the same two systems of the same kind are merged, their objects listed.

A node's weight is the number of such findings that touch it (as the keying or receiving system
or as a source). The :data:`MAX_NODES` (30) heaviest nodes are kept (ties by id), listed heaviest
first; hot-spot edges between kept nodes are drawn, plus the active integrations among them for
context. What is left out is counted (nodes, and hot-spot edges).
"""

from __future__ import annotations

from typing import Literal

from kommarch.findings import Finding
from kommarch.inventory.models import Indicator, IntegrationStatus
from kommarch.report import GraphEdge, Hotspots
from kommarch.rules import REGISTRY
from kommarch.rules.base import AuditContext

MAX_NODES = 30
# From the registry: a (system, object) finding of a rule feeding no duplicate entry (KM101,
# KM102) is a manual edge, of a rule feeding integrations intact (KM201, KM202) a missing one.
KINDS: dict[str, Literal["manual", "missing"]] = {
    **{c: "manual" for c, r in REGISTRY.items() if Indicator.NO_DUPLICATE_ENTRY in r.feeds},
    **{c: "missing" for c, r in REGISTRY.items() if Indicator.INTEGRATIONS_INTACT in r.feeds},
}

EdgeKey = tuple[str, str, str]  # source, target, kind


def _hot_edges(
    ctx: AuditContext, raw: list[Finding]
) -> tuple[dict[EdgeKey, set[str]], dict[str, int]]:
    graph = ctx.graph
    cache: dict[str, tuple[str, ...]] = {}
    edges: dict[EdgeKey, set[str]] = {}
    weight: dict[str, int] = {}
    for f in raw:
        kind = KINDS.get(f.rule)
        if kind is None or len(f.subjects) < 2:
            continue
        sid, oid = f.subjects[0], f.subjects[1]
        sources = cache.get(oid)
        if sources is None:
            authority = graph.authority(oid)
            sources = cache[oid] = (
                (authority,) if authority is not None else graph.audited_masters(oid)
            )
        weight[sid] = weight.get(sid, 0) + 1
        for src in sources:
            weight[src] = weight.get(src, 0) + 1
            edges.setdefault((src, sid, kind), set()).add(oid)
    return edges, weight


def hotspots(ctx: AuditContext, raw: list[Finding], max_nodes: int = MAX_NODES) -> Hotspots:
    """The hot-spot subgraph of at most ``max_nodes`` nodes (see the module docstring)."""
    edges, weight = _hot_edges(ctx, raw)
    ranked = sorted(weight, key=lambda n: (-weight[n], n))
    nodes = ranked[:max_nodes]
    chosen = set(nodes)
    out = [
        GraphEdge(src, dst, tuple(sorted(objs)), "manual" if kind == "manual" else "missing")
        for (src, dst, kind), objs in edges.items()
        if src in chosen and dst in chosen
    ]
    omitted_edges = len(edges) - len(out)
    flows: dict[tuple[str, str], set[str]] = {}
    integrations = ctx.inventory.integrations
    for src in nodes:
        for iid in ctx.graph.integrations_from(src):
            m = integrations[iid].model
            if m.status is IntegrationStatus.ACTIVE and m.to in chosen:
                flows.setdefault((src, m.to), set()).update(m.data)
    out.extend(
        GraphEdge(src, dst, tuple(sorted(objs)), "integration")
        for (src, dst), objs in flows.items()
    )
    out.sort(key=lambda e: (e.source, e.target, e.kind))
    return Hotspots(tuple(nodes), tuple(out), len(ranked) - len(nodes), omitted_edges)
