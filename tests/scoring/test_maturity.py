"""Maturity (sections 7 and 13): hand-computed indicators, the A/U boundary, weights, levers."""

from __future__ import annotations

import datetime as dt
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from pydantic import ValidationError
from tests.scoring.scoringkit import FIXTURES, finding, fixture, inline

from kommarch.findings import Severity, Text
from kommarch.inventory.models import Indicator, Settings
from kommarch.pipeline import audit
from kommarch.report import Maturity
from kommarch.scoring import maturity
from kommarch.scoring.score import classify, infrastructure_gap, score_of, weights

# The conditions the rules would report on fixtures/scoring/maturity, plus findings that do not
# count towards any indicator (KM101, KM401, KM103).
RAW = [
    finding("KM201", "esdh", "jobplan"),
    finding("KM202", "fag", "person"),
    finding("KM306", "esdh"),
    finding("KM303", "ky"),
    finding("KM304", "fag"),
    finding("KM101", "ky", "person"),
    finding("KM401", "ky"),
    finding("KM103", "plads", "fag", "ky"),
]


def fractions(m: Maturity) -> list[tuple[str, int, int, float]]:
    return [(i.key, i.numerator, i.denominator, i.weight) for i in m.indicators]


def test_indicators_hand_computed() -> None:
    m = maturity(fixture("maturity"), RAW)
    assert fractions(m) == [
        # person: esdh, ky (manual), fag (broken), gammel; adresse: ky; virksomhed: fag (master)
        ("register_data_reused", 3, 6, 1.0),
        # esdh: KM302 met, KM304 met; ky: KM303 not; fag: KM304 not (manual). KM306 is a
        # mandatory element now, not an indicator (contract v2).
        ("common_infrastructure_used", 2, 4, 1.0),
        # integration pairs 6 (esdh 3, ky 1, fag 1, gammel 1) + manual 3 (ky 2, fag 1)
        ("no_duplicate_entry", 6, 9, 1.0),
        # of the 6 integration pairs, esdh/jobplan (KM201) and fag/person (KM202) are broken
        ("integrations_intact", 4, 6, 1.0),
        # in-use esdh, ky (blank owner), fag: 2 of 3; jobplan (1 master), plads (2), handleplan
        # (0): 1 of 3. ubrugt is held by no audited system, notat has many masters.
        ("ownership", 3, 6, 1.0),
    ]
    # 100 * (1/2 + 1/2 + 2/3 + 2/3 + 1/2) / 5 = 170/3
    assert m.score == float(Fraction(170, 3))
    assert m.classification == "U"
    assert m.infrastructure == 0.5
    assert m.distance_to_a == float(Fraction(55, 3))
    assert m.infrastructure_gap == 2  # 4 of 4 needed for >= 0.9
    assert [(e.key, e.met, e.findings) for e in m.mandatory] == [
        ("digital_post", False, (("esdh",),)),
        ("no_closed_service", True, ()),
    ]


def test_levers_rank_exact_gains_and_break_ties_by_id() -> None:
    m = maturity(fixture("maturity"), RAW)
    # Gains are 100/5 = 20 times the change of the indicator sum.
    # Manual fag/organisation: +1/9 duplicate, +1/21 intact, +1/4 infrastructure (KM304 met
    # too): 20 * 515/1260. KM202 fag/person: +1/6 register, +1/6 intact: 20 * 1/3. Manual
    # ky/person: +1/6 register, +1/9, +1/21: 20 * 41/126. KM303 ky: 20 * 1/4 = 5. KM201
    # esdh/jobplan: +1/6 intact: 20 * 1/6.
    assert [(lv.indicator, lv.gain, lv.subjects) for lv in m.levers] == [
        ("no_duplicate_entry", float(Fraction(20 * 515, 1260)), ("fag", "organisation")),
        ("integrations_intact", float(Fraction(20, 3)), ("fag", "person")),
        ("no_duplicate_entry", float(Fraction(410, 63)), ("ky", "person")),
        ("common_infrastructure_used", 5.0, ("ky", "ydelsesindeks")),
        ("integrations_intact", float(Fraction(10, 3)), ("esdh", "jobplan")),
    ]
    # Organisation and Klassifikation are called directly (SF1500), not through
    # Serviceplatformen (contract v2, section 6).
    assert m.levers[0].text == Text(
        "Erstat den manuelle indtastning af organisation i Fagsystem med en integration direkte "
        "fra "
        "Fælleskommunalt Organisationssystem (SF1500)",
        "Replace the manual entry of organisation in Fagsystem by an integration directly from "
        "Fælleskommunalt Organisationssystem (SF1500)",
    )


