"""The SVG charts and diagrams: golden bytes, escaping, accessibility, both layout engines."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from kommarch.landscape import Diagram, Edge, Node
from kommarch.render import svg

NS = "{http://www.w3.org/2000/svg}"
NASTY = "Løn & <Personale> \"HR\" 'A'\x07"

INDICATORS: list[tuple[str, str, float | None]] = [
    ("register_data_reused", "Registerdata genbruges", 52 / 67),
    (
        "infrastructure_obligations_met",
        "Forpligtelser over for den fælleskommunale infrastruktur",
        0.875,
    ),
    ("no_duplicate_entry", NASTY, 0.9),
    ("ownership", "Ejerskab", None),
]


def flows() -> Diagram:
    nodes = (
        Node("cpr", "CPR", "Fælles"),
        Node("ky", "Kommunernes Ydelsessystem (KY)", "Beskæftigelse"),
        Node("sbsys", "SBSYS", "Beskæftigelse"),
        Node("opus", NASTY, "Økonomi"),
        Node("lang", "Et system med et meget langt navn, der skal forkortes", "Økonomi"),
    )
    edges = (
        Edge("cpr", "ky", "person"),
        Edge("cpr", "sbsys", "person", "missing"),
        Edge("ky", "opus", "ydelse", "manual"),
        Edge("opus", "ky", "postering <&>"),  # a cycle: one layer
        Edge("sbsys", "lang", "sag"),
    )
    return Diagram(f"Landskab: {NASTY}", nodes, edges)


def accessible(doc: str, title: str) -> ET.Element:
    root = ET.fromstring(doc)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == title
    first = root.find(f"{NS}title")
    assert first is not None and first.text == title
    return root


def test_indicator_chart(golden: Callable[[str, str], None]) -> None:
    for lang in ("da", "en"):
        doc = svg.indicator_chart(INDICATORS, 71.458, lang)
        golden(f"indicators.{lang}.svg", doc)
        assert svg.indicator_chart(INDICATORS, 71.458, lang) == doc
    da = svg.indicator_chart(INDICATORS, 71.458, "da")
    root = accessible(da, "Modenhedsindikatorer og point")
    texts = "".join(root.itertext())
    assert "Løn & <Personale> \"HR\" 'A'" in texts  # escaped, read back intact, bell dropped
    assert "87 %" in texts and "71,4" in texts and "–" in texts
    # the 0.9 mark on the infrastructure bar and the 75 mark on the score bar
    assert da.count('stroke-dasharray="4 2"') == 2
    assert 'x1="532.0"' in da  # 262 + 300 * 0.9
    assert 'x1="487.0"' in da  # 262 + 300 * 0.75
    assert "#c53030" in da  # infrastructure 87.5 % and score 71.4 fail their thresholds


def test_path_chart(golden: Callable[[str, str], None]) -> None:
    steps = [("Tilslut SBSYS til SDI", 73.2), ("Hent person fra CPR <via SF1520>", 76.5)]
    doc = svg.path_chart(70.0, steps, "da")
    golden("path.da.svg", doc)
    root = accessible(doc, "Vejen til A-kommune: point efter hvert skridt")
    texts = "".join(root.itertext())
    assert "I dag" in texts and "Hent person fra CPR <via SF1520>" in texts and "76,5" in texts
    assert doc.count("#2f855a") == 1 and doc.count("#c53030") == 2
    assert "Today" in svg.path_chart(70.0, steps, "en")


def test_python_layouts(golden: Callable[[str, str], None]) -> None:
    d = flows()
    grouped = svg.diagram(d, "python")
    assert grouped == svg.grouped(d)
    golden("landscape.python.svg", grouped)
    root = accessible(grouped, f"Landskab: {NASTY.replace(chr(7), '')}")
    texts = "".join(root.itertext())
    assert "Et system med et meget lang…" in texts
    for group in ("Fælles", "Beskæftigelse", "Økonomi"):
        assert group in texts
    single = Diagram("Brændpunkter", tuple(Node(n.id, n.label, "") for n in d.nodes), d.edges)
    layered = svg.diagram(single, "python")
    golden("hotspots.python.svg", layered)
    accessible(layered, "Brændpunkter")
    assert svg._layers(single) == [["cpr"], ["ky", "opus", "sbsys"], ["lang"]]


def test_the_arrowhead_id_is_unique_per_diagram() -> None:
    a = svg.layered(Diagram("A", (Node("x", "X", ""), Node("y", "Y", "")), (Edge("x", "y", "z"),)))
    b = svg.layered(Diagram("B", (Node("x", "X", ""), Node("y", "Y", "")), (Edge("x", "y", "z"),)))
    ida = ET.fromstring(a).find(f"{NS}defs/{NS}marker").get("id")  # type: ignore[union-attr]
    idb = ET.fromstring(b).find(f"{NS}defs/{NS}marker").get("id")  # type: ignore[union-attr]
    assert ida != idb and f"url(#{ida})" in a


def test_dot_source_quotes_every_name() -> None:
    src = svg.dot_source(flows())
    assert 'label="Løn & <Personale> \\"HR\\" \'A\'"' in src
    assert "subgraph cluster_0 {" in src and "style=dashed" in src and "style=bold" in src


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
def test_graphviz_layout_is_accessible_and_stable() -> None:
    d = flows()
    doc = svg.diagram(d, "dot")
    assert doc == svg.diagram(d, "auto") == svg.diagram(d, "dot")
    assert not doc.startswith("<?xml") and "<!--" not in doc
    accessible(doc, f"Landskab: {NASTY.replace(chr(7), '')}")


def test_dot_engine_without_graphviz_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(RuntimeError, match="Graphviz"):
        svg.diagram(flows(), "dot")
    assert svg.diagram(flows(), "auto") == svg.grouped(flows())
