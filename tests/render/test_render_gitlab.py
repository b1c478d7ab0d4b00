"""The gitlab format: GitLab Code Quality (schema from GitLab's docs), severities, fingerprints."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pytest
from tests.codescanning import check_gitlab

from kommarch.findings import Finding, Severity, Text
from kommarch.inventory.location import Location
from kommarch.render import render
from kommarch.render.gitlab import CodeQualitySeverity, severity
from kommarch.report import Report


@pytest.mark.parametrize("lang", ["en", "da"])
def test_golden_and_schema(
    make_audit: Callable[[str], Report], golden: Callable[[str, str], None], lang: str
) -> None:
    out = render(make_audit(lang), "gitlab")
    golden(f"audit-{lang}.gitlab", out)
    check_gitlab(json.loads(out))


def test_issue_shape_and_repository_relative_path(make_audit: Callable[[str], Report]) -> None:
    issues = json.loads(render(make_audit("en"), "gitlab"))
    km201 = next(i for i in issues if i["check_name"] == "KM201")
    assert km201 == {
        "description": "KM201 ky gets indkomst by integration, but no active integration "
        "delivers it",
        "check_name": "KM201",
        "fingerprint": km201["fingerprint"],
        "severity": "major",
        "location": {"path": "inventories/skovlund/systems/ydelser.yaml", "lines": {"begin": 30}},
    }
    assert len(km201["fingerprint"]) == 16
    assert "KM302" not in {i["check_name"] for i in issues}  # waived: GitLab cannot suppress


def _finding(rule: str, sev: Severity, line: int | None = 3) -> Finding:
    return Finding(rule, "x", sev, ("a",), Text.same("m"), Location("a.yaml", line, 1))


def test_severity_mapping() -> None:
    assert severity(_finding("KM002", Severity.ERROR)) is CodeQualitySeverity.CRITICAL
    assert severity(_finding("KM201", Severity.ERROR)) is CodeQualitySeverity.MAJOR
    assert severity(_finding("KM401", Severity.WARNING)) is CodeQualitySeverity.MINOR
    assert severity(_finding("KM404", Severity.INFO)) is CodeQualitySeverity.INFO


def test_repeated_fingerprints_are_made_unique_and_lines_are_never_missing(
    make_audit: Callable[[str], Report],
) -> None:
    one = _finding("KM002", Severity.ERROR, 3)
    two = dataclasses.replace(one, location=Location("a.yaml", 7, 1))
    lineless = _finding("KM001", Severity.ERROR, None)
    report = dataclasses.replace(make_audit("en"), findings=[lineless, one, two])
    issues = json.loads(render(report, "gitlab"))
    check_gitlab(issues)
    assert issues[0]["location"]["lines"] == {"begin": 1}
    assert issues[1]["fingerprint"] == one.fingerprint
    assert issues[2]["fingerprint"] != one.fingerprint
    assert json.loads(render(report, "gitlab")) == issues  # deterministic


def test_schema_rejects_what_gitlab_rejects(make_audit: Callable[[str], Report]) -> None:
    issues = json.loads(render(make_audit("en"), "gitlab"))
    for broken in (
        [{**issues[0], "severity": "error"}],
        [{**issues[0], "location": {"path": "./a.yaml", "lines": {"begin": 1}}}],
        [{**issues[0], "location": {"path": "a.yaml"}}],
        [issues[0], issues[0]],
    ):
        with pytest.raises(
            Exception, match=r"is not one of|should not be valid|is not valid|repeat"
        ):
            check_gitlab(broken)