def test_path_to_a_mandatory_first_then_infrastructure_then_levers() -> None:
    m = maturity(fixture("maturity"), RAW)
    assert [(s.rule, s.subjects, s.score_after, s.classification_after) for s in m.path_to_a] == [
        # the mandatory element first: it moves no indicator
        ("KM306", ("esdh",), float(Fraction(170, 3)), "U"),
        # infrastructure 2/4 -> 4/4: KM303 (error) before KM304
        ("KM303", ("ky",), float(Fraction(185, 3)), "U"),
        ("KM304", ("fag",), float(Fraction(170, 3) + 5 + Fraction(20 * 515, 1260)), "U"),
        # then the lever with the largest gain against the tally as it now stands
        ("KM101", ("ky", "person"), 76.11111111111111, "A"),
    ]
    assert m.path_to_a[0].action == Text(
        "Send breve fra ESDH til Digital Post gennem Postkomponenten (SF1601), direkte eller via "
        "en print- og forsendelsesløsning, der afleverer til Digital Post",
        "Send the letters from ESDH to Digital Post through Postkomponenten (SF1601), directly "
        "or through a print and distribution gateway that delivers to Digital Post",
    )


def test_path_to_a_is_empty_for_an_a_kommune(tmp_path: Path) -> None:
    ctx = inline(tmp_path, _case_systems(owners=10))
    m = maturity(ctx, [])
    assert (m.classification, m.path_to_a) == ("A", ())


def test_mandatory_element_alone_makes_a_u(tmp_path: Path) -> None:
    # Score 100 and every system indexing: still U while a letter system bypasses Digital Post.
    ctx = inline(tmp_path, _case_systems(owners=10))
    m = maturity(ctx, [finding("KM306", "s0")])
    assert (m.score, m.infrastructure, m.classification) == (100.0, 1.0, "U")
    assert [(s.rule, s.subjects, s.classification_after) for s in m.path_to_a] == [
        ("KM306", ("s0",), "A")
    ]
    # a waived KM306 (or a rule turned off) does not block
    waived = maturity(ctx, [finding("KM306", "s0")], [finding("KM306", "s0").waive("ok")])
    assert (waived.classification, waived.path_to_a) == ("A", ())
    assert maturity(ctx, [finding("KM306", "s0")], []).classification == "A"


def test_ownership_levers_when_they_gain_most(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        """\
data_objects:
  - {id: plads, name: Plads}
  - {id: elev, name: Elev}
systems:
  - {id: b, name: B, type: other, status: in-use, data: {plads: master}}
  - {id: a, name: A, type: other, status: in-use, data: {plads: master, elev: manual}}
  - {id: c, name: C, type: other, status: in-use, owner: Chef}
""",
    )
    m = maturity(ctx, [])
    assert fractions(m)[4] == ("ownership", 1, 5, 1.0)  # c; plads has 2 masters, elev none
    # No duplicate entry 0/1 and ownership 1/5: score 100 * (0 + 1/5) / 2 = 10.
    assert m.score == 10.0
    assert [(lv.indicator, lv.gain, lv.subjects, lv.text.en) for lv in m.levers] == [
        # manual a/elev: duplicate 0/1 -> 1/1 and intact (empty) -> 1/1: (1 + 1 + 1/5)/3 - 1/10
        (
            "no_duplicate_entry",
            float(Fraction(100 * 11, 15) - 10),
            ("a", "elev"),
            "Replace the manual entry of elev in A by an integration from its master directly "
            "(no system masters elev; appoint one first)",
        ),
        ("ownership", 20.0, ("a", "b"), "Name an owner for the 2 in-use systems without one"),
        ("ownership", 10.0, ("elev",), "Appoint one master system for elev"),
        (
            "ownership",
            10.0,
            ("plads", "a", "b"),
            "Make one system the master of plads (today: A, B)",
        ),
    ]


def test_weights_change_the_mean_and_zero_leaves_an_indicator_out() -> None:
    settings = Settings.model_validate(
        {"weights": {"ownership": 0.0, "common_infrastructure_used": 2.0}}
    )
    m = maturity(fixture("maturity", settings=settings), RAW)
    assert [(i.key, i.weight) for i in m.indicators] == [
        ("register_data_reused", 1.0),
        ("common_infrastructure_used", 2.0),
        ("no_duplicate_entry", 1.0),
        ("integrations_intact", 1.0),
        ("ownership", 0.0),
    ]
    # 100 * (1/2 + 2 * 1/2 + 2/3 + 2/3) / 5 = 170/3
    assert m.score == float(Fraction(170, 3))
    assert all(lv.indicator != "ownership" for lv in m.levers)  # weight 0: no gain


