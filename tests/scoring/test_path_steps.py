"""How the path to A picks and orders its steps (section 7, :mod:`kommarch.scoring.path`): the
hours a step saves, the gain against the tally as the steps so far leave it, where it stops.

Each test builds a small inventory whose gains are easy to compute by hand: weights of 0 leave
an indicator out of the score, so one or two indicators decide.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from tests.scoring.scoringkit import finding, inline

from kommarch.inventory.models import Settings
from kommarch.scoring import maturity

_INDICATORS = (
    "register_data_reused",
    "common_infrastructure_used",
    "no_duplicate_entry",
    "integrations_intact",
    "ownership",
)


def _only(**weights: float) -> Settings:
    """Settings that weigh the given indicators and leave every other one out (weight 0)."""
    return Settings.model_validate({"weights": {k: weights.get(k, 0.0) for k in _INDICATORS}})


def _system(sid: str, data: str, owner: str = "Chef") -> str:
    return (
        f"  - {{id: {sid}, name: {sid.upper()}, type: other, status: in-use, owner: {owner}, "
        f"data: {{{data}}}}}\n"
    )


def test_organisation_keyed_in_by_hand_is_fetched_first_where_it_saves_most_hours(
    tmp_path: Path,
) -> None:
    # Three systems key organisation in by hand (KM304): common infrastructure used is 0/3, so
    # all three steps are needed. Of one rule, the step that saves the most hours comes first;
    # unknown hours count as none, so they come after half an hour a year.
    systems = "".join(_system(s, "organisation: manual") for s in ("a", "b", "c"))
    ctx = inline(tmp_path, "systems:\n" + systems)
    hours = {("b", "organisation"): 0.5, ("c", "organisation"): 3.0}
    m = maturity(ctx, [finding("KM304", s) for s in ("a", "b", "c")], hours=hours)
    assert (m.score, m.infrastructure, m.classification) == (float(Fraction(100, 3)), 0.0, "U")
    # each step: infrastructure +1/3, no duplicate entry +1/3, integrations intact 1/1
    assert [
        (s.rule, s.subjects, s.hours, s.score_after, s.classification_after) for s in m.path_to_a
    ] == [
        ("KM304", ("c",), 3.0, float(Fraction(200, 3)), "U"),
        ("KM304", ("b",), 0.5, float(Fraction(250, 3)), "U"),
        ("KM304", ("a",), None, 100.0, "A"),
    ]
    assert m.path_to_a[0].action.da == (
        "Erstat den manuelle indtastning af organisation i C med en integration direkte fra "
        "Fælleskommunalt Organisationssystem (SF1500)"
    )


def test_of_fixes_that_gain_the_same_the_path_takes_the_one_that_saves_most_hours_first(
    tmp_path: Path,
) -> None:
    # Only no duplicate entry counts: 3 of 8 pairs integrated, 37.5. Every manual entry, of a
    # municipal object (plan) or of register data (person), gains the same 12.5 points; the one
    # that saves most hours goes first, unknown hours count as none (after half an hour a year),
    # then by subjects. The path stops as soon as the score is 75: three steps of five.
    text = (
        "data_objects:\n"
        + "".join(f"  - {{id: {o}, name: {o.title()}}}\n" for o in ("plan", "i1", "i2", "i3"))
        + "systems:\n"
        + "".join(_system(s, "plan: manual") for s in ("a", "b", "c"))
        + "".join(_system(s, "person: manual") for s in ("d", "e"))
        + _system("f", "plan: master, i1: integration, i2: integration, i3: integration")
    )
    ctx = inline(tmp_path, text, _only(no_duplicate_entry=1))
    hours = {("b", "plan"): 0.5, ("c", "plan"): 4.0, ("d", "person"): 2.0}
    m = maturity(ctx, [], hours=hours)
    assert (m.score, m.classification) == (37.5, "U")
    assert [
        (s.rule, s.subjects, s.hours, s.score_after, s.classification_after) for s in m.path_to_a
    ] == [
        ("KM102", ("c", "plan"), 4.0, 50.0, "U"),
        ("KM101", ("d", "person"), 2.0, 62.5, "U"),
        ("KM102", ("b", "plan"), 0.5, 75.0, "A"),
    ]


def test_the_path_takes_the_fix_that_gains_most_against_the_tally_as_it_stands(
    tmp_path: Path,
) -> None:
    # Ownership and no duplicate entry count: ownership 3/5 (A-plan has no master, B-plan two),
    # no duplicate entry 1/7 (S1 keys in six kinds of register data). Settling a master gains
    # 50 * 1/5 = 10, an integration 50 * 1/7: both masters first, then the manual entries one
    # at a time, by subjects, until the score is 75.
    registers = ("person", "virksomhed", "adresse", "bygning", "matrikel", "ejendom")
    text = (
        "data_objects:\n  - {id: aplan, name: A-plan}\n  - {id: bplan, name: B-plan}\n"
        "systems:\n"
        + _system("m1", "aplan: integration, bplan: master")
        + _system("m2", "bplan: master")
        + _system("s1", ", ".join(f"{o}: manual" for o in registers))
    )
    m = maturity(inline(tmp_path, text, _only(ownership=1, no_duplicate_entry=1)), [])
    assert (m.score, m.classification) == (float(Fraction(260, 7)), "U")
    assert [(s.rule, s.subjects, s.score_after, s.classification_after) for s in m.path_to_a] == [
        ("KM104", ("aplan",), float(Fraction(330, 7)), "U"),
        ("KM103", ("bplan", "m1", "m2"), float(Fraction(400, 7)), "U"),
        ("KM101", ("s1", "adresse"), float(Fraction(450, 7)), "U"),
        ("KM101", ("s1", "bygning"), float(Fraction(500, 7)), "U"),
        ("KM101", ("s1", "ejendom"), float(Fraction(550, 7)), "A"),
    ]
    assert [s.action.en for s in m.path_to_a[:2]] == [
        "Appoint one master system for aplan",
        "Make one system the master of bplan (today: M1, M2)",
    ]


def test_a_fix_worth_less_than_one_point_is_still_a_step(tmp_path: Path) -> None:
    # Ownership weighs 0.02 beside register data (1/2 reused: S0 keeps its own person register)
    # and no duplicate entry (1/1): 100 * 1.5 / 2.02 = 74.26. Naming S0's owner gains
    # 100 * 0.02 / 2.02 = 0.99 points, and that is what reaches 75.
    text = (
        "systems:\n  - {id: s0, name: S0, type: other, status: in-use,"
        " data: {person: master, adresse: integration}}\n"
    )
    settings = _only(register_data_reused=1, no_duplicate_entry=1, ownership=0.02)
    m = maturity(inline(tmp_path, text, settings), [])
    total = 2 + Fraction(0.02)  # the weights, exactly as the float 0.02 is
    assert (m.score, m.classification) == (float(150 / total), "U")
    assert [(s.rule, s.subjects, s.score_after, s.classification_after) for s in m.path_to_a] == [
        ("KM401", ("s0",), float(100 * (total - Fraction(1, 2)) / total), "A")
    ]


def test_when_no_fix_gains_the_path_ends_in_u(tmp_path: Path) -> None:
    # Register data reused 0/1 (S1 keeps its own person register: no fix the audit knows) and no
    # duplicate entry 0/1: fetching plan reaches 50. Naming F's owner gains nothing (ownership
    # weighs 0), so it is no step, and the path ends in U.
    text = (
        "data_objects:\n  - {id: plan, name: Plan}\nsystems:\n"
        "  - {id: f, name: F, type: other, status: in-use, data: {plan: master}}\n"
        + _system("s1", "plan: manual, person: master")
    )
    m = maturity(inline(tmp_path, text, _only(register_data_reused=1, no_duplicate_entry=1)), [])
    assert (m.score, m.classification) == (0.0, "U")
    assert [(s.rule, s.subjects, s.score_after, s.classification_after) for s in m.path_to_a] == [
        ("KM102", ("s1", "plan"), 50.0, "U")
    ]


def test_fixes_alike_in_gain_hours_and_subjects_keep_their_order(tmp_path: Path) -> None:
    # Ids are unique per section only, so a data object may be called like a common component:
    # K keys in a copy called "ydelsesindeks" by hand (KM102) and does not report to the real
    # Ydelsesindeks (KM303). Both fixes name (K, ydelsesindeks), save no known hours and gain
    # 100 * 1/10 / 3: the first in order (the manual entry) stays first. Register data reused
    # stays 0/1 (F keeps its own person register), so the path ends in U.
    text = (
        "data_objects:\n  - {id: plan, name: Plan}\n"
        "  - {id: ydelsesindeks, name: Ydelsesindeks-kopi}\n"
        "systems:\n"
        + _system("f", "plan: master, person: master")
        + "".join(_system(f"y{i}", "ydelse: master, plan: integration") for i in range(1, 10))
        + _system("k", "ydelse: master, ydelsesindeks: manual")
    )
    settings = _only(register_data_reused=1, common_infrastructure_used=1, no_duplicate_entry=1)
    m = maturity(inline(tmp_path, text, settings), [finding("KM303", "k")])
    assert (m.score, m.infrastructure, m.classification) == (60.0, 0.9, "U")
    assert [(s.rule, s.subjects, s.score_after, s.classification_after) for s in m.path_to_a] == [
        ("KM102", ("k", "ydelsesindeks"), float(Fraction(190, 3)), "U"),
        ("KM303", ("k",), float(Fraction(200, 3)), "U"),
    ]
