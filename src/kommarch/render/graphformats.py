"""The four formats of ``kommarch graph``. Each writer takes the sorted graph of
:func:`kommarch.graphexport.select` and returns the whole output, ending in a newline
(:func:`render_graph`).

* Mermaid: ``flowchart LR``, node ids made from system ids, quoted labels with entity codes,
  planned and retired edges dashed (retired ones grey), catalogue kinds as shapes and classes.
* DOT: quoted ids and labels (backslashes and quotes escaped, line breaks as ``\\n``, control
  characters shown as their Unicode pictures: NUL as "␀"; a long text in pieces joined with
  ``+``, as graphviz reads at most 16 KB in one quoted string), catalogue kinds as shapes.
* GraphML: string attributes only (lists joined with ", "), so yEd and Gephi open it; the
  characters XML 1.0 forbids even escaped (C0 controls other than tab and line breaks: as their
  pictures; U+FFFE, U+FFFF: as U+FFFD) are replaced, so the file is always well-formed XML.

Names are free text (an escaped control character such as ``"\0"`` is valid YAML): the
writers make any text safe rather than have validation refuse it.
* JSON: networkx node-link data with ``edges``, keys sorted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Literal

import networkx as nx

from kommarch.graphexport import Network
from kommarch.render.mermaid import label, node_ids

Format = Literal["mermaid", "dot", "graphml", "json"]
FORMATS: tuple[Format, ...] = ("mermaid", "dot", "graphml", "json")


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x1f\x7f]")


def _picture(m: re.Match[str]) -> str:
    """The visible stand-in of a character an export cannot carry: its control picture."""
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 SYMBOL FOR NULL ... U+241F SYMBOL FOR UNIT SEPARATOR
    return "\u2421" if code == 0x7F else "\ufffd"


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (replaced, see the module docstring)."""
    return _XML_FORBIDDEN.sub(_picture, text)


