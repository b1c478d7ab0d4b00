"""Hot spots (the report's diagram), names and inventory sizes."""

from __future__ import annotations

from tests.scoring.scoringkit import finding, fixture

from kommarch.report import GraphEdge, Hotspots, InventoryStats
from kommarch.scoring import hotspots, names, stats

RAW = [
    finding("KM101", "a", "person"),  # a 1, cpr 1: manual cpr -> a
    finding("KM101", "b", "person"),  # b 1, cpr 1: manual cpr -> b
    finding("KM102", "c", "jobplan"),  # c 1, m 1 (the master): manual m -> c
    finding("KM201", "d", "adresse"),  # d 1, dar 1: missing dar -> d
    finding("KM202", "e", "plads"),  # e 1: plads has no master, no edge
    finding("KM201", "a", "jobplan"),  # a 1, m 1: missing m -> a
    finding("KM103", "plads", "e"),  # not a hot-spot rule
    finding("KM401", "a"),
]


def test_hotspots_nodes_by_weight_edges_and_active_integrations() -> None:
    assert hotspots(fixture("hotspots"), RAW) == Hotspots(
        nodes=("a", "cpr", "m", "b", "c", "d", "dar", "e"),
        edges=(
            GraphEdge("cpr", "a", ("person",), "manual"),
            GraphEdge("cpr", "b", ("person",), "manual"),
            GraphEdge("cpr", "m", ("person",), "integration"),
            GraphEdge("dar", "d", ("adresse",), "missing"),
            GraphEdge("m", "a", ("jobplan",), "integration"),
            GraphEdge("m", "a", ("jobplan",), "missing"),
            GraphEdge("m", "c", ("jobplan",), "manual"),  # m -> c is retired: no integration
        ),
        omitted_nodes=0,
        omitted_edges=0,
    )


def test_hotspots_keep_the_heaviest_nodes_and_count_the_rest() -> None:
    assert hotspots(fixture("hotspots"), RAW, max_nodes=3) == Hotspots(
        nodes=("a", "cpr", "m"),  # weight 2 each; b, c, d, dar, e (weight 1) left out
        edges=(
            GraphEdge("cpr", "a", ("person",), "manual"),
            GraphEdge("cpr", "m", ("person",), "integration"),
            GraphEdge("m", "a", ("jobplan",), "integration"),
            GraphEdge("m", "a", ("jobplan",), "missing"),
        ),
        omitted_nodes=5,
        omitted_edges=3,  # cpr -> b, dar -> d, m -> c
    )


def test_hotspots_of_a_clean_inventory_are_empty() -> None:
    assert hotspots(fixture("hotspots"), []) == Hotspots((), (), 0, 0)


def test_names_cover_systems_objects_and_processes_sorted() -> None:
    table = names(fixture("hotspots").inventory)
    assert list(table) == sorted(table)
    assert table["cpr"] == "CPR – Det Centrale Personregister"
    assert table["person"] == "Persondata (CPR)"  # built-in objects in Danish
    assert table["jobplan"] == "Jobplan"
    assert table["m"] == "Master"
    assert table["a"] == "A"  # the process 'a' shares the id: the system's name wins
    assert {"serviceplatformen", "sdi", "brev", "plads", "h"} <= set(table)


def test_stats() -> None:
    assert stats(fixture("hotspots").inventory) == InventoryStats(
        systems=9,
        systems_audited=7,
        integrations=4,
        integrations_active=3,
        data_objects=2,
        processes=1,
        units=1,
        files=1,
    )
