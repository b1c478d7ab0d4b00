"""The hot-spot diagram of the gap report: a Mermaid ``flowchart LR`` of :class:`Hotspots`.

Node ids are made from system ids (only ``[A-Za-z0-9_]``, prefixed so that Mermaid keywords
such as ``end`` cannot occur, and unique); every label is quoted and escaped with Mermaid's
entity codes, so no name can end the label, the statement or the Markdown fence around it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kommarch.findings import Lang, Text
from kommarch.report import GraphEdge, Hotspots

# Kept as is inside a quoted label; everything else becomes an entity code (``#60;``).
_PLAIN = re.compile(r"[\w .,()/'+!?@=–—-]")
_NOT_ID = re.compile(r"[^A-Za-z0-9_]")

_KIND_PREFIX: dict[str, Text] = {
    "missing": Text("mangler", "missing"),
    "manual": Text("manuelt", "manual"),
}
_ARROW = {"integration": "-->", "missing": "-.->", "manual": "==>"}
_STYLE = {
    "missing": "stroke:#c0392b,stroke-width:2px,color:#c0392b",
    "manual": "stroke:#d35400,stroke-width:3px,color:#d35400",
}


def label(text: str) -> str:
    """``text`` as the inside of a quoted Mermaid label (``"`` becomes ``#quot;``)."""
    out: list[str] = []
    for ch in " ".join(text.split()):
        if ch == '"':
            out.append("#quot;")
        elif _PLAIN.fullmatch(ch):
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    return "".join(out)


def node_ids(nodes: list[str]) -> dict[str, str]:
    """A unique Mermaid id of the form ``n_<sanitised id>`` for every node, in order."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for node in nodes:
        if node in ids:
            continue
        base = "n_" + _NOT_ID.sub("_", node)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        taken.add(candidate)
        ids[node] = candidate
    return ids


def _edge_label(edge: GraphEdge, lang: Lang) -> str:
    objects = ", ".join(edge.objects)
    prefix = _KIND_PREFIX.get(edge.kind)
    if prefix is None:
        return objects
    return f"{prefix.get(lang)}: {objects}" if objects else prefix.get(lang)


def flowchart(hotspots: Hotspots, names: Mapping[str, str], lang: Lang) -> str:
    """The fenced Mermaid block: nodes, then edges, then the styles of missing and manual edges.

    An edge whose end is not among ``hotspots.nodes`` still gets that end declared, so every
    edge refers to a declared node.
    """
    order = list(hotspots.nodes)
    listed = set(order)
    for edge in hotspots.edges:
        for end in (edge.source, edge.target):
            if end not in listed:
                listed.add(end)
                order.append(end)
    ids = node_ids(order)
    lines = ["```mermaid", "flowchart LR"]
    for node in order:
        name = names.get(node) or node
        text = node if name == node else f"{name} ({node})"
        lines.append(f'  {ids[node]}["{label(text)}"]')
    styled: dict[str, list[str]] = {"missing": [], "manual": []}
    for i, edge in enumerate(hotspots.edges):
        arrow = _ARROW[edge.kind]
        text = _edge_label(edge, lang)
        middle = f'{arrow}|"{label(text)}"|' if text else arrow
        lines.append(f"  {ids[edge.source]} {middle} {ids[edge.target]}")
        if edge.kind in styled:
            styled[edge.kind].append(str(i))
    for kind, indexes in styled.items():
        if indexes:
            lines.append(f"  linkStyle {','.join(indexes)} {_STYLE[kind]}")
    lines.append("```")
    return "\n".join(lines)


def _value(value: float) -> str:
    """A share or score with one decimal, rounded down, with a point (Mermaid's syntax)."""
    return f"{int(value * 10 + 1e-9) / 10:.1f}"


def bar_chart(title: str, bars: Sequence[tuple[str, float]], axis: str) -> str:
    """A Mermaid ``xychart-beta`` bar chart (0-100) of ``(label, value)``, in a fence."""
    labels = ", ".join(f'"{_plain(name)}"' for name, _ in bars)
    values = ", ".join(_value(v) for _, v in bars)
    return "\n".join(
        [
            "```mermaid",
            "xychart-beta",
            f'  title "{_plain(title)}"',
            f"  x-axis [{labels}]",
            f'  y-axis "{_plain(axis)}" 0 --> 100',
            f"  bar [{values}]",
            "```",
        ]
    )


def _plain(text: str) -> str:
    """``text`` inside a quoted xychart string (which knows no entity codes): no quote, one
    line."""
    return " ".join(text.replace('"', "'").split())