def test_an_infinite_weight_is_refused_by_the_configuration() -> None:
    with pytest.raises(ValidationError, match="finite number"):
        Settings.model_validate({"weights": {"ownership": float("inf")}})


def test_indicator_keys_are_the_settings_keys() -> None:
    m = maturity(fixture("maturity"), RAW)
    assert [i.key for i in m.indicators] == [i.value for i in Indicator]
    assert [i.name.da for i in m.indicators] == [
        "Registerdata genbruges",
        "Fælleskommunal infrastruktur i brug",
        "Ingen dobbeltindtastning",
        "Integrationer intakte",
        "Ejerskab",
    ]


def _case_systems(owners: int) -> str:
    lines = ["systems:"]
    for n in range(10):
        owner = ", owner: Chef" if n < owners else ""
        lines.append(
            f"  - {{id: s{n}, name: S{n}, type: case-management, status: in-use"
            f"{owner}, data: {{sag: master}}}}"
        )
    return "\n".join(lines) + "\n"


def test_boundary_exactly_75_and_exactly_0_9_is_a(tmp_path: Path) -> None:
    ctx = inline(tmp_path, _case_systems(owners=6))
    m = maturity(ctx, [finding("KM302", "s0")])
    assert fractions(m)[1] == ("common_infrastructure_used", 9, 10, 1.0)
    assert fractions(m)[4] == ("ownership", 6, 10, 1.0)
    assert (m.score, m.classification, m.infrastructure) == (75.0, "A", 0.9)
    assert (m.distance_to_a, m.infrastructure_gap) == (0.0, 0)


def test_boundary_obligations_below_0_9_is_u(tmp_path: Path) -> None:
    ctx = inline(tmp_path, _case_systems(owners=10))
    m = maturity(ctx, [finding("KM302", "s0"), finding("KM302", "s1")])
    assert (m.score, m.classification, m.infrastructure) == (90.0, "U", 0.8)
    assert (m.distance_to_a, m.infrastructure_gap) == (0.0, 1)


def test_boundary_score_just_below_75_is_u(tmp_path: Path) -> None:
    settings = Settings.model_validate({"weights": {"ownership": 1.0001}})
    ctx = inline(tmp_path, _case_systems(owners=6), settings)
    m = maturity(ctx, [finding("KM302", "s0")])
    assert m.classification == "U"
    assert 74.99 < m.score < 75.0
    assert m.distance_to_a == float(
        75 - (Fraction(9, 10) + Fraction(1.0001) * Fraction(6, 10)) / (1 + Fraction(1.0001)) * 100
    )


def test_classify_compares_exactly() -> None:
    assert classify(Fraction(75), Fraction(9, 10)) == "A"
    assert classify(Fraction(7499, 100), Fraction(1)) == "U"
    assert classify(Fraction(75), Fraction(8999, 10000)) == "U"
    assert classify(Fraction(100), None) == "A"  # no infrastructure use applies: counts as met
    assert classify(Fraction(100), None, mandatory=False) == "U"
    # floating point would make 100 * (0.7 + 0.8) / 2 = 74.99999999999999
    assert score_of((7, 10, 0, 0, 8, 10, 0, 0, 0, 0), weights(Settings())) == 75


def test_infrastructure_gap() -> None:
    assert [infrastructure_gap(m, 10) for m in (10, 9, 8, 0)] == [0, 0, 1, 9]
    assert infrastructure_gap(42, 48) == 2  # 44/48 >= 0.9 > 43/48
    assert [infrastructure_gap(m, 20) for m in (0, 7, 17, 18)] == [18, 11, 1, 0]
    assert infrastructure_gap(0, 0) == 0


def test_empty_inventory_scores_100_and_a(tmp_path: Path) -> None:
    m = maturity(inline(tmp_path, ""), [])
    assert [(i.numerator, i.denominator) for i in m.indicators] == [(0, 0)] * 5
    assert (m.score, m.classification, m.infrastructure) == (100.0, "A", None)
    assert (m.distance_to_a, m.infrastructure_gap, m.levers) == (0.0, 0, ())


def test_waived_and_reconfigured_findings_count_the_same() -> None:
    ctx = fixture("maturity")
    silenced = [f.waive("dispensation").with_severity(Severity.INFO) for f in RAW]
    assert maturity(ctx, silenced, RAW) == maturity(ctx, RAW)
    # the indicators and score come from the raw findings; the mandatory elements from the
    # findings after configuration (a waived KM306 does not block)
    waived = maturity(ctx, RAW, silenced)
    assert (waived.indicators, waived.score) == (maturity(ctx, RAW).indicators, waived.score)
    assert all(e.met for e in waived.mandatory)


