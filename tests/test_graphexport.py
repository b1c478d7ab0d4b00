"""``kommarch graph``: the exported graph, its narrowings and every format read back."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kommarch.graphexport import select
from kommarch.inventory.merge import Inventory
from kommarch.pipeline import validate
from kommarch.render.graphformats import FORMATS, dot_quote, render_graph

FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "inventory.yaml"
ALL_EDGES = {
    ("alpha", "beta", "alpha-beta"),
    ("beta", "alpha", "beta-alpha"),
    ("cpr", "fag", "cpr-fag"),
    ("delta", "alpha", "delta-alpha"),
    ("esdh", "sdi", "esdh-sdi"),
    ("fag", "esdh", "fag-esdh-dokument"),
    ("fag", "esdh", "fag-esdh-person"),
    ("fag", "portal", "fag-portal"),
    ("old-sys", "esdh", "old-sys-esdh"),
}


@pytest.fixture(scope="module")
def inv() -> Inventory:
    v = validate(FIXTURE)
    assert v.findings == []
    return v.inventory


def edges(g: Any) -> set[tuple[str, str, str]]:
    return set(g.edges(keys=True))


def test_whole_graph_has_inventory_and_connected_catalogue_systems_only(inv: Inventory) -> None:
    g = select(inv)
    # serviceplatformen is only a `via`, ydelsesindeks and the other catalogue systems are unused
    assert list(g.nodes) == [
        "alpha",
        "beta",
        "cpr",
        "delta",
        "esdh",
        "fag",
        "gamma",
        "old-sys",
        "portal",
        "sdi",
    ]
    assert edges(g) == ALL_EDGES
    assert g.graph == {"municipality": "Grafby Kommune"}
    assert g.adj["cpr"]["fag"]["cpr-fag"] == {
        "id": "cpr-fag",
        "data": ["person"],
        "via": "serviceplatformen",
        "service": "SF1520",
        "mechanism": "api",
        "frequency": "realtime",
        "status": "active",
    }
    assert g.edges["fag", "portal", "fag-portal"] == {
        "id": "fag-portal",
        "data": ["person"],
        "via": "direct",
        "status": "planned",
    }
    assert g.nodes["cpr"] == {
        "name": "CPR – Det Centrale Personregister",
        "kind": "register",
        "type": "register",
        "status": "in-use",
    }
    assert g.nodes["portal"]["status"] == "planned"


@pytest.mark.parametrize(
    ("system", "depth", "nodes"),
    [
        ("fag", 0, {"fag"}),
        ("fag", 1, {"fag", "cpr", "esdh", "portal"}),
        ("fag", 2, {"fag", "cpr", "esdh", "portal", "sdi", "old-sys"}),
        ("gammel-fag", 1, {"fag", "cpr", "esdh", "portal"}),  # a former id (previous_ids)
        ("sdi", 1, {"sdi", "esdh"}),  # direction does not matter
        ("gamma", 3, {"gamma"}),
        ("ydelsesindeks", 2, {"ydelsesindeks"}),  # a catalogue system nothing connects
    ],
)
def test_neighbourhood(inv: Inventory, system: str, depth: int, nodes: set[str]) -> None:
    g = select(inv, system=system, depth=depth)
    assert set(g.nodes) == nodes
    assert edges(g) == {e for e in ALL_EDGES if e[0] in nodes and e[1] in nodes}


def test_data_flow_of_a_register_object(inv: Inventory) -> None:
    g = select(inv, data="person")
    assert {n: d.get("flow") for n, d in g.nodes(data=True)} == {
        "cpr": "source",
        "fag": "delivered",
        "esdh": "delivered",
        "portal": "missing",
    }
    # only active edges carrying person; the planned fag -> portal edge is left out
    assert edges(g) == {("cpr", "fag", "cpr-fag"), ("fag", "esdh", "fag-esdh-person")}


def test_data_flow_marks_a_broken_chain_with_the_deliveries_that_feed_it(inv: Inventory) -> None:
    g = select(inv, data="hjaelp")
    assert {n: d.get("flow") for n, d in g.nodes(data=True)} == {
        "alpha": "broken",
        "beta": "broken",
        "delta": "missing",
        "gamma": "source",
    }
    assert edges(g) == {
        ("alpha", "beta", "alpha-beta"),
        ("beta", "alpha", "beta-alpha"),
        ("delta", "alpha", "delta-alpha"),
    }


def test_data_flow_of_a_municipal_object_starts_at_its_masters(inv: Inventory) -> None:
    g = select(inv, data="sag")
    assert {n: d.get("flow") for n, d in g.nodes(data=True)} == {
        "esdh": "source",
        "sdi": "delivered",
    }
    assert edges(g) == {("esdh", "sdi", "esdh-sdi")}


def test_flow_and_neighbourhood_combine(inv: Inventory) -> None:
    g = select(inv, data="person", system="esdh", depth=1)
    assert set(g.nodes) == {"esdh", "fag"}
    assert edges(g) == {("fag", "esdh", "fag-esdh-person")}
    assert g.graph == {
        "municipality": "Grafby Kommune",
        "system": "esdh",
        "depth": 1,
        "data": "person",
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"system": "fagg"}, "unknown system 'fagg'; did you mean 'fag'?"),
        ({"data": "persn"}, "unknown data object 'persn'; did you mean 'person'?"),
        ({"system": "fag", "depth": -1}, "depth must be 0 or more, not -1"),
        (
            {"system": "alpha", "data": "person"},
            "system 'alpha' takes no part in the flow of 'person'",
        ),
    ],
)
def test_bad_narrowing_raises_value_error(inv: Inventory, kwargs: Any, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        render_graph(select(inv, **kwargs), "json")
    assert str(exc.value) == message


def test_graphml_reads_back_with_string_attributes(inv: Inventory) -> None:
    text = render_graph(select(inv), "graphml")
    g = nx.read_graphml(io.BytesIO(text.encode()), force_multigraph=True)
    assert g.is_directed() and g.is_multigraph()
    assert set(g.nodes) == {
        "alpha",
        "beta",
        "cpr",
        "delta",
        "esdh",
        "fag",
        "gamma",
        "old-sys",
        "portal",
        "sdi",
    }
    assert edges(g) == ALL_EDGES
    assert g.adj["esdh"]["sdi"]["esdh-sdi"]["data"] == "sag, dokument"
    assert g.nodes["portal"]["name"] == 'Borger "portal" | <ny> & #1'
    assert g.graph["municipality"] == "Grafby Kommune"


def test_json_is_node_link_data_and_reads_back(inv: Inventory) -> None:
    text = render_graph(select(inv, data="person"), "json")
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    g = nx.node_link_graph(data, edges="edges")
    assert edges(g) == {("cpr", "fag", "cpr-fag"), ("fag", "esdh", "fag-esdh-person")}
    assert g.adj["cpr"]["fag"]["cpr-fag"]["data"] == ["person"]
    assert g.nodes["portal"]["flow"] == "missing"


def test_mermaid(inv: Inventory) -> None:
    assert render_graph(select(inv, system="fag", depth=1), "mermaid") == "\n".join(
        [
            "flowchart LR",
            '  n_cpr[("CPR – Det Centrale Personregister")]',
            '  n_esdh["Grafby ESDH"]',
            '  n_fag["Fagsystem"]',
            '  n_portal["Borger #quot;portal#quot; #124; #60;ny#62; #38; #35;1"]',
            '  n_cpr -->|"person"| n_fag',
            '  n_fag -->|"dokument"| n_esdh',
            '  n_fag -->|"person"| n_esdh',
            '  n_fag -.->|"person"| n_portal',
            "  classDef planned stroke-dasharray:5 5",
            "  class n_portal planned",
            "  classDef register fill:#e8f1fb,stroke:#1f5fa8",
            "  class n_cpr register",
            "",
        ]
    )


def test_mermaid_marks_retired_edges_and_flow_nodes(inv: Inventory) -> None:
    whole = render_graph(select(inv), "mermaid").splitlines()
    assert '  n_old_sys -.->|"sag"| n_esdh' in whole
    assert whole[-1] == "  linkStyle 8 stroke:#9e9e9e"  # the 9th edge in sorted order
    flow = render_graph(select(inv, data="hjaelp"), "mermaid").splitlines()
    assert flow[-6:] == [
        "  classDef broken fill:#fff4e5,stroke:#e65100",
        "  class n_alpha,n_beta broken",
        "  classDef missing fill:#fdecea,stroke:#c62828,stroke-dasharray:5 5",
        "  class n_delta missing",
        "  classDef source stroke-width:3px",
        "  class n_gamma source",
    ]


def test_dot_quotes_and_escapes(inv: Inventory) -> None:
    text = render_graph(select(inv, system="fag", depth=1), "dot")
    assert (
        '  "portal" [label="Borger \\"portal\\" | <ny> & #1", style="rounded,filled,dashed"];'
        in text.splitlines()
    )
    assert (
        '  "fag" -> "portal" [id="fag-portal", label="person", style="dashed"];'
        in text.splitlines()
    )
    assert dot_quote('a\\b"c\nd') == '"a\\\\b\\"c\\nd"'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
@pytest.mark.parametrize("kwargs", [{}, {"data": "hjaelp"}, {"system": "fag", "depth": 1}])
def test_dot_renders_with_graphviz(inv: Inventory, kwargs: Any) -> None:
    text = render_graph(select(inv, **kwargs), "dot")
    proc = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    assert b"<svg" in proc.stdout


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
def test_dot_survives_hostile_names(tmp_path: Path) -> None:
    hostile = 'a\\"; } digraph x { b -> c; // \\N \\G\n"'
    (tmp_path / "i.yaml").write_text(
        "municipality: {name: X}\nsystems:\n"
        f"  - {{id: s, name: {json.dumps(hostile)}, type: other, status: in-use}}\n",
        encoding="utf-8",
    )
    inv = validate(tmp_path / "i.yaml").inventory
    text = render_graph(select(inv), "dot")
    proc = subprocess.run(["dot", "-Tplain"], input=text.encode(), capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    nodes = [line for line in proc.stdout.decode().splitlines() if line.startswith("node ")]
    assert len(nodes) == 1  # the name did not end the graph or add nodes


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_identical_across_hash_seeds(fmt: str) -> None:
    code = (
        "import sys; from pathlib import Path; from kommarch.pipeline import validate; "
        "from kommarch.graphexport import select; "
        "from kommarch.render.graphformats import render_graph; "
        f"sys.stdout.write(render_graph(select(validate(Path({str(FIXTURE)!r})).inventory), "
        f"{fmt!r}))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1
