"""``--format sarif``: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).

Artifact URIs are POSIX, percent-encoded and relative to the repository root (the git top
level of the directory kommarch runs in, else that directory), under the base id ``SRCROOT``,
whose absolute ``file:`` URI ``originalUriBaseIds`` gives: GitHub code scanning places results
on the repository's files and pull-request lines only with repository-relative URIs. The log
holds no timestamps; the base URI is the only absolute path. Columns are code points.
Every rule descriptor has the ``help`` text and markdown GitHub shows beside an alert; results
carry ``partialFingerprints`` (rule and subjects, never positions) so an alert survives edits.
Waived findings are results with an accepted external suppression, so they stay visible as
suppressed. Descriptors and messages
are in ``report.lang``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar
from urllib.parse import quote

from kommarch.findings import Finding, Lang, Severity
from kommarch.inventory.location import Location
from kommarch.paths import Anchors
from kommarch.render.base import Renderer, classification_label, floor1, not_computed_text
from kommarch.render.jsonout import dumps
from kommarch.render.meta import RuleInfo, catalogue, principle_label
from kommarch.report import Report

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
ROOT_ID = "SRCROOT"
FINGERPRINT_KEY = "kommarchFingerprint/v1"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _descriptor(info: RuleInfo, lang: Lang) -> dict[str, Any]:
    remediation = info.remediation.get(lang)
    failing, passing = ("Fejler", "Består") if lang == "da" else ("Failing", "Passing")
    markdown = (
        f"{remediation}\n\n{failing}:\n\n```yaml\n{info.failing_example.rstrip()}\n```\n\n"
        f"{passing}:\n\n```yaml\n{info.passing_example.rstrip()}\n```"
    )
    properties: dict[str, Any] = {"group": info.group.get(lang)}
    tags = ["kommarch", "validation" if info.principle is None else "architecture"]
    if info.principle is not None:
        properties["principle"] = principle_label(info.principle, lang)
        tags.append(f"fda-principle-{info.principle.value}")
    properties["tags"] = tags
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.title.get(lang)},
        "fullDescription": {"text": info.rationale.get(lang)},
        "help": {"text": remediation, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": properties,
    }


def _bare_descriptor(f: Finding) -> dict[str, Any]:
    """A descriptor for a code the catalogue does not know (should not happen; never crash)."""
    return {
        "id": f.rule,
        "name": f.name,
        "shortDescription": {"text": f.name},
        "fullDescription": {"text": f.name},
        "help": {"text": f"kommarch explain {f.rule}"},
        "defaultConfiguration": {"level": _LEVEL[f.severity]},
    }


@lru_cache(maxsize=4096)
def _uri(path: str) -> str:
    """A URI reference: spaces and non-ASCII letters (børn.yaml) are percent-encoded."""
    return quote(path, safe="/")


def _physical(loc: Location, anchors: Anchors) -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": _uri(anchors.repo_path(loc.path)), "uriBaseId": ROOT_ID}
    out: dict[str, Any] = {"artifactLocation": artifact}
    if loc.line is not None:
        region: dict[str, int] = {"startLine": loc.line}
        if loc.column is not None:
            region["startColumn"] = loc.column
        out["region"] = region
    return out


def _result(f: Finding, index: int, lang: Lang, anchors: Anchors) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message.get(lang)},
        "locations": [{"physicalLocation": _physical(f.location, anchors)}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
    }
    if f.related:
        out["relatedLocations"] = [
            {"id": n, "physicalLocation": _physical(loc, anchors)}
            for n, loc in enumerate(f.related, 1)
        ]
    if f.waived:
        suppression: dict[str, Any] = {"kind": "external", "status": "accepted"}
        if f.waiver_reason:
            suppression["justification"] = f.waiver_reason
        out["suppressions"] = [suppression]
    out["properties"] = {"subjects": list(f.subjects)}
    return out


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    lang = report.lang
    rules = [_descriptor(info, lang) for info in catalogue()]
    index = {d["id"]: n for n, d in enumerate(rules)}
    for f in report.findings:
        if f.rule not in index:
            index[f.rule] = len(rules)
            rules.append(_bare_descriptor(f))
    run_properties: dict[str, Any] = {
        "command": report.command,
        "municipality": {"name": report.municipality.name, "code": report.municipality.code},
    }
    if report.as_of is not None:
        run_properties["asOf"] = report.as_of.isoformat()
    if report.maturity is not None:
        run_properties["score"] = floor1(report.maturity.score)
        run_properties["classification"] = report.maturity.classification
        run_properties["classificationLabel"] = classification_label(report.maturity)
    elif report.not_computed:
        run_properties["score"] = None
        run_properties["classification"] = None
        run_properties["notComputed"] = {
            "validationErrors": report.not_computed,
            "message": not_computed_text(report.not_computed, lang),
        }
    root_text = "Repositoriets rodmappe" if lang == "da" else "The repository root directory"
    base: dict[str, Any] = {"description": {"text": root_text}}
    if report.anchors.repo_uri is not None:
        base = {"uri": report.anchors.repo_uri, **base}
    run = {
        "tool": {
            "driver": {
                "name": "kommarch",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {ROOT_ID: base},
        "results": [_result(f, index[f.rule], lang, report.anchors) for f in report.findings],
        "language": lang,
        "columnKind": "unicodeCodePoints",
        "properties": run_properties,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


class SarifRenderer(Renderer):
    """SARIF 2.1.0, two-space indented JSON."""

    name: ClassVar[str] = "sarif"

    def render(self, report: Report) -> str:
        """The report as a SARIF log, ending in a newline."""
        return dumps(sarif_log(report)) + "\n"
