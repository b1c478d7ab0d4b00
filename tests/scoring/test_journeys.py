"""Caseworker journeys (sections 8 and 13): redundant steps, hours, unknown hours, order."""

from __future__ import annotations

from pathlib import Path

from tests.scoring.scoringkit import fixture, inline

from kommarch.inventory.location import Location
from kommarch.inventory.models import Settings
from kommarch.report import Journey, JourneyObject
from kommarch.scoring import journeys

AT = "inventory.yaml"


def test_journeys_hand_computed_and_sorted() -> None:
    assert journeys(fixture("journeys")) == [
        # person looked up in a, b, c (2 redundant), sag entered in a and b (1 redundant):
        # 1000 * (2 * 45 + 1 * 120) / 3600
        Journey(
            "p-hoej",
            "Mange opslag",
            "jobcenter",
            1000,
            2,
            1,
            1000 * 210 / 3600,
            (
                JourneyObject("person", ("a", "b", "c"), ("c",)),
                JourneyObject("sag", ("a",), ("a", "b")),
            ),
            Location(AT, 24, 5),
        ),
        # x entered in three systems: 360 * 2 * 120 / 3600
        Journey(
            "p-tast",
            "Indtastning tre steder",
            None,
            360,
            0,
            2,
            24.0,
            (JourneyObject("x", (), ("a", "b", "c")),),
            Location(AT, 35, 5),
        ),
        # nothing redundant: zero hours, ties by process id
        Journey(
            "p-nul-a",
            "Sammenhængende A",
            None,
            3600,
            0,
            0,
            0.0,
            (JourneyObject("person", ("b",), ()),),
            Location(AT, 42, 5),
        ),
        Journey(
            "p-nul-b",
            "Sammenhængende B",
            None,
            3600,
            0,
            0,
            0.0,
            (
                JourneyObject("person", ("a",), ()),
                JourneyObject("sag", (), ("a",)),
            ),
            Location(AT, 18, 5),
        ),
        # a repeated in the same system counts once; no cases_per_year: unknown, last
        Journey(
            "p-ukendt",
            "Uden sagstal",
            None,
            None,
            1,
            0,
            None,
            (JourneyObject("person", ("a", "b"), ()),),
            Location(AT, 12, 5),
        ),
    ]


def test_hours_use_the_configured_seconds() -> None:
    settings = Settings(lookup_seconds=60.0, entry_seconds=30.0)
    hours = {j.process: j.hours_per_year for j in journeys(fixture("journeys", settings=settings))}
    assert hours == {
        "p-hoej": 1000 * (2 * 60 + 30) / 3600,
        "p-tast": 360 * 60 / 3600,
        "p-nul-a": 0.0,
        "p-nul-b": 0.0,
        "p-ukendt": None,
    }


def test_a_journey_carries_its_processs_kle_numbers(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        """\
systems:
  - {id: a, name: A, type: other, status: in-use}
processes:
  - id: p-kh
    name: Kontanthjælp
    kle: ["15.00.00", "15.20.00"]
    steps:
      - {system: a, action: lookup, data: [person]}
""",
    )
    assert [(j.process, j.kle) for j in journeys(ctx)] == [("p-kh", ("15.00.00", "15.20.00"))]


def test_a_journey_losing_minutes_comes_before_one_losing_nothing(tmp_path: Path) -> None:
    # 10 cases with one redundant lookup lose 10 * 45 s = 0.125 hours a year; 3,600 cases
    # without a redundant step lose none.
    ctx = inline(
        tmp_path,
        """\
systems:
  - {id: a, name: A, type: other, status: in-use}
  - {id: b, name: B, type: other, status: in-use}
processes:
  - id: a-nul
    name: Sammenhængende
    cases_per_year: 3600
    steps:
      - {system: a, action: lookup, data: [person]}
  - id: b-lidt
    name: Lidt dobbelt
    cases_per_year: 10
    steps:
      - {system: a, action: lookup, data: [person]}
      - {system: b, action: lookup, data: [person]}
""",
    )
    assert [(j.process, j.hours_per_year) for j in journeys(ctx)] == [
        ("b-lidt", 0.125),
        ("a-nul", 0.0),
    ]
