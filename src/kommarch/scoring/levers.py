"""Levers: the concrete fixes that would raise the maturity score the most.

Each candidate fix (replace one manual entry by an integration, build one missing integration,
connect one broken chain, meet one infrastructure obligation, name owners for the in-use systems
without one, settle the master of one single-master object) changes the indicator counts by a
known amount. Its gain is the exact score difference after recomputing the indicators with the
fix applied. Fixes are ranked by gain (largest first), ties by their subjects (ids); the top five
with a positive gain are the levers. Many fixes share the same change, so a gain is computed once
per distinct change: linear in the number of candidates.
"""

from __future__ import annotations

import heapq
from fractions import Fraction

from kommarch.findings import Text
from kommarch.graph import Graph
from kommarch.inventory.merge import Inventory
from kommarch.report import Lever
from kommarch.rules.infrastructure import BenefitIndexMissing, CaseIndexMissing
from kommarch.scoring.common import join, label, platform
from kommarch.scoring.fixes import Analysis, Candidate, Fix
from kommarch.scoring.recommend import route
from kommarch.scoring.score import Tally, score_of

TOP = 5
INDICATOR = {
    Fix.MANUAL: "no_duplicate_entry",
    Fix.KM201: "integrations_intact",
    Fix.KM202: "integrations_intact",
    Fix.OBLIGATION: "common_infrastructure_used",
    Fix.OWNERS: "ownership",
    Fix.MASTER: "ownership",
}


def _obligation_text(inv: Inventory, system: str, rule: str) -> Text:
    sid = label(inv, system)
    if rule == CaseIndexMissing.code:
        return Text(
            f"Tilslut {sid} til Sags- og Dokumentindeks (SF1470), så sager og dokumenter "
            "indekseres",
            f"Connect {sid} to the Sags- og Dokumentindeks (SF1470) so its cases and "
            "documents are indexed",
        )
    if rule == BenefitIndexMissing.code:
        return Text(
            f"Tilslut {sid} til Ydelsesindeks, så ydelserne indberettes",
            f"Connect {sid} to Ydelsesindeks so its benefits are reported",
        )
    fko = label(inv, "fk-organisation")
    return Text(
        f"Lever organisation fra {sid} til {fko} (SF1500)",
        f"Deliver organisation from {sid} to {fko} (SF1500)",
    )


def fix_text(graph: Graph, c: Candidate) -> Text:
    """What to do for the candidate fix ``c``, in Danish and English."""
    inv = graph.inventory
    s = c.subjects
    if c.fix in (Fix.MANUAL, Fix.KM201, Fix.KM202):
        r = route(graph, platform(graph), s[1])
        p, n = r.phrase, r.note
        obj, sid = s[1], label(inv, s[0])
        if c.fix is Fix.MANUAL:
            return Text(
                f"Erstat den manuelle indtastning af {obj} i {sid} med en integration {p.da}{n.da}",
                f"Replace the manual entry of {obj} in {sid} by an integration {p.en}{n.en}",
            )
        if c.fix is Fix.KM201:
            return Text(
                f"Etabler integrationen af {obj} til {sid} {p.da}{n.da}",
                f"Build the integration of {obj} into {sid} {p.en}{n.en}",
            )
        return Text(
            f"Forbind leverancerne af {obj} til {sid} med en kilde, f.eks. {p.da}{n.da}",
            f"Connect the deliveries of {obj} to {sid} to a source, e.g. {p.en}{n.en}",
        )
    if c.fix is Fix.OBLIGATION:
        return _obligation_text(inv, s[0], c.rule)
    if c.fix is Fix.OWNERS:
        if len(s) == 1:
            who = label(inv, s[0])
            return Text(f"Udpeg en systemejer for {who}", f"Name an owner for {who}")
        return Text(
            f"Udpeg en systemejer for de {len(s)} systemer i drift uden ejer",
            f"Name an owner for the {len(s)} in-use systems without one",
        )
    oid, masters = s[0], s[1:]
    if not masters:
        return Text(f"Udpeg ét mastersystem for {oid}", f"Appoint one master system for {oid}")
    return Text(
        f"Gør ét system til master af {oid} (i dag: {join(inv, masters)})",
        f"Make one system the master of {oid} (today: {join(inv, masters)})",
    )


def levers(graph: Graph, a: Analysis, w: tuple[Fraction, ...]) -> tuple[Lever, ...]:
    """The top five fixes by exact score gain, ties by subjects, with da/en texts."""
    base = score_of(a.tally, w)
    by_change: dict[Tally, list[Candidate]] = {}
    for c in a.candidates:
        by_change.setdefault(c.delta, []).append(c)
    gains: dict[Fraction, list[Tally]] = {}
    for change in by_change:
        after = [x + d for x, d in zip(a.tally, change, strict=True)]
        gain = score_of(after, w) - base
        if gain > 0:
            gains.setdefault(gain, []).append(change)
    picked: list[tuple[Fraction, Candidate]] = []
    for gain in sorted(gains, reverse=True):
        pool = [c for change in gains[gain] for c in by_change[change]]
        best = heapq.nsmallest(TOP - len(picked), pool, key=lambda c: (c.subjects, c.fix.value))
        picked.extend((gain, c) for c in best)
        if len(picked) >= TOP:
            break
    return tuple(
        Lever(INDICATOR[c.fix], fix_text(graph, c), float(gain), c.subjects) for gain, c in picked
    )
