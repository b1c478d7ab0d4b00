"""Pictures as SVG: the indicator chart, the path to A, and diagrams of systems and flows.

Bar charts are written by hand (a few rectangles). Diagrams are laid out by Graphviz ``dot``
when it is installed (``engine="auto"`` or ``"dot"``: clusters per group, the layout people know
from architecture drawings) and otherwise by a deterministic pure-Python layout (``"python"``):
networkx's condensation and topological generations put the nodes in layers from source to
consumer, left to right; groups become columns of boxes. Every text is XML-escaped, every chart
has a ``<title>``, ``role="img"`` and an ``aria-label``, and the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kommarch.findings import Lang
from kommarch.landscape import Diagram, Edge
from kommarch.render.base import num

Engine = Literal["auto", "dot", "python"]

FONT = "font-family=\"'Segoe UI', Helvetica, Arial, sans-serif\""
BLUE, GREEN, RED, GREY, INK = "#2b6cb0", "#2f855a", "#c53030", "#e2e8f0", "#1a202c"
EDGE_COLOUR = {"integration": "#718096", "missing": RED, "manual": "#c05621"}
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def esc(text: str) -> str:
    """``text`` safe in XML content and in double-quoted attributes (no control characters)."""
    return html.escape(_NOT_XML.sub("", text), quote=True)


def document(width: int, height: int, title: str, body: list[str]) -> str:
    """A standalone ``<svg>`` with its title for screen readers."""
    t = esc(title)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{t}" {FONT} font-size="13">',
            f"<title>{t}</title>",
            *body,
            "</svg>",
        ]
    )


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: a share from 0 to 1 (None: nothing to measure), and an optional threshold."""

    label: str
    value: float | None
    text: str  # the value as people read it
    threshold: float | None = None
    met: bool | None = None  # colour green/red by this instead of by the threshold


LABEL_W, BAR_W, ROW_H, PAD = 250, 300, 34, 12


def _label(x: int, y: int, text: str, width: int = 34) -> list[str]:
    lines = textwrap.wrap(text, width) or [""]
    first = y - 7 * (len(lines) - 1)
    spans = "".join(
        f'<tspan x="{x}" y="{first + 14 * i}">{esc(line)}</tspan>' for i, line in enumerate(lines)
    )
    return [f'<text text-anchor="end" dominant-baseline="middle" fill="{INK}">{spans}</text>']


def _bar(bar: Bar, y: int) -> list[str]:
    x0 = LABEL_W + PAD
    mid = y + ROW_H // 2
    out = _label(LABEL_W, mid, bar.label)
    out.append(f'<rect x="{x0}" y="{y + 8}" width="{BAR_W}" height="{ROW_H - 16}" fill="{GREY}"/>')
    colour = BLUE
    if bar.met is not None:
        colour = GREEN if bar.met else RED
    elif bar.threshold is not None and bar.value is not None:
        colour = GREEN if bar.value >= bar.threshold else RED
    if bar.value is not None:
        w = round(BAR_W * max(0.0, min(1.0, bar.value)), 1)
        out.append(
            f'<rect x="{x0}" y="{y + 8}" width="{w}" height="{ROW_H - 16}" fill="{colour}"/>'
        )
    if bar.threshold is not None:
        tx = round(x0 + BAR_W * bar.threshold, 1)
        out.append(
            f'<line x1="{tx}" y1="{y + 3}" x2="{tx}" y2="{y + ROW_H - 3}" stroke="{INK}" '
            'stroke-width="2" stroke-dasharray="4 2"/>'
        )
    out.append(
        f'<text x="{x0 + BAR_W + 8}" y="{mid}" dominant-baseline="middle" fill="{INK}">'
        f"{esc(bar.text)}</text>"
    )
    return out


def bar_chart(title: str, bars: Sequence[Bar], note: str = "") -> str:
    """Horizontal bars with their values; a dashed line marks a bar's threshold."""
    body: list[str] = []
    for i, bar in enumerate(bars):
        body += _bar(bar, PAD + i * ROW_H)
    height = PAD * 2 + ROW_H * len(bars)
    if note:
        lines = textwrap.wrap(note, 95)
        body += [
            f'<text x="{PAD}" y="{height + 14 * i}" font-size="11" fill="{INK}">{esc(line)}</text>'
            for i, line in enumerate(lines)
        ]
        height += 14 * len(lines) + 4
    return document(LABEL_W + PAD + BAR_W + 80, height, title, body)


def share_text(value: float | None, lang: Lang) -> str:
    """A share as a whole percentage rounded down; ``–`` when there is nothing to measure."""
    if value is None:
        return "–"
    whole = int(value * 100 + 1e-9)
    return f"{whole} %" if lang == "da" else f"{whole}%"


