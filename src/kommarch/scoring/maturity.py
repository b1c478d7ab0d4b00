"""Maturity: Digital A-kommune or U-kommune (sections 7 and 13).

Five indicators, each a numerator over a denominator, counted from the audited systems' ``data``
maps and from the raw findings (every rule at default severity, before configuration and
waivers, so neither changes the score):

- ``register_data_reused``: (system, register object) pairs of any kind; numerator the
  ``integration`` pairs with no KM201/KM202 finding on (system, object).
- ``common_infrastructure_used``: (system, obligation) pairs, one per obligation rule that
  feeds the indicator (KM302-KM304) and :meth:`~kommarch.rules.infrastructure.Obligation.applies`
  to the system; met when the rule has no finding for the system. (Digital Post, KM306, is a
  mandatory element, not an indicator.)
- ``no_duplicate_entry``: ``integration`` plus ``manual`` pairs; numerator the ``integration``
  pairs.
- ``integrations_intact``: ``integration`` pairs; numerator those with no KM201/KM202 finding.

Which rules' findings count is read from the rule registry (each rule's ``feeds``), not listed
here; tests/scoring/test_feeds.py holds the rules' claims and the counting to each other.
- ``ownership``: (in-use systems with a non-blank owner + single-master municipal objects held by
  audited systems with exactly one audited master) over (in-use systems + those objects).

Score = 100 x the weighted mean of the fractions (``settings.weights``, 1 by default); an
indicator with denominator 0 or weight 0 is left out, and with none left the score is 100. **A**
when the mandatory elements are met (:mod:`kommarch.scoring.assess`), score >= 75 and common
infrastructure used >= 0.9, compared exactly (fractions, no floats, no rounding); an empty
infrastructure indicator counts as met.
"""

from __future__ import annotations

from kommarch.catalogue import ObjectKind
from kommarch.findings import Finding, Text
from kommarch.graph import Graph
from kommarch.inventory.models import DataUse, Indicator, SystemStatus
from kommarch.rules import REGISTRY
from kommarch.rules.infrastructure import Obligation
from kommarch.scoring.common import blank
from kommarch.scoring.fixes import Analysis, Candidate, Fix
from kommarch.scoring.score import Tally

NAMES = {
    "register_data_reused": Text("Registerdata genbruges", "Register data reused"),
    "common_infrastructure_used": Text(
        "Fælleskommunal infrastruktur i brug", "Common infrastructure used"
    ),
    "no_duplicate_entry": Text("Ingen dobbeltindtastning", "No duplicate entry"),
    "integrations_intact": Text("Integrationer intakte", "Integrations intact"),
    "ownership": Text("Ejerskab", "Ownership"),
}
# Positions in a tally: numerator of indicator i at 2i, denominator at 2i + 1.
REG, OBL, DUP, INT, OWN = 0, 2, 4, 6, 8
# The rules whose (system, object) findings break an integration pair (KM201, KM202).
BROKEN = tuple(c for c, r in REGISTRY.items() if Indicator.INTEGRATIONS_INTACT in r.feeds)
# The obligations counted in common infrastructure used (KM302-KM304), in code order.
OBLIGATIONS: tuple[Obligation, ...] = tuple(
    r
    for r in REGISTRY.values()
    if isinstance(r, Obligation) and Indicator.COMMON_INFRASTRUCTURE_USED in r.feeds
)


_UNIT_DELTAS: dict[tuple[int, ...], Tally] = {}


def delta(*slots: int, n: int = 1) -> Tally:
    """A tally change adding ``n`` at each of ``slots``.

    Unit changes are shared instances: a large inventory has many candidates but only a handful
    of distinct changes, and the levers compute one gain per distinct change.
    """
    found = _UNIT_DELTAS.get(slots) if n == 1 else None
    if found is None:
        v = [0] * 10
        for s in slots:
            v[s] += n
        found = tuple(v)
        if n == 1:
            _UNIT_DELTAS[slots] = found
    return found


