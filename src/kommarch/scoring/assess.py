"""The maturity assessment: indicators, mandatory elements, A/U classification, levers, path to A.

:mod:`kommarch.scoring.maturity` counts the indicators and the candidate fixes from the raw
findings (so waivers and rule settings never change the score). The mandatory elements of
section 7 (letters reach Digital Post: no unwaived KM306; no closed service: no unwaived KM309)
are read from the findings *after* configuration and waivers: a rule turned off cannot block,
a waived finding does not block. **A** needs all three: the mandatory elements met, score >= 75
and common infrastructure used >= 0.9.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from kommarch.findings import Finding, Text
from kommarch.report import IndicatorResult, MandatoryElement, Maturity
from kommarch.rules import REGISTRY
from kommarch.scoring.levers import levers
from kommarch.scoring.maturity import NAMES, OBL, analyse
from kommarch.scoring.path import path_to_a
from kommarch.scoring.score import (
    A_SCORE,
    KEYS,
    classify,
    configured_weights,
    infrastructure_gap,
    score_of,
    weights,
)

if TYPE_CHECKING:
    from kommarch.rules.base import AuditContext

# The mandatory elements, from the rules that stand for one (KM306, KM309), in code order.
MANDATORY: tuple[tuple[str, str, Text], ...] = tuple(
    (r.mandatory.key, code, r.mandatory.name)
    for code, r in REGISTRY.items()
    if r.mandatory is not None
)


def mandatory(findings: list[Finding]) -> tuple[MandatoryElement, ...]:
    """Each mandatory element, met when no unwaived finding of its rule is left."""
    out = []
    for key, rule, name in MANDATORY:
        blocking = tuple(f.subjects for f in findings if f.rule == rule and not f.waived)
        out.append(MandatoryElement(key, rule, name, not blocking, blocking))
    return tuple(out)


def maturity(
    ctx: AuditContext,
    raw: list[Finding],
    findings: list[Finding] | None = None,
    hours: Mapping[tuple[str, str], float | None] | None = None,
) -> Maturity:
    """Score, classification, distance to A, levers and the path to A.

    ``raw`` are every rule's findings at default severity; ``findings`` the same after the
    configuration and waivers; ``hours`` the caseworker hours a recommended integration for
    (system, object) would save. Without ``findings`` the raw findings stand for them.
    """
    if findings is None:
        findings = raw
    a = analyse(ctx.graph, raw)
    w = weights(ctx.settings)
    shown = configured_weights(ctx.settings)
    t = a.tally
    score = score_of(t, w)
    infra = None if t[OBL + 1] == 0 else Fraction(t[OBL], t[OBL + 1])
    elements = mandatory(findings)
    met = all(e.met for e in elements)
    indicators = tuple(
        IndicatorResult(key, NAMES[key], t[2 * i], t[2 * i + 1], shown[i])
        for i, key in enumerate(KEYS)
    )
    return Maturity(
        indicators=indicators,
        score=float(score),
        classification=classify(score, infra, met),
        infrastructure=None if infra is None else float(infra),
        distance_to_a=float(max(Fraction(0), A_SCORE - score)),
        infrastructure_gap=infrastructure_gap(t[OBL], t[OBL + 1]),
        levers=levers(ctx.graph, a, w),
        mandatory=elements,
        path_to_a=path_to_a(ctx.graph, a, w, elements, hours or {}),
    )