INFRASTRUCTURE_KEYS = ("infrastructure_obligations_met", "common_infrastructure_used")


def indicator_chart(
    indicators: Sequence[tuple[str, str, float | None]], score: float, lang: Lang
) -> str:
    """The maturity indicators ``(key, name, share)`` and the score, with the A thresholds:
    90 % on the infrastructure indicator, 75 points on the score."""
    bars = [
        Bar(name, value, share_text(value, lang), 0.9 if key in INFRASTRUCTURE_KEYS else None)
        for key, name, value in indicators
    ]
    shown = num(int(score * 10 + 1e-9) / 10, lang)
    bars.append(Bar("Score" if lang == "en" else "Point", score / 100, shown, 0.75))
    if lang == "da":
        title = "Modenhedsindikatorer og point"
        note = (
            "Stiplet linje: kravet til en Digital A-kommune (mindst 90 % for den "
            "fælleskommunale infrastruktur og mindst 75 point). Grøn: kravet er opfyldt; rød: "
            "kravet er ikke opfyldt."
        )
    else:
        title = "Maturity indicators and score"
        note = (
            "Dashed line: what a Digital A-kommune needs (at least 90% for the common "
            "infrastructure and at least 75 points). Green: met; red: not met."
        )
    return bar_chart(title, bars, note)


def path_chart(start: float, steps: Sequence[tuple[str, float]], lang: Lang) -> str:
    """The score today and after each step of the path to A, with the 75-point line."""
    today = "I dag" if lang == "da" else "Today"
    pairs = [(today, start), *steps]
    bars = [
        Bar(label, score / 100, num(int(score * 10 + 1e-9) / 10, lang), 0.75)
        for label, score in pairs
    ]
    if lang == "da":
        title, note = "Vejen til A-kommune: point efter hvert skridt", "Stiplet linje: 75 point."
    else:
        title, note = "The path to A: the score after each step", "Dashed line: 75 points."
    return bar_chart(title, bars, note)


# -- diagrams -------------------------------------------------------------------------------

NODE_W, NODE_H, GAP_X, GAP_Y = 190, 34, 70, 12


def diagram(d: Diagram, engine: Engine = "auto") -> str:
    """``d`` as SVG: by Graphviz when asked or available, else by the pure-Python layout."""
    if engine != "python" and shutil.which("dot"):
        drawn = graphviz(d)
        if drawn is not None:
            return drawn
    if engine == "dot":
        raise RuntimeError("Graphviz (dot) is not installed")
    return layered(d) if len({n.group for n in d.nodes}) <= 1 else grouped(d)


def _dot_id(text: str) -> str:
    text = _NOT_XML.sub("", text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot_source(d: Diagram) -> str:
    """The diagram in the DOT language (clusters per group)."""
    lines = [
        "digraph kommarch {",
        "  rankdir=LR; fontname=Helvetica; fontsize=12;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ebf4ff", fontname=Helvetica, '
        "fontsize=11];",
        "  edge [fontname=Helvetica, fontsize=9];",
    ]
    groups: dict[str, list[str]] = {}
    for n in d.nodes:
        groups.setdefault(n.group, []).append(f"    {_dot_id(n.id)} [label={_dot_id(n.label)}];")
    for i, (group, members) in enumerate(groups.items()):
        if group:
            lines += [f"  subgraph cluster_{i} {{", f"    label={_dot_id(group)};", *members, "  }"]
        else:
            lines += members
    for e in d.edges:
        style = {"missing": "dashed", "manual": "bold"}.get(e.kind, "solid")
        lines.append(
            f"  {_dot_id(e.source)} -> {_dot_id(e.target)} [label={_dot_id(e.label)}, "
            f'style={style}, color="{EDGE_COLOUR[e.kind]}"];'
        )
    return "\n".join([*lines, "}"]) + "\n"


_PROLOGUE = re.compile(r"\A.*?(?=<svg)", re.S)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)


