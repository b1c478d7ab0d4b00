"""The message pieces the rules share (rules/hints.py): exact Danish and English texts."""

from __future__ import annotations

from typing import Any

import pytest

from kommarch.findings import Text
from kommarch.rules.hints import called, fetch_hint, integration_text, names

INVENTORY = """\
systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, data: {sag: master}}
integrations:
  - {from: sbsys, to: sdi, data: [sag]}
processes:
  - id: kontanthjaelp
    name: Ansøgning om kontanthjælp
    steps:
      - {system: sbsys, action: lookup, data: [sag]}
"""


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ((), Text("", "")),
        (("SBSYS",), Text("SBSYS", "SBSYS")),
        (("SBSYS", "KMD Nova"), Text("SBSYS og KMD Nova", "SBSYS and KMD Nova")),
        (("A", "B", "C", "D", "E"), Text("A, B, C, D og E", "A, B, C, D and E")),
        (
            ("A", "B", "C", "D", "E", "F"),
            Text("A, B, C, D, E og 1 anden", "A, B, C, D, E and 1 more"),
        ),
        (
            ("A", "B", "C", "D", "E", "F", "G"),
            Text("A, B, C, D, E og 2 andre", "A, B, C, D, E and 2 more"),
        ),
    ],
)
def test_names_lists_up_to_five_then_counts_the_rest(ids: tuple[str, ...], expected: Text) -> None:
    assert names(ids) == expected


def test_names_cut_after_the_limit_in_both_languages() -> None:
    assert names(["Momentum", "KY", "Nexus", "DUBU"], limit=2) == Text(
        "Momentum, KY og 2 andre", "Momentum, KY and 2 more"
    )


def test_called_names_systems_catalogue_systems_and_processes(audit_context: Any) -> None:
    graph = audit_context(INVENTORY).graph
    assert called(graph, "sbsys") == "SBSYS"  # an inventory system by its name
    assert called(graph, "sdi") == "Sags- og Dokumentindeks"  # a catalogue system, short
    assert called(graph, "kontanthjaelp") == "Ansøgning om kontanthjælp"  # a process
    assert called(graph, "sag") == "sag"  # a data object by its id


def test_integration_text_names_the_ends_or_else_the_id(audit_context: Any) -> None:
    graph = audit_context(INVENTORY).graph
    assert integration_text(graph, "sbsys-sdi") == Text(
        "integrationen fra SBSYS til Sags- og Dokumentindeks",
        "the integration from SBSYS to Sags- og Dokumentindeks",
    )
    assert integration_text(graph, "sbsys-nova") == Text(
        "integrationen sbsys-nova", "the integration sbsys-nova"
    )


def test_fetch_hint_names_the_channel_by_its_own_label_whatever_the_catalogue_calls_it(
    audit_context: Any, future_catalogue: Any
) -> None:
    future_catalogue(
        systems={
            "serviceplatformen": {"name": "KOMBIT Serviceplatform"},
            "datafordeleren": {"name": "Den fælles Datafordeler"},
        }
    )
    graph = audit_context(INVENTORY).graph
    assert fetch_hint(graph, "person") == Text(
        "hent person fra CPR via Serviceplatformen (SF1520)",
        "fetch person from CPR through Serviceplatformen (SF1520)",
    )
    assert fetch_hint(graph, "matrikel") == Text(
        "hent matrikel fra Matriklen via Datafordeleren",
        "fetch matrikel from Matriklen through Datafordeleren",
    )
    assert fetch_hint(graph, "sag") == Text(
        "hent sag fra SBSYS", "fetch sag from SBSYS"
    )  # the master, no integration platform in the inventory