def _obligations(
    sid: str, data: dict[str, DataUse], fired: set[tuple[str, str]], a: Analysis
) -> None:
    """Count the system's (system, obligation) pairs; an unmet one is a candidate fix."""
    for rule in OBLIGATIONS:
        if not rule.applies(data):
            continue
        a.tally[OBL + 1] += 1
        if (rule.code, sid) not in fired:
            a.tally[OBL] += 1
        elif not rule.keyed_in(data):
            # an object keyed in by hand is met by the manual entry's own fix (see _pairs)
            a.candidates.append(
                Candidate(Fix.OBLIGATION, (sid, rule.component), delta(OBL), rule.code)
            )


def _keyed_in_obligation(oid: str, sid: str, fired: set[tuple[str, str]]) -> bool:
    """Fetching ``oid`` instead of keying it in also meets an obligation with a finding."""
    return any(
        rule.manual_counts and oid in rule.objects and (rule.code, sid) in fired
        for rule in OBLIGATIONS
    )


def _pairs(graph: Graph, raw: list[Finding], a: Analysis) -> None:
    """The four pair indicators and the obligations, over the audited systems' data maps."""
    inv = graph.inventory
    registers = {o.id for o in inv.catalogue.objects.values() if o.kind is ObjectKind.REGISTER}
    broken: dict[str, dict[str, str]] = {}
    for f in raw:
        if f.rule in BROKEN and len(f.subjects) >= 2:
            broken.setdefault(f.subjects[0], {})[f.subjects[1]] = f.rule
    codes = {r.code for r in OBLIGATIONS}
    fired = {(f.rule, f.subjects[0]) for f in raw if f.rule in codes and f.subjects}
    reg_n = reg_d = dup_n = dup_d = int_n = int_d = 0
    for sid in graph.audited:
        data = inv.systems[sid].model.data
        gaps = broken.get(sid, {})
        for oid, use in data.items():
            register = oid in registers
            reg_d += register
            if use is DataUse.MASTER:
                continue
            dup_d += 1
            if use is DataUse.INTEGRATION:
                dup_n += 1
                int_d += 1
                rule = gaps.get(oid)
                if rule is None:
                    int_n += 1
                    reg_n += register
                else:
                    fixed = (INT, REG) if register else (INT,)
                    a.candidates.append(Candidate(Fix(rule), (sid, oid), delta(*fixed), rule))
                continue
            slots: tuple[int, ...] = (DUP, INT, INT + 1)
            if register:
                slots = (*slots, REG)
            if _keyed_in_obligation(oid, sid, fired):
                slots = (*slots, OBL)  # fetching organisation also meets KM304
            a.candidates.append(Candidate(Fix.MANUAL, (sid, oid), delta(*slots)))
        _obligations(sid, data, fired, a)
    t = a.tally
    t[REG], t[REG + 1], t[DUP], t[DUP + 1] = reg_n, reg_d, dup_n, dup_d
    t[INT], t[INT + 1] = int_n, int_d


def _ownership(graph: Graph, a: Analysis) -> None:
    """In-use systems with an owner, single-master objects with exactly one audited master."""
    t = a.tally
    missing: list[str] = []
    for sid, entry in graph.inventory.systems.items():
        if entry.model.status is SystemStatus.IN_USE:
            t[OWN + 1] += 1
            if blank(entry.model.owner):
                missing.append(sid)
            else:
                t[OWN] += 1
    if missing:
        a.candidates.append(
            Candidate(Fix.OWNERS, tuple(sorted(missing)), delta(OWN, n=len(missing)))
        )
    for oid in graph.held_objects():
        if not graph.single_master(oid):
            continue
        t[OWN + 1] += 1
        masters = graph.audited_masters(oid)
        if len(masters) == 1:
            t[OWN] += 1
        else:
            a.candidates.append(Candidate(Fix.MASTER, (oid, *masters), delta(OWN)))


def analyse(graph: Graph, raw: list[Finding]) -> Analysis:
    """Count every indicator and collect the candidate fixes (one pass over the data maps)."""
    a = Analysis()
    _pairs(graph, raw, a)
    _ownership(graph, a)
    return a
