"""``--format json``: the machine output contract of section 9, then kommarch's additions.

The contract keys come first, in the contract's order; everything else follows them (see
schemas/report.schema.json). Messages and names are in ``report.lang``; dates are ISO; display
numbers carry their exact values to 6 decimals (score, shares, gains; section 13: at least 2 for
the score and 4 for shares), rounded down so that a U-kommune at 74.9999999 never reads as 75;
distances and hours to 1 decimal, kroner whole, FTEs to 4 decimals. An inventory with validation
errors is not scored: ``summary.score`` and ``summary.classification`` are null, ``maturity`` is
null and ``summary.not_computed`` says why. (Named ``jsonfmt`` so it never shadows ``json``.)
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

from kommarch.findings import Finding, Lang
from kommarch.inventory.location import Location
from kommarch.render.base import Renderer, ceil1, not_computed_text
from kommarch.render.jsonout import dumps
from kommarch.report import (
    Governance,
    Hotspots,
    InventoryStats,
    Journey,
    Maturity,
    Recommendation,
    Report,
    WaiverStatus,
)

SCHEMA_VERSION = 1


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def exact(value: float | None) -> float | None:
    """``value`` rounded down to 6 decimals (what JSON carries for scores and shares)."""
    return None if value is None else math.floor(value * 10**6 + 1e-7) / 10**6


def _cost(report: Report, hours: float | None) -> dict[str, Any]:
    """Hours a year and the same in kroner and full-time equivalents (estimates)."""
    return {
        "hours_per_year": _round(hours, 1),
        "kroner_per_year": None if hours is None else round(hours * report.hourly_cost),
        "fte": None if hours is None else round(hours / report.fte_hours, 4),
    }


def location_json(loc: Location) -> dict[str, Any]:
    """``{"path", "line", "column"}``; line and column are null without a node."""
    return {"path": loc.path, "line": loc.line, "column": loc.column}


def finding_json(f: Finding, lang: Lang) -> dict[str, Any]:
    """One finding: the contract keys, then ``related`` and ``waiver_reason``."""
    return {
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.value,
        "subjects": list(f.subjects),
        "message": f.message.get(lang),
        "location": location_json(f.location),
        "fingerprint": f.fingerprint,
        "waived": f.waived,
        "related": [location_json(r) for r in f.related],
        "waiver_reason": f.waiver_reason if f.waived else None,
    }


def _summary(report: Report) -> dict[str, Any]:
    c = report.counts
    out: dict[str, Any] = {
        "errors": c.errors,
        "warnings": c.warnings,
        "info": c.info,
        "waived": c.waived,
    }
    if report.command == "audit":
        m = report.maturity
        out["score"] = None if m is None else exact(m.score)
        out["classification"] = None if m is None else m.classification
        if report.not_computed:
            out["not_computed"] = {
                "validation_errors": report.not_computed,
                "message": not_computed_text(report.not_computed, report.lang),
            }
    return out


def _maturity(m: Maturity, report: Report) -> dict[str, Any]:
    lang = report.lang
    return {
        "score": exact(m.score),
        "classification": m.classification,
        "distance_to_a": ceil1(m.distance_to_a),
        "common_infrastructure_used": exact(m.infrastructure),
        "infrastructure_gap": m.infrastructure_gap,
        "mandatory": [
            {
                "key": e.key,
                "rule": e.rule,
                "name": e.name.get(lang),
                "met": e.met,
                "findings": [list(s) for s in e.findings],
            }
            for e in m.mandatory
        ],
        "path_to_a": [
            {
                "rule": s.rule,
                "subjects": list(s.subjects),
                "action": s.action.get(lang),
                **_cost(report, s.hours),
                "score_after": exact(s.score_after),
                "classification_after": s.classification_after,
            }
            for s in m.path_to_a
        ],
        "indicators": [
            {
                "key": i.key,
                "name": i.name.get(lang),
                "numerator": i.numerator,
                "denominator": i.denominator,
                "weight": i.weight,
                "value": exact(i.value),
            }
            for i in m.indicators
        ],
        "levers": [
            {
                "indicator": v.indicator,
                "text": v.text.get(lang),
                "gain": exact(v.gain),
                "subjects": list(v.subjects),
            }
            for v in m.levers
        ],
    }


def _recommendation(r: Recommendation, report: Report) -> dict[str, Any]:
    lang = report.lang
    return {
        "system": r.system,
        "object": r.object,
        "provider": r.provider,
        "via": r.via,
        "service": r.service,
        **_cost(report, r.hours_per_year),
        "processes": list(r.processes),
        "text": r.text.get(lang),
    }


def _journey(j: Journey, report: Report) -> dict[str, Any]:
    return {
        "process": j.process,
        "name": j.name,
        "unit": j.unit,
        "cases_per_year": j.cases_per_year,
        "redundant_lookups": j.redundant_lookups,
        "redundant_entries": j.redundant_entries,
        **_cost(report, j.hours_per_year),
        "objects": [
            {
                "object": o.object,
                "lookup_systems": list(o.lookup_systems),
                "entry_systems": list(o.entry_systems),
            }
            for o in j.objects
        ],
        "location": location_json(j.location),
    }


def _governance(g: Governance) -> dict[str, Any]:
    return {
        "systems_in_use": g.systems_in_use,
        "with_owner": g.with_owner,
        "without_owner": list(g.without_owner),
        "contracts_expiring": [
            {
                "system": c.system,
                "contract_end": c.contract_end.isoformat(),
                "replaced_by": c.replaced_by,
            }
            for c in g.contracts_expiring
        ],
        "vendors": [
            {"vendor": v.vendor, "systems": v.systems, "share": round(v.share, 4)}
            for v in g.vendors
        ],
        "personal_data_systems": g.personal_data_systems,
        "without_dpa": list(g.without_dpa),
    }


def _waiver(w: WaiverStatus) -> dict[str, Any]:
    return {
        "rule": w.rule,
        "subjects": list(w.subjects),
        "reason": w.reason,
        "approved_by": w.approved_by,
        "expires": None if w.expires is None else w.expires.isoformat(),
        "state": w.state,
        "matched": w.matched,
        "location": location_json(w.location),
    }


def _hotspots(h: Hotspots) -> dict[str, Any]:
    return {
        "nodes": list(h.nodes),
        "edges": [
            {"source": e.source, "target": e.target, "objects": list(e.objects), "kind": e.kind}
            for e in h.edges
        ],
        "omitted_nodes": h.omitted_nodes,
        "omitted_edges": h.omitted_edges,
    }


def _stats(s: InventoryStats) -> dict[str, int]:
    return {
        "systems": s.systems,
        "systems_audited": s.systems_audited,
        "integrations": s.integrations,
        "integrations_active": s.integrations_active,
        "data_objects": s.data_objects,
        "processes": s.processes,
        "units": s.units,
        "files": s.files,
    }


def report_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict, keys in their fixed order."""
    lang = report.lang
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "kommarch", "version": report.tool_version},
        "municipality": {"name": report.municipality.name, "code": report.municipality.code},
        "summary": _summary(report),
        "findings": [finding_json(f, lang) for f in report.findings],
        "command": report.command,
        "lang": lang,
        "catalogue_version": report.catalogue_version,
        "stats": None if report.stats is None else _stats(report.stats),
    }
    if report.command == "validate":
        return out
    m, g, h = report.maturity, report.governance, report.hotspots
    out |= {
        "as_of": None if report.as_of is None else report.as_of.isoformat(),
        "fail_on": report.fail_on,
        "maturity": None if m is None else _maturity(m, report),
        "recommendations": [_recommendation(r, report) for r in report.recommendations],
        "journeys": [_journey(j, report) for j in report.journeys],
        "journey_assumptions": {
            "lookup_seconds": report.lookup_seconds,
            "entry_seconds": report.entry_seconds,
            "hourly_cost": report.hourly_cost,
            "fte_hours": report.fte_hours,
        },
        "governance": None if g is None else _governance(g),
        "waivers": [_waiver(w) for w in report.waivers],
        "hotspots": None if h is None else _hotspots(h),
        "kle_titles": dict(report.kle_titles),
    }
    return out


class JsonRenderer(Renderer):
    """Section 9 JSON, two-space indented, UTF-8 as is (``ensure_ascii=False``)."""

    name: ClassVar[str] = "json"

    def render(self, report: Report) -> str:
        """The report as JSON, ending in a newline."""
        return dumps(report_json(report)) + "\n"
