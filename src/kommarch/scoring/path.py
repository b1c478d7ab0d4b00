"""The path to A (section 7): the shortest list of concrete fixes that makes a U-kommune an A.

Greedy, in three phases, each step applied to the tally and the classification recomputed:

1. every unwaived mandatory finding (KM306 letters outside Digital Post, KM309 closed service);
2. while common infrastructure used is below 0.9, the missing (system, obligation) pairs:
   error-severity rules first (KM302, KM303 before KM304), then by the hours they save, then by
   subjects;
3. while the score is below 75, the candidate fixes by exact score gain against the tally as it
   stands after the steps so far, then by hours saved, then by subjects.

A step carries the rule whose finding (or condition) it removes, its subjects in that rule's
order, what to do, the hours it saves where known, and the score and classification after it.
The classification after the last step is the recomputed one: when the fixes known to the audit
cannot reach A (no fix left with a positive gain), the path ends in U and says so. An A-kommune
gets an empty path.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from kommarch.catalogue import ObjectKind
from kommarch.findings import Severity, Text
from kommarch.graph import Graph
from kommarch.report import Classification, MandatoryElement, PathStep
from kommarch.rules import REGISTRY
from kommarch.rules.data import DuplicateEntry, MultipleMasters, NoMaster, RegisterDataKeyedIn
from kommarch.rules.governance import NoOwner
from kommarch.rules.infrastructure import LettersOutsideDigitalPost, Obligation
from kommarch.scoring.common import label
from kommarch.scoring.fixes import Analysis, Candidate, Fix
from kommarch.scoring.levers import fix_text
from kommarch.scoring.maturity import OBL
from kommarch.scoring.score import (
    A_SCORE,
    Tally,
    classify_tally,
    infrastructure_met,
    score_of,
)

Hours = Mapping[tuple[str, str], float | None]
# The obligation rules that keying an object in by hand breaks (KM304, KM305), by object.
_KEYED_IN = {
    o: r.code
    for r in REGISTRY.values()
    if isinstance(r, Obligation) and r.manual_counts
    for o in r.objects
}


def _infra_rank(code: str) -> int:
    """Error-severity obligations first (KM302, KM303 before KM304)."""
    return 0 if REGISTRY[code].severity is Severity.ERROR else 1


def step_rule(graph: Graph, c: Candidate) -> tuple[str, tuple[str, ...]]:
    """The rule a candidate fix answers, and the subjects in that rule's order."""
    s = c.subjects
    if c.fix is Fix.OBLIGATION:
        return c.rule, (s[0],)
    if c.fix in (Fix.KM201, Fix.KM202):
        return c.fix.value, s
    if c.fix is Fix.OWNERS:
        return NoOwner.code, s
    if c.fix is Fix.MASTER:
        return (MultipleMasters.code if len(s) > 2 else NoMaster.code), s
    oid = s[1]
    keyed_in = _KEYED_IN.get(oid)
    if keyed_in is not None:
        return keyed_in, (s[0],)
    if graph.object_kind(oid) is ObjectKind.REGISTER:
        return RegisterDataKeyedIn.code, s
    return DuplicateEntry.code, s


def _hours(c: Candidate, hours: Hours) -> float | None:
    return hours.get((c.subjects[0], c.subjects[1])) if c.fix is Fix.MANUAL else None


def _mandatory_text(graph: Graph, rule: str, subjects: tuple[str, ...]) -> Text:
    first = subjects[0] if subjects else ""
    inv = graph.inventory
    if rule == LettersOutsideDigitalPost.code:
        who = label(inv, first)
        return Text(
            f"Send breve fra {who} til Digital Post gennem Postkomponenten (SF1601), direkte "
            "eller via en print- og forsendelsesløsning, der afleverer til Digital Post",
            f"Send the letters from {who} to Digital Post through Postkomponenten (SF1601), "
            "directly or through a print and distribution gateway that delivers to Digital Post",
        )
    where, service = Text(first, first), ""
    entry = inv.integrations.get(first)
    if entry is not None:
        src, dst = label(inv, entry.model.from_), label(inv, entry.model.to)
        where = Text(f"fra {src} til {dst}", f"from {src} to {dst}")
        service = entry.model.service or ""
    closed = inv.catalogue.services.get(service)
    heir = closed.successor if closed is not None and closed.successor else None
    svc = f" {service}" if service else ""
    if heir:
        return Text(
            f"Skift den lukkede service{svc} ud med {heir} i integrationen {where.da}",
            f"Replace the closed service{svc} with {heir} in the integration {where.en}",
        )
    return Text(
        f"Find en afløser for den lukkede service{svc} i integrationen {where.da}",
        f"Find a successor to the closed service{svc} in the integration {where.en}",
    )


