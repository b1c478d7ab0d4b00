"""Diagrams as data: the whole landscape of an inventory, and the hot spots of a report.

A :class:`Diagram` is nodes (each in a group) and edges; :mod:`kommarch.render.svg` draws it.
The landscape groups the systems that are not retired by their top-level organisation unit
(forvaltning), or by system type when the inventory names no units; the catalogue systems they
integrate with form one group of their own. Edges are the active integrations, one per pair of
systems (their data objects merged).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from kommarch.findings import Text
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import IntegrationStatus, SystemStatus
from kommarch.report import Hotspots

EdgeKind = Literal["integration", "missing", "manual"]

COMMON = Text("Fælleskommunal infrastruktur og registre", "Common infrastructure and registers")
NO_UNIT = Text("Uden organisationsenhed", "No organisation unit")


@dataclass(frozen=True, slots=True)
class Node:
    """A system in a diagram."""

    id: str
    label: str
    group: str


@dataclass(frozen=True, slots=True)
class Edge:
    """A data flow (or a missing one, or a manual entry) between two nodes."""

    source: str
    target: str
    label: str
    kind: EdgeKind = "integration"


@dataclass(frozen=True, slots=True)
class Diagram:
    """Nodes in groups, and edges; everything in its final, deterministic order."""

    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _top_unit(inv: Inventory, unit: str) -> str:
    seen: set[str] = set()
    while unit in inv.units and unit not in seen:
        seen.add(unit)
        parent = inv.units[unit].model.parent
        if parent is None or parent not in inv.units:
            break
        unit = parent
    return unit


def _group(inv: Inventory, sid: str, by_unit: bool, lang: Literal["da", "en"]) -> str:
    m = inv.systems[sid].model
    if not by_unit:
        return m.type.value
    if m.unit is None or m.unit not in inv.units:
        return NO_UNIT.get(lang)
    return inv.units[_top_unit(inv, m.unit)].model.name


def landscape(inv: Inventory, title: str, lang: Literal["da", "en"] = "da") -> Diagram:
    """Every system that is not retired, grouped, and the active integrations between them."""
    shown = [s for s, e in inv.systems.items() if e.model.status is not SystemStatus.RETIRED]
    by_unit = any(inv.systems[s].model.unit for s in shown)
    nodes = {s: Node(s, inv.systems[s].model.name, _group(inv, s, by_unit, lang)) for s in shown}
    flows: dict[tuple[str, str], set[str]] = {}
    for entry in inv.integrations.values():
        m = entry.model
        if m.status is not IntegrationStatus.ACTIVE or not (m.from_ in nodes or m.to in nodes):
            continue
        for end in (m.from_, m.to):
            if end not in nodes and end in inv.catalogue.systems:
                nodes[end] = Node(end, inv.catalogue.systems[end].name, COMMON.get(lang))
        if m.from_ in nodes and m.to in nodes:
            flows.setdefault((m.from_, m.to), set()).update(m.data)
    ordered = sorted(nodes.values(), key=lambda n: (n.group, n.label, n.id))
    edges = tuple(Edge(s, t, ", ".join(sorted(objs))) for (s, t), objs in sorted(flows.items()))
    return Diagram(title, tuple(ordered), edges)


KIND_PREFIX: dict[str, Text] = {
    "missing": Text("mangler", "missing"),
    "manual": Text("tastes manuelt", "keyed in by hand"),
}


def hotspot_diagram(
    hotspots: Hotspots, names: Mapping[str, str], title: str, lang: Literal["da", "en"] = "da"
) -> Diagram:
    """The report's hot spots as a diagram (one group; edge labels say what is missing)."""
    order = list(hotspots.nodes)
    for e in hotspots.edges:
        order += [n for n in (e.source, e.target) if n not in order]
    nodes = tuple(Node(n, names.get(n) or n, "") for n in order)
    edges = []
    for e in hotspots.edges:
        objects = ", ".join(e.objects)
        prefix = KIND_PREFIX.get(e.kind)
        label = f"{prefix.get(lang)}: {objects}" if prefix is not None else objects
        edges.append(Edge(e.source, e.target, label, e.kind))
    return Diagram(title, nodes, tuple(edges))
