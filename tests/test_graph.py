"""The graph and its shared queries: holding, sources, chains, deliveries, kinds, export."""

from __future__ import annotations

from pathlib import Path

import pytest

from kommarch.catalogue import ObjectKind
from kommarch.graph import Graph, Source, build_graph
from kommarch.graphexport import network
from kommarch.pipeline import validate

INVENTORY = """municipality: {name: Testkommune}
data_objects:
  - {id: plan, name: Plan}
  - {id: journal, name: Journal, masters: many}
systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use,
     data: {sag: master, person: integration, plan: master}}
  - {id: ip, name: Platform, type: integration-platform, status: in-use, data: {plan: integration}}
  - {id: nexus, name: Nexus, type: line-of-business, status: phasing-out,
     data: {plan: master, sag: integration, journal: manual}}
  - {id: gammel, name: Gammel, type: other, status: retired, data: {ydelse: master}}
  - {id: ny, name: Ny, type: other, status: planned, data: {brev: manual, plan: master}}
  - {id: loop-a, name: A, type: other, status: in-use, data: {brev: integration}}
  - {id: loop-b, name: B, type: other, status: in-use, data: {brev: integration}}
integrations:
  - {from: cpr, to: sbsys, data: [person], via: serviceplatformen, service: SF1520}
  - {from: sbsys, to: beskedfordeler, data: [sag], mechanism: message}
  - {from: beskedfordeler, to: nexus, data: [sag, sag], mechanism: message}
  - {id: nexus-ip, from: nexus, to: ip, data: [plan], via: direct}
  - {id: planlagt, from: nexus, to: fordelingskomponent, data: [journal], status: planned}
  - {from: loop-a, to: loop-b, data: [brev]}
  - {from: loop-b, to: loop-a, data: [brev]}
  - {from: gammel, to: ydelsesindeks, data: [ydelse], status: retired}
"""


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    root = tmp_path_factory.mktemp("graph")
    (root / "inventory.yaml").write_text(INVENTORY, encoding="utf-8")
    v = validate(root)
    assert v.findings == []
    return build_graph(v.inventory)


def test_audited_systems_and_platforms(graph: Graph) -> None:
    assert graph.audited == ("sbsys", "ip", "nexus", "loop-a", "loop-b")
    assert graph.platforms == ("ip",)
    assert [graph.is_audited(s) for s in ("nexus", "gammel", "ny", "cpr", "nope")] == [
        True,
        False,
        False,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("system", "obj", "held"),
    [
        ("sbsys", "person", True),  # its data map
        ("sbsys", "brev", False),
        ("ip", "plan", True),  # an integration platform holds only what data lists
        ("ip", "sag", False),
        ("cpr", "person", True),  # authority
        ("cpr", "adresse", False),
        ("serviceplatformen", "person", True),  # distributes
        ("serviceplatformen", "adresse", False),
        ("datafordeleren", "adresse", True),
        ("sdi", "sag", True),  # indexes
        ("postkomponent", "brev", True),
        ("fk-organisation", "organisation", True),
        ("beskedfordeler", "sag", True),  # an active integration delivers sag to it
        ("beskedfordeler", "plan", False),
        ("fordelingskomponent", "journal", False),  # only a planned one does
        ("nope", "sag", False),
    ],
)
def test_holds(graph: Graph, system: str, obj: str, held: bool) -> None:
    assert graph.holds(system, obj) is held


@pytest.mark.parametrize(
    ("system", "obj", "source"),
    [
        ("cpr", "person", True),
        ("serviceplatformen", "person", True),
        ("serviceplatformen", "adresse", False),
        ("datafordeleren", "matrikel", True),
        ("fk-klassifikation", "klassifikation", True),
        ("sdi", "sag", False),  # indexes are not sources
        ("beskedfordeler", "sag", False),  # nor are pass-on channels
        ("sbsys", "sag", True),  # master
        ("nexus", "journal", True),  # manual
        ("gammel", "ydelse", True),  # whatever the status
        ("ny", "brev", True),
        ("nexus", "sag", False),  # integration
    ],
)
def test_is_source(graph: Graph, system: str, obj: str, source: bool) -> None:
    assert graph.is_source(system, obj) is source


def test_chains(graph: Graph) -> None:
    assert graph.chain_intact("nexus", "sag")  # sbsys -> beskedfordeler -> nexus
    assert graph.chain_intact("sbsys", "person")
    assert graph.chain_intact("ip", "plan")
    assert not graph.chain_intact("loop-a", "brev")  # a loop with no source
    assert not graph.chain_intact("loop-b", "brev")
    assert not graph.chain_intact("sbsys", "brev")  # nothing delivered