def _json(g: Network) -> str:
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _graphml(g: Network) -> str:
    """GraphML with string attributes only (lists joined with ", "), for yEd and Gephi.

    Every text goes through :func:`xml_safe` before networkx writes it (it would write a
    forbidden character as a character reference, which XML forbids as well).
    """
    flat: Network = nx.MultiDiGraph(**{a: _xml_value(x) for a, x in g.graph.items()})
    for n, d in g.nodes(data=True):
        flat.add_node(xml_safe(n), **{a: _xml_value(x) for a, x in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        flat.add_edge(xml_safe(u), xml_safe(v), key=k, **{a: _xml_value(x) for a, x in d.items()})
    return "\n".join(nx.generate_graphml(flat)) + "\n"


def _xml_value(x: Any) -> Any:
    if isinstance(x, list):
        x = ", ".join(x)
    return xml_safe(x) if isinstance(x, str) else x


_MERMAID_SHAPES = {
    "register": ('[("', '")]'),
    "channel": ('{{"', '"}}'),
    "infrastructure": ('[["', '"]]'),
    "inventory": ('["', '"]'),
}
_MERMAID_STYLES = {
    "register": "fill:#e8f1fb,stroke:#1f5fa8",
    "channel": "fill:#eef7ee,stroke:#2e7d32",
    "infrastructure": "fill:#f3eefa,stroke:#6a3fa0",
    "planned": "stroke-dasharray:5 5",
    "retired": "fill:#eeeeee,stroke:#9e9e9e,color:#757575",
    "source": "stroke-width:3px",
    "missing": "fill:#fdecea,stroke:#c62828,stroke-dasharray:5 5",
    "broken": "fill:#fff4e5,stroke:#e65100",
}


def _node_class(d: dict[str, Any]) -> str | None:
    """One class per node: the flow mark first, then the catalogue kind, then the status."""
    for value in (d.get("flow"), d["kind"], d["status"]):
        if value in _MERMAID_STYLES:
            return str(value)
    return None


def _mermaid(g: Network) -> str:
    ids = node_ids(list(g.nodes))
    lines = ["flowchart LR"]
    classes: dict[str, list[str]] = {}
    for n, d in g.nodes(data=True):
        start, end = _MERMAID_SHAPES[d["kind"]]
        lines.append(f"  {ids[n]}{start}{label(d['name'])}{end}")
        cls = _node_class(d)
        if cls is not None:
            classes.setdefault(cls, []).append(ids[n])
    retired: list[str] = []
    labels: dict[tuple[str, ...], str] = {}  # the same few object lists recur on most edges
    for i, (u, v, d) in enumerate(g.edges(data=True)):
        arrow = "-->" if d["status"] == "active" else "-.->"
        objects = tuple(d["data"])
        text = labels.get(objects)
        if text is None:
            text = labels[objects] = label(", ".join(objects))
        lines.append(f'  {ids[u]} {arrow}|"{text}"| {ids[v]}')
        if d["status"] == "retired":
            retired.append(str(i))
    for cls in sorted(classes):
        lines.append(f"  classDef {cls} {_MERMAID_STYLES[cls]}")
        lines.append(f"  class {','.join(classes[cls])} {cls}")
    if retired:
        lines.append(f"  linkStyle {','.join(retired)} stroke:#9e9e9e")
    return "\n".join(lines) + "\n"


_DOT_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_DOT_C1 = re.compile("[\x80-\x9f]")
DOT_PIECE = 2000
"""Characters per quoted piece of a DOT string: graphviz reads a quoted string of at most 16,384
bytes, and a character takes at most four (UTF-8) once escaped."""


def dot_quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks (also NEL, U+2028
    and U+2029) as ``\\n``.

    Other control characters (graphviz stops reading a string at NUL) become their pictures, C1
    controls U+FFFD. A text longer than :data:`DOT_PIECE` characters is written as pieces joined
    with DOT's ``+``, which graphviz reads as one string.
    """
    text = _DOT_C1.sub("\ufffd", _DOT_BREAKS.sub("\n", text))
    pieces = [text[i : i + DOT_PIECE] for i in range(0, len(text), DOT_PIECE)] or [""]
    return " + ".join(_dot_piece(p) for p in pieces)


def _dot_piece(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + _CONTROLS.sub(_picture, escaped) + '"'


_DOT_KIND = {
    "register": {"shape": "cylinder", "fillcolor": "#e8f1fb", "color": "#1f5fa8"},
    "channel": {"shape": "hexagon", "fillcolor": "#eef7ee", "color": "#2e7d32"},
    "infrastructure": {"shape": "component", "fillcolor": "#f3eefa", "color": "#6a3fa0"},
}
_DOT_MARK = {
    "planned": {"style": "rounded,filled,dashed"},
    "retired": {"fillcolor": "#eeeeee", "color": "#9e9e9e", "fontcolor": "#757575"},
    "source": {"penwidth": "2.5"},
    "missing": {"color": "#c62828", "fillcolor": "#fdecea", "style": "rounded,filled,dashed"},
    "broken": {"color": "#e65100", "fillcolor": "#fff4e5"},
}


def _dot_attrs(attrs: dict[str, str]) -> str:
    return ", ".join(f"{k}={dot_quote(v)}" for k, v in attrs.items())


def _dot(g: Network) -> str:
    lines = [
        'digraph "kommarch" {',
        '  graph [rankdir="LR"];',
        '  node [shape="box", style="rounded,filled", fillcolor="white", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize="10"];',
    ]
    for n, d in g.nodes(data=True):
        attrs = {
            "label": d["name"],
            **_DOT_KIND.get(d["kind"], {}),
            **_DOT_MARK.get(d["status"], {}),
            **_DOT_MARK.get(d.get("flow", ""), {}),
        }
        lines.append(f"  {dot_quote(n)} [{_dot_attrs(attrs)}];")
    for u, v, d in g.edges(data=True):
        attrs = {"id": d["id"], "label": ", ".join(d["data"])}
        if d["status"] != "active":
            attrs["style"] = "dashed"
        if d["status"] == "retired":
            attrs["color"] = "#9e9e9e"
        lines.append(f"  {dot_quote(u)} -> {dot_quote(v)} [{_dot_attrs(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


WRITERS: dict[Format, Callable[[Network], str]] = {
    "mermaid": _mermaid,
    "dot": _dot,
    "graphml": _graphml,
    "json": _json,
}


def render_graph(g: Network, fmt: Format) -> str:
    """``g`` (from :func:`kommarch.graphexport.select`) in ``fmt``, ending in a newline."""
    return WRITERS[fmt](g)