def graphviz(d: Diagram) -> str | None:
    """``dot -Tsvg`` of the diagram, made accessible; None when dot fails."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    try:
        run = subprocess.run(
            [dot, "-Tsvg"],
            input=dot_source(d).encode("utf-8"),
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if run.returncode != 0:
        return None
    svg = _COMMENT.sub("", _PROLOGUE.sub("", run.stdout.decode("utf-8")))
    t = esc(d.title)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{t}" ', 1)
    head, _, rest = svg.partition(">")
    return f"{head}>\n<title>{t}</title>{rest}".rstrip() + "\n"


def _layers(d: Diagram) -> list[list[str]]:
    """Nodes in layers from source to consumer (cycles share a layer), sorted within."""
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_nodes_from(n.id for n in d.nodes)
    g.add_edges_from((e.source, e.target) for e in d.edges)
    cond = nx.condensation(g)
    layers: list[list[str]] = []
    for generation in nx.topological_generations(cond):
        members = [m for c in generation for m in cond.nodes[c]["members"]]
        layers.append(sorted(members))
    return layers


def _box(x: float, y: float, label: str, fill: str = "#ebf4ff") -> list[str]:
    text = label if len(label) <= 28 else label[:27] + "…"
    return [
        f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="{fill}" '
        f'stroke="{BLUE}"><title>{esc(label)}</title></rect>',
        f'<text x="{x + NODE_W / 2}" y="{y + NODE_H / 2}" text-anchor="middle" '
        f'dominant-baseline="middle" font-size="11" fill="{INK}">{esc(text)}</text>',
    ]


def _edges(d: Diagram, pos: dict[str, tuple[float, float]]) -> list[str]:
    out: list[str] = []
    marker = _marker(d)
    for e in d.edges:
        if e.source not in pos or e.target not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        dash = ' stroke-dasharray="6 3"' if e.kind == "missing" else ""
        width = 3 if e.kind == "manual" else 1.2
        out.append(
            f'<line x1="{x1 + NODE_W}" y1="{y1 + NODE_H / 2}" x2="{x2}" y2="{y2 + NODE_H / 2}" '
            f'stroke="{EDGE_COLOUR[e.kind]}" stroke-width="{width}"{dash} '
            f'marker-end="url(#{marker})"><title>{esc(e.label)}</title></line>'
        )
    return out


def _arrow(d: Diagram) -> str:
    """The arrowhead, with an id unique to the diagram (several share one HTML page)."""
    return (
        f'<defs><marker id="{_marker(d)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
        'markerUnits="userSpaceOnUse" markerHeight="9" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#4a5568"/></marker></defs>'
    )


def _marker(d: Diagram) -> str:
    return "arrow-" + hashlib.sha256(d.title.encode("utf-8")).hexdigest()[:8]


def layered(d: Diagram) -> str:
    """Layers from left to right (sources first); edge labels as tooltips."""
    labels = {n.id: n.label for n in d.nodes}
    pos: dict[str, tuple[float, float]] = {}
    for col, layer in enumerate(_layers(d)):
        for row, node in enumerate(layer):
            pos[node] = (GAP_Y + col * (NODE_W + GAP_X), 40 + row * (NODE_H + GAP_Y))
    width = max((x for x, _ in pos.values()), default=0) + NODE_W + GAP_Y
    height = max((y for _, y in pos.values()), default=0) + NODE_H + GAP_Y
    body = [_arrow(d), *_edges(d, pos)]
    for node, (x, y) in pos.items():
        body += _box(x, y, labels[node])
    return document(int(width), int(height), d.title, body)


def grouped(d: Diagram) -> str:
    """One column of boxes per group, groups side by side, integrations as lines."""
    groups: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for n in d.nodes:
        groups.setdefault(n.group, []).append(n.id)
        labels[n.id] = n.label
    pos: dict[str, tuple[float, float]] = {}
    body: list[str] = []
    frames: list[str] = []
    tallest: float = 0.0
    for col, (group, members) in enumerate(groups.items()):
        x = GAP_Y + col * (NODE_W + GAP_X)
        bottom = 56 + len(members) * (NODE_H + GAP_Y)
        tallest = max(tallest, bottom)
        frames.append(
            f'<rect x="{x - 8}" y="20" width="{NODE_W + 16}" height="{bottom - 20}" rx="8" '
            f'fill="#f7fafc" stroke="#a0aec0"/>'
        )
        frames.append(f'<text x="{x}" y="38" font-weight="bold" fill="{INK}">{esc(group)}</text>')
        for row, node in enumerate(members):
            pos[node] = (x, 50 + row * (NODE_H + GAP_Y))
    body = [_arrow(d), *frames, *_edges(d, pos)]
    for node, (bx, by) in pos.items():
        body += _box(bx, by, labels[node])
    width = GAP_Y + len(groups) * (NODE_W + GAP_X)
    return document(int(width), int(tallest + GAP_Y), d.title, body)


__all__ = [
    "Bar",
    "Edge",
    "bar_chart",
    "diagram",
    "dot_source",
    "esc",
    "grouped",
    "indicator_chart",
    "layered",
    "path_chart",
]