def test_deliveries_and_integrations(graph: Graph) -> None:
    assert graph.deliveries_to("nexus", "sag") == ("beskedfordeler-nexus",)
    assert graph.deliveries_to("fordelingskomponent", "journal") == ()
    assert graph.deliveries_to("ydelsesindeks", "ydelse") == ()
    assert graph.integrations_from("nexus") == ("nexus-ip", "planlagt")
    assert graph.integrations_to("ydelsesindeks") == ("gammel-ydelsesindeks",)
    assert graph.active == (
        "cpr-sbsys",
        "sbsys-beskedfordeler",
        "beskedfordeler-nexus",
        "nexus-ip",
        "loop-a-loop-b",
        "loop-b-loop-a",
    )
    assert graph.delivers("nexus", "ip", ["sag", "plan"])
    assert not graph.delivers("nexus", "ip", ["sag"])
    assert not graph.delivers("nexus", "fordelingskomponent", ["journal"])
    assert [graph.is_connected(s) for s in ("ip", "serviceplatformen", "gammel", "ny")] == [
        True,
        True,
        False,
        False,
    ]


def test_objects(graph: Graph) -> None:
    kinds = {o: graph.object_kind(o) for o in ("person", "organisation", "sag", "plan", "nope")}
    assert kinds == {
        "person": ObjectKind.REGISTER,
        "organisation": ObjectKind.INFRASTRUCTURE,
        "sag": ObjectKind.MUNICIPAL,
        "plan": ObjectKind.MUNICIPAL,
        "nope": None,
    }
    assert [graph.single_master(o) for o in ("plan", "journal", "sag", "person")] == [
        True,
        False,
        False,
        False,
    ]
    assert (graph.authority("indkomst"), graph.authority("plan")) == ("eindkomst", None)
    assert graph.audited_masters("plan") == ("nexus", "sbsys")  # sorted; ny is planned
    assert graph.audited_holders("plan") == ("ip", "nexus", "sbsys")
    assert graph.held_objects() == ("brev", "journal", "person", "plan", "sag")


def test_suggested_source(graph: Graph) -> None:
    assert graph.suggested_source("person") == Source("cpr", "serviceplatformen", "SF1520")
    assert graph.suggested_source("adresse") == Source("dar", "datafordeleren")
    assert graph.suggested_source("organisation") == Source(
        "fk-organisation",
        None,
        "SF1500",  # called directly (contract v2)
    )
    assert graph.suggested_source("plan") == Source("nexus", "ip")
    assert graph.suggested_source("brev") is None


def test_kinds_of_nodes(graph: Graph) -> None:
    assert [graph.node_kind(s) for s in ("sbsys", "cpr", "sdi", "beskedfordeler", "nope")] == [
        "inventory",
        "register",
        "infrastructure",
        "channel",
        None,
    ]
    assert graph.is_register("vur") and not graph.is_register("serviceplatformen")


def test_networkx_export(graph: Graph) -> None:
    g = network(graph)
    assert g.nodes["sbsys"] == {
        "name": "SBSYS",
        "kind": "inventory",
        "type": "case-management",
        "status": "in-use",
    }
    assert g.nodes["cpr"]["kind"] == "register"
    assert len(g.nodes) == 7 + len(graph.inventory.catalogue.systems)
    assert list(g.nodes)[:3] == ["adgangsstyring", "bbr", "beskedfordeler"]  # sorted
    assert g.edges["nexus", "ip", "nexus-ip"] == {
        "data": ("plan",),
        "via": "direct",
        "service": None,
        "mechanism": None,
        "frequency": None,
        "status": "active",
    }
    assert g.edges["cpr", "sbsys", "cpr-sbsys"]["via"] == "serviceplatformen"
    assert g.edges["gammel", "ydelsesindeks", "gammel-ydelsesindeks"]["status"] == "retired"
    assert g.number_of_edges() == 8


def test_export_leaves_out_integrations_to_unknown_systems(tmp_path: Path) -> None:
    (tmp_path / "i.yaml").write_text(
        "municipality: {name: T}\nsystems:\n"
        "  - {id: a, name: A, type: other, status: in-use, data: {sag: master}}\n"
        "integrations:\n  - {from: a, to: ukendt, data: [sag]}\n",
        encoding="utf-8",
    )
    v = validate(tmp_path)
    assert [f.rule for f in v.findings] == ["KM005"]
    graph = build_graph(v.inventory)
    assert network(graph).number_of_edges() == 0
    assert graph.integrations_from("a") == ("a-ukendt",)
