"""Edge cases of the scoring that the mutation test (make mutation, docs/testing.md) showed no
rule or scoring test held: boundaries, entries skipped before one that counts, and the texts of
the path to A and of the levers."""

from __future__ import annotations

from pathlib import Path

from tests.scoring.scoringkit import finding, fixture, inline
from tests.scoring.test_maturity import RAW

from kommarch.findings import Text
from kommarch.scoring import hotspots, journeys, kle_titles, maturity, recommendations
from kommarch.scoring.path import _mandatory_text
from kommarch.scoring.score import infrastructure_met

CASE = "{id: s0, name: S0, type: case-management, status: in-use, owner: Chef, data: {sag: master}}"


def test_infrastructure_met_at_both_sides_of_0_9() -> None:
    assert infrastructure_met(0, 0)  # nothing applies: met
    assert not infrastructure_met(0, 1)
    assert infrastructure_met(1, 1)
    assert infrastructure_met(9, 10)  # exactly 0.9
    assert not infrastructure_met(8, 9)


def test_path_steps_say_which_index_to_connect(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        f"""systems:
  - {CASE}
  - {{id: ky, name: KY, type: line-of-business, status: in-use, owner: Chef,
     data: {{ydelse: master}}}}
  - {{id: hr, name: HR, type: hr, status: in-use, owner: Chef, data: {{organisation: master}}}}
""",
    )
    raw = [finding("KM302", "s0"), finding("KM303", "ky"), finding("KM304", "hr")]
    m = maturity(ctx, raw)
    # error-severity obligations first (by subjects), then KM304
    assert [(s.rule, s.action.en) for s in m.path_to_a] == [
        ("KM303", "Connect KY to Ydelsesindeks so its benefits are reported"),
        (
            "KM302",
            "Connect S0 to the Sags- og Dokumentindeks (SF1470) so its cases and documents are "
            "indexed",
        ),
        ("KM304", "Deliver organisation from HR to Fælleskommunalt Organisationssystem (SF1500)"),
    ]
    assert m.path_to_a[0].action.da == "Tilslut KY til Ydelsesindeks, så ydelserne indberettes"


def test_a_closed_service_step_names_the_successor(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        """systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use, owner: Chef,
     data: {brev: master}}
integrations:
  - {id: print, from: ky, to: postkomponent, data: [brev], via: serviceplatformen,
     service: SF1600}
  - {id: egen, from: ky, to: postkomponent, data: [brev], via: serviceplatformen}
""",
    )
    m = maturity(ctx, [finding("KM309", "print"), finding("KM309", "egen")])
    assert [(s.rule, s.subjects, s.action.da) for s in m.path_to_a] == [
        (
            "KM309",
            ("print",),
            "Skift den lukkede service SF1600 ud med SF1601 i integrationen fra KY "
            "til Digital Post",
        ),
        (
            "KM309",
            ("egen",),
            "Find en afløser for den lukkede service i integrationen fra KY til Digital Post",
        ),
    ]
    assert m.path_to_a[0].action.en == (
        "Replace the closed service SF1600 with SF1601 in the integration from KY to Digital Post"
    )
    # a finding without subjects (none does so today) still gets a text
    assert _mandatory_text(ctx.graph, "KM309", ()) == Text(
        "Find en afløser for den lukkede service i integrationen ",
        "Find a successor to the closed service in the integration ",
    )


def test_hotspots_skip_findings_that_are_no_hot_spot_before_one_that_is() -> None:
    raw = [finding("KM401", "a"), finding("KM101", "a", "person")]
    assert hotspots(fixture("hotspots"), raw).nodes == ("a", "cpr")


def test_recommendations_skip_integrated_data_before_a_manual_entry(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        """data_objects:
  - {id: aplan, name: A-plan}
  - {id: bplan, name: B-plan}
systems:
  - {id: m, name: M, type: other, status: in-use, data: {aplan: master, bplan: master}}
  - {id: s, name: S, type: other, status: in-use, data: {aplan: integration, bplan: manual}}
integrations:
  - {from: m, to: s, data: [aplan]}
""",
    )
    assert [(r.system, r.object) for r in recommendations(ctx, journeys(ctx))] == [("s", "bplan")]


def test_kle_titles_only_of_known_numbers(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        """systems:
  - {id: s, name: S, type: other, status: in-use, kle: ["27.24.00", "99.99.99"]}
""",
    )
    titles = kle_titles(ctx.inventory)
    assert list(titles) == ["27.24.00"]
    assert titles["27.24.00"]


def test_the_texts_of_the_levers_and_of_the_path_to_a() -> None:
    m = maturity(fixture("maturity"), RAW)
    cpr = "CPR via Serviceplatformen (SF1520)"
    fko = "Fælleskommunalt Organisationssystem (SF1500)"
    assert [(lv.subjects, lv.text.da) for lv in m.levers] == [
        (
            ("fag", "organisation"),
            f"Erstat den manuelle indtastning af organisation i Fagsystem med en "
            "integration direkte "
            f"fra {fko}",
        ),
        (
            ("fag", "person"),
            f"Forbind leverancerne af person til Fagsystem med en kilde, f.eks. fra {cpr}",
        ),
        (
            ("ky", "person"),
            f"Erstat den manuelle indtastning af person i Ydelsessystem med en "
            f"integration fra {cpr}",
        ),
        (
            ("ky", "ydelsesindeks"),
            "Tilslut Ydelsessystem til Ydelsesindeks, så ydelserne indberettes",
        ),
        (("esdh", "jobplan"), "Etabler integrationen af jobplan til ESDH fra Fagsystem direkte"),
    ]
    assert [lv.text.en for lv in m.levers] == [
        f"Replace the manual entry of organisation in Fagsystem by an "
        f"integration directly from {fko}",
        "Connect the deliveries of person to Fagsystem to a source, e.g. from CPR through "
        "Serviceplatformen (SF1520)",
        "Replace the manual entry of person in Ydelsessystem by an integration from CPR through "
        "Serviceplatformen (SF1520)",
        "Connect Ydelsessystem to Ydelsesindeks so its benefits are reported",
        "Build the integration of jobplan into ESDH from Fagsystem directly",
    ]
    assert [(s.rule, s.subjects, s.hours, s.action.en) for s in m.path_to_a[1:]] == [
        (
            "KM303",
            ("ky",),
            None,
            "Connect Ydelsessystem to Ydelsesindeks so its benefits are reported",
        ),
        (
            "KM304",
            ("fag",),
            None,
            f"Replace the manual entry of organisation in Fagsystem by an "
            "integration directly from "
            f"{fko}",
        ),
        (
            "KM101",
            ("ky", "person"),
            None,
            "Replace the manual entry of person in Ydelsessystem by an integration "
            "from CPR through "
            "Serviceplatformen (SF1520)",
        ),
    ]
