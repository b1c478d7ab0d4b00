"""The levers' texts in both languages (owners, masters, obligations, the route of a manual
entry) and which fixes are levers at all."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from tests.scoring.scoringkit import finding, inline

from kommarch.findings import Text
from kommarch.inventory.models import Settings
from kommarch.scoring import maturity


def _levers(tmp_path: Path, text: str, settings: Settings | None = None) -> list[tuple[str, ...]]:
    m = maturity(inline(tmp_path, text, settings), [])
    return [(lv.indicator, *lv.subjects, lv.text.da, lv.text.en) for lv in m.levers]


def test_owner_and_master_levers_in_danish_and_english(tmp_path: Path) -> None:
    # A has no owner; nobody masters elev, A and B both master plads; C keys jobplan in by hand
    # though B masters it and the municipality has an integration platform.
    assert _levers(
        tmp_path,
        """\
data_objects:
  - {id: plads, name: Plads}
  - {id: elev, name: Elev}
  - {id: jobplan, name: Jobplan}
systems:
  - {id: ip, name: Broker, type: integration-platform, status: in-use, owner: Chef}
  - {id: a, name: Skoleadmin, type: other, status: in-use, data: {plads: master, elev: manual}}
  - {id: b, name: Booking, type: other, status: in-use, owner: Chef,
     data: {plads: master, jobplan: master}}
  - {id: c, name: Jobcenter, type: other, status: in-use, owner: Chef, data: {jobplan: manual}}
""",
    ) == [
        (
            "no_duplicate_entry",
            "a",
            "elev",
            "Erstat den manuelle indtastning af elev i Skoleadmin med en integration fra sin "
            "master via integrationsplatformen Broker (intet system er master af elev; udpeg "
            "en først)",
            "Replace the manual entry of elev in Skoleadmin by an integration from its master "
            "through the integration platform Broker (no system masters elev; appoint one "
            "first)",
        ),
        (
            "no_duplicate_entry",
            "c",
            "jobplan",
            "Erstat den manuelle indtastning af jobplan i Jobcenter med en integration fra "
            "Booking via integrationsplatformen Broker",
            "Replace the manual entry of jobplan in Jobcenter by an integration from Booking "
            "through the integration platform Broker",
        ),
        ("ownership", "a", "Udpeg en systemejer for Skoleadmin", "Name an owner for Skoleadmin"),
        (
            "ownership",
            "elev",
            "Udpeg ét mastersystem for elev",
            "Appoint one master system for elev",
        ),
        (
            "ownership",
            "plads",
            "a",
            "b",
            "Gør ét system til master af plads (i dag: Skoleadmin, Booking)",
            "Make one system the master of plads (today: Skoleadmin, Booking)",
        ),
    ]


def test_several_systems_without_owner_are_one_lever_that_counts_them(tmp_path: Path) -> None:
    assert _levers(
        tmp_path,
        """\
systems:
  - {id: a, name: A, type: other, status: in-use}
  - {id: b, name: B, type: other, status: in-use}
  - {id: c, name: C, type: other, status: in-use}
""",
    ) == [
        (
            "ownership",
            "a",
            "b",
            "c",
            "Udpeg en systemejer for de 3 systemer i drift uden ejer",
            "Name an owner for the 3 in-use systems without one",
        )
    ]


def test_a_fix_that_gains_less_than_one_point_is_still_a_lever(tmp_path: Path) -> None:
    # Ownership weighs 1/64: naming S0's owner takes ownership from 2/3 to 3/3 and the score
    # up by 100 * (1/64) * (1/3) / (2 + 1/64), about a quarter of a point.
    settings = Settings.model_validate({"weights": {"ownership": 0.015625}})
    m = maturity(
        inline(
            tmp_path,
            """\
data_objects:
  - {id: plads, name: Plads}
systems:
  - {id: s0, name: S0, type: other, status: in-use, data: {plads: master}}
  - {id: s1, name: S1, type: other, status: in-use, owner: Chef, data: {plads: integration}}
""",
            settings,
        ),
        [],
    )
    w = Fraction(1, 64)
    assert [(lv.indicator, lv.gain, lv.subjects) for lv in m.levers] == [
        ("ownership", float(100 * w * Fraction(1, 3) / (2 + w)), ("s0",))
    ]
    assert m.levers[0].gain < 1


def test_obligation_levers_say_which_component_to_connect(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        """\
systems:
  - {id: s0, name: Sager, type: case-management, status: in-use, owner: Chef,
     data: {sag: master}}
  - {id: ky, name: KY, type: line-of-business, status: in-use, owner: Chef,
     data: {ydelse: master}}
  - {id: hr, name: HR, type: hr, status: in-use, owner: Chef, data: {organisation: master}}
""",
    )
    m = maturity(ctx, [finding("KM302", "s0"), finding("KM303", "ky"), finding("KM304", "hr")])
    fko = "Fælleskommunalt Organisationssystem (SF1500)"
    assert [(lv.subjects, lv.text) for lv in m.levers] == [
        (
            ("hr", "fk-organisation"),
            Text(f"Lever organisation fra HR til {fko}", f"Deliver organisation from HR to {fko}"),
        ),
        (
            ("ky", "ydelsesindeks"),
            Text(
                "Tilslut KY til Ydelsesindeks, så ydelserne indberettes",
                "Connect KY to Ydelsesindeks so its benefits are reported",
            ),
        ),
        (
            ("s0", "sdi"),
            Text(
                "Tilslut Sager til Sags- og Dokumentindeks (SF1470), så sager og dokumenter "
                "indekseres",
                "Connect Sager to the Sags- og Dokumentindeks (SF1470) so its cases and "
                "documents are indexed",
            ),
        ),
    ]