def test_end_to_end_waivers_and_rule_settings_do_not_change_the_score(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(FIXTURES / "maturity", plain)
    configured = tmp_path / "configured"
    shutil.copytree(FIXTURES / "maturity", configured)
    (configured / "kommarch.yaml").write_text(
        """\
rules:
  KM302: off
  KM201: info
waivers:
  - {rule: KM306, subjects: [esdh], reason: Udfases, approved_by: IT-styregruppen}
  - {rule: KM101, reason: Alle, approved_by: IT-styregruppen}
""",
        encoding="utf-8",
    )
    day = dt.date(2026, 1, 31)
    before = audit(plain, as_of=day)
    after = audit(configured, as_of=day)
    assert any(f.waived for f in after.findings)
    assert not any(f.rule == "KM302" for f in after.findings)
    assert before.maturity is not None
    # No integrations at all: every integration pair is KM201; infrastructure: only esdh's
    # KM304 (organisation arrives by integration) is met.
    assert fractions(before.maturity) == [
        ("register_data_reused", 0, 6, 1.0),
        ("common_infrastructure_used", 1, 4, 1.0),
        ("no_duplicate_entry", 6, 9, 1.0),
        ("integrations_intact", 0, 6, 1.0),
        ("ownership", 3, 6, 1.0),
    ]
    assert after.maturity is not None
    assert before.maturity is not None
    assert after.maturity.indicators == before.maturity.indicators
    assert after.maturity.score == before.maturity.score
    # ...but a waived KM306 no longer blocks the mandatory elements (rule settings apply)
    assert [e.met for e in before.maturity.mandatory] == [False, True]
    assert [e.met for e in after.maturity.mandatory] == [True, True]


_ONE_CASE_SYSTEM = (
    "systems:\n  - {id: s0, name: S0, type: case-management, status: in-use, owner: Chef, "
    "data: {sag: master}}\n"
)


def test_infrastructure_0_of_1_is_not_an_empty_indicator(tmp_path: Path) -> None:
    # score 80 (infrastructure weighs a quarter) but common infrastructure used 0/1: U, and the
    # path to A starts with the missing SDI connection; an empty indicator would have been met
    settings = Settings.model_validate({"weights": {"common_infrastructure_used": 0.25}})
    ctx = inline(tmp_path, _ONE_CASE_SYSTEM, settings)
    m = maturity(ctx, [finding("KM302", "s0")])
    assert fractions(m)[1] == ("common_infrastructure_used", 0, 1, 0.25)
    assert (m.score, m.infrastructure, m.classification) == (80.0, 0.0, "U")
    assert [(s.rule, s.subjects, s.classification_after) for s in m.path_to_a] == [
        ("KM302", ("s0",), "A")
    ]


def test_a_fix_without_gain_is_no_lever(tmp_path: Path) -> None:
    # ownership weighs 0: naming the missing owner gains nothing, so there is no lever at all
    settings = Settings.model_validate({"weights": {"ownership": 0.0}})
    ctx = inline(
        tmp_path,
        "systems:\n  - {id: s0, name: S0, type: other, status: in-use}\n",
        settings,
    )
    m = maturity(ctx, [])
    assert fractions(m)[4] == ("ownership", 0, 1, 0.0)
    assert (m.score, m.levers) == (100.0, ())


def test_the_mandatory_elements_are_reported_with_their_names(tmp_path: Path) -> None:
    m = maturity(inline(tmp_path, ""), [finding("KM309", "print")])
    assert [(e.key, e.rule, e.name, e.met, e.findings) for e in m.mandatory] == [
        (
            "digital_post",
            "KM306",
            Text("Breve når Digital Post", "Letters reach Digital Post"),
            True,
            (),
        ),
        (
            "no_closed_service",
            "KM309",
            Text("Ingen lukkede services i brug", "No closed service in use"),
            False,
            (("print",),),
        ),
    ]


def test_findings_that_name_no_pair_or_no_system_count_for_nothing() -> None:
    # A KM201 that names only the system breaks no integration pair, and an obligation finding
    # that names no system fails no system: the maturity is the same as without them.
    ctx = fixture("maturity")
    loose = [finding("KM201", "ky"), finding("KM202", "fag"), finding("KM302"), finding("KM303")]
    assert maturity(ctx, RAW + loose) == maturity(ctx, RAW)
