"""``--format gitlab``: a GitLab Code Quality report (``artifacts: reports: codequality``).

A JSON array with one issue per unwaived finding: ``description`` (the message, prefixed with
the rule code), ``check_name`` (the rule code), ``fingerprint``, ``severity`` and ``location``
(``path`` relative to the repository root, like SARIF, and ``lines.begin``). GitLab has no
suppressions, so waived findings are left out. Severity: a validation error (KM001-KM006, the
inventory cannot be audited) is ``critical``, an audit error ``major``, a warning ``minor``, info
``info``. A finding without a line (none today) is placed on line 1 (GitLab requires a line).

GitLab drops issues whose fingerprint repeats, so the fingerprint is the finding's (rule and
subjects, stable across edits) and, only for a second finding with the same one (validation
errors at several positions of one entry), a hash that adds the position and the message.
"""

from __future__ import annotations

import enum
import hashlib
from typing import Any, ClassVar

from kommarch.findings import Finding, Lang, Severity
from kommarch.paths import Anchors
from kommarch.render.base import Renderer
from kommarch.render.jsonout import dumps
from kommarch.report import Report


class CodeQualitySeverity(enum.StrEnum):
    """GitLab's severities, lowest first (a closed set documented by GitLab)."""

    INFO = "info"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"
    BLOCKER = "blocker"


_SEVERITY = {
    Severity.ERROR: CodeQualitySeverity.MAJOR,
    Severity.WARNING: CodeQualitySeverity.MINOR,
    Severity.INFO: CodeQualitySeverity.INFO,
}


def severity(f: Finding) -> CodeQualitySeverity:
    """``critical`` for a validation error, else by the finding's severity."""
    if f.rule < "KM100" and f.severity is Severity.ERROR:
        return CodeQualitySeverity.CRITICAL
    return _SEVERITY[f.severity]


def _unique(f: Finding, seen: set[str]) -> str:
    fingerprint = f.fingerprint
    if fingerprint in seen:
        loc = f.location
        key = "\x1f".join((fingerprint, str(loc), f.message.en))
        fingerprint = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    seen.add(fingerprint)
    return fingerprint


def issue(f: Finding, fingerprint: str, lang: Lang, anchors: Anchors) -> dict[str, Any]:
    """One Code Quality issue."""
    return {
        "description": f"{f.rule} {f.message.get(lang)}",
        "check_name": f.rule,
        "fingerprint": fingerprint,
        "severity": severity(f).value,
        "location": {
            "path": anchors.repo_path(f.location.path),
            "lines": {"begin": f.location.line or 1},
        },
    }


def code_quality(report: Report) -> list[dict[str, Any]]:
    """The report as Code Quality issues, in the report's order."""
    seen: set[str] = set()
    return [
        issue(f, _unique(f, seen), report.lang, report.anchors)
        for f in report.findings
        if not f.waived
    ]


class GitlabRenderer(Renderer):
    """GitLab Code Quality JSON, two-space indented."""

    name: ClassVar[str] = "gitlab"

    def render(self, report: Report) -> str:
        """The issues as a JSON array, ending in a newline."""
        return dumps(code_quality(report)) + "\n"