class _Walk:
    """The tally as the steps so far leave it, and the steps."""

    def __init__(self, graph: Graph, a: Analysis, w: tuple[Fraction, ...]) -> None:
        self.graph = graph
        self.tally = list(a.tally)
        self.w = w
        self.steps: list[PathStep] = []

    def score(self) -> Fraction:
        return score_of(self.tally, self.w)

    def classification(self, mandatory: bool) -> Classification:
        return classify_tally(self.tally, self.w, mandatory)

    def add(self, rule: str, subjects: tuple[str, ...], action: Text, hours: float | None) -> None:
        self.steps.append(
            PathStep(
                rule=rule,
                subjects=subjects,
                action=action,
                hours=hours,
                score_after=float(self.score()),
                classification_after=self.classification(True),
            )
        )

    def apply(self, c: Candidate, hours: Hours) -> None:
        self.tally = [x + d for x, d in zip(self.tally, c.delta, strict=True)]
        rule, subjects = step_rule(self.graph, c)
        self.add(rule, subjects, fix_text(self.graph, c), _hours(c, hours))


def _levers_phase(walk: _Walk, pool: list[Candidate], hours: Hours) -> None:
    """Phase 3: the best remaining fix by score gain while the score is below 75."""
    by_change: dict[Tally, list[Candidate]] = {}
    for c in sorted(pool, key=lambda c: (-(_hours(c, hours) or 0.0), c.subjects, c.fix.value)):
        by_change.setdefault(c.delta, []).append(c)
    heads = dict.fromkeys(by_change, 0)
    while walk.score() < A_SCORE:
        base = walk.score()
        best: tuple[Fraction, tuple[float, tuple[str, ...]], Tally] | None = None
        for change, i in heads.items():
            group = by_change[change]
            if i >= len(group):
                continue
            after = [x + d for x, d in zip(walk.tally, change, strict=True)]
            gain = score_of(after, walk.w) - base
            head = group[i]
            rank = (-(_hours(head, hours) or 0.0), head.subjects)
            if gain > 0 and (best is None or (-gain, rank) < (-best[0], best[1])):
                best = (gain, rank, change)
        if best is None:
            return
        change = best[2]
        walk.apply(by_change[change][heads[change]], hours)
        heads[change] += 1


def path_to_a(
    graph: Graph,
    a: Analysis,
    w: tuple[Fraction, ...],
    mandatory: tuple[MandatoryElement, ...],
    hours: Hours,
) -> tuple[PathStep, ...]:
    """The steps from the present classification to A (empty for an A-kommune)."""
    # An A-kommune needs no early return: nothing blocks, infrastructure is met (no step in
    # phase 2) and the score is 75 or more (none in phase 3).
    walk = _Walk(graph, a, w)
    blocking = [(e.rule, s) for e in mandatory for s in e.findings]
    for n, (rule, subjects) in enumerate(blocking, 1):
        step_met = n == len(blocking)
        walk.steps.append(
            PathStep(
                rule=rule,
                subjects=subjects,
                action=_mandatory_text(graph, rule, subjects),
                hours=None,
                score_after=float(walk.score()),
                classification_after=walk.classification(step_met),
            )
        )
    infra = sorted(
        (c for c in a.candidates if c.delta[OBL] > 0),
        key=lambda c: (
            _infra_rank(step_rule(graph, c)[0]),
            -(_hours(c, hours) or 0.0),
            c.subjects,
        ),
    )
    used: set[int] = set()
    for c in infra:
        if infrastructure_met(walk.tally[OBL], walk.tally[OBL + 1]):
            break
        walk.apply(c, hours)
        used.add(id(c))
    _levers_phase(walk, [c for c in a.candidates if id(c) not in used], hours)
    return tuple(walk.steps)
